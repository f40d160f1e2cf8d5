/**
 * An in-memory Excel behind the slice of the Excel JavaScript API the Office adapter uses:
 * tables by name across sheets, worksheets, ranges by index or address, values vs formulas,
 * number formats, merged areas, used ranges. It follows Office.js's request model, so that a
 * mistake the real host would reject fails here too:
 * - every call is queued and runs at context.sync(), in order; a loaded property or
 *   isNullObject can be read only after the sync that loaded it ("PropertyNotLoaded");
 * - a null object (…OrNullObject) can be loaded and checked, but using it fails;
 * - a sync whose request or response carries more than 5 MB of cell data fails, as Excel on
 *   the web does (RequestPayloadSizeLimitExceeded); each sync's bytes are logged;
 * - values are taken as typed input (fakeExcelCells.ts); null in a 2-D array leaves that cell
 *   as it is and "" clears it (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 * It calculates nothing: a formula keeps the cached value a test seeded (or #UNCALCULATED!).
 * This file holds the workbook (what tests seed and inspect, and what a request runs);
 * fakeExcelApi.ts the request context and proxies; fakeExcelCells.ts the cell model;
 * fakeExcelLayout.ts what a sheet shows beyond cells (tab order lives here: sheetNames()).
 */
import { FakeContext } from "./fakeExcelApi";
import { SheetLayout, blankLayout } from "./fakeExcelLayout";
import {
  Area,
  Scalar,
  Sheet,
  StoredCell,
  TableInfo,
  UNCALCULATED,
  fail,
  formatArea,
  fromR1C1,
  lower,
  overlaps,
  parseAddress,
  toR1C1,
  typedEntry,
} from "./fakeExcelCells";

export { EXCEL_PAYLOAD_LIMIT, formatArea, parseAddress } from "./fakeExcelCells";
export type { StoredCell, TableInfo } from "./fakeExcelCells";
export type { CellLook, SheetLayout } from "./fakeExcelLayout";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
}

/** What a test puts in a cell: text (stored as is), a number, a boolean, blank, a formula, an error. */
export type Seed = Scalar | null | { formula: string; value?: Scalar } | { error: string };

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

const WIDTH = 16_384;
const key = (row: number, column: number) => row * WIDTH + column;

function seeded(seed: Seed): StoredCell | undefined {
  if (seed === null) return undefined;
  if (typeof seed === "string") return { value: seed, type: "String" };
  if (typeof seed === "number") return { value: seed, type: "Double" };
  if (typeof seed === "boolean") return { value: seed, type: "Boolean" };
  if ("error" in seed) return { value: seed.error, type: "Error" };
  const value = seed.value ?? UNCALCULATED.value;
  const type =
    typeof value === "number" ? "Double" : typeof value === "boolean" ? "Boolean" : "String";
  return { value, type: seed.value === undefined ? "Error" : type, formula: seed.formula };
}

export class FakeWorkbook {
  private readonly sheetMap = new Map<string, Sheet>();
  /** The sheets in tab order. */
  private readonly tabs: Sheet[] = [];
  private readonly tableMap = new Map<string, TableInfo>();
  readonly syncLog: SyncRecord[] = [];

  // ——— what tests seed and inspect ———

  addSheet(name: string): void {
    if (this.sheetMap.has(lower(name))) fail("InvalidArgument", `a sheet ${name} exists`);
    const sheet = { name, cells: new Map(), formats: new Map(), merged: [], layout: blankLayout() };
    this.sheetMap.set(lower(name), sheet);
    this.tabs.push(sheet);
  }

  /** The sheets' names in tab order (the order printing follows). */
  sheetNames(): string[] {
    return this.tabs.map((s) => s.name);
  }

  /** What a sheet shows beyond its cells: visibility, looks, row heights, print setup. */
  layout(sheetName: string): SheetLayout {
    return this.sheet(sheetName).layout;
  }

  /** Puts seeds in the cells from `address` (its top-left cell) on, creating the sheet if needed. */
  put(sheetName: string, address: string, rows: Seed[][]): void {
    if (!this.sheetMap.has(lower(sheetName))) this.addSheet(sheetName);
    const sheet = this.sheet(sheetName);
    const at = parseAddress(address);
    rows.forEach((line, r) =>
      line.forEach((seed, c) => {
        const cell = seeded(seed);
        if (cell) sheet.cells.set(key(at.top + r, at.left + c), cell);
        else sheet.cells.delete(key(at.top + r, at.left + c));
      })
    );
  }

  setFormat(sheetName: string, address: string, format: string): void {
    const sheet = this.sheet(sheetName);
    const area = parseAddress(address);
    this.eachCell(area, (r, c) => sheet.formats.set(key(r, c), format));
  }

  merge(sheetName: string, address: string): void {
    this.sheet(sheetName).merged.push(parseAddress(address));
  }

  /** Makes a table over `address`, whose first row holds its header. */
  addTable(name: string, sheetName: string, address: string): void {
    this.createTable(this.sheet(sheetName), parseAddress(address), name);
  }

  table(name: string): TableInfo | undefined {
    const info = this.tableMap.get(lower(name));
    return info && { ...info };
  }

  cell(sheetName: string, address: string): StoredCell | undefined {
    const at = parseAddress(address);
    return this.sheet(sheetName).cells.get(key(at.top, at.left));
  }

  values(sheetName: string, address: string): (Scalar | "")[][] {
    const sheet = this.sheet(sheetName);
    const area = parseAddress(address);
    return this.grid(area, (r, c) => sheet.cells.get(key(r, c))?.value ?? "");
  }

  format(sheetName: string, address: string): string {
    const at = parseAddress(address);
    return this.sheet(sheetName).formats.get(key(at.top, at.left)) ?? "General";
  }

  /** Every non-empty cell and format of a sheet by A1 address, to compare before and after. */
  contents(sheetName: string): Record<string, string> {
    const sheet = this.sheet(sheetName);
    const out: Record<string, string> = {};
    const at = (k: number) =>
      formatArea({ top: Math.floor(k / WIDTH), left: k % WIDTH, rows: 1, columns: 1 });
    sheet.cells.forEach((cell, k) => (out[at(k)] = JSON.stringify(cell)));
    sheet.formats.forEach((format, k) => (out[at(k)] = `${out[at(k)] ?? ""} format ${format}`));
    return out;
  }

  /** office-addin-mock's shape (run + context), with this fake's own request context. */
  excel(): { run: <T>(batch: Batch<T>) => Promise<T>; context: { sync(): Promise<void> } } {
    const context = new FakeContext(this);
    return { context, run: (batch) => batch(context as unknown as Excel.RequestContext) };
  }

  /** A plain Excel.run over this workbook, for benchmarks (no jest). */
  plainRun(): <T>(batch: Batch<T>) => Promise<T> {
    return this.excel().run;
  }

  // ——— what the request context runs ———

  sheet(name: string): Sheet {
    return this.sheetMap.get(lower(name)) ?? fail("ItemNotFound", `no sheet ${name}`);
  }

  hasSheet(name: string): boolean {
    return this.sheetMap.has(lower(name));
  }

  position(sheet: Sheet): number {
    return this.tabs.indexOf(sheet);
  }

  /** Worksheet.position: the sheet moves, the others keep their order. */
  moveSheet(sheet: Sheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.tabs.length)
      fail("InvalidArgument", `position ${position} of ${this.tabs.length} sheets`);
    this.tabs.splice(this.tabs.indexOf(sheet), 1);
    this.tabs.splice(position, 0, sheet);
  }

  renameSheet(sheet: Sheet, name: string): void {
    const other = this.sheetMap.get(lower(name));
    if (other && other !== sheet) fail("InvalidArgument", `a sheet ${name} exists`);
    for (const table of this.tableMap.values()) if (table.sheet === sheet.name) table.sheet = name;
    this.sheetMap.delete(lower(sheet.name));
    sheet.name = name;
    this.sheetMap.set(lower(name), sheet);
  }

  deleteSheet(sheet: Sheet): void {
    if (this.tabs.length === 1) fail("InvalidOperation", "a workbook keeps at least one sheet");
    for (const [name, table] of this.tableMap)
      if (table.sheet === sheet.name) this.tableMap.delete(name);
    this.sheetMap.delete(lower(sheet.name));
    this.tabs.splice(this.tabs.indexOf(sheet), 1);
  }

  /** Excel refuses to hide the last visible sheet. */
  setVisibility(sheet: Sheet, visibility: SheetLayout["visibility"]): void {
    const othersVisible = this.tabs.some((s) => s !== sheet && s.layout.visibility === "Visible");
    if (visibility !== "Visible" && !othersVisible)
      fail("InvalidOperation", "a workbook keeps at least one visible sheet");
    sheet.layout.visibility = visibility;
  }

  tableInfo(name: string): TableInfo | undefined {
    return this.tableMap.get(lower(name));
  }

  tableNames(): TableInfo[] {
    return [...this.tableMap.values()];
  }

  eachCell(area: Area, visit: (row: number, column: number) => void): void {
    for (let r = area.top; r < area.top + area.rows; r++)
      for (let c = area.left; c < area.left + area.columns; c++) visit(r, c);
  }

  grid<T>(area: Area, cell: (row: number, column: number) => T): T[][] {
    return Array.from({ length: area.rows }, (_, r) =>
      Array.from({ length: area.columns }, (_, c) => cell(area.top + r, area.left + c))
    );
  }

  read(sheet: Sheet, area: Area, property: string): unknown[][] {
    const at = (r: number, c: number) => sheet.cells.get(key(r, c));
    switch (property) {
      case "values":
        return this.grid(area, (r, c) => at(r, c)?.value ?? "");
      case "valueTypes":
        return this.grid(area, (r, c) => at(r, c)?.type ?? "Empty");
      case "formulas":
        return this.grid(area, (r, c) => at(r, c)?.formula ?? at(r, c)?.value ?? "");
      case "formulasR1C1":
        return this.grid(area, (r, c) => {
          const cell = at(r, c);
          return cell?.formula ? toR1C1(cell.formula, r, c) : (cell?.value ?? "");
        });
      case "numberFormat":
        return this.grid(area, (r, c) => sheet.formats.get(key(r, c)) ?? "General");
      default:
        return fail("PropertyNotFound", `a range has no property ${property}`);
    }
  }

  write(sheet: Sheet, area: Area, property: string, input: unknown): void {
    if (input === null || input === undefined)
      fail("InvalidArgument", `${property} cannot be set to null`);
    const lines = Array.isArray(input) ? (input as unknown[][]) : undefined;
    if (lines && (lines.length !== area.rows || lines.some((line) => line.length !== area.columns)))
      fail("InvalidArgument", `${property} of ${lines.length} rows sent to ${formatArea(area)}`);
    this.eachCell(area, (r, c) => {
      const given = lines ? lines[r - area.top][c - area.left] : input;
      if (given === null) return; // null leaves the cell as it is
      const k = key(r, c);
      if (property === "numberFormat") {
        if (given === "") sheet.formats.delete(k);
        else sheet.formats.set(k, String(given));
        return;
      }
      const merged = sheet.merged.find((m) =>
        overlaps(m, { top: r, left: c, rows: 1, columns: 1 })
      );
      if (merged && (merged.top !== r || merged.left !== c))
        fail(
          "InvalidOperation",
          `cannot write into merged ${formatArea(merged)} at ${formatArea({ top: r, left: c, rows: 1, columns: 1 })}`
        );
      const value = given as Scalar;
      const formula =
        typeof value === "string" && value.startsWith("=") && property !== "values"
          ? property === "formulasR1C1"
            ? fromR1C1(value, r, c)
            : value
          : undefined;
      const cell = formula ? { ...UNCALCULATED, formula } : typedEntry(value, sheet.formats.get(k));
      if (cell) sheet.cells.set(k, cell);
      else sheet.cells.delete(k);
    });
  }

  clear(sheet: Sheet, area: Area, applyTo: string): void {
    this.eachCell(area, (r, c) => {
      if (applyTo !== "Formats") sheet.cells.delete(key(r, c));
      if (applyTo !== "Contents") sheet.formats.delete(key(r, c));
    });
  }

  usedArea(sheet: Sheet, valuesOnly: boolean): Area | null {
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
    const include = (k: number) => {
      const [r, c] = [Math.floor(k / WIDTH), k % WIDTH];
      [top, left, bottom, right] = [
        Math.min(top, r),
        Math.min(left, c),
        Math.max(bottom, r),
        Math.max(right, c),
      ];
    };
    sheet.cells.forEach((_, k) => include(k));
    if (!valuesOnly) sheet.formats.forEach((_, k) => include(k));
    if (bottom < 0) return null;
    return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  createTable(sheet: Sheet, area: Area, name?: string): TableInfo {
    this.checkTableArea(sheet, area);
    // Excel gives a blank header cell a name of its own.
    this.eachCell({ ...area, rows: 1 }, (r, c) => {
      if (!sheet.cells.has(key(r, c)))
        sheet.cells.set(key(r, c), { value: `Column${c - area.left + 1}`, type: "String" });
    });
    let index = this.tableMap.size + 1;
    while (this.tableMap.has(lower(`Table${index}`))) index++;
    const { top, left, rows, columns } = area;
    const info: TableInfo = {
      name: name ?? `Table${index}`,
      sheet: sheet.name,
      top,
      left,
      rows,
      columns,
    };
    this.tableMap.set(lower(info.name), info);
    return info;
  }

  renameTable(info: TableInfo, name: string): void {
    if (this.tableMap.has(lower(name)) && this.tableMap.get(lower(name)) !== info)
      fail("InvalidArgument", `a table ${name} exists`);
    this.tableMap.delete(lower(info.name));
    info.name = name;
    this.tableMap.set(lower(name), info);
  }

  /** Table.resize (ExcelApi 1.13): the new range must overlap the old and keep its header row. */
  resizeTable(info: TableInfo, sheet: Sheet, area: Area): void {
    if (sheet.name !== info.sheet || area.top !== info.top || !overlaps(area, info))
      fail("InvalidArgument", `${info.name} cannot be resized to ${formatArea(area)}`);
    this.checkTableArea(sheet, area, info);
    Object.assign(info, { left: area.left, rows: area.rows, columns: area.columns });
  }

  /** Excel refuses a table over another table or over merged cells. */
  private checkTableArea(sheet: Sheet, area: Area, self?: TableInfo): void {
    for (const other of this.tableMap.values())
      if (other !== self && other.sheet === sheet.name && overlaps(other, area))
        fail("InvalidOperation", `${formatArea(area)} overlaps the table ${other.name}`);
    if (sheet.merged.some((m) => overlaps(m, area)))
      fail("InvalidOperation", `${formatArea(area)} contains merged cells`);
  }
}
