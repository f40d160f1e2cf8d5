/**
 * The workbook object of the fake Excel's request context (fakeExcelApi.ts): its tables and
 * worksheets collections, which hand out the proxies that queue calls until sync.
 */
import {
  FakeContext,
  RangeProxy,
  TableProxy,
  WorksheetProxy,
  addressed,
  rangeTarget,
} from "./fakeExcelApi";
import { bytesOf, fail } from "./fakeExcelCells";

export class WorkbookApi {
  readonly tables: {
    getItemOrNullObject(name: string): TableProxy;
    getItem(name: string): TableProxy;
    add(range: RangeProxy | string, hasHeaders: boolean): TableProxy;
    load(properties: string): void;
    readonly items: { name: string; worksheet: { name: string } }[];
  };
  readonly worksheets: {
    getItemOrNullObject(name: string): WorksheetProxy;
    getItem(name: string): WorksheetProxy;
    add(name: string): WorksheetProxy;
    load(properties: string): void;
    readonly items: { name: string; position: number; visibility: string }[];
  };

  constructor(context: FakeContext) {
    const book = context.book;
    let items: { name: string; worksheet: { name: string } }[] | undefined;
    const find = (name: string) => () => book.tableInfo(name) ?? null;
    this.tables = {
      getItemOrNullObject: (name) => new TableProxy(context, find(name)),
      getItem: (name) =>
        new TableProxy(
          context,
          () => book.tableInfo(name) ?? fail("ItemNotFound", `no table ${name}`)
        ),
      add: (range, hasHeaders) => {
        if (!hasHeaders) fail("NotImplemented", "tables without headers");
        const target =
          typeof range === "string" ? () => addressed(book, range) : rangeTarget(range);
        return new TableProxy(context, () => {
          const { sheet, area } = target();
          return book.createTable(sheet, area);
        });
      },
      load: () =>
        context.enqueue(() => {
          const loaded = book
            .tableNames()
            .map((t) => ({ name: t.name, worksheet: { name: t.sheet } }));
          context.responseBytes += bytesOf(loaded);
          items = loaded;
        }),
      get items() {
        return items ?? fail("PropertyNotLoaded", "items");
      },
    };
    let sheetItems: { name: string; position: number; visibility: string }[] | undefined;
    this.worksheets = {
      load: () =>
        context.enqueue(() => {
          const loaded = book.sheetNames().map((name, position) => ({
            name,
            position,
            visibility: book.sheet(name).layout.visibility,
          }));
          context.responseBytes += bytesOf(loaded);
          sheetItems = loaded;
        }),
      get items() {
        return sheetItems ?? fail("PropertyNotLoaded", "items");
      },
      getItemOrNullObject: (name) =>
        new WorksheetProxy(context, () => (book.hasSheet(name) ? book.sheet(name) : null)),
      getItem: (name) => new WorksheetProxy(context, () => book.sheet(name)),
      add: (name) =>
        new WorksheetProxy(context, () => {
          book.addSheet(name);
          return book.sheet(name);
        }),
    };
  }
}
