/**
 * The Office.js adapter: the plan tables in the open workbook, through Excel.run.
 *
 * - Loads only what it reads, and syncs once per chunk, never per row.
 * - Writes rows with Range.values below the header and then resizes the table, instead of
 *   TableRowCollection.add, which causes merge conflicts under co-authoring.
 * - Keeps every request under Excel's 5 MB limit: rows go in chunks of at most 4 MB
 *   (measured as the UTF-8 JSON of the values sent), and every sync's bytes are recorded.
 * - Formats text columns as text ("@") before writing, so user text starting with =, +, -
 *   or @ stays text and is never evaluated as a formula.
 */
import { CellValue, RawTable, columnLetters } from "./rows";
import { ColumnType, TableSpec } from "./schema";
import type { WorkbookDriver } from "./store";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
export type ExcelRun = <T>(batch: Batch<T>) => Promise<T>;

const NUMBER_FORMATS: Record<ColumnType, string> = {
  text: "@",
  date: "yyyy-mm-dd",
  number: "General",
  boolean: "General",
};

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();
const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

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
  /** Bytes of cell values sent or received in each sync. */
  bytesPerSync: number[];
}

export class OfficeDriver implements WorkbookDriver {
  readonly stats: SyncStats = { syncs: 0, bytesPerSync: [] };

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly maxBytes = MAX_REQUEST_BYTES
  ) {}

  /** Called just before each context.sync(), with the bytes of cell values that sync carries. */
  private record(bytes = 0): void {
    this.stats.syncs++;
    this.stats.bytesPerSync.push(bytes);
  }

  async readTable(spec: TableSpec): Promise<RawTable | undefined> {
    return this.run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(spec.table);
      this.record();
      await context.sync();
      if (table.isNullObject) return undefined;
      const range = table.getRange();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      this.record();
      await context.sync();
      // Rows per read request, assuming 64 bytes a cell, so a response stays under the limit.
      const perChunk = Math.max(1, Math.floor(this.maxBytes / (64 * range.columnCount)));
      const values: unknown[][] = [];
      for (let start = 0; start < range.rowCount; start += perChunk) {
        const part = range
          .getRow(start)
          .getResizedRange(Math.min(perChunk, range.rowCount - start) - 1, 0);
        part.load("values");
        // One sync per chunk of rows: the response limit allows no fewer.
        this.record();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        values.push(...part.values);
        part.untrack();
      }
      return {
        sheet: spec.sheet,
        header: values[0] ?? [],
        rows: values.slice(1),
        headerRow: range.rowIndex + 1,
        firstColumn: range.columnIndex,
      };
    });
  }

  async writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(spec.sheet);
      const table = context.workbook.tables.getItemOrNullObject(spec.table);
      this.record();
      await context.sync();
      const target = sheet.isNullObject ? context.workbook.worksheets.add(spec.sheet) : sheet;
      let top = 0;
      let left = 0;
      let oldRows = 0;
      let oldColumns = 0;
      if (!table.isNullObject) {
        const range = table.getRange();
        range.load("rowIndex,columnIndex,rowCount,columnCount");
        this.record();
        await context.sync();
        [top, left, oldRows, oldColumns] = [
          range.rowIndex,
          range.columnIndex,
          range.rowCount,
          range.columnCount,
        ];
      }
      const width = header.length;
      // Excel tables need a data row; an empty table keeps one blank row, which reading skips.
      const body: CellValue[][] = rows.length ? (rows as CellValue[][]) : [header.map(() => null)];
      const typeOf = new Map(spec.columns.map((c) => [c.header, c.type]));
      // The first request also carries the header and the column formats: leave room for them.
      const chunks = chunkRows(body, this.maxBytes - bytesOf(header) - 64 * width);
      let written = 0;
      for (let k = 0; k < chunks.length; k++) {
        const chunk = chunks[k];
        let bytes = chunk.bytes;
        if (k === 0) {
          // Formats first, so text arrives as text; then the header.
          header.forEach((name, j) => {
            const column = target.getRangeByIndexes(top, left + j, body.length + 1, 1);
            column.numberFormat = NUMBER_FORMATS[
              typeOf.get(name) ?? "text"
            ] as unknown as string[][];
            column.untrack();
          });
          const headerRange = target.getRangeByIndexes(top, left, 1, width);
          headerRange.values = [header as string[]];
          headerRange.untrack();
          bytes += bytesOf(header) + 64 * width;
        }
        const part = target.getRangeByIndexes(top + 1 + written, left, chunk.rows.length, width);
        part.values = chunk.rows as (string | number | boolean)[][];
        part.untrack();
        written += chunk.rows.length;
        if (k === chunks.length - 1) {
          const newRows = body.length + 1;
          if (oldRows > newRows || oldColumns > width) {
            // Clear what the old, larger table covered beyond the new one.
            const stale = target.getRangeByIndexes(
              top + newRows,
              left,
              Math.max(0, oldRows - newRows),
              Math.max(width, oldColumns)
            );
            if (oldRows > newRows) stale.clear(Excel.ClearApplyTo.contents);
            if (oldColumns > width)
              target
                .getRangeByIndexes(top, left + width, oldRows, oldColumns - width)
                .clear(Excel.ClearApplyTo.contents);
          }
          const address = `${columnLetters(left)}${top + 1}:${columnLetters(left + width - 1)}${top + newRows}`;
          if (table.isNullObject) {
            const created = context.workbook.tables.add(
              `'${spec.sheet.replace(/'/g, "''")}'!${address}`,
              true
            );
            created.name = spec.table;
          } else {
            table.resize(target.getRange(address));
          }
        }
        // One sync per chunk of at most maxBytes: the request limit allows no fewer.
        this.record(bytes);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
    });
  }
}
