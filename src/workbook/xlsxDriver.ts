/* eslint-disable office-addins/load-object-before-read -- ExcelJS cells are plain objects, not Office.js proxies that need load() */
/**
 * The .xlsx file adapter (ExcelJS): the same plan tables in a workbook file, for the
 * workbench outside Excel, the command line and tests on real files. Changes happen in
 * memory; nothing reaches the file until `toBuffer` is written, so a failed save leaves
 * the file as it was.
 */
import ExcelJS from "exceljs";
import { CellValue, RawTable, columnLetters } from "./rows";
import { ColumnType, TableSpec, infoSpec } from "./schema";
import type { WorkbookDriver } from "./store";

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: "@",
  date: "yyyy-mm-dd",
  number: undefined,
  boolean: undefined,
};

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("result" in value) return plainValue(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return value.text;
    if ("error" in value) return value.error;
    return null;
  }
  return value;
}

function parseRef(ref: string): { top: number; left: number; bottom: number; right: number } {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref.replace(/\$/g, ""));
  if (!match) throw new Error(`cannot read the table range ${ref}`);
  const col = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(match[2]);
  const left = col(match[1]);
  return {
    top,
    left,
    bottom: match[4] ? Number(match[4]) : top,
    right: match[3] ? col(match[3]) : left,
  };
}

export class XlsxDriver implements WorkbookDriver {
  constructor(readonly workbook: ExcelJS.Workbook = new ExcelJS.Workbook()) {}

  static async fromBuffer(buffer: ArrayBuffer | Uint8Array): Promise<XlsxDriver> {
    const workbook = new ExcelJS.Workbook();
    // ExcelJS's load typing expects Node's Buffer; an ArrayBuffer or Uint8Array works the same.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return new XlsxDriver(workbook);
  }

  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  private located(
    spec: TableSpec
  ): { sheet: ExcelJS.Worksheet; ref: ReturnType<typeof parseRef> } | undefined {
    const sheet = this.workbook.getWorksheet(spec.sheet);
    if (!sheet) return undefined;
    const table = sheet.getTable(spec.table) as unknown as
      { table?: { tableRef?: string; ref?: string } } | undefined;
    const ref = table?.table?.tableRef ?? table?.table?.ref;
    if (!ref) return undefined;
    return { sheet, ref: parseRef(ref) };
  }

  async readTable(spec: TableSpec): Promise<RawTable | undefined> {
    const found = this.located(spec);
    if (!found) return undefined;
    const { sheet, ref } = found;
    const readRow = (r: number) => {
      const row = sheet.getRow(r);
      const cells: unknown[] = [];
      for (let c = ref.left; c <= ref.right; c++) cells.push(plainValue(row.getCell(c).value));
      return cells;
    };
    const rows: unknown[][] = [];
    for (let r = ref.top + 1; r <= ref.bottom; r++) rows.push(readRow(r));
    return {
      sheet: spec.sheet,
      header: readRow(ref.top),
      rows,
      headerRow: ref.top,
      firstColumn: ref.left - 1,
    };
  }

  async writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    const found = this.located(spec);
    let sheet = found?.sheet ?? this.workbook.getWorksheet(spec.sheet);
    if (!sheet) {
      sheet = this.workbook.addWorksheet(spec.sheet, spec === infoSpec ? { state: "hidden" } : {});
    }
    const top = found?.ref.top ?? 1;
    const left = found?.ref.left ?? 1;
    if (found) {
      sheet.removeTable(spec.table);
      for (let r = found.ref.top; r <= found.ref.bottom; r++) {
        const row = sheet.getRow(r);
        for (let c = found.ref.left; c <= found.ref.right; c++) row.getCell(c).value = null;
      }
    }
    const typeOf = new Map(spec.columns.map((c) => [c.header, c.type]));
    // Column formats before the cells exist, so every cell takes them (text stays text)
    // without a style per cell, which would slow saving a large table several-fold.
    header.forEach((name, i) => {
      const column = sheet!.getColumn(left + i);
      column.width = Math.max(10, Math.min(40, name.length + 4));
      const format = NUMBER_FORMATS[typeOf.get(name) ?? "text"];
      if (format) column.numFmt = format;
    });
    // Excel tables need a data row; an empty plan gets one blank row, which reading skips.
    const body = rows.length ? rows : [header.map(() => null)];
    sheet.addTable({
      name: spec.table,
      ref: `${columnLetters(left - 1)}${top}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: header.map((name) => ({ name, filterButton: true })),
      rows: body.map((cells) =>
        cells.map((cell) => (cell === null ? null : cell))
      ) as unknown as ExcelJS.CellValue[][],
    });
  }
}
