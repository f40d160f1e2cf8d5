/**
 * History tables: before the store overwrites a plan table it copies the rows it replaces
 * into the table's history, tagged with the change (ChangeId, ChangedAt, ChangedScenario).
 * The rows tagged with change k are the table exactly as change k found it, so the history
 * and the current rows give back every version it keeps. It keeps a stated number of
 * changes (HISTORY_CHANGES_KEPT, HISTORY_ROWS_KEPT): older changes are dropped whole.
 */
import { isBlankCell, labelKey } from "../domain/labels";
import { CellValue, RawTable, appendedTable, filledRows } from "./rows";
import {
  HISTORY_CHANGES_KEPT,
  HISTORY_COLUMNS,
  HISTORY_ROWS_KEPT,
  TableSpec,
  historySpec,
} from "./schema";

/** Each raw column's header in the history: the schema's spelling, else the user's. */
function historyHeaders(spec: TableSpec, raw: RawTable): string[] {
  const schema = new Map(spec.columns.map((c) => [labelKey(c.header), c.header]));
  return raw.header.map((cell, i) => {
    const name = isBlankCell(cell) ? `Column${i + 1}` : String(cell).trim();
    return schema.get(labelKey(name)) ?? name;
  });
}

/** The rows of `raw` (the table as read) as history rows: the change's stamp, then every column. */
export function historyRows(
  spec: TableSpec,
  raw: RawTable,
  stamp: readonly CellValue[]
): { header: string[]; rows: CellValue[][] } {
  const names = historyHeaders(spec, raw);
  const known = new Set(spec.columns.map((c) => c.header));
  const extra = [...new Set(names.filter((h) => !known.has(h)))];
  const header = [...historySpec(spec).columns.map((c) => c.header), ...extra];
  const position = new Map(header.map((h, i) => [h, i]));
  const rows = filledRows(raw).map((cells) => {
    const row: CellValue[] = header.map((_, i) => (i < stamp.length ? stamp[i] : null));
    // A header the user typed twice keeps its first column (its second one is reported at load).
    const taken = new Set<number>();
    names.forEach((name, i) => {
      const at = position.get(name)!;
      if (!taken.has(at)) row[at] = (cells[i] ?? null) as CellValue;
      taken.add(at);
    });
    return row;
  });
  return { header, rows };
}

/**
 * The rows to keep: those of the last `changes` ChangeIds (in the order they were appended),
 * dropping older changes whole while more than `maxRows` rows remain (the latest is kept).
 */
export function retainedRows(
  header: readonly string[],
  rows: readonly CellValue[][],
  changes = HISTORY_CHANGES_KEPT,
  maxRows = HISTORY_ROWS_KEPT
): CellValue[][] {
  const at = header.indexOf(HISTORY_COLUMNS[0].header);
  const idOf = (cells: readonly CellValue[]) => String(cells[at] ?? "").trim();
  const counts = new Map<string, number>();
  for (const cells of rows) counts.set(idOf(cells), (counts.get(idOf(cells)) ?? 0) + 1);
  const ids = [...counts.keys()];
  let kept = ids.slice(Math.max(0, ids.length - changes));
  let total = kept.reduce((sum, id) => sum + counts.get(id)!, 0);
  while (kept.length > 1 && total > maxRows) {
    total -= counts.get(kept[0])!;
    kept = kept.slice(1);
  }
  const keep = new Set(kept);
  return rows.filter((cells) => keep.has(idOf(cells)));
}

/** The history table after appending one change's rows, within the retention. */
export function appendedHistory(
  existing: RawTable | undefined,
  header: readonly string[],
  rows: readonly CellValue[][]
): { header: string[]; rows: CellValue[][] } {
  const all = existing
    ? appendedTable(existing, header, rows)
    : { header: [...header], rows: [...rows] };
  return { header: all.header, rows: retainedRows(all.header, all.rows) };
}

/** The highest ChangeId a history table holds (0 when none): the plan's revision is at least this. */
export function latestChange(raw: RawTable | undefined): number {
  if (!raw) return 0;
  const at = raw.header.map((h) => String(h ?? "").trim()).indexOf(HISTORY_COLUMNS[0].header);
  let latest = 0;
  for (const cells of raw.rows) {
    const id = Number(cells[at]);
    if (Number.isInteger(id) && id > latest) latest = id;
  }
  return latest;
}
