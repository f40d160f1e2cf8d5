/**
 * The executive summary sheet, recalculated by LibreOffice Calc: each measure's status is a
 * live Excel formula over the actual (typed, or linked to another sheet) and the target, and
 * it must agree with the status the pane shows (measureStatus) for every measure.
 */
import fc from "fast-check";
import { Measure, V2mom, measureStatus } from "../../src/domain/v2mom";
import { v2momSummary, SummaryLabels } from "../../src/workbook/v2momSummary";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { typeInto } from "../support/handEdits";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";

const labels: SummaryLabels = {
  title: (d) => `${d.orgUnit} FY${d.fiscalYear}`,
  owner: "Owner",
  alignedTo: "Aligned to",
  vision: "Vision",
  values: "Values",
  methods: "Methods",
  measures: "Measures",
  obstacles: "Obstacles",
  general: "General",
  columns: { rank: "Rank", method: "Method", owner: "Owner", due: "Due", supports: "Supports" },
  measureColumns: {
    method: "Method",
    metric: "Metric",
    unit: "Unit",
    target: "Target",
    actual: "Actual",
    status: "Status",
    checked: "Checked",
  },
};

// Away from the exact thresholds, where spreadsheet engines compare with a tolerance.
const clearOfThresholds = (m: Measure, actual: number | undefined) => {
  if (actual === undefined || m.target === undefined || m.target === 0) return true;
  const ratio = actual / m.target;
  return [m.onTrackAt ?? 0.95, m.atRiskAt ?? 0.8].every((t) => Math.abs(ratio - t) > 1e-6);
};

describe("executive summary sheet", () => {
  it("has live status formulas that LibreOffice evaluates to the pane's status, for typed and linked actuals", async () => {
    const measureArb = fc.record({
      target: fc.option(fc.oneof(fc.integer({ min: -1000, max: 2_000_000 }), fc.constant(0)), {
        nil: undefined,
      }),
      actual: fc.option(fc.integer({ min: -1000, max: 3_000_000 }), { nil: undefined }),
      linked: fc.boolean(),
      thresholds: fc.option(
        fc.tuple(
          fc.double({ min: 0.5, max: 1.2, noNaN: true }),
          fc.double({ min: 0.1, max: 0.5, noNaN: true })
        ),
        { nil: undefined }
      ),
    });
    const drawn = fc.sample(measureArb, { numRuns: 60, seed: 2027 });
    const driver = await PackageDriver.blank();
    const actuals: Record<string, number | null> = {};
    const measures: Measure[] = drawn.map((d, i) => {
      const m: Measure = { id: `K${i + 1}`, metric: `Metric ${i + 1}`, target: d.target };
      if (d.thresholds) [m.onTrackAt, m.atRiskAt] = d.thresholds;
      if (d.linked) {
        actuals[`B${i + 1}`] = d.actual ?? null;
        m.actualLink = `'Actuals O''Brien FY27'!B${i + 1}`;
      } else m.actual = d.actual;
      return m;
    });
    await typeInto(driver, "Actuals O'Brien FY27", actuals);
    const expected = drawn.map((d, i) =>
      clearOfThresholds(measures[i], d.actual)
        ? (measureStatus(measures[i], d.actual) ?? "")
        : undefined
    );
    const doc: V2mom = {
      id: "D1",
      orgUnit: "=Contoso",
      level: "Company",
      fiscalYear: 2027,
      version: "Annual",
      status: "Published",
      vision: "+Grow",
      values: [{ id: "V1", text: "@Trust" }],
      methods: [],
      obstacles: [],
      measures,
    };
    await driver.writeReport(v2momSummary([doc], labels));
    await expectValidWorkbook(await driver.toBuffer());
    const summary = (await sheetsAsCsv(await driver.toBuffer()))("V2MOM Summary");
    // User text that looks like a formula is shown as typed.
    expect(summary[0][0]).toBe("=Contoso FY2027");
    expect(summary.find((row) => row[0] === "Vision")?.[1]).toBe("+Grow");
    const byMetric = new Map(summary.map((row) => [row[1], row]));
    const compared = measures.map((m, i) => {
      const row = byMetric.get(m.metric)!;
      return {
        metric: m.metric,
        status: expected[i] === undefined ? undefined : row[5],
        expected: expected[i],
      };
    });
    expect(compared).toEqual(compared.map((c) => ({ ...c, status: c.expected })));
    // The sample covers every status.
    expect(expected.filter((s) => s === "At risk").length).toBeGreaterThan(0);
    expect(expected.filter((s) => s === "On track").length).toBeGreaterThan(3);
    expect(expected.filter((s) => s === "Off track").length).toBeGreaterThan(3);
  }, 180_000);
});
