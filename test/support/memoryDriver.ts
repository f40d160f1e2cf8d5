/**
 * An in-memory workbook for store tests: sheets as sparse grids of cells (value, kind,
 * formula), tables as named ranges on a sheet, merged ranges; it does what an adapter does
 * (WorkbookDriver) the way Excel would, including overwriting whatever a write covers, so a
 * store that did not look first is caught. Hand edits (cells, renamed or removed tables,
 * merges) and injected write failures are methods of their own.
 */
import type { CellContent, TableSite, UserTable, WorkbookDriver } from "../../src/workbook/driver";
import { CellValue, RawTable, columnLetters } from "../../src/workbook/rows";
import type { TableSpec } from "../../src/workbook/schema";

/** 1-based rows and columns, inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface Table {
  name: string;
  area: Area;
  /** Calculated columns (header → formula): every body cell of the column holds the formula. */
  calculated: Map<string, string>;
}

interface Sheet {
  name: string;
  cells: Map<string, CellContent>;
  tables: Table[];
  merged: Area[];
}

type Method = "writeTable" | "writeColumn";

const keyOf = (row: number, column: number) => `${row},${column}`;

export function parseA1(address: string): Area {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address.toUpperCase());
  if (!match) throw new Error(`not an A1 address: ${address}`);
  const col = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(match[2]);
  const left = col(match[1]);
  return {
    top,
    left,
    bottom: match[4] ? Number(match[4]) : top,
    right: match[3] ? col(match[3]) : left,
  };
}

export const a1 = (row: number, column: number) => `${columnLetters(column - 1)}${row}`;
export const areaA1 = (area: Area) =>
  area.top === area.bottom && area.left === area.right
    ? a1(area.top, area.left)
    : `${a1(area.top, area.left)}:${a1(area.bottom, area.right)}`;

const inside = (area: Area, row: number, column: number) =>
  row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
const overlaps = (a: Area, b: Area) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** A value as a cell: text stays text, numbers in date columns are dates. */
export function content(value: CellValue, date = false): CellContent {
  if (value === null || value === "") return { value: null, kind: "blank" };
  if (typeof value === "string") return { value, kind: "text" };
  if (typeof value === "boolean") return { value, kind: "boolean" };
  return { value, kind: date ? "date" : "number" };
}

const sameContent = (a: CellContent, b: CellContent) =>
  a.kind === b.kind && a.value === b.value && a.formula === b.formula;

export class MemoryDriver implements WorkbookDriver {
  readonly sheets: Sheet[] = [];
  private readonly calls: Record<Method, number> = { writeTable: 0, writeColumn: 0 };
  private fault?: { method: Method; call: number; partial: boolean };

  // ---- hand edits -------------------------------------------------------------------------

  sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): Sheet {
    const existing = this.sheet(name);
    if (existing) return existing;
    const sheet: Sheet = { name, cells: new Map(), tables: [], merged: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  removeSheet(name: string): void {
    const at = this.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (at >= 0) this.sheets.splice(at, 1);
  }

  /** Types a value (or a whole cell) into a cell, as a user would. */
  setCell(sheet: string, address: string, value: CellValue | CellContent): void {
    const { top, left } = parseA1(address);
    this.put(
      this.addSheet(sheet),
      top,
      left,
      value !== null && typeof value === "object" ? value : content(value)
    );
  }

  cell(sheet: string, address: string): CellContent {
    const { top, left } = parseA1(address);
    return this.sheet(sheet)?.cells.get(keyOf(top, left)) ?? { value: null, kind: "blank" };
  }

  /** A user's table (Insert › Table) with its header at `topLeft`. */
  addTable(
    sheet: string,
    name: string,
    topLeft: string,
    header: string[],
    rows: (CellValue | CellContent)[][]
  ): void {
    const target = this.addSheet(sheet);
    const { top, left } = parseA1(topLeft);
    header.forEach((h, c) => this.put(target, top, left + c, content(h)));
    const body = rows.length ? rows : [header.map(() => null)];
    body.forEach((cells, r) =>
      cells.forEach((cell, c) =>
        this.put(
          target,
          top + 1 + r,
          left + c,
          cell !== null && typeof cell === "object" ? cell : content(cell)
        )
      )
    );
    target.tables.push({
      name,
      area: { top, left, bottom: top + body.length, right: left + header.length - 1 },
      calculated: new Map(),
    });
  }

  renameTable(name: string, to: string): void {
    this.found(name).table.name = to;
  }

  /** Table Design › Convert to Range: the cells stay, the table is gone. */
  convertToRange(name: string): void {
    const { sheet, table } = this.found(name);
    sheet.tables.splice(sheet.tables.indexOf(table), 1);
  }

  /** Insert › Table over cells already there (the first row is the header). */
  tableFromRange(sheet: string, name: string, range: string): void {
    this.addSheet(sheet).tables.push({ name, area: parseA1(range), calculated: new Map() });
  }

  /** Selecting the table and deleting it: its cells go with it. */
  deleteTable(name: string): void {
    const { sheet, table } = this.found(name);
    this.clearArea(sheet, table.area);
    sheet.tables.splice(sheet.tables.indexOf(table), 1);
  }

  merge(sheet: string, range: string): void {
    this.addSheet(sheet).merged.push(parseA1(range));
  }

  unmerge(sheet: string, range: string): void {
    const target = this.sheet(sheet);
    if (target) target.merged = target.merged.filter((m) => areaA1(m) !== areaA1(parseA1(range)));
  }

  /** Makes a column calculated: every body cell holds the formula (cached values as given). */
  makeCalculated(tableName: string, header: string, formula: string): void {
    const { sheet, table } = this.found(tableName);
    const column = this.columnOf(sheet, table, header);
    table.calculated.set(header, formula);
    for (let r = table.area.top + 1; r <= table.area.bottom; r++) {
      const cell = sheet.cells.get(keyOf(r, column)) ?? content(null);
      this.put(sheet, r, column, { ...cell, formula });
    }
  }

  tableRange(name: string): string | undefined {
    const found = this.find(name);
    return found && areaA1(found.table.area);
  }

  /**
   * Makes the `call`-th call of `method` from now fail (calls counted from 1); with
   * `partial`, half of what it was asked to write lands first, like a lost connection.
   */
  failOn(method: Method, call: number, partial = true): void {
    this.calls[method] = 0;
    this.fault = { method, call, partial };
  }

  /** Disarms a failure `failOn` set that no call has reached. */
  noFailures(): void {
    this.fault = undefined;
  }

  /** Everything in the workbook, canonically, for comparing two moments. */
  state(): string {
    return JSON.stringify(
      this.sheets.map((s) => ({
        name: s.name,
        cells: [...s.cells].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        tables: s.tables.map((t) => ({ ...t, calculated: [...t.calculated] })),
        merged: s.merged,
      }))
    );
  }

  /** Cells that hold something and are in no table of the given names: what the user owns. */
  cellsOutside(tableNames: readonly string[]): Map<string, CellContent> {
    const names = new Set(tableNames.map((n) => n.toLowerCase()));
    const found = new Map<string, CellContent>();
    for (const sheet of this.sheets) {
      const owned = sheet.tables.filter((t) => names.has(t.name.toLowerCase())).map((t) => t.area);
      for (const [key, cell] of sheet.cells) {
        const [row, column] = key.split(",").map(Number);
        if (!owned.some((area) => inside(area, row, column)))
          found.set(`${sheet.name}!${a1(row, column)}`, cell);
      }
    }
    return found;
  }

  // ---- WorkbookDriver ---------------------------------------------------------------------

  async readTable(spec: TableSpec): Promise<RawTable | undefined> {
    const found = this.find(spec.table);
    if (!found) return undefined;
    const { sheet, table } = found;
    const row = (r: number) => {
      const cells: CellValue[] = [];
      for (let c = table.area.left; c <= table.area.right; c++)
        cells.push(sheet.cells.get(keyOf(r, c))?.value ?? null);
      return cells;
    };
    const rows: CellValue[][] = [];
    for (let r = table.area.top + 1; r <= table.area.bottom; r++) rows.push(row(r));
    return {
      sheet: sheet.name,
      header: row(table.area.top),
      rows,
      headerRow: table.area.top,
      firstColumn: table.area.left - 1,
    };
  }

  async writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void> {
    const partial = this.faulty("writeTable");
    const found = this.find(spec.table);
    const sheet = found?.sheet ?? this.addSheet(spec.sheet);
    const table: Table = found?.table ?? {
      name: spec.table,
      area: { top: 1, left: 1, bottom: 1, right: 1 },
      calculated: new Map(),
    };
    if (!found) sheet.tables.push(table);
    const { top, left } = table.area;
    const body = rows.length ? rows : [header.map(() => null)];
    const landing = partial === undefined ? body : body.slice(0, Math.floor(body.length / 2));
    const dates = new Set(spec.columns.filter((c) => c.type === "date").map((c) => c.header));
    const area = {
      top,
      left,
      bottom: top + Math.max(1, body.length),
      right: left + header.length - 1,
    };
    // What the old table covered beyond the new one is cleared, as Excel clears a resized table.
    this.clearArea(sheet, table.area, area);
    header.forEach((h, c) => this.put(sheet, top, left + c, content(h)));
    landing.forEach((cells, r) =>
      header.forEach((h, c) => {
        const cell = content(cells[c] ?? null, dates.has(h));
        const formula = table.calculated.get(h);
        this.put(sheet, top + 1 + r, left + c, formula === undefined ? cell : { ...cell, formula });
      })
    );
    table.area = area;
    if (partial !== undefined) throw new Error("RequestPayloadSizeLimitExceeded");
  }

  async inspectTable(spec: TableSpec, rows: number, columns: number): Promise<TableSite> {
    const found = this.find(spec.table);
    if (!found) {
      const sheet = this.sheet(spec.sheet);
      return sheet
        ? { state: "untabled", sheet: sheet.name, used: this.used(sheet) }
        : { state: "absent" };
    }
    const { sheet, table } = found;
    const { top, left } = table.area;
    const area = {
      top,
      left,
      bottom: top + Math.max(1, rows),
      right: left + Math.max(1, columns) - 1,
    };
    const others = sheet.tables.filter((t) => t !== table).map((t) => t.area);
    const blocked: string[] = [];
    for (let r = area.top; r <= area.bottom && blocked.length < 5; r++)
      for (let c = area.left; c <= area.right && blocked.length < 5; c++) {
        if (inside(table.area, r, c)) continue;
        if (sheet.cells.has(keyOf(r, c)) || others.some((o) => inside(o, r, c)))
          blocked.push(a1(r, c));
      }
    const merged = sheet.merged.filter((m) => overlaps(m, area)).map(areaA1);
    return { state: "table", sheet: sheet.name, ref: areaA1(table.area), blocked, merged };
  }

  async listTables(): Promise<UserTable[]> {
    return this.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name })));
  }

  async readColumn(user: UserTable, header: string): Promise<CellContent[]> {
    const { sheet, table } = this.found(user.name);
    const column = this.columnOf(sheet, table, header);
    const cells: CellContent[] = [];
    for (let r = table.area.top + 1; r <= table.area.bottom; r++)
      cells.push({ ...(sheet.cells.get(keyOf(r, column)) ?? content(null)) });
    return cells;
  }

  async writeColumn(
    user: UserTable,
    header: string,
    values: readonly CellContent[]
  ): Promise<void> {
    const partial = this.faulty("writeColumn");
    const { sheet, table } = this.found(user.name);
    const column = this.columnOf(sheet, table, header);
    if (values.length !== table.area.bottom - table.area.top)
      throw new Error(
        `the table ${user.name} has ${table.area.bottom - table.area.top} rows, not ${values.length}`
      );
    const landing = partial === undefined ? values : values.slice(0, Math.floor(values.length / 2));
    landing.forEach((value, i) => {
      const row = table.area.top + 1 + i;
      const before = sheet.cells.get(keyOf(row, column)) ?? content(null);
      // Only the cells whose content changes are touched.
      if (!sameContent(before, value)) this.put(sheet, row, column, value);
    });
    if (partial !== undefined) throw new Error("the connection to the workbook was lost");
  }

  // ---- inside -----------------------------------------------------------------------------

  private faulty(method: Method): true | undefined {
    this.calls[method]++;
    if (this.fault?.method !== method || this.fault.call !== this.calls[method]) return undefined;
    const { partial } = this.fault;
    this.fault = undefined;
    if (!partial) throw new Error("RequestPayloadSizeLimitExceeded");
    return true;
  }

  private find(name: string): { sheet: Sheet; table: Table } | undefined {
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (table) return { sheet, table };
    }
    return undefined;
  }

  private found(name: string): { sheet: Sheet; table: Table } {
    const found = this.find(name);
    if (!found) throw new Error(`the table ${name} is not in the workbook`);
    return found;
  }

  private columnOf(sheet: Sheet, table: Table, header: string): number {
    for (let c = table.area.left; c <= table.area.right; c++)
      if (String(sheet.cells.get(keyOf(table.area.top, c))?.value ?? "").trim() === header.trim())
        return c;
    throw new Error(`the table ${table.name} has no column "${header}"`);
  }

  private put(sheet: Sheet, row: number, column: number, cell: CellContent): void {
    if (cell.kind === "blank" && cell.formula === undefined) sheet.cells.delete(keyOf(row, column));
    else sheet.cells.set(keyOf(row, column), { ...cell });
  }

  /** Clears the cells of `area` that are not in `keep`. */
  private clearArea(sheet: Sheet, area: Area, keep?: Area): void {
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++)
        if (!keep || !inside(keep, r, c)) sheet.cells.delete(keyOf(r, c));
  }

  /** The sheet's used range: every cell holding something, merged ranges and tables. */
  private used(sheet: Sheet): string {
    const areas: Area[] = [...sheet.merged, ...sheet.tables.map((t) => t.area)];
    for (const key of sheet.cells.keys()) {
      const [row, column] = key.split(",").map(Number);
      areas.push({ top: row, left: column, bottom: row, right: column });
    }
    if (!areas.length) return "";
    return areaA1({
      top: Math.min(...areas.map((a) => a.top)),
      left: Math.min(...areas.map((a) => a.left)),
      bottom: Math.max(...areas.map((a) => a.bottom)),
      right: Math.max(...areas.map((a) => a.right)),
    });
  }
}
