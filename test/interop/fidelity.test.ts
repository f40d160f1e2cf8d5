/**
 * Nothing lost (issue 12), on workbooks saved by real Excel (test/fixtures/excel-corpus): with an
 * Accounts and a Reps table added the way Excel would (and the sample's Active scenario), what
 * `sales-plan territories` and `sales-plan quotas` do, then a workbench save of a V2MOM, each
 * on the file the step before wrote, must keep every part the plan does not own (canonical
 * XML; binary parts by bytes), keep the user's tables as they were, add no validator error and
 * leave a file LibreOffice opens.
 *
 * FIDELITY_STEPS=<module> runs the same expectations on another implementation of the three
 * steps: a module exporting `runSteps(injected: Uint8Array): Promise<Uint8Array>`, such as the
 * code from before this issue (its ExcelJS adapter writes headerRowCount="0" on Excel's tables
 * and drops charts, pivot tables, comments, ...).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { quotas, territories } from "../../src/cli/commands";
import { sampleData } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { previousSheetName } from "../../src/workbook/report";
import { withExtraColumns } from "../../src/workbook/rows";
import { historySpec, infoSpec, tableNames, tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { REVIEW_SHEET } from "../../src/workbook/territoryReview";
import { V2MOM_SUMMARY_SHEET } from "../../src/workbook/v2momSummary";
import { v2momFromRows, v2momToRows } from "../../src/workbook/v2momTables";
import { parseCsv } from "../support/libreoffice";
import { CannotInject, injectTables } from "../support/injectTables";
import {
  PackageDiff,
  PackageReader,
  PackageTable,
  Validation,
  diffWorkbooks,
  literalGlob,
  newErrors,
  relsPartOf,
  validateWorkbook,
} from "../support/ooxml";

const CORPUS = join(__dirname, "../fixtures/excel-corpus");
const FILES = readdirSync(CORPUS)
  .filter((f) => /\.xls[xm]$/.test(f))
  .sort();

/** Sheets the plan owns and may rewrite: its tables' sheets and their history, Plan Info, its reports. */
const PLAN_SHEETS = new Set([
  ...tableNames.flatMap((name) => [tables[name].sheet, historySpec(tables[name]).sheet]),
  infoSpec.sheet,
  ...[REVIEW_SHEET, V2MOM_SUMMARY_SHEET].flatMap((s) => [s, previousSheetName(s)]),
]);
const PLAN_TABLES = new Set([
  ...tableNames.flatMap((name) => [tables[name].table, historySpec(tables[name]).table]),
  infoSpec.table,
]);

// ------------------------------------------------------------------ the steps, as the CLI and the workbench run them
type Step = (store: PlanStore) => Promise<boolean>;

const mustSucceed = (
  what: string,
  report: { exitCode: number; lines: string[]; changed: boolean }
) => {
  if (report.exitCode !== 0)
    throw new Error(`${what} exited ${report.exitCode}: ${report.lines.join("\n")}`);
  return report.changed;
};

const STEPS: [string, Step][] = [
  [
    "sales-plan territories",
    async (store) => mustSucceed("territories", await territories(store, {}, () => undefined)),
  ],
  ["sales-plan quotas", async (store) => mustSucceed("quotas", await quotas(store, undefined))],
  [
    "workbench V2MOM save",
    async (store) => {
      // What the V2MOM pane's save does (useV2moms): every document, the new one added, extra columns kept.
      const plan = await store.load();
      const t = plan.tables;
      const documents = v2momFromRows(t.v2momDocuments, t.v2momItems, t.v2momMeasures);
      const rows = v2momToRows([...documents, sampleData().documents[0]]);
      await store.save(plan, {
        v2momDocuments: withExtraColumns(
          tables.v2momDocuments,
          t.v2momDocuments,
          rows.v2momDocuments
        ),
        v2momItems: withExtraColumns(tables.v2momItems, t.v2momItems, rows.v2momItems),
        v2momMeasures: withExtraColumns(tables.v2momMeasures, t.v2momMeasures, rows.v2momMeasures),
      });
      return true;
    },
  ],
];

/** The steps in order, each on the file the one before wrote (as a user would run them). */
async function runSteps(injected: Uint8Array): Promise<Uint8Array> {
  let bytes = injected;
  for (const [what, step] of STEPS) {
    const driver = await PackageDriver.fromBuffer(bytes);
    try {
      if (await step(new PlanStore(driver))) bytes = await driver.toBuffer();
    } catch (error) {
      throw new Error(`${what} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  return bytes;
}

const ALTERNATIVE = process.env.FIDELITY_STEPS;
const IMPLEMENTATION = ALTERNATIVE ?? "PackageDriver";
const stepsUnderTest: (injected: Uint8Array) => Promise<Uint8Array> = ALTERNATIVE
  ? async (injected) =>
      ((await import(ALTERNATIVE)) as { runSteps: typeof runSteps }).runSteps(injected)
  : runSteps;

// ------------------------------------------------------------------ one workbook through every step
interface Outcome {
  injected: Uint8Array;
  result: Uint8Array;
  /** The validator's report on the result, and its findings the injected input did not have. */
  after: Validation;
  newFindings: string[];
  diff: PackageDiff;
  /** Lower-case names of the parts the plan owns, in the injected file and in the result. */
  owned: Set<string>;
  tablesBefore: Map<string, PackageTable>;
  tablesAfter: Map<string, PackageTable>;
}

/** The parts the plan may rewrite: workbook part, its .rels, content types, docProps, styles, strings, calcChain, its sheets. */
async function ownedParts(bytes: Uint8Array): Promise<Set<string>> {
  const pkg = await PackageReader.open(bytes);
  const wb = await pkg.workbookPart();
  const owned = await pkg.partsOfSheets(PLAN_SHEETS);
  for (const part of [wb, relsPartOf(wb), "[Content_Types].xml"]) owned.add(part.toLowerCase());
  for (const r of await pkg.relationships(wb))
    if (["styles", "sharedStrings", "calcChain"].includes(r.type))
      owned.add(r.target.toLowerCase());
  for (const name of pkg.names.keys()) if (name.startsWith("docprops/")) owned.add(name);
  return owned;
}

async function changedEntries(a: Uint8Array, b: Uint8Array): Promise<string[]> {
  const [za, zb] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const changed: string[] = [];
  for (const name of Object.keys(za.files).filter((n) => !za.files[n].dir)) {
    const other = zb.file(name);
    const [x, y] = await Promise.all([
      za.file(name)!.async("nodebuffer"),
      other?.async("nodebuffer"),
    ]);
    if (!y || !x.equals(y)) changed.push(name);
  }
  return changed;
}

interface Injection {
  injected: Uint8Array;
  /** Original entries whose content the injection changed. */
  changed: string[];
}

async function inject(file: string): Promise<Injection> {
  const original = readFileSync(join(CORPUS, file));
  const { bytes: injected } = await injectTables(original, { withScenario: true });
  return { injected, changed: await changedEntries(original, injected) };
}

async function runWorkbook(file: string, { injected }: Injection): Promise<Outcome> {
  const bytes = await stepsUnderTest(injected).catch((error: Error) => {
    throw new Error(`${file}: ${error.message}`);
  });
  const owned = new Set([...(await ownedParts(injected)), ...(await ownedParts(bytes))]);
  const notOwned = (part: string) => !owned.has(part.toLowerCase());
  const [after, differing, tablesBefore, tablesAfter] = await Promise.all([
    validateWorkbook(bytes),
    changedEntries(injected, bytes),
    PackageReader.open(injected).then((p) => p.tables()),
    PackageReader.open(bytes).then((p) => p.tables()),
  ]);
  // The slower checks only where they can change the verdict: the kit's canonical comparison
  // when a part the plan does not own has other bytes, the input's own findings when the
  // result has any (only new ones count).
  const diff = differing.some(notOwned)
    ? await diffWorkbooks(injected, bytes, [...owned].map(literalGlob))
    : { onlyInA: [], onlyInB: [], changed: [], same: [] };
  const newFindings = after.errors.length ? newErrors(await validateWorkbook(injected), after) : [];
  return { injected, result: bytes, after, newFindings, diff, owned, tablesBefore, tablesAfter };
}

/** Runs the workbooks two at a time (the validators are child processes), in corpus order. */
function runAll(files: readonly string[]): void {
  const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  files.forEach((file, i) => {
    const injection = lanes[i % 2].then(() => inject(file));
    const outcome = injection.then((input) => runWorkbook(file, input));
    lanes[i % 2] = outcome.catch(() => undefined);
    // Handled here; each test awaits its own and sees the error.
    injection.catch(() => undefined);
    injections.set(file, injection);
    outcomes.set(file, outcome);
  });
}

const injections = new Map<string, Promise<Injection>>();
const outcomes = new Map<string, Promise<Outcome>>();
beforeAll(() => runAll(FILES));
const outcomeOf = (file: string) => outcomes.get(file)!;

const userTables = (found: Map<string, PackageTable>) =>
  Object.fromEntries(
    [...found]
      .filter(([name]) => !PLAN_TABLES.has(name))
      .map(([name, t]) => [
        name,
        {
          ref: t.ref,
          columns: t.columns,
          headerRowCount: t.headerRowCount,
          totalsRowCount: t.totalsRowCount,
        },
      ])
  );

describe.each(FILES)(`${IMPLEMENTATION}: %s`, (file) => {
  it("is injected by changing only the workbook part, its relationships and content types", async () => {
    const { changed } = await injections.get(file)!;
    expect(changed.map((n) => n.replace(/^.*\//, "")).sort()).toEqual(
      ["[Content_Types].xml", "workbook.xml", "workbook.xml.rels"].sort()
    );
  }, 60_000);

  it("holds the plan's results afterwards: the 200 accounts assigned, quotas, the V2MOM", async () => {
    const { tablesAfter } = await outcomeOf(file);
    const dataRows = (name: string) => {
      const t = tablesAfter.get(name);
      const rows = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(t?.ref ?? "");
      return t && rows ? Number(rows[2]) - Number(rows[1]) + 1 - t.headerRowCount : 0;
    };
    // Without them every other check here would pass on a file the steps never wrote.
    expect(dataRows(tables.assignments.table)).toBe(200);
    expect(dataRows(tables.quotas.table)).toBeGreaterThan(0);
    expect(dataRows(tables.v2momDocuments.table)).toBe(1);
  }, 60_000);

  it("keeps every part the plan does not own, after territories, quotas and a workbench save", async () => {
    const { diff, owned } = await outcomeOf(file);
    const notOwned = (part: string) => !owned.has(part.toLowerCase());
    expect({ lost: diff.onlyInA.filter(notOwned), changed: diff.changed.filter(notOwned) }).toEqual(
      {
        lost: [],
        changed: [],
      }
    );
  }, 60_000);

  it("keeps the user's tables: name, range, columns, header row and totals row", async () => {
    const { tablesBefore, tablesAfter } = await outcomeOf(file);
    expect(userTables(tablesAfter)).toEqual(userTables(tablesBefore));
  }, 60_000);

  it("adds no validator error", async () => {
    const { after, newFindings } = await outcomeOf(file);
    expect({ newFindings, report: newFindings.length ? after.output : "" }).toEqual({
      newFindings: [],
      report: "",
    });
  }, 60_000);
});

// ------------------------------------------------------------------ the failures issue 12 lists, by name
describe(`${IMPLEMENTATION} on workbooks saved by Excel`, () => {
  it('keeps the header row of an Excel table that omits headerRowCount (never writes headerRowCount="0")', async () => {
    const { result } = await outcomeOf("WithTable.xlsx");
    const table = (await (await PackageReader.open(result)).tables()).get("Tabella1");
    expect(table?.headerRowCount).toBe(1);
    const zip = await JSZip.loadAsync(result);
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => /tables\/[^/]+\.xml$/.test(f.name))
        .map((f) => f.async("string"))
    );
    expect(parts.filter((xml) => /headerRowCount\s*=\s*["']0["']/.test(xml))).toEqual([]);
  }, 60_000);

  it.each(["WithThreeCharts.xlsx", "DataTableCities.xlsx", "chart-sheet.xlsx"])(
    "keeps the charts, drawings and pivot tables of %s",
    async (file) => {
      const { injected, result } = await outcomeOf(file);
      const features = async (bytes: Uint8Array) =>
        Object.keys((await JSZip.loadAsync(bytes)).files)
          .filter((n) =>
            /^xl\/(charts|drawings|chartsheets|pivotTables|pivotCache)\/[^/]+\.xml$/.test(n)
          )
          .sort();
      expect(await features(result)).toEqual(await features(injected));
    },
    60_000
  );

  it("stores dates as the workbook's date system counts them (1904: 1,462 days lower)", async () => {
    const startDate = async (file: string) => {
      const pkg = await PackageReader.open((await outcomeOf(file)).injected);
      const reps = (await pkg.sheets()).find((s) => s.name === "Reps")!;
      return Number(/<c r="H26"><v>([^<]+)<\/v>/.exec(await pkg.text(reps.part))![1]);
    };
    expect((await startDate("WithTable.xlsx")) - (await startDate("1904.xlsx"))).toBe(1462);
  }, 60_000);

  it("refuses to inject into a workbook that already has an Accounts sheet", async () => {
    await expect(injectTables((await outcomeOf("WithTable.xlsx")).injected)).rejects.toThrow(
      CannotInject
    );
  }, 60_000);
});

// ------------------------------------------------------------------ LibreOffice, once over every result
function convertAll(paths: string[], outDir: string): Promise<void> {
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  const args = [
    "--headless",
    "--norestore",
    `-env:UserInstallation=file://${outDir}/profile`,
    "--convert-to",
    filter,
    "--outdir",
    outDir,
    ...paths,
  ];
  return new Promise((done, fail) =>
    execFile("soffice", args, { timeout: 180_000 }, (error) => (error ? fail(error) : done()))
  );
}

it(`LibreOffice opens every result of ${IMPLEMENTATION} and reads the Accounts table`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "fidelity-lo-"));
  try {
    const results = await Promise.all(
      FILES.map(async (file) => {
        const outcome = await outcomeOf(file).catch(() => undefined);
        if (!outcome) return undefined;
        const path = join(dir, file);
        writeFileSync(path, outcome.result);
        return path;
      })
    );
    await convertAll(
      results.filter((p): p is string => !!p),
      dir
    );
    const accountRows = FILES.map((file) => {
      const csv = join(dir, `${file.replace(/\.xls[xm]$/, "")}-Accounts.csv`);
      return [file, existsSync(csv) ? parseCsv(readFileSync(csv, "utf8")).length : "no result"];
    });
    expect(accountRows).toEqual(FILES.map((file) => [file, 201]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
