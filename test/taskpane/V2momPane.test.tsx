/**
 * The V2MOM pane over real .xlsx workbooks: every check reads the file back as bytes, as
 * Excel or a colleague would, rather than trusting the pane's own state.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { V2mom } from "../../src/domain/v2mom";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { sampleData } from "../../src/sample/samplePlan";
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
    // Read-only, not disabled: the fields still read (and copy) as text; they just cannot change.
    const vision = screen.getByLabelText(enUS["v2mom.field.vision"]);
    expect(vision).toHaveAttribute("readonly");
    expect(vision).not.toBeDisabled();

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
        ["Values", "Trust", "Added", "", "Trust"],
        [
          "Methods",
          "Expand in APAC and Japan",
          "Reworded",
          "Expand in APAC",
          "Expand in APAC and Japan",
        ],
        ["Methods", "Expand in APAC and Japan", "Re-ranked", "2", "1"],
        ["Methods", "Grow enterprise", "Re-ranked", "1", "2"],
      ])
    );
    expect(rows).toHaveLength(4);
    // The versions by what the user calls them, not by the document's internal id.
    const pickers = screen.getAllByRole("combobox").filter((c) => c.tagName === "SELECT");
    const shown = pickers.flatMap((p) => [...(p as HTMLSelectElement).options].map((o) => o.text));
    expect(shown).toEqual(
      expect.arrayContaining(["Annual (Published)", "Mid-year refresh (Draft)"])
    );
    for (const text of shown) expect(text).not.toMatch(/\bD\d+\b/);
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
    // The workbook had no summary: no earlier one is spoken of.
    await screen.findByText('The sheet "V2MOM Summary" now summarises 1 V2MOM(s).');
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
    await screen.findByText(
      'The sheet "V2MOM Summary" now summarises 1 V2MOM(s); the earlier summary was kept as "V2MOM Summary (previous)".'
    );
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

  it("changes a measure's badge with its direction: 62 days against a target of 60 is on track only while higher is better", async () => {
    const cycle = {
      ...company,
      status: "Draft" as const,
      measures: [{ id: "K1", metric: "Median sales cycle", unit: "days", target: 60, actual: 62 }],
    };
    const driver = await workbookWith([cycle]);
    renderPane(<V2momPane />, driver);
    const measure = await screen.findByRole("group", { name: "Measure 1" });
    // A measure saved before directions: higher is better, and the thresholds show the values the rule uses.
    expect(within(measure).getByText("On track")).toBeInTheDocument();
    const direction = within(measure).getByRole("combobox", {
      name: enUS["v2mom.measure.direction"],
    });
    expect(direction).toHaveTextContent(enUS["v2mom.direction.Higher is better"]);
    const threshold = (key: "onTrack" | "atRisk", d: string) =>
      within(measure).getByLabelText(enUS[`v2mom.threshold.${d}.${key}` as keyof typeof enUS]);
    expect(threshold("onTrack", "Higher is better")).toHaveValue("0.95");
    expect(threshold("atRisk", "Higher is better")).toHaveValue("0.8");

    await act(async () => {
      fireEvent.click(direction);
    });
    await act(async () => {
      fireEvent.click(
        screen.getByRole("option", { name: enUS["v2mom.direction.Lower is better"] })
      );
    });
    // 62 / 60 = 1.033: above the target, within the default 20% at-risk band.
    expect(await within(measure).findByText("At risk")).toBeInTheDocument();
    expect(threshold("onTrack", "Lower is better")).toHaveValue("1");
    expect(threshold("atRisk", "Lower is better")).toHaveValue("1.2");
    type(enUS["v2mom.measure.actual"], "58", measure);
    expect(await within(measure).findByText("On track")).toBeInTheDocument();
    type(enUS["v2mom.measure.actual"], "80", measure);
    expect(await within(measure).findByText("Off track")).toBeInTheDocument();

    // Within a range: "between 55 and 65 days" is 60 ± 5.
    await act(async () => {
      fireEvent.click(direction);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("option", { name: enUS["v2mom.direction.Within a range"] }));
    });
    type(enUS["v2mom.threshold.Within a range.onTrack"], "5", measure);
    type(enUS["v2mom.threshold.Within a range.atRisk"], "10", measure);
    expect(
      within(measure).getByText("On track between 55 and 65; at risk between 50 and 70.")
    ).toBeInTheDocument();
    type(enUS["v2mom.measure.actual"], "64", measure);
    expect(await within(measure).findByText("On track")).toBeInTheDocument();
    type(enUS["v2mom.measure.actual"], "68", measure);
    expect(await within(measure).findByText("At risk")).toBeInTheDocument();

    await click(enUS["v2mom.save"]);
    await screen.findByText(enUS["v2mom.saved"]);
    const [saved] = await documentsIn(driver);
    expect(saved.measures[0]).toMatchObject({
      direction: "Within a range",
      onTrackAt: 5,
      atRiskAt: 10,
      actual: 68,
    });
    const table = (await readByExcelJs(driver)).getWorksheet("V2MOM Measures")!;
    const header = (table.getRow(1).values as unknown[]).indexOf("Direction");
    expect(table.getRow(2).getCell(header).value).toBe("Within a range");
  });

  it("asks before writing the executive summary while the open V2MOM has unsaved edits: without them, or saved first", async () => {
    const driver = await workbookWith([{ ...company, status: "Draft" }]);
    renderPane(<V2momPane />, driver);
    await screen.findByRole("group", { name: "Measure 1" });
    type(enUS["v2mom.field.vision"], "A sharper vision");
    const summaryVision = async () => {
      const { driver: file } = await reopened(driver);
      return (await readByExcelJs(file)).getWorksheet("V2MOM Summary")?.getCell("B3").text;
    };

    await click(enUS["v2mom.writeSummary"]);
    const warning =
      "Contoso has unsaved edits. The summary is written from saved V2MOMs, so they would be left out.";
    expect(screen.getByText(warning)).toBeInTheDocument();
    // Nothing is written until the user chooses.
    expect(await summaryVision()).toBeUndefined();
    await click(enUS["v2mom.summary.cancel"]);
    expect(screen.queryByText(warning)).not.toBeInTheDocument();
    expect(await summaryVision()).toBeUndefined();

    await click(enUS["v2mom.writeSummary"]);
    await click(enUS["v2mom.summary.writeWithout"]);
    await screen.findByText(/now summarises 1 V2MOM/);
    expect(await summaryVision()).toBe(company.vision);
    // The edit is still there, unsaved.
    expect(screen.getByLabelText(enUS["v2mom.field.vision"])).toHaveValue("A sharper vision");
    expect((await documentsIn(driver))[0].vision).toBe(company.vision);

    await click(enUS["v2mom.writeSummary"]);
    await click(enUS["v2mom.summary.saveAndWrite"]);
    await screen.findByText(/now summarises 1 V2MOM/);
    expect((await documentsIn(driver))[0].vision).toBe("A sharper vision");
    expect(await summaryVision()).toBe("A sharper vision");

    // Saved: the summary is written at once.
    await click(enUS["v2mom.writeSummary"]);
    expect(screen.queryByText(warning)).not.toBeInTheDocument();
  });

  it("shows a published V2MOM's fields read-only: values as text that cannot change, no add or remove buttons", async () => {
    const driver = await workbookWith([
      { ...company, measures: [{ ...company.measures[0], direction: "Lower is better" }] },
    ]);
    renderPane(<V2momPane />, driver);
    const measure = await screen.findByRole("group", { name: "Measure 1" });
    const fields = [
      screen.getByLabelText(labelled(enUS["v2mom.field.orgUnit"])),
      screen.getByLabelText(enUS["v2mom.field.level"]),
      within(measure).getByLabelText(labelled(enUS["v2mom.measure.metric"])),
      within(measure).getByLabelText(enUS["v2mom.measure.direction"]),
      within(measure).getByLabelText(enUS["v2mom.measure.target"]),
      within(measure).getByLabelText(enUS["v2mom.threshold.Lower is better.atRisk"]),
    ];
    for (const field of fields) {
      expect(field).toHaveAttribute("readonly");
      expect(field).not.toBeDisabled();
    }
    // Choices read as the words chosen; numbers in the reader's format; defaults shown.
    expect(fields.map((f) => (f as HTMLInputElement).value)).toEqual([
      "Contoso",
      enUS["v2mom.level.Company"],
      "New ARR",
      enUS["v2mom.direction.Lower is better"],
      "1,000,000",
      "1.2",
    ]);
    fireEvent.change(fields[0], { target: { value: "Fabrikam" } });
    expect(fields[0]).toHaveValue("Contoso");
    expect(screen.queryByText(enUS["v2mom.unsaved"])).not.toBeInTheDocument();
    for (const add of ["v2mom.addValue", "v2mom.addMethod", "v2mom.addMeasure"] as const)
      expect(screen.queryByRole("button", { name: enUS[add] })).not.toBeInTheDocument();
    expect(within(measure).queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });

  it("badges the sample's measures by their direction: a deviation of 4 against 5 on track, 62 days against 60 at risk", async () => {
    const { documents } = sampleData(2027, { accounts: 10, reps: 3, opportunities: 10 });
    renderPane(<V2momPane />, await workbookWith(documents));
    // The company V2MOM opens first: its median sales cycle is 2 days over a 60-day target.
    const cycle = await screen.findByRole("group", { name: "Measure 2" });
    expect(within(cycle).getByLabelText(labelled(enUS["v2mom.measure.metric"]))).toHaveValue(
      "Median sales cycle"
    );
    expect(within(cycle).getByText("At risk")).toBeInTheDocument();
    await click(/Global Sales/);
    const deviation = await screen.findByRole("group", { name: "Measure 1" });
    await waitFor(() =>
      expect(within(deviation).getByLabelText(labelled(enUS["v2mom.measure.metric"]))).toHaveValue(
        "Largest territory deviation"
      )
    );
    expect(within(deviation).getByText("On track")).toBeInTheDocument();
    type(enUS["v2mom.measure.actual"], "1", deviation);
    expect(await within(deviation).findByText("On track")).toBeInTheDocument();
    type(enUS["v2mom.measure.actual"], "8", deviation);
    expect(await within(deviation).findByText("Off track")).toBeInTheDocument();
  });
});
