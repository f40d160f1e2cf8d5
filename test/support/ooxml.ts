/**
 * The vendored ooxml-check kit (tools/ooxml-check: ECMA-376 schemas via xmllint plus Excel's own
 * strictness rules, and a part-by-part package diff after C14N) as functions for tests, so that
 * every test that writes a workbook can assert that Excel would open it without repairing it.
 * Needs python3 and xmllint (libxml2-utils), as the kit does.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, resolve } from "node:path";
import JSZip from "jszip";

const KIT = resolve(__dirname, "../../tools/ooxml-check");

export interface Validation {
  /** One entry per finding that makes the file invalid: a rule ERROR line, or an xmllint line of a failing part. */
  errors: string[];
  /** The validator's whole report, for failure messages. */
  output: string;
}

export interface PackageDiff {
  /** Part names (as in A) missing from B. */
  onlyInA: string[];
  /** Part names (as in B) that A does not have. */
  onlyInB: string[];
  /** Parts in both whose canonical XML (or, for binary parts, whose bytes) differ. */
  changed: string[];
  /** Parts in both that are the same. */
  same: string[];
}

type Workbook = Uint8Array | string;

function run(
  command: string,
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as NodeJS.ErrnoException & { code?: unknown }).code : 0;
        if (error && typeof code !== "number") fail(error);
        else done({ code: code as number, stdout, stderr });
      }
    );
  });
}

/** The extension the validator must see: it refuses a .xlsm name on a plain workbook and the reverse. */
async function extensionOf(bytes: Uint8Array): Promise<string> {
  const types = await (await JSZip.loadAsync(bytes)).file("[Content_Types].xml")?.async("string");
  return types?.includes("sheet.macroEnabled.main+xml") ? ".xlsm" : ".xlsx";
}

/** Runs `use` on a file holding the workbook (a temporary copy for bytes), removing the copy after. */
async function onDisk<T>(workbooks: Workbook[], use: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "ooxml-check-"));
  try {
    const paths = await Promise.all(
      workbooks.map(async (w, i) => {
        if (typeof w === "string") return w;
        const path = join(dir, `workbook${i}${await extensionOf(w)}`);
        writeFileSync(path, w);
        return path;
      })
    );
    return await use(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The invalidating findings of a validator report: rule ERROR lines and the xmllint lines of FAIL parts. */
function errorsOf(output: string): string[] {
  const errors: string[] = [];
  let failing: string | undefined;
  for (const line of output.split("\n")) {
    const part = /^PART (.+): (PASS|FAIL)(.*)$/.exec(line);
    if (part) {
      failing = part[2] === "FAIL" ? part[1] : undefined;
      if (failing && !part[3].includes("xmllint lines")) errors.push(`${failing}:${part[3]}`);
      continue;
    }
    if (failing && line.startsWith("    ")) {
      errors.push(line.trim());
      continue;
    }
    failing = undefined;
    if (/^\s*ERROR /.test(line)) errors.push(line.trim());
  }
  return errors;
}

/** Validates the workbook with tools/ooxml-check/validate.sh (every part, every rule). */
export async function validateWorkbook(
  workbook: Workbook,
  options: readonly string[] = []
): Promise<Validation> {
  return onDisk([workbook], async ([path]) => {
    const { code, stdout, stderr } = await run("bash", [
      join(KIT, "validate.sh"),
      path,
      "--quiet",
      "--max-errors",
      "1000",
      ...options,
    ]);
    if (code !== 0 && code !== 1)
      throw new Error(
        `validate.sh could not check the workbook (exit ${code}): ${stderr || stdout}`
      );
    const errors = errorsOf(stdout);
    if (code === 1 && errors.length === 0)
      throw new Error(`validate.sh failed but no error line was recognised:\n${stdout}`);
    return { errors, output: stdout };
  });
}

/**
 * A finding without its line and column numbers, so that the same problem in a part that
 * moved by a few lines still compares equal ("part.xml:12:" → "part.xml:").
 */
const errorKey = (error: string) => error.replace(/^(\S+?\.\w+):\d+(?::\d+)?:/, "$1:");

/** Findings in `after` that `before` did not have (compared by errorKey). */
export function newErrors(before: Validation, after: Validation): string[] {
  const known = new Set(before.errors.map(errorKey));
  return after.errors.filter((e) => !known.has(errorKey(e)));
}

/**
 * Compares two workbooks part by part with the kit's diff (C14N 2.0 for XML parts, bytes for
 * the rest; part names case-insensitive; .rels compared as sets unless `unorderedRels` is false).
 * `ignore` holds globs of part names to leave out (fnmatch, case-insensitive), e.g. "docProps/*".
 */
export async function diffWorkbooks(
  a: Workbook,
  b: Workbook,
  ignore: readonly string[] = [],
  { unorderedRels = true }: { unorderedRels?: boolean } = {}
): Promise<PackageDiff> {
  // The kit's own compare(), called directly, so nothing depends on the layout of its printout.
  const script = [
    "import json, sys",
    "sys.path.insert(0, sys.argv[1])",
    "import diff",
    "r = diff.compare(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), unordered_rels=sys.argv[5] == '1')",
    "print(json.dumps({k: r[k] for k in ('only_a', 'only_b', 'changed', 'same')}))",
  ].join("\n");
  return onDisk([a, b], async ([pathA, pathB]) => {
    const { code, stdout, stderr } = await run("python3", [
      "-c",
      script,
      KIT,
      pathA,
      pathB,
      JSON.stringify(ignore),
      unorderedRels ? "1" : "0",
    ]);
    if (code !== 0) throw new Error(`diff.py could not compare the workbooks: ${stderr}`);
    const r = JSON.parse(stdout) as Record<"only_a" | "only_b" | "changed" | "same", string[]>;
    return { onlyInA: r.only_a, onlyInB: r.only_b, changed: r.changed, same: r.same };
  });
}

/** A glob (for `ignore`) that matches exactly this part name, brackets and all ("[Content_Types].xml"). */
export const literalGlob = (part: string) => part.replace(/[[\]*?]/g, (ch) => `[${ch}]`);

/** Asserts that the validator finds no error in the workbook (the report is shown when it does). */
export async function expectValidWorkbook(workbook: Workbook): Promise<void> {
  const { errors, output } = await validateWorkbook(workbook);
  // The whole report goes into the comparison, so a failure shows it.
  expect({ errors, report: errors.length ? output : "" }).toEqual({ errors: [], report: "" });
}

// ------------------------------------------------------------------ reading a package's structure
/*
 * Just enough of OPC and SpreadsheetML to say which parts belong to which sheet and what each
 * table declares. Attributes are read from start tags with regular expressions: the parts read
 * here (workbook, .rels, content types, table roots) hold no text that could contain a tag.
 */

/** The value of an attribute in a start tag (any quoting), undecoded. */
export const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** The start tags of the elements with this local name, whatever their prefix. */
export const tagsNamed = (xml: string, local: string) =>
  xml.match(new RegExp(`<(?:[\\w.-]+:)?${local}\\b[^>]*>`, "g")) ?? [];

export const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A relationship target resolved against the folder of its source part (OPC part names, no leading "/"). */
export function resolveTarget(fromDir: string, target: string): string {
  const t = decodeURI(target);
  return t.startsWith("/") ? t.slice(1) : posix.normalize(posix.join(fromDir, t));
}

export const relsPartOf = (part: string) =>
  posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`).replace(/^\.\//, "");

/**
 * The entries the zip holds uncompressed (method 0, as Excel stores images), from its central
 * directory: jszip would deflate them on writing, and they are to be copied as they are.
 */
export function storedEntries(zipBytes: Uint8Array): Set<string> {
  const view = new DataView(zipBytes.buffer, zipBytes.byteOffset, zipBytes.byteLength);
  let end = zipBytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const stored = new Set<string>();
  if (end < 0) return stored;
  let at = view.getUint32(end + 16, true);
  for (
    let i = view.getUint16(end + 10, true);
    i > 0 && view.getUint32(at, true) === 0x02014b50;
    i--
  ) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zipBytes.subarray(at + 46, at + 46 + nameLength));
    if (view.getUint16(at + 10, true) === 0) stored.add(name);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return stored;
}

export class PackageReader {
  private constructor(
    private readonly zip: JSZip,
    /** Part names by their lower-case form (OPC names compare case-insensitively). */
    readonly names: Map<string, string>
  ) {}

  static async open(bytes: Uint8Array): Promise<PackageReader> {
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    return new PackageReader(zip, new Map(names.map((n) => [n.toLowerCase(), n])));
  }

  has = (part: string) => this.names.has(part.toLowerCase());

  async text(part: string): Promise<string> {
    const name = this.names.get(part.toLowerCase());
    if (!name) throw new Error(`the package has no part ${part}`);
    return (await this.zip.file(name)!.async("string")).replace(/^\uFEFF/, "");
  }

  /** The part's internal relationships with their targets resolved. */
  async relationships(part: string): Promise<{ id: string; type: string; target: string }[]> {
    const rels = relsPartOf(part);
    if (!this.has(rels)) return [];
    const dir = posix.dirname(part) === "." ? "" : posix.dirname(part);
    return tagsNamed(await this.text(rels), "Relationship")
      .filter((t) => attr(t, "TargetMode") !== "External")
      .map((t) => ({
        id: attr(t, "Id") ?? "",
        type: (attr(t, "Type") ?? "").replace(/.*\//, ""),
        target: resolveTarget(dir, unescapeXml(attr(t, "Target") ?? "")),
      }));
  }

  async workbookPart(): Promise<string> {
    const office = (await this.relationships("")).find((r) => r.type === "officeDocument");
    if (!office) throw new Error("the package has no workbook part");
    return office.target;
  }

  /** The sheets in workbook order, with their parts. */
  async sheets(): Promise<{ name: string; part: string }[]> {
    const wb = await this.workbookPart();
    const rels = new Map((await this.relationships(wb)).map((r) => [r.id, r.target]));
    return tagsNamed(await this.text(wb), "sheet").map((tag) => ({
      name: unescapeXml(attr(tag, "name") ?? ""),
      part: rels.get(/\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "") ?? "",
    }));
  }

  /** The parts that make up these sheets: each sheet part, its .rels, and every part reachable from it. */
  async partsOfSheets(names: ReadonlySet<string>): Promise<Set<string>> {
    const found = new Set<string>();
    const visit = async (part: string) => {
      if (found.has(part.toLowerCase()) || !this.has(part)) return;
      found.add(part.toLowerCase());
      if (this.has(relsPartOf(part))) found.add(relsPartOf(part).toLowerCase());
      for (const r of await this.relationships(part)) await visit(r.target);
    };
    for (const s of await this.sheets()) if (names.has(s.name)) await visit(s.part);
    return found;
  }

  /** Every table part: name, ref, column names and header/totals row counts with their defaults (1 and 0). */
  async tables(): Promise<Map<string, PackageTable>> {
    const types = await this.text("[Content_Types].xml");
    const out = new Map<string, PackageTable>();
    for (const tag of tagsNamed(types, "Override")) {
      if (!attr(tag, "ContentType")?.endsWith("spreadsheetml.table+xml")) continue;
      const part = (attr(tag, "PartName") ?? "").replace(/^\//, "");
      if (!this.has(part)) continue;
      const xml = await this.text(part);
      const root = tagsNamed(xml, "table")[0];
      if (!root) continue;
      const name = unescapeXml(attr(root, "displayName") ?? attr(root, "name") ?? part);
      out.set(name, {
        part,
        ref: attr(root, "ref") ?? "",
        headerRowCount: Number(attr(root, "headerRowCount") ?? 1),
        totalsRowCount: Number(attr(root, "totalsRowCount") ?? 0),
        columns: tagsNamed(xml, "tableColumn").map((t) => unescapeXml(attr(t, "name") ?? "")),
      });
    }
    return out;
  }
}

export interface PackageTable {
  part: string;
  ref: string;
  /** Excel's default when the attribute is missing is 1: the first row of `ref` is the header. */
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
}
