/**
 * Reading a plan table and inspecting where it would be written, through Office.js. Tables
 * are found by name wherever they now are (a user may move a sheet's table or rename the
 * sheet); what is in the way of a write is reported, never overwritten: the store decides.
 */
import type { TableSite } from "../driver";
import type { RawTable } from "../rows";
import type { TableSpec } from "../schema";
import {
  Area,
  Piece,
  Requests,
  a1,
  areaOf,
  areasOfAddress,
  intersection,
  loadInBatches,
  rowPieces,
} from "./requests";

/** Bytes a cell's value is reckoned to take in a response, to size reads. */
const VALUE_BYTES = 64;
/** How many cells in the way an inspection names: enough to show the user where. */
const BLOCKED_SHOWN = 10;

export async function readTable(
  requests: Requests,
  spec: TableSpec
): Promise<RawTable | undefined> {
  return requests.run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(spec.table);
    requests.sending();
    await context.sync();
    if (table.isNullObject) return undefined;
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const sheet = table.worksheet;
    sheet.load("name");
    requests.sending();
    await context.sync();
    const area = areaOf(range);
    const perRead = requests.rowsPerRead(area.columns, VALUE_BYTES);
    const pieces = rowPieces(area.rows, perRead).map(([start, rows]) => ({
      area: { ...area, top: area.top + start, rows },
      cost: rows * area.columns * VALUE_BYTES,
    }));
    const values: unknown[][] = [];
    await loadInBatches(requests, context, sheet, pieces, ["values"], (loaded) => {
      loaded.forEach(({ range: part }) => values.push(...part.values));
    });
    return {
      sheet: sheet.name,
      header: values[0] ?? [],
      rows: values.slice(1),
      headerRow: area.top + 1,
      firstColumn: area.left,
    };
  });
}

/**
 * The cells a table grown from `old` to `grown` (same top-left) would newly cover: the band
 * to the right of the old columns (as tall as the new table) and the band below the old rows.
 */
export function growthOf(old: Area, grown: Area): Area[] {
  const bands: Area[] = [];
  if (grown.columns > old.columns)
    bands.push({
      top: grown.top,
      left: old.left + old.columns,
      rows: grown.rows,
      columns: grown.columns - old.columns,
    });
  if (grown.rows > old.rows)
    bands.push({
      top: old.top + old.rows,
      left: grown.left,
      rows: grown.rows - old.rows,
      columns: Math.min(old.columns, grown.columns),
    });
  return bands;
}

export async function inspectTable(
  requests: Requests,
  spec: TableSpec,
  rows: number,
  columns: number
): Promise<TableSite> {
  return requests.run(async (context): Promise<TableSite> => {
    const table = context.workbook.tables.getItemOrNullObject(spec.table);
    const namedSheet = context.workbook.worksheets.getItemOrNullObject(spec.sheet);
    requests.sending();
    await context.sync();
    if (table.isNullObject) {
      if (namedSheet.isNullObject) return { state: "absent" };
      const used = namedSheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      requests.sending();
      await context.sync();
      return {
        state: "untabled",
        sheet: spec.sheet,
        used: used.isNullObject ? "" : a1(areaOf(used)),
      };
    }
    // Excel keeps at least one body row in a table: an empty one still covers two rows.
    const bodyRows = Math.max(rows, 1);
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const sheet = table.worksheet;
    sheet.load("name");
    // Only cells holding values can be in the way; the used range bounds where to look.
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    // Merged areas anywhere in the table's new area (ExcelApi 1.13, the manifest's minimum).
    const merged = range
      .getCell(0, 0)
      .getResizedRange(bodyRows, Math.max(columns, 1) - 1)
      .getMergedAreasOrNullObject();
    merged.load("address");
    requests.sending();
    await context.sync();
    const old = areaOf(range);
    const grown: Area = { top: old.top, left: old.left, rows: bodyRows + 1, columns };
    const look = used.isNullObject
      ? []
      : growthOf(old, grown).flatMap((band) => intersection(band, areaOf(used)) ?? []);
    return {
      state: "table",
      sheet: sheet.name,
      ref: a1(old),
      blocked: await filledCells(requests, context, sheet, look),
      merged: merged.isNullObject ? [] : areasOfAddress(merged.address),
    };
  });
}

/**
 * The first cells of `areas` that hold anything, row by row, reading `formulas` rather than
 * `values`: a formula that shows "" reads as "" in values, yet writing over it would lose it.
 */
async function filledCells(
  requests: Requests,
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  areas: readonly Area[]
): Promise<string[]> {
  const pieces: Piece[] = areas.flatMap((area) =>
    rowPieces(area.rows, requests.rowsPerRead(area.columns, VALUE_BYTES)).map(([start, rows]) => ({
      area: { ...area, top: area.top + start, rows },
      cost: rows * area.columns * VALUE_BYTES,
    }))
  );
  const found: { row: number; column: number }[] = [];
  await loadInBatches(requests, context, sheet, pieces, ["formulas"], (loaded) => {
    for (const { area, range } of loaded)
      (range.formulas as unknown[][]).forEach((line, r) =>
        line.forEach((cell, c) => {
          if (cell !== "" && cell !== null)
            found.push({ row: area.top + r, column: area.left + c });
        })
      );
    return { stop: found.length >= BLOCKED_SHOWN };
  });
  return found
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .slice(0, BLOCKED_SHOWN)
    .map(({ row, column }) => a1({ top: row, left: column, rows: 1, columns: 1 }));
}
