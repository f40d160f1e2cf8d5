/* eslint-disable @typescript-eslint/no-this-alias -- the fake hands out proxies that call back into their workbook */
/**
 * An in-memory stand-in for the slice of the Excel JavaScript API the Office adapter uses
 * (tables, worksheets, ranges by index, values, number formats, resize), plugged into
 * office-addin-mock's Excel.run/context. Writes apply at once rather than at sync; what
 * the tests measure is how the adapter batches its work into syncs.
 */
import type { OfficeMockObject as MockObject } from "office-addin-mock";

type Cell = string | number | boolean | null;

interface Grid {
  cells: Map<string, Cell>;
  formats: Map<string, string>;
}

interface TableInfo {
  name: string;
  sheet: string;
  top: number;
  left: number;
  rows: number;
  columns: number;
}

const key = (r: number, c: number) => `${r},${c}`;

function parseAddress(address: string): {
  sheet?: string;
  top: number;
  left: number;
  rows: number;
  columns: number;
} {
  const match = /^(?:'((?:[^']|'')+)'!)?([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address);
  if (!match) throw new Error(`fake Excel cannot read address ${address}`);
  const col = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(match[3]) - 1;
  const left = col(match[2]);
  return {
    sheet: match[1]?.replace(/''/g, "'"),
    top,
    left,
    rows: Number(match[5]) - top,
    columns: col(match[4]) - left + 1,
  };
}

export class FakeWorkbook {
  readonly sheets = new Map<string, Grid>();
  readonly tables = new Map<string, TableInfo>();

  range(sheet: string, top: number, left: number, rows: number, columns: number) {
    const grid = this.sheets.get(sheet)!;
    const workbook = this;
    return {
      rowIndex: top,
      columnIndex: left,
      rowCount: rows,
      columnCount: columns,
      load() {},
      untrack() {},
      get values(): Cell[][] {
        return Array.from({ length: rows }, (_, r) =>
          Array.from({ length: columns }, (_, c) => grid.cells.get(key(top + r, left + c)) ?? "")
        );
      },
      set values(values: Cell[][]) {
        values.forEach((line, r) =>
          line.forEach((value, c) => {
            const at = key(top + r, left + c);
            // Excel: text in a cell formatted "@" stays text; otherwise "=…" would become a formula.
            if (typeof value === "string" && value.startsWith("=") && grid.formats.get(at) !== "@")
              throw new Error(`formula written: ${value}`);
            grid.cells.set(at, value === null ? null : value);
          })
        );
      },
      set numberFormat(format: string | string[][]) {
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < columns; c++)
            grid.formats.set(
              key(top + r, left + c),
              typeof format === "string" ? format : format[r][c]
            );
      },
      format(r: number, c: number) {
        return grid.formats.get(key(top + r, left + c));
      },
      getRow(index: number) {
        return workbook.range(sheet, top + index, left, 1, columns);
      },
      getResizedRange(deltaRows: number, deltaColumns: number) {
        return workbook.range(sheet, top, left, rows + deltaRows, columns + deltaColumns);
      },
      clear() {
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < columns; c++) grid.cells.delete(key(top + r, left + c));
      },
    };
  }

  private tableProxy(name: string) {
    const workbook = this;
    const info = this.tables.get(name);
    return {
      isNullObject: !info,
      load() {},
      getRange: () => workbook.range(info!.sheet, info!.top, info!.left, info!.rows, info!.columns),
      resize(range: {
        rowIndex: number;
        columnIndex: number;
        rowCount: number;
        columnCount: number;
      }) {
        Object.assign(info!, {
          top: range.rowIndex,
          left: range.columnIndex,
          rows: range.rowCount,
          columns: range.columnCount,
        });
      },
    };
  }

  private sheetProxy(name: string) {
    const workbook = this;
    return {
      isNullObject: !this.sheets.has(name),
      load() {},
      getRangeByIndexes: (top: number, left: number, rows: number, columns: number) =>
        workbook.range(name, top, left, rows, columns),
      getRange(address: string) {
        const a = parseAddress(address);
        return workbook.range(name, a.top, a.left, a.rows, a.columns);
      },
    };
  }

  /** The workbook part of a request context. */
  private workbookApi() {
    const workbook = this;
    return {
      tables: {
        getItemOrNullObject: (name: string) => workbook.tableProxy(name),
        add(address: string) {
          const a = parseAddress(address);
          const info: TableInfo = {
            name: "",
            sheet: a.sheet!,
            top: a.top,
            left: a.left,
            rows: a.rows,
            columns: a.columns,
          };
          return {
            set name(value: string) {
              info.name = value;
              workbook.tables.set(value, info);
            },
          };
        },
      },
      worksheets: {
        getItemOrNullObject: (name: string) => workbook.sheetProxy(name),
        add(name: string) {
          workbook.sheets.set(name, { cells: new Map(), formats: new Map() });
          return workbook.sheetProxy(name);
        },
      },
    };
  }

  /** A plain Excel.run over this workbook, for benchmarks (no jest, no office-addin-mock). */
  plainRun(): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
    const context = {
      workbook: this.workbookApi(),
      sync: async () => undefined,
    } as unknown as Excel.RequestContext;
    return (batch) => batch(context);
  }

  /** office-addin-mock's Excel object, whose context.workbook is this fake. */
  excel(): {
    run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
    context: { sync(): Promise<void> };
  } {
    // Loaded here, not at the top: plain Node (the benchmarks) cannot load its dependencies.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OfficeMockObject } = require("office-addin-mock") as {
      OfficeMockObject: typeof MockObject;
    };
    const mock = new OfficeMockObject({
      context: { workbook: this.workbookApi() },
      run: async function (
        this: { context: Excel.RequestContext },
        batch: (context: Excel.RequestContext) => Promise<unknown>
      ) {
        return batch(this.context);
      },
    }) as unknown as {
      run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
      context: { sync(): Promise<void> };
    };
    return mock;
  }
}
