/**
 * The one reader of Excel's arguments, as HyperFormula's function metadata does it.
 *
 * Each PLAN function declares its parameters as a table, in the order of its JSDoc: the
 * name, the kind (what the argument is read as), whether it is optional and its default,
 * and how a range's length relates to an earlier one. `runFunction` reads the arguments
 * from left to right into the typed values their kinds give, stops at the first bad one
 * with a PlanError located at the parameter's name, and hands the values, by name, to the
 * function's body; excelResult turns any failure into the Excel error a user sees.
 */
import { Column } from "../domain/column";
import { valueError } from "../domain/errors";
import {
  functionProblem,
  functionProblemWith,
  type FunctionProblemCode,
} from "../domain/functionProblems";
import {
  cellDate,
  cellLabel,
  cellNumber,
  isBlank,
  isOmitted,
  LabelColumn,
  Line,
  line,
  Orientation,
  PlainDateColumn,
  cellProblem,
} from "./cells";
import { excelResult, ExcelValue } from "./excelErrors";

/** A range read as numbers, with the orientation a spilled result takes back. */
export interface NumberLine {
  readonly values: Float64Array;
  readonly orientation: Orientation;
}

/** What an argument of each kind becomes. */
interface KindValues {
  /** One cell holding a finite number. */
  number: number;
  /** One cell holding a date: an Excel serial number or yyyy-mm-dd text. */
  date: number;
  /** One cell read as a label; numbers and logicals become their text. */
  text: string;
  /** One cell holding text or a number, for the core to interpret (a statistic's name or a quantile). */
  textOrNumber: string | number;
  /** A range where every cell holds a number. */
  numbers: NumberLine;
  /** A range of numbers whose trailing blank cells are dropped (a schedule selected a little too long). */
  leadingNumbers: Float64Array;
  /** A range of numbers, NaN where blank: rows that pair with another range, or bounds where blank means none. */
  numbersWithBlanks: Float64Array;
  /** A range of dates, NaN where blank (a deal still open has no closed date). */
  datesWithBlanks: Float64Array;
  /** A range read as labels in place, "" where blank. */
  labelColumn: Column<string>;
  /** A list of labels, such as stage names, with trailing blank cells dropped. */
  labels: string[];
}

export type Kind = keyof KindValues;

export interface Parameter {
  /** The name in the function's JSDoc: the field, and the start of the message, of every error about it. */
  readonly name: string;
  readonly kind: Kind;
  /** May be left out, and a single value may be blank: it is then `default`, or undefined without one. */
  readonly optional?: boolean;
  readonly default?: number | string;
  /** A range whose rows describe the same records as an earlier range's: checked once both are read. */
  readonly pairedWith?: string;
  /** A range with one cell per cell of an earlier range: checked before its own cells are read. */
  readonly onePer?: string;
  /** What a single value must be, in the error when it is not (by default its kind says). */
  readonly expected?: ShapeCode;
}

type ValueOf<P extends Parameter> = P extends { readonly optional: true }
  ? P extends { readonly default: number | string }
    ? KindValues[P["kind"]]
    : KindValues[P["kind"]] | undefined
  : KindValues[P["kind"]];

/** The typed arguments a function's body gets, by parameter name. */
export type Arguments<T extends readonly Parameter[]> = {
  readonly [P in T[number] as P["name"]]: ValueOf<P>;
};

/** Declares a function's parameter table, keeping its names and kinds as literal types. */
export const parameters = <const T extends readonly Parameter[]>(table: T): T => table;

type Reader<T> = (cells: Line, parameter: Parameter) => T | undefined;

/** The words for what an argument must be, and for what is needed where it is blank. */
type ShapeCode = Extract<FunctionProblemCode, `shape${string}`>;
type NeededCode = Extract<FunctionProblemCode, `needed${string}`>;

const mustBe = (parameter: Parameter, shape: ShapeCode) =>
  valueError(
    functionProblemWith(
      "argumentShape",
      { field: parameter.name },
      { shape: functionProblem(parameter.expected ?? shape) }
    ),
    { field: parameter.name }
  );

/** A one-cell kind; `read` gives undefined for a blank cell, which takes the default if optional. */
function single<T>(
  shape: ShapeCode,
  needed: NeededCode,
  read: (cell: unknown, cells: Line, parameter: Parameter) => T | undefined
): Reader<T> {
  return (cells, parameter) => {
    if (cells.length !== 1) throw mustBe(parameter, shape);
    const value = read(cells.at(0), cells, parameter);
    if (value !== undefined) return value;
    if (parameter.optional) return parameter.default as T | undefined;
    throw valueError(
      functionProblemWith(
        "argumentBlank",
        { field: parameter.name },
        { needed: functionProblem(needed) }
      ),
      {
        field: parameter.name,
      }
    );
  };
}

const unlessBlank = (value: number) => (Number.isNaN(value) ? undefined : value);

/** The first `end` cells as numbers; a blank among them is refused. */
function requiredNumbers(cells: Line, end: number): Float64Array {
  const values = new Float64Array(end);
  for (let i = 0; i < end; i++) {
    const value = cellNumber(cells.at(i), cells, i);
    if (Number.isNaN(value)) {
      throw valueError(cellProblem(cells, i, "cellBlankNumber"), {
        field: cells.field,
        row: i + 1,
      });
    }
    values[i] = value;
  }
  return values;
}

type CellReader = (cell: unknown, line: Line, index: number) => number;

/** Every cell as a number, NaN where blank. */
function withBlanks(cells: Line, read: CellReader): Float64Array {
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) values[i] = read(cells.at(i), cells, i);
  return values;
}

/** Where a range ends once its trailing blank cells are dropped. */
function trimmedEnd(cells: Line): number {
  let end = cells.length;
  while (end > 0 && isBlank(cells.at(end - 1))) end--;
  return end;
}

const readers: { [K in Kind]: Reader<KindValues[K]> } = {
  number: single("shapeSingleValue", "neededNumber", (cell, cells) =>
    unlessBlank(cellNumber(cell, cells, 0))
  ),
  date: single("shapeSingleDate", "neededDate", (cell, cells) =>
    unlessBlank(cellDate(cell, cells, 0))
  ),
  text: single("shapeSingleValue", "neededText", (cell, cells) =>
    isBlank(cell) ? undefined : cellLabel(cell, cells, 0)
  ),
  textOrNumber: single("shapeTextOrNumber", "neededValue", (cell, _, parameter) => {
    if (typeof cell !== "string" && typeof cell !== "number")
      throw mustBe(parameter, "shapeTextOrNumber");
    return isBlank(cell) ? undefined : cell;
  }),
  numbers: (cells) => ({
    values: requiredNumbers(cells, cells.length),
    orientation: cells.orientation,
  }),
  leadingNumbers: (cells) => {
    const end = trimmedEnd(cells);
    if (end === 0)
      throw valueError(functionProblem("rangeBlank", { field: cells.field }), {
        field: cells.field,
      });
    return requiredNumbers(cells, end);
  },
  numbersWithBlanks: (cells) => withBlanks(cells, cellNumber),
  datesWithBlanks: (cells) => withBlanks(cells, cellDate),
  labelColumn: (cells) => new LabelColumn(cells),
  labels: (cells) => {
    const values: string[] = new Array(trimmedEnd(cells));
    for (let i = 0; i < values.length; i++) values[i] = cellLabel(cells.at(i), cells, i);
    return values;
  },
};

/** The line of an earlier parameter, undefined if that optional range was left out. */
function earlier(lines: Map<string, Line | undefined>, name: string): Line | undefined {
  if (!lines.has(name)) throw new Error(`a parameter table refers to ${name} before reading it`);
  return lines.get(name);
}

/** Reads `raw` by a parameter table into typed values; throws at the first bad argument. */
export function readArguments<T extends readonly Parameter[]>(
  table: T,
  raw: readonly unknown[]
): Arguments<T> {
  const values: Record<string, unknown> = {};
  const lines = new Map<string, Line | undefined>();
  table.forEach((parameter, index) => {
    const { name } = parameter;
    if (parameter.optional && isOmitted(raw[index])) {
      values[name] = parameter.default;
      lines.set(name, undefined);
      return;
    }
    const cells = line(raw[index], name);
    const parts = parameter.onePer === undefined ? undefined : earlier(lines, parameter.onePer);
    if (parts && cells.length !== parts.length) {
      throw valueError(
        functionProblem("cellsNeeded", { field: name, count: cells.length, needed: parts.length }),
        {
          field: name,
        }
      );
    }
    values[name] = readers[parameter.kind](cells, parameter);
    const records =
      parameter.pairedWith === undefined ? undefined : earlier(lines, parameter.pairedWith);
    if (records && cells.length !== records.length) {
      throw valueError(
        functionProblem("cellsPaired", {
          records: records.field,
          recordCount: records.length,
          field: name,
          count: cells.length,
        }),
        { field: name }
      );
    }
    lines.set(name, cells);
  });
  return values as Arguments<T>;
}

/**
 * A range of dates read in place, for a fast path that is exact only on plain dates: undefined
 * when the argument is not a single row or column (the parameter table's reader says why).
 * Its cells read as PlainDateColumn reads them.
 */
export function plainDates(argument: unknown): PlainDateColumn | undefined {
  if (!Array.isArray(argument)) return undefined;
  try {
    return new PlainDateColumn(line(argument, ""), argument);
  } catch {
    return undefined; // not a line: the general reader reports it
  }
}

/**
 * An optional single date argument as a fast path may take it: undefined when left out or
 * blank, the serial when it is a plain date, -1 for anything the general reader must judge.
 */
export function plainDate(argument: unknown): number | undefined {
  if (isOmitted(argument)) return undefined;
  const cells = Array.isArray(argument) ? plainDates(argument) : undefined;
  const value =
    cells === undefined
      ? typeof argument === "number"
        ? argument
        : -1
      : cells.length === 1
        ? cells.get(0)
        : -1;
  if (Number.isNaN(value)) return undefined;
  return value >= 0 && value < Infinity ? value : -1;
}

/**
 * Runs one PLAN function: reads `raw` (Excel's arguments, in order) by the function's
 * parameter table and computes its result from the typed values. The body names its
 * values as the JSDoc does, so the raw arguments it shadows cannot be used by mistake.
 */
export function runFunction<const T extends readonly Parameter[], R extends ExcelValue>(
  table: T,
  raw: { readonly [I in keyof T]: unknown },
  compute: (values: Arguments<T>) => R
): R {
  return excelResult(() => compute(readArguments(table, raw)));
}

/**
 * Runs a function's fast path, which reads Excel's cells in place and is exact only on the
 * input it was written for, else the general route. The fast path gives undefined, or
 * throws, wherever it is unsure; the general route then reads and reports everything as it
 * always has. So the fast path can only ever give a value the general route gives too, and
 * every error a user sees comes from the general route, in its order.
 */
export function fastOr<R extends ExcelValue>(fast: () => R | undefined, general: () => R): R {
  let value: R | undefined;
  try {
    value = fast();
    if (value !== undefined) return excelResult(() => value as R);
  } catch {
    // Not the fast path's to judge: the general route below reports it.
  }
  return general();
}
