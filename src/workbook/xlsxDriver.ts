/* eslint-disable office-addins/load-object-before-read -- ExcelJS cells are plain objects, not Office.js proxies that need load() */
/**
 * The .xlsx file adapter (ExcelJS): the same plan tables in a workbook file, for the
 * workbench outside Excel, the command line and tests on real files. Changes happen in
 * memory; nothing reaches the file until `toBuffer` is written, so a failed save leaves
 * the file as it was.
 */
import ExcelJS from "exceljs";
import { writeWorkbook } from "./fastSheets";
import { CellValue, RawTable, columnLetters } from "./rows";
import { ColumnType, TableSpec, infoSpec } from "./schema";
import { UserTable, WorkbookDriver, userTableSpec } from "./store";
import {
  CellStyle,
  LinkedValue,
  ReportChart,
  ReportSheet,
  STATUS_COLOURS,
  previousSheetName,
  splitLink,
} from "./report";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

const REPORT_STYLES: Record<CellStyle, Partial<ExcelJS.Style>> = {
  title: { font: { bold: true, size: 14 } },
  heading: {
    font: { bold: true, size: 12 },
    border: { bottom: { style: "thin", color: { argb: "FF808080" } } },
  },
  label: { font: { bold: true }, alignment: { vertical: "top" } },
  text: { alignment: { vertical: "top" } },
  wrap: { alignment: { vertical: "top", wrapText: true } },
  number: { alignment: { vertical: "top" } },
  percent: { numFmt: "0.0%", alignment: { vertical: "top" } },
  date: { numFmt: "yyyy-mm-dd", alignment: { vertical: "top" } },
};

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: "@",
  date: "yyyy-mm-dd",
  number: undefined,
  boolean: undefined,
};

/**
 * Excel writes characters XML cannot hold, and text that looks like such an escape, as
 * _xHHHH_; ExcelJS reads them undecoded, so this decodes them as Excel does.
 */
const decodeEscapes = (text: string) =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16))
      )
    : text;

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return decodeEscapes(value);
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

  /** Charts of the report sheets written in this session, drawn when the file is written. */
  private readonly charts = new Map<string, ReportChart[]>();

  async toBuffer(): Promise<Uint8Array> {
    return writeWorkbook(this.workbook, undefined, this.charts);
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

  async listTables(): Promise<UserTable[]> {
    const found: UserTable[] = [];
    this.workbook.eachSheet((sheet) => {
      const tables = (sheet as unknown as { tables?: Record<string, unknown> }).tables ?? {};
      for (const name of Object.keys(tables)) found.push({ name, sheet: sheet.name });
    });
    return found;
  }

  async writeColumn(table: UserTable, header: string, values: readonly CellValue[]): Promise<void> {
    const found = this.located(userTableSpec(table));
    if (!found) throw new Error(`the table ${table.name} is no longer in the workbook`);
    const { sheet, ref } = found;
    const headerRow = sheet.getRow(ref.top);
    let column = -1;
    for (let c = ref.left; c <= ref.right; c++)
      if (String(plainValue(headerRow.getCell(c).value) ?? "").trim() === header.trim()) column = c;
    if (column < 0) throw new Error(`the table ${table.name} has no column "${header}"`);
    if (values.length !== ref.bottom - ref.top)
      throw new Error(
        `the table ${table.name} has ${ref.bottom - ref.top} rows, not ${values.length}`
      );
    values.forEach((value, i) => (sheet.getRow(ref.top + 1 + i).getCell(column).value = value));
  }

  async readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    const found = new Map<string, LinkedValue>();
    for (const link of links) {
      let target = splitLink(link);
      if ("name" in target) {
        const ranges = this.workbook.definedNames.getRanges(target.name)?.ranges ?? [];
        if (ranges.length !== 1) {
          found.set(link, { exists: false, value: null });
          continue;
        }
        target = splitLink(ranges[0]) as { sheet: string; address: string };
      }
      const sheet = this.workbook.getWorksheet(target.sheet);
      if (!sheet || !/^[A-Z]{1,3}\d+$/.test(target.address)) {
        found.set(link, { exists: false, value: null });
        continue;
      }
      const value = plainValue(sheet.getCell(target.address).value);
      found.set(link, {
        exists: true,
        value: value instanceof Date ? null : (value as LinkedValue["value"]),
      });
    }
    return found;
  }

  async writeReport(report: ReportSheet): Promise<void> {
    const existing = this.workbook.getWorksheet(report.sheet);
    if (existing) {
      const older = this.workbook.getWorksheet(previousSheetName(report.sheet));
      if (older) this.workbook.removeWorksheet(older.id);
      existing.name = previousSheetName(report.sheet);
      this.charts.set(previousSheetName(report.sheet), this.charts.get(report.sheet) ?? []);
    }
    this.charts.set(report.sheet, report.charts ?? []);
    const sheet = this.workbook.addWorksheet(report.sheet, {
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    report.columnWidths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    for (const cell of report.cells) {
      const target = sheet.getCell(cell.row, cell.col);
      // User text is a plain string value here: ExcelJS writes it as text, never as a formula.
      target.value =
        cell.formula !== undefined
          ? { formula: cell.formula.replace(/^=/, "") }
          : (cell.value ?? null);
      if (cell.style) target.style = REPORT_STYLES[cell.style];
    }
    for (const ref of report.statusRanges) {
      sheet.addConditionalFormatting({
        ref,
        rules: STATUS_COLOURS.map((colour, i) => ({
          type: "containsText",
          operator: "containsText",
          text: colour.text,
          priority: i + 1,
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(colour.fill) } },
            font: { color: { argb: argb(colour.font) } },
          },
        })),
      });
    }
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
