/**
 * Writing plan values into a user's own table, and undoing it, as pure steps: which cells
 * change, what the log keeps of each (the cell exactly as it was: value, type, formula, and
 * its row), and what an undo puts back. Undo is a stack: each undo takes the latest write-back
 * not yet undone, so undoing every one reaches the table as it was first. The store reads
 * and writes the cells.
 */
import type { CellContent, UserTable } from "./driver";
import {
  CellValue,
  PlanProblem,
  PlanRow,
  RawTable,
  cellOf,
  columnLetters,
  planRow,
  tableProblem,
} from "./rows";
import { CELL_KINDS } from "./schema";
import type { UserColumn } from "./userColumn";

/** A key as the user's table stores it, and as the engine names it (trimmed). */
const stored = (cell: unknown) => (cell === null || cell === undefined ? "" : String(cell));
const textOf = (value: CellValue | undefined): string | null =>
  value === null || value === undefined || value === ""
    ? null
    : typeof value === "boolean"
      ? value
        ? "TRUE"
        : "FALSE"
      : String(value);
const shown = (cell: CellContent) =>
  cell.formula !== undefined ? `"=${cell.formula}"` : `"${textOf(cell.value) ?? ""}"`;

function contentOf(value: CellValue): CellContent {
  if (value === null || value === "") return { value: null, kind: "blank" };
  if (typeof value === "string") return { value, kind: "text" };
  return { value, kind: typeof value === "number" ? "number" : "boolean" };
}

const sameContent = (a: CellContent, b: CellContent) =>
  a.formula === b.formula &&
  textOf(a.value) === textOf(b.value) &&
  typeof a.value === typeof b.value;

/** The columns of the key and of the target, or the problem naming the one missing. */
export function locateColumns(
  table: UserTable,
  raw: RawTable,
  headers: readonly string[]
): number[] | PlanProblem {
  const header = raw.header.map((h) => stored(h).trim());
  const found = headers.map((h) => header.indexOf(h.trim()));
  const missing = found.indexOf(-1);
  if (missing < 0) return found;
  return {
    severity: "error",
    sheet: raw.sheet,
    table: table.name,
    column: headers[missing],
    ...tableProblem("columnNotInTable", { column: headers[missing] }),
  };
}

type Place = UserColumn;

const sheetRow = (raw: RawTable, index: number) => raw.headerRow + 1 + index;
const keyAddress = (p: Place, index: number) =>
  `${columnLetters(p.raw.firstColumn + p.key)}${sheetRow(p.raw, index)}`;

/** The cells after writing `valuesByKey` (matched by trimmed key), and one log row per changed cell. */
export function planWriteBack(
  p: Place & {
    targetHeader: string;
    valuesByKey: ReadonlyMap<string, CellValue>;
    stamp: { changeId: string; changedAt: number; scenario: string };
  }
): { after: CellContent[]; log: PlanRow[]; problems: PlanProblem[] } {
  const keys = p.raw.rows.map((cells) => stored(cells[p.key]));
  const rowsOf = new Map<string, number[]>();
  keys.forEach((key, i) => rowsOf.set(key.trim(), [...(rowsOf.get(key.trim()) ?? []), i]));
  const problems: PlanProblem[] = [];
  for (const [key, rows] of rowsOf) {
    if (rows.length < 2 || !p.valuesByKey.has(key)) continue;
    for (const i of rows)
      problems.push({
        severity: "error",
        sheet: p.raw.sheet,
        table: p.table.name,
        row: sheetRow(p.raw, i),
        column: p.keyHeader,
        address: keyAddress(p, i),
        ...tableProblem("writeBackDuplicateKey", {
          column: p.keyHeader,
          key,
          rows: rows.map((r) => sheetRow(p.raw, r)).join(", "),
        }),
      });
  }
  const log: PlanRow[] = [];
  const after = p.cells.map((before, i) => {
    const key = keys[i].trim();
    if (!p.valuesByKey.has(key)) return before;
    const next = contentOf(p.valuesByKey.get(key)!);
    if (sameContent(before, next)) return before;
    log.push(
      planRow([
        ["ChangeId", p.stamp.changeId],
        ["ChangedAt", p.stamp.changedAt],
        ["Scenario", p.stamp.scenario],
        ["Table", p.table.name],
        ["Column", p.targetHeader],
        ["Key", keys[i]],
        ["Row", sheetRow(p.raw, i)],
        ["Previous", textOf(before.value)],
        ["PreviousKind", before.kind],
        ["PreviousFormula", before.formula ?? null],
        ["New", textOf(next.value)],
        ["UndoneBy", null],
      ])
    );
    return next;
  });
  return { after, log, problems };
}

const isBlank = (value: CellValue | undefined) => textOf(value) === null;

/** The log rows of the latest write-back into `table` that is not undone yet. */
export function latestWriteBack(log: readonly PlanRow[], table: string): PlanRow[] {
  const pending = log.filter((r) => cellOf(r, "Table") === table && isBlank(cellOf(r, "UndoneBy")));
  if (!pending.length) return [];
  const ids = pending.map((r) => stored(cellOf(r, "ChangeId")).trim());
  const numbers = ids.map(Number).filter(Number.isFinite);
  const latest = numbers.length ? String(Math.max(...numbers)) : ids[ids.length - 1];
  return pending.filter((_, i) => ids[i] === latest || Number(ids[i]) === Number(latest));
}

/** The cell a log row says was there before the write-back (old logs: its text). */
export function previousContent(row: PlanRow): CellContent {
  const previous = cellOf(row, "Previous") ?? null;
  const kind = CELL_KINDS.find(
    (k) => k === stored(cellOf(row, "PreviousKind")).trim().toLowerCase()
  );
  const formula = textOf(cellOf(row, "PreviousFormula")) ?? undefined;
  const text = textOf(previous);
  let content: CellContent =
    text === null ? { value: null, kind: "blank" } : { value: text, kind: "text" };
  if (text !== null && (kind === "number" || kind === "date") && Number.isFinite(Number(text)))
    content = { value: Number(text), kind };
  else if (text !== null && kind === "boolean")
    content = { value: text.toUpperCase() === "TRUE", kind };
  else if (text !== null && kind === "error") content = { value: text, kind };
  return formula === undefined ? content : { ...content, formula };
}

/**
 * The cells after undoing `undo` (the log rows of one write-back): each goes back to the row
 * it was written in (its recorded row when that row still holds its key, else the one row
 * that does); refused when a row is gone or a cell was changed since (undo would lose that).
 */
export function planRestore(p: Place & { undo: readonly PlanRow[] }): {
  after: CellContent[];
  problems: PlanProblem[];
} {
  const keys = p.raw.rows.map((cells) => stored(cells[p.key]));
  const after = [...p.cells];
  const problems: PlanProblem[] = [];
  for (const row of p.undo) {
    const key = stored(cellOf(row, "Key"));
    const recorded = cellOf(row, "Row");
    const position = typeof recorded === "number" ? recorded - p.raw.headerRow - 1 : -1;
    const exact = keys.flatMap((k, i) => (k === key ? [i] : []));
    const index = keys[position] === key ? position : exact.length === 1 ? exact[0] : -1;
    const column = stored(cellOf(row, "Column"));
    if (index < 0) {
      problems.push({
        severity: "error",
        sheet: p.raw.sheet,
        table: p.table.name,
        column: p.keyHeader,
        ...tableProblem("writeBackRowMissing", { column: p.keyHeader, key, row: stored(recorded) }),
      });
      continue;
    }
    const now = p.cells[index];
    const written = textOf(cellOf(row, "New"));
    if (now.formula !== undefined || textOf(now.value) !== written) {
      problems.push({
        severity: "error",
        sheet: p.raw.sheet,
        table: p.table.name,
        row: sheetRow(p.raw, index),
        column,
        address: `${columnLetters(p.raw.firstColumn + p.target)}${sheetRow(p.raw, index)}`,
        ...tableProblem("writeBackEdited", {
          column,
          row: sheetRow(p.raw, index),
          value: shown(now),
          written: `"${written ?? ""}"`,
        }),
      });
      continue;
    }
    after[index] = previousContent(row);
  }
  return { after, problems };
}
