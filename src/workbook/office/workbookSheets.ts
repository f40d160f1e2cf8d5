/**
 * The Office.js adapter's work outside plan tables: report sheets, linked cells and names,
 * the selection, and the list of tables. Moved here unchanged from officeDriver.ts.
 */
import type { CellValue, RawTable } from "../rows";
import type { UserTable } from "../driver";
import {
  GREY,
  LinkedValue,
  REPORT_LOOKS,
  ReportSheet,
  statusColoursOf,
  mergedRanges,
  pageTexts,
  placeOf,
  previousSheetName,
  reportExtent,
  seriesColour,
  rowHeights,
  splitLink,
} from "../report";

import { Requests, a1 } from "./requests";

/** Excel's column width in points for a width in characters: 7 pixels a character and 5 of padding, at 96 dpi. */
const columnPoints = (characters: number) => (characters * 7 + 5) * 0.75;

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

  /**
   * Draws a report sheet, first in the workbook (after the reports that precede it in
   * REPORT_SHEET_ORDER); a sheet it replaces is kept as "<name> (previous)", last, hidden and
   * with a grey tab, replacing an older previous version. The same look as the file's.
   * Returns the name of the copy kept, or undefined when there was no sheet of that name.
   */
  async writeReport(report: ReportSheet): Promise<string | undefined> {
    return this.requests.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/position");
      const existing = sheets.getItemOrNullObject(report.sheet);
      const previousName = previousSheetName(report.sheet);
      const older = sheets.getItemOrNullObject(previousName);
      this.requests.sending();
      await context.sync();
      let names = [...sheets.items].sort((a, b) => a.position - b.position).map((s) => s.name);
      const lower = (name: string) => name.toLowerCase();
      if (!older.isNullObject) {
        older.delete();
        names = names.filter((n) => lower(n) !== lower(previousName));
      }
      if (!existing.isNullObject) {
        existing.name = previousName;
        names = names.map((n) => (lower(n) === lower(report.sheet) ? previousName : n));
      }
      const sheet = sheets.add(report.sheet);
      if (!existing.isNullObject) {
        // Hidden only once the new report is there: a workbook always keeps a visible sheet.
        existing.visibility = "Hidden";
        existing.tabColor = GREY;
        names = [...names.filter((n) => n !== previousName), previousName];
        existing.position = names.length - 1;
      }
      sheet.position = placeOf(names, report.sheet, "report");
      report.columnWidths.forEach((width, i) => {
        sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = columnPoints(width);
      });
      for (const cell of report.cells) {
        const range = sheet.getCell(cell.row - 1, cell.col - 1);
        const look = REPORT_LOOKS[cell.style ?? "text"];
        // Text formats first, so user text starting with = + - @ stays text.
        range.numberFormat = [[look.numFmt ?? (cell.formula ? "General" : "@")]];
        if (cell.formula !== undefined) range.formulas = [[cell.formula]];
        else range.values = [[cell.value ?? ""]];
        if (look.bold || look.size || look.fontColor)
          range.format.font.set({
            ...(look.bold ? { bold: true } : {}),
            ...(look.size ? { size: look.size } : {}),
            ...(look.fontColor ? { color: look.fontColor } : {}),
          });
        if (look.wrap) range.format.wrapText = true;
        if (look.bottomBorder) {
          const border = range.format.borders.getItem("EdgeBottom");
          border.style = "Continuous";
          border.color = GREY;
        }
        range.format.verticalAlignment = Excel.VerticalAlignment.top;
        range.untrack();
      }
      // Merged after the cells are written: the merged area shows its first cell.
      for (const ref of mergedRanges(report)) sheet.getRange(ref).merge(false);
      for (const [row, points] of rowHeights(report))
        sheet.getRangeByIndexes(row - 1, 0, 1, 1).format.rowHeight = points;
      for (const ref of report.statusRanges) {
        const range = sheet.getRange(ref);
        for (const colour of statusColoursOf(report)) {
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
          line.format.fill.setSolidColor(seriesColour(i));
        });
        added.setPosition(
          sheet.getCell(chart.at.row - 1, chart.at.col - 1),
          sheet.getCell(chart.at.row - 1 + chart.at.rows, chart.at.col - 1 + chart.at.cols)
        );
      }
      const layout = sheet.pageLayout;
      layout.orientation = Excel.PageOrientation.landscape;
      // One page wide, as many tall as needed (0: no limit), as the file's fitToHeight="0".
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (report.print) {
        const { rows, cols } = reportExtent(report);
        layout.setPrintArea(a1({ top: 0, left: 0, rows, columns: cols }));
        const titles = report.print.titleRows;
        if (titles) layout.setPrintTitleRows(`$${titles.first}:$${titles.last}`);
        const texts = pageTexts(report.print);
        const page = layout.headersFooters.defaultForAllPages;
        page.centerHeader = texts.centerHeader;
        page.leftFooter = texts.leftFooter;
        page.rightFooter = texts.rightFooter;
      }
      this.requests.sending();
      await context.sync();
      return existing.isNullObject ? undefined : previousName;
    });
  }
}
