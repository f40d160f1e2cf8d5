/**
 * Adds an Accounts and a Reps sheet, each holding an Excel table of that name, to a workbook
 * saved by real Excel, the way Excel itself would add them — by minimal package surgery, so the
 * result is still the user's own file: only the workbook part, its relationships and
 * [Content_Types].xml change (edited as text: everything else in them stays as it was), and
 * every other zip entry is copied unchanged (jszip reuses the compressed bytes of an untouched
 * entry, so even those are the same). The TypeScript twin of ../shared/fidelity/inject.py.
 *
 * The data is the seeded sample plan's (first 200 accounts whose owner is a rep, every rep),
 * taken from `sampleData()` itself rather than from a sample file, so the input of a fidelity
 * test never passes through the file adapter under test. Optionally the sample's Active
 * scenario is added as the plan stores it (sheets Scenarios and Scenario Settings), so that
 * `quotas` has quota settings to run.
 */
import { posix } from "node:path";
import JSZip from "jszip";
import { serialFromDate } from "../../src/domain/calendar";
import { DEFAULT_BALANCE, defaultQuotaSettings } from "../../src/domain/planRun";
import {
  FISCAL_YEAR,
  SAMPLE_SCENARIO,
  sampleData,
  sourceTables,
} from "../../src/sample/samplePlan";
import { CellValue, PlanRow, columnLetters, toCells } from "../../src/workbook/rows";
import { ScenarioRun, settingsRows } from "../../src/workbook/scenarioTables";
import { TableSpec, tables } from "../../src/workbook/schema";
import { attr, relsPartOf, resolveTarget, storedEntries, tagsNamed, unescapeXml } from "./ooxml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
/** Days from 1900-01-00 to 1904-01-01 in Excel's serials: a 1904-system serial is this much smaller. */
const DAYS_1904 = 1462;

/** The workbook cannot be injected (Strict Open XML, a name already taken, no workbook part, ...). */
export class CannotInject extends Error {}

export interface InjectOptions {
  /** How many accounts (default 200, as inject.py). */
  accounts?: number;
  /** Also add the sample's Active scenario (Scenarios and Scenario Settings sheets). */
  withScenario?: boolean;
}

export interface Injected {
  bytes: Uint8Array;
  /** The entries edited: the workbook part, its .rels and [Content_Types].xml. */
  changed: string[];
  /** The entries added: per sheet its part, .rels and table part. */
  added: string[];
  /** The sheets added, in order, with their table names. */
  sheets: { sheet: string; table: string }[];
  accounts: number;
  reps: number;
}

interface NewSheet {
  sheet: string;
  table: string;
  spec: TableSpec;
  header: string[];
  rows: CellValue[][];
}

const headerOf = (spec: TableSpec) => spec.columns.map((c) => c.header);

const sheetOf = (spec: TableSpec, rows: CellValue[][]): NewSheet => ({
  sheet: spec.sheet,
  table: spec.table,
  spec,
  header: headerOf(spec),
  rows,
});

/** The rules writeSamplePlan stores with its Active scenario: the sample's headers, default balance, a 60M target. */
const SAMPLE_RUN: ScenarioRun = {
  accountsTable: { name: "Accounts", sheet: "Accounts" },
  repsTable: { name: "Reps", sheet: "Reps" },
  accountColumns: {
    id: "AccountId",
    name: "Name",
    region: "Region",
    industry: "Industry",
    sizeTier: "SizeTier",
    potential: "Potential",
    workload: "Workload",
    currentOwner: "Owner",
  },
  repColumns: {
    id: "RepId",
    name: "Name",
    manager: "Manager",
    regions: "Regions",
    industries: "Industries",
    sizeTiers: "SizeTiers",
    capacity: "Capacity",
    startDate: "StartDate",
  },
  balance: DEFAULT_BALANCE,
  quota: {
    ...defaultQuotaSettings(FISCAL_YEAR, 60_000_000),
    funnel: { rates: [0.6, 0.45, 0.35], avgDealSize: 35_000 },
  },
};

/** The sample's rows, drawn once: the same every time (seeded), and a fidelity run injects dozens of files. */
let sample: ReturnType<typeof sampleData> | undefined;

/** The sheets to add, with the sample's rows. */
function sheetsToAdd(count: number, withScenario: boolean): NewSheet[] {
  const data = (sample ??= sampleData());
  const repIds = new Set(data.reps.map((r) => r[0]));
  const owner = headerOf(sourceTables.accounts).indexOf("Owner");
  const accounts = data.accounts.filter((a) => repIds.has(a[owner])).slice(0, count);
  const out = [sheetOf(sourceTables.accounts, accounts), sheetOf(sourceTables.reps, data.reps)];
  if (!withScenario) return out;
  const scenario = {
    Scenario: SAMPLE_SCENARIO,
    Created: serialFromDate({ year: FISCAL_YEAR - 1, month: 11, day: 27 }),
    Note: "FY27 rules: balance within 5%, move at most 20% of accounts",
    State: "Active",
  };
  const cells = (spec: TableSpec, rows: PlanRow[]) => toCells(headerOf(spec), rows);
  out.push(
    sheetOf(tables.scenarios, cells(tables.scenarios, [scenario])),
    sheetOf(
      tables.scenarioSettings,
      cells(tables.scenarioSettings, settingsRows(SAMPLE_SCENARIO, SAMPLE_RUN))
    )
  );
  return out;
}

// ------------------------------------------------------------------ the new parts, as Excel writes them
/** The characters XML 1.0 cannot hold, which Excel stores as _xHHHH_: control characters are the point here. */
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** Text for an element or attribute: a literal _xHHHH_ escaped as Excel does, characters XML cannot hold as _xHHHH_. */
function xmlText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(ILLEGAL, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function cellXml(ref: string, value: CellValue): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  const text = String(value);
  const space = text !== text.trim() || text.includes("\n") ? ' xml:space="preserve"' : "";
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function sheetXml(header: string[], rows: CellValue[][], withView: boolean): string {
  const width = header.length;
  const ref = `A1:${columnLetters(width - 1)}${rows.length + 1}`;
  const body = [header, ...rows]
    .map((cells, i) => {
      const xml = cells.map((v, j) => cellXml(`${columnLetters(j)}${i + 1}`, v)).join("");
      return `<row r="${i + 1}" spans="1:${width}">${xml}</row>`;
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN}" xmlns:r="${RNS}"><dimension ref="${ref}"/>` +
    (withView ? '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' : "") +
    `<sheetFormatPr defaultRowHeight="15"/><sheetData>${body}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>'
  );
}

/** A table part as Excel writes one: no headerRowCount (the default, 1), totalsRowShown="0", an autoFilter. */
function tableXml(id: number, name: string, header: string[], rows: number): string {
  const ref = `A1:${columnLetters(header.length - 1)}${rows + 1}`;
  const columns = header
    .map((h, i) => `<tableColumn id="${i + 1}" name="${xmlText(h)}"/>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${header.length}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    "</table>"
  );
}

const sheetRelsXml = (tableTarget: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${RNS}/table" Target="${tableTarget}"/></Relationships>`;

// ------------------------------------------------------------------ editing the original
function insertBefore(
  text: string,
  closing: string,
  what: string,
  entry: (prefix: string) => string
): string {
  const found = [...text.matchAll(new RegExp(`</([\\w.-]+:)?${closing}\\s*>`, "g"))].pop();
  if (!found || found.index === undefined) throw new CannotInject(`${what} has no </${closing}>`);
  return text.slice(0, found.index) + entry(found[1] ?? "") + text.slice(found.index);
}

/** What the surgery needs to know of the original workbook, read from its text. */
interface Original {
  zip: JSZip;
  /** Part names by their lower-case form (OPC names compare case-insensitively). */
  parts: Map<string, string>;
  wb: string;
  wbDir: string;
  /** The edited parts' names and texts: workbook, its .rels, [Content_Types].xml. */
  texts: { wb: string; rels: string; types: string };
  names: { wbRels: string; types: string };
  /** Sheet, table and defined names in use (lower case), and the sheet and table ids. */
  taken: Set<string>;
  sheetIds: number[];
  tableIds: number[];
}

async function readOriginal(bytes: Uint8Array): Promise<Original> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    throw new CannotInject("OLE2 file (legacy .xls or encrypted package)");
  const zip = await JSZip.loadAsync(bytes).catch((e: Error) => {
    throw new CannotInject(`not a zip package (${e.message})`);
  });
  const parts = new Map(
    Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir)
      .map((n) => [n.toLowerCase(), n])
  );
  const read = async (name: string) =>
    (await zip.file(name)!.async("string")).replace(/^\uFEFF/, "");
  const types = parts.get("[content_types].xml");
  const rootRels = parts.get("_rels/.rels");
  if (!types || !rootRels)
    throw new CannotInject("no [Content_Types].xml or package relationships");
  const rootRelsText = await read(rootRels);
  if (rootRelsText.includes("purl.oclc.org/ooxml"))
    throw new CannotInject("Strict Open XML package (only Transitional parts are written here)");
  const office = tagsNamed(rootRelsText, "Relationship").find(
    (t) => attr(t, "Type") === `${RNS}/officeDocument` && attr(t, "TargetMode") !== "External"
  );
  const wb = office && parts.get(resolveTarget("", attr(office, "Target")!).toLowerCase());
  if (!wb) throw new CannotInject("no workbook part");
  const wbRels = parts.get(relsPartOf(wb).toLowerCase());
  if (!wbRels) throw new CannotInject("the workbook has no relationships part");
  const texts = { wb: await read(wb), rels: await read(wbRels), types: await read(types) };
  if (!/<(?:[\w.-]+:)?workbook\b/.test(texts.wb))
    throw new CannotInject("the workbook part is not a workbook");
  if (/<(?:[\w.-]+:)?sheets\s*\/>/.test(texts.wb))
    throw new CannotInject("workbook.xml has an empty <sheets/>");

  const taken = new Set<string>();
  const sheetIds: number[] = [];
  for (const tag of tagsNamed(texts.wb, "sheet")) {
    taken.add(unescapeXml(attr(tag, "name") ?? "").toLowerCase());
    sheetIds.push(Number(attr(tag, "sheetId") ?? 0));
  }
  for (const tag of tagsNamed(texts.wb, "definedName"))
    taken.add(unescapeXml(attr(tag, "name") ?? "").toLowerCase());
  const tableIds: number[] = [];
  for (const name of [...parts.values()].filter((n) => /\/tables\/[^/]+\.xml$/i.test(n))) {
    const root = tagsNamed(await read(name), "table")[0];
    if (!root) continue;
    for (const key of ["name", "displayName"]) taken.add((attr(root, key) ?? "").toLowerCase());
    tableIds.push(Number(attr(root, "id") ?? 0));
  }
  const wbDir = posix.dirname(wb) === "." ? "" : posix.dirname(wb);
  return { zip, parts, wb, wbDir, texts, names: { wbRels, types }, taken, sheetIds, tableIds };
}

export async function injectTables(
  bytes: Uint8Array,
  options: InjectOptions = {}
): Promise<Injected> {
  const original = await readOriginal(bytes);
  const { zip, parts, wbDir, texts } = original;
  const add = sheetsToAdd(options.accounts ?? 200, options.withScenario ?? false);
  for (const name of add.flatMap((s) => [s.sheet, s.table]))
    if (original.taken.has(name.toLowerCase()))
      throw new CannotInject(
        `the workbook already has a sheet, table or defined name called ${name}`
      );

  // Dates as this workbook counts them: a user typing them in a 1904 workbook gets lower serials.
  const date1904 = tagsNamed(texts.wb, "workbookPr").some((t) =>
    ["1", "true"].includes(attr(t, "date1904") ?? "")
  );
  const withView = /<(?:[\w.-]+:)?workbookView\b/.test(texts.wb);
  const relIds = new Set(tagsNamed(texts.rels, "Relationship").map((t) => attr(t, "Id")));
  const freePart = (pattern: (k: number) => string) => {
    let k = 1;
    while (parts.has(pattern(k).toLowerCase())) k++;
    parts.set(pattern(k).toLowerCase(), pattern(k));
    return pattern(k);
  };
  const freeRelId = () => {
    let k = 1000;
    while (relIds.has(`rId${k}`)) k++;
    relIds.add(`rId${k}`);
    return `rId${k}`;
  };
  // The workbook part's own prefixes, so the new entries read as the rest of it does.
  const rPrefix = new RegExp(
    `xmlns:([\\w.-]+)\\s*=\\s*["']${RNS.replace(/[./]/g, "\\$&")}["']`
  ).exec(texts.wb)?.[1];
  const mainPrefix = /<\/([\w.-]+:)?sheets\s*>/.exec(texts.wb)?.[1] ?? "";

  const added: string[] = [];
  const entries = { sheets: [] as string[], rels: [] as string[], types: [] as string[] };
  let sheetId = Math.max(0, ...original.sheetIds) + 1;
  let tableId = Math.max(0, ...original.tableIds) + 1;
  // No folder entries (jszip would add them; Excel writes none).
  const newEntry = {
    date: new Date(Date.UTC(1980, 0, 1)),
    compression: "DEFLATE" as const,
    createFolders: false,
  };
  for (const s of add) {
    const dates = s.spec.columns.flatMap((c, i) => (c.type === "date" ? [i] : []));
    const rows = s.rows.map((cells) =>
      cells.map((v, i) =>
        date1904 && dates.includes(i) && typeof v === "number" ? v - DAYS_1904 : v
      )
    );
    const sheetPart = freePart((k) => posix.join(wbDir, "worksheets", `sheet${k}.xml`));
    const tablePart = freePart((k) => posix.join(wbDir, "tables", `table${k}.xml`));
    const tableTarget = posix.relative(posix.dirname(sheetPart), tablePart);
    zip.file(sheetPart, sheetXml(s.header, rows, withView), newEntry);
    zip.file(relsPartOf(sheetPart), sheetRelsXml(tableTarget), newEntry);
    zip.file(tablePart, tableXml(tableId++, s.table, s.header, rows.length), newEntry);
    added.push(sheetPart, relsPartOf(sheetPart), tablePart);
    const rid = freeRelId();
    const id = rPrefix ? `${rPrefix}:id="${rid}"` : `xmlns:r="${RNS}" r:id="${rid}"`;
    entries.sheets.push(
      `<${mainPrefix}sheet name="${xmlText(s.sheet)}" sheetId="${sheetId++}" ${id}/>`
    );
    const target = posix.relative(wbDir || ".", sheetPart);
    entries.rels.push(`Relationship Id="${rid}" Type="${RNS}/worksheet" Target="${target}"/>`);
    entries.types.push(
      `Override PartName="/${sheetPart}" ContentType="${CT_SHEET}"/>`,
      `Override PartName="/${tablePart}" ContentType="${CT_TABLE}"/>`
    );
  }
  const prefixed = (list: string[]) => (prefix: string) =>
    list.map((e) => `<${prefix}${e}`).join("");
  const edited = new Map([
    [original.wb, insertBefore(texts.wb, "sheets", "workbook.xml", () => entries.sheets.join(""))],
    [
      original.names.wbRels,
      insertBefore(
        texts.rels,
        "Relationships",
        "the workbook relationships",
        prefixed(entries.rels)
      ),
    ],
    [
      original.names.types,
      insertBefore(texts.types, "Types", "[Content_Types].xml", prefixed(entries.types)),
    ],
  ]);
  for (const [name, text] of edited) {
    const hadBom = (await zip.file(name)!.async("uint8array"))[0] === 0xef;
    // Same name, place in the zip and timestamp; only the content is new.
    zip.file(name, (hadBom ? "\uFEFF" : "") + text, {
      date: zip.files[name].date,
      compression: "DEFLATE",
      createFolders: false,
    });
  }
  for (const name of storedEntries(bytes)) {
    const entry = zip.files[name];
    if (!entry || entry.dir || edited.has(name)) continue;
    zip.file(name, await entry.async("uint8array"), {
      binary: true,
      compression: "STORE",
      createFolders: false,
      date: entry.date,
      unixPermissions: entry.unixPermissions,
      dosPermissions: entry.dosPermissions,
    });
  }
  return {
    bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
    changed: [...edited.keys()],
    added,
    sheets: add.map((s) => ({ sheet: s.sheet, table: s.table })),
    accounts: add[0].rows.length,
    reps: add[1].rows.length,
  };
}
