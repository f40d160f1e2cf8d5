/**
 * The command line as a user runs it (`node bin/sales-plan.cjs …` in a child process) on the
 * sample workbook and on broken copies: output, exit codes, and what ends up in the file.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeSamplePlan } from "../../src/sample/samplePlan";
import { storedScenarios } from "../../src/workbook/scenarioTables";
import { PlanStore } from "../../src/workbook/store";
import { XlsxDriver } from "../../src/workbook/xlsxDriver";

const BIN = resolve(__dirname, "../../bin/sales-plan.cjs");
const dir = mkdtempSync(join(tmpdir(), "sales-plan-cli-"));
const sample = join(dir, "sample.xlsx");

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [BIN, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const planIn = async (file: string) =>
  new PlanStore(await XlsxDriver.fromBuffer(readFileSync(file))).load();

beforeAll(async () => {
  const driver = new XlsxDriver();
  await writeSamplePlan(driver);
  writeFileSync(sample, await driver.toBuffer());
});

describe("sales-plan", () => {
  it("validates the sample: no problems, exit 0", () => {
    const run = cli("validate", sample);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^No problems: 2 V2MOM\(s\), 1 scenario\(s\)/);
  });

  it("runs territories then quotas with the rules stored in the workbook, writes them back and keeps the previous rows", async () => {
    const file = join(dir, "run.xlsx");
    copyFileSync(sample, file);
    const territories = cli("territories", file);
    expect(territories.code).toBe(0);
    expect(territories.stdout).toMatch(
      /Scenario FY27 Base: 2000 account\(s\) assigned to 25 rep\(s\), 0 unassigned\./
    );
    const quotas = cli("quotas", file, "--json");
    expect(quotas.code).toBe(0);
    const result = JSON.parse(quotas.stdout) as { tiesOut: boolean; reps: { annual: number }[] };
    expect(result.tiesOut).toBe(true);
    expect(result.reps).toHaveLength(25);

    const plan = await planIn(file);
    expect(plan.problems).toEqual([]);
    const [base] = storedScenarios(plan);
    expect(base.territory.assignments).toHaveLength(2000);
    expect(base.quotas?.reps.map((r) => r.annual)).toEqual(result.reps.map((r) => r.annual));
    // Over-assignment 10% on a 60,000,000 target, split over three managers' teams: within a cent a team.
    const total = result.reps.reduce((s, r) => s + Math.round(r.annual * 100), 0);
    expect(Math.abs(total - 6_600_000_000)).toBeLessThanOrEqual(3);

    // Running again keeps the first run's rows in the history table.
    expect(cli("territories", file).code).toBe(0);
    const history = (await XlsxDriver.fromBuffer(readFileSync(file))).workbook.getWorksheet(
      "Assignments History"
    );
    expect(history?.rowCount).toBe(2001);
  }, 180_000);

  it("compares two scenarios", () => {
    const file = join(dir, "compare.xlsx");
    copyFileSync(sample, file);
    expect(cli("territories", file).code).toBe(0);
    expect(cli("territories", file, "--scenario", "Unconstrained").code).toBe(0);
    const run = cli("compare", file, "FY27 Base", "Unconstrained", "--json");
    expect(run.code).toBe(0);
    const comparison = JSON.parse(run.stdout) as {
      a: string;
      b: string;
      moves: unknown[];
      metrics: { metric: string }[];
    };
    expect(comparison).toMatchObject({ a: "FY27 Base", b: "Unconstrained" });
    expect(comparison.metrics.map((m) => m.metric)).toContain("continuity");
    expect(cli("compare", file, "FY27 Base", "Nope")).toMatchObject({ code: 2 });
  }, 120_000);

  it("reports every problem in a hand-broken copy, located, with exit 1, and changes nothing", async () => {
    const file = join(dir, "broken.xlsx");
    const driver = await XlsxDriver.fromBuffer(readFileSync(sample));
    driver.workbook.getWorksheet("Accounts")!.getCell("F5").value = "a lot";
    driver.workbook.getWorksheet("V2MOM Items")!.getCell("D3").value = "second";
    writeFileSync(file, await driver.toBuffer());
    const before = readFileSync(file);
    const validate = cli("validate", file);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'V2MOM Items · D3 · Rank: Rank holds "second" where a number is needed'
    );
    expect(validate.stdout).toContain(
      'Accounts · F5 · Potential: Potential holds "a lot" where a number is needed'
    );
    const territories = cli("territories", file);
    expect(territories.code).toBe(1);
    expect(territories.stdout).toContain("Accounts · F5 · Potential");
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);

  it("refuses files that are not plan workbooks, in words, with exit 2", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "Region,Potential\nEMEA,100\n");
    expect(cli("validate", text)).toMatchObject({
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
    expect(cli("validate", locked).stderr).toMatch(
      /locked\.xlsx is password-protected or an old-format \.xls/
    );
    expect(cli("validate", join(dir, "missing.xlsx"))).toMatchObject({ code: 2 });
    const empty = join(dir, "empty.xlsx");
    const driver = new XlsxDriver();
    driver.workbook.addWorksheet("Sheet1");
    writeFileSync(empty, await driver.toBuffer());
    const run = cli("territories", empty, "--json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error:
        "no scenario in the workbook says which tables to use, and no Accounts and Reps tables were found",
    });
  }, 120_000);
});
