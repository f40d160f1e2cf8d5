/**
 * One cell as Office.js shows it (values, valueTypes, formulas, numberFormat) and as it must
 * be sent back so that it is stored exactly so: text as text, never as a formula.
 *
 * Why text needs care: Range.values takes a string the way Excel takes typed input. The
 * Office.js reference for Range.values says "If the returned value starts with a plus ("+"),
 * minus ("-"), or equal sign ("="), Excel interprets this value as a formula", and typed input
 * also turns "@SUM(1)" into =SUM(1), "00123" into 123 and "TRUE" into a boolean. So hostile text
 * such as =HYPERLINK("http://x","y") or +cmd|' /C calc'!A0 would become a live formula.
 *
 * Which protection, and why: the quote prefix. A string goes with a leading apostrophe, as a
 * user would type it to keep text as text; Excel stores the rest as the text and keeps the
 * apostrophe as a flag of the cell, not in its value (office-js#6687: Range.formulas reads such
 * a cell back without it). We do not set the number format "@" on the written cells instead:
 * that changes the cell's format, which CellContent does not keep, so an undo could not put it
 * back, and the cell would go on turning what the user types later into text. (Office.js has
 * no property to set or read the quote prefix itself; Excel.Style has none.) A cell already
 * formatted as Text takes any string as text (what OFFICE-NOTES and Microsoft's guidance rely
 * on: format "@" before writing), so there the string goes as it is, where an apostrophe could
 * be kept as a visible character. Not verified in a live Excel here: that Range.values treats
 * the apostrophe as typed input does (the fake in test/support models exactly these rules).
 */
import type { CellContent } from "../driver";
import type { CellValue } from "../rows";
import { isDateFormat } from "../numberFormat";

/** Excel's error values that typed input turns back into errors. */
const ERROR_LITERALS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
]);

export const TEXT_FORMAT = "@";

/**
 * The content of one cell from what Office.js loaded for it. A formula is told from text by
 * its value: Range.formulas gives a constant's value (a quote-prefixed "=x" reads back as
 * "=x", office-js#6687), so "=…" that equals the value is text. (Only a formula whose result
 * is its own text would be taken for text.)
 */
export function contentOf(
  value: unknown,
  valueType: string,
  formula: unknown,
  numberFormat: unknown
): CellContent {
  const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
  const withFormula = (content: CellContent): CellContent =>
    isFormula ? { ...content, formula: (formula as string).slice(1) } : content;
  switch (valueType) {
    case "Empty":
      return withFormula({ value: null, kind: "blank" });
    case "Double":
    case "Integer":
      return withFormula({
        value: value as number,
        kind: isDateFormat(String(numberFormat ?? "")) ? "date" : "number",
      });
    case "Boolean":
      return withFormula({ value: value as boolean, kind: "boolean" });
    case "Error":
      return withFormula({ value: String(value), kind: "error" });
    default:
      // String, and data types (RichValue) whose plain value is their text.
      return withFormula({ value: String(value ?? ""), kind: "text" });
  }
}

/** Whether writing `wanted` over `current` would change the cell (a date is a number). */
export function sameContent(current: CellContent, wanted: CellContent): boolean {
  const family = (kind: CellContent["kind"]) => (kind === "date" ? "number" : kind);
  if ((current.formula ?? "") !== (wanted.formula ?? "")) return false;
  if (wanted.formula !== undefined) return true;
  return family(current.kind) === family(wanted.kind) && current.value === wanted.value;
}

/** A string as it must be sent through Range.values to be stored as that text. */
export const textInput = (text: string, numberFormat: unknown): string =>
  numberFormat === TEXT_FORMAT ? text : `'${text}`;

/**
 * A plain value as sent through Range.values: blank as "" (null would leave the cell as it
 * was: learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values), strings
 * as text (above), numbers and booleans as they are.
 */
export function valueInput(
  value: CellValue | undefined,
  numberFormat: unknown
): string | number | boolean {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? textInput(value, numberFormat) : value;
}

/** How one cell's content is written: through Range.formulas for a formula, else Range.values. */
export function inputFor(
  content: CellContent,
  numberFormat: unknown
): { property: "formulas" | "values"; input: string | number | boolean } {
  if (content.formula !== undefined) return { property: "formulas", input: `=${content.formula}` };
  if (content.kind === "blank" || content.value === null) return { property: "values", input: "" };
  if (content.kind === "error" && ERROR_LITERALS.has(String(content.value)))
    return { property: "values", input: String(content.value) };
  if (typeof content.value === "string" || content.kind === "text")
    return { property: "values", input: textInput(String(content.value), numberFormat) };
  return { property: "values", input: content.value };
}
