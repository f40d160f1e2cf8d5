/**
 * Cells as Excel passes them, read in place.
 *
 * Excel passes a range as rows of cells (`any[][]`): numbers, strings, booleans, and
 * `""` or `null` for blank cells. A planning range is a single row or a single column;
 * these helpers view it as a line, read one cell as a number, date or label, and report
 * a bad cell with its position. Blank cells are missing values, never zeros. Only
 * arguments.ts uses them, through the kinds of its parameter tables.
 */
import { serialFromIsoDate } from "../domain/calendar";
import { Column } from "../domain/column";
import { valueError } from "../domain/errors";
import {
  functionProblem,
  functionProblemWith,
  type FunctionProblemCode,
} from "../domain/functionProblems";
import type { Worded } from "../domain/problem";
import { isBlankCell } from "../domain/labels";

export type Orientation = "row" | "column";

/** A single row or column of cells, read by position. */
export interface Line {
  readonly field: string;
  readonly length: number;
  readonly orientation: Orientation;
  at(index: number): unknown;
}

/** Blank as a table cell is blank: the one rule, kept in the domain. */
export const isBlank = isBlankCell;

/** True when an optional argument was left out (Excel passes null or undefined). */
export function isOmitted(argument: unknown): boolean {
  if (argument === null || argument === undefined) return true;
  if (
    Array.isArray(argument) &&
    argument.length === 1 &&
    Array.isArray(argument[0]) &&
    argument[0].length === 1
  ) {
    return argument[0][0] === null || argument[0][0] === undefined;
  }
  return false;
}

function describe(cell: unknown): Worded {
  if (typeof cell === "string")
    return functionProblem("cellText", {
      text: cell.length > 40 ? cell.slice(0, 40) + "…" : cell,
    });
  if (typeof cell === "boolean")
    return functionProblem("cellLogical", { value: cell ? "TRUE" : "FALSE" });
  if (typeof cell === "number") return functionProblem("cellNumber", { value: cell });
  return functionProblem("cellErrorValue");
}

/** The problems with one cell: each has a wording for a single cell and one with its row. */
type CellProblemCode = Extract<
  FunctionProblemCode,
  | "cellBlankNumber"
  | "cellNotFinite"
  | "cellNotNumber"
  | "cellNotDate"
  | "cellNegativeDate"
  | "cellNotLabel"
>;

/**
 * A problem with one cell, placed as errors name a cell: the argument alone for a single
 * cell, else with its row ("amounts, row 3").
 */
export function cellProblem(
  line: Line,
  index: number,
  code: CellProblemCode,
  cell?: unknown
): Worded {
  const parts: Record<string, Worded> = cell === undefined ? {} : { cell: describe(cell) };
  return line.length === 1
    ? functionProblemWith(code, { field: line.field }, parts)
    : functionProblemWith(`${code}Row`, { field: line.field, row: index + 1 }, parts);
}

const SCALAR = 0;
const FLAT = 1;
const ROW = 2;
const COLUMN = 3;

/**
 * A line of cells read in place. One class for every shape, so that the call sites in the
 * hot loops always see the same method and stay fast across many calls (closures created
 * per call would make them polymorphic).
 */
class CellLine implements Line {
  constructor(
    readonly field: string,
    readonly length: number,
    readonly orientation: Orientation,
    private readonly source: unknown,
    private readonly shape: number
  ) {}

  at(index: number): unknown {
    switch (this.shape) {
      case COLUMN: {
        const row = (this.source as unknown[])[index];
        return Array.isArray(row) ? row[0] : row;
      }
      case ROW:
        return ((this.source as unknown[])[0] as unknown[])[index];
      case FLAT:
        return (this.source as unknown[])[index];
      default:
        return this.length === 0 ? undefined : this.source;
    }
  }
}

/** Views an argument as a line of cells; a 2-D block is refused with #VALUE!. */
export function line(argument: unknown, field: string): Line {
  if (!Array.isArray(argument)) return new CellLine(field, 1, "column", argument, SCALAR);
  const rows = argument as unknown[];
  if (rows.length === 0) return new CellLine(field, 0, "column", undefined, SCALAR);
  const first = rows[0];
  if (!Array.isArray(first)) return new CellLine(field, rows.length, "row", rows, FLAT);
  const width = first.length;
  // Excel always passes rectangular ranges; checking the last row catches a malformed
  // argument without a second pass over a million rows (the readers tolerate the rest).
  const last = rows[rows.length - 1];
  if (!Array.isArray(last) || last.length !== width) {
    throw valueError(functionProblem("notRectangular", { field, row: rows.length }), {
      field,
      row: rows.length,
    });
  }
  if (rows.length === 1) return new CellLine(field, width, "row", rows, ROW);
  if (width !== 1) {
    throw valueError(functionProblem("notALine", { field, rows: rows.length, width }), {
      field,
    });
  }
  return new CellLine(field, rows.length, "column", rows, COLUMN);
}

/** Reads one cell as a number; a blank gives NaN, which callers treat as missing. */
export function cellNumber(cell: unknown, line: Line, index: number): number {
  if (typeof cell === "number") {
    if (Number.isFinite(cell)) return cell;
    throw valueError(cellProblem(line, index, "cellNotFinite"), {
      field: line.field,
      row: index + 1,
    });
  }
  if (isBlank(cell)) return NaN;
  throw valueError(cellProblem(line, index, "cellNotNumber", cell), {
    field: line.field,
    row: index + 1,
  });
}

/** Reads one cell as a date: an Excel serial number or ISO yyyy-mm-dd text; blank gives NaN. */
export function cellDate(cell: unknown, line: Line, index: number): number {
  if (typeof cell === "string" && !isBlank(cell)) {
    const serial = serialFromIsoDate(cell.trim());
    if (serial === undefined) {
      throw valueError(cellProblem(line, index, "cellNotDate", cell), {
        field: line.field,
        row: index + 1,
      });
    }
    return serial;
  }
  const serial = cellNumber(cell, line, index);
  if (serial < 0)
    throw valueError(cellProblem(line, index, "cellNegativeDate"), {
      field: line.field,
      row: index + 1,
    });
  return serial;
}

/** Reads one cell as a label (stage, outcome, group); numbers and logicals become their text. */
export function cellLabel(cell: unknown, line: Line, index: number): string {
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell === null || cell === undefined) return "";
  throw valueError(cellProblem(line, index, "cellNotLabel", cell), {
    field: line.field,
    row: index + 1,
  });
}

/**
 * A line read as labels in place, "" where blank: the core walks it once, so a million
 * text cells are never copied into a second array. A class, for the same reason as CellLine.
 */
export class LabelColumn implements Column<string> {
  constructor(private readonly cells: Line) {}

  get length(): number {
    return this.cells.length;
  }

  get(index: number): string {
    const cell = this.cells.at(index);
    return typeof cell === "string" ? cell : cellLabel(cell, this.cells, index);
  }
}

/**
 * A line read as dates in place for a fast path that must never throw: the number in a
 * cell, NaN where blank, and -1 for anything cellDate would read otherwise or refuse (text,
 * a logical, an error, a negative or non-finite number), so that the path hands that range
 * to the general reader. A class, for the same reason as CellLine.
 */
export class PlainDateColumn implements Column<number> {
  /**
   * The rows themselves when the line is one column (columnRows): read directly, without
   * the line's dispatch on its shape, as a counting pass reads two of them a million times.
   */
  private readonly rows: readonly unknown[] | undefined;

  constructor(
    private readonly cells: Line,
    argument?: unknown
  ) {
    this.rows = cells.orientation === "column" ? columnRows(argument) : undefined;
  }

  get length(): number {
    return this.cells.length;
  }

  get(index: number): number {
    const rows = this.rows;
    const cell = rows === undefined ? this.cells.at(index) : cellOfRow(rows[index]);
    if (typeof cell === "number") return cell >= 0 && cell < Infinity ? cell : -1;
    if (cell === "" || cell === null || cell === undefined) return NaN;
    return isBlank(cell) ? NaN : -1;
  }
}

/**
 * The rows of an argument that is one column of cells as Excel passes it ([[a], [b], …]),
 * for a fast path to read in place, each row as cellOfRow reads it; undefined for any other
 * shape, which the general reader then judges. It takes only what `line` views as a column
 * (or as a row of one cell), so both read the same cells.
 */
export function columnRows(argument: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(argument) || argument.length === 0) return undefined;
  const first: unknown = argument[0];
  const last: unknown = argument[argument.length - 1];
  if (!Array.isArray(first) || first.length !== 1) return undefined;
  if (!Array.isArray(last) || last.length !== 1) return undefined;
  return argument;
}

/** Two columns of the same length, each as columnRows takes it; undefined otherwise. */
export function pairedColumnRows(
  a: unknown,
  b: unknown
): [readonly unknown[], readonly unknown[]] | undefined {
  const first = columnRows(a);
  const second = columnRows(b);
  return first && second && first.length === second.length ? [first, second] : undefined;
}

/** The cell of one row of columnRows, as CellLine reads a column (a stray non-row is its own cell). */
export const cellOfRow = (row: unknown): unknown => (Array.isArray(row) ? row[0] : row);

/** A cell as cellLabel reads it, or undefined where cellLabel would refuse it. */
export function plainLabel(cell: unknown): string | undefined {
  if (typeof cell === "string") return cell;
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : undefined;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell === null || cell === undefined) return "";
  return undefined;
}

/** A cell as cellNumber reads it (NaN where blank), or undefined where cellNumber would refuse it. */
export function plainNumber(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  return isBlank(cell) ? NaN : undefined;
}

/**
 * The cells of columnRows as numbers, read as cellNumber reads them (NaN where blank), for a
 * fast path: undefined at the first cell cellNumber would refuse, or at a blank one when
 * blanks are not allowed, for the general reader to report.
 */
export function plainNumberRows(
  rows: readonly unknown[],
  blanksAllowed: boolean
): Float64Array | undefined {
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = cellOfRow(rows[i]);
    if (typeof cell === "number" && cell - cell === 0) {
      values[i] = cell;
      continue;
    }
    const value = plainNumber(cell);
    if (value === undefined || (!blanksAllowed && Number.isNaN(value))) return undefined;
    values[i] = value;
  }
  return values;
}

/** Puts a list of results back in the orientation of the range it came from. */
export function shaped<T>(values: ArrayLike<T>, orientation: Orientation): T[][] {
  if (orientation === "row") return [Array.from(values)];
  const rows: T[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) rows[i] = [values[i]];
  return rows;
}
