/**
 * The Territory Review's capacity block: the scenario's stored capacity plan month by month
 * (planned hires, people in seat, ramped FTE, capacity revenue), the year's revenue as a SUM
 * of the months, and, when a company target is stored, the target and the gap to it as a
 * formula, so the block checks itself when someone edits a month. Each formula carries the
 * add-in's result, for readers that do not recalculate.
 */
import type { MessageKey } from "../i18n";
import type { CapacityReview } from "./capacityTables";
import { address, columnName } from "./package/cellRef";
import type { ReportCell } from "./report";

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface CapacityLabels {
  title: string;
  month: string;
  hires: string;
  inSeat: string;
  rampedFte: string;
  revenue: string;
  year: string;
  companyTarget: string;
  gap: string;
}

export function capacityLabels(t: Translate): CapacityLabels {
  return {
    title: t("territories.review.capacity"),
    month: t("territories.capacity.col.month"),
    hires: t("territories.review.plannedHires"),
    inSeat: t("territories.capacity.col.inSeat"),
    rampedFte: t("territories.capacity.col.rampedFte"),
    revenue: t("territories.capacity.col.revenue"),
    year: t("territories.review.year"),
    companyTarget: t("territories.companyTarget"),
    gap: t("territories.review.gap"),
  };
}

/** Columns (1-based), the revenue under the rep table's Target potential column (money-wide). */
const CAP = { month: 1, hires: 2, inSeat: 3, rampedFte: 4, revenue: 5 };

/** The block's cells from row `start` on, and the first row after it. */
export function capacityBlock(
  capacity: CapacityReview,
  labels: CapacityLabels,
  start: number
): { cells: ReportCell[]; next: number } {
  const cells: ReportCell[] = [];
  let row = start;
  const put = (col: number, value: ReportCell["value"], style: ReportCell["style"]) =>
    cells.push({ row, col, value, style });
  put(CAP.month, labels.title, "heading");
  row++;
  [labels.month, labels.hires, labels.inSeat, labels.rampedFte, labels.revenue].forEach((h, i) =>
    put(i + 1, h, "label")
  );
  row++;
  // People are expected values (attrition makes fractions); hires read as whole when they are.
  const hires = capacity.months.every((m) => Number.isInteger(m.hires)) ? "integer" : "number";
  const first = row;
  for (const m of capacity.months) {
    put(CAP.month, m.month, "integer");
    put(CAP.hires, m.hires, hires);
    put(CAP.inSeat, m.inSeat, "number");
    put(CAP.rampedFte, m.rampedFte, "number");
    put(CAP.revenue, m.revenue, "money");
    row++;
  }
  const revenue = (r: number) => address(r, CAP.revenue);
  const yearRow = row;
  put(CAP.month, labels.year, "label");
  const col = columnName(CAP.revenue);
  cells.push({
    row,
    col: CAP.revenue,
    formula: `=SUM($${col}$${first}:$${col}$${row - 1})`,
    result: capacity.year,
    style: "money",
  });
  row++;
  if (capacity.target !== undefined) {
    const targetRow = row;
    put(CAP.month, labels.companyTarget, "label");
    put(CAP.revenue, capacity.target, "money");
    row++;
    put(CAP.month, labels.gap, "label");
    cells.push({
      row,
      col: CAP.revenue,
      formula: `=${revenue(yearRow)}-${revenue(targetRow)}`,
      result: capacity.gap ?? capacity.year - capacity.target,
      style: "money",
    });
    row++;
  }
  return { cells, next: row };
}
