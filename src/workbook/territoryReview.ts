/**
 * The review sheet for executives: a scenario's per-rep summary, fairness metrics and quota
 * tie-out on a native sheet, with a chart of potential against target per rep. Totals and
 * differences are formulas, so the sheet checks itself when someone edits a figure.
 */
import type { QuotaPlan } from "../domain/quotaPlan";
import type { TerritoryResult } from "../domain/territory";
import { ReportCell, ReportSheet } from "./report";

export const REVIEW_SHEET = "Territory Review";

export interface ReviewLabels {
  title: string;
  metrics: string;
  metric: {
    maxAbsDeviation: string;
    coefficientOfVariation: string;
    giniPotentialPerFte: string;
    maxMinRatio: string;
    accountsMoved: string;
    continuity: string;
    unassigned: string;
  };
  reps: string;
  columns: {
    rep: string;
    accounts: string;
    potential: string;
    target: string;
    deviation: string;
    quota: string;
  };
  tieOut: string;
  companyTarget: string;
  quotaSum: string;
  difference: string;
  chart: string;
}

export function territoryReview(
  territory: TerritoryResult,
  quotas: QuotaPlan | undefined,
  labels: ReviewLabels
): ReportSheet {
  const cells: ReportCell[] = [];
  let row = 1;
  const put = (col: number, value: ReportCell["value"], style?: ReportCell["style"]) =>
    cells.push({ row, col, value, style });
  put(1, labels.title, "title");
  row += 2;
  put(1, labels.metrics, "heading");
  row++;
  const m = territory.metrics;
  const metricRows: [string, number | null, ReportCell["style"]][] = [
    [labels.metric.maxAbsDeviation, m.maxAbsDeviation, "percent"],
    [labels.metric.coefficientOfVariation, m.coefficientOfVariation, "number"],
    [labels.metric.giniPotentialPerFte, m.giniPotentialPerFte, "number"],
    [labels.metric.maxMinRatio, m.maxMinRatio, "number"],
    [labels.metric.accountsMoved, m.accountsMoved, "number"],
    [labels.metric.continuity, m.continuity, "percent"],
    [labels.metric.unassigned, territory.unassigned.length, "number"],
  ];
  for (const [label, value, style] of metricRows) {
    put(1, label, "label");
    put(2, value, style);
    row++;
  }
  row++;
  put(1, labels.reps, "heading");
  row++;
  const c = labels.columns;
  [c.rep, c.accounts, c.potential, c.target, c.deviation, c.quota].forEach((h, i) =>
    put(i + 1, h, "label")
  );
  row++;
  const first = row;
  const total = territory.reps.reduce((sum, r) => sum + r.potential, 0);
  const quota = new Map(quotas?.reps.map((r) => [r.repId, r.annual]) ?? []);
  for (const r of territory.reps) {
    put(1, r.repId, "text");
    put(2, r.accounts, "number");
    put(3, r.potential, "number");
    put(4, r.target * total, "number");
    put(5, r.deviation, "percent");
    put(6, quota.get(r.repId) ?? null, "number");
    row++;
  }
  const last = row - 1;
  const charts: ReportSheet["charts"] = territory.reps.length
    ? [
        {
          title: labels.chart,
          categories: `A${first}:A${last}`,
          series: [
            { name: c.potential, values: `C${first}:C${last}` },
            { name: c.target, values: `D${first}:D${last}` },
          ],
          at: { row: 3, col: 8, rows: 18, cols: 9 },
        },
      ]
    : [];
  if (quotas) {
    row++;
    put(1, labels.tieOut, "heading");
    row++;
    put(1, labels.companyTarget, "label");
    put(2, quotas.companyTarget, "number");
    const targetRow = row;
    row++;
    put(1, labels.quotaSum, "label");
    cells.push({ row, col: 2, formula: `=SUM(F${first}:F${last})`, style: "number" });
    const sumRow = row;
    row++;
    put(1, labels.difference, "label");
    cells.push({ row, col: 2, formula: `=B${sumRow}-B${targetRow}`, style: "number" });
  }
  return {
    sheet: REVIEW_SHEET,
    columnWidths: [34, 14, 16, 16, 12, 16],
    cells,
    statusRanges: [],
    charts,
  };
}
