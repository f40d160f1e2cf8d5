/**
 * One column of a user's own table as a write-back works on it: the table's cells (for the
 * keys and where they are) and the column's cells exactly as stored (value, type, formula).
 */
import type { CellContent, UserTable, WorkbookDriver } from "./driver";
import { RawTable, tableProblem } from "./rows";
import type { TableSpec } from "./schema";
import { PlanStoreError, refusal, storeProblem } from "./storeError";
import { locateColumns } from "./writeBack";

/** The spec under which an adapter reads a user's table: only its name and sheet matter. */
export const userTableSpec = (table: UserTable): TableSpec => ({
  table: table.name,
  sheet: table.sheet,
  columns: [],
  key: [],
  history: false,
});

export interface UserColumn {
  table: UserTable;
  raw: RawTable;
  keyHeader: string;
  /** The columns of the key and of the cells written. */
  key: number;
  target: number;
  /** The target column's cells, in row order, as stored. */
  cells: CellContent[];
}

export async function readUserColumn(
  driver: WorkbookDriver,
  table: UserTable,
  keyHeader: string,
  targetHeader: string
): Promise<UserColumn> {
  if (!driver.readColumn || !driver.writeColumn)
    throw new PlanStoreError("write-failed", storeProblem("noCellWrites"));
  const raw = await driver.readTable(userTableSpec(table));
  if (!raw) {
    const values = { table: table.name, sheet: table.sheet };
    const where = { severity: "error" as const, sheet: table.sheet, table: table.name };
    throw refusal([{ ...where, ...tableProblem("tableMissing", values) }]);
  }
  const columns = locateColumns(table, raw, [keyHeader, targetHeader]);
  if (!Array.isArray(columns)) throw refusal([columns]);
  const cells = await driver.readColumn(table, targetHeader);
  if (cells.length !== raw.rows.length)
    throw new PlanStoreError("conflict", storeProblem("readWhileChanged", { table: table.name }));
  return { table, raw, keyHeader, key: columns[0], target: columns[1], cells };
}
