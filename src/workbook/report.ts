/**
 * A report sheet (V2MOM summary, territory review, pipeline review) described independently
 * of Excel's APIs, so both adapters draw the same sheet. User text only ever goes into `value`, which
 * adapters write as text; formulas come only from the add-in's own builders.
 */
import { MEASURE_STATUSES, MeasureStatus } from "../domain/v2mom";
import { columnName } from "./package/cellRef";
import type { CellValue } from "./rows";
import { historySpec, infoSpec, tables } from "./schema";

/**
 * How a cell reads. Numeric styles say what the number is, so a finance reader sees money
 * with thousands separators and no cents, shares as percentages and ratios with 3 decimals:
 * `money` (#,##0), `integer` (counts, #,##0), `number` (#,##0.00), `ratio` (0.000),
 * `percent` (0.0%), `signedPercent` (+0.0%: a bias, over or under, signed as the CLI and
 * pane say it), `date` (yyyy-mm-dd). `wrap` is text that wraps in its column; `note`
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
  | "signedPercent"
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
  /**
   * How many columns the cell covers, merged from its own: a sentence (a note under a table)
   * that reads across the sheet rather than wrapping in its first column. 1 when absent.
   */
  span?: number;
}

/** The cells a report merges, as A1 ranges ("A5:G5"), in cell order. */
export const mergedRanges = (report: Pick<ReportSheet, "cells">): string[] =>
  report.cells
    .filter((c) => (c.span ?? 1) > 1)
    .map((c) => `${columnName(c.col)}${c.row}:${columnName(c.col + c.span! - 1)}${c.row}`);

/**
 * Each chart series' fill, in series order, the same in both renderers: Excel's Office theme
 * blue (accent 1) for the figure and its grey (accent 3) for what it is measured against.
 * Written out, because a chart without them draws no bars in LibreOffice and viewers.
 */
export const SERIES_COLOURS = ["#4472C4", "#A5A5A5", "#ED7D31", "#FFC000"] as const;
export const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length];

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
  /**
   * The footer's words in the reader's language, from the catalogs: `report.written`
   * ("Written {date}") and `report.page` ("Page {page} of {pages}"). Without them the footer
   * shows the bare date and "page / pages".
   */
  words?: { written: string; page: string };
}

export interface ReportSheet {
  sheet: string;
  print?: ReportPrint;
  /** Column widths in characters, column A first. */
  columnWidths: number[];
  cells: ReportCell[];
  /** Ranges whose text "On track" / "At risk" / "Off track" is coloured by conditional formatting. */
  statusRanges: string[];
  /** How those ranges' formulas say each status (the reader's language); English if absent. */
  statusWords?: Record<MeasureStatus, string>;
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

/** The status colours with each status in the words a report's formulas write it in. */
export const statusColoursOf = (report: Pick<ReportSheet, "statusWords">) =>
  STATUS_COLOURS.map((c) => ({ ...c, text: report.statusWords?.[c.text] ?? c.text }));

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

/**
 * How each style looks, for both renderers (the .xlsx writer and Office.js), so the file and
 * the open workbook show the same sheet. Every cell sits at the top of its row, so a wrapped
 * neighbour never leaves a label floating at the bottom.
 */
export interface ReportLook {
  bold?: boolean;
  /** Font size in points (the workbook's default, 11, when absent). */
  size?: number;
  /** Font colour, #RRGGBB. */
  fontColor?: string;
  wrap?: boolean;
  /** Excel number format code; absent for text, which both renderers keep as text. */
  numFmt?: string;
  /** A thin grey line under the cell (section headings). */
  bottomBorder?: boolean;
  vertical: "top";
}

/** The grey of notes and of the tabs of sheets kept only for the record (history, previous versions). */
export const GREY = "#808080";
const NOTE_GREY = "#595959";

export const REPORT_LOOKS: Record<CellStyle, ReportLook> = {
  title: { bold: true, size: 14, vertical: "top" },
  heading: { bold: true, size: 12, bottomBorder: true, vertical: "top" },
  label: { bold: true, vertical: "top" },
  text: { vertical: "top" },
  wrap: { wrap: true, vertical: "top" },
  note: { size: 9, fontColor: NOTE_GREY, wrap: true, vertical: "top" },
  number: { numFmt: "#,##0.00", vertical: "top" },
  integer: { numFmt: "#,##0", vertical: "top" },
  money: { numFmt: "#,##0", vertical: "top" },
  ratio: { numFmt: "0.000", vertical: "top" },
  percent: { numFmt: "0.0%", vertical: "top" },
  // Excel shows the second section's value unsigned: the "-" is its own literal.
  signedPercent: { numFmt: "+0.0%;-0.0%;0.0%", vertical: "top" },
  date: { numFmt: "yyyy-mm-dd", vertical: "top" },
};

/** Excel's default column width (characters), font size and height of one line of it (points). */
export const DEFAULT_COLUMN_WIDTH = 8.43;
const DEFAULT_FONT_SIZE = 11;
const LINE_POINTS = 15;

/** East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms) take two character widths. */
const WIDE_RANGES =
  "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6";
const WIDE = new RegExp(`[${WIDE_RANGES}]`);
/** What a line breaks between: single wide characters, runs of spaces, and words. */
const PIECES = new RegExp(`[${WIDE_RANGES}]| +|[^ ${WIDE_RANGES}]+`, "g");

/**
 * How many lines `text` takes when wrapped in `capacity` character widths, as Excel wraps:
 * at explicit newlines, at spaces, between wide characters, and inside a word longer than
 * the line.
 */
export function wrappedLines(text: string, capacity: number): number {
  const room = Math.max(1, Math.floor(capacity));
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let count = 1;
    let used = 0;
    for (const piece of paragraph.match(PIECES) ?? []) {
      const width = WIDE.test(piece) ? 2 : [...piece].length;
      if (piece.startsWith(" ")) {
        // Spaces at the end of a line are not carried to the next one.
        used = Math.min(room, used + width);
        continue;
      }
      if (used + width <= room) {
        used += width;
        continue;
      }
      if (used > 0) count++;
      const extra = Math.ceil(width / room) - 1;
      count += extra;
      used = width - extra * room;
    }
    lines += count;
  }
  return lines;
}

/** The text a cell shows, when it is text (what wraps). */
function shownText(cell: ReportCell): string | undefined {
  const shown = cell.formula !== undefined ? cell.result : cell.value;
  return typeof shown === "string" ? shown : undefined;
}

/**
 * Row heights (points) for the rows whose wrapped cells (`wrap`, `note`) need more than one
 * line at their column's width, so that a long Vision never prints over the row below. Rows
 * that fit on one line are absent: Excel's own height serves them.
 */
export function rowHeights(report: ReportSheet): Map<number, number> {
  const heights = new Map<number, number>();
  for (const cell of report.cells) {
    const look = REPORT_LOOKS[cell.style ?? "text"];
    const text = shownText(cell);
    if (!look.wrap || text === undefined) continue;
    const size = look.size ?? DEFAULT_FONT_SIZE;
    // A merged cell wraps in the width of all its columns.
    let width = 0;
    for (let c = cell.col; c < cell.col + (cell.span ?? 1); c++)
      width += report.columnWidths[c - 1] ?? DEFAULT_COLUMN_WIDTH;
    // A smaller font fits more characters in the same width, on lower lines.
    const lines = wrappedLines(text, (width * DEFAULT_FONT_SIZE) / size);
    if (lines < 2) continue;
    const points = Math.ceil(((lines * LINE_POINTS * size) / DEFAULT_FONT_SIZE) * 4) / 4;
    heights.set(cell.row, Math.max(heights.get(cell.row) ?? 0, points));
  }
  return heights;
}

/** The rows and columns a report covers, its charts included: what prints (1-based, inclusive). */
export function reportExtent(report: ReportSheet): { rows: number; cols: number } {
  let rows = 1;
  let cols = Math.max(1, report.columnWidths.length);
  for (const cell of report.cells) {
    rows = Math.max(rows, cell.row);
    cols = Math.max(cols, cell.col + (cell.span ?? 1) - 1);
  }
  for (const { at } of report.charts ?? []) {
    rows = Math.max(rows, at.row + at.rows);
    cols = Math.max(cols, at.col + at.cols);
  }
  return { rows, cols };
}

/** Excel keeps at most 255 characters in each of a page's header and footer. */
const HEADER_FOOTER_MAX = 255;

/** Text as header/footer text: "&" starts a code there (&P, &D, &"font"), so a literal one is doubled. */
const literal = (text: string, max: number) => {
  let escaped = "";
  // Defensive: a builder may leave a field out while its labels are being extended.
  for (const ch of (text ?? "").replace(/[\r\n]+/g, " ")) {
    const next = ch === "&" ? "&&" : ch;
    if (escaped.length + next.length > max) break;
    escaped += next;
  }
  return escaped;
};

/**
 * A printed report's page header and footer as Excel header/footer text (the same codes
 * in the file and in Office.js): the title in the centre of the header, the date written on
 * the left of the footer and "Page n of m" on its right. User text is escaped, never read
 * as codes.
 */
export function pageTexts(print: ReportPrint): {
  centerHeader: string;
  leftFooter: string;
  rightFooter: string;
} {
  const [before, after] = (print.words?.page ?? "{page} / {pages}").split("{pages}", 2);
  const pageCodes = (part: string) =>
    part
      .split("{page}")
      .map((piece) => literal(piece, 40))
      .join("&P");
  const written = print.words?.written ?? "{date}";
  return {
    centerHeader: literal(print.header, HEADER_FOOTER_MAX - 20),
    leftFooter: literal(written.replace("{date}", print.written), 120),
    rightFooter:
      after === undefined ? pageCodes(before) : `${pageCodes(before)}&N${pageCodes(after)}`,
  };
}

/**
 * The add-in's report sheets, in the order they lead the workbook (the names their builders
 * give them): a board pack opens on the plan (the territory and quota review), then how the
 * current period is being delivered against it (the pipeline review, whose quota is that
 * plan's), then the V2MOM summary, the strategy both serve.
 */
export const REPORT_SHEET_ORDER: readonly string[] = [
  "Territory Review",
  "Pipeline Review",
  "V2MOM Summary",
];

/**
 * Where a sheet stands in the tab order, which is also the order "print entire workbook"
 * and PDF export follow: report sheets first, then the user's sheets, then the plan's
 * tables, then what is kept only for the record (history tables, previous reports), hidden.
 */
export type SheetRole = "report" | "user" | "plan" | "archive";

const lowerSet = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase()));
const specs = [...Object.values(tables), infoSpec];
const PLAN_SHEETS = lowerSet(specs.map((s) => s.sheet));
const ARCHIVE_SHEETS = lowerSet([
  ...specs.filter((s) => s.history).map((s) => historySpec(s).sheet),
  // The pipeline's change log is kept for the record too: thousands of rows a person filters
  // (once unhidden) rather than prints; the Pipeline pane and its review sheet read it.
  tables.pipelineLog.sheet,
  ...REPORT_SHEET_ORDER.map(previousSheetName),
]);
const reportRank = (name: string) => {
  const rank = REPORT_SHEET_ORDER.findIndex((r) => r.toLowerCase() === name.toLowerCase());
  return rank < 0 ? REPORT_SHEET_ORDER.length : rank;
};

/** The role of a sheet already in a workbook, by its name (the add-in's sheets have fixed names). */
export function sheetRole(name: string): SheetRole {
  const lower = name.toLowerCase();
  if (reportRank(name) < REPORT_SHEET_ORDER.length) return "report";
  if (ARCHIVE_SHEETS.has(lower)) return "archive";
  if (PLAN_SHEETS.has(lower)) return "plan";
  return "user";
}

/**
 * The tab index at which a sheet the add-in places goes among `names` (the tab order without
 * it): a report after the reports that precede it in REPORT_SHEET_ORDER and before all else;
 * a plan table's sheet after everything but the trailing record sheets; a record sheet last.
 * Only the add-in's own sheet moves: the user's sheets keep their order among themselves.
 */
export function placeOf(names: readonly string[], name: string, role: SheetRole): number {
  if (role === "archive" || role === "user") return names.length;
  if (role === "plan") {
    let at = names.length;
    while (at > 0 && sheetRole(names[at - 1]) === "archive") at--;
    return at;
  }
  const rank = reportRank(name);
  let at = 0;
  while (at < names.length && sheetRole(names[at]) === "report" && reportRank(names[at]) < rank)
    at++;
  return at;
}
