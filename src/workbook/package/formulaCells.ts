/**
 * A workbook's cells as PLAN formulas read them outside Excel: each worksheet scanned once
 * into its values (cached formula results as Excel saved them) and its formula cells, and
 * the workbook's references (A1 areas, whole columns, tables, defined names) resolved to
 * rows of cells for evaluate.ts. Shared formulas are expanded as Excel fills them.
 */
import {
  AreaRef,
  Cell,
  ExcelError,
  References,
  TableRef,
  Unevaluable,
  Value,
} from "../formulas/evaluate";
import { recalcProblem } from "../formulas/recalcProblems";
import { Area, parseArea } from "./cellRef";
import { ReadContext, storedContent } from "./cells";
import { shiftFormula } from "./formulaShift";
import { CellSpan, cellsOf, childText, eachRow, formulaAttrs, mergedAreas } from "./sheetData";
import type { TablePart } from "./tablePart";
import type { WorkbookFile } from "./workbookFile";

const { max, min } = Math;

/** A cell that holds a formula, as found in the part. */
export interface FormulaCell {
  row: number;
  column: number;
  /** The formula without "=", a shared formula's dependents moved from their master. */
  formula: string;
  /** The <f> element's attributes (t, ref, si). */
  attrs: Record<string, string>;
  /** The cell's style index, kept when it is written again. */
  style?: string;
  /** The cell's XML as it stands. */
  xml: string;
}

/** One worksheet: its values by row and column, its formula cells, its extent and merges. */
export class SheetCells {
  readonly values = new Map<number, Map<number, Cell>>();
  /** Cells that hold something (a value or a formula), by "row,column". */
  readonly formulas: FormulaCell[] = [];
  /** Each row's cells as written, for rows a recalculation rewrites. */
  readonly cellXml = new Map<number, Map<number, { xml: string; style?: string }>>();
  bottom = 0;
  right = 0;
  readonly merges: Area[];

  constructor(
    readonly name: string,
    readonly part: string,
    readonly xml: string,
    sheet: Parameters<typeof cellsOf>[0],
    context: ReadContext
  ) {
    const masters = new Map<string, { row: number; column: number; formula: string }>();
    const dependents: { cell: CellSpan; row: number; si: string; xml: string }[] = [];
    eachRow(sheet, (row) => {
      const values = new Map<number, Cell>();
      const cells = new Map<number, { xml: string; style?: string }>();
      for (const cell of cellsOf(sheet, row)) {
        const xml = sheet.xml.slice(cell.from, cell.to);
        cells.set(cell.column, { xml, ...(cell.style ? { style: cell.style } : {}) });
        if (cell.innerTo <= cell.innerFrom) continue;
        const content = storedContent(sheet, cell, context);
        const value: Cell =
          content.kind === "error" ? new ExcelError(String(content.value)) : content.value;
        if (value !== null) values.set(cell.column, value);
        const formula = childText(sheet, cell, "f");
        if (formula !== undefined || value !== null) {
          this.bottom = max(this.bottom, row.row);
          this.right = max(this.right, cell.column);
        }
        if (formula === undefined) continue;
        const attrs = formulaAttrs(sheet, cell) ?? {};
        const base = { row: row.row, column: cell.column, attrs, style: cell.style, xml };
        if (attrs.t === "shared" && attrs.si !== undefined && !formula) {
          dependents.push({ cell, row: row.row, si: attrs.si, xml });
          continue;
        }
        if (attrs.t === "shared" && attrs.si !== undefined)
          masters.set(attrs.si, { row: row.row, column: cell.column, formula });
        this.formulas.push({ ...base, formula });
      }
      if (values.size) this.values.set(row.row, values);
      this.cellXml.set(row.row, cells);
    });
    for (const d of dependents) {
      const master = masters.get(d.si);
      if (!master) continue;
      const attrs = formulaAttrs(sheet, d.cell) ?? {};
      this.formulas.push({
        row: d.row,
        column: d.cell.column,
        formula: shiftFormula(master.formula, d.row - master.row, d.cell.column - master.column),
        attrs,
        style: d.cell.style,
        xml: d.xml,
      });
    }
    this.merges = mergedAreas(sheet);
  }

  value(row: number, column: number): Cell {
    return this.values.get(row)?.get(column) ?? null;
  }

  /** Whether the cell holds anything at all (a value, a formula, text). */
  holds(row: number, column: number): boolean {
    const xml = this.cellXml.get(row)?.get(column)?.xml;
    return xml !== undefined && /<(?:\w+:)?(?:v|f|is)\b/.test(xml);
  }
}

/** What a reference resolver needs of the workbook beyond one sheet. */
export interface WorkbookCells {
  sheet(name: string): Promise<SheetCells | undefined>;
  tables(): Promise<TablePart[]>;
  definedNames: readonly { name: string; localSheetId?: number; formula: string }[];
  sheetIndex(name: string): number;
  /** Called before an area is read, so results that land there are computed first. */
  beforeRead(sheet: SheetCells, area: Area): Promise<void>;
  /** A cell's value as it will be after this recalculation (a computed result or spill), if computed. */
  computed(sheet: SheetCells, row: number, column: number): Cell | undefined;
}

/** Opens the workbook's sheets for reading, each scanned once when first referred to. */
export function sheetsOf(file: WorkbookFile): (name: string) => Promise<SheetCells | undefined> {
  const scanned = new Map<string, Promise<SheetCells | undefined>>();
  return (name) => {
    const entry = file.book.sheet(name);
    if (!entry?.part) return Promise.resolve(undefined);
    const part = entry.part;
    let sheet = scanned.get(part);
    if (!sheet) {
      sheet = (async () => {
        const text = await file.sheet(part);
        return new SheetCells(entry.name, part, text.xml, text, await file.readContext());
      })();
      scanned.set(part, sheet);
    }
    return sheet;
  };
}

const lower = (text: string) => text.toLowerCase();

/** The references of a formula on `home`, read from the workbook. */
export function referencesOn(home: SheetCells, book: WorkbookCells): References {
  const read = async (sheet: SheetCells, area: Area): Promise<Cell[][]> => {
    await book.beforeRead(sheet, area);
    const rows: Cell[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: Cell[] = new Array(area.right - area.left + 1);
      for (let c = area.left; c <= area.right; c++)
        row[c - area.left] = book.computed(sheet, r, c) ?? sheet.value(r, c);
      rows.push(row);
    }
    return rows;
  };
  const sheetNamed = async (name: string | undefined) => {
    if (name === undefined) return home;
    const sheet = await book.sheet(name);
    if (!sheet) throw new Unevaluable(recalcProblem("unknownSheet", { sheet: name }));
    return sheet;
  };
  const area = async (ref: AreaRef): Promise<Cell[][]> => {
    const sheet = await sheetNamed(ref.sheet);
    // A whole column or row is read as far as the sheet has cells, as Excel hands it over.
    const bottom = ref.bottom ?? max(sheet.bottom, ref.top ?? 1);
    const right = ref.right ?? max(sheet.right, ref.left ?? 1);
    return read(sheet, {
      top: min(ref.top ?? 1, bottom),
      left: min(ref.left ?? 1, right),
      bottom: max(ref.top ?? 1, bottom),
      right: max(ref.left ?? 1, right),
    });
  };
  const tablePart = async (name: string) => {
    const table = (await book.tables()).find((t) => lower(t.name) === lower(name));
    if (!table) throw new Unevaluable(recalcProblem("unknownTable", { table: name }));
    return table;
  };
  const table = async (ref: TableRef): Promise<Cell[][]> => {
    const part = await tablePart(ref.table);
    const { area: whole, headerRowCount, totalsRowCount } = part;
    const column = (name: string) => {
      const at = part.columns.findIndex((c) => lower(c.name) === lower(name));
      if (at < 0)
        throw new Unevaluable(recalcProblem("unknownColumn", { table: part.name, column: name }));
      return whole.left + at;
    };
    const columns = ref.columns.map(column);
    const dataTop = whole.top + headerRowCount;
    const dataBottom = whole.bottom - totalsRowCount;
    const rows = { top: dataTop, bottom: dataBottom };
    const sections = new Set(ref.sections.length ? ref.sections : ["data"]);
    if (sections.has("all")) Object.assign(rows, { top: whole.top, bottom: whole.bottom });
    else {
      if (sections.has("headers")) rows.top = whole.top;
      if (sections.has("totals")) rows.bottom = whole.bottom;
      if (sections.has("headers") && !sections.has("data") && !sections.has("totals"))
        rows.bottom = whole.top + headerRowCount - 1;
      if (sections.has("totals") && !sections.has("data") && !sections.has("headers"))
        rows.top = dataBottom + 1;
    }
    const sheet = await sheetNamed(part.sheet);
    return read(sheet, {
      top: rows.top,
      bottom: rows.bottom,
      left: columns.length ? min(...columns) : whole.left,
      right: columns.length ? max(...columns) : whole.right,
    });
  };
  const name = async (text: string): Promise<Value> => {
    const local = book.sheetIndex(home.name);
    const defined =
      book.definedNames.find((d) => lower(d.name) === lower(text) && d.localSheetId === local) ??
      book.definedNames.find((d) => lower(d.name) === lower(text) && d.localSheetId === undefined);
    if (!defined) {
      // A bare table name stands for the table's data.
      if ((await book.tables()).some((t) => lower(t.name) === lower(text)))
        return table({ table: text, columns: [], sections: [] });
      throw new Unevaluable(recalcProblem("unknownName", { name: text }));
    }
    const target = /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(
      defined.formula.trim()
    );
    const at = target && parseArea(target[3].replace(/\$/g, ""));
    if (!target || !at) throw new Unevaluable(recalcProblem("unknownName", { name: text }));
    const sheet = await sheetNamed(target[1]?.replace(/''/g, "'") ?? target[2]);
    return read(sheet, at);
  };
  return { area, table, name };
}
