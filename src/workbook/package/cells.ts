/**
 * One cell between its XML and what the store works with: values read exactly as Excel
 * defines them (§18.3.1.4 c, §18.18.11 ST_CellType: shared, inline and formula strings,
 * booleans, errors, ISO dates, numbers, cached formula results) and cells written the way
 * Excel writes them. A string is always written as text: it never becomes a formula.
 */
import { serialFromTimestamp } from "../../domain/calendar";
import type { CellContent } from "../driver";
import { MAX_CELL_TEXT, type CellValue } from "../rows";
import { CellSpan, SheetText, childText, inlineText } from "./sheetData";
import type { StyleBook } from "./styles";
import { encodeExcelText, decodeExcelText, escapeText } from "./xml";
import { shownFormula, storedFormula } from "../formulas/planCalls";

/** Days between the 1900 and 1904 date systems' day zero (§18.17.4.1). */
export const DAYS_1904 = 1462;

export interface ReadContext {
  sharedStrings: readonly string[];
  styles: StyleBook;
  date1904: boolean;
}

/** Days since 1899-12-30 of an ISO 8601 date-time (cells of type "d"). */
function serialOfIso(text: string): number | null {
  const ms = Date.parse(
    /[zZ]|[+-]\d\d:\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`
  );
  return Number.isFinite(ms) ? serialFromTimestamp(ms) : null;
}

/**
 * A cell's content. Dates come as 1900-system serials whatever the workbook's date system.
 * A formula reads as people type it: PLAN calls as `PLAN.…`, not as stored (planCalls.ts).
 */
export function readCell(sheet: SheetText, cell: CellSpan, context: ReadContext): CellContent {
  const content = storedContent(sheet, cell, context);
  // Only a cell with content can hold a formula; the search is skipped for the rest.
  if (cell.innerTo > cell.innerFrom) {
    const formula = childText(sheet, cell, "f");
    if (formula !== undefined) content.formula = shownFormula(formula);
  }
  return content;
}

/** A cell's stored value (a formula's cached result) and its kind, without its formula. */
export function storedContent(sheet: SheetText, cell: CellSpan, context: ReadContext): CellContent {
  if (cell.innerTo <= cell.innerFrom) return { value: null, kind: "blank" };
  if (cell.type === "inlineStr") return { value: inlineText(sheet, cell), kind: "text" };
  const v = childText(sheet, cell, "v");
  switch (cell.type) {
    case "s": {
      const text = v === undefined ? undefined : context.sharedStrings[Number(v)];
      return text === undefined ? { value: null, kind: "blank" } : { value: text, kind: "text" };
    }
    case "str":
      return { value: decodeExcelText(v ?? ""), kind: "text" };
    case "b":
      return v === undefined
        ? { value: null, kind: "blank" }
        : { value: v.trim() === "1" || v.trim() === "true", kind: "boolean" };
    case "e":
      return { value: v ?? "#N/A", kind: "error" };
    case "d": {
      const serial = v === undefined ? null : serialOfIso(v.trim());
      return serial === null
        ? { value: v ?? null, kind: v ? "text" : "blank" }
        : { value: serial, kind: "date" };
    }
    default: {
      if (v === undefined || v.trim() === "") return { value: null, kind: "blank" };
      const number = Number(v);
      if (!Number.isFinite(number)) return { value: v, kind: "text" };
      if (cell.style !== undefined && context.styles.isDateStyle(Number(cell.style)))
        return { value: context.date1904 ? number + DAYS_1904 : number, kind: "date" };
      return { value: number, kind: "number" };
    }
  }
}

/** A cell's value only (what reading a table needs): a formula's cached result, dates as 1900-system serials. */
export const readValue = (sheet: SheetText, cell: CellSpan, context: ReadContext): CellValue =>
  storedContent(sheet, cell, context).value;

const needsPreserve = (text: string) => /^\s|\s$|[\n\t]/.test(text);

export function textCellXml(ref: string, style: number | string | undefined, text: string): string {
  if (text.length > MAX_CELL_TEXT)
    throw new Error(
      `the cell ${ref} would hold ${text.length.toLocaleString("en-US")} characters; Excel allows ${MAX_CELL_TEXT.toLocaleString("en-US")}`
    );
  const s = style ? ` s="${style}"` : "";
  const space = needsPreserve(text) ? ` xml:space="preserve"` : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${encodeExcelText(text)}</t></is></c>`;
}

/** Numbers as XML doubles; -0 as 0. Non-finite numbers are not values Excel can hold. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a number Excel can store`);
  return Object.is(value, -0) ? "0" : String(value);
}

/** A value cell: text as an inline string, numbers, booleans; null keeps only the style. */
export function valueCellXml(
  ref: string,
  style: number | string | undefined,
  value: CellValue
): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined) return s ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "string") return textCellXml(ref, style, value);
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`;
}

/** A cell exactly as `content` describes it (a write-back, or its undo), in the given style. */
export function contentCellXml(
  ref: string,
  style: string | undefined,
  content: CellContent,
  date1904: boolean
): string {
  const s = style ? ` s="${style}"` : "";
  if (content.formula !== undefined) {
    // PLAN calls are stored under the names Excel saves them with (planCalls.ts).
    const f = `<f>${escapeText(storedFormula(content.formula.replace(/^=/, "")))}</f>`;
    const value = content.value;
    if (value === null) return `<c r="${ref}"${s}>${f}</c>`;
    if (content.kind === "error")
      return `<c r="${ref}"${s} t="e">${f}<v>${encodeExcelText(String(value))}</v></c>`;
    if (typeof value === "string")
      return `<c r="${ref}"${s} t="str">${f}<v>${encodeExcelText(value)}</v></c>`;
    if (typeof value === "boolean")
      return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}>${f}<v>${numberText(value)}</v></c>`;
  }
  if (content.kind === "error" && typeof content.value === "string")
    return `<c r="${ref}"${s} t="e"><v>${encodeExcelText(content.value)}</v></c>`;
  if (content.kind === "date" && typeof content.value === "number")
    return (
      valueCellXml(ref, style, date1904 ? content.value - DAYS_1904 : content.value) ||
      `<c r="${ref}"/>`
    );
  return valueCellXml(ref, style, content.value) || `<c r="${ref}"/>`;
}

/** The cell content that `value` stands for, as the store hands plain values over. */
export const contentOf = (value: CellValue): CellContent =>
  value === null
    ? { value: null, kind: "blank" }
    : {
        value,
        kind:
          typeof value === "string" ? "text" : typeof value === "boolean" ? "boolean" : "number",
      };

/** Whether two cells hold the same thing (a write-back changes only cells that differ). */
export const sameContent = (a: CellContent, b: CellContent) =>
  a.kind === b.kind && a.value === b.value && (a.formula ?? "") === (b.formula ?? "");

export type { StyleBook };
