/**
 * The Capacity step of the Territories & Quotas pane on the sample's reps: the team in seat
 * from the reps table, a bad field said at the field (in English and Chinese), hires proposed
 * that reach the target, a plan saved with its scenario that a reopened workbook reads back,
 * and a revenue bridge whose actual factor is read from a cell (and says why when it cannot be).
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { capacityPlan, hiresNeeded } from "../../src/domain/capacity";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { inPageRunner } from "../../src/taskpane/territories/runner";
import { TerritoriesPane } from "../../src/taskpane/territories/TerritoriesPane";
import { readCapacityPlan } from "../../src/workbook/capacityTables";
import { tables } from "../../src/workbook/schema";
import type { PackageDriver } from "../../src/workbook/packageDriver";
import { typeInto } from "../support/handEdits";
import { renderPane, reopened } from "../support/renderPane";
import { click, ready, step, territoriesWorkbook } from "../support/territoriesPane";

const fieldOf = (label: string | RegExp) =>
  screen.getByLabelText(label).closest(".fui-Field") as HTMLElement;
const valueOf = (label: string | RegExp) =>
  (screen.getByLabelText(label) as HTMLInputElement).value;
const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const L = (key: keyof typeof enUS) => enUS[key];
const month = (m: number) => `Month ${m}`;

/** The sample's 8 reps, full time but the first at half time: 7.5 FTE in all. */
async function sampleWithHalfTimeRep() {
  let fte = 0;
  const driver = await territoriesWorkbook((_, reps) => {
    reps.forEach((r, i) => (r[6] = i === 0 ? 0.5 : 1));
    fte = reps.reduce((sum, r) => sum + Number(r[6]), 0);
  });
  return { driver, fte };
}

async function openCapacity(
  locale: "en-US" | "zh-CN" = "en-US",
  prepare?: (driver: PackageDriver) => Promise<void>
) {
  const { driver, fte } = await sampleWithHalfTimeRep();
  await prepare?.(driver);
  const view = renderPane(<TerritoriesPane runner={inPageRunner} />, driver, locale);
  if (locale === "en-US") await ready();
  else await screen.findByText(/150.*8/, {}, { timeout: 5000 });
  await act(async () => {
    fireEvent.click(screen.getAllByRole("tab")[0]);
  });
  return { ...view, fte };
}

describe("the Capacity step", () => {
  it("comes first and starts from the FTE of the reps table", async () => {
    const { fte } = await openCapacity();
    expect(fte).toBe(7.5);
    expect(screen.getAllByRole("tab")[0]).toHaveTextContent(`1. ${L("territories.step.capacity")}`);
    expect(valueOf(L("territories.capacity.startHeadcount"))).toBe("7.5");
    expect(
      within(fieldOf(L("territories.capacity.startHeadcount"))).getByText(
        "The reps table holds 7.5 FTE."
      )
    ).toBeInTheDocument();
    // No productivity yet: the field says it is needed, and nothing is saved.
    expect(
      within(fieldOf(L("territories.capacity.productivity"))).getByText(
        "Revenue per ramped rep per month is needed."
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: L("territories.capacity.save") })).toBeDisabled();
  });

  it("says at the field what is wrong, and shows the plan once nothing is", async () => {
    await openCapacity();
    type(L("territories.capacity.productivity"), "-5");
    expect(
      within(fieldOf(L("territories.capacity.productivity"))).getByText(
        "Revenue per ramped rep per month must be 0 or more."
      )
    ).toBeInTheDocument();
    type(L("territories.capacity.attrition"), "150%");
    expect(
      within(fieldOf(L("territories.capacity.attrition"))).getByText(
        "Annual attrition must be between 0% and 100%."
      )
    ).toBeInTheDocument();
    type(L("territories.capacity.backfill"), "1.5");
    expect(
      within(fieldOf(L("territories.capacity.backfill"))).getByText(
        "Give a whole number of months, 0 or more, or leave it empty."
      )
    ).toBeInTheDocument();
    type(L("territories.capacity.ramp"), "25%; half");
    expect(
      within(fieldOf(L("territories.capacity.ramp"))).getByText(L("territories.listInvalid"))
    ).toBeInTheDocument();
    type(month(4), "-1");
    expect(within(fieldOf(month(4))).getByText("Month 4 must be 0 or more.")).toBeInTheDocument();
    expect(screen.getByText(L("territories.capacity.fixFields"))).toBeInTheDocument();
    expect(screen.getByRole("button", { name: L("territories.capacity.save") })).toBeDisabled();

    type(L("territories.capacity.productivity"), "10000");
    type(L("territories.capacity.attrition"), "0");
    type(L("territories.capacity.backfill"), "");
    type(L("territories.capacity.ramp"), "50%");
    type(month(4), "0");
    type(month(1), "2");
    type(L("territories.capacity.companyTarget"), "1200000");
    // By hand: month 1 has 9.5 in seat, 7.5 + 2 × ½ = 8.5 ramped, 85,000; then 95,000 a month.
    // The year: 85,000 + 11 × 95,000 = 1,130,000, 70,000 short of 1,200,000 (94%).
    // The chart loads when the plan shows.
    expect(await screen.findByLabelText(L("territories.capacity.chart"))).toBeInTheDocument();
    const plan = screen.getByRole("table", { name: L("territories.capacity.plan") });
    const first = within(plan).getAllByRole("row")[1];
    expect(
      within(first)
        .getAllByRole("cell")
        .map((c) => c.textContent)
    ).toEqual(["1", "9.5", "8.5", "85,000"]);
    expect(
      screen.getByText(
        /^The year's capacity is 1,130,000\. That is 70,000 short of the target of 1,200,000: the team can carry 94% of it\.$/
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: L("territories.capacity.save") })).toBeEnabled();
  });

  it("says a bad field in Chinese when the pane is in Chinese", async () => {
    await openCapacity("zh-CN");
    type(zhCN["territories.capacity.attrition"], "2");
    expect(
      within(fieldOf(zhCN["territories.capacity.attrition"])).getByText(
        zhCN["territories.check.share"].replace("{label}", zhCN["territories.capacity.attrition"])
      )
    ).toBeInTheDocument();
  });

  it("proposes the fewest hires in the chosen month that reach the target", async () => {
    await openCapacity();
    type(L("territories.capacity.companyTarget"), "12000000");
    type(L("territories.capacity.productivity"), "50000");
    type(L("territories.capacity.ramp"), "25%; 50%; 75%");
    type(L("territories.capacity.attrition"), "10%");
    fireEvent.change(screen.getByLabelText(L("territories.capacity.hireMonth")), {
      target: { value: "3" },
    });
    await click(L("territories.capacity.propose"));
    const ramp = Float64Array.of(0.25, 0.5, 0.75);
    const needed = hiresNeeded(12_000_000, 7.5, 50_000, {
      ramp,
      annualAttrition: 0.1,
      hireMonth: 3,
    });
    expect(needed).toBeGreaterThan(1);
    expect(valueOf(month(3))).toBe(String(needed));
    for (const m of [1, 2, 4, 12]) expect(valueOf(month(m))).toBe("0");
    expect(
      screen.getByText(
        `${needed} hire(s) joining in month 3 bring the year's capacity to the target.`
      )
    ).toBeInTheDocument();
    // The model with that many reaches the target; with one fewer it does not.
    const year = (count: number) => {
      const hires = new Float64Array(12);
      hires[2] = count;
      return capacityPlan(7.5, hires, 50_000, { ramp, annualAttrition: 0.1 }).reduce(
        (s, m) => s + m.revenue,
        0
      );
    };
    expect(year(needed)).toBeGreaterThanOrEqual(12_000_000);
    expect(year(needed - 1)).toBeLessThan(12_000_000);
    expect(screen.getByText(/That is .* above the target of 12,000,000\./)).toBeInTheDocument();

    // A hire in the last month ramps to nothing when the ramp starts at 0%: it says so.
    type(L("territories.capacity.ramp"), "0%");
    fireEvent.change(screen.getByLabelText(L("territories.capacity.hireMonth")), {
      target: { value: "12" },
    });
    await click(L("territories.capacity.propose"));
    expect(
      screen.getByText(
        "Hires joining in month 12 add nothing before the year ends; choose an earlier month."
      )
    ).toBeInTheDocument();
  });

  it("saves the plan with the scenario, and a reopened workbook reads it back", async () => {
    const { driver, unmount } = await openCapacity();
    type(L("territories.capacity.companyTarget"), "1200000");
    type(L("territories.capacity.productivity"), "10000");
    type(L("territories.capacity.ramp"), "50%");
    type(L("territories.capacity.backfill"), "2");
    type(month(1), "2");
    type(`${L("territories.capacity.factor.leads")}, plan`, "1000");
    type(`${L("territories.capacity.factor.leads")}, actual`, "800");
    await click(L("territories.capacity.save"));
    await screen.findByText("Capacity plan saved with scenario Base.");

    const { driver: file, plan } = await reopened(driver);
    expect(plan.problems).toEqual([]);
    const read = readCapacityPlan(plan.tables.capacity, "Base");
    expect(read.problems).toEqual([]);
    expect(read.inputs).toMatchObject({
      companyTarget: 1_200_000,
      startHeadcount: 7.5,
      productivity: 10_000,
      ramp: [0.5],
      backfillMonths: 2,
      hires: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(read.inputs?.bridgePlan[0]).toBe(1000);
    expect(read.inputs?.bridgeActual[0]).toBe(800);
    // Month 1 as worked by hand: 9.5 in seat, 8.5 ramped, 85,000.
    const sheet = (await file.readTable(tables.capacity))!;
    expect(sheet.rows.find((r) => r[1] === "hires" && r[2] === 1)).toEqual([
      "Base",
      "hires",
      1,
      2,
      9.5,
      8.5,
      85_000,
      null, // Link: the factors are typed
    ]);

    // The pane on the reopened workbook starts from the stored plan.
    unmount();
    renderPane(<TerritoriesPane runner={inPageRunner} />, file);
    await ready();
    await step(L("territories.step.capacity"));
    expect(valueOf(L("territories.capacity.productivity"))).toBe("10000");
    expect(valueOf(L("territories.capacity.backfill"))).toBe("2");
    expect(valueOf(month(1))).toBe("2");
    expect(valueOf(`${L("territories.capacity.factor.leads")}, actual`)).toBe("800");
  });
});

/** A sheet of actuals beside the plan: a win rate, a note, and nothing else. */
const withActuals = (driver: PackageDriver) =>
  typeInto(driver, "Actuals", { A2: "Win rate", B2: 0.3, A3: "Deal size", B3: "n/a" });

const factor = (key: "leads" | "leadToOpportunity" | "winRate" | "dealSize" | "collection") =>
  L(`territories.capacity.factor.${key}`);
const linkOf = (key: Parameters<typeof factor>[0]) => `${factor(key)}, actual from cell or name`;

/** Plan 1000 leads × 20% × 25% × 10,000 × 100%; the same actuals but the win rate, left to link. */
function typeBridge() {
  const plan = { leads: "1000", leadToOpportunity: "0.2", winRate: "0.25", dealSize: "10000" };
  for (const [key, value] of Object.entries(plan)) {
    type(`${factor(key as keyof typeof plan)}, plan`, value);
    if (key !== "winRate") type(`${factor(key as keyof typeof plan)}, actual`, value);
  }
  type(`${factor("collection")}, plan`, "1");
  type(`${factor("collection")}, actual`, "1");
}

describe("the revenue bridge's actual factors", () => {
  it("takes an actual factor from a linked cell and uses it in the bridge", async () => {
    await openCapacity("en-US", withActuals);
    typeBridge();
    expect(screen.getByText(L("territories.capacity.bridge.needsAll"))).toBeInTheDocument();
    type(linkOf("winRate"), "Actuals!B2");
    // The actual is the cell's, shown in its field and not typed there.
    await waitFor(() => expect(valueOf(`${factor("winRate")}, actual`)).toBe("0.3"));
    expect(screen.getByLabelText(`${factor("winRate")}, actual`)).toBeDisabled();
    // By hand: plan 1000 × 0.2 × 0.25 × 10,000 × 1 = 500,000; actual with a 30% win rate
    // 600,000. Every other factor is as planned (ln 1 = 0), so the whole 100,000 is the win
    // rate's: L(600,000, 500,000) × ln(0.3 / 0.25) = (100,000 / ln 1.2) × ln 1.2 = 100,000.
    const bridge = screen.getByRole("table", { name: L("territories.capacity.bridge") });
    const cells = (name: string) =>
      within(within(bridge).getByRole("row", { name: new RegExp(`^${name}`) }))
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells(factor("winRate"))).toEqual([factor("winRate"), "0.25", "0.3", "100,000"]);
    expect(cells(factor("leads"))).toEqual([factor("leads"), "1,000", "1,000", "0"]);
    expect(cells(L("territories.capacity.bridge.total"))).toEqual([
      L("territories.capacity.bridge.total"),
      "500,000",
      "600,000",
      "100,000",
    ]);
  });

  it("saves the link with the scenario, and a reopened workbook reads the cell again", async () => {
    const { driver, unmount } = await openCapacity("en-US", withActuals);
    type(L("territories.capacity.productivity"), "10000");
    typeBridge();
    type(`${factor("winRate")}, actual`, "0.2");
    type(linkOf("winRate"), "Actuals!B2");
    await waitFor(() => expect(valueOf(`${factor("winRate")}, actual`)).toBe("0.3"));
    await click(L("territories.capacity.save"));
    await screen.findByText("Capacity plan saved with scenario Base.");

    const { driver: file, plan } = await reopened(driver);
    expect(plan.problems).toEqual([]);
    const read = readCapacityPlan(plan.tables.capacity, "Base").inputs!;
    expect(read.bridgeActualLinks).toEqual([
      undefined,
      undefined,
      "Actuals!B2",
      undefined,
      undefined,
    ]);
    // The linked factor is kept as its link alone: the 0.2 typed before linking is not saved.
    expect(read.bridgeActual).toEqual([1000, 0.2, undefined, 10000, 1]);
    const sheet = (await file.readTable(tables.capacity))!;
    expect(sheet.rows.find((r) => r[1] === "bridge.actualLink.winRate")).toEqual([
      "Base",
      "bridge.actualLink.winRate",
      null,
      null,
      null,
      null,
      null,
      "Actuals!B2",
    ]);

    // The cell changes in the workbook; the reopened pane reads it, not the value once shown.
    await typeInto(file, "Actuals", { B2: 0.35 });
    unmount();
    renderPane(<TerritoriesPane runner={inPageRunner} />, file);
    await ready();
    await step(L("territories.step.capacity"));
    expect(valueOf(linkOf("winRate"))).toBe("Actuals!B2");
    await waitFor(() => expect(valueOf(`${factor("winRate")}, actual`)).toBe("0.35"));
  });

  it("says at the field why a link cannot be used", async () => {
    await openCapacity("en-US", withActuals);
    typeBridge();
    const save = () => screen.getByRole("button", { name: L("territories.capacity.save") });
    type(L("territories.capacity.productivity"), "10000");
    expect(save()).toBeEnabled();

    type(linkOf("winRate"), "'Actuals 2026'!B2");
    expect(
      await within(fieldOf(linkOf("winRate"))).findByText(
        "The linked cell 'Actuals 2026'!B2 no longer exists in this workbook."
      )
    ).toBeInTheDocument();
    expect(save()).toBeDisabled();

    type(linkOf("winRate"), "Actuals!B3");
    expect(
      await within(fieldOf(linkOf("winRate"))).findByText(
        "The linked cell Actuals!B3 does not hold a number."
      )
    ).toBeInTheDocument();
    expect(valueOf(`${factor("winRate")}, actual`)).toBe("");
    expect(screen.getByText(L("territories.capacity.bridge.needsAll"))).toBeInTheDocument();

    type(linkOf("winRate"), "B2 of Actuals");
    expect(
      within(fieldOf(linkOf("winRate"))).getByText(L("v2mom.issue.linkSyntax"))
    ).toBeInTheDocument();
    expect(save()).toBeDisabled();
  });

  it("says why in Chinese when the pane is in Chinese", async () => {
    await openCapacity("zh-CN", withActuals);
    const label = zhCN["territories.capacity.bridge.linkOf"].replace(
      "{factor}",
      zhCN["territories.capacity.factor.winRate"]
    );
    type(label, "Actuals!B3");
    expect(
      await within(fieldOf(label)).findByText("链接的单元格 Actuals!B3 不是数字。")
    ).toBeInTheDocument();
  });
});
