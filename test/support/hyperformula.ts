/**
 * HyperFormula, a spreadsheet engine with Excel's semantics, as an independent reference:
 * the native formula a planner would write for a metric is evaluated on the same data the
 * PLAN function gets. GPL-3.0, so it is a test and benchmark dependency only.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import { columnLetters } from "../../src/workbook/rows";

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

/** `sheet!A1:A{rows}` for one column. */
export const rangeOf = (sheet: string, column: number, rows: number) =>
  `${sheet}!${columnLetters(column)}1:${columnLetters(column)}${rows}`;
