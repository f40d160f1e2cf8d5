/**
 * Recalculates the PLAN formulas of a workbook file outside Excel, so that every reader (Excel
 * without the add-in, LibreOffice, a viewer, the executive opening the shared file) shows their
 * figures: each PLAN formula cell is evaluated with the add-in's own functions and written
 * back as Excel saves it — the calls under their `_xldudf_` names (planCalls.ts), the result
 * cached in <v>, a result of several cells as a dynamic array (`cm` and xl/metadata.xml,
 * dynamicArrays.ts) with its spill cells written, or #SPILL! when a cell in the way holds
 * something. Cells it cannot evaluate are listed with the reason and keep what they held;
 * every other cell keeps its bytes.
 */
import type { Worded } from "../../domain/problem";
import { sheetRef } from "../report";
import { Cell, ExcelError, Unevaluable, Value, evaluateFormula } from "../formulas/evaluate";
import { callsPlan, storedFormula } from "../formulas/planCalls";
import { recalcProblem } from "../formulas/recalcProblems";
import { Area, address, formatArea, overlaps, parseArea, contains } from "./cellRef";
import { valueCellXml } from "./cells";
import { dynamicArrayMetadata } from "./dynamicArrays";
import { FormulaCell, SheetCells, WorkbookCells, referencesOn, sheetsOf } from "./formulaCells";
import { RowWrite, locateSheetData, patchSheet } from "./sheetData";
import type { WorkbookFile } from "./workbookFile";
import { encodeExcelText, escapeText } from "./xml";

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

export interface RecalcCell {
  sheet: string;
  /** The cell's address with its sheet, as a formula would name it ('Plan'!B4). */
  cell: string;
}

export interface RecalcReport {
  /** PLAN formula cells evaluated and written with their values. */
  evaluated: number;
  /** Of those, results that spill over several cells. */
  spilled: number;
  /**
   * Results that could not spill (#SPILL!), each with what stands in the way: `by` is the
   * first cell holding something, a merged area or a table's range, or absent when the
   * result would run past the sheet's last row or column.
   */
  blocked: (RecalcCell & { by?: string })[];
  /** PLAN formula cells left as they were, and why. */
  unevaluable: (RecalcCell & { said: Worded })[];
  /** Whether the file changed. */
  changed: boolean;
}

interface Anchor extends FormulaCell {
  sheet: SheetCells;
  /** The cells its last result spilled over, as stored (empty for a one-cell result). */
  oldSpill?: Area;
  state: "waiting" | "evaluating" | "done";
  result?: Value;
  problem?: Worded;
  /** Where the new result goes: the anchor alone, or its spill area. */
  spill?: Area;
  blocked?: boolean;
  /** What stands in the way of a blocked spill (an address or range), when it is on the sheet. */
  blockedBy?: string;
}

const isGrid = (value: Value | undefined): value is Cell[][] => Array.isArray(value);
/** A sheet's name as a formula writes it: quoted only when it must be. */
const sheetInFormula = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : sheetRef(name);
const cellAt = (anchor: Anchor) => ({
  sheet: anchor.sheet.name,
  cell: `${sheetInFormula(anchor.sheet.name)}!${address(anchor.row, anchor.column)}`,
});
const areaOfCell = (row: number, column: number): Area => ({
  top: row,
  bottom: row,
  left: column,
  right: column,
});

/** Evaluates and rewrites the PLAN formulas of the workbook (or of the sheets named). */
export async function recalculatePlanFormulas(
  file: WorkbookFile,
  sheetNames?: readonly string[]
): Promise<RecalcReport> {
  const open = sheetsOf(file);
  const anchors = new Map<SheetCells, Anchor[]>();
  const anchorsOf = async (sheet: SheetCells) => {
    let found = anchors.get(sheet);
    if (!found) {
      found = sheet.formulas
        .filter((f) => callsPlan(f.formula))
        .map((f) => {
          const ref = f.attrs.t === "array" && f.attrs.ref ? parseArea(f.attrs.ref) : undefined;
          const single = !ref || (ref.top === ref.bottom && ref.left === ref.right);
          return { ...f, sheet, state: "waiting" as const, ...(single ? {} : { oldSpill: ref }) };
        });
      anchors.set(sheet, found);
    }
    return found;
  };
  const book: WorkbookCells = {
    sheet: open,
    tables: () => file.book.tables(),
    definedNames: file.book.definedNames,
    sheetIndex: (name) => file.book.sheets.findIndex((s) => s.name === name),
    async beforeRead(sheet, area) {
      for (const anchor of await anchorsOf(sheet)) {
        const inside =
          contains(area, anchor.row, anchor.column) ||
          (anchor.oldSpill !== undefined && overlaps(anchor.oldSpill, area));
        if (inside && anchor.state === "evaluating")
          throw new Unevaluable(recalcProblem("circular", { cell: cellAt(anchor).cell }));
        // A result above and to the left may spill into the area: it is worked out first.
        const mayReach = anchor.row <= area.bottom && anchor.column <= area.right;
        if (anchor.state === "waiting" && (inside || mayReach)) await evaluate(anchor);
      }
    },
    computed(sheet, row, column) {
      for (const anchor of anchors.get(sheet) ?? []) {
        if (anchor.state !== "done" || anchor.problem) continue;
        if (anchor.row === row && anchor.column === column)
          return isGrid(anchor.result) ? anchor.result[0][0] : anchor.result;
        if (anchor.spill && contains(anchor.spill, row, column) && isGrid(anchor.result))
          return anchor.blocked
            ? undefined
            : anchor.result[row - anchor.row][column - anchor.column];
        // A spill that is gone leaves its cells empty.
        if (anchor.oldSpill && contains(anchor.oldSpill, row, column)) return null;
      }
      return undefined;
    },
  };

  async function evaluate(anchor: Anchor): Promise<void> {
    anchor.state = "evaluating";
    try {
      anchor.result = await evaluateFormula(anchor.formula, referencesOn(anchor.sheet, book));
      const tables = (await file.book.tables())
        .filter((t) => t.sheetPart === anchor.sheet.part)
        .map((t) => t.area);
      placeSpill(anchor, anchors.get(anchor.sheet) ?? [], tables);
    } catch (error) {
      if (!(error instanceof Unevaluable)) throw error;
      anchor.problem = error.said;
    }
    anchor.state = "done";
  }

  const names = sheetNames ?? file.book.sheets.filter((s) => s.part).map((s) => s.name);
  for (const name of names) {
    const sheet = await open(name);
    if (!sheet) continue;
    for (const anchor of await anchorsOf(sheet))
      if (anchor.state === "waiting") await evaluate(anchor);
  }
  return writeResults(file, anchors);
}

/** Where a result goes, and whether anything stands in its way (tables, merges, other cells). */
function placeSpill(anchor: Anchor, neighbours: readonly Anchor[], tables: readonly Area[]): void {
  const result = anchor.result;
  if (!isGrid(result)) return;
  const rows = result.length;
  const columns = Math.max(...result.map((r) => r.length));
  for (const row of result) while (row.length < columns) row.push(new ExcelError("#N/A"));
  const spill = {
    top: anchor.row,
    left: anchor.column,
    bottom: anchor.row + rows - 1,
    right: anchor.column + columns - 1,
  };
  anchor.spill = spill;
  if (spill.bottom > MAX_ROW || spill.right > MAX_COLUMN) {
    anchor.blocked = true;
    return;
  }
  const sheet = anchor.sheet;
  const own = (r: number, c: number) =>
    anchor.oldSpill !== undefined && contains(anchor.oldSpill, r, c);
  const taken = (r: number, c: number) =>
    neighbours.some(
      (n) =>
        n !== anchor &&
        ((n.row === r && n.column === c) ||
          (n.state === "done" && !n.blocked && n.spill && contains(n.spill, r, c)))
    );
  for (let r = spill.top; r <= spill.bottom && !anchor.blocked; r++)
    for (let c = spill.left; c <= spill.right; c++) {
      if (r === anchor.row && c === anchor.column) continue;
      if ((sheet.holds(r, c) && !own(r, c)) || taken(r, c)) {
        anchor.blocked = true;
        anchor.blockedBy = address(r, c);
        break;
      }
    }
  const area = anchor.blocked
    ? undefined
    : [...sheet.merges, ...tables].find((m) => overlaps(m, spill));
  if (area) {
    anchor.blocked = true;
    anchor.blockedBy = formatArea(area);
  }
}

/** A cached result as the anchor's <v> (with its cell type), or a spill cell's XML. */
function valueParts(value: Cell): { type: string; v: string } {
  if (value instanceof ExcelError) return { type: ` t="e"`, v: `<v>${escapeText(value.code)}</v>` };
  if (typeof value === "number")
    return { type: "", v: `<v>${String(Object.is(value, -0) ? 0 : value)}</v>` };
  if (typeof value === "boolean") return { type: ` t="b"`, v: `<v>${value ? 1 : 0}</v>` };
  return { type: ` t="str"`, v: `<v>${encodeExcelText(value ?? "")}</v>` };
}

function anchorXml(anchor: Anchor, cm: number | undefined): string {
  const ref = address(anchor.row, anchor.column);
  const s = anchor.style ? ` s="${anchor.style}"` : "";
  const text = escapeText(storedFormula(anchor.formula));
  const result = anchor.result!;
  if (!isGrid(result)) {
    const { type, v } = valueParts(result);
    return `<c r="${ref}"${s}${type}><f>${text}</f>${v}</c>`;
  }
  const first = anchor.blocked ? new ExcelError("#SPILL!") : result[0][0];
  const area = anchor.blocked ? areaOfCell(anchor.row, anchor.column) : anchor.spill!;
  const { type, v } = valueParts(first);
  return `<c r="${ref}"${s}${type} cm="${cm}"><f t="array" ref="${formatArea(area)}">${text}</f>${v}</c>`;
}

/** A spill cell as Excel writes one: the array's value, typed as a formula result (str, e, b). */
function spillCellXml(ref: string, style: string | undefined, value: Cell): string {
  if (value === null) return valueCellXml(ref, style, null);
  const { type, v } = valueParts(value);
  return `<c r="${ref}"${style ? ` s="${style}"` : ""}${type}>${v}</c>`;
}

/** Writes every evaluated anchor, its spill cells, and empties the cells of spills that shrank. */
async function writeResults(
  file: WorkbookFile,
  anchors: Map<SheetCells, Anchor[]>
): Promise<RecalcReport> {
  const report: RecalcReport = {
    evaluated: 0,
    spilled: 0,
    blocked: [],
    unevaluable: [],
    changed: false,
  };
  const all = [...anchors.values()].flat();
  const cm = all.some((a) => !a.problem && isGrid(a.result))
    ? await dynamicArrayMetadata(file)
    : undefined;
  for (const [sheet, list] of anchors) {
    const cells = new Map<number, Map<number, string>>();
    const put = (row: number, column: number, xml: string) => {
      if (!cells.has(row)) cells.set(row, new Map());
      cells.get(row)!.set(column, xml);
    };
    const styleAt = (row: number, column: number) => sheet.cellXml.get(row)?.get(column)?.style;
    for (const anchor of list) {
      if (anchor.problem) {
        report.unevaluable.push({ ...cellAt(anchor), said: anchor.problem });
        continue;
      }
      report.evaluated++;
      put(anchor.row, anchor.column, anchorXml(anchor, cm));
      if (anchor.blocked) report.blocked.push({ ...cellAt(anchor), by: anchor.blockedBy });
      const spill = !anchor.blocked && isGrid(anchor.result) ? anchor.spill : undefined;
      if (spill) {
        report.spilled++;
        for (let r = spill.top; r <= spill.bottom; r++)
          for (let c = spill.left; c <= spill.right; c++)
            if (r !== anchor.row || c !== anchor.column)
              put(
                r,
                c,
                spillCellXml(
                  address(r, c),
                  styleAt(r, c),
                  (anchor.result as Cell[][])[r - anchor.row][c - anchor.column]
                )
              );
      }
      const old = anchor.oldSpill;
      if (old)
        for (let r = old.top; r <= old.bottom; r++)
          for (let c = old.left; c <= old.right; c++) {
            const stays =
              (r === anchor.row && c === anchor.column) || (spill && contains(spill, r, c));
            if (!stays && !cells.get(r)?.has(c))
              put(r, c, valueCellXml(address(r, c), styleAt(r, c), null));
          }
    }
    const writes: RowWrite[] = [];
    for (const row of [...cells.keys()].sort((a, b) => a - b)) {
      const changed = cells.get(row)!;
      const columns = [...changed.keys()];
      const left = Math.min(...columns);
      const right = Math.max(...columns);
      const kept = sheet.cellXml.get(row) ?? new Map();
      let xml = "";
      let differs = false;
      for (let c = left; c <= right; c++) {
        const before = kept.get(c)?.xml ?? "";
        const after = changed.has(c) ? changed.get(c)! : before;
        if (after !== before) differs = true;
        xml += after;
      }
      if (differs) writes.push({ row, left, right, xml });
    }
    if (!writes.length) continue;
    report.changed = true;
    file.writeSheet(sheet.part, patchSheet(locateSheetData(sheet.xml), writes).xml);
  }
  // Formulas changed form (a name, an array): Excel rebuilds the calculation chain.
  if (report.changed) await file.book.dropCalcChain();
  return report;
}
