/**
 * Table parts (xl/tables/tableN.xml, ECMA-376 Part 1 §18.5): read with Excel's defaults
 * (a missing headerRowCount means one header row; a missing totalsRowCount means none), and
 * written as Excel writes them. Rewriting a plan table keeps its part and patches only its
 * range and columns, so a style, a calculated column or a totals function the user set stays.
 */
import { Area, formatArea, parseArea } from "./cellRef";
import {
  attr,
  childNamed,
  childrenNamed,
  decodeExcelText,
  escapeAttr,
  excelEscapes,
  parseXml,
  textOf,
} from "./xml";

export interface TableColumnPart {
  id: number;
  name: string;
  /** A calculated column's formula (structured references), without "=". */
  calculatedFormula?: string;
}

export interface TablePart {
  part: string;
  sheet: string;
  sheetPart: string;
  /** The id of the sheet's relationship to this table part. */
  relId: string;
  id: number;
  /** The name formulas and the Name Box use (displayName; `name` when absent). */
  name: string;
  area: Area;
  headerRowCount: number;
  totalsRowCount: number;
  columns: TableColumnPart[];
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export function readTablePart(
  xml: string,
  part: string,
  sheet: string,
  sheetPart: string,
  relId: string
): TablePart {
  const table = parseXml(xml);
  const area = parseArea(attr(table, "ref") ?? "");
  if (!area) throw new Error(`the table part ${part} has no readable range`);
  const columns = childrenNamed(childNamed(table, "tableColumns") ?? table, "tableColumn").map(
    (c) => {
      const formula = childNamed(c, "calculatedColumnFormula");
      return {
        id: Number(attr(c, "id") ?? 0),
        // Column names use Excel's _xHHHH_ escapes for line breaks and the like.
        name: decodeExcelText(attr(c, "name") ?? ""),
        ...(formula ? { calculatedFormula: textOf(formula) } : {}),
      };
    }
  );
  return {
    part,
    sheet,
    sheetPart,
    relId,
    id: Number(attr(table, "id") ?? 0),
    name: attr(table, "displayName") ?? attr(table, "name") ?? "",
    area,
    headerRowCount: Number(attr(table, "headerRowCount") ?? 1),
    totalsRowCount: Number(attr(table, "totalsRowCount") ?? 0),
    columns,
  };
}

const columnXml = (id: number, name: string) =>
  `<tableColumn id="${id}" name="${escapeAttr(excelEscapes(name))}"/>`;

/** A new table part as Excel writes one: header row, filter buttons, banded rows. */
export function newTablePart(
  id: number,
  name: string,
  area: Area,
  header: readonly string[]
): string {
  const ref = formatArea(area);
  return (
    `<table xmlns="${MAIN_NS}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${header.length}">${header.map((h, i) => columnXml(i + 1, h)).join("")}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/**
 * The table part with a new range and columns: columns kept by name keep their element (and
 * so their calculated formula, totals function and id); new columns get new ids. A sort state
 * is dropped, since it may point outside the new range (it only records the last sort).
 */
export function resizedTablePart(xml: string, area: Area, header: readonly string[]): string {
  const ref = formatArea(area);
  const table = parseXml(xml);
  const existing = childrenNamed(childNamed(table, "tableColumns") ?? table, "tableColumn");
  const elements = new Map<string, string>();
  const columnTags = /<(?:\w+:)?tableColumn\b[\s\S]*?(?:\/>|<\/(?:\w+:)?tableColumn>)/g;
  let index = 0;
  for (let m = columnTags.exec(xml); m; m = columnTags.exec(xml), index++) {
    const name = existing[index] ? decodeExcelText(attr(existing[index], "name") ?? "") : "";
    elements.set(name, m[0]);
  }
  let nextId = Math.max(0, ...existing.map((c) => Number(attr(c, "id") ?? 0))) + 1;
  const columns = header.map((h) => elements.get(h) ?? columnXml(nextId++, h)).join("");
  let out = xml
    .replace(/(<(?:\w+:)?table\b[^>]*?\bref=")[^"]*"/, `$1${ref}"`)
    .replace(/(<(?:\w+:)?autoFilter\b[^>]*?\bref=")[^"]*"/, `$1${ref}"`)
    .replace(/<((?:\w+:)?sortState)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/, "");
  out = out.replace(
    /<((?:\w+:)?tableColumns)\b[^>]*>[\s\S]*<\/(?:\w+:)?tableColumns>/,
    (_, tag: string) => `<${tag} count="${header.length}">${columns}</${tag}>`
  );
  // A header row the user switched off comes back on: plan tables are read by their header.
  return out.replace(/\s+headerRowCount="0"/, "");
}
