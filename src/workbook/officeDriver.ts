/**
 * The Office.js adapter: the plan's tables and the user's tables in the open workbook,
 * through Excel.run. It only moves cells and says what stands where a table would go; the
 * store decides (one logic for this adapter and the file adapter).
 *
 * - Loads only what it reads, and syncs once per chunk, never per row; every request and
 *   response stays under 4 MB (Excel on the web refuses 5 MB), and each sync is recorded.
 * - Plan tables are found by name on whatever sheet they now are (office/planTables.ts) and
 *   written where they are, keeping a user's calculated column (office/planTableWrite.ts).
 * - Text written into a user's table stays text: a quote prefix on exactly the cells written,
 *   no format changed (office/cellContent.ts, office/userColumns.ts).
 */
import type { CellContent, TableSite, UserTable, WorkbookDriver } from "./driver";
import type { CellValue, RawTable } from "./rows";
import type { TableSpec } from "./schema";
import type { LinkedValue, ReportSheet } from "./report";
import { inspectTable, readTable } from "./office/planTables";
import { writeTable } from "./office/planTableWrite";
import { ExcelRun, MAX_REQUEST_BYTES, Requests, SyncStats, emptyStats } from "./office/requests";
import { readColumn, writeColumn } from "./office/userColumns";
import { WorkbookSheets } from "./office/workbookSheets";

export { MAX_REQUEST_BYTES, chunkRows } from "./office/requests";
export type { ExcelRun, SyncStats } from "./office/requests";

export class OfficeDriver implements WorkbookDriver {
  readonly stats: SyncStats = emptyStats();
  private readonly requests: Requests;
  private readonly sheets: WorkbookSheets;

  constructor(run: ExcelRun = (batch) => Excel.run(batch), maxBytes = MAX_REQUEST_BYTES) {
    this.requests = new Requests(run, maxBytes, this.stats);
    this.sheets = new WorkbookSheets(this.requests);
  }

  readTable(spec: TableSpec): Promise<RawTable | undefined> {
    return readTable(this.requests, spec);
  }

  writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    return writeTable(this.requests, spec, header, rows);
  }

  inspectTable(spec: TableSpec, rows: number, columns: number): Promise<TableSite> {
    return inspectTable(this.requests, spec, rows, columns);
  }

  readColumn(table: UserTable, header: string): Promise<CellContent[]> {
    return readColumn(this.requests, table, header);
  }

  writeColumn(table: UserTable, header: string, values: readonly CellContent[]): Promise<void> {
    return writeColumn(this.requests, table, header, values);
  }

  listTables(): Promise<UserTable[]> {
    return this.sheets.listTables();
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return this.sheets.selectCell(sheet, address);
  }

  readSelection(): Promise<RawTable | undefined> {
    return this.sheets.readSelection();
  }

  selectedAddress(): Promise<string> {
    return this.sheets.selectedAddress();
  }

  readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    return this.sheets.readLinks(links);
  }

  writeReport(report: ReportSheet): Promise<string | undefined> {
    return this.sheets.writeReport(report);
  }
}
