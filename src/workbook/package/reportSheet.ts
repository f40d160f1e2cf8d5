/**
 * Report sheets (V2MOM summary, territory review) drawn into the package: a worksheet part
 * of the add-in's own, its styles appended to the user's, conditional formats for statuses,
 * landscape printing one page wide, and native charts. A sheet it replaces is kept as
 * "<name> (previous)", whose part (with its drawing and charts) is reused for the new one.
 */
import {
  GREY,
  REPORT_LOOKS,
  ReportChart,
  ReportSheet,
  statusColoursOf,
  mergedRanges,
  pageTexts,
  placeOf,
  previousSheetName,
  reportExtent,
  rowHeights,
  sheetRef,
} from "../report";
import { chartXml, drawingXml } from "./chartParts";
import { address, columnName } from "./cellRef";
import { contentCellXml, contentOf, textCellXml, valueCellXml } from "./cells";
import { CONTENT_TYPE, REL, relsPathOf, resolveTarget } from "./opc";
import type { WorkbookFile } from "./workbookFile";
import { PRINT_WIDE, SheetEntry } from "./workbookPart";
import { escapeAttr, escapeText } from "./xml";
import { callsPlan } from "../formulas/planCalls";
import { recalculatePlanFormulas } from "./recalc";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function sheetXml(
  file: WorkbookFile,
  report: ReportSheet,
  drawingRelId?: string
): Promise<{ xml: string; formulas: boolean }> {
  const styles = await file.styles();
  const byRow = new Map<number, typeof report.cells>();
  for (const cell of report.cells) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell]);
  let formulas = false;
  const heights = rowHeights(report);
  const rows = [...byRow.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = byRow
        .get(row)!
        .sort((a, b) => a.col - b.col)
        .map((cell) => {
          const ref = address(cell.row, cell.col);
          const style = cell.style ? styles.xf(REPORT_LOOKS[cell.style]) : undefined;
          if (cell.formula !== undefined) {
            const formula = cell.formula.replace(/^=/, "");
            // PLAN formulas get their values from recalc.ts once the sheet is drawn.
            if ((cell.result === undefined || cell.result === null) && !callsPlan(formula))
              formulas = true;
            return contentCellXml(
              ref,
              style === undefined ? undefined : String(style),
              { ...contentOf(cell.result ?? null), formula },
              file.book.date1904
            );
          }
          // User text is only ever a value: written as an inline string, never as a formula.
          return typeof cell.value === "string"
            ? textCellXml(ref, style, cell.value)
            : valueCellXml(ref, style, cell.value ?? null);
        })
        .join("");
      const height = heights.get(row);
      // A custom height, because Excel does not grow a row for wrapped text it did not type.
      const ht = height === undefined ? "" : ` ht="${height}" customHeight="1"`;
      return `<row r="${row}"${ht}>${cells}</row>`;
    })
    .join("");
  const cols = report.columnWidths.length
    ? `<cols>${report.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  let priority = 1;
  const formats = report.statusRanges
    .map((ref) => {
      const first = ref.split(":")[0].replace(/\$/g, "");
      const rules = statusColoursOf(report)
        .map((c) => {
          const dxf = styles.dxf(c.fill, c.font);
          return `<cfRule type="containsText" dxfId="${dxf}" priority="${priority++}" operator="containsText" text="${escapeAttr(c.text)}"><formula>${escapeText(`NOT(ISERROR(SEARCH("${c.text.replace(/"/g, '""')}",${first})))`)}</formula></cfRule>`;
        })
        .join("");
      return `<conditionalFormatting sqref="${escapeAttr(ref)}">${rules}</conditionalFormatting>`;
    })
    .join("");
  const extent = reportExtent(report);
  const xml =
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${address(extent.rows, extent.cols)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${rows}</sheetData>${mergeCellsXml(report)}${formats}` +
    PRINT_WIDE +
    headerFooterXml(report) +
    (drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : "") +
    `</worksheet>`;
  return { xml, formulas };
}

/** The report's merged cells (CT_MergeCells, after sheetData and before conditional formats). */
function mergeCellsXml(report: ReportSheet): string {
  const ranges = mergedRanges(report);
  if (!ranges.length) return "";
  const cells = ranges.map((ref) => `<mergeCell ref="${ref}"/>`).join("");
  return `<mergeCells count="${ranges.length}">${cells}</mergeCells>`;
}

/** The page header and footer of a printed report (CT_HeaderFooter: oddHeader, oddFooter). */
function headerFooterXml(report: ReportSheet): string {
  if (!report.print) return "";
  const { centerHeader, leftFooter, rightFooter } = pageTexts(report.print);
  return (
    `<headerFooter><oddHeader>${escapeText(`&C${centerHeader}`)}</oddHeader>` +
    `<oddFooter>${escapeText(`&L${leftFooter}&R${rightFooter}`)}</oddFooter></headerFooter>`
  );
}

/** The report's print names: the area it covers, and the rows repeated on every page. */
function printNames(report: ReportSheet): { area?: string; titles?: string } {
  if (!report.print) return {};
  const { rows, cols } = reportExtent(report);
  const sheet = sheetRef(report.sheet);
  const titles = report.print.titleRows;
  return {
    area: `${sheet}!$A$1:$${columnName(cols)}$${rows}`,
    titles: titles && `${sheet}!$${titles.first}:$${titles.last}`,
  };
}

/** A worksheet part's text with a tab colour, and no longer selected (a hidden sheet cannot be). */
function greyTab(xml: string): string {
  const colour = `<tabColor rgb="FF${GREY.slice(1)}"/>`;
  const plain = xml
    .replace(/<(?:\w+:)?tabColor\b[^>]*\/>/, "")
    .replace(/(<(?:\w+:)?sheetView\b[^>]*?)\stabSelected="(?:1|true)"/, "$1");
  if (/<(?:\w+:)?sheetPr\b[^>]*\/>/.test(plain))
    return plain.replace(/<((?:\w+:)?sheetPr)\b([^>]*)\/>/, `<$1$2>${colour}</$1>`);
  if (/<(?:\w+:)?sheetPr\b/.test(plain))
    return plain.replace(/(<(?:\w+:)?sheetPr\b[^>]*>)/, `$1${colour}`);
  return plain.replace(/(<(?:\w+:)?worksheet\b[^>]*>)/, `$1<sheetPr>${colour}</sheetPr>`);
}

/**
 * Puts a report's previous version out of the way: last in the tab order, hidden (so neither
 * printing the workbook nor a PDF export includes it) with a grey tab, and without print
 * names: LibreOffice prints a hidden sheet that has a print area.
 */
async function archive(file: WorkbookFile, previous: SheetEntry): Promise<void> {
  const book = file.book;
  await book.moveSheet(previous, book.sheets.length - 1);
  await book.setState(book.sheet(previous.name)!, "hidden");
  if (previous.part) file.writeSheet(previous.part, greyTab((await file.pkg.read(previous.part))!));
  await book.setPrintNames(book.sheet(previous.name)!, {});
}

/** Removes a worksheet part's drawings and charts (the add-in's own report sheet) and its relationships. */
async function dropReportParts(file: WorkbookFile, part: string): Promise<void> {
  for (const rel of await file.pkg.relationships(part)) {
    if (rel.external || rel.type !== REL.drawing) continue;
    const drawing = resolveTarget(part, rel.target);
    for (const chart of await file.pkg.relationships(drawing)) {
      if (chart.external) continue;
      const chartPart = resolveTarget(drawing, chart.target);
      for (const extra of await file.pkg.relationships(chartPart))
        if (!extra.external) {
          file.pkg.remove(resolveTarget(chartPart, extra.target));
          await file.pkg.dropContentType(resolveTarget(chartPart, extra.target));
        }
      file.pkg.remove(relsPathOf(chartPart));
      file.pkg.remove(chartPart);
      await file.pkg.dropContentType(chartPart);
    }
    file.pkg.remove(relsPathOf(drawing));
    file.pkg.remove(drawing);
    await file.pkg.dropContentType(drawing);
  }
  file.pkg.remove(relsPathOf(part));
}

/** Adds the charts' drawing and chart parts for a sheet part; returns the sheet's relationship id to the drawing. */
async function addCharts(
  file: WorkbookFile,
  part: string,
  sheet: string,
  charts: readonly ReportChart[]
): Promise<string> {
  const drawing = file.pkg.freeName("xl/drawings/drawing", ".xml");
  const chartParts: string[] = [];
  for (const chart of charts) {
    const chartPart = file.pkg.freeName("xl/charts/chart", ".xml");
    file.pkg.write(chartPart, chartXml(sheet, chart));
    await file.pkg.setContentType(chartPart, CONTENT_TYPE.chart);
    chartParts.push(chartPart);
  }
  file.pkg.write(drawing, drawingXml(charts, 1));
  await file.pkg.setContentType(drawing, CONTENT_TYPE.drawing);
  for (const chartPart of chartParts) await file.pkg.relate(drawing, REL.chart, chartPart);
  return file.pkg.relate(part, REL.drawing, drawing);
}

async function drawReport(file: WorkbookFile, part: string, report: ReportSheet): Promise<void> {
  const charts = report.charts ?? [];
  const drawingRelId = charts.length
    ? await addCharts(file, part, report.sheet, charts)
    : undefined;
  const { xml, formulas } = await sheetXml(file, report, drawingRelId);
  file.writeSheet(part, xml);
  if (formulas) await file.book.recalculateOnOpen();
}

/**
 * Draws a report sheet. It goes first in the workbook (after the reports that precede it in
 * REPORT_SHEET_ORDER); a sheet it replaces is kept as "<name> (previous)", last and hidden,
 * replacing an older previous version, whose part is reused for the new report. Returns the
 * name of the copy kept, or undefined when there was no sheet of that name to keep.
 */
export async function writeReport(
  file: WorkbookFile,
  report: ReportSheet
): Promise<string | undefined> {
  const book = file.book;
  const existing = book.sheet(report.sheet);
  const previousName = previousSheetName(report.sheet);
  const older = book.sheet(previousName);
  let current: SheetEntry;
  if (existing?.part && older?.part) {
    // The oldest version goes; its part is drawn afresh and becomes the current report.
    const reused = older.part;
    const currentPart = existing.part;
    await dropReportParts(file, reused);
    await drawReport(file, reused, report);
    await book.setSheetPart(book.sheet(previousName)!, currentPart);
    await book.setSheetPart(book.sheet(report.sheet)!, reused);
    current = book.sheet(report.sheet)!;
  } else {
    if (existing) await book.renameSheet(existing, previousName);
    const names = book.sheets.map((s) => s.name);
    current = await book.addSheet(report.sheet, "visible", placeOf(names, report.sheet, "report"));
    await drawReport(file, current.part!, report);
  }
  const previous = existing && book.sheet(previousName);
  if (previous) await archive(file, previous);
  current = book.sheet(report.sheet)!;
  const others = book.sheets.filter((s) => s.sheetId !== current.sheetId).map((s) => s.name);
  await book.moveSheet(current, placeOf(others, report.sheet, "report"));
  await book.setPrintNames(book.sheet(report.sheet)!, printNames(report));
  // The report's PLAN formulas are stored with their values, as Excel would save them.
  if (report.cells.some((c) => c.formula !== undefined && callsPlan(c.formula)))
    await recalculatePlanFormulas(file, [report.sheet]);
  return existing ? previousName : undefined;
}
