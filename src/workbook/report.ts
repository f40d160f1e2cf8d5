/**
 * A report sheet (V2MOM summary, territory review) described independently of Excel's
 * APIs, so both adapters draw the same sheet. User text only ever goes into `value`, which
 * adapters write as text; formulas come only from the add-in's own builders.
 */
import { MEASURE_STATUSES, MeasureStatus } from "../domain/v2mom";
import type { CellValue } from "./rows";

/**
 * How a cell reads. Numeric styles say what the number is, so a finance reader sees money
 * with thousands separators and no cents, shares as percentages and ratios with 3 decimals:
 * `money` (#,##0), `integer` (counts, #,##0), `number` (#,##0.00), `ratio` (0.000),
 * `percent` (0.0%), `date` (yyyy-mm-dd). `wrap` is text that wraps in its column; `note`
 * a small grey wrapped line explaining the figure above it.
 */
export type CellStyle =
  | "title"
  | "heading"
  | "label"
  | "text"
  | "wrap"
  | "note"
  | "number"
  | "integer"
  | "money"
  | "ratio"
  | "percent"
  | "date";

export interface ReportCell {
  /** 1-based row and column. */
  row: number;
  col: number;
  value?: CellValue;
  formula?: string;
  /** A formula's result as the add-in computed it, stored with it so readers that do not recalculate see it. */
  result?: CellValue;
  style?: CellStyle;
}

export interface ReportChart {
  title: string;
  /** Category labels and one or more series, as A1 ranges on the report sheet itself. */
  categories: string;
  series: { name: string; values: string }[];
  /** Where the chart's top-left corner sits (1-based row and column) and its size in cells. */
  at: { row: number; col: number; rows: number; cols: number };
}

/** How a report prints: landscape, one page wide, as many pages tall as it needs. */
export interface ReportPrint {
  /** Rows repeated at the top of every printed page (1-based, inclusive), such as a table's header. */
  titleRows?: { first: number; last: number };
  /** The title printed in the page header (user text: written literally, never as header codes). */
  header: string;
  /** The date the sheet was written, printed in the footer with the page number. */
  written: string;
}

export interface ReportSheet {
  sheet: string;
  print?: ReportPrint;
  /** Column widths in characters, column A first. */
  columnWidths: number[];
  cells: ReportCell[];
  /** Ranges whose text "On track" / "At risk" / "Off track" is coloured by conditional formatting. */
  statusRanges: string[];
  charts?: ReportChart[];
}

/** Excel's own Good / Neutral / Bad cell colours, so the sheet reads as Excel users expect. */
const STATUS_FILLS: Record<MeasureStatus, { fill: string; font: string }> = {
  "On track": { fill: "#C6EFCE", font: "#006100" },
  "At risk": { fill: "#FFEB9C", font: "#9C5700" },
  "Off track": { fill: "#FFC7CE", font: "#9C0006" },
};
/** Each measure status with its colours, in the domain's order. */
export const STATUS_COLOURS = MEASURE_STATUSES.map((text) => ({ text, ...STATUS_FILLS[text] }));

/** A sheet name's previous version is kept under this name when a report is rewritten. */
export const previousSheetName = (sheet: string) => `${sheet} (previous)`.slice(0, 31);

/** Quotes a sheet name for use in a formula reference. */
export const sheetRef = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** What a link to a cell or name resolves to now. */
export interface LinkedValue {
  exists: boolean;
  value: CellValue;
}

/** Splits `'Sheet 1'!$B$2` into sheet and address, or returns a workbook name as is. */
export function splitLink(link: string): { sheet: string; address: string } | { name: string } {
  const trimmed = link.trim();
  const bang = trimmed.lastIndexOf("!");
  if (bang < 0) return { name: trimmed };
  let sheet = trimmed.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return {
    sheet,
    address: trimmed
      .slice(bang + 1)
      .replace(/\$/g, "")
      .toUpperCase(),
  };
}
