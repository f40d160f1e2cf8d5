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
import type { UserTable, WorkbookDriver } from "./store";
import {
  CellStyle,
  LinkedValue,
  ReportSheet,
  STATUS_COLOURS,
  previousSheetName,
  splitLink,
} from "./report";

const REPORT_FORMATS: Record<CellStyle, string> = {
  title: "@",
  heading: "@",
  label: "@",
  text: "@",
  wrap: "@",
  number: "General",
  percent: "0.0%",
  date: "yyyy-mm-dd",
};

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

  async listTables(): Promise<UserTable[]> {
    return this.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name,items/worksheet/name");
      this.record();
      await context.sync();
      return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
    });
  }

  async writeColumn(table: UserTable, header: string, values: readonly CellValue[]): Promise<void> {
    await this.run(async (context) => {
      const column = context.workbook.tables
        .getItem(table.name)
        .columns.getItemOrNullObject(header);
      this.record();
      await context.sync();
      if (column.isNullObject) throw new Error(`the table ${table.name} has no column "${header}"`);
      const body = column.getDataBodyRange();
      let written = 0;
      for (const chunk of chunkRows(
        values.map((v) => [v]),
        this.maxBytes
      )) {
        const part = body.getRow(written).getResizedRange(chunk.rows.length - 1, 0);
        part.values = chunk.rows as (string | number | boolean)[][];
        part.untrack();
        written += chunk.rows.length;
        // One sync per chunk of at most maxBytes: the request limit allows no fewer.
        this.record(chunk.bytes);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
    });
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(address).select();
      this.record();
      await context.sync();
    });
  }

  async readSelection(): Promise<RawTable | undefined> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("values,rowIndex,columnIndex,rowCount");
      // The selection is always on the active sheet.
      const worksheet = context.workbook.worksheets.getActiveWorksheet();
      worksheet.load("name");
      this.record();
      await context.sync();
      if (range.rowCount < 2) return undefined;
      return {
        sheet: worksheet.name,
        header: range.values[0],
        rows: range.values.slice(1),
        headerRow: range.rowIndex + 1,
        firstColumn: range.columnIndex,
      };
    });
  }

  async selectedAddress(): Promise<string> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address");
      this.record();
      await context.sync();
      // A multi-cell selection links its top-left cell.
      return range.address.split(":")[0];
    });
  }

  async readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    return this.run(async (context) => {
      const pending = links.map((link) => {
        const target = splitLink(link);
        if ("name" in target) {
          const name = context.workbook.names.getItemOrNullObject(target.name);
          return { link, range: name.getRangeOrNullObject() };
        }
        const sheet = context.workbook.worksheets.getItemOrNullObject(target.sheet);
        return { link, sheet, address: target.address };
      });
      this.record();
      await context.sync();
      const ranges = pending.map((entry) => {
        if ("range" in entry) return entry.range;
        return entry.sheet.isNullObject ? undefined : entry.sheet.getRange(entry.address);
      });
      ranges.forEach((range) => range?.load("values"));
      this.record();
      await context.sync();
      const found = new Map<string, LinkedValue>();
      pending.forEach(({ link }, i) => {
        const range = ranges[i];
        if (!range || range.isNullObject) found.set(link, { exists: false, value: null });
        else {
          const value = range.values[0]?.[0];
          found.set(link, { exists: true, value: value === "" ? null : (value as CellValue) });
        }
      });
      return found;
    });
  }

  async writeReport(report: ReportSheet): Promise<void> {
    await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(report.sheet);
      const older = sheets.getItemOrNullObject(previousSheetName(report.sheet));
      this.record();
      await context.sync();
      if (!older.isNullObject) older.delete();
      if (!existing.isNullObject) existing.name = previousSheetName(report.sheet);
      const sheet = sheets.add(report.sheet);
      report.columnWidths.forEach((width, i) => {
        // Excel measures column width in points; a character is about 7 points at the default font.
        sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = width * 7;
      });
      for (const cell of report.cells) {
        const range = sheet.getCell(cell.row - 1, cell.col - 1);
        // Text formats first, so user text starting with = + - @ stays text.
        range.numberFormat = [[cell.formula ? "General" : REPORT_FORMATS[cell.style ?? "text"]]];
        if (cell.formula !== undefined) range.formulas = [[cell.formula]];
        else range.values = [[cell.value ?? ""]];
        if (cell.style === "title") range.format.font.set({ bold: true, size: 14 });
        if (cell.style === "heading") range.format.font.set({ bold: true, size: 12 });
        if (cell.style === "label") range.format.font.bold = true;
        if (cell.style === "wrap") range.format.wrapText = true;
        range.format.verticalAlignment = Excel.VerticalAlignment.top;
        range.untrack();
      }
      for (const ref of report.statusRanges) {
        const range = sheet.getRange(ref);
        for (const colour of STATUS_COLOURS) {
          const format = range.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
          format.textComparison.format.fill.color = colour.fill;
          format.textComparison.format.font.color = colour.font;
          format.textComparison.rule = {
            operator: Excel.ConditionalTextOperator.contains,
            text: colour.text,
          };
        }
      }
      for (const chart of report.charts ?? []) {
        const added = sheet.charts.add(
          Excel.ChartType.columnClustered,
          sheet.getRange(chart.categories),
          Excel.ChartSeriesBy.columns
        );
        added.title.text = chart.title;
        chart.series.forEach((series, i) => {
          const line = i === 0 ? added.series.getItemAt(0) : added.series.add(series.name);
          line.name = series.name;
          line.setValues(sheet.getRange(series.values));
          line.setXAxisValues(sheet.getRange(chart.categories));
        });
        added.setPosition(
          sheet.getCell(chart.at.row - 1, chart.at.col - 1),
          sheet.getCell(chart.at.row - 1 + chart.at.rows, chart.at.col - 1 + chart.at.cols)
        );
      }
      sheet.pageLayout.orientation = Excel.PageOrientation.landscape;
      this.record();
      await context.sync();
    });
  }
}
