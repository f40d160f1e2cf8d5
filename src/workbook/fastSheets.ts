/**
 * Writing large plain table sheets without ExcelJS's per-cell serializer, which takes about
 * 5 µs a cell (7 s for a 100,000-account plan). A sheet qualifies when it holds only values
 * (no formulas, merges, conditional formats, validations, images, notes, hyperlinks or row
 * formats). ExcelJS still writes everything else — workbook, styles, tables, other sheets —
 * with each such sheet reduced to one cell per distinct cell style, which tells which style id
 * ExcelJS gave that style; the rows are then written here, as inline strings and numbers with
 * those style ids, into the sheet XML ExcelJS produced.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ReportChart } from "./report";
import { columnLetters } from "./rows";
import { addCharts } from "./xlsxCharts";

/** Below this many cells ExcelJS is fast enough, and a sheet is left to it. */
const FAST_SHEET_CELLS = 20_000;

type Plain = string | number | boolean | null;

interface InternalSheet {
  _rows: (ExcelJS.Row | undefined)[];
  _merges?: Record<string, unknown>;
  conditionalFormattings?: unknown[];
  dataValidations?: { model?: Record<string, unknown> };
  _media?: unknown[];
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A cell's value when it is plain data, or undefined when ExcelJS must write it. */
function plainOf(cell: ExcelJS.Cell): Plain | undefined {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  // A date keeps its look only through its number format; without one ExcelJS picks one.
  if (value instanceof Date && cell.numFmt) return (value.getTime() - EXCEL_EPOCH) / 86_400_000;
  return undefined;
}

/** A qualifying sheet: its values, and for each cell the index of its style among the sheet's distinct styles. */
interface PlainSheet {
  rows: Plain[][];
  styleOf: number[][];
  /** One cell per distinct style (1-based row and column), whose style id ExcelJS reveals when it writes it. */
  representatives: { row: number; col: number; style: Partial<ExcelJS.Style> }[];
}

/** The sheet as plain values and styles, or undefined when ExcelJS must write it. */
function plainSheet(sheet: ExcelJS.Worksheet, fastFrom = FAST_SHEET_CELLS): PlainSheet | undefined {
  const internal = sheet as unknown as InternalSheet;
  if (Object.keys(internal._merges ?? {}).length) return undefined;
  if (internal.conditionalFormattings?.length) return undefined;
  if (Object.keys(internal.dataValidations?.model ?? {}).length) return undefined;
  if (internal._media?.length) return undefined;
  let cells = 0;
  for (const row of internal._rows) cells += row?.cellCount ?? 0;
  if (cells < fastFrom) return undefined;
  const rows: Plain[][] = [];
  const styleOf: number[][] = [];
  const representatives: PlainSheet["representatives"] = [];
  // Loaded cells share style objects; the identity cache spares most JSON keys.
  const byObject = new Map<object, number>();
  const byKey = new Map<string, number>();
  const indexOf = (style: Partial<ExcelJS.Style> | undefined, row: number, col: number) => {
    const object = style ?? {};
    const known = byObject.get(object);
    if (known !== undefined) return known;
    const key = JSON.stringify(object);
    let index = byKey.get(key);
    if (index === undefined) {
      index = representatives.length;
      byKey.set(key, index);
      representatives.push({ row, col, style: object });
    }
    byObject.set(object, index);
    return index;
  };
  for (let r = 0; r < internal._rows.length; r++) {
    const row = internal._rows[r];
    const values: Plain[] = [];
    const styles: number[] = [];
    if (row) {
      const rowStyle = (row as unknown as { style?: Partial<ExcelJS.Style> }).style;
      if (
        row.height ||
        row.hidden ||
        row.outlineLevel ||
        (rowStyle && Object.keys(rowStyle).length)
      )
        return undefined;
      let failed = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (failed) return;
        const plain = plainOf(cell);
        if (plain === undefined || cell.note || cell.hyperlink) {
          failed = true;
          return;
        }
        values[col - 1] = plain;
        styles[col - 1] = indexOf(cell.style, r + 1, col);
      });
      if (failed) return undefined;
    }
    rows[r] = values;
    styleOf[r] = styles;
  }
  return { rows, styleOf, representatives };
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/** Text as XML, with characters XML cannot hold (or would turn into a line feed, as CR) written as Excel's _xHHHH_ escapes. */
function escapeText(text: string): string {
  return text
    .replace(/_x[0-9A-Fa-f]{4}_/g, (code) => `_x005F${code}`)
    .replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch])
    .replace(
      // Control characters are exactly what this must find.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g,
      (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
    );
}

/** The <sheetData> of a sheet's rows, each cell with the style id of its style. */
function sheetDataXml(
  sheet: PlainSheet,
  styleIds: readonly (string | undefined)[]
): { xml: string; lastRow: number; lastColumn: number } {
  const parts: string[] = ["<sheetData>"];
  let lastRow = 0;
  let lastColumn = 0;
  for (let r = 0; r < sheet.rows.length; r++) {
    const values = sheet.rows[r];
    if (!values || values.length === 0) continue;
    const number = r + 1;
    let row = `<row r="${number}">`;
    let any = false;
    for (let c = 0; c < values.length; c++) {
      const value = values[c];
      if (value === null || value === undefined) continue;
      const ref = `${columnLetters(c)}${number}`;
      const style = styleIds[sheet.styleOf[r][c]];
      const s = style && style !== "0" ? ` s="${style}"` : "";
      if (typeof value === "number") {
        if (!Number.isFinite(value)) continue;
        row += `<c r="${ref}"${s}><v>${value}</v></c>`;
      } else if (typeof value === "boolean")
        row += `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
      else
        row += `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
      any = true;
      lastColumn = Math.max(lastColumn, c + 1);
    }
    if (!any) continue;
    parts.push(row, "</row>");
    lastRow = number;
  }
  parts.push("</sheetData>");
  return { xml: parts.join(""), lastRow, lastColumn };
}

/** The style id ExcelJS gave each representative cell, read from the sheet it wrote. */
function representativeStyles(sheetXml: string, sheet: PlainSheet): (string | undefined)[] {
  const byRef = new Map<string, string>();
  for (const match of sheetXml.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const ref = /\br="([^"]*)"/.exec(match[1])?.[1];
    const style = /\bs="([^"]*)"/.exec(match[1])?.[1];
    if (ref) byRef.set(ref, style ?? "0");
  }
  return sheet.representatives.map(({ row, col }) => byRef.get(`${columnLetters(col - 1)}${row}`));
}

/** Puts a sheet's rows into the XML ExcelJS wrote with only its representative cells. */
function withRows(sheetXml: string, sheet: PlainSheet): string {
  const { xml, lastRow, lastColumn } = sheetDataXml(sheet, representativeStyles(sheetXml, sheet));
  const dimension = lastRow ? `A1:${columnLetters(lastColumn - 1)}${lastRow}` : "A1";
  const replaced = sheetXml.replace(/<sheetData\s*\/>|<sheetData>[\s\S]*?<\/sheetData>/, () => xml);
  if (replaced === sheetXml) throw new Error("the sheet XML has no sheetData");
  return replaced.replace(/<dimension ref="[^"]*"\s*\/>/, `<dimension ref="${dimension}"/>`);
}

/** Where each sheet's XML lives in the package, by sheet name. */
async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const paths = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    if (name && id && targets.has(id)) paths.set(unescape(name), targets.get(id)!);
  }
  return paths;
}

/** The workbook as .xlsx bytes, large plain sheets written here and the rest by ExcelJS. */
export async function writeWorkbook(
  workbook: ExcelJS.Workbook,
  fastFrom = FAST_SHEET_CELLS,
  /** Charts to draw on sheets, by sheet name (ExcelJS cannot). */
  charts: ReadonlyMap<string, readonly ReportChart[]> = new Map()
): Promise<Uint8Array> {
  const fast = new Map<string, PlainSheet>();
  workbook.eachSheet((sheet) => {
    const plain = plainSheet(sheet, fastFrom);
    if (plain) fast.set(sheet.name, plain);
  });
  const drawn = [...charts].filter(([name, list]) => list.length && workbook.getWorksheet(name));
  if (!fast.size && !drawn.length) return new Uint8Array(await workbook.xlsx.writeBuffer());
  // Each fast sheet keeps only one cell per distinct style while ExcelJS writes.
  const detached = new Map<InternalSheet, InternalSheet["_rows"]>();
  for (const [name, plain] of fast) {
    const sheet = workbook.getWorksheet(name)!;
    const internal = sheet as unknown as InternalSheet;
    detached.set(internal, internal._rows);
    internal._rows = [];
    for (const { row, col, style } of plain.representatives) {
      const cell = sheet.getCell(row, col);
      cell.value = 0;
      cell.style = style;
    }
  }
  let written: ArrayBuffer;
  try {
    written = (await workbook.xlsx.writeBuffer({
      zip: { compression: "STORE" },
    } as Partial<ExcelJS.XlsxWriteOptions>)) as ArrayBuffer;
  } finally {
    for (const [sheet, rows] of detached) sheet._rows = rows;
  }
  const zip = await JSZip.loadAsync(written);
  const paths = await sheetPaths(zip);
  for (const [name, plain] of fast) {
    const path = paths.get(name);
    const file = path ? zip.file(path) : null;
    if (!path || !file) throw new Error(`cannot find the sheet ${name} in the written workbook`);
    // Compressing the large sheets is most of the time spent here: the fastest level saves about
    // a second on a 100,000-account plan, for a file about a quarter larger.
    zip.file(path, withRows(await file.async("string"), plain), {
      compression: "DEFLATE",
      compressionOptions: { level: 1 },
    });
  }
  for (const [name, list] of drawn) {
    const path = paths.get(name);
    if (path) await addCharts(zip, path, name, list);
  }
  return zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
