/**
 * The V2MOM pane over real .xlsx workbooks: every check reads the file back as bytes, as
 * Excel or a colleague would, rather than trusting the pane's own state.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { V2mom } from "../../src/domain/v2mom";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { V2momPane } from "../../src/taskpane/v2mom/V2momPane";
import { PlanStore } from "../../src/workbook/store";
import { v2momFromRows, v2momToRows } from "../../src/workbook/v2momTables";
import { PackageDriver } from "../../src/workbook/packageDriver";
import type ExcelJS from "exceljs";
import { readByExcelJs, typeInto } from "../support/handEdits";
import { renderPane, reopened } from "../support/renderPane";

const company: V2mom = {
  id: "D1",
  orgUnit: "Contoso",
  level: "Company",
  owner: "CEO",
  fiscalYear: 2027,
  version: "Annual",
  status: "Published",
  vision: "Be the most trusted planning partner",
  values: [{ id: "V1", text: "Customer success" }],
  methods: [
    { id: "M1", text: "Grow enterprise" },
    { id: "M2", text: "Expand in APAC" },
  ],
  obstacles: [],
  measures: [
    {
      id: "K1",
      methodId: "M1",
      metric: "New ARR",
      unit: "USD",
      target: 1_000_000,
      actual: 900_000,
    },
  ],
};

async function workbookWith(
  documents: V2mom[],
  edit?: (driver: PackageDriver) => Promise<void>
): Promise<PackageDriver> {
  const driver = await PackageDriver.blank();
  const store = new PlanStore(driver);
  await store.save(await store.load(), v2momToRows(documents));
  await edit?.(driver);
  return PackageDriver.fromBuffer(await driver.toBuffer());
}

const documentsIn = async (driver: PackageDriver) => {
  const { plan } = await reopened(driver);
  return v2momFromRows(
    plan.tables.v2momDocuments,
    plan.tables.v2momItems,
    plan.tables.v2momMeasures
  );
};

/** Labels of required fields end with Fluent's asterisk, so a label matches from its start. */
const labelled = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\*?$`);

const type = (label: string, value: string, scope: HTMLElement = document.body) =>
  fireEvent.change(within(scope).getByLabelText(labelled(label)), { target: { value } });

async function click(name: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

describe("V2MOM pane", () => {
  it("creates a company V2MOM with ranked values and methods, reorders a method by keyboard button, and saves it to the workbook", async () => {
    const { driver } = renderPane(<V2momPane />, await PackageDriver.blank());
    expect(await screen.findByText(enUS["v2mom.none"])).toBeInTheDocument();
    await click(enUS["v2mom.new"]);
    type(enUS["v2mom.field.orgUnit"], "Contoso");
    type(enUS["v2mom.field.vision"], "=Be the most trusted planning partner");
    await click(enUS["v2mom.addValue"]);
    type("Value 1", "Customer success");
    await click(enUS["v2mom.addMethod"]);
    await click(enUS["v2mom.addMethod"]);
    type("Method 1", "Expand in APAC");
    type("Method 2", "Grow enterprise");
    await click("Move Method 2 up");
    await click(enUS["v2mom.save"]);
    expect(await screen.findByText(enUS["v2mom.saved"])).toBeInTheDocument();

    const [saved] = await documentsIn(driver);
    expect(saved.orgUnit).toBe("Contoso");
    // Text that looks like a formula stays text in the file.
    expect(saved.vision).toBe("=Be the most trusted planning partner");
    expect(saved.values.map((v) => v.text)).toEqual(["Customer success"]);
    expect(saved.methods.map((m) => m.text)).toEqual(["Grow enterprise", "Expand in APAC"]);
    expect((await readByExcelJs(driver)).getWorksheet("V2MOM Items")!.getCell("E2").value).toBe(
      "Customer success"
    );
  });

  it("refuses to save a non-numeric target, says so next to the field, and keeps what was typed", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }]);
    renderPane(<V2momPane />, driver);
    const target = await screen.findByLabelText(enUS["v2mom.measure.target"]);
    fireEvent.change(target, { target: { value: "about a million" } });
    expect(screen.getByText(enUS["v2mom.notNumber"])).toBeInTheDocument();
    await click(enUS["v2mom.save"]);
    expect(
      await screen.findByText("Not saved: fix the 1 problem(s) shown next to the fields.")
    ).toBeInTheDocument();
    expect(screen.getByLabelText(enUS["v2mom.measure.target"])).toHaveValue("about a million");
    expect((await documentsIn(driver))[0].measures[0].target).toBe(1_000_000);
  });

  it("links a measure's actual to a workbook cell, shows its status from that cell, and refuses a link to a cell that no longer exists", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }], (d) =>
      typeInto(d, "Pipeline FY27", { C4: 700_000 })
    );
    renderPane(<V2momPane />, driver);
    const measure = await screen.findByRole("group", { name: "Measure 1" });
    // Typed actual 900,000 of 1,000,000 = 90%: at risk under the default thresholds.
    expect(within(measure).getByText("At risk")).toBeInTheDocument();
    type(enUS["v2mom.measure.link"], "'Pipeline FY27'!C4", measure);
    // 700,000 of 1,000,000 = 70%: off track.
    expect(await within(measure).findByText("Off track")).toBeInTheDocument();
    expect(within(measure).getByText("Linked cell holds 700,000")).toBeInTheDocument();
    await click(enUS["v2mom.save"]);
    await screen.findByText(enUS["v2mom.saved"]);
    expect((await documentsIn(driver))[0].measures[0].actualLink).toBe("'Pipeline FY27'!C4");

    type(enUS["v2mom.measure.link"], "'Pipeline FY26'!C4", measure);
    expect(
      await within(measure).findByText(
        "The linked cell 'Pipeline FY26'!C4 no longer exists in this workbook."
      )
    ).toBeInTheDocument();
    await click(enUS["v2mom.save"]);
    expect(await screen.findByText(/Not saved: fix the 1 problem/)).toBeInTheDocument();
    expect((await documentsIn(driver))[0].measures[0].actualLink).toBe("'Pipeline FY27'!C4");
  });

  it("aligns a team's method to the company's and warns about company methods nobody supports", async () => {
    const team: V2mom = {
      ...company,
      id: "D2",
      orgUnit: "APAC Sales",
      level: "Team",
      parentId: "D1",
      status: "Draft",
      values: [],
      methods: [{ id: "M1", text: "Open Singapore office" }],
      measures: [],
    };
    const driver = await workbookWith([company, team]);
    renderPane(<V2momPane />, driver);
    await screen.findByRole("button", { name: /APAC Sales/ });
    await click(/APAC Sales/);
    fireEvent.change(await screen.findByLabelText(enUS["v2mom.method.supports"]), {
      target: { value: "M2" },
    });
    await click(enUS["v2mom.save"]);
    await screen.findByText(enUS["v2mom.saved"]);
    expect((await documentsIn(driver))[1].methods[0].alignsTo).toBe("M2");

    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: enUS["v2mom.tab.alignment"] }));
    });
    expect(screen.getByText("1 alignment warning(s)")).toBeInTheDocument();
    expect(
      screen.getByText("No one below supports “Grow enterprise” (Contoso).")
    ).toBeInTheDocument();
    expect(screen.getByText(/supports “Expand in APAC”/)).toBeInTheDocument();
  });

  it("publishes (then read-only), starts the mid-year refresh as a new draft, and shows what changed between versions", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }]);
    renderPane(<V2momPane />, driver);
    await screen.findByRole("group", { name: "Measure 1" });
    await click(enUS["v2mom.publish"]);
    await screen.findByText(enUS["v2mom.published"]);
    expect(screen.getByText(enUS["v2mom.readOnly"])).toBeInTheDocument();
    expect(screen.getByLabelText(enUS["v2mom.field.vision"])).toBeDisabled();

    await click(enUS["v2mom.startRefresh"]);
    await screen.findByText(enUS["v2mom.refreshStarted"]);
    await click("Move Method 2 up");
    type("Method 1", "Expand in APAC and Japan");
    await click(enUS["v2mom.addValue"]);
    type("Value 2", "Trust");
    await click(enUS["v2mom.save"]);
    await screen.findByText(enUS["v2mom.saved"]);

    const saved = await documentsIn(driver);
    expect(saved.map((d) => [d.version, d.status])).toEqual([
      ["Annual", "Published"],
      ["Mid-year refresh", "Draft"],
    ]);
    expect(saved[0].methods.map((m) => m.text)).toEqual(["Grow enterprise", "Expand in APAC"]);

    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: enUS["v2mom.tab.changes"] }));
    });
    const rows = screen
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((c) => c.textContent)
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        ["Values", "Added", "", "Trust"],
        ["Methods", "Reworded", "Expand in APAC", "Expand in APAC and Japan"],
        ["Methods", "Re-ranked", "2", "1"],
        ["Methods", "Re-ranked", "1", "2"],
      ])
    );
    expect(rows).toHaveLength(4);
  });

  it("keeps what was typed when the workbook cannot be written, and the file still holds the previous plan", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }]);
    renderPane(<V2momPane />, driver);
    await screen.findByRole("group", { name: "Measure 1" });
    type(enUS["v2mom.field.vision"], "A sharper vision");
    const write = jest
      .spyOn(driver, "writeTable")
      .mockRejectedValueOnce(new Error("the workbook is locked for editing"));
    await click(enUS["v2mom.save"]);
    expect(
      await screen.findByText(/Not saved: saving failed \(the workbook is locked for editing\)/)
    ).toBeInTheDocument();
    expect(screen.getByLabelText(enUS["v2mom.field.vision"])).toHaveValue("A sharper vision");
    write.mockRestore();
    expect((await documentsIn(driver))[0].vision).toBe(company.vision);
    await click(enUS["v2mom.save"]);
    await screen.findByText(enUS["v2mom.saved"]);
    expect((await documentsIn(driver))[0].vision).toBe("A sharper vision");
  });

  it("writes the executive summary sheet: blocks per V2MOM, live formulas for linked actuals and status, coloured by conditional formatting", async () => {
    const linkedCompany = {
      ...company,
      measures: [{ ...company.measures[0], actualLink: "'Pipeline FY27'!C4" }],
    };
    const driver = await workbookWith([linkedCompany], (d) =>
      typeInto(d, "Pipeline FY27", { C4: 700_000 })
    );
    renderPane(<V2momPane />, driver);
    await screen.findByRole("group", { name: "Measure 1" });
    await click(enUS["v2mom.writeSummary"]);
    await screen.findByText(/now summarises 1 V2MOM/);
    const { driver: file } = await reopened(driver);
    const sheet = (await readByExcelJs(file)).getWorksheet("V2MOM Summary")!;
    const text = (ref: string) => sheet.getCell(ref).text;
    expect(text("A1")).toBe("Contoso — V2MOM FY2027 (Annual, Published)");
    expect(text("B3")).toBe(company.vision);
    const cells: string[] = [];
    sheet.eachRow((row: ExcelJS.Row) =>
      row.eachCell((cell: ExcelJS.Cell) => cells.push(String(cell.text)))
    );
    expect(cells).toEqual(
      expect.arrayContaining([
        "1. Customer success",
        "Grow enterprise",
        "Expand in APAC",
        "New ARR",
      ])
    );
    const metricRow = (sheet.getColumn(2).values as unknown[]).findIndex((v) => v === "New ARR");
    expect(sheet.getCell(metricRow, 5).formula).toBe(
      "IF(ISNUMBER('Pipeline FY27'!C4),'Pipeline FY27'!C4,\"\")"
    );
    expect(sheet.getCell(metricRow, 6).formula).toMatch(/^IF\(OR\(E\d+="",D\d+=""\)/);
    expect(sheet.getCell(metricRow, 4).value).toBe(1_000_000);

    // A second summary keeps the first as its previous version.
    await click(enUS["v2mom.writeSummary"]);
    const again = await readByExcelJs(driver);
    expect(again.getWorksheet("V2MOM Summary (previous)")).toBeDefined();
    expect(again.getWorksheet("V2MOM Summary")).toBeDefined();
  });

  it("speaks Simplified Chinese and has no axe violations with a V2MOM open", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }]);
    const { container } = renderPane(<V2momPane />, driver, "zh-CN");
    expect(await screen.findByLabelText(zhCN["v2mom.field.vision"])).toHaveValue(company.vision);
    expect(screen.getByRole("button", { name: zhCN["v2mom.save"] })).toBeInTheDocument();
    expect(screen.getByText(zhCN["v2mom.measureStatus.At risk"])).toBeInTheDocument();
    const results = await axe(container);
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    ).toEqual([]);
  });

  it("shows the alignment of 200 documents and 5,000 methods without drawing them all", async () => {
    const methods = (doc: number) =>
      Array.from({ length: 25 }, (_, m) => ({
        id: `M${m + 1}`,
        text: `Method ${m + 1} of ${doc}`,
        alignsTo: doc > 1 && m % 2 ? `M${m + 1}` : undefined,
      }));
    const many = Array.from({ length: 200 }, (_, i): V2mom => ({
      ...company,
      id: `D${i + 1}`,
      orgUnit: `Unit ${i + 1}`,
      parentId: i ? "D1" : undefined,
      level: i ? "Team" : "Company",
      methods: methods(i + 1),
      measures: [],
    }));
    renderPane(<V2momPane />, await workbookWith(many));
    await screen.findByRole("button", { name: /Unit 1 ·/ });
    const alignment = await screen.findByRole("tab", { name: enUS["v2mom.tab.alignment"] });
    await act(async () => {
      fireEvent.click(alignment);
    });
    const tree = screen.getByRole("list", { name: enUS["v2mom.tab.alignment"] });
    const drawn = within(tree).getAllByRole("listitem");
    expect(drawn.length).toBeLessThan(80);
    expect(drawn[0]).toHaveAttribute("aria-setsize", String(200 + 200 * 25));
    // 199 teams × 13 unaligned methods, and the company's 13 odd methods nobody supports;
    // the list names the first 50 and counts the rest.
    const warnings = 199 * 13 + 13;
    expect(screen.getByText(`${warnings} alignment warning(s)`)).toBeInTheDocument();
    expect(screen.getByText(`…and ${warnings - 50} more.`)).toBeInTheDocument();
  });

  it("lists 200 documents without drawing them all, and finds one by name", async () => {
    const many = Array.from({ length: 200 }, (_, i): V2mom => ({
      ...company,
      id: `D${i + 1}`,
      orgUnit: `Team ${i + 1}`,
      parentId: i ? "D1" : undefined,
      level: i ? "Team" : "Company",
    }));
    renderPane(<V2momPane />, await workbookWith(many));
    const list = await screen.findByRole("list", { name: enUS["v2mom.documents"] });
    await waitFor(() => expect(within(list).getAllByRole("listitem").length).toBeGreaterThan(5));
    expect(within(list).getAllByRole("listitem").length).toBeLessThan(60);
    type(enUS["v2mom.search"], "Team 187");
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(1));
  });
});
