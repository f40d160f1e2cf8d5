/**
 * The Office.js adapter's work outside plan tables: report sheets, linked cells and names,
 * the selection, and the list of tables. Moved here unchanged from officeDriver.ts.
 */
import type { CellValue, RawTable } from "../rows";
import type { UserTable } from "../driver";
import {
  CellStyle,
  LinkedValue,
  ReportSheet,
  STATUS_COLOURS,
  previousSheetName,
  splitLink,
} from "../report";
import { Requests } from "./requests";

const REPORT_FORMATS: Record<CellStyle, string> = {
  title: "@",
  heading: "@",
  label: "@",
  text: "@",
  wrap: "@",
  note: "@",
  number: "#,##0.00",
  integer: "#,##0",
  money: "#,##0",
  ratio: "0.000",
  percent: "0.0%",
  date: "yyyy-mm-dd",
};

export class WorkbookSheets {
  constructor(private readonly requests: Requests) {}

  async listTables(): Promise<UserTable[]> {
    return this.requests.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load("items/name,items/worksheet/name");
      this.requests.sending();
      await context.sync();
      return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
    });
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.requests.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(address).select();
      this.requests.sending();
      await context.sync();
    });
  }

  async readSelection(): Promise<RawTable | undefined> {
    return this.requests.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("values,rowIndex,columnIndex,rowCount");
      // The selection is always on the active sheet.
      const worksheet = context.workbook.worksheets.getActiveWorksheet();
      worksheet.load("name");
      this.requests.sending();
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
    return this.requests.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address");
      this.requests.sending();
      await context.sync();
      // A multi-cell selection links its top-left cell.
      return range.address.split(":")[0];
    });
  }

  async readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    return this.requests.run(async (context) => {
      const pending = links.map((link) => {
        const target = splitLink(link);
        if ("name" in target) {
          const name = context.workbook.names.getItemOrNullObject(target.name);
          return { link, range: name.getRangeOrNullObject() };
        }
        const sheet = context.workbook.worksheets.getItemOrNullObject(target.sheet);
        return { link, sheet, address: target.address };
      });
      this.requests.sending();
      await context.sync();
      const ranges = pending.map((entry) => {
        if ("range" in entry) return entry.range;
        return entry.sheet.isNullObject ? undefined : entry.sheet.getRange(entry.address);
      });
      ranges.forEach((range) => range?.load("values"));
      this.requests.sending();
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
    await this.requests.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(report.sheet);
      const older = sheets.getItemOrNullObject(previousSheetName(report.sheet));
      this.requests.sending();
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
      this.requests.sending();
      await context.sync();
    });
  }
}
