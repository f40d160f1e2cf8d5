/**
 * The workbook file as an Open Packaging Conventions package (ECMA-376 Part 2): the original
 * zip is kept, parts are inflated only when asked for, and only the parts that were written
 * are compressed again — JSZip copies every other entry's compressed bytes through unchanged.
 */
import JSZip from "jszip";
import { attr, childrenNamed, escapeAttr, parseXml } from "./xml";

export const REL = {
  officeDocument:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  metadata: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  metadata: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
} as const;

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Parts larger than this (bytes) are compressed for speed rather than size. */
const LARGE_PART = 1 << 20;
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface Relationship {
  id: string;
  type: string;
  /** The target as written (relative to the source part's folder, unless external). */
  target: string;
  external: boolean;
}

/** Where the relationships of a part are kept: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part, as a part name without a leading "/". */
export function resolveTarget(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const piece of target.replace(/^\//, "").split("/")) {
    if (piece === "..") base.pop();
    else if (piece !== "." && piece !== "") base.push(decodeURIComponent(piece));
  }
  return base.join("/");
}

/** The target to write in `source`'s relationships for a part: relative, as Excel writes them. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export class OpcPackage {
  private readonly written = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly cache = new Map<string, string>();
  /** Bytes inflated so far: what opening and reading cost, for the bench. */
  inflatedBytes = 0;
  /** Called as each chunk of a part is inflated (a plan sheet can take a second). */
  onInflating?: () => void;

  private constructor(
    private readonly zip: JSZip,
    /** Entry names as stored, found case-insensitively (OPC part names are). */
    private readonly names: Map<string, string>
  ) {}

  static async open(bytes: Uint8Array | ArrayBuffer): Promise<OpcPackage> {
    const zip = await JSZip.loadAsync(bytes);
    const names = new Map<string, string>();
    zip.forEach((name, entry) => {
      if (!entry.dir) names.set(name.toLowerCase(), name);
    });
    return new OpcPackage(zip, names);
  }

  static fromParts(parts: Record<string, string>): OpcPackage {
    const zip = new JSZip();
    const pkg = new OpcPackage(zip, new Map());
    for (const [name, xml] of Object.entries(parts)) pkg.write(name, xml);
    return pkg;
  }

  private stored(part: string): string | undefined {
    const key = part.toLowerCase();
    if ([...this.removed].some((r) => r.toLowerCase() === key)) return undefined;
    return this.names.get(key);
  }

  /** The size of every part as stored, inflated (from the zip's directory; nothing is inflated). */
  get storedSize(): number {
    let total = 0;
    this.zip.forEach((_, entry) => {
      // JSZip keeps each loaded entry's sizes from the central directory on its _data.
      total +=
        (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ??
        0;
    });
    return total;
  }

  has(part: string): boolean {
    return this.written.has(part) || this.stored(part) !== undefined;
  }

  /** Every part name in the package, as stored. */
  partNames(): string[] {
    const names = new Set<string>();
    for (const name of this.names.values()) if (!this.removed.has(name)) names.add(name);
    for (const name of this.written.keys()) names.add(name);
    return [...names];
  }

  async read(part: string): Promise<string | undefined> {
    if (this.written.has(part)) return this.written.get(part);
    const name = this.stored(part);
    if (name === undefined) return undefined;
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    // Inflated by JSZip, decoded by the platform's UTF-8 decoder (JSZip's own is several times slower).
    const text = decoder.decode(
      await this.zip.file(name)!.async("uint8array", () => this.onInflating?.())
    );
    this.inflatedBytes += text.length;
    this.cache.set(name, text);
    return text;
  }

  write(part: string, xml: string): void {
    const name = this.stored(part) ?? part;
    this.removed.delete(name);
    this.written.set(name, xml.startsWith("<?xml") ? xml : XML_DECLARATION + xml);
  }

  remove(part: string): void {
    const name = this.stored(part) ?? part;
    this.written.delete(name);
    this.cache.delete(name);
    this.removed.add(name);
  }

  /** A part name not yet taken: `xl/worksheets/sheet7.xml` for ("xl/worksheets/sheet", ".xml"). */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  async relationships(source: string): Promise<Relationship[]> {
    const xml = await this.read(relsPathOf(source));
    if (!xml) return [];
    return childrenNamed(parseXml(xml), "Relationship").map((r) => ({
      id: r.attrs.Id,
      type: r.attrs.Type,
      target: r.attrs.Target,
      external: r.attrs.TargetMode === "External",
    }));
  }

  /** Adds a relationship from `source` to `part`, returning its id. */
  async relate(source: string, type: string, part: string): Promise<string> {
    const path = relsPathOf(source);
    const existing = await this.relationships(source);
    const taken = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const entry = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(source, part))}"/>`;
    const xml = (await this.read(path)) ?? `<Relationships xmlns="${RELS_NS}"></Relationships>`;
    this.write(path, insertBeforeClose(xml, "Relationships", entry));
    return id;
  }

  /** Removes relationships of `source` by id. */
  async unrelate(source: string, ids: readonly string[]): Promise<void> {
    const path = relsPathOf(source);
    let xml = await this.read(path);
    if (!xml) return;
    for (const id of ids)
      xml = xml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*/>`), "");
    this.write(path, xml);
  }

  async setContentType(part: string, type: string): Promise<void> {
    const xml = (await this.read("[Content_Types].xml"))!;
    const entry = `<Override PartName="/${escapeAttr(part)}" ContentType="${type}"/>`;
    this.write("[Content_Types].xml", insertBeforeClose(dropOverride(xml, part), "Types", entry));
  }

  async dropContentType(part: string): Promise<void> {
    const xml = (await this.read("[Content_Types].xml"))!;
    this.write("[Content_Types].xml", dropOverride(xml, part));
  }

  /** The content type the package gives a part (its Override, else the Default of its extension). */
  async contentTypeOf(part: string): Promise<string | undefined> {
    const types = parseXml((await this.read("[Content_Types].xml")) ?? "<Types/>");
    const override = childrenNamed(types, "Override").find(
      (o) => attr(o, "PartName")?.replace(/^\//, "").toLowerCase() === part.toLowerCase()
    );
    if (override) return attr(override, "ContentType");
    const extension = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    const fallback = childrenNamed(types, "Default").find(
      (d) => attr(d, "Extension")?.toLowerCase() === extension
    );
    return fallback && attr(fallback, "ContentType");
  }

  async bytes(onProgress?: () => void): Promise<Uint8Array> {
    for (const name of this.removed) this.zip.remove(name);
    // Entries not written keep their compressed bytes. Written ones are deflated at level 6,
    // zlib's default balance of size and time, except large ones (a 100,000-row plan sheet),
    // at level 1: about three times faster for a file some 20 % larger.
    for (const [name, xml] of this.written) {
      const data = encoder.encode(xml);
      const level = data.length > LARGE_PART ? 1 : 6;
      this.zip.file(name, data, {
        createFolders: false,
        compression: "DEFLATE",
        compressionOptions: { level },
      });
    }
    const bytes = await this.zip.generateAsync(
      { type: "uint8array", compression: "DEFLATE" },
      onProgress
    );
    for (const [name, xml] of this.written) {
      this.cache.set(name, xml);
      this.names.set(name.toLowerCase(), name);
    }
    for (const name of this.removed) this.names.delete(name.toLowerCase());
    this.written.clear();
    this.removed.clear();
    return bytes;
  }
}

function dropOverride(xml: string, part: string): string {
  const escaped = `/${part}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return xml.replace(new RegExp(`<Override\\b[^>]*PartName="${escaped}"[^>]*/>`, "i"), "");
}

/** Inserts markup just before an element's closing tag (or expands a self-closed one). */
export function insertBeforeClose(xml: string, local: string, markup: string): string {
  const close = new RegExp(`</((?:\\w+:)?${local})>(?![\\s\\S]*</(?:\\w+:)?${local}>)`);
  const match = close.exec(xml);
  if (match) return xml.slice(0, match.index) + markup + xml.slice(match.index);
  const selfClosed = new RegExp(`<((?:\\w+:)?${local})\\b([^>]*?)/>`).exec(xml);
  if (!selfClosed) throw new Error(`no <${local}> element to add to`);
  return (
    xml.slice(0, selfClosed.index) +
    `<${selfClosed[1]}${selfClosed[2]}>${markup}</${selfClosed[1]}>` +
    xml.slice(selfClosed.index + selfClosed[0].length)
  );
}
