/**
 * The styles part (§18.8): which cell styles show dates (so a date cell reads as a date
 * serial of its kind), and the few styles the add-in adds — appended to the user's own
 * lists, never reordering them, so every existing style index keeps its meaning.
 */
import { isDateFormat } from "../numberFormat";
import { childNamed, childrenNamed, escapeAttr, parseXml } from "./xml";

/** Built-in number formats that show dates or times (§18.8.30; 27–36 and 50–58 are the East Asian ones). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

export interface CellLook {
  numFmt?: string;
  bold?: boolean;
  size?: number;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  bottomBorder?: boolean;
  wrap?: boolean;
  vertical?: "top" | "center";
  horizontal?: "left" | "right" | "center";
  indent?: number;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The styles of a workbook with nothing in it but Excel's defaults. */
export const BLANK_STYLES =
  `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

export class StyleBook {
  private readonly dateXfs: boolean[];
  private readonly customFormats = new Map<number, string>();
  private readonly added = new Map<string, number>();
  private changed = false;

  constructor(private xml: string) {
    const sheet = parseXml(xml);
    for (const f of childrenNamed(childNamed(sheet, "numFmts") ?? sheet, "numFmt"))
      this.customFormats.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
    this.dateXfs = childrenNamed(childNamed(sheet, "cellXfs") ?? sheet, "xf").map((xf) =>
      this.isDateFormatId(Number(xf.attrs.numFmtId ?? 0))
    );
  }

  private isDateFormatId(id: number): boolean {
    const custom = this.customFormats.get(id);
    return custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATES.has(id);
  }

  /** Whether cells of style index `s` show their number as a date. */
  isDateStyle(s: number): boolean {
    return this.dateXfs[s] ?? false;
  }

  /** The part's text, when a style was added. */
  get edited(): string | undefined {
    return this.changed ? this.xml : undefined;
  }

  /** The index of a cell style with this look, added to the part the first time it is asked for. */
  xf(look: CellLook): number {
    const key = JSON.stringify(look);
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const numFmtId = look.numFmt === undefined ? 0 : this.numFmt(look.numFmt);
    const fontId = look.bold || look.size || look.italic || look.fontColor ? this.font(look) : 0;
    const fillId = look.fill
      ? this.append(
          "fills",
          "fill",
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(look.fill)}"/><bgColor indexed="64"/></patternFill></fill>`
        )
      : 0;
    const borderId = look.bottomBorder
      ? this.append(
          "borders",
          "border",
          `<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border>`
        )
      : 0;
    const alignment =
      look.wrap || look.vertical || look.horizontal || look.indent
        ? `<alignment${look.horizontal ? ` horizontal="${look.horizontal}"` : ""}${look.vertical ? ` vertical="${look.vertical}"` : ""}${look.wrap ? ` wrapText="1"` : ""}${look.indent ? ` indent="${look.indent}"` : ""}/>`
        : "";
    const applied =
      (numFmtId ? ` applyNumberFormat="1"` : "") +
      (fontId ? ` applyFont="1"` : "") +
      (fillId ? ` applyFill="1"` : "") +
      (borderId ? ` applyBorder="1"` : "") +
      (alignment ? ` applyAlignment="1"` : "");
    const index = this.append(
      "cellXfs",
      "xf",
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${alignment ? `>${alignment}</xf>` : "/>"}`
    );
    this.dateXfs[index] = numFmtId ? this.isDateFormatId(numFmtId) : false;
    this.added.set(key, index);
    return index;
  }

  /** A differential style (conditional formats): fill and font colour. */
  dxf(fill: string, font: string): number {
    const key = `dxf:${fill}:${font}`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    if (!/<(?:\w+:)?dxfs\b/.test(this.xml)) {
      const after = /<\/(?:\w+:)?cellStyles>|<\/(?:\w+:)?cellXfs>/.exec(this.xml)!;
      const at = after.index + after[0].length;
      this.xml = `${this.xml.slice(0, at)}<dxfs count="0"/>${this.xml.slice(at)}`;
    }
    const index = this.append(
      "dxfs",
      "dxf",
      `<dxf><font><color rgb="${argb(font)}"/></font><fill><patternFill><bgColor rgb="${argb(fill)}"/></patternFill></fill></dxf>`
    );
    this.added.set(key, index);
    return index;
  }

  private numFmt(code: string): number {
    for (const [id, existing] of this.customFormats) if (existing === code) return id;
    const builtIn: Record<string, number> = {
      "0": 1,
      "0.00": 2,
      "#,##0": 3,
      "#,##0.00": 4,
      "0%": 9,
      "0.00%": 10,
      "@": 49,
    };
    if (builtIn[code] !== undefined) return builtIn[code];
    const id = Math.max(163, ...this.customFormats.keys()) + 1;
    this.customFormats.set(id, code);
    const entry = `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`;
    if (!/<(?:\w+:)?numFmts\b/.test(this.xml)) {
      const start = /<(?:\w+:)?styleSheet\b[^>]*>/.exec(this.xml)!;
      const at = start.index + start[0].length;
      this.xml = `${this.xml.slice(0, at)}<numFmts count="0"/>${this.xml.slice(at)}`;
    }
    this.append("numFmts", "numFmt", entry);
    return id;
  }

  private font(look: CellLook): number {
    // The workbook's own default font, with the look's changes: report text matches the user's theme.
    const fonts = /<(?:\w+:)?fonts\b[^>]*>([\s\S]*?)<\/(?:\w+:)?fonts>/.exec(this.xml);
    const first = fonts && /<(?:\w+:)?font\b[^>]*>[\s\S]*?<\/(?:\w+:)?font>/.exec(fonts[1]);
    let font = first ? first[0] : `<font><sz val="11"/><name val="Calibri"/></font>`;
    font = font.replace(/<(?:\w+:)?(b|i)\s*\/>/g, "");
    if (look.size) font = font.replace(/(<(?:\w+:)?sz\b[^>]*val=")[^"]*"/, `$1${look.size}"`);
    if (look.fontColor)
      font = font
        .replace(/<(?:\w+:)?color\b[^>]*\/>/, "")
        .replace(/(<(?:\w+:)?sz\b[^>]*\/>)/, `$1<color rgb="${argb(look.fontColor)}"/>`);
    const flags = (look.bold ? "<b/>" : "") + (look.italic ? "<i/>" : "");
    font = font.replace(/^(<(?:\w+:)?font\b[^>]*>)/, `$1${flags}`);
    return this.append("fonts", "font", font);
  }

  /**
   * The index of an element in a list (fonts, cellXfs, …): an identical one already there
   * (written by an earlier run) is reused; otherwise it is appended and the count updated.
   */
  private append(list: string, item: string, markup: string): number {
    const open = new RegExp(`<((?:\\w+:)?${list})\\b([^>]*?)(/?)>`).exec(this.xml);
    if (!open) throw new Error(`the styles part has no ${list}`);
    const contentStart = open.index + open[0].length;
    let index: number;
    let xml: string;
    if (open[3] === "/") {
      index = 0;
      xml = `${this.xml.slice(0, open.index)}<${open[1]}${open[2]}>${markup}</${open[1]}>${this.xml.slice(contentStart)}`;
    } else {
      const close = this.xml.indexOf(`</${open[1]}>`, contentStart);
      const items: string[] =
        this.xml
          .slice(contentStart, close)
          .match(
            new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${item}>)`, "g")
          ) ?? [];
      const same = items.indexOf(markup);
      if (same >= 0) return same;
      index = items.length;
      xml = this.xml.slice(0, close) + markup + this.xml.slice(close);
    }
    const count = new RegExp(`(<(?:\\w+:)?${list}\\b[^>]*?\\bcount=")\\d*"`);
    this.xml = count.test(xml) ? xml.replace(count, `$1${index + 1}"`) : xml;
    this.changed = true;
    return index;
  }
}
