/**
 * The .xlsx package adapter with the hand edits the store's property makes (the same ones the
 * memory driver offers), done to the package as Excel would store them, and a canonical view
 * of every cell, table and merge, so the property can compare two moments of a real file.
 */
import type { CellContent, TableSite, UserTable, WorkbookDriver } from "../../src/workbook/driver";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { address, contains, parseArea, formatArea } from "../../src/workbook/package/cellRef";
import { readCell } from "../../src/workbook/package/cells";
import {
  cellsOf,
  eachRow,
  holdsSomething,
  locateSheetData,
  mergedAreas,
  patchSheet,
} from "../../src/workbook/package/sheetData";
import { addTablePart } from "../../src/workbook/package/tables";
import type { CellValue, RawTable } from "../../src/workbook/rows";
import type { TableSpec } from "../../src/workbook/schema";
import { convertToRange, mergeCells, renameTable, typeInto } from "./handEdits";

export class PackageWorkbook implements WorkbookDriver {
  private calls = 0;
  private fault?: number;

  private constructor(readonly driver: PackageDriver) {}

  static async blank(): Promise<PackageWorkbook> {
    return new PackageWorkbook(await PackageDriver.blank());
  }

  // ---- hand edits ----
  setCell(sheet: string, ref: string, value: CellValue): Promise<void> {
    return typeInto(this.driver, sheet, { [ref]: value });
  }
  renameTable(name: string, to: string): Promise<void> {
    return renameTable(this.driver, name, to);
  }
  convertToRange(name: string): Promise<void> {
    return convertToRange(this.driver, name);
  }
  async tableFromRange(sheet: string, name: string, range: string): Promise<void> {
    const entry = this.driver.file.book.sheet(sheet)!;
    const area = parseArea(range)!;
    const header: string[] = [];
    for (let c = area.left; c <= area.right; c++)
      header.push(
        String((await this.valueAt(entry.part!, area.top, c)) ?? `Column${c - area.left + 1}`)
      );
    await addTablePart(this.driver.file, entry.part!, name, area, header);
    this.driver.file.book.tablesChanged();
  }
  async deleteTable(name: string): Promise<void> {
    const table = (await this.driver.file.book.table(name))!;
    await convertToRange(this.driver, name);
    const sheet = await this.driver.file.sheet(table.sheetPart);
    this.driver.file.writeSheet(table.sheetPart, patchSheet(sheet, [], [table.area]).xml);
  }
  merge(sheet: string, range: string): Promise<void> {
    return mergeCells(this.driver, sheet, range);
  }
  async unmerge(sheet: string, range: string): Promise<void> {
    const part = this.driver.file.book.sheet(sheet)!.part!;
    const xml = (await this.driver.file.sheet(part)).xml.replace(`<mergeCell ref="${range}"/>`, "");
    this.driver.file.writeSheet(part, xml.replace(/<mergeCells count="\d+">\s*<\/mergeCells>/, ""));
  }
  failOn(_method: "writeTable", call: number): void {
    this.calls = 0;
    this.fault = call;
  }
  noFailures(): void {
    this.fault = undefined;
  }
  async tableRange(name: string): Promise<string | undefined> {
    const table = await this.driver.file.book.table(name);
    return table && formatArea(table.area);
  }

  private async valueAt(part: string, row: number, column: number): Promise<CellValue> {
    return (await this.cells(part)).get(address(row, column))?.value ?? null;
  }

  /** Every cell of a sheet that holds something, by address. */
  private async cells(part: string): Promise<Map<string, CellContent>> {
    const sheet = await this.driver.file.sheet(part);
    const context = await this.driver.file.readContext();
    const found = new Map<string, CellContent>();
    eachRow(sheet, (row) => {
      for (const cell of cellsOf(sheet, row))
        if (holdsSomething(sheet, cell))
          found.set(address(row.row, cell.column), readCell(sheet, cell, context));
    });
    return found;
  }

  async state(): Promise<string> {
    const book = this.driver.file.book;
    const tables = await book.tables();
    const sheets = [];
    for (const s of book.sheets) {
      if (!s.part) continue;
      const cells = [...(await this.cells(s.part))].sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0
      );
      const merged = mergedAreas(locateSheetData((await this.driver.file.sheet(s.part)).xml))
        .map(formatArea)
        .sort();
      const own = tables
        .filter((t) => t.sheet === s.name)
        .map((t) => ({ name: t.name, ref: formatArea(t.area), columns: t.columns }));
      sheets.push({ name: s.name, cells, merged, tables: own });
    }
    return JSON.stringify(sheets);
  }

  async cellsOutside(names: readonly string[]): Promise<Map<string, CellContent>> {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const tables = (await this.driver.file.book.tables()).filter((t) =>
      wanted.has(t.name.toLowerCase())
    );
    const found = new Map<string, CellContent>();
    for (const s of this.driver.file.book.sheets) {
      if (!s.part) continue;
      const owned = tables.filter((t) => t.sheet === s.name).map((t) => t.area);
      for (const [ref, cell] of await this.cells(s.part)) {
        const at = parseArea(ref)!;
        if (!owned.some((area) => contains(area, at.top, at.left)))
          found.set(`${s.name}!${ref}`, cell);
      }
    }
    return found;
  }

  // ---- WorkbookDriver ----
  readTable(spec: TableSpec): Promise<RawTable | undefined> {
    return this.driver.readTable(spec);
  }
  inspectTable(spec: TableSpec, rows: number, columns: number): Promise<TableSite> {
    return this.driver.inspectTable(spec, rows, columns);
  }
  async writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    if (this.fault !== undefined && ++this.calls === this.fault) {
      this.fault = undefined;
      // Half the rows reach the file before the failure, as a write cut off part-way.
      await this.driver.writeTable(spec, header, rows.slice(0, Math.floor(rows.length / 2)));
      throw new Error("injected write failure");
    }
    return this.driver.writeTable(spec, header, rows);
  }
  listTables(): Promise<UserTable[]> {
    return this.driver.listTables();
  }
  readColumn(table: UserTable, header: string): Promise<CellContent[]> {
    return this.driver.readColumn(table, header);
  }
  writeColumn(table: UserTable, header: string, values: readonly CellContent[]): Promise<void> {
    return this.driver.writeColumn(table, header, values);
  }
}
