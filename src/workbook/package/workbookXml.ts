/**
 * Edits of workbook.xml as text that keep everything else byte for byte: one <sheet> entry's
 * attribute, the order of <sheets> with every tab index that refers to it, and a sheet's own
 * defined names. WorkbookPart keeps its model in step with them.
 */
import { insertBeforeClose } from "./opc";
import { escapeText, parseXml } from "./xml";

/**
 * <sheets> in the order of `sheetIds`, with each definedName's localSheetId and the
 * workbook views' activeTab and firstSheet moved to the same sheets' new tab indices
 * (`moved[old] = new`), never onto a hidden sheet (`visibleAt`).
 */
export function reorderedXml(
  xml: string,
  sheetIds: readonly number[],
  moved: readonly (number | undefined)[],
  visibleAt: (index: number | undefined) => number
): string {
  const entries = sheetIds.map((id) => sheetElement(xml, id).text);
  const block = /(<(?:\w+:)?sheets\b[^>]*>)[\s\S]*?(<\/(?:\w+:)?sheets>)/.exec(xml)!;
  xml =
    xml.slice(0, block.index) +
    block[1] +
    entries.join("") +
    block[2] +
    xml.slice(block.index + block[0].length);
  xml = xml.replace(
    /(<(?:\w+:)?definedName\b[^>]*?\blocalSheetId=")(\d+)"/g,
    (_, head: string, index: string) => `${head}${moved[Number(index)] ?? index}"`
  );
  return xml.replace(/<(?:\w+:)?workbookView\b[^>]*?\/?>/g, (view) => {
    const read = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(view)?.[1] ?? 0);
    let out = view;
    for (const [name, value] of [
      ["activeTab", visibleAt(moved[read("activeTab")])],
      [
        "firstSheet",
        Math.min(visibleAt(moved[read("firstSheet")]), visibleAt(moved[read("activeTab")])),
      ],
    ] as const)
      out = withAttr(out, name, value === 0 ? undefined : String(value));
    return out;
  });
}

/**
 * Sets the defined names local to tab index `local` (print area, print titles): each of
 * `wanted` replaces the one of its name, `undefined` removes it.
 */
export function withLocalNames(
  xml: string,
  local: number,
  wanted: readonly [string, string | undefined][]
): string {
  for (const [name] of wanted) xml = removeDefinedName(xml, name, local);
  const markup = wanted
    .filter((w): w is [string, string] => w[1] !== undefined)
    .map(
      ([name, formula]) =>
        `<definedName name="${name}" localSheetId="${local}">${escapeText(formula)}</definedName>`
    )
    .join("");
  if (!markup) return xml.replace(/<((?:\w+:)?definedNames)\b[^>]*>\s*<\/\1>/, "");
  if (/<(?:\w+:)?definedNames\b/.test(xml)) return insertBeforeClose(xml, "definedNames", markup);
  // definedNames follows sheets, functionGroups and externalReferences (CT_Workbook order).
  const after = /<\/(?:\w+:)?externalReferences>|<\/(?:\w+:)?functionGroups>|<\/(?:\w+:)?sheets>/g;
  let last: RegExpExecArray | null = null;
  for (let m = after.exec(xml); m; m = after.exec(xml)) last = m;
  const at = last!.index + last![0].length;
  return `${xml.slice(0, at)}<definedNames>${markup}</definedNames>${xml.slice(at)}`;
}

/** Replaces one attribute of the <sheet> entry named `name` in workbook.xml text. */
export function replaceSheetAttr(
  xml: string,
  name: string,
  attribute: RegExp,
  replacement: string
): string {
  const entries = /<(?:\w+:)?sheet\b[^>]*\/?>/g;
  for (let m = entries.exec(xml); m; m = entries.exec(xml)) {
    const nameAttr = /\bname="([^"]*)"/.exec(m[0]);
    if (!nameAttr || parseXml(`<x n="${nameAttr[1]}"/>`).attrs.n !== name) continue;
    const changed = m[0].replace(attribute, replacement);
    return xml.slice(0, m.index) + changed + xml.slice(m.index + m[0].length);
  }
  throw new Error(`the workbook has no sheet named ${name}`);
}

/** The <sheet> element of `sheetId` in workbook.xml text, and where it starts. */
export function sheetElement(xml: string, sheetId: number): { at: number; text: string } {
  const entries = /<(?:\w+:)?sheet\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?sheet>)/g;
  for (let m = entries.exec(xml); m; m = entries.exec(xml))
    if (new RegExp(`\\bsheetId="${sheetId}"`).test(m[0])) return { at: m.index, text: m[0] };
  throw new Error(`the workbook has no sheet with id ${sheetId}`);
}

/** Sets (or, with undefined, removes) one attribute of an element's start tag. */
export function withAttr(tag: string, name: string, value: string | undefined): string {
  const without = tag.replace(new RegExp(`\\s${name}="[^"]*"`), "");
  if (value === undefined) return without;
  return without.replace(/^(<[\w:]+)/, `$1 ${name}="${value}"`);
}

/** Removes the defined name `name` local to tab index `local` from workbook.xml text. */
function removeDefinedName(xml: string, name: string, local: number): string {
  return xml.replace(
    /<(?:\w+:)?definedName\b([^>]*)>[\s\S]*?<\/(?:\w+:)?definedName>/g,
    (whole, attrs: string) =>
      /\bname="([^"]*)"/.exec(attrs)?.[1] === name &&
      /\blocalSheetId="(\d+)"/.exec(attrs)?.[1] === String(local)
        ? ""
        : whole
  );
}
