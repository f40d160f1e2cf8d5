/**
 * XML as the package needs it: escaping for what we write, Excel's own `_xHHHH_` string
 * escapes (ECMA-376 Part 1, §22.9.2.19 ST_Xstring), and a small element tree for the little
 * parts (workbook, relationships, content types, tables, styles), built with saxes, a
 * maintained streaming parser. Sheet data has its own scanner (sheetData.ts): it is the hot
 * path and must keep the bytes of every cell it does not change.
 */
import { SaxesParser } from "saxes";

// Most cell texts need no escaping: test once rather than run three replaces on each.
const MARKUP = /[&<>]/;
export const escapeText = (text: string) =>
  MARKUP.test(text)
    ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    : text;

export const escapeAttr = (text: string) =>
  escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");

// Characters XML 1.0 cannot hold (and CR, which XML parsers turn into LF), as Excel escapes them.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_UNSAFE = new RegExp(UNSAFE.source);
const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

/**
 * Text as Excel stores it in a cell: a literal "_xHHHH_" keeps its underscore as "_x005F_"
 * (so it is not read as an escape), and characters XML cannot carry become "_xHHHH_".
 */
export function excelEscapes(text: string): string {
  const out = text.includes("_x") ? text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1") : text;
  return HAS_UNSAFE.test(out) ? out.replace(UNSAFE, (ch) => `_x${hex4(ch.charCodeAt(0))}_`) : out;
}

/** Cell text ready for an element's content. */
export const encodeExcelText = (text: string) => escapeText(excelEscapes(text));

/** Reverses Excel's `_xHHHH_` escapes, left to right, as Excel reads them. */
export const decodeExcelText = (text: string) =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16))
      )
    : text;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes XML character and entity references (for text the sheet scanner slices out). */
export const decodeEntities = (text: string) =>
  text.includes("&")
    ? text.replace(/&(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) =>
        ref[0] === "#"
          ? String.fromCodePoint(
              ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
            )
          : ENTITIES[ref]
      )
    : text;

export interface XmlElement {
  /** The qualified name as written ("x:c" or "c"). */
  name: string;
  /** The name without its prefix. */
  local: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const localOf = (name: string) => name.slice(name.indexOf(":") + 1);

/** Parses a small part into an element tree (throws on XML that is not well formed). */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const root: XmlElement = { name: "#root", local: "#root", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const element: XmlElement = {
      name: tag.name,
      local: localOf(tag.name),
      attrs: { ...(tag.attributes as Record<string, string>) },
      children: [],
    };
    stack[stack.length - 1].children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on("text", (text) => stack[stack.length - 1].children.push(text));
  parser.on("cdata", (text) => stack[stack.length - 1].children.push(text));
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  const top = root.children.find((c): c is XmlElement => typeof c !== "string");
  if (!top) throw new Error("the part holds no XML element");
  return top;
}

export const childrenNamed = (element: XmlElement, local: string): XmlElement[] =>
  element.children.filter((c): c is XmlElement => typeof c !== "string" && c.local === local);

export const childNamed = (element: XmlElement, local: string): XmlElement | undefined =>
  childrenNamed(element, local)[0];

/** All text below an element, in document order. */
export const textOf = (element: XmlElement): string =>
  element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");

/** The value of an attribute whatever its prefix (r:id, id). */
export function attr(element: XmlElement, local: string): string | undefined {
  if (local in element.attrs) return element.attrs[local];
  for (const [name, value] of Object.entries(element.attrs))
    if (localOf(name) === local && name.includes(":") && !name.startsWith("xmlns")) return value;
  return undefined;
}
