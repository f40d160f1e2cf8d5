/**
 * HyperFormula, a spreadsheet engine with Excel's semantics, as an independent reference:
 * the native formula a planner would write for a metric is evaluated on the same data the
 * PLAN function gets. GPL-3.0, so it is a test and benchmark dependency only.
 */
import { HyperFormula, RawCellContent } from "hyperformula";

export type Sheet = RawCellContent[][];

/** Builds a workbook from `sheets`, evaluates each named formula in a sheet of its own, returns the values. */
export function evaluate(
  sheets: Record<string, Sheet>,
  formulas: Record<string, string>
): Record<string, unknown> {
  const names = Object.keys(formulas);
  const hf = HyperFormula.buildFromSheets(
    { ...sheets, formulas: [names.map((name) => formulas[name])] },
    { licenseKey: "gpl-v3", maxRows: 1_100_000 }
  );
  const sheet = hf.getSheetId("formulas")!;
  const result: Record<string, unknown> = {};
  names.forEach((name, col) => (result[name] = hf.getCellValue({ sheet, row: 0, col })));
  hf.destroy();
  return result;
}

/** Column letter for a 0-based index (A…Z, AA…). */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `sheet!A1:A{rows}` for one column. */
export const rangeOf = (sheet: string, column: number, rows: number) =>
  `${sheet}!${columnLetter(column)}1:${columnLetter(column)}${rows}`;
