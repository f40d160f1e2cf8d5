/**
 * Between the typed rows the panes work with and the cells in an Excel table: reading
 * hand-edited tables with every problem located (sheet, table, row, column), keeping what
 * can be kept and any extra columns a user added; and checking rows before they are written.
 */
import { callsPlan } from "./formulas/planCalls";
import { serialFromIsoDate, serialFromTimestamp } from "../domain/calendar";
import { isBlankCell, labelKey } from "../domain/labels";
import { Worded, wordsFrom, type Problem } from "../domain/problem";
import { columnName } from "./package/cellRef";
import { ColumnSpec, TableSpec } from "./schema";

export type CellValue = string | number | boolean | null;
/**
 * A row by column header; extra columns a user added are kept under their own headers. Rows
 * built from a table's headers have no prototype (see `planRow`), so a user column named
 * `__proto__` or `constructor` is a column like any other; read cells with `cellOf`.
 */
export type PlanRow = Record<string, CellValue>;

/** A row without a prototype: any header a user typed can be a key. */
// Rows inherit from an empty object with no prototype of its own: nothing (no `__proto__`
// accessor, no `constructor`) is inherited, as with Object.create(null), but V8 keeps such
// objects in its fast shapes; Object.create(null) objects are hash tables, about four times
// the memory and time on a 100,000-row table.
function RowOfCells() {}
RowOfCells.prototype = Object.create(null);

export function planRow(entries: Iterable<readonly [string, CellValue]> = []): PlanRow {
  const row = new (RowOfCells as unknown as new () => PlanRow)();
  for (const [header, value] of entries) row[header] = value;
  return row;
}

/** The row's own cell under `header` (never something inherited, such as `constructor`). */
export const cellOf = (row: PlanRow, header: string): CellValue | undefined =>
  Object.prototype.hasOwnProperty.call(row, header) ? row[header] : undefined;

export interface TableData {
  /** Column order as in the workbook: the schema's columns, plus any a user added. */
  header: string[];
  rows: PlanRow[];
}

/** A table as a driver reads it: the header row and the data rows, with where they sit. */
export interface RawTable {
  sheet: string;
  header: unknown[];
  rows: unknown[][];
  /** 1-based worksheet row of the header and 0-based column of the table's first column. */
  headerRow: number;
  firstColumn: number;
  /**
   * Cells holding a formula with no calculated value (a file saved by a tool that does not
   * calculate), by "row,column" of `rows`, with the formula: their value is unknown, not blank.
   */
  uncalculated?: ReadonlyMap<string, string>;
}

/** A problem in a plan table or a user's table: its sheet and table always known. */
export interface PlanProblem extends Problem {
  severity: "error" | "warning";
  sheet: string;
  table: string;
  /** 1-based worksheet row, when the problem is in one row. */
  row?: number;
  column?: string;
  /** A1 address of the cell, for "select it in Excel". */
  address?: string;
}

/** What can be wrong in a plan table or a user's table, in English (the panes translate the codes). */
export const TABLE_PROBLEMS = {
  required: "{column} is required",
  notAChoice: '{column} "{value}" is not one of {choices}',
  notANumber: "{column} holds {value} where a number is needed",
  notADate: "{column} holds {value} where a date is needed",
  notABoolean: "{column} holds {value} where TRUE or FALSE is needed",
  columnTwice: 'column "{column}" appears twice',
  requiredColumnMissing: 'required column "{column}" is missing',
  duplicateKey: "duplicate {key} {value} (also in row {row})",
  newerSchema:
    "this workbook was saved by a newer version of the add-in (schema {version}); update the add-in before saving",
  tableMissing:
    'the table {table} (sheet "{sheet}") is missing: it was deleted or renamed; undo that, or give the table the name {table} again in Table Design',
  tableUntabled:
    'the sheet "{sheet}" holds cells ({used}) but no table named {table}: if it was renamed or converted to a range, rename it back to {table} in Table Design (or select its cells and insert a table named {table}); otherwise move the sheet\'s content to another sheet',
  tableBlocked:
    'the table {table} must grow to {area} on sheet "{sheet}", but something stands in {cells}: move it out of the way (for example insert rows above them), then save again',
  tableMerged:
    'merged cells {ranges} on sheet "{sheet}" overlap {area}, where the table {table} is written: unmerge them, then save again',
  revisionBehindHistory:
    'the plan\'s revision in "{sheet}" is {revision}, but "{history}" already holds change {change}: set the revision to the highest ChangeId in the history sheets (at least {change}), then save again',
  revisionUnreadable:
    'the revision in {sheet} cell {address} holds "{value}" where a whole number is needed: type back the last revision (the highest ChangeId in the history tables), then reload the plan',
  schemaVersionUnreadable:
    'the schema version in {sheet} cell {address} holds "{value}" where a version number is needed: type back {version} if this version of the add-in made the plan, then reload the plan',
  columnNotInTable: 'the column "{column}" is not in the table',
  noColumnChosen: "no column is chosen for {field}",
  uncalculated:
    "{column} holds a formula that was never calculated (={formula}); open the workbook in Excel, let it calculate and save it, then try again",
  uncalculatedPlan:
    "{column} holds a PLAN formula that was never calculated (={formula}); run `sales-plan recalc` on the file (or open it in Excel with the add-in and save it), then try again",
  tooLong: "{column} holds {length} characters; Excel allows 32,767 in a cell",
  writeBackDuplicateKey:
    "{column} {key} is in rows {rows}: the write-back cannot tell which row to change; make the keys unique, then write back again",
  writeBackEdited:
    "{column} in row {row} was changed after the write-back (it holds {value}, the write-back wrote {written}): undoing would overwrite that edit, so nothing was restored; type {written} back to undo, or keep your edit",
  writeBackRowMissing:
    "the row with {column} {key} (row {row} at the write-back) is no longer in the table, or that key is now in several rows: nothing was restored",
} as const;

export type TableProblemCode = keyof typeof TABLE_PROBLEMS;
export const tableProblem = wordsFrom(TABLE_PROBLEMS);

/** Header names match as labels do: case and surrounding spaces aside. */
const normal = labelKey;

/** A column's letters from its 0-based index (0 is "A"). */
export const columnLetters = (index: number): string => columnName(index + 1);

/** The rows of a table that hold anything (an empty Excel table keeps one blank row). */
export const filledRows = (raw: RawTable) => raw.rows.filter((cells) => !cells.every(isBlankCell));

/** Excel's limit of characters in a cell (Excel specifications and limits). */
export const MAX_CELL_TEXT = 32_767;

/**
 * Reads cell (r, c) of a table for a column: what `convertCell` says, unless the cell holds a
 * formula never calculated (its value is unknown) or more text than Excel allows.
 */
export function readTableCell(
  raw: RawTable,
  r: number,
  c: number,
  column: ColumnSpec
): { value: CellValue; problem?: Worded } {
  const formula = raw.uncalculated?.get(`${r},${c}`);
  if (formula !== undefined)
    return {
      value: null,
      problem: tableProblem(callsPlan(formula) ? "uncalculatedPlan" : "uncalculated", {
        column: column.header,
        formula,
      }),
    };
  const value = raw.rows[r][c];
  if (typeof value === "string" && value.length > MAX_CELL_TEXT)
    return {
      value: null,
      problem: tableProblem("tooLong", { column: column.header, length: value.length }),
    };
  return convertCell(value, column);
}

/** Converts one cell to the column's type; returns the reason when it cannot. */
export function convertCell(
  value: unknown,
  column: ColumnSpec
): { value: CellValue; problem?: Worded } {
  if (isBlankCell(value))
    return column.required
      ? { value: null, problem: tableProblem("required", { column: column.header }) }
      : { value: null };
  switch (column.type) {
    case "text": {
      const textValue =
        typeof value === "string"
          ? value
          : typeof value === "boolean"
            ? value
              ? "TRUE"
              : "FALSE"
            : String(value);
      if (
        column.choices &&
        !column.choices.some((choice) => normal(choice) === normal(textValue))
      ) {
        return {
          value: textValue,
          problem: tableProblem("notAChoice", {
            column: column.header,
            value: textValue,
            choices: column.choices.join(", "),
          }),
        };
      }
      return { value: textValue };
    }
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return { value };
      return {
        value: null,
        problem: tableProblem("notANumber", {
          column: column.header,
          value: JSON.stringify(value),
        }),
      };
    case "date": {
      if (typeof value === "number" && Number.isFinite(value) && value >= 0) return { value };
      if (value instanceof Date) return { value: serialFromTimestamp(value.getTime()) };
      const serial = typeof value === "string" ? serialFromIsoDate(value.trim()) : undefined;
      if (serial !== undefined) return { value: serial };
      return {
        value: null,
        problem: tableProblem("notADate", { column: column.header, value: JSON.stringify(value) }),
      };
    }
    case "boolean": {
      if (typeof value === "boolean") return { value };
      const word = String(value).trim().toLowerCase();
      if (["true", "yes", "1", "y"].includes(word)) return { value: true };
      if (["false", "no", "0", "n"].includes(word)) return { value: false };
      return {
        value: null,
        problem: tableProblem("notABoolean", {
          column: column.header,
          value: JSON.stringify(value),
        }),
      };
    }
  }
}

/** Reads a table a person may have edited: every problem is reported, everything readable is kept. */
export function parseTable(
  spec: TableSpec,
  raw: RawTable
): { data: TableData; problems: PlanProblem[]; sources: number[] } {
  const problems: PlanProblem[] = [];
  const at = (problem: Omit<PlanProblem, "sheet" | "table">) =>
    problems.push({ sheet: raw.sheet, table: spec.table, ...problem });
  const header = raw.header.map((cell, i) =>
    isBlankCell(cell) ? `Column${i + 1}` : String(cell).trim()
  );
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    if (position.has(normal(name)))
      at({
        severity: "error",
        row: raw.headerRow,
        column: name,
        ...tableProblem("columnTwice", { column: name }),
      });
    else position.set(normal(name), i);
  });
  for (const column of spec.columns) {
    if (column.required && !position.has(normal(column.header))) {
      at({
        severity: "error",
        row: raw.headerRow,
        column: column.header,
        ...tableProblem("requiredColumnMissing", { column: column.header }),
      });
    }
  }
  // Schema columns take the schema's spelling; extra columns keep the user's.
  const specByHeader = new Map(spec.columns.map((column) => [normal(column.header), column]));
  const names = header.map((name) => specByHeader.get(normal(name))?.header ?? name);
  const outHeader = [
    ...names,
    ...spec.columns.map((c) => c.header).filter((h) => !position.has(normal(h))),
  ];

  const rows: PlanRow[] = [];
  /** The index in raw.rows of each parsed row (blank rows are skipped). */
  const sources: number[] = [];
  const seenKeys = new Map<string, number>();
  // Where each schema column is, and which columns are the user's, worked out once per table
  // rather than once per row (100,000-row tables).
  const indexOf = spec.columns.map((column) => position.get(normal(column.header)));
  const extra = header.flatMap((name, i) => (specByHeader.has(normal(name)) ? [] : [i]));
  raw.rows.forEach((cells, r) => {
    if (cells.every(isBlankCell)) return;
    const sheetRow = raw.headerRow + 1 + r;
    const row = planRow();
    for (let k = 0; k < spec.columns.length; k++) {
      const column = spec.columns[k];
      const index = indexOf[k];
      if (index === undefined) {
        row[column.header] = null;
        continue;
      }
      const converted = readTableCell(raw, r, index, column);
      row[column.header] = converted.value;
      if (converted.problem) {
        at({
          severity: column.choices && converted.value !== null ? "warning" : "error",
          row: sheetRow,
          column: column.header,
          address: `${columnLetters(raw.firstColumn + index)}${sheetRow}`,
          ...converted.problem,
        });
      }
    }
    for (const i of extra) {
      const cell = cells[i];
      row[header[i]] = isBlankCell(cell)
        ? null
        : typeof cell === "number" || typeof cell === "boolean"
          ? cell
          : String(cell);
    }
    if (spec.key.length) {
      const key = JSON.stringify(spec.key.map((k) => row[k]));
      const first = seenKeys.get(key);
      if (first !== undefined) {
        at({
          severity: "error",
          row: sheetRow,
          column: spec.key.join(", "),
          ...tableProblem("duplicateKey", {
            key: spec.key.join(" + "),
            value: spec.key.map((k) => row[k]).join(" / "),
            row: first,
          }),
        });
      } else seenKeys.set(key, sheetRow);
    }
    rows.push(row);
    sources.push(r);
  });
  return { data: { header: outHeader, rows }, problems, sources };
}

/**
 * Checks rows about to be written; nothing is written while any error remains. Problems are
 * located where the rows will be: `at` is the table's header row and first column.
 */
export function validateRows(
  spec: TableSpec,
  rows: readonly PlanRow[],
  sheet = spec.sheet,
  at: { headerRow: number; firstColumn: number } = { headerRow: 1, firstColumn: 0 }
): PlanProblem[] {
  const header = spec.columns.map((c) => c.header);
  const raw: RawTable = {
    sheet,
    header,
    headerRow: at.headerRow,
    firstColumn: at.firstColumn,
    rows: rows.map((row) => header.map((h) => cellOf(row, h) ?? null)),
  };
  return parseTable(spec, raw).problems.filter((p) => p.severity === "error");
}

/** Rows as cells in `header` order (schema columns first for a new table, extra columns kept). */
export function toCells(header: readonly string[], rows: readonly PlanRow[]): CellValue[][] {
  return rows.map((row) => header.map((h) => cellOf(row, h) ?? null));
}

/** What appending to an existing table writes: its rows, then the new ones, under the union of both headers. */
export function appendedTable(
  existing: RawTable,
  header: readonly string[],
  rows: readonly CellValue[][]
): { header: string[]; rows: CellValue[][] } {
  const names = existing.header.map((h) => (h === null || h === undefined ? "" : String(h)));
  const merged = [...names, ...header.filter((h) => !names.includes(h))];
  const kept = existing.rows.filter((cells) => cells.some((c) => !isBlankCell(c))) as CellValue[][];
  const reorder = (cells: readonly CellValue[], from: readonly string[]) =>
    merged.map((h) => cells[from.indexOf(h)] ?? null);
  return {
    header: merged,
    rows: [...kept.map((c) => reorder(c, names)), ...rows.map((c) => reorder(c, header))],
  };
}

/**
 * `rows` with the rows that `belong` replaced by `own`, where the first of them was (else at
 * the end): the other rows stay as they were, in their order.
 */
export function replacedInPlace(
  rows: readonly PlanRow[],
  belongs: (row: PlanRow) => boolean,
  own: readonly PlanRow[]
): PlanRow[] {
  const first = rows.findIndex(belongs);
  if (first < 0) return [...rows, ...own];
  const others = (part: readonly PlanRow[]) => part.filter((row) => !belongs(row));
  return [...others(rows.slice(0, first)), ...own, ...others(rows.slice(first))];
}

/**
 * Rows a pane rebuilt from its model lack the columns a user added to the table; this puts
 * their values back on the rows with the same key, so saving never blanks a user's column.
 */
export function withExtraColumns(
  spec: TableSpec,
  previous: TableData,
  rows: readonly PlanRow[]
): PlanRow[] {
  const known = new Set(spec.columns.map((c) => c.header));
  const extra = previous.header.filter((h) => !known.has(h));
  if (!extra.length) return [...rows];
  const keyOf = (row: PlanRow) => JSON.stringify(spec.key.map((k) => cellOf(row, k) ?? null));
  const before = new Map(previous.rows.map((row) => [keyOf(row), row]));
  return rows.map((row) => {
    const old = before.get(keyOf(row));
    const merged = planRow(Object.entries(row));
    for (const h of extra) merged[h] = cellOf(row, h) ?? (old && cellOf(old, h)) ?? null;
    return merged;
  });
}
