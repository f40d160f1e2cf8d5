/**
 * The request side of the fake Excel (fakeExcel.ts): a request context whose calls queue up
 * and run at context.sync(), in order, as in Office.js, and the proxies it hands out
 * (tables, table columns, worksheets, ranges, range areas; the workbook object with its
 * collections is in fakeExcelWorkbookApi.ts). Loaded properties and
 * isNullObject can be read only after the sync that loaded them; a null object can be
 * loaded and checked, but using it fails; a sync over 5 MB either way fails.
 */
import type { FakeWorkbook } from "./fakeExcel";
import { WorkbookApi } from "./fakeExcelWorkbookApi";
import {
  Area,
  EXCEL_PAYLOAD_LIMIT,
  Sheet,
  TableInfo,
  bytesOf,
  fail,
  lower,
  overlaps,
  parseAddress,
  qualified,
} from "./fakeExcelCells";
import { charts, conditionalFormats, pageLayout, rangeFormat } from "./fakeExcelLayout";

/** A request context: calls queue up and run at sync, as in Office.js. */
export class FakeContext {
  readonly workbook: WorkbookApi;
  private queue: (() => void)[] = [];
  private requestBytes = 0;
  responseBytes = 0;
  readonly touched = new Set<ClientObject<unknown>>();

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookApi(this);
  }

  enqueue(operation: () => void, bytes = 0): void {
    this.queue.push(operation);
    this.requestBytes += bytes;
  }

  async sync(): Promise<void> {
    const operations = this.queue;
    const record = { requestBytes: this.requestBytes, responseBytes: 0 };
    this.queue = [];
    this.requestBytes = 0;
    this.responseBytes = 0;
    this.book.syncLog.push(record);
    if (record.requestBytes > EXCEL_PAYLOAD_LIMIT)
      fail("RequestPayloadSizeLimitExceeded", `${record.requestBytes} bytes sent`);
    try {
      for (const operation of operations) operation();
    } finally {
      record.responseBytes = this.responseBytes;
      this.touched.forEach((object) => object.publish());
      this.touched.clear();
    }
    if (record.responseBytes > EXCEL_PAYLOAD_LIMIT)
      fail("ResponsePayloadSizeLimitExceeded", `${record.responseBytes} bytes received`);
  }
}

/** A proxy: resolves to its object (or null) when its creation runs; loads show after the sync. */
abstract class ClientObject<T> {
  private target: T | null | undefined;
  private known = false;
  private readonly staged = new Map<string, unknown>();
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly context: FakeContext,
    resolve: () => T | null
  ) {
    context.enqueue(() => {
      this.target = resolve();
      context.touched.add(this as ClientObject<unknown>);
    });
  }

  protected get book(): FakeWorkbook {
    return this.context.book;
  }

  /** The object, at run time; using a null object fails. */
  protected get live(): T {
    if (this.target === null)
      return fail("InvalidObjectPath", `${this.constructor.name} is a null object`);
    return this.target as T;
  }

  get isNullObject(): boolean {
    if (!this.known) fail("PropertyNotLoaded", "isNullObject is read before context.sync()");
    return this.target === null;
  }

  publish(): void {
    this.known = true;
    this.staged.forEach((value, name) => this.loaded.set(name, value));
    this.staged.clear();
  }

  load(properties?: string | string[]): this {
    const names = (Array.isArray(properties) ? properties : (properties ?? "").split(","))
      .map((name) => name.trim())
      .filter(Boolean);
    this.context.enqueue(() => {
      if (this.target === null) return;
      for (const name of names) {
        const value = this.property(this.live, name);
        this.staged.set(name, value);
        this.context.responseBytes += bytesOf(value);
      }
      this.context.touched.add(this as ClientObject<unknown>);
    });
    return this;
  }

  untrack(): this {
    return this;
  }

  protected abstract property(target: T, name: string): unknown;

  protected loadedValue<V>(name: string): V {
    if (this.known && this.target === null) fail("InvalidObjectPath", `${name} of a null object`);
    if (!this.loaded.has(name)) fail("PropertyNotLoaded", `${name} (load it, then sync)`);
    return this.loaded.get(name) as V;
  }

  /** Queues an action on the object. */
  protected later(action: (target: T) => void, bytes = 0): void {
    this.context.enqueue(() => action(this.live), bytes);
  }
}

export interface RangeTarget {
  sheet: Sheet;
  area: Area;
}

export class RangeProxy extends ClientObject<RangeTarget> {
  protected property({ sheet, area }: RangeTarget, name: string): unknown {
    if (name === "rowIndex") return area.top;
    if (name === "columnIndex") return area.left;
    if (name === "rowCount") return area.rows;
    if (name === "columnCount") return area.columns;
    if (name === "address") return qualified(sheet.name, area);
    return this.book.read(sheet, area, name);
  }

  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }
  get address(): string {
    return this.loadedValue("address");
  }
  get values(): unknown[][] {
    return this.loadedValue("values");
  }
  set values(input: unknown[][]) {
    this.set("values", input);
  }
  get valueTypes(): unknown[][] {
    return this.loadedValue("valueTypes");
  }
  get formulas(): unknown[][] {
    return this.loadedValue("formulas");
  }
  set formulas(input: unknown[][]) {
    this.set("formulas", input);
  }
  get formulasR1C1(): unknown[][] {
    return this.loadedValue("formulasR1C1");
  }
  set formulasR1C1(input: unknown[][]) {
    this.set("formulasR1C1", input);
  }
  get numberFormat(): unknown[][] {
    return this.loadedValue("numberFormat");
  }
  set numberFormat(input: unknown[][]) {
    this.set("numberFormat", input);
  }

  private set(property: string, input: unknown): void {
    this.later(({ sheet, area }) => this.book.write(sheet, area, property, input), bytesOf(input));
  }

  /** A range relative to this one, resolved when its creation runs. */
  private derived(area: (own: Area) => Area): RangeProxy {
    return new RangeProxy(this.context, () => ({
      sheet: this.live.sheet,
      area: area(this.live.area),
    }));
  }

  getCell(row: number, column: number): RangeProxy {
    return this.derived((own) => ({
      top: own.top + row,
      left: own.left + column,
      rows: 1,
      columns: 1,
    }));
  }
  getRow(row: number): RangeProxy {
    return this.derived((own) => ({ ...own, top: own.top + row, rows: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derived((own) => {
      if (own.rows + deltaRows < 1 || own.columns + deltaColumns < 1)
        fail("InvalidArgument", "a range resized to nothing");
      return { ...own, rows: own.rows + deltaRows, columns: own.columns + deltaColumns };
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, () => {
      const { sheet, area } = this.live;
      const areas = sheet.merged.filter((m) => overlaps(m, area));
      if (areas.length > 512) fail("GeneralException", "more than 512 merged areas");
      return areas.length ? { sheet, areas } : null;
    });
  }

  clear(applyTo = "All"): void {
    this.later(({ sheet, area }) => this.book.clear(sheet, area, applyTo));
  }

  /** Excel's merge: one area (across = false), replacing merged areas inside it. */
  merge(across = false): void {
    if (across) fail("InvalidArgument", "merge across is not in this fake");
    this.later(({ sheet, area }) => {
      sheet.merged = sheet.merged.filter((m) => !overlaps(m, area));
      sheet.merged.push(area);
    });
  }

  get format() {
    return rangeFormat((apply) => this.later(apply));
  }

  get conditionalFormats() {
    return conditionalFormats((apply) => this.later(apply));
  }
}

class RangeAreasProxy extends ClientObject<{ sheet: Sheet; areas: Area[] }> {
  protected property({ sheet, areas }: { sheet: Sheet; areas: Area[] }, name: string): unknown {
    if (name === "address") return areas.map((area) => qualified(sheet.name, area)).join(", ");
    return fail("PropertyNotFound", `RangeAreas has no property ${name} in this fake`);
  }
  get address(): string {
    return this.loadedValue("address");
  }
}

export class WorksheetProxy extends ClientObject<Sheet> {
  protected property(sheet: Sheet, name: string): unknown {
    if (name === "name") return sheet.name;
    if (name === "position") return this.book.position(sheet);
    if (name === "visibility") return sheet.layout.visibility;
    return fail("PropertyNotFound", `Worksheet has no property ${name} in this fake`);
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(name: string) {
    this.later((sheet) => this.book.renameSheet(sheet, name));
  }
  get position(): number {
    return this.loadedValue("position");
  }
  set position(position: number) {
    this.later((sheet) => this.book.moveSheet(sheet, position));
  }
  get visibility(): string {
    return this.loadedValue("visibility");
  }
  set visibility(visibility: "Visible" | "Hidden" | "VeryHidden") {
    this.later((sheet) => this.book.setVisibility(sheet, visibility));
  }
  set tabColor(colour: string) {
    this.later((sheet) => (sheet.layout.tabColor = colour));
  }
  delete(): void {
    this.later((sheet) => this.book.deleteSheet(sheet));
  }
  activate(): void {
    this.later(() => undefined);
  }
  get pageLayout() {
    return pageLayout((apply) => this.later(apply));
  }
  get charts() {
    return charts((apply) => this.later(apply));
  }
  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.context, () => ({ sheet: this.live, area: parseAddress(address) }));
  }
  getRangeByIndexes(top: number, left: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (rows < 1 || columns < 1 || top < 0 || left < 0) fail("InvalidArgument", "an empty range");
      return { sheet: this.live, area: { top, left, rows, columns } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const area = this.book.usedArea(this.live, valuesOnly);
      return area && { sheet: this.live, area };
    });
  }
}

export class TableProxy extends ClientObject<TableInfo> {
  private sheetProxy?: WorksheetProxy;

  protected property(info: TableInfo, name: string): unknown {
    if (name === "name") return info.name;
    return fail("PropertyNotFound", `Table has no property ${name} in this fake`);
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(name: string) {
    this.later((info) => this.book.renameTable(info, name));
  }
  get columns(): {
    getItemOrNullObject(name: string): TableColumnProxy;
    getItem(name: string): TableColumnProxy;
  } {
    const column = (name: string, missing: () => null) =>
      new TableColumnProxy(this.context, () => {
        const info = this.live;
        const sheet = this.book.sheet(info.sheet);
        const index = this.book
          .read(sheet, { ...info, rows: 1 }, "values")[0]
          .findIndex((header) => lower(String(header)) === lower(name));
        return index < 0 ? missing() : { info, index };
      });
    return {
      getItemOrNullObject: (name) => column(name, () => null),
      getItem: (name) => column(name, () => fail("ItemNotFound", `no column ${name}`)),
    };
  }
  get worksheet(): WorksheetProxy {
    this.sheetProxy ??= new WorksheetProxy(this.context, () => this.book.sheet(this.live.sheet));
    return this.sheetProxy;
  }
  private part(area: (info: TableInfo) => Area): RangeProxy {
    return new RangeProxy(this.context, () => ({
      sheet: this.book.sheet(this.live.sheet),
      area: area(this.live),
    }));
  }
  getRange(): RangeProxy {
    return this.part((info) => ({ ...info }));
  }
  getHeaderRowRange(): RangeProxy {
    return this.part((info) => ({ ...info, rows: 1 }));
  }
  getDataBodyRange(): RangeProxy {
    return this.part((info) => ({ ...info, top: info.top + 1, rows: info.rows - 1 }));
  }
  resize(range: RangeProxy | string): void {
    const target = typeof range === "string" ? undefined : rangeTarget(range);
    this.later((info) => {
      const { sheet, area } = target ? target() : addressed(this.book, range as string, info.sheet);
      this.book.resizeTable(info, sheet, area);
    });
  }
}

class TableColumnProxy extends ClientObject<{ info: TableInfo; index: number }> {
  protected property({ info, index }: { info: TableInfo; index: number }, name: string): unknown {
    if (name === "index") return index;
    if (name === "name")
      return this.book.read(this.book.sheet(info.sheet), { ...info, rows: 1 }, "values")[0][index];
    return fail("PropertyNotFound", `TableColumn has no property ${name} in this fake`);
  }
  get index(): number {
    return this.loadedValue("index");
  }
  get name(): string {
    return this.loadedValue("name");
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { info, index } = this.live;
      const area = { top: info.top + 1, left: info.left + index, rows: info.rows - 1, columns: 1 };
      return { sheet: this.book.sheet(info.sheet), area };
    });
  }
}

/** The run-time target of a range proxy handed to another call. */
export const rangeTarget = (range: RangeProxy) => () =>
  (range as unknown as { live: RangeTarget }).live;

export function addressed(book: FakeWorkbook, address: string, defaultSheet?: string): RangeTarget {
  const { sheet, ...area } = parseAddress(address);
  const name = sheet ?? defaultSheet ?? fail("InvalidArgument", `${address} names no sheet`);
  return { sheet: book.sheet(name), area };
}
