/**
 * One column of a user's own table, read exactly as stored and written back cell by cell,
 * through Office.js. Write-back touches only the cells whose content changes, never a format;
 * text stays text (see cellContent.ts); a formula is written only when restoring one.
 */
import type { CellContent, UserTable } from "../driver";
import { contentOf, inputFor, sameContent } from "./cellContent";
import { Area, Piece, Requests, bytesOf, loadInBatches, rowPieces } from "./requests";

const PROPERTIES = ["values", "valueTypes", "formulas", "numberFormat"];
/** Bytes one cell's value, type, formula and number format are reckoned to take in a response. */
const CELL_BYTES = 192;
/** Bytes reckoned for each range written besides its cells (address, command). */
const RUN_OVERHEAD = 64;

interface ColumnCells {
  sheet: Excel.Worksheet;
  /** The body cells of the column (one column wide). */
  area: Area;
}

/** Finds the column's body cells by the table's name, wherever the table now is. */
async function locate(
  requests: Requests,
  context: Excel.RequestContext,
  table: UserTable,
  header: string
): Promise<ColumnCells> {
  const found = context.workbook.tables.getItemOrNullObject(table.name);
  requests.sending();
  await context.sync();
  if (found.isNullObject) throw new Error(`the table ${table.name} no longer exists`);
  const headerRange = found.getHeaderRowRange();
  headerRange.load("values,columnIndex");
  const body = found.getDataBodyRange();
  body.load("rowIndex,rowCount");
  requests.sending();
  await context.sync();
  requests.received(bytesOf(headerRange.values));
  const index = headerRange.values[0].findIndex((name) => String(name) === header);
  if (index < 0) throw new Error(`the table ${table.name} has no column "${header}"`);
  return {
    sheet: found.worksheet,
    area: {
      top: body.rowIndex,
      left: headerRange.columnIndex + index,
      rows: body.rowCount,
      columns: 1,
    },
  };
}

function contentsOf(range: Excel.Range): CellContent[] {
  return range.values.map((line, r) =>
    contentOf(
      line[0],
      String(range.valueTypes[r][0]),
      range.formulas[r][0],
      range.numberFormat[r][0]
    )
  );
}

export async function readColumn(
  requests: Requests,
  table: UserTable,
  header: string
): Promise<CellContent[]> {
  return requests.run(async (context) => {
    const { sheet, area } = await locate(requests, context, table, header);
    const pieces = rowPieces(area.rows, requests.rowsPerRead(1, CELL_BYTES)).map(
      ([start, rows]) => ({
        area: { ...area, top: area.top + start, rows },
        cost: rows * CELL_BYTES,
      })
    );
    const cells: CellContent[] = [];
    await loadInBatches(requests, context, sheet, pieces, PROPERTIES, (loaded) => {
      loaded.forEach(({ range }) => cells.push(...contentsOf(range)));
    });
    return cells;
  });
}

export async function writeColumn(
  requests: Requests,
  table: UserTable,
  header: string,
  values: readonly CellContent[]
): Promise<void> {
  await requests.run(async (context) => {
    const { sheet, area } = await locate(requests, context, table, header);
    if (values.length !== area.rows)
      throw new Error(
        `the column "${header}" of ${table.name} has ${area.rows} rows, not ${values.length}: nothing was written`
      );
    // Each piece is read, then its changed cells are written with the next sync: a piece
    // stays under the limit both as a response (reckoned) and as a request (its own bytes,
    // at most: a quote prefix included, every cell changed, a range per cell).
    const most = (r: number) => bytesOf(inputFor(values[r], undefined).input) + 3 + RUN_OVERHEAD;
    const pieces: Piece[] = [];
    const perRead = requests.rowsPerRead(1, CELL_BYTES);
    for (let start = 0, r = 0, sent = 0; r <= area.rows; r++) {
      const full = r - start >= perRead || (r < area.rows && sent + most(r) > requests.maxBytes);
      if (r > start && (r === area.rows || full)) {
        pieces.push({
          area: { ...area, top: area.top + start, rows: r - start },
          cost: requests.maxBytes,
        });
        start = r;
        sent = 0;
      }
      if (r < area.rows) sent += most(r);
    }
    await loadInBatches(requests, context, sheet, pieces, PROPERTIES, (loaded) => {
      let sent = 0;
      for (const { area: piece, range } of loaded) {
        const offset = piece.top - area.top;
        const formats = range.numberFormat;
        const changes = contentsOf(range).map((current, i) =>
          sameContent(current, values[offset + i])
            ? undefined
            : inputFor(values[offset + i], formats[i][0])
        );
        // Contiguous changed cells written through the same property go as one range.
        for (let i = 0; i < changes.length;) {
          const first = changes[i];
          if (!first) {
            i++;
            continue;
          }
          let end = i + 1;
          while (end < changes.length && changes[end]?.property === first.property) end++;
          const run = changes.slice(i, end).map((change) => [change!.input]);
          const cells = sheet.getRangeByIndexes(piece.top + i, piece.left, end - i, 1);
          if (first.property === "formulas") cells.formulas = run;
          else cells.values = run;
          cells.untrack();
          sent += bytesOf(run) + RUN_OVERHEAD;
          i = end;
        }
      }
      return { sent };
    });
  });
}
