/**
 * What every Office.js request of the adapter shares: the Excel.run it goes through, the
 * payload limit, and a record of each sync (how many, and the bytes of cell data each carried),
 * so that tests and benchmarks can hold the adapter to Excel's limits.
 *
 * Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded;
 * learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization);
 * the adapter keeps each below 4 MB, measured as the UTF-8 JSON of the cell data it carries.
 */
import { columnLetters } from "../rows";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
export type ExcelRun = <T>(batch: Batch<T>) => Promise<T>;

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();
export const bytesOf = (value: unknown): number =>
  encoder.encode(JSON.stringify(value) ?? "").length;

/** Splits rows into runs whose JSON stays under `limit` bytes. */
export function chunkRows<T>(rows: readonly T[], limit: number): { rows: T[]; bytes: number }[] {
  const chunks: { rows: T[]; bytes: number }[] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = bytesOf(row) + 1;
    if (current.length && bytes + size > limit) {
      chunks.push({ rows: current, bytes });
      current = [];
      bytes = 2;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push({ rows: current, bytes });
  return chunks;
}

export interface SyncStats {
  syncs: number;
  /** Bytes of cell data sent in each sync. */
  bytesPerSync: number[];
  /** Bytes of cell data received in each sync (0 for a sync that loads none). */
  receivedPerSync: number[];
}

export const emptyStats = (): SyncStats => ({ syncs: 0, bytesPerSync: [], receivedPerSync: [] });

/** The bookkeeping one adapter shares across its requests. */
export class Requests {
  constructor(
    readonly run: ExcelRun,
    readonly maxBytes: number,
    readonly stats: SyncStats
  ) {}

  /** Called just before each context.sync(), with the bytes of cell data that sync sends. */
  sending(bytes = 0): void {
    this.stats.syncs++;
    this.stats.bytesPerSync.push(bytes);
    this.stats.receivedPerSync.push(0);
  }

  /** Called after a sync, with the bytes of cell data it brought back. */
  received(bytes: number): void {
    this.stats.receivedPerSync[this.stats.receivedPerSync.length - 1] += bytes;
  }

  /**
   * Rows of `columns` cells that fit in one response when each cell is assumed to take
   * `bytesPerCell` (Excel gives no size before it answers, so reads are sized by estimate).
   */
  rowsPerRead(columns: number, bytesPerCell: number): number {
    return Math.max(1, Math.floor(this.maxBytes / (bytesPerCell * Math.max(1, columns))));
  }
}

/** A rectangle of cells by 0-based indexes, as Office.js gives them (rowIndex, columnIndex…). */
export interface Area {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** The loaded geometry of a range. */
export const areaOf = (range: Excel.Range): Area => ({
  top: range.rowIndex,
  left: range.columnIndex,
  rows: range.rowCount,
  columns: range.columnCount,
});

/** "B2:D9", or "B2" for one cell: how the store names a place to the user. */
export function a1(area: Area): string {
  const first = `${columnLetters(area.left)}${area.top + 1}`;
  if (area.rows === 1 && area.columns === 1) return first;
  return `${first}:${columnLetters(area.left + area.columns - 1)}${area.top + area.rows}`;
}

/** The overlap of two areas, if any. */
export function intersection(a: Area, b: Area): Area | undefined {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const right = Math.min(a.left + a.columns, b.left + b.columns);
  if (bottom <= top || right <= left) return undefined;
  return { top, left, rows: bottom - top, columns: right - left };
}

/** [first row, row count] pieces of `total` rows, at most `perChunk` each. */
export function rowPieces(total: number, perChunk: number): [number, number][] {
  const pieces: [number, number][] = [];
  for (let start = 0; start < total; start += perChunk)
    pieces.push([start, Math.min(perChunk, total - start)]);
  return pieces;
}

/**
 * The A1 areas in a RangeAreas address ("Sheet1!A1:B2, 'Q1, Q2'!C3"), without their sheet:
 * split at commas outside quoted sheet names, keep what follows each part's last "!".
 */
export function areasOfAddress(address: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.slice(part.lastIndexOf("!") + 1).replace(/\$/g, ""));
}

/** Part of a read: an area of one sheet, and what it is reckoned to cost in bytes. */
export interface Piece {
  area: Area;
  cost: number;
}

/** What a reader did with one batch: queued writes of `sent` bytes (they go with the next sync), or is done. */
export interface BatchOutcome {
  sent?: number;
  stop?: boolean;
}

/**
 * Loads `properties` of each piece, as many pieces per sync as their cost allows (at least
 * one), handing each batch to `onLoaded` as soon as it arrives. Writes that `onLoaded` queues
 * travel with the next batch's sync (request and response are limited apart), and a last sync
 * sends what the last batch queued.
 */
export async function loadInBatches(
  requests: Requests,
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  pieces: readonly Piece[],
  properties: readonly string[],
  onLoaded: (loaded: { area: Area; range: Excel.Range }[]) => BatchOutcome | void
): Promise<void> {
  let pending = 0;
  for (let start = 0; start < pieces.length;) {
    let end = start + 1;
    let cost = pieces[start].cost;
    while (end < pieces.length && cost + pieces[end].cost <= requests.maxBytes)
      cost += pieces[end++].cost;
    const loaded = pieces.slice(start, end).map(({ area }) => {
      const range = sheet.getRangeByIndexes(area.top, area.left, area.rows, area.columns);
      // eslint-disable-next-line office-addins/no-empty-load -- the rule sees only literal names; these are the caller's
      range.load(properties.join(","));
      return { area, range };
    });
    requests.sending(pending);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch: the payload limit allows no fewer
    await context.sync();
    requests.received(
      loaded.reduce(
        (sum, { range }) =>
          sum +
          properties.reduce(
            (bytes, property) =>
              bytes + bytesOf((range as unknown as Record<string, unknown>)[property]),
            0
          ),
        0
      )
    );
    const outcome = onLoaded(loaded) ?? {};
    loaded.forEach(({ range }) => range.untrack());
    pending = outcome.sent ?? 0;
    start = end;
    if (outcome.stop) break;
  }
  if (pending) {
    requests.sending(pending);
    await context.sync();
  }
}
