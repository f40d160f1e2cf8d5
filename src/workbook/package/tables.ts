/**
 * Plan tables in the package: reading a table's cells, saying what stands where a plan table
 * would grow, and rewriting a plan table in place (userColumns.ts writes a user's column).
 */
import type { TableSite } from "../driver";
import type { CellValue, RawTable } from "../rows";
import { GREY, placeOf, sheetRole } from "../report";
import type { ColumnType, TableSpec } from "../schema";
import { Area, address, formatArea, overlaps } from "./cellRef";
import { readValue, textCellXml, valueCellXml } from "./cells";
import { shiftFormula } from "./formulaShift";
import { CONTENT_TYPE, REL } from "./opc";
import {
  CellSpan,
  RowWrite,
  SheetText,
  cellsOf,
  childText,
  eachRow,
  holdsSomething,
  mergedAreas,
  patchSheet,
  usedArea,
} from "./sheetData";
import { TablePart, newTablePart, resizedTablePart } from "./tablePart";
import type { WorkbookFile } from "./workbookFile";
import { escapeText } from "./xml";
import { shownFormula } from "../formulas/planCalls";
import { errorText } from "../../domain/problem";

/** Calls `visit` with each row of `area` that has cells, and its cells inside the area's columns. */
export function eachCellRow(
  sheet: SheetText,
  area: Area,
  visit: (row: number, cells: CellSpan[]) => void
): void {
  eachRow(sheet, (row) => {
    if (row.row > area.bottom) return false;
    if (row.row < area.top) return;
    visit(
      row.row,
      cellsOf(sheet, row).filter((c) => c.column >= area.left && c.column <= area.right)
    );
  });
}

/** The values of an area, row by row (null where the sheet has no cell). */
async function readValues(
  file: WorkbookFile,
  sheet: SheetText,
  area: Area,
  uncalculated?: Map<string, string>
): Promise<CellValue[][]> {
  const context = await file.readContext();
  const width = area.right - area.left + 1;
  const grid: CellValue[][] = Array.from({ length: area.bottom - area.top + 1 }, () =>
    new Array<CellValue>(width).fill(null)
  );
  eachCellRow(sheet, area, (row, cells) => {
    if ((row & 1023) === 0) file.beat();
    const values = grid[row - area.top];
    for (const cell of cells) {
      const value = readValue(sheet, cell, context);
      values[cell.column - area.left] = value;
      // A formula without a cached value (saved by a tool that does not calculate) is unknown.
      if (value === null && uncalculated && cell.innerTo > cell.innerFrom) {
        const formula = childText(sheet, cell, "f");
        if (formula)
          uncalculated.set(`${row - area.top},${cell.column - area.left}`, shownFormula(formula));
      }
    }
  });
  return grid;
}

export const bodyArea = (table: TablePart): Area => ({
  ...table.area,
  top: table.area.top + table.headerRowCount,
  bottom: table.area.bottom - table.totalsRowCount,
});

/** Tables read since their sheet last changed: the store reads a table several times in one save. */
const readCache = new WeakMap<WorkbookFile, Map<string, { xml: string; raw: RawTable }>>();

export async function readTable(file: WorkbookFile, name: string): Promise<RawTable | undefined> {
  const table = await file.book.table(name);
  if (!table) return undefined;
  const sheet = await file.sheet(table.sheetPart);
  const cache = readCache.get(file) ?? new Map<string, { xml: string; raw: RawTable }>();
  readCache.set(file, cache);
  const key = `${table.part}\u0000${formatArea(table.area)}`;
  const cached = cache.get(key);
  const copy = (raw: RawTable): RawTable => ({
    ...raw,
    header: [...raw.header],
    rows: raw.rows.map((r) => [...r]),
  });
  if (cached && cached.xml === sheet.xml) return copy(cached.raw);
  const raw = await readTableCells(file, table, sheet);
  cache.set(key, { xml: sheet.xml, raw });
  return copy(raw);
}

/** What a write just put in a table, as reading it back would give it (the store re-reads it at once). */
function remember(file: WorkbookFile, part: string, area: Area, xml: string, raw: RawTable): void {
  const cache = readCache.get(file) ?? new Map<string, { xml: string; raw: RawTable }>();
  readCache.set(file, cache);
  cache.set(`${part}\u0000${formatArea(area)}`, { xml, raw });
}

async function readTableCells(
  file: WorkbookFile,
  table: TablePart,
  sheet: SheetText
): Promise<RawTable> {
  const body = bodyArea(table);
  const header = table.headerRowCount
    ? (await readValues(file, sheet, { ...table.area, bottom: table.area.top }))[0].map((v) =>
        v === null ? null : String(v)
      )
    : table.columns.map((c) => c.name);
  const uncalculated = new Map<string, string>();
  const rows = body.bottom >= body.top ? await readValues(file, sheet, body, uncalculated) : [];
  return {
    sheet: table.sheet,
    header,
    rows,
    headerRow: body.top - 1,
    firstColumn: table.area.left - 1,
    ...(uncalculated.size ? { uncalculated } : {}),
  };
}

/** The area a plan table covers after a write of `rows` data rows (an empty table keeps one blank row). */
const plannedArea = (
  table: { top: number; left: number },
  rows: number,
  columns: number,
  totals = 0
): Area => ({
  top: table.top,
  left: table.left,
  bottom: table.top + Math.max(rows, 1) + totals,
  right: table.left + Math.max(columns, 1) - 1,
});

export async function inspectTable(
  file: WorkbookFile,
  spec: TableSpec,
  rows: number,
  columns: number
): Promise<TableSite> {
  const table = await file.book.table(spec.table);
  if (!table) {
    const sheet = file.book.sheet(spec.sheet);
    if (!sheet) return { state: "absent" };
    const used = sheet.part ? usedArea(await file.sheet(sheet.part)) : undefined;
    return { state: "untabled", sheet: sheet.name, used: used ? formatArea(used) : "" };
  }
  const sheet = await file.sheet(table.sheetPart);
  const area = plannedArea(table.area, rows, columns, table.totalsRowCount);
  const blocked: string[] = [];
  eachCellRow(sheet, area, (row, cells) => {
    for (const cell of cells) {
      const inside = row <= table.area.bottom && cell.column <= table.area.right;
      if (!inside && blocked.length < 10 && holdsSomething(sheet, cell))
        blocked.push(address(row, cell.column));
    }
  });
  const merged = mergedAreas(sheet)
    .filter((m) => overlaps(m, area))
    .map(formatArea);
  return { state: "table", sheet: table.sheet, ref: formatArea(table.area), blocked, merged };
}

const STYLE_OF: Record<ColumnType, { numFmt?: string }> = {
  text: { numFmt: "@" },
  date: { numFmt: "yyyy-mm-dd" },
  number: {},
  boolean: {},
};

/** Adds a new table's part and ties it to its sheet (relationship, content type, <tableParts>). */
export async function addTablePart(
  file: WorkbookFile,
  sheetPart: string,
  name: string,
  area: Area,
  header: readonly string[]
): Promise<string> {
  const tables = await file.book.tables();
  const id = Math.max(0, ...tables.map((t) => t.id)) + 1;
  const part = file.pkg.freeName("xl/tables/table", ".xml");
  file.pkg.write(part, newTablePart(id, name, area, header));
  await file.pkg.setContentType(part, CONTENT_TYPE.table);
  const relId = await file.pkg.relate(sheetPart, REL.table, part);
  const whole = (await file.pkg.read(sheetPart))!;
  // <tableParts> follows the sheet data: search only what follows it (a plan sheet is megabytes).
  const split = Math.max(0, whole.lastIndexOf("sheetData"));
  let xml = whole.slice(split);
  const entry = `<tablePart r:id="${relId}"/>`;
  const existing = /<((?:\w+:)?tableParts)\b[^>]*?(\/?)>/.exec(xml);
  if (existing) {
    const count = (xml.match(/<(?:\w+:)?tablePart\b/g) ?? []).length + 1;
    const close = `</${existing[1]}>`;
    xml =
      existing[2] === "/"
        ? xml.replace(existing[0], `<${existing[1]} count="${count}">${entry}${close}`)
        : xml
            .replace(close, `${entry}${close}`)
            .replace(/(<(?:\w+:)?tableParts\b[^>]*?\bcount=")\d+"/, `$1${count}"`);
  } else {
    // tableParts is the last element but extLst (CT_Worksheet order).
    const end = xml.lastIndexOf("</");
    const ext = xml.lastIndexOf("<extLst");
    const at = ext > xml.lastIndexOf("</sheetData>") && ext >= 0 ? ext : end;
    xml = `${xml.slice(0, at)}<tableParts count="1">${entry}</tableParts>${xml.slice(at)}`;
  }
  xml = whole.slice(0, split) + xml;
  if (!/xmlns:r=/.test(xml.slice(0, xml.indexOf(">", xml.indexOf("worksheet")))))
    xml = xml.replace(
      /<((?:\w+:)?worksheet)\b/,
      `<$1 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
    );
  file.writeSheet(sheetPart, xml);
  return part;
}

/**
 * Writes a plan table's header and rows where the table is (or at A1 of its new sheet). The
 * store has checked that nothing stands in the way. Columns the user made calculated keep
 * their formula in every row; a totals row moves down with the table.
 */
export async function writeTable(
  file: WorkbookFile,
  spec: TableSpec,
  header: readonly string[],
  rows: readonly CellValue[][],
  hidden: boolean
): Promise<void> {
  const table = await file.book.table(spec.table);
  let sheetPart: string;
  if (table) sheetPart = table.sheetPart;
  else {
    const existing = file.book.sheet(spec.sheet);
    const sheet = existing ?? (await addPlanSheet(file, spec.sheet, hidden));
    if (!sheet.part)
      throw new Error(`${spec.sheet} is a chart sheet; it cannot hold the table ${spec.table}`);
    sheetPart = sheet.part;
    if (!existing)
      file.writeSheet(sheetPart, withColumnWidths((await file.sheet(sheetPart)).xml, spec, header));
  }
  const sheet = await file.sheet(sheetPart);
  const origin = table ? table.area : { top: 1, left: 1, bottom: 1, right: 1 };
  const area = plannedArea(origin, rows.length, header.length, table?.totalsRowCount ?? 0);
  const styles = await file.styles();
  const typeOf = new Map(spec.columns.map((c) => [c.header, c.type]));
  const styleOf = header.map((h) => {
    const type = typeOf.get(h);
    return type ? styles.xf(STYLE_OF[type]) : 0;
  });
  const dateColumn = header.map((h) => typeOf.get(h) === "date");
  const calculated = header.map(
    (h) => table?.columns.find((c) => c.name === h && !typeOf.has(h))?.calculatedFormula
  );
  const firstDataRow = area.top + 1;
  const columnsAt = header.map((_, i) => area.left + i);
  const writes: RowWrite[] = [];
  writes.push({
    row: area.top,
    left: area.left,
    right: area.right,
    xml: header.map((h, i) => textCellXml(address(area.top, columnsAt[i]), undefined, h)).join(""),
  });
  const body = rows.length ? rows : [header.map(() => null)];
  const sheetName = table?.sheet ?? file.book.sheetOfPart(sheetPart)!.name;
  try {
    body.forEach((cells, r) => {
      const row = firstDataRow + r;
      if ((r & 1023) === 0) file.beat();
      let xml = "";
      for (let i = 0; i < header.length; i++) {
        const ref = address(row, columnsAt[i]);
        const formula = calculated[i];
        if (formula !== undefined) {
          // Stored for the first data row; each row holds it moved to that row.
          const moved = shiftFormula(
            formula,
            row - (table ? table.area.top + table.headerRowCount : firstDataRow),
            0
          );
          xml += `<c r="${ref}"><f>${escapeText(moved)}</f></c>`;
          continue;
        }
        const value = cells[i] ?? null;
        xml += valueCellXml(
          ref,
          styleOf[i],
          dateColumn[i] && typeof value === "number" ? file.storedSerial(value) : value
        );
      }
      writes.push({ row, left: area.left, right: area.right, xml });
    });
  } catch (error) {
    // A cell Excel cannot hold: say on which sheet (the writer knows only the cell).
    const reason = errorText(error);
    throw new Error(reason.replace(/^the cell /, `the cell '${sheetName}'!`));
  }
  const clear: Area[] = [];
  if (table) {
    const old = table.area;
    const totalsRows = table.totalsRowCount;
    if (totalsRows) {
      // The totals row's cells (their SUBTOTAL formulas) move to the table's new last row.
      writes.push(...movedTotals(sheet, old, totalsRows, area.bottom - totalsRows + 1));
    }
    if (old.bottom > area.bottom) clear.push({ ...old, top: area.bottom + 1 });
    if (old.right > area.right)
      clear.push({ ...old, left: area.right + 1, bottom: Math.min(old.bottom, area.bottom) });
  }
  writes.sort((a, b) => a.row - b.row);
  const patched = patchSheet(sheet, writes, clear);
  file.writeSheet(sheetPart, patched.xml);
  if (patched.removedFormula) await file.book.dropCalcChain();
  if (calculated.some((f) => f !== undefined)) await file.book.recalculateOnOpen();
  let part: string;
  if (table) {
    part = table.part;
    file.pkg.write(part, resizedTablePart((await file.pkg.read(part))!, area, header));
  } else part = await addTablePart(file, sheetPart, spec.table, area, header);
  file.book.tablesChanged();
  // Values go in as they come out (the round trip is exact), so the store's read of what it
  // just wrote need not scan the sheet again; formulas and totals are read from the sheet.
  if (!table?.totalsRowCount && calculated.every((f) => f === undefined))
    remember(file, part, area, (await file.sheet(sheetPart)).xml, {
      sheet: sheetName,
      header: [...header],
      rows: body.map((cells) => header.map((_, i) => cells[i] ?? null)),
      headerRow: area.top,
      firstColumn: area.left - 1,
    });
}

/**
 * Adds a plan table's sheet where it belongs in the tab order: after the user's sheets,
 * printing landscape and one page wide; or, for a history table, last, hidden and with a
 * grey tab, so printing the workbook skips it.
 */
function addPlanSheet(file: WorkbookFile, name: string, hidden: boolean) {
  const names = file.book.sheets.map((s) => s.name);
  if (sheetRole(name) === "archive")
    return file.book.addSheet(name, "hidden", placeOf(names, name, "archive"), { tabColor: GREY });
  return file.book.addSheet(name, hidden ? "hidden" : "visible", placeOf(names, name, "plan"), {
    printWide: true,
  });
}

/**
 * A new plan sheet's column widths, so values never show as ### (a date needs about 11
 * characters); a sheet the user already has keeps its own widths.
 */
function withColumnWidths(xml: string, spec: TableSpec, header: readonly string[]): string {
  const typeOf = new Map(spec.columns.map((c) => [c.header, c.type]));
  const widths = header.map((h) =>
    Math.max(typeOf.get(h) === "date" ? 12 : 10, Math.min(40, h.length + 4))
  );
  const cols = `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`;
  return xml.replace(/<((?:\w+:)?sheetData)\b/, `${cols}<$1`);
}

/** The totals rows' cells, re-addressed to the rows from `newTop` on. */
function movedTotals(sheet: SheetText, old: Area, count: number, newTop: number): RowWrite[] {
  const first = old.bottom - count + 1;
  const writes: RowWrite[] = [];
  eachCellRow(sheet, { ...old, top: first }, (row, cells) => {
    const target = newTop + row - first;
    const xml = cells
      .map((c) =>
        sheet.xml.slice(c.from, c.to).replace(/\br="[A-Z]+\d+"/, `r="${address(target, c.column)}"`)
      )
      .join("");
    writes.push({ row: target, left: old.left, right: old.right, xml });
  });
  return writes;
}
