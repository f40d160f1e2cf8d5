/**
 * Reads a written workbook's sheet as Excel would: the part a sheet name points to, each
 * cell's number format (styles.xml, built-in ids included) and the sheets' order. Plain
 * regular expressions over the package's XML, independent of the writer under test.
 */
import JSZip from "jszip";

/** Excel's built-in number formats that a writer may refer to by id alone (ECMA-376 §18.8.30). */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  14: "mm-dd-yy",
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export interface WrittenBook {
  /** The sheets in the workbook's order (the order they print in). */
  sheets: string[];
  /** The sheet's XML. */
  sheetXml(sheet: string): Promise<string>;
  /** The number format of each cell of a sheet that has a style, by address ("D21"). */
  formats(sheet: string): Promise<Map<string, string>>;
}

export async function writtenBook(bytes: Uint8Array): Promise<WrittenBook> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (path: string) => zip.file(path)!.async("string");
  const book = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const sheetTags = [...book.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]);
  const targetOf = (id: string) => {
    const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)]
      .map((m) => m[0])
      .find((tag) => attr(tag, "Id") === id)!;
    const target = attr(rel, "Target")!;
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  };
  const parts = new Map(
    sheetTags.map((tag) => [unescape(attr(tag, "name")!), targetOf(attr(tag, "r:id")!)])
  );
  const styles = await read("xl/styles.xml");
  const custom = new Map(
    [...styles.matchAll(/<numFmt\s[^>]*>/g)].map((m) => [
      Number(attr(m[0], "numFmtId")),
      unescape(attr(m[0], "formatCode")!),
    ])
  );
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const xfFormats = [...cellXfs.matchAll(/<xf\s[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    return custom.get(id) ?? BUILT_IN[id] ?? `#${id}`;
  });
  const sheetXml = (sheet: string) => read(parts.get(sheet)!);
  return {
    sheets: [...parts.keys()],
    sheetXml,
    async formats(sheet) {
      const xml = await sheetXml(sheet);
      return new Map(
        [...xml.matchAll(/<c\s[^>]*>/g)]
          .map((m) => m[0])
          .filter((tag) => attr(tag, "s") !== undefined)
          .map((tag) => [attr(tag, "r")!, xfFormats[Number(attr(tag, "s"))]])
      );
    },
  };
}
