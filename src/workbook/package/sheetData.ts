/**
 * The rows and cells of a worksheet part (§18.3.1.80 sheetData), scanned as text. A general
 * XML parser would rebuild every cell; this scanner slices rows and cells out of the part so
 * that a patch copies every row and cell it does not change byte for byte, and reading a
 * table touches only the rows it needs. It relies on what the schema guarantees: inside
 * sheetData there are only <row> elements holding <c> elements, and "<" never occurs in text.
 */
import { Area, formatArea, parseArea, splitAddress } from "./cellRef";
import { decodeEntities, decodeExcelText } from "./xml";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { max, min } = Math;

export interface SheetText {
  xml: string;
  /** The element prefix the part uses ("" for Excel's default namespace, "x:" otherwise). */
  prefix: string;
  /** Offsets of sheetData's content (between its tags); both at the tag when it is self-closed. */
  start: number;
  end: number;
  selfClosed: boolean;
}

export function locateSheetData(xml: string): SheetText {
  const match = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!match) throw new Error("the worksheet has no sheetData");
  const prefix = match[1] ?? "";
  const start = match.index + match[0].length;
  if (match[2] === "/") return { xml, prefix, start: match.index, end: start, selfClosed: true };
  const end = xml.indexOf(`</${prefix}sheetData>`, start);
  if (end < 0) throw new Error("the worksheet's sheetData is not closed");
  return { xml, prefix, start, end, selfClosed: false };
}

export interface RowSpan {
  row: number;
  /** Offsets of the whole <row> element and of its content. */
  from: number;
  to: number;
  innerFrom: number;
  innerTo: number;
  /** The start tag's attributes, as written. */
  attrs: string;
}

/** An element's place in the part: the whole element, its content, and its start tag's attributes. */
interface ElementSpan {
  from: number;
  to: number;
  innerFrom: number;
  innerTo: number;
  attrs: string;
}

/** The next <local> element starting at or after `from` and before `limit` (not a longer name such as <rowBreaks>). */
function nextElement(
  xml: string,
  prefix: string,
  local: string,
  from: number,
  limit: number
): ElementSpan | undefined {
  const open = `<${prefix}${local}`;
  let at = xml.indexOf(open, from);
  while (at >= 0 && at < limit) {
    const next = xml.charCodeAt(at + open.length);
    if (next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13) {
      const tagEnd = xml.indexOf(">", at);
      const selfClosed = xml.charCodeAt(tagEnd - 1) === 47;
      const attrs = xml.slice(at + open.length, selfClosed ? tagEnd - 1 : tagEnd);
      const innerFrom = tagEnd + 1;
      if (selfClosed) return { from: at, to: innerFrom, innerFrom, innerTo: innerFrom, attrs };
      const close = `</${prefix}${local}>`;
      const innerTo = xml.indexOf(close, innerFrom);
      return { from: at, to: innerTo + close.length, innerFrom, innerTo, attrs };
    }
    at = xml.indexOf(open, at + 1);
  }
  return undefined;
}

/** Calls `visit` for each row in order; rows without an r attribute are numbered as Excel would. */
export function eachRow(sheet: SheetText, visit: (row: RowSpan) => boolean | void): void {
  if (sheet.selfClosed) return;
  let previous = 0;
  for (
    let span = nextElement(sheet.xml, sheet.prefix, "row", sheet.start, sheet.end);
    span;
    span = nextElement(sheet.xml, sheet.prefix, "row", span.to, sheet.end)
  ) {
    const r = /\br="(\d+)"/.exec(span.attrs);
    const row = r ? Number(r[1]) : previous + 1;
    previous = row;
    if (visit({ row, ...span }) === false) return;
  }
}

export interface CellSpan {
  column: number;
  from: number;
  to: number;
  /** Attributes of the <c> tag. */
  style?: string;
  type?: string;
  /** Whether the cell is part of a dynamic array (cm) or has value metadata (vm). */
  metadata: boolean;
  /** Offsets of the content (between the tags); equal when self-closed. */
  innerFrom: number;
  innerTo: number;
}

/** The cells of one row, in order. */
export function cellsOf(sheet: SheetText, row: RowSpan): CellSpan[] {
  const cells: CellSpan[] = [];
  let previous = 0;
  for (
    let span = nextElement(sheet.xml, sheet.prefix, "c", row.innerFrom, row.innerTo);
    span;
    span = nextElement(sheet.xml, sheet.prefix, "c", span.to, row.innerTo)
  ) {
    const tag = span.attrs;
    let column = previous + 1;
    let style: string | undefined;
    let type: string | undefined;
    let metadata = false;
    // Attributes read by hand: a regular expression per cell costs more than the rest of the read.
    for (let i = tag.indexOf('="'); i > 0; i = tag.indexOf('="', i + 2)) {
      let nameStart = i;
      while (nameStart > 0 && tag.charCodeAt(nameStart - 1) > 32) nameStart--;
      const name = tag.slice(nameStart, i);
      const end = tag.indexOf('"', i + 2);
      if (end < 0) break;
      const value = tag.slice(i + 2, end);
      if (name === "r") column = splitAddress(value)?.column ?? column;
      else if (name === "s") style = value;
      else if (name === "t") type = value;
      else if (name === "cm" || name === "vm") metadata = true;
      i = end - 1;
    }
    previous = column;
    const { from, to, innerFrom, innerTo } = span;
    cells.push({ column, from, to, style, type, metadata, innerFrom, innerTo });
  }
  return cells;
}

/** The text of a child element (<v>, <f>) of a cell, entity-decoded; undefined when absent. */
export function childText(sheet: SheetText, cell: CellSpan, local: "v" | "f"): string | undefined {
  if (cell.innerTo <= cell.innerFrom) return undefined;
  // Searched within the cell only: a search of the rest of the part for a missing <f> would
  // make reading a sheet quadratic.
  const inner = sheet.xml.slice(cell.innerFrom, cell.innerTo);
  const open = `<${sheet.prefix}${local}`;
  let at = inner.indexOf(open);
  while (at >= 0) {
    const next = inner.charCodeAt(at + open.length);
    if (next === 32 || next === 62 || next === 47) break;
    at = inner.indexOf(open, at + 1);
  }
  if (at < 0) return undefined;
  const tagEnd = inner.indexOf(">", at);
  if (inner.charCodeAt(tagEnd - 1) === 47) return "";
  const close = inner.indexOf(`</${sheet.prefix}${local}>`, tagEnd);
  return decodeEntities(inner.slice(tagEnd + 1, close));
}

/** The attributes of a cell's <f> element (t, ref, si), when it has one. */
export function formulaAttrs(sheet: SheetText, cell: CellSpan): Record<string, string> | undefined {
  const { xml, prefix } = sheet;
  const match = new RegExp(`<${prefix}f\\b([^>]*?)/?>`).exec(
    xml.slice(cell.innerFrom, cell.innerTo)
  );
  if (!match) return undefined;
  const found: Record<string, string> = {};
  for (const m of match[1].matchAll(/\b(\w+)="([^"]*)"/g)) found[m[1]] = m[2];
  return found;
}

/**
 * The text of a rich or plain string item (<si> in shared strings, <is> in a cell): its <t>
 * runs joined, phonetic guides (<rPh>) left out, Excel's _xHHHH_ escapes decoded.
 */
export function stringItemText(inner: string): string {
  const withoutPhonetic = inner.includes("rPh")
    ? inner.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, "")
    : inner;
  let text = "";
  const runs = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (let m = runs.exec(withoutPhonetic); m; m = runs.exec(withoutPhonetic)) text += m[1];
  return decodeExcelText(decodeEntities(text));
}

export function inlineText(sheet: SheetText, cell: CellSpan): string {
  return stringItemText(sheet.xml.slice(cell.innerFrom, cell.innerTo));
}

/** Whether a cell holds anything (a value, a formula or text); a cell with only a style does not. */
export const holdsSomething = (sheet: SheetText, cell: CellSpan) =>
  cell.innerTo > cell.innerFrom &&
  (childText(sheet, cell, "v") !== undefined ||
    childText(sheet, cell, "f") !== undefined ||
    sheet.xml.slice(cell.innerFrom, cell.innerTo).includes("is>"));

/** The merged ranges of the sheet (mergeCells follows sheetData). */
export function mergedAreas(sheet: SheetText): Area[] {
  const tail = sheet.xml.slice(sheet.end);
  const found: Area[] = [];
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]*)"/g)) {
    const area = parseArea(m[1]);
    if (area) found.push(area);
  }
  return found;
}

/** The sheet's used range: from its dimension when it has one, else from its cells. */
export function usedArea(sheet: SheetText): Area | undefined {
  let area: Area | undefined;
  eachRow(sheet, (row) => {
    for (const cell of cellsOf(sheet, row)) {
      if (!holdsSomething(sheet, cell)) continue;
      area = area
        ? {
            top: min(area.top, row.row),
            bottom: max(area.bottom, row.row),
            left: min(area.left, cell.column),
            right: max(area.right, cell.column),
          }
        : { top: row.row, bottom: row.row, left: cell.column, right: cell.column };
    }
  });
  return area;
}

/** A row of new cells: the cells for columns left..right, already as XML, in column order. */
export interface RowWrite {
  row: number;
  left: number;
  right: number;
  xml: string;
}

/**
 * The sheet with `writes` applied (sorted by row): each replaces whatever stood in its columns
 * on its row, and every area in `clear` is emptied; every other row and cell keeps its bytes.
 * Returns the new XML and whether any formula was removed (the calculation chain is then stale).
 */
export function patchSheet(
  sheet: SheetText,
  writes: readonly RowWrite[],
  clear: readonly Area[] = []
): { xml: string; removedFormula: boolean } {
  const { xml, prefix } = sheet;
  const out: string[] = [];
  let copiedTo: number;
  let w = 0;
  let removedFormula = false;
  const clearsRow = (row: number) => clear.some((a) => row >= a.top && row <= a.bottom);
  const cleared = (row: number, column: number) =>
    clear.some((a) => row >= a.top && row <= a.bottom && column >= a.left && column <= a.right);
  const emit = (
    row: number,
    attrs: string,
    kept: { column: number; xml: string }[],
    write?: RowWrite
  ) => {
    // A new row (the common case: a table written on its own sheet) needs no merging.
    if (!kept.length && !attrs && write?.xml) {
      out.push(`<${prefix}row r="${row}">${write.xml}</${prefix}row>`);
      return;
    }
    let body = "";
    let placed = !write;
    for (const cell of kept) {
      if (!placed && cell.column > write!.right) {
        body += write!.xml;
        placed = true;
      }
      body += cell.xml;
    }
    if (!placed) body += write!.xml;
    // spans is a hint of the row's columns: kept, widened to what the row now holds.
    const columns = [...kept.map((c) => c.column), ...(write ? [write.left, write.right] : [])];
    const rest = attrs
      .replace(/\s+r="\d+"/, "")
      .replace(
        /\bspans="(\d+):(\d+)"/,
        (_, from: string, to: string) =>
          `spans="${min(Number(from), ...columns)}:${max(Number(to), ...columns)}"`
      );
    if (!body && !rest.trim()) return;
    out.push(`<${prefix}row r="${row}"${rest}>${body}</${prefix}row>`);
  };
  const body = sheet.selfClosed ? "" : undefined;
  if (body === "") out.push(xml.slice(0, sheet.start), `<${prefix}sheetData>`);
  else out.push(xml.slice(0, sheet.start));
  copiedTo = sheet.selfClosed ? sheet.end : sheet.start;
  eachRow(sheet, (row) => {
    if (w < writes.length && writes[w].row < row.row) {
      out.push(xml.slice(copiedTo, row.from));
      copiedTo = row.from;
      for (; w < writes.length && writes[w].row < row.row; w++)
        emit(writes[w].row, "", [], writes[w]);
    }
    const write = w < writes.length && writes[w].row === row.row ? writes[w++] : undefined;
    if (!write && !clearsRow(row.row)) return;
    out.push(xml.slice(copiedTo, row.from));
    copiedTo = row.to;
    const kept: { column: number; xml: string }[] = [];
    for (const cell of cellsOf(sheet, row)) {
      const replaced =
        (write && cell.column >= write.left && cell.column <= write.right) ||
        cleared(row.row, cell.column);
      if (replaced) {
        if (childText(sheet, cell, "f") !== undefined) removedFormula = true;
        continue;
      }
      kept.push({ column: cell.column, xml: xml.slice(cell.from, cell.to) });
    }
    emit(row.row, row.attrs, kept, write);
  });
  if (sheet.selfClosed) {
    for (; w < writes.length; w++) emit(writes[w].row, "", [], writes[w]);
    out.push(`</${prefix}sheetData>`, xml.slice(sheet.end));
    return { xml: withDimension(out.join(""), writes), removedFormula };
  }
  out.push(xml.slice(copiedTo, sheet.end));
  for (; w < writes.length; w++) emit(writes[w].row, "", [], writes[w]);
  out.push(xml.slice(sheet.end));
  return { xml: withDimension(out.join(""), writes), removedFormula };
}

/** Widens the sheet's dimension (a hint readers use for the used range) to cover what was written. */
function withDimension(xml: string, writes: readonly RowWrite[]): string {
  if (!writes.length) return xml;
  const match = /<((?:\w+:)?dimension)\b[^>]*?\bref="([^"]*)"[^>]*\/>/.exec(xml.slice(0, 2000));
  if (!match) return xml;
  const old = parseArea(match[2]);
  let area = {
    top: writes[0].row,
    bottom: writes[writes.length - 1].row,
    left: min(...writes.map((w) => w.left)),
    right: max(...writes.map((w) => w.right)),
  };
  if (old && !(old.top === 1 && old.left === 1 && old.bottom === 1 && old.right === 1))
    area = {
      top: min(old.top, area.top),
      bottom: max(old.bottom, area.bottom),
      left: min(old.left, area.left),
      right: max(old.right, area.right),
    };
  const tag = `<${match[1]} ref="${formatArea(area)}"/>`;
  return xml.slice(0, match.index) + tag + xml.slice(match.index + match[0].length);
}
