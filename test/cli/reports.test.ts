/**
 * The report commands (`review`, `summary`) and how `compare` prints its figures, in process
 * on small plans: what they write, what they refuse and with which exit code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceTables, writeSamplePlan } from "../../src/sample/samplePlan";
import { serialFromDate } from "../../src/domain/calendar";
import { PackageDriver } from "../../src/workbook/packageDriver";
import type { CellValue } from "../../src/workbook/rows";
import { PlanStore } from "../../src/workbook/store";
import { REVIEW_SHEET } from "../../src/workbook/territoryReview";
import { V2MOM_SUMMARY_SHEET } from "../../src/workbook/v2momSummary";
import { sheetsAsCsv } from "../support/libreoffice";
import { salesPlan } from "./inProcess";
import { writtenBook } from "./reportSheets";
import { SCENARIO, smallPlan } from "./smallPlan";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-reports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => salesPlan(args);
const zh = (...args: string[]) => salesPlan(args, {}, { LANG: "zh_CN.UTF-8" });

async function fileWith(name: string, bytes: Promise<Uint8Array> | Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, await bytes);
  return path;
}

describe("sales-plan review", () => {
  it("refuses a scenario with no stored results (exit 1), saying what to run, and writes nothing", async () => {
    const path = await fileWith("unrun.xlsx", smallPlan());
    const before = readFileSync(path);
    const result = await cli("review", path);
    expect(result.code).toBe(1);
    // A refusal, so on stderr after the program's name, as every other refusal.
    expect([result.stdout, result.stderr]).toEqual([
      "",
      `sales-plan: the scenario "${SCENARIO}" has no stored results; run \`sales-plan territories\` first (and \`sales-plan quotas\` for its quotas)\n`,
    ]);
    expect(readFileSync(path).equals(before)).toBe(true);
    const chinese = await zh("review", path);
    expect(chinese.code).toBe(1);
    expect(chinese.stderr).toContain("没有已保存的结果；请先运行 `sales-plan territories`");
  });

  it("writes the review of the stored results: reps by name, their manager, the tie-out at each level", async () => {
    const path = await fileWith("run.xlsx", smallPlan());
    expect((await cli("territories", path)).code).toBe(0);
    expect((await cli("quotas", path)).code).toBe(0);
    const result = await cli("review", path, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      sheet: REVIEW_SHEET,
      // The file had no review before: no copy was kept.
      previous: null,
      scenario: SCENARIO,
      reps: 3,
      quotas: true,
      managerQuotas: true,
    });
    const bytes = readFileSync(path);
    expect((await writtenBook(bytes)).sheets).toContain(REVIEW_SHEET);
    const csv = (await sheetsAsCsv(bytes))(REVIEW_SHEET);
    const header = csv.findIndex((row) => row[0] === "Rep");
    // smallPlan's reps Ann, Bo and Cy, all under M1, by name.
    expect(csv.slice(header + 1, header + 4).map((row) => row.slice(0, 2))).toEqual([
      ["Ann", "M1"],
      ["Bo", "M1"],
      ["Cy", "M1"],
    ]);
    // smallPlan's company target of 1,000,000 to M1 (no hedge), and M1's quota over-assigned
    // by the default 10% to the reps, as LibreOffice sums them: every difference is 0.
    const level = csv.findIndex((row) => row[0] === "Level");
    expect(csv.slice(level + 1, level + 4).map((row) => [row[0], Number(row[6])])).toEqual([
      ["Company target", 0],
      ["M1", 0],
      ["Sum of rep quotas", 0],
    ]);
    expect([csv[level + 1][3], csv[level + 2][4], csv[level + 3][5]].map(Number)).toEqual([
      1_000_000, 1_100_000, 1_100_000,
    ]);
  }, 120_000);

  it("leaves the managers' quotas out when the reps changed since the quotas were set, and says so", async () => {
    const path = await fileWith("changed.xlsx", smallPlan());
    expect((await cli("territories", path)).code).toBe(0);
    expect((await cli("quotas", path)).code).toBe(0);
    // Cy (rep R3, row 4 of the Reps sheet) now starts mid-year: ramped, so weighted less.
    const driver = await PackageDriver.fromBuffer(readFileSync(path));
    const reps = (await driver.readTable(sourceTables.reps))!;
    const rows = reps.rows.map((r) => [...r] as CellValue[]);
    rows[2][reps.header.indexOf("StartDate")] = serialFromDate({ year: 2027, month: 7, day: 1 });
    await driver.writeTable(sourceTables.reps, reps.header.map(String), rows);
    writeFileSync(path, await driver.toBuffer());

    const result = await cli("review", path);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[1]).toBe(
      "  The managers' own quotas are left out: the accounts, reps or settings have changed since the quotas were set (run `sales-plan quotas` again to show them)."
    );
    const csv = (await sheetsAsCsv(readFileSync(path)))(REVIEW_SHEET);
    const level = csv.findIndex((row) => row[0] === "Level");
    // The company line sums the stored rep quotas (the roll-up by manager) against the target.
    expect(csv.slice(level + 1, level + 3).map((row) => row[0])).toEqual([
      "Company target",
      "Over-assignment (sum − target)",
    ]);
    expect(Number(csv[level + 1][5])).toBe(1_100_000);
    expect(Number(csv[level + 1][6])).toBe(100_000);
  }, 120_000);

  it("says when the scenario has no quotas yet, and writes --out only as asked", async () => {
    const path = await fileWith("territories-only.xlsx", smallPlan());
    expect((await cli("territories", path)).code).toBe(0);
    const before = readFileSync(path);
    const out = join(dir, "review-copy.xlsx");
    const result = await cli("review", path, "--scenario", SCENARIO, "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      // The file had no review before: there is no earlier one to speak of.
      `The sheet "Territory Review" now holds the review of ${SCENARIO} (3 rep(s)).\n` +
        `  ${SCENARIO} has no quotas yet, so the sheet has no tie-out: run \`sales-plan quotas\` to add them.\n` +
        `Written to ${out}; the file read is unchanged.\n`
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await writtenBook(readFileSync(out))).sheets).toContain(REVIEW_SHEET);
    // The --out file is there now: replaced only with --force, refused before any work.
    const again = await cli("review", path, "--out", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect((await cli("review", path, "--out", out, "--force")).code).toBe(0);
  });

  it("refuses an unknown scenario (exit 2, listing the ones there are) and a missing file argument (exit 2)", async () => {
    const path = await fileWith("unknown.xlsx", smallPlan());
    const result = await cli("review", path, "--scenario", "Nope");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `sales-plan: no scenario named "Nope"; the workbook has "${SCENARIO}"\n`
    );
    expect((await cli("review")).code).toBe(2);
    expect((await cli("summary")).code).toBe(2);
    expect((await cli("review", path, "--scenario")).code).toBe(2);
  });
});

describe("sales-plan summary", () => {
  let sample: string;
  beforeAll(async () => {
    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    sample = await fileWith("sample.xlsx", driver.toBuffer());
  }, 60_000);

  it("writes the V2MOM Summary sheet of the latest fiscal year by default", async () => {
    const path = await fileWith("summary.xlsx", readFileSync(sample));
    const result = await cli("summary", path, "--json");
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as { sheet: string; year: number; documents: string[] };
    expect(data.sheet).toBe(V2MOM_SUMMARY_SHEET);
    // The sample's V2MOMs are all of FY2027 (the company's and its cascade).
    expect(data.year).toBe(2027);
    expect(data.documents.length).toBeGreaterThan(1);
    const book = await writtenBook(readFileSync(path));
    expect(book.sheets).toContain(V2MOM_SUMMARY_SHEET);
    expect(await book.sheetXml(V2MOM_SUMMARY_SHEET)).toContain("V2MOM FY2027");
  }, 60_000);

  it("in Chinese, writes the statuses in Chinese, and colours those words", async () => {
    const path = await fileWith("summary-zh.xlsx", readFileSync(sample));
    expect((await zh("summary", path)).code).toBe(0);
    const book = await writtenBook(readFileSync(path));
    const xml = await book.sheetXml(V2MOM_SUMMARY_SHEET);
    // The status formulas give 正常 / 有风险 / 偏离 (the pane's words), and the conditional
    // formats look for those words, not for "On track".
    const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1].replace(/&quot;/g, '"'));
    expect(formulas.filter((f) => /"正常".*"有风险".*"偏离"/.test(f)).length).toBeGreaterThan(0);
    expect(xml).toContain('text="正常"');
    expect(xml).not.toContain("On track");
  }, 60_000);

  it("refuses a year with no V2MOM (listing the years) and a year that is not one: exit 2, on stderr", async () => {
    const path = await fileWith("summary-years.xlsx", readFileSync(sample));
    const before = readFileSync(path);
    const none = await cli("summary", path, "--year", "2031");
    expect(none).toEqual({
      code: 2,
      stdout: "",
      stderr: "sales-plan: no V2MOM for fiscal year 2031; the workbook has V2MOMs for 2027\n",
    });
    const bad = await cli("summary", path, "--year", "FY27");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "sales-plan: --year FY27: give a fiscal year of four digits, such as 2027\n"
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  }, 60_000);

  it("refuses a plan with no V2MOMs (exit 1)", async () => {
    const path = await fileWith("no-v2mom.xlsx", smallPlan());
    expect(await cli("summary", path)).toEqual({
      code: 1,
      stdout: "",
      stderr: "sales-plan: the workbook has no V2MOMs to summarise\n",
    });
  });
});

describe("sales-plan compare prints figures as the pane does", () => {
  /** Two stored scenarios with round figures; only A has quotas. */
  async function twoScenarios(): Promise<string> {
    const driver = await PackageDriver.blank();
    const store = new PlanStore(driver);
    const scenario = (name: string, m: (number | null)[]) => ({
      Scenario: name,
      Created: 46000,
      Note: null,
      State: name === "A" ? "Active" : "Draft",
      MaxDeviation: m[0],
      CV: m[1],
      Gini: m[2],
      MaxMinRatio: m[3],
      AccountsMoved: m[4],
      Continuity: m[5],
    });
    const rep = (name: string, repId: string, potential: number) => ({
      Scenario: name,
      RepId: repId,
      Accounts: 10,
      Potential: potential,
      Workload: 10,
      Load: 0.5,
      Target: 0.5,
      Deviation: 0,
    });
    await store.save(await store.load(), {
      scenarios: [
        scenario("A", [0.125, 0.0512, 0.031, 1.25, 3, 0.9]),
        scenario("B", [0.05, 0.02, 0.012, null, 7, 0.75]),
      ],
      repSummary: [
        rep("A", "R1", 1_250_000),
        rep("A", "R2", 750_000),
        rep("B", "R1", 1_000_000),
        rep("B", "R2", 1_000_000),
      ],
      quotas: [
        { Scenario: "A", RepId: "R1", Annual: 1_200_000 },
        { Scenario: "A", RepId: "R2", Annual: 800_000 },
      ],
    });
    return fileWith("compare.xlsx", driver.toBuffer());
  }

  it("shares as percentages, ratios to 2–3 decimals, money with separators, quotas left out where B has none", async () => {
    const path = await twoScenarios();
    const result = await cli("compare", path, "A", "B");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "0 account(s) have a different rep in B than in A.",
      "  Largest deviation: 12.5% → 5.0% (-7.5%)",
      "  Coefficient of variation: 0.051 → 0.020 (-0.031)",
      "  Gini of potential per FTE: 0.031 → 0.012 (-0.019)",
      "  Highest ÷ lowest potential per FTE: 1.25 → — (—)",
      "  Accounts moved: 3 → 7 (+4)",
      "  Continuity (kept owner): 90.0% → 75.0% (-15.0%)",
      "Quotas are not compared: B has no quotas yet (run `sales-plan quotas`).",
      "  R1: potential -250,000",
      "  R2: potential +250,000",
      "",
    ]);
    const chinese = await zh("compare", path, "A", "B");
    expect(chinese.stdout).toContain("  最大偏差：12.5% → 5.0%（变化 -7.5%）\n");
  });

  it("says so when a scenario is compared with itself", async () => {
    const path = await twoScenarios();
    const result = await cli("compare", path, "A", "A");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "A is compared with itself: nothing can differ.",
      "0 account(s) have a different rep in A than in A.",
    ]);
  });

  it("--json keeps the numbers", async () => {
    const path = await twoScenarios();
    const data = JSON.parse((await cli("compare", path, "A", "B", "--json")).stdout) as {
      metrics: { metric: string; a: number | null; b: number | null }[];
      reps: { repId: string; potentialDelta: number; quotaA?: number }[];
    };
    expect(data.metrics[0]).toEqual({
      metric: "maxAbsDeviation",
      a: 0.125,
      b: 0.05,
      delta: 0.05 - 0.125,
    });
    expect(data.reps.map((r) => [r.repId, r.potentialDelta, r.quotaA])).toEqual([
      ["R1", -250_000, 1_200_000],
      ["R2", 250_000, 800_000],
    ]);
  });
});

/** A workbook saved by Excel with charts and no plan in it (test/fixtures/excel-corpus). */
const EXCEL_WITH_CHARTS = join(__dirname, "../fixtures/excel-corpus/WithThreeCharts.xlsx");

describe("commands on a plan that is not there yet", () => {
  it("quotas before territories says to run territories first (exit 1), writing nothing", async () => {
    const path = await fileWith("quotas-first.xlsx", smallPlan());
    const before = readFileSync(path);
    const run = await cli("quotas", path);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `sales-plan: the scenario "${SCENARIO}" has no stored results; run \`sales-plan territories\` first (and \`sales-plan quotas\` for its quotas)\n`
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  }, 60_000);

  it("validate on a workbook with nothing of a plan says so (exit 2), not 'No problems'", async () => {
    const path = await fileWith("not-a-plan.xlsx", readFileSync(EXCEL_WITH_CHARTS));
    const run = await cli("validate", path);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "sales-plan: this workbook holds no plan: no V2MOMs, no scenarios, and no Accounts and Reps tables were found (open it in the add-in, or run `npm run sample` for an example)\n",
    });
  }, 60_000);

  it("review on a workbook with no scenarios says to run territories, not to name one", async () => {
    const path = await fileWith("no-scenarios.xlsx", readFileSync(EXCEL_WITH_CHARTS));
    const run = await cli("review", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "sales-plan: the workbook has no scenarios yet; run `sales-plan territories` first, which makes one from its Accounts and Reps tables\n"
    );
  }, 60_000);
});
