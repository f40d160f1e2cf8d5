/**
 * The metadata that makes a stored array formula a dynamic array (one that spills), rather
 * than a legacy array formula Excel shows as `{=…}` or `=@…`: the cell carries `cm="n"`, the
 * n-th cellMetadata block of xl/metadata.xml (§18.9), and that block points to a
 * futureMetadata entry named XLDAPR whose extension says fDynamic="1" (the dynamic-array
 * properties of MS-XLSX §2.6.97, extension {bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}). A `cm`
 * without the part makes Excel repair the file, so the part comes first.
 */
import { CONTENT_TYPE, REL, resolveTarget } from "./opc";
import type { WorkbookFile } from "./workbookFile";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XDA_NS = "http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray";
const DYNAMIC_ARRAY_EXT = "{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}";

const XLDAPR_TYPE = `<metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/>`;
const XLDAPR_FUTURE = `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="${DYNAMIC_ARRAY_EXT}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>`;

/** The part as Excel writes it for a workbook whose only cell metadata is the dynamic-array flag. */
const NEW_PART =
  `<metadata xmlns="${MAIN_NS}" xmlns:xda="${XDA_NS}">` +
  `<metadataTypes count="1">${XLDAPR_TYPE}</metadataTypes>${XLDAPR_FUTURE}` +
  `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

const blocks = (xml: string, local: string): string[] => {
  const inner = new RegExp(`<(?:\\w+:)?${local}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${local}>`).exec(
    xml
  );
  return inner
    ? [...inner[1].matchAll(/<(?:\w+:)?bk\b[\s\S]*?<\/(?:\w+:)?bk>/g)].map((m) => m[0])
    : [];
};

/** The 1-based cellMetadata block that marks a dynamic array in an existing part, if it has one. */
function dynamicBlock(xml: string): number | undefined {
  const types = [...xml.matchAll(/<(?:\w+:)?metadataType\b[^>]*\bname="([^"]*)"/g)].map(
    (m) => m[1]
  );
  const xldapr = types.indexOf("XLDAPR") + 1;
  if (!xldapr) return undefined;
  const future = /<(?:\w+:)?futureMetadata\b[^>]*name="XLDAPR"[\s\S]*?<\/(?:\w+:)?futureMetadata>/;
  const futures = blocks(future.exec(xml)?.[0] ?? "", "futureMetadata");
  const cells = blocks(xml, "cellMetadata");
  const found = cells.findIndex((bk) => {
    const rc = /<(?:\w+:)?rc\b[^>]*\bt="(\d+)"[^>]*\bv="(\d+)"/.exec(bk);
    return (
      rc && Number(rc[1]) === xldapr && /fDynamic="(1|true)"/.test(futures[Number(rc[2])] ?? "")
    );
  });
  return found < 0 ? undefined : found + 1;
}

/**
 * The `cm` value for a dynamic-array formula in this workbook: the block an existing part
 * (saved by Excel) already has, one added to it, or the first block of a new part.
 */
export async function dynamicArrayMetadata(file: WorkbookFile): Promise<number> {
  const { pkg, book } = file;
  const rel = (await pkg.relationships(book.path)).find((r) => r.type === REL.metadata);
  const path = rel && !rel.external ? resolveTarget(book.path, rel.target) : undefined;
  const xml = path ? await pkg.read(path) : undefined;
  if (!path || xml === undefined) {
    // Where Excel puts it, unless some other part took the name.
    const part = pkg.has("xl/metadata.xml")
      ? pkg.freeName("xl/metadata", ".xml")
      : "xl/metadata.xml";
    pkg.write(part, NEW_PART);
    await pkg.setContentType(part, CONTENT_TYPE.metadata);
    await pkg.relate(book.path, REL.metadata, part);
    return 1;
  }
  const existing = dynamicBlock(xml);
  if (existing !== undefined) return existing;
  pkg.write(path, withDynamicBlock(xml));
  return blocks(xml, "cellMetadata").length + 1;
}

/** An Excel-written part with the XLDAPR type, its future metadata and a cell block appended. */
function withDynamicBlock(xml: string): string {
  const count = (local: string) =>
    (xml.match(new RegExp(`<(?:\\w+:)?${local}\\b`, "g")) ?? []).length;
  const typeIndex = count("metadataType") + 1;
  const futureIndex = 0;
  let out = /xmlns:xda=/.test(xml)
    ? xml
    : xml.replace(/<((?:\w+:)?metadata)\b/, `<$1 xmlns:xda="${XDA_NS}"`);
  out = /<(?:\w+:)?metadataTypes\b/.test(out)
    ? out
        .replace(/(<\/(?:\w+:)?metadataTypes>)/, `${XLDAPR_TYPE}$1`)
        .replace(/(<(?:\w+:)?metadataTypes\b[^>]*\bcount=")\d+"/, `$1${typeIndex}"`)
    : out.replace(
        /(<(?:\w+:)?metadata\b[^>]*>)/,
        `$1<metadataTypes count="1">${XLDAPR_TYPE}</metadataTypes>`
      );
  const block = `<bk><rc t="${typeIndex}" v="${futureIndex}"/></bk>`;
  // futureMetadata goes before cellMetadata (CT_Metadata order); the cell block is appended.
  if (/<(?:\w+:)?cellMetadata\b/.test(out))
    return out
      .replace(/(<(?:\w+:)?cellMetadata\b)/, `${XLDAPR_FUTURE}$1`)
      .replace(/(<\/(?:\w+:)?cellMetadata>)/, `${block}$1`)
      .replace(
        /(<(?:\w+:)?cellMetadata\b[^>]*\bcount=")(\d+)"/,
        (_, head: string, n: string) => `${head}${Number(n) + 1}"`
      );
  const before = /<(?:\w+:)?valueMetadata\b|<(?:\w+:)?extLst\b|<\/(?:\w+:)?metadata>/.exec(out)!;
  return (
    out.slice(0, before.index) +
    `${XLDAPR_FUTURE}<cellMetadata count="1">${block}</cellMetadata>` +
    out.slice(before.index)
  );
}
