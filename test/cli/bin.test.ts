/**
 * The real command, `node bin/sales-plan.cjs …` in a child process: what the in-process tests
 * cannot see (tsx loading the sources, main.ts turning runCli's result into the process's exit
 * code, stdout and stderr as a terminal gets them, no lock left once the process has ended).
 * Two tests: a full run that succeeds and a run that refuses, both on the six-account plan of
 * smallPlan.ts, so each process spends its time starting (about 2 s under tsx) rather than
 * balancing (the sample's 2000 accounts are balanced in Chromium by test/e2e).
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openPlanFile } from "../../src/cli/planFile";
import { historySpec, tables } from "../../src/workbook/schema";
import { storedScenarios } from "../../src/workbook/scenarioTables";
import { ACCOUNTS, REPS, SCENARIO, smallPlan } from "./smallPlan";

// SALES_PLAN_BIN runs these two tests against another build of the command (an older
// checkout); every other command-line test runs this checkout's src/cli in process.
const BIN = process.env.SALES_PLAN_BIN ?? resolve(__dirname, "../../bin/sales-plan.cjs");

const dir = mkdtempSync(join(tmpdir(), "sales-plan-cli-"));
const small = join(dir, "small.xlsx");

beforeAll(async () => writeFileSync(small, await smallPlan()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The plan in a file, read the way the command line reads it. */
const planIn = async (file: string) => (await openPlanFile(file)).store.load();

describe("bin/sales-plan.cjs in a child process", () => {
  it("runs territories then quotas with the rules stored in the workbook, writes them back and keeps the previous rows", async () => {
    const file = join(dir, "run.xlsx");
    copyFileSync(small, file);
    const territories = cli("territories", file);
    expect(territories.code).toBe(0);
    expect(territories.stdout).toMatch(
      /Scenario FY27 Base: 6 account\(s\) assigned to 3 rep\(s\), 0 unassigned\./
    );
    const quotas = cli("quotas", file, "--json");
    expect(quotas.code).toBe(0);
    const result = JSON.parse(quotas.stdout) as { tiesOut: boolean; reps: { annual: number }[] };
    expect(result.tiesOut).toBe(true);
    expect(result.reps).toHaveLength(REPS.length);

    const plan = await planIn(file);
    expect(plan.problems).toEqual([]);
    const [base] = storedScenarios(plan);
    expect(base.territory.assignments).toHaveLength(ACCOUNTS.length);
    expect(base.quotas?.reps.map((r) => r.annual)).toEqual(result.reps.map((r) => r.annual));
    // Over-assignment 10% on the 1,000,000 company target: to the cent.
    const total = result.reps.reduce((s, r) => s + Math.round(r.annual * 100), 0);
    expect(total).toBe(110_000_000);

    // Running again keeps the first run's rows in the history table.
    expect(cli("territories", file).code).toBe(0);
    const history = await (
      await openPlanFile(file)
    ).driver.readTable(historySpec(tables.assignments));
    expect(history?.rows).toHaveLength(ACCOUNTS.length);
    // No lock file (.run.xlsx.sales-plan.lock) and no temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes("run.xlsx"))).toEqual(["run.xlsx"]);
  }, 120_000);

  it("territories --scenario Typo: exit 2, the refusal on stderr, the file as it was, no lock left", () => {
    const file = join(dir, "typo.xlsx");
    copyFileSync(small, file);
    expect(cli("territories", file, "--scenario", "Typo")).toEqual({
      code: 2,
      stdout: "",
      stderr: `sales-plan: no scenario named "Typo"; the workbook has "${SCENARIO}"\n`,
    });
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes("typo.xlsx"))).toEqual(["typo.xlsx"]);
  }, 120_000);
});
