/**
 * The cell model of the fake Excel (fakeExcel.ts): what a cell stores, how Excel takes a value
 * written through Range.values (as typed input), addresses, and A1 ↔ R1C1 for simple formulas.
 * Written from Excel's documented behaviour, independently of the adapter under test.
 */
import type { SheetLayout } from "./fakeExcelLayout";

export type Scalar = string | number | boolean;

/** One stored cell. A formula keeps the cached value a test gave it (the fake calculates nothing). */
export interface StoredCell {
  value: Scalar;
  type: "String" | "Double" | "Boolean" | "Error";
  /** With its leading "=". */
  formula?: string;
  /** Text entered with a leading apostrophe: the apostrophe is a flag, not part of the value. */
  quotePrefix?: boolean;
}

/** Excel on the web refuses a request or a response over 5 MB. */
export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface Sheet {
  name: string;
  cells: Map<number, StoredCell>;
  formats: Map<number, string>;
  merged: Area[];
  /** Visibility, looks, print setup… (fakeExcelLayout.ts). */
  layout: SheetLayout;
}

export interface TableInfo extends Area {
  name: string;
  sheet: string;
}

const encoder = new TextEncoder();
export const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value) ?? "").length;
export const lower = (name: string) => name.toLowerCase();
export const fail = (code: string, message: string): never => {
  throw Object.assign(new Error(`fake Excel: ${code}: ${message}`), { code });
};

export interface Area {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

export const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
/** The cached value the fake gives a formula that a write created (it does not calculate). */
export const UNCALCULATED: StoredCell = { value: "#UNCALCULATED!", type: "Error" };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * What Excel stores for a value written through Range.values, which Excel takes as typed input
 * (Office.js reference, Range.values: a value starting with "+", "-" or "=" is interpreted as
 * a formula). `undefined` means the cell becomes blank.
 * - in a cell formatted as Text ("@"), a string is stored as that text;
 * - a leading apostrophe stores the rest as text, with the quote-prefix flag;
 * - "=…" is a formula; "+…"/"-…" a number when the rest is one, else a formula (=+…, =-…);
 *   "@…" is a formula (Excel turns @SUM(1) into =SUM(1));
 * - numerals become numbers, TRUE/FALSE booleans, #N/A and the like errors.
 */
export function typedEntry(input: Scalar, format: string | undefined): StoredCell | undefined {
  if (typeof input === "number") return { value: input, type: "Double" };
  if (typeof input === "boolean") return { value: input, type: "Boolean" };
  if (input === "") return undefined;
  if (format === "@") return { value: input, type: "String" };
  if (input.startsWith("'")) return { value: input.slice(1), type: "String", quotePrefix: true };
  if (input.startsWith("=")) return { ...UNCALCULATED, formula: input };
  if (NUMBER.test(input.trim())) return { value: Number(input), type: "Double" };
  if (input.startsWith("+") || input.startsWith("-"))
    return { ...UNCALCULATED, formula: `=${input}` };
  if (input.startsWith("@")) return { ...UNCALCULATED, formula: `=${input.slice(1)}` };
  if (/^(true|false)$/i.test(input))
    return { value: input.toUpperCase() === "TRUE", type: "Boolean" };
  if (ERROR_VALUES.includes(input.toUpperCase()))
    return { value: input.toUpperCase(), type: "Error" };
  return { value: input, type: "String" };
}

export function letters(column: number): string {
  let name = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const columnOf = (name: string) =>
  [...name.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** "B2", "B2:D9", "$B$2", "'My sheet'!B2:D9" (the sheet, when given, is returned apart). */
export function parseAddress(address: string): Area & { sheet?: string } {
  const match =
    /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(
      address.trim()
    );
  if (!match) throw new Error(`fake Excel: cannot read the address ${address}`);
  const [, quoted, plain, c1, r1, c2 = c1, r2 = r1] = match;
  const top = Math.min(Number(r1), Number(r2)) - 1;
  const left = Math.min(columnOf(c1), columnOf(c2));
  return {
    sheet: quoted?.replace(/''/g, "'") ?? plain,
    top,
    left,
    rows: Math.abs(Number(r2) - Number(r1)) + 1,
    columns: Math.abs(columnOf(c2) - columnOf(c1)) + 1,
  };
}

export function formatArea(area: Area): string {
  const first = `${letters(area.left)}${area.top + 1}`;
  if (area.rows === 1 && area.columns === 1) return first;
  return `${first}:${letters(area.left + area.columns - 1)}${area.top + area.rows}`;
}

/** The address Excel gives a range: the sheet name, quoted when it is not a plain word. */
export function qualified(sheet: string, area: Area): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${formatArea(area)}`;
}

export const overlaps = (a: Area, b: Area): boolean =>
  a.top < b.top + b.rows &&
  b.top < a.top + a.rows &&
  a.left < b.left + b.columns &&
  b.left < a.left + a.columns;

/** Applies `change` to the parts of a formula outside string literals and [structured refs]. */
function outsideLiterals(formula: string, change: (part: string) => string): string {
  let out = "";
  let part = "";
  let quoted = false;
  let depth = 0;
  const flush = () => {
    out += change(part);
    part = "";
  };
  for (const ch of formula) {
    if (quoted) {
      out += ch;
      quoted = ch !== '"';
    } else if (depth > 0) {
      out += ch;
      depth += ch === "[" ? 1 : ch === "]" ? -1 : 0;
    } else if (ch === '"' || ch === "[") {
      flush();
      out += ch;
      quoted = ch === '"';
      depth = ch === "[" ? 1 : 0;
    } else part += ch;
  }
  flush();
  return out;
}

const A1_REF = /(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
const R1C1_REF = /(?<![A-Za-z0-9_.])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

/** A formula in R1C1 notation, as seen from the cell at (row, column); simple references only. */
export function toR1C1(formula: string, row: number, column: number): string {
  return outsideLiterals(formula, (part) =>
    part.replace(A1_REF, (_, absColumn: string, name: string, absRow: string, digits: string) => {
      const r = Number(digits) - 1;
      const c = columnOf(name);
      const rowPart = absRow ? `R${r + 1}` : r === row ? "R" : `R[${r - row}]`;
      const columnPart = absColumn ? `C${c + 1}` : c === column ? "C" : `C[${c - column}]`;
      return rowPart + columnPart;
    })
  );
}

/** A formula in A1 notation from R1C1 notation, at (row, column); simple references only. */
export function fromR1C1(formula: string, row: number, column: number): string {
  const at = (spec: string | undefined, here: number): [number, boolean] => {
    if (!spec) return [here, false];
    if (spec.startsWith("[")) return [here + Number(spec.slice(1, -1)), false];
    return [Number(spec) - 1, true];
  };
  let out = "";
  // R1C1 offsets are bracketed, so references are replaced before literals are set apart.
  let quoted = false;
  for (const piece of formula.split('"')) {
    out += quoted
      ? `"${piece}"`
      : piece.replace(R1C1_REF, (_, rowSpec: string, columnSpec: string) => {
          const [r, absRow] = at(rowSpec, row);
          const [c, absColumn] = at(columnSpec, column);
          return `${absColumn ? "$" : ""}${letters(c)}${absRow ? "$" : ""}${r + 1}`;
        });
    quoted = !quoted;
  }
  return out;
}
