/**
 * The sample's sheet of worked formulas: each PLAN function beside the native Excel formula
 * for the same figure, the native ones with their results stored as Excel saves them, the
 * PLAN ones given theirs by the report writer's recalculation, and the spilling results
 * (the interval, the quota split, the funnel by lead source) each in cells of their own.
 */
import type { CellValue } from "../workbook/rows";
import type { CellStyle, ReportCell } from "../workbook/report";
import type { PackageDriver } from "../workbook/packageDriver";
import { STAGES } from "./constants";
import type { SampleData } from "./samplePlan";

/** The worked formulas: each PLAN function with the native Excel formula for the same figure beside it. */
export function formulaRows(): {
  label: string;
  plan: string;
  native?: string;
  /** How the figure reads (a count, money, a share, a ratio). */
  style?: CellStyle;
}[] {
  return [
    {
      label: "Deals won",
      plan: "",
      native: '=COUNTIFS(Opportunities[Outcome],"Won")',
      style: "integer",
    },
    {
      label: "Deals lost",
      plan: "",
      native: '=COUNTIFS(Opportunities[Outcome],"Lost")',
      style: "integer",
    },
    {
      label: "Win rate",
      plan: "=PLAN.WINRATE(Opportunities[Outcome])",
      native: "=C2/(C2+C3)",
      style: "percent",
    },
    {
      // The interval spills into the next cell: lower bound here, upper bound beside it.
      label: "Win rate 95% interval (lower, upper)",
      plan: "=PLAN.WINRATECI(C2,C2+C3,0.95)",
      style: "percent",
    },
    {
      label: "Closed-won revenue",
      plan: "",
      native: '=SUMIFS(Opportunities[Amount],Opportunities[Outcome],"Won")',
      style: "money",
    },
    {
      label: "Open pipeline",
      plan: "",
      native: '=SUMIFS(Opportunities[Amount],Opportunities[Outcome],"Open")',
      style: "money",
    },
    {
      label: "Median sales cycle (days, open deals counted)",
      plan: '=PLAN.CYCLETIME(Opportunities[Created],Opportunities[Closed],"median")',
      style: "number",
    },
    {
      label: "Pipeline coverage of remaining quota",
      plan: "=PLAN.COVERAGE(C7,60000000-C6)",
      native: "=C7/(60000000-C6)",
      style: "ratio",
    },
  ];
}

/** The quota split worked on the sample: the company target over the reps, in proportion to capacity, to the cent. */
export const QUOTA_SPLIT_FORMULA = "=PLAN.QUOTASPLIT(60000000,Reps[Capacity],2)";

/** The funnel by lead source: a table with a row per source and a Total row, a column per stage and step. */
export const FUNNEL_BY_SOURCE_FORMULA = `=PLAN.CONVERSIONBY(Opportunities[LeadSource],Opportunities[StageReached],{"${STAGES.join('","')}"})`;

/**
 * Where the spilling results go: each into cells of its own, clear of the figures and of each
 * other, so that none is #SPILL! (the quota split beside the rep list, the funnel below both).
 */
export const SPILL_LAYOUT = {
  repColumn: 5,
  quotaSplit: { row: 2, col: 6 },
  funnelLabelRow: 28,
  funnel: { row: 29, col: 1 },
} as const;

/** Writes the "PLAN Formulas" sheet for the sample's data. */
export async function writeWorkedFormulas(driver: PackageDriver, data: SampleData): Promise<void> {
  // Native formulas carry their computed result, as Excel would save it, so readers that do
  // not recalculate (and links to these cells) see the figures.
  const outcome = (o: string) => data.opportunities.filter((row) => row[7] === o);
  const amount = (rows: CellValue[][]) => rows.reduce((sum, row) => sum + Number(row[6]), 0);
  const [won, lost] = [outcome("Won").length, outcome("Lost").length];
  const results: Record<string, number> = {
    "Deals won": won,
    "Deals lost": lost,
    "Win rate": won / (won + lost),
    "Closed-won revenue": amount(outcome("Won")),
    "Open pipeline": amount(outcome("Open")),
  };
  results["Pipeline coverage of remaining quota"] =
    results["Open pipeline"] / (60_000_000 - results["Closed-won revenue"]);
  const cells: ReportCell[] = [
    { row: 1, col: 1, value: "Figure", style: "label" },
    { row: 1, col: 2, value: "PLAN function", style: "label" },
    { row: 1, col: 3, value: "Native Excel", style: "label" },
  ];
  formulaRows().forEach((row, i) => {
    cells.push({ row: i + 2, col: 1, value: row.label });
    const style = row.style;
    if (row.plan) cells.push({ row: i + 2, col: 2, formula: row.plan, style });
    if (row.native)
      cells.push({ row: i + 2, col: 3, formula: row.native, result: results[row.label], style });
  });
  const { repColumn, quotaSplit, funnel, funnelLabelRow } = SPILL_LAYOUT;
  // The upper bound of the win-rate interval spills beside the lower.
  cells.push({ row: 5, col: 3, style: "percent" });
  cells.push(
    { row: 1, col: repColumn, value: "Rep", style: "label" },
    {
      row: 1,
      col: quotaSplit.col,
      value: "Quota split of 60,000,000 by capacity (PLAN.QUOTASPLIT)",
      style: "label",
    },
    { ...quotaSplit, formula: QUOTA_SPLIT_FORMULA, style: "number" }
  );
  data.reps.forEach((rep, i) => {
    cells.push({ row: quotaSplit.row + i, col: repColumn, value: rep[0] });
    // The spilled quotas read to the cent, like the first.
    if (i > 0) cells.push({ row: quotaSplit.row + i, col: quotaSplit.col, style: "number" });
  });
  // The funnel's table: a header row, a row per lead source and a Total row; the stages'
  // counts, then the step-by-step and overall conversion rates.
  const sources = new Set(data.opportunities.map((o) => o[2])).size;
  cells.push({
    row: funnelLabelRow,
    col: 1,
    value: "Funnel by lead source (PLAN.CONVERSIONBY)",
    style: "label",
  });
  cells.push({ ...funnel, formula: FUNNEL_BY_SOURCE_FORMULA, style: "label" });
  for (let c = 1; c <= 2 * STAGES.length; c++)
    for (let r = 0; r <= sources + 1; r++) {
      const style = r === 0 ? "label" : c <= STAGES.length ? "integer" : "percent";
      cells.push({ row: funnel.row + r, col: funnel.col + c, style });
    }
  await driver.writeReport({
    sheet: "PLAN Formulas",
    columnWidths: [44, 24, 18, 13, 13, 30, 13, 13, 13, 13, 13],
    cells,
    statusRanges: [],
  });
}
