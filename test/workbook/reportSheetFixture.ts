/**
 * One report sheet description, drawn by both renderers (reportSheet.test.ts for the file,
 * officeReportSheet.test.ts for Office.js), so both are held to the same hand-worked layout.
 */
import type { ReportSheet } from "../../src/workbook/report";
import { REVIEW_SHEET } from "../../src/workbook/territoryReview";
import { V2MOM_SUMMARY_SHEET } from "../../src/workbook/v2momSummary";

/** 10 words of 9 letters: in 40 characters, 4 words a line (39 characters), so 3 lines. */
export const VISION = Array.from({ length: 10 }, () => "abcdefghi").join(" ");
/** 24 CJK characters: 48 widths, so 2 lines in 40. */
export const CHINESE = "信任客户".repeat(6);
/** 60 letters without a space in a 9 pt note: 40 × 11 / 9 = 48 a line, so 2 lines. */
export const LONG_NOTE = "x".repeat(60);

export const summary = (header = "R&D plan &P FY2027"): ReportSheet => ({
  sheet: V2MOM_SUMMARY_SHEET,
  columnWidths: [20, 40, 12],
  print: {
    header,
    written: "2026-12-01",
    titleRows: { first: 3, last: 3 },
    words: { written: "Written {date}", page: "Page {page} of {pages}" },
  },
  cells: [
    { row: 1, col: 1, value: "Summary", style: "title" },
    { row: 2, col: 1, value: "Vision", style: "label" },
    { row: 2, col: 2, value: VISION, style: "wrap" },
    { row: 3, col: 1, value: "Measure", style: "heading" },
    { row: 4, col: 1, value: "Trust\nGrowth", style: "wrap" },
    { row: 4, col: 2, value: CHINESE, style: "wrap" },
    { row: 5, col: 2, value: LONG_NOTE, style: "note" },
    { row: 6, col: 1, value: 22344066.0792951, style: "money" },
    { row: 6, col: 2, value: 25, style: "integer" },
    { row: 6, col: 3, value: 0.114376941744, style: "ratio" },
    { row: 7, col: 1, value: 0.25, style: "percent" },
    { row: 7, col: 2, value: 1.5, style: "number" },
    { row: 7, col: 3, value: 46000, style: "date" },
    { row: 8, col: 4, value: "short", style: "wrap" },
  ],
  statusRanges: [],
});

export const review: ReportSheet = {
  sheet: REVIEW_SHEET,
  columnWidths: [12],
  cells: [{ row: 1, col: 1, value: "Review", style: "title" }],
  statusRanges: [],
};

/** Rows 2, 4 and 5 wrap: 3 lines × 15 pt; 2 × 15; 2 lines of a 9 pt note, 2 × 15 × 9 / 11 = 24.55 → 24.75. */
export const WRAPPED_ROW_HEIGHTS = { 2: 45, 4: 30, 5: 24.75 };
