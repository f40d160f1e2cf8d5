/**
 * Report sheets (V2MOM summary, territory review) drawn into the package: a worksheet part
 * of the add-in's own, its styles appended to the user's, conditional formats for statuses,
 * landscape printing one page wide, and native charts. A sheet it replaces is kept as
 * "<name> (previous)", whose part (with its drawing and charts) is reused for the new one.
 */
import { CellStyle, ReportChart, ReportSheet, STATUS_COLOURS, previousSheetName } from "../report";
import { chartXml, drawingXml } from "./chartParts";
import { address } from "./cellRef";
import { contentCellXml, contentOf, textCellXml, valueCellXml } from "./cells";
import { CONTENT_TYPE, REL, relsPathOf, resolveTarget } from "./opc";
import { CellLook } from "./styles";
import type { WorkbookFile } from "./workbookFile";
import { escapeAttr, escapeText } from "./xml";

const LOOKS: Record<CellStyle, CellLook> = {
  title: { bold: true, size: 14 },
  heading: { bold: true, size: 12, bottomBorder: true },
  label: { bold: true, vertical: "top" },
  text: { vertical: "top" },
  wrap: { vertical: "top", wrap: true },
  note: { vertical: "top", wrap: true },
  number: { numFmt: "#,##0.00", vertical: "top" },
  integer: { numFmt: "#,##0", vertical: "top" },
  money: { numFmt: "#,##0", vertical: "top" },
  ratio: { numFmt: "0.000", vertical: "top" },
  percent: { numFmt: "0.0%", vertical: "top" },
  date: { numFmt: "yyyy-mm-dd", vertical: "top" },
};

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
  const rows = [...byRow.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = byRow
        .get(row)!
        .sort((a, b) => a.col - b.col)
        .map((cell) => {
          const ref = address(cell.row, cell.col);
          const style = cell.style ? styles.xf(LOOKS[cell.style]) : undefined;
          if (cell.formula !== undefined) {
            const formula = cell.formula.replace(/^=/, "");
            if (cell.result === undefined || cell.result === null) formulas = true;
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
      return `<row r="${row}">${cells}</row>`;
    })
    .join("");
  const cols = report.columnWidths.length
    ? `<cols>${report.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  let priority = 1;
  const formats = report.statusRanges
    .map((ref) => {
      const first = ref.split(":")[0].replace(/\$/g, "");
      const rules = STATUS_COLOURS.map((c) => {
        const dxf = styles.dxf(c.fill, c.font);
        return `<cfRule type="containsText" dxfId="${dxf}" priority="${priority++}" operator="containsText" text="${escapeAttr(c.text)}"><formula>${escapeText(`NOT(ISERROR(SEARCH("${c.text}",${first})))`)}</formula></cfRule>`;
      }).join("");
      return `<conditionalFormatting sqref="${escapeAttr(ref)}">${rules}</conditionalFormatting>`;
    })
    .join("");
  const xml =
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${rows}</sheetData>${formats}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    (drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : "") +
    `</worksheet>`;
  return { xml, formulas };
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

export async function writeReport(file: WorkbookFile, report: ReportSheet): Promise<void> {
  const book = file.book;
  const existing = book.sheet(report.sheet);
  const previousName = previousSheetName(report.sheet);
  const older = book.sheet(previousName);
  if (existing?.part && older?.part) {
    // The oldest version goes; its part is drawn afresh and becomes the current report.
    const reused = older.part;
    const current = existing.part;
    await dropReportParts(file, reused);
    await drawReport(file, reused, report);
    await book.setSheetPart(book.sheet(previousName)!, current);
    await book.setSheetPart(book.sheet(report.sheet)!, reused);
    return;
  }
  if (existing) await book.renameSheet(existing, previousName);
  const entry = await book.addSheet(report.sheet);
  await drawReport(file, entry.part!, report);
}
