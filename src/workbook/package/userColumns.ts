/**
 * One column of a user's table, as a write-back reads and writes it: every cell exactly as
 * stored (shared formulas as they stand in each cell), and a patch of only the cells whose
 * content changes, keeping their styles. Cells other formulas depend on are never overwritten.
 */
import type { CellContent } from "../driver";
import { Area, address, contains, parseArea } from "./cellRef";
import { contentCellXml, readCell, sameContent } from "./cells";
import { shiftFormula } from "./formulaShift";
import {
  CellSpan,
  RowWrite,
  SheetText,
  cellsOf,
  eachRow,
  formulaAttrs,
  patchSheet,
} from "./sheetData";
import { bodyArea, eachCellRow, readTable } from "./tables";
import type { WorkbookFile } from "./workbookFile";

/** A user's table and the body cells of one of its columns. */
async function columnOf(file: WorkbookFile, tableName: string, header: string) {
  const table = await file.book.table(tableName);
  if (!table) throw new Error(`the table ${tableName} is no longer in the workbook`);
  const raw = await readTable(file, tableName);
  const index = raw!.header.findIndex((h) => String(h ?? "").trim() === header.trim());
  if (index < 0) throw new Error(`the table ${tableName} has no column "${header}"`);
  const column = table.area.left + index;
  const body = bodyArea(table);
  return { table, column, body, sheet: await file.sheet(table.sheetPart) };
}

/** The cells of one column, with each shared formula's text as it stands in that cell. */
async function cellsOfColumn(file: WorkbookFile, sheet: SheetText, area: Area) {
  const context = await file.readContext();
  const masters = new Map<string, { formula: string; row: number; column: number }>();
  /** Cells other cells' formulas depend on: array formula ranges and shared formula anchors. */
  const anchored: Area[] = [];
  // Shared formulas are anchored anywhere above; read their anchors from the whole sheet once.
  eachRow(sheet, (row) => {
    if (row.row > area.bottom) return false;
    for (const cell of cellsOf(sheet, row)) {
      const attrs = formulaAttrs(sheet, cell);
      if (attrs?.t === "shared" && attrs.ref) {
        const content = readCell(sheet, cell, context);
        masters.set(attrs.si, {
          formula: content.formula ?? "",
          row: row.row,
          column: cell.column,
        });
        anchored.push({ top: row.row, bottom: row.row, left: cell.column, right: cell.column });
      }
      if ((attrs?.t === "array" || cell.metadata) && attrs?.ref) {
        const spill = parseArea(attrs.ref);
        if (spill) anchored.push(spill);
      }
    }
  });
  const found = new Map<number, { span: CellSpan; content: CellContent }>();
  eachCellRow(sheet, area, (row, cells) => {
    for (const span of cells) {
      let content = readCell(sheet, span, context);
      const attrs = formulaAttrs(sheet, span);
      const master = attrs?.t === "shared" ? masters.get(attrs.si) : undefined;
      if (master && !attrs?.ref)
        content = {
          ...content,
          formula: shiftFormula(master.formula, row - master.row, span.column - master.column),
        };
      found.set(row, { span, content });
    }
  });
  return { found, anchored };
}

export async function readColumn(
  file: WorkbookFile,
  tableName: string,
  header: string
): Promise<CellContent[]> {
  const { column, body, sheet } = await columnOf(file, tableName, header);
  const { found: cells } = await cellsOfColumn(file, sheet, {
    ...body,
    left: column,
    right: column,
  });
  const out: CellContent[] = [];
  for (let row = body.top; row <= body.bottom; row++)
    out.push(cells.get(row)?.content ?? { value: null, kind: "blank" });
  return out;
}

/** Writes one column of a user's table, changing only the cells whose content differs; their styles stay. */
export async function writeColumn(
  file: WorkbookFile,
  tableName: string,
  header: string,
  values: readonly CellContent[]
): Promise<void> {
  const { table, column, body, sheet } = await columnOf(file, tableName, header);
  const rowCount = body.bottom - body.top + 1;
  if (values.length !== rowCount)
    throw new Error(`the table ${tableName} has ${rowCount} rows, not ${values.length}`);
  const { found: cells, anchored } = await cellsOfColumn(file, sheet, {
    ...body,
    left: column,
    right: column,
  });
  const writes: RowWrite[] = [];
  values.forEach((content, i) => {
    const row = body.top + i;
    const existing = cells.get(row);
    const before = existing?.content ?? { value: null, kind: "blank" as const };
    if (sameContent(before, content)) return;
    if (anchored.some((a) => contains(a, row, column)))
      throw new Error(
        `${table.sheet}!${address(row, column)} is part of a shared or array formula; the add-in does not overwrite it (enter the values by hand or remove the formula first)`
      );
    const xml = contentCellXml(
      address(row, column),
      existing?.span.style,
      content,
      file.book.date1904
    );
    writes.push({ row, left: column, right: column, xml });
  });
  if (!writes.length) return;
  const patched = patchSheet(sheet, writes);
  file.writeSheet(table.sheetPart, patched.xml);
  if (patched.removedFormula) await file.book.dropCalcChain();
}
