/**
 * The executive summary sheet, recalculated by LibreOffice Calc: each measure's status is a
 * live Excel formula over the actual (typed, or linked to another sheet) and the target, and
 * it must agree with the status the pane shows (measureStatus) for every measure.
 */
import fc from "fast-check";
import {
  MEASURE_DIRECTIONS,
  Measure,
  MeasureDirection,
  V2mom,
  measureStatus,
} from "../../src/domain/v2mom";
import { v2momSummary, SummaryLabels } from "../../src/workbook/v2momSummary";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { typeInto } from "../support/handEdits";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";

const labels: SummaryLabels = {
  printTitle: "V2MOM executive summary",
  printWords: { written: "Written {date}", page: "Page {page} of {pages}" },
  statuses: { "On track": "On track", "At risk": "At risk", "Off track": "Off track" },
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

// The thresholds each direction uses when a measure sets none, as the domain documents them.
const defaults = (m: Measure): [number, number] =>
  m.direction === "Lower is better"
    ? [1, 1.2]
    : m.direction === "Within a range"
      ? [Math.abs(m.target ?? 0) * 0.05, Math.abs(m.target ?? 0) * 0.2]
      : [0.95, 0.8];

// Away from the exact thresholds, where spreadsheet engines compare with a tolerance.
const clearOfThresholds = (m: Measure, actual: number | undefined) => {
  if (actual === undefined || m.target === undefined || m.target === 0) return true;
  const [onTrack, atRisk] = defaults(m);
  const limits = [m.onTrackAt ?? onTrack, m.atRiskAt ?? atRisk];
  // A range compares the distance from the target with tolerances; the others the ratio.
  const range = m.direction === "Within a range";
  const measured = range ? Math.abs(actual - m.target) : actual / m.target;
  const scale = range ? Math.max(1, Math.abs(m.target)) : 1;
  return limits.every((t) => Math.abs(measured - t) > 1e-6 * scale);
};

describe("executive summary sheet", () => {
  it("has live status formulas that LibreOffice evaluates to the pane's status, in every direction, for typed and linked actuals", async () => {
    const measureArb = fc.record({
      direction: fc.constantFrom<MeasureDirection | undefined>(undefined, ...MEASURE_DIRECTIONS),
      target: fc.option(fc.oneof(fc.integer({ min: -1000, max: 2_000_000 }), fc.constant(0)), {
        nil: undefined,
      }),
      // Mostly near the target, so every status of every direction comes up; sometimes anywhere.
      factor: fc
        .oneof(
          { arbitrary: fc.integer({ min: 50, max: 150 }), weight: 3 },
          { arbitrary: fc.integer({ min: -50, max: 200 }), weight: 1 }
        )
        .map((percent) => percent / 100),
      anywhere: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: fc.integer({ min: -1000, max: 3_000_000 }), weight: 1 }
      ),
      missing: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      linked: fc.boolean(),
      thresholds: fc.option(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true })
        ),
        { nil: undefined }
      ),
    });
    const drawn = fc.sample(measureArb, { numRuns: 120, seed: 2027 }).map((d) => ({
      ...d,
      actual: d.missing
        ? undefined
        : d.target === undefined || d.anywhere !== undefined
          ? d.anywhere
          : Math.round(d.target * d.factor),
    }));
    const driver = await PackageDriver.blank();
    const actuals: Record<string, number | null> = {};
    const measures: Measure[] = drawn.map((d, i) => {
      const m: Measure = { id: `K${i + 1}`, metric: `Metric ${i + 1}`, target: d.target };
      if (d.direction) m.direction = d.direction;
      if (d.thresholds) {
        // Thresholds that make sense in the direction's terms (see StatusThresholds).
        const [a, b] = d.thresholds;
        const size = Math.abs(d.target ?? 0);
        [m.onTrackAt, m.atRiskAt] =
          d.direction === "Lower is better"
            ? [0.8 + 0.4 * a, 1.2 + 0.5 * b]
            : d.direction === "Within a range"
              ? [size * 0.2 * a, size * (0.2 * a + 0.3 * b)]
              : [0.5 + 0.7 * a, 0.1 + 0.4 * b];
      }
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
    await driver.writeReport(v2momSummary([doc], labels, "2027-03-31"));
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
    // The sample covers every status in every direction, a missing direction included.
    const covered = [undefined, ...MEASURE_DIRECTIONS].flatMap((direction) =>
      ["On track", "At risk", "Off track"].map((status) => ({
        direction,
        status,
        drawn: expected.some((s, i) => s === status && drawn[i].direction === direction),
      }))
    );
    expect(covered).toEqual(covered.map((c) => ({ ...c, drawn: true })));
  }, 180_000);

  it("formats money without cents, whole amounts as whole numbers and others with two decimals, ranks as whole numbers, and prints with its title and the day the caller gives", () => {
    const doc: V2mom = {
      id: "D1",
      orgUnit: "Contoso",
      level: "Company",
      fiscalYear: 2027,
      version: "Annual",
      status: "Published",
      vision: "Grow",
      values: [],
      methods: [{ id: "M1", text: "Grow enterprise" }],
      obstacles: [],
      measures: [
        { id: "K1", methodId: "M1", metric: "Revenue", unit: "USD", target: 60_000_000 },
        { id: "K2", methodId: "M1", metric: "Cycle", unit: "days", target: 60, actual: 62 },
        { id: "K3", methodId: "M1", metric: "Deviation", unit: "%", target: 5, actual: 4.5 },
        { id: "K5", methodId: "M1", metric: "Win rate", unit: "ratio", target: 0.3 },
        { id: "K6", metric: "NPS", unit: "points", target: 40, actualLink: "Actuals!B3" },
        { id: "K4", metric: "Margin", unit: "€", target: 1000, actualLink: "Actuals!B2" },
      ],
    };
    const sheet = v2momSummary([doc], labels, "2027-03-31");
    expect(sheet.print).toEqual({
      header: "V2MOM executive summary",
      written: "2027-03-31",
      words: { written: "Written {date}", page: "Page {page} of {pages}" },
    });
    const styleOf = (metric: string, col: number) => {
      const row = sheet.cells.find((c) => c.value === metric)!.row;
      return sheet.cells.find((c) => c.row === row && c.col === col)?.style;
    };
    // Target (D) and actual (E): money for currencies; otherwise whole numbers as 60 (not
    // 60.00) and fractions with two decimals (5 means 5%).
    const targets = ["Revenue", "Cycle", "Deviation", "Margin", "Win rate", "NPS"];
    expect(targets.map((m) => styleOf(m, 4))).toEqual([
      "money",
      "integer",
      "integer",
      "money",
      "number",
      "integer",
    ]);
    expect(styleOf("Margin", 5)).toBe("money");
    expect(styleOf("Cycle", 5)).toBe("integer");
    expect(styleOf("Deviation", 5)).toBe("number");
    // A linked actual can be any number: it keeps its decimals.
    expect(styleOf("NPS", 5)).toBe("number");
    // The method's rank beside each of its measures and in the methods table.
    expect(styleOf("Cycle", 1)).toBe("integer");
    expect(styleOf("Grow enterprise", 1)).toBe("integer");
  });
});
