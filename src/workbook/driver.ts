/**
 * What a workbook adapter (Office.js, the .xlsx package) must do for the store: read and write
 * the cells of tables, and say what stands where a table would be written, so that the store
 * (one logic for both adapters) can refuse instead of overwriting. No planning logic here.
 */
import type { CellValue, RawTable } from "./rows";
import type { TableSpec } from "./schema";
import type { LinkedValue, ReportSheet } from "./report";

/** A table a user made: the add-in reads it and writes it only on explicit request. */
export interface UserTable {
  name: string;
  sheet: string;
}

/** One cell exactly as it is stored: what a write-back keeps so that undo puts it back. */
export interface CellContent {
  /** The value (a formula's cached result); dates are serial numbers, as Excel stores them. */
  value: CellValue;
  /** Excel's own type of the stored value ("date" is a number shown in a date format). */
  kind: "blank" | "text" | "number" | "boolean" | "date" | "error";
  /** The formula without its leading "=", when the cell holds one. */
  formula?: string;
}

/**
 * What is at the place a plan table is written to, for `rows` data rows and `columns` columns:
 * - `table`: the table exists (on `sheet`, over `ref`); `blocked` lists cells outside it that
 *   hold something and that the grown table would cover (first few, A1); `merged` lists merged
 *   ranges that overlap the table's area after the write;
 * - `untabled`: the plan's sheet exists but holds no table of that name (renamed, or converted
 *   to a range); `used` is the sheet's used range ("" when the sheet is empty);
 * - `absent`: neither the table nor its sheet exists.
 */
export type TableSite =
  | { state: "table"; sheet: string; ref: string; blocked: string[]; merged: string[] }
  | { state: "untabled"; sheet: string; used: string }
  | { state: "absent" };

export interface WorkbookDriver {
  /**
   * The table's cells, found by table name on whatever sheet it now is, or undefined when no
   * table of that name exists. Dates are serial numbers; a formula cell gives its cached value.
   */
  readTable(spec: TableSpec): Promise<RawTable | undefined>;
  /**
   * Replaces the table's rows where the table is (creating sheet and table if neither
   * exists); text columns stay text; a column the user made calculated keeps its formula.
   * Only called after `inspectTable` found nothing in the way.
   */
  writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void>;
  /** What stands where the table would be written with that many data rows and columns. */
  inspectTable(spec: TableSpec, rows: number, columns: number): Promise<TableSite>;
  /**
   * Draws a report sheet, keeping an existing sheet of that name as its previous version;
   * resolves to the name of the copy kept, or undefined when there was none to keep.
   */
  writeReport?(report: ReportSheet): Promise<string | undefined>;
  /** Current values of linked cells or names; `exists: false` for a link that no longer resolves. */
  readLinks?(links: readonly string[]): Promise<Map<string, LinkedValue>>;
  /** The address of the cell selected in Excel; absent where there is no grid (a file). */
  selectedAddress?(): Promise<string>;
  /** Every Excel table in the workbook, plan tables included. */
  listTables?(): Promise<UserTable[]>;
  /** The body cells of one column of a user's table, exactly as stored, in row order. */
  readColumn?(table: UserTable, header: string): Promise<CellContent[]>;
  /**
   * Replaces the body cells of one column of a user's table, in row order, touching only the
   * cells whose content changes and keeping their styles. A string is always stored as text
   * (never as a formula); a formula is written only from `CellContent.formula`.
   */
  writeColumn?(table: UserTable, header: string, values: readonly CellContent[]): Promise<void>;
  /** Shows a cell to the user (Excel selects it); absent where there is no grid. */
  selectCell?(sheet: string, address: string): Promise<void>;
  /** The selected range as a table (first row the header); absent where there is no grid. */
  readSelection?(): Promise<RawTable | undefined>;
}
