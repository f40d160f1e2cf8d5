/**
 * The commands as a user runs them on the sample workbook and on broken copies: output, exit
 * codes, and what ends up in the file. They run in process (inProcess.ts); the real
 * `bin/sales-plan.cjs` in a child process is in bin.test.ts. (program.test.ts covers the lock, the file checks and each kind of failure on
 * small plans.)
 */
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { sampleData, sourceTables, writeSamplePlan } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { tables, TableSpec } from "../../src/workbook/schema";
import type { CellValue } from "../../src/workbook/rows";
import { lockPathFor, releaseAllLocks } from "../../src/cli/lock";
import { salesPlan } from "./inProcess";
import { smallPlan } from "./smallPlan";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-cli-"));
const sample = join(dir, "sample.xlsx");
const small = join(dir, "small.xlsx");

const cli = (...args: string[]) => salesPlan(args);

interface CellEdit {
  table: TableSpec;
  /** Index of the data row (0 is the row below the header). */
  row: number;
  column: string;
  value: CellValue;
}

/** A copy of `from` with some cells of its tables changed, as a user would type them. */
async function withCells(from: string, to: string, edits: CellEdit[]): Promise<void> {
  const driver = await PackageDriver.fromBuffer(readFileSync(from));
  for (const table of new Set(edits.map((e) => e.table))) {
    const raw = (await driver.readTable(table))!;
    const header = raw.header.map(String);
    const rows = raw.rows.map((r) => [...r] as CellValue[]);
    for (const edit of edits.filter((e) => e.table === table))
      rows[edit.row][header.indexOf(edit.column)] = edit.value;
    await driver.writeTable(table, header, rows);
  }
  writeFileSync(to, await driver.toBuffer());
}

beforeAll(async () => {
  const driver = await PackageDriver.blank();
  await writeSamplePlan(driver);
  writeFileSync(sample, await driver.toBuffer());
  writeFileSync(small, await smallPlan());
});
afterEach(releaseAllLocks);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sales-plan", () => {
  it("validates the sample: no problems, exit 0", async () => {
    const run = await cli("validate", sample);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^No problems: 2 V2MOM\(s\), 1 scenario\(s\)/);
  });

  it("compares two scenarios, the second saved with --save-as", async () => {
    const file = join(dir, "compare.xlsx");
    copyFileSync(small, file);
    expect((await cli("territories", file)).code).toBe(0);
    expect((await cli("territories", file, "--save-as", "Unconstrained")).code).toBe(0);
    const run = await cli("compare", file, "FY27 Base", "Unconstrained", "--json");
    expect(run.code).toBe(0);
    const comparison = JSON.parse(run.stdout) as {
      a: string;
      b: string;
      moves: unknown[];
      metrics: { metric: string }[];
    };
    expect(comparison).toMatchObject({ a: "FY27 Base", b: "Unconstrained" });
    expect(comparison.metrics.map((m) => m.metric)).toContain("continuity");
    expect(await cli("compare", file, "FY27 Base", "Nope")).toMatchObject({ code: 2 });
  });

  // The sample's 2,000 accounts balanced by the real binary: seconds on a loaded machine.
  it("territories says how low the routing lets the largest deviation go, why, and what would lift it", async () => {
    const file = join(dir, "floor.xlsx");
    copyFileSync(sample, file);
    // APAC accounts may go only to APAC reps: the floor is APAC's share of the potential over
    // its share of the capacity, minus 1, worked from the sample's own tables.
    const data = sampleData();
    const share = (rows: CellValue[][], region: number, value: number) =>
      rows.filter((r) => r[region] === "APAC").reduce((s, r) => s + Number(r[value]), 0) /
      rows.reduce((s, r) => s + Number(r[value]), 0);
    const potential = share(data.accounts, 2, 5);
    const capacity = share(data.reps, 3, 6);
    const floor = potential / capacity - 1;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const run = await cli("territories", file);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[2]).toBe(
      `  No assignment the routing rules allow brings the largest deviation below ${pct(floor)}: the ±5.0% band cannot be met.`
    );
    expect(lines[3]).toMatch(
      new RegExp(
        `^  APAC accounts can go only to R004, R009, R014 and 2 more: ${pct(potential)} of the potential on ${pct(capacity)} of the capacity\\. ` +
          "Adding [0-9.]+ FTE \\([0-9.]+ to the APAC reps; .*\\) would bring the floor to 5\\.0%\\.$"
      )
    );
    const json = JSON.parse((await cli("territories", file, "--json")).stdout) as {
      metrics: { maxAbsDeviation: number };
      lowestPossibleDeviation: number;
      binding: { direction: string; repIds: string[]; segment: { regions: string[] | null } }[];
    };
    expect(json.lowestPossibleDeviation).toBeCloseTo(floor, 12);
    expect(json.metrics.maxAbsDeviation).toBeGreaterThanOrEqual(
      json.lowestPossibleDeviation - 1e-12
    );
    expect(json.binding).toMatchObject([
      {
        direction: "over",
        repIds: ["R004", "R009", "R014", "R019", "R024"],
        segment: { regions: ["APAC"] },
      },
    ]);
  }, 120_000);

  it("territories --scenario Typo refuses with exit 2, naming the scenarios there are, and writes nothing", async () => {
    const file = join(dir, "typo.xlsx");
    copyFileSync(small, file);
    const before = readFileSync(file);
    expect(await cli("territories", file, "--scenario", "Typo")).toMatchObject({
      code: 2,
      stderr: 'sales-plan: no scenario named "Typo"; the workbook has "FY27 Base"\n',
    });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("reports every problem in a hand-broken copy, located, with exit 1, and changes nothing", async () => {
    const file = join(dir, "broken.xlsx");
    // Accounts row index 3 is sheet row 5; V2MOM Items row index 1 is sheet row 3.
    await withCells(sample, file, [
      { table: sourceTables.accounts, row: 3, column: "Potential", value: "a lot" },
      { table: tables.v2momItems, row: 1, column: "Rank", value: "second" },
    ]);
    const before = readFileSync(file);
    const validate = await cli("validate", file);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'V2MOM Items · D3 · Rank: Rank holds "second" where a number is needed'
    );
    expect(validate.stdout).toContain(
      'Accounts · F5 · Potential: Potential holds "a lot" where a number is needed'
    );
    const territories = await cli("territories", file);
    expect(territories.code).toBe(1);
    expect(territories.stderr).toContain("Accounts · F5 · Potential");
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);

  it("validate finds what territories refuses (duplicate id, negative potential, capacity 7)", async () => {
    const file = join(dir, "refused.xlsx");
    // Accounts rows 2 and 3 of the sheet get one id; row 4 a negative potential; rep row 3 a capacity of 7.
    await withCells(small, file, [
      { table: sourceTables.accounts, row: 1, column: "AccountId", value: "A1" },
      { table: sourceTables.accounts, row: 2, column: "Potential", value: -60 },
      { table: sourceTables.reps, row: 1, column: "Capacity", value: 7 },
    ]);
    const validate = await cli("validate", file);
    expect(validate.code).toBe(1);
    for (const place of [
      "Accounts · A3 · AccountId",
      "Accounts · F4 · Potential",
      "Reps · G3 · Capacity",
    ])
      expect(validate.stdout).toContain(place);
    expect((await cli("territories", file)).code).toBe(3);
  });

  it("refuses a second run while another process holds the file's lock (exit 2), leaving the file as it was", async () => {
    const file = join(dir, "locked-run.xlsx");
    copyFileSync(small, file);
    const before = readFileSync(file);
    // A live process that is not this one holds the lock, as a first run would; a process of
    // its own (not a command), so that it can then end and leave its lock stale.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"]);
    try {
      writeFileSync(
        lockPathFor(realpathSync(file)),
        JSON.stringify({
          pid: holder.pid,
          host: hostname(),
          started: "2026-03-01T09:00:00.000Z",
          command: "territories",
          token: "first-run",
        })
      );
      const second = await cli("territories", file);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(
        `locked-run.xlsx is in use by another sales-plan run (territories, process ${holder.pid} on ${hostname()}, started 2026-03-01T09:00:00.000Z)`
      );
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      holder.kill();
    }
    await new Promise((done) => holder.once("exit", done));
    // Its process gone, the lock is stale: the next run takes it over and releases it.
    expect((await cli("territories", file)).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes("locked-run"))).toEqual(["locked-run.xlsx"]);
  });

  it("replaces a file keeping its mode 600 and its symbolic link, and refuses a read-only one", async () => {
    const folder = join(dir, "modes");
    mkdirSync(join(folder, "shared"), { recursive: true });
    const privatePlan = join(folder, "private.xlsx");
    copyFileSync(small, privatePlan);
    chmodSync(privatePlan, 0o600);
    expect((await cli("territories", privatePlan)).code).toBe(0);
    expect(statSync(privatePlan).mode & 0o777).toBe(0o600);

    const shared = join(folder, "shared", "team.xlsx");
    copyFileSync(small, shared);
    const link = join(folder, "team.xlsx");
    symlinkSync(join("shared", "team.xlsx"), link);
    expect((await cli("territories", link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(shared).equals(readFileSync(small))).toBe(false);

    const readOnly = join(folder, "final.xlsx");
    copyFileSync(small, readOnly);
    chmodSync(readOnly, 0o444);
    const refused = await cli("territories", readOnly);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("final.xlsx is read-only; nothing was written");
    expect(readFileSync(readOnly).equals(readFileSync(small))).toBe(true);
    expect(readdirSync(folder).sort()).toEqual([
      "final.xlsx",
      "private.xlsx",
      "shared",
      "team.xlsx",
    ]);
    expect(readdirSync(join(folder, "shared"))).toEqual(["team.xlsx"]);
  });

  it("refuses a FIFO as --out and a directory as the plan file, with exit 2, without blocking", async () => {
    const fifo = join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    const run = await cli("territories", small, "--out", fifo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pipe.xlsx is a named pipe (FIFO), not a workbook file");
    mkdirSync(join(dir, "folder.xlsx"));
    expect(await cli("validate", join(dir, "folder.xlsx"))).toMatchObject({
      code: 2,
      stderr: `sales-plan: ${join(dir, "folder.xlsx")} is a directory, not a workbook file; give the path of an .xlsx file\n`,
    });
  });

  it("refuses files that are not plan workbooks, in words, with exit 2", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "Region,Potential\nEMEA,100\n");
    expect(await cli("validate", text)).toMatchObject({
      code: 2,
      stderr: "sales-plan: notes.xlsx is not an Excel workbook (.xlsx)\n",
    });
    const locked = join(dir, "locked.xlsx");
    writeFileSync(
      locked,
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
      ])
    );
    expect((await cli("validate", locked)).stderr).toMatch(
      /locked\.xlsx is password-protected or an old-format \.xls/
    );
    expect(await cli("validate", join(dir, "missing.xlsx"))).toMatchObject({ code: 2 });
    // A Word document is a zip too, but has no workbook part.
    const docx = new JSZip();
    docx.file(
      "[Content_Types].xml",
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    );
    docx.file(
      "_rels/.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    );
    docx.file("word/document.xml", "<w:document/>");
    const letter = join(dir, "letter.xlsx");
    writeFileSync(letter, await docx.generateAsync({ type: "uint8array" }));
    expect(await cli("validate", letter)).toMatchObject({
      code: 2,
      stderr:
        "sales-plan: letter.xlsx is a Word document, not an Excel workbook (it has no xl/workbook.xml part)\n",
    });
    const empty = join(dir, "empty.xlsx");
    writeFileSync(empty, await (await PackageDriver.blank()).toBuffer());
    const run = await cli("territories", empty, "--json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error:
        "no scenario in the workbook says which tables to use, and no Accounts and Reps tables were found",
    });
  });
});
