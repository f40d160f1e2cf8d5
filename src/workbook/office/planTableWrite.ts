/**
 * Writing a plan table's rows through Office.js, where the table is (or at A1 of its sheet
 * when it does not exist yet), after the store has checked that nothing is in the way.
 *
 * - Rows go with Range.values below the header, then the table is resized, instead of
 *   TableRowCollection.add, which causes merge conflicts under co-authoring.
 * - The plan's own columns are formatted as the schema says (text columns as Text, "@"), so
 *   their text stays text. Columns a user added keep their formats: a string written there
 *   goes as text through the quote prefix (see cellContent.ts).
 * - A column the user made calculated (every body cell holds the same formula, compared in
 *   R1C1 form; Office.js has no property saying a column is calculated) is never written
 *   over: its cells get null in the values sent, which Excel leaves as they are
 *   (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values), and
 *   rows the table gains get its formula.
 * - Nothing is written outside the table's new area, except clearing the part of the old
 *   area it no longer covers.
 */
import type { CellValue } from "../rows";
import { GREY, placeOf, sheetRole } from "../report";
import type { ColumnType, TableSpec } from "../schema";
import { TEXT_FORMAT, textInput, valueInput } from "./cellContent";
import { Area, Requests, areaOf, bytesOf, loadInBatches, rowPieces } from "./requests";

/**
 * Adds a plan table's sheet where it belongs in the tab order: after the user's sheets,
 * printing landscape and one page wide; or, for a history table, last (where Excel adds
 * it), hidden and with a grey tab, so printing the workbook skips it.
 */
function addPlanSheet(worksheets: Excel.WorksheetCollection, name: string): Excel.Worksheet {
  const names = [...worksheets.items].sort((a, b) => a.position - b.position).map((s) => s.name);
  const sheet = worksheets.add(name);
  if (sheetRole(name) === "archive") {
    sheet.visibility = "Hidden";
    sheet.tabColor = GREY;
  } else {
    sheet.position = placeOf(names, name, "plan");
    // A wide table prints landscape, one page wide, as the file adapter's plan sheets do.
    sheet.pageLayout.orientation = "Landscape";
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  }
  return sheet;
}

const NUMBER_FORMATS: Record<ColumnType, string> = {
  text: TEXT_FORMAT,
  date: "yyyy-mm-dd",
  number: "General",
  boolean: "General",
};

/** Bytes of one user cell's R1C1 formula and number format, reckoned to size reads. */
const USER_CELL_BYTES = 96;
/** Bytes reckoned for what a write request carries besides cell data (addresses, commands). */
const OVERHEAD_BYTES = 64;

type Input = string | number | boolean | null;

/** A column a user added to a plan table, as found before the write. */
interface UserColumn {
  /** Its index in the old table. */
  oldIndex: number;
  /** Number format of each body row of the new table. */
  formats: unknown[];
  /** The R1C1 formula of every body cell, when the column is calculated. */
  formula?: string;
}

interface OldTable {
  area: Area;
  header: string[];
}

export async function writeTable(
  requests: Requests,
  spec: TableSpec,
  header: readonly string[],
  rows: readonly CellValue[][]
): Promise<void> {
  await requests.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    // The tab order, for where a new plan sheet goes (names only: a few bytes a sheet).
    worksheets.load("items/name,items/position");
    const namedSheet = worksheets.getItemOrNullObject(spec.sheet);
    const table = context.workbook.tables.getItemOrNullObject(spec.table);
    requests.sending();
    await context.sync();
    let sheet: Excel.Worksheet;
    let old: OldTable | undefined;
    if (table.isNullObject) {
      sheet = namedSheet.isNullObject ? addPlanSheet(worksheets, spec.sheet) : namedSheet;
    } else {
      // The table is written where it is, on whatever sheet that now is.
      sheet = table.worksheet;
      const range = table.getRange();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      const headerRange = table.getHeaderRowRange();
      headerRange.load("values");
      requests.sending();
      await context.sync();
      requests.received(bytesOf(headerRange.values));
      old = { area: areaOf(range), header: headerRange.values[0].map(String) };
    }
    const top = old?.area.top ?? 0;
    const left = old?.area.left ?? 0;
    const width = header.length;
    // Excel tables need a data row; an empty table keeps one blank row, which reading skips.
    const body: readonly CellValue[][] = rows.length ? rows : [header.map(() => null)];
    const specTypes = new Map(spec.columns.map((c) => [c.header, c.type]));
    const user = old
      ? await readUserColumns(requests, context, sheet, old, header, specTypes, body.length)
      : new Map<number, UserColumn>();
    const oldBodyRows = old ? old.area.rows - 1 : 0;

    const formatAt = (r: number, j: number): unknown => {
      const type = specTypes.get(header[j]);
      return type ? NUMBER_FORMATS[type] : user.get(j)?.formats[r];
    };
    const inputs: Input[][] = body.map((row, r) =>
      header.map((_, j) => (user.get(j)?.formula ? null : valueInput(row[j], formatAt(r, j))))
    );
    // Rows where a calculated column needs its formula: the rows the table gains, or every
    // row when the column now stands elsewhere than it did.
    const calculated = [...user].filter(([, column]) => column.formula);
    const formulaRows = (j: number, oldIndex: number) => (j === oldIndex ? oldBodyRows : 0);

    const headerChanged = !old || old.header.join("\u0000") !== header.join("\u0000");
    // Header cells of the plan's columns get the column's format (below); a user's are as they are.
    const headerInputs = header.map((name) => {
      const type = specTypes.get(name);
      return textInput(name, type && NUMBER_FORMATS[type]);
    });
    const firstBytes = (headerChanged ? bytesOf(headerInputs) : 0) + OVERHEAD_BYTES * (width + 2);
    const rowBytes = (r: number) =>
      bytesOf(inputs[r]) +
      1 +
      calculated.reduce(
        (sum, [j, column]) =>
          r >= formulaRows(j, column.oldIndex) ? sum + bytesOf(column.formula) + 3 : sum,
        0
      );
    const chunks = rowChunks(body.length, rowBytes, requests.maxBytes - firstBytes);

    const newRows = body.length + 1;
    for (let k = 0; k < chunks.length; k++) {
      const { start, count, bytes } = chunks[k];
      let sent = bytes;
      if (k === 0) {
        // Formats first, so text arrives as text; then the header.
        header.forEach((name, j) => {
          const type = specTypes.get(name);
          if (!type) return;
          const column = sheet.getRangeByIndexes(top, left + j, newRows, 1);
          // One format for the whole column: Excel applies a single value to every cell.
          column.numberFormat = NUMBER_FORMATS[type] as unknown as string[][];
          column.untrack();
        });
        if (headerChanged) {
          const headerRange = sheet.getRangeByIndexes(top, left, 1, width);
          headerRange.values = [headerInputs];
          headerRange.untrack();
        }
        sent += firstBytes;
      }
      const part = sheet.getRangeByIndexes(top + 1 + start, left, count, width);
      part.values = inputs.slice(start, start + count) as (string | number | boolean)[][];
      part.untrack();
      for (const [j, column] of calculated) {
        const from = Math.max(start, formulaRows(j, column.oldIndex));
        if (from >= start + count) continue;
        const cells = sheet.getRangeByIndexes(top + 1 + from, left + j, start + count - from, 1);
        cells.formulasR1C1 = Array.from({ length: start + count - from }, () => [column.formula]);
        cells.untrack();
      }
      if (k === chunks.length - 1) {
        if (old) clearShrunk(sheet, old.area, newRows, width);
        const area = sheet.getRangeByIndexes(top, left, newRows, width);
        if (table.isNullObject) context.workbook.tables.add(area, true).name = spec.table;
        else table.resize(area);
      }
      // One sync per chunk of at most maxBytes: the request limit allows no fewer.
      requests.sending(sent);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
  });
}

/**
 * Clears what the old table covered and the new one does not (contents only): its rows below
 * the new last row, and its columns right of the new last column. Nothing outside the old area.
 */
function clearShrunk(sheet: Excel.Worksheet, old: Area, newRows: number, width: number): void {
  if (old.rows > newRows)
    sheet
      .getRangeByIndexes(old.top + newRows, old.left, old.rows - newRows, old.columns)
      .clear("Contents");
  if (old.columns > width)
    sheet
      .getRangeByIndexes(
        old.top,
        old.left + width,
        Math.min(old.rows, newRows),
        old.columns - width
      )
      .clear("Contents");
}

/** Row runs whose bytes stay under `limit` (at least one row each). */
function rowChunks(
  total: number,
  bytesOfRow: (r: number) => number,
  limit: number
): { start: number; count: number; bytes: number }[] {
  const chunks: { start: number; count: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 2;
  for (let r = 0; r < total; r++) {
    const size = bytesOfRow(r);
    if (r > start && bytes + size > limit) {
      chunks.push({ start, count: r - start, bytes });
      start = r;
      bytes = 2;
    }
    bytes += size;
  }
  chunks.push({ start, count: total - start, bytes });
  return chunks;
}

/**
 * The columns of `header` that a user added to the table (not in the schema, present in the
 * old table): the number format of each cell the new body writes them to, and the formula of
 * those that are calculated (read where the column was).
 */
async function readUserColumns(
  requests: Requests,
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  old: OldTable,
  header: readonly string[],
  specTypes: ReadonlyMap<string, ColumnType>,
  newBodyRows: number
): Promise<Map<number, UserColumn>> {
  const columns = new Map<number, UserColumn>();
  header.forEach((name, j) => {
    const oldIndex = old.header.indexOf(name);
    if (!specTypes.has(name) && oldIndex >= 0) columns.set(j, { oldIndex, formats: [] });
  });
  if (!columns.size) return columns;
  const oldBodyRows = old.area.rows - 1;
  const formulas = new Map<number, unknown[]>([...columns.keys()].map((j) => [j, []]));
  // Formulas where each column was, formats where its cells will be written: the same
  // cells unless the column moved.
  const wanted = [...columns].flatMap(([j, column]) =>
    column.oldIndex === j
      ? [{ j, at: j, rows: Math.max(oldBodyRows, newBodyRows), formulas: true, formats: true }]
      : [
          { j, at: column.oldIndex, rows: oldBodyRows, formulas: true, formats: false },
          { j, at: j, rows: newBodyRows, formulas: false, formats: true },
        ]
  );
  const owners: (typeof wanted)[number][] = [];
  const pieces = wanted.flatMap((want) =>
    rowPieces(want.rows, requests.rowsPerRead(1, USER_CELL_BYTES)).map(([start, rows]) => {
      owners.push(want);
      const area = {
        top: old.area.top + 1 + start,
        left: old.area.left + want.at,
        rows,
        columns: 1,
      };
      return { area, cost: rows * USER_CELL_BYTES };
    })
  );
  let next = 0;
  await loadInBatches(
    requests,
    context,
    sheet,
    pieces,
    ["formulasR1C1", "numberFormat"],
    (loaded) => {
      for (const { range } of loaded) {
        const want = owners[next++];
        if (want.formats)
          columns.get(want.j)!.formats.push(...range.numberFormat.map((line) => line[0]));
        if (want.formulas) formulas.get(want.j)!.push(...range.formulasR1C1.map((line) => line[0]));
      }
    }
  );
  for (const [j, column] of columns) {
    const cells = formulas.get(j)!.slice(0, oldBodyRows);
    const first = cells[0];
    if (typeof first === "string" && first.startsWith("=") && cells.every((f) => f === first))
      column.formula = first;
  }
  return columns;
}
