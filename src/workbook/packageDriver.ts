/**
 * The .xlsx file adapter, for the workbench outside Excel, the command line and tests on real
 * files. It edits the user's package in place: only the parts the plan owns (its own sheets
 * and table parts, and the minimum of the workbook part, relationships, content types and
 * styles needed to add them) are rewritten; every other part is copied through byte for byte,
 * so charts, pivot tables, comments, macros and anything else a user has survive every save.
 * Changes stay in memory until `toBuffer`, so a failed save leaves the file as it was.
 */
import type { CellContent, TableSite, UserTable, WorkbookDriver } from "./driver";
import { splitLink, LinkedValue, ReportSheet } from "./report";
import type { CellValue, RawTable } from "./rows";
import { TableSpec, infoSpec } from "./schema";
import { parseArea } from "./package/cellRef";
import { readCell } from "./package/cells";
import { cellsOf, eachRow } from "./package/sheetData";
import { writeReport } from "./package/reportSheet";
import * as tables from "./package/tables";
import * as columns from "./package/userColumns";
import { WorkbookFile } from "./package/workbookFile";

export class PackageDriver implements WorkbookDriver {
  private constructor(readonly file: WorkbookFile) {}

  /** Opens a workbook file; throws, saying why, when the bytes are not an Excel workbook. */
  static async fromBuffer(bytes: Uint8Array | ArrayBuffer): Promise<PackageDriver> {
    return new PackageDriver(await WorkbookFile.open(bytes));
  }

  /** A new workbook with one empty sheet. */
  static async blank(): Promise<PackageDriver> {
    return new PackageDriver(await WorkbookFile.blank());
  }

  /** Called now and then during long reads, writes and `toBuffer`, for a progress bar. */
  set onProgress(listener: (() => void) | undefined) {
    this.file.onProgress = listener;
  }

  /** The inflated size of every part of the file as opened. */
  get storedBytes(): number {
    return this.file.pkg.storedSize;
  }

  /** Bytes inflated from the package so far (opening reads only the parts a command needs). */
  get inflatedBytes(): number {
    return this.file.pkg.inflatedBytes;
  }

  async toBuffer(): Promise<Uint8Array> {
    return this.file.bytes();
  }

  readTable(spec: TableSpec): Promise<RawTable | undefined> {
    return tables.readTable(this.file, spec.table);
  }

  inspectTable(spec: TableSpec, rows: number, columns: number): Promise<TableSite> {
    return tables.inspectTable(this.file, spec, rows, columns);
  }

  writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    return tables.writeTable(this.file, spec, header, rows, spec === infoSpec);
  }

  async listTables(): Promise<UserTable[]> {
    return (await this.file.book.tables()).map((t) => ({ name: t.name, sheet: t.sheet }));
  }

  readColumn(table: UserTable, header: string): Promise<CellContent[]> {
    return columns.readColumn(this.file, table.name, header);
  }

  writeColumn(table: UserTable, header: string, values: readonly CellContent[]): Promise<void> {
    return columns.writeColumn(this.file, table.name, header, values);
  }

  writeReport(report: ReportSheet): Promise<string | undefined> {
    return writeReport(this.file, report);
  }

  async readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    const found = new Map<string, LinkedValue>();
    const missing: LinkedValue = { exists: false, value: null };
    for (const link of links) {
      let target = splitLink(link);
      if ("name" in target) {
        const name = target.name.toLowerCase();
        const defined = this.file.book.definedNames.filter(
          (d) => d.name.toLowerCase() === name && d.localSheetId === undefined
        );
        const single = defined.length === 1 ? splitLink(defined[0].formula) : undefined;
        if (!single || "name" in single) {
          found.set(link, missing);
          continue;
        }
        target = single;
      }
      const sheet = this.file.book.sheet(target.sheet);
      const area = parseArea(target.address);
      if (!sheet?.part || !area || area.top !== area.bottom || area.left !== area.right) {
        found.set(link, missing);
        continue;
      }
      found.set(link, {
        exists: true,
        value: await this.cellValue(sheet.part, area.top, area.left),
      });
    }
    return found;
  }

  private async cellValue(part: string, row: number, column: number): Promise<CellValue> {
    const sheet = await this.file.sheet(part);
    const context = await this.file.readContext();
    let value: CellValue = null;
    eachRow(sheet, (r) => {
      if (r.row < row) return;
      if (r.row === row) {
        const cell = cellsOf(sheet, r).find((c) => c.column === column);
        if (cell) {
          const content = readCell(sheet, cell, context);
          value = content.kind === "error" ? null : content.value;
        }
      }
      return false;
    });
    return value;
  }
}
