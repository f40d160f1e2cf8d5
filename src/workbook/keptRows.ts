/**
 * Rows a caller gives back as they were read are written back as the cells that were read,
 * cell for cell: a hand-typed value the schema cannot read (text in a boolean column, a
 * number in a text column) is not normalised or blanked because another row changed. Panes
 * rebuild whole tables from their models (every scenario's rows when one scenario runs);
 * this is what keeps every row they did not change exactly as the user left it.
 */
import { serialFromTimestamp } from "../domain/calendar";
import { CellValue, PlanProblem, PlanRow, RawTable, cellOf, parseTable, toCells } from "./rows";
import type { TableSpec } from "./schema";

const same = (a: CellValue, b: CellValue) =>
  a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));

/** A cell as the adapters take it (a Date from an older reader becomes its Excel serial). */
function asCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return serialFromTimestamp(value.getTime());
  return value as CellValue;
}

/**
 * The cells to write for `rows` under `header` (the header the table was read with, schema
 * columns it lacked appended), and which rows are kept as read. A row is matched to the read
 * row of the same key (keyless tables: the same position) and kept when every value is the
 * same as that row read.
 */
export function cellsToWrite(
  spec: TableSpec,
  raw: RawTable | undefined,
  header: readonly string[],
  rows: readonly PlanRow[]
): { cells: CellValue[][]; kept: boolean[] } {
  const written = toCells(header, rows);
  const kept = rows.map(() => false);
  if (!raw) return { cells: written, kept };
  const { data, sources } = parseTable(spec, raw);
  const keyOf = (row: PlanRow, index: number) =>
    spec.key.length ? JSON.stringify(spec.key.map((k) => cellOf(row, k) ?? null)) : String(index);
  const candidates = new Map<string, number[]>();
  data.rows.forEach((row, i) => {
    const key = keyOf(row, i);
    candidates.set(key, [...(candidates.get(key) ?? []), i]);
  });
  const cells = rows.map((row, i) => {
    const match = candidates.get(keyOf(row, i))?.shift();
    if (match === undefined) return written[i];
    const read = data.rows[match];
    if (!header.every((h) => same(cellOf(row, h) ?? null, cellOf(read, h) ?? null)))
      return written[i];
    kept[i] = true;
    const original = raw.rows[sources[match]];
    // Columns the table had come back as read; schema columns it lacked are blank in both.
    return header.map((_, c) => (c < raw.header.length ? asCell(original[c]) : written[i][c]));
  });
  return { cells, kept };
}

/**
 * Whether a problem found in the rows about to be written is about a row the change writes:
 * rows kept exactly as read are the user's (their problems were reported at load), except
 * that a written row may not duplicate the key of a kept one.
 */
export function aboutWrittenRow(problem: PlanProblem, kept: readonly boolean[], headerRow: number) {
  const index = (row: unknown) => Number(row) - headerRow - 1;
  if (problem.row === undefined || !kept[index(problem.row)]) return true;
  return problem.code === "duplicateKey" && !kept[index(problem.values?.row)];
}
