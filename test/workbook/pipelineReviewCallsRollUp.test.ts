/**
 * A review of a period no call names sums the calls of the periods inside it (the months of a
 * quarter, the quarters of a year), says so on the sheet and in `sales-plan pipeline review`,
 * and names the parts with no call instead of counting them as 0. The plan is the hand-made
 * three-capture one (pipelineReviewFixture.ts) with its 2027 Q1 calls made month by month.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ForecastCall } from "../../src/domain/forecastCalls";
import { wordsIn } from "../../src/i18n";
import { pipelineReview } from "../../src/workbook/pipelineReview";
import { pipelineReviewFigures, readReviewPeriod } from "../../src/workbook/pipelineReviewFigures";
import { rowsFromCalls } from "../../src/workbook/pipelineTables";
import type { ReportCell, ReportSheet } from "../../src/workbook/report";
import { PlanStore } from "../../src/workbook/store";
import { salesPlan } from "../cli/inProcess";
import { C3, CALLS, call as submitted, reviewPlan } from "./pipelineReviewFixture";

/** A call submitted at the third capture, as this file's calls all are. */
const call = (
  callId: string,
  period: string,
  owner: string,
  category: ForecastCall["category"],
  amount: number,
  adjusts: string | null = null
) => submitted(callId, period, owner, category, amount, C3 + 0.4, adjusts);

/**
 * December's calls as in the fixture, then January: Ann 1,000 Commit, Bo 400 Commit adjusted
 * to 300, the manager's own 2,000; February: Ann 700 Commit and 900 Best Case. No call for
 * March, nor for 2027 Q1 itself.
 */
const MONTH_CALLS: ForecastCall[] = [
  ...CALLS.filter((c) => c.period === "2026-12"),
  call("FC-0101", "2027-01", "Ann", "Commit", 1000),
  call("FC-0102", "2027-01", "Bo", "Commit", 400),
  call("FC-0103", "2027-01", "Bo", "Commit", 300, "FC-0102"),
  call("FC-0104", "2027-01", "Sales manager", "Commit", 2000),
  call("FC-0105", "2027-02", "Ann", "Commit", 700),
  call("FC-0106", "2027-02", "Ann", "Best Case", 900),
];

async function monthCallsPlan() {
  const driver = await reviewPlan(3);
  const store = new PlanStore(driver);
  await store.save(await store.load(), { forecastCalls: rowsFromCalls(MONTH_CALLS) });
  return driver;
}

/** The review of `label` as rows: B… of the first row labelled so, and every text. */
async function reviewOf(label: string, locale: "en-US" | "zh-CN" = "en-US") {
  const plan = await new PlanStore(await monthCallsPlan()).load();
  const figures = pipelineReviewFigures(plan, readReviewPeriod(label)!);
  const sheet: ReportSheet = pipelineReview({ figures, written: "2027-01-12" }, wordsIn(locale));
  const at = new Map<string, ReportCell>();
  for (const c of sheet.cells) at.set(`${c.row}:${c.col}`, c);
  const shown = (row: number, col: number) => {
    const c = at.get(`${row}:${col}`);
    return c === undefined ? null : c.formula !== undefined ? c.result : (c.value ?? null);
  };
  const line = (label: string) => {
    const row = sheet.cells.find((c) => c.col === 1 && c.value === label)!.row;
    return [2, 3, 4, 5, 6].map((col) => shown(row, col));
  };
  const texts = sheet.cells.map((c) => c.value).filter((v) => typeof v === "string");
  return { line, texts };
}

describe("a review of a quarter called month by month", () => {
  it("sums January's and February's calls, and names March as having none", async () => {
    const g = await reviewOf("2027 Q1");
    // Deals, amount and weighted as in the fixture's review (pipelineReview.test.ts); the
    // calls: Commit 1,000 + 400 + 700 = 2,100 called, 1,000 + 300 + 700 = 2,000 adjusted;
    // Best Case 900; the manager's 2,000 is a team call, not added in.
    expect(g.line("Commit")).toEqual([1, 1000, 1000, 2100, 2000]);
    expect(g.line("Best Case")).toEqual([1, 900, 0, 900, 900]);
    expect(g.line("Total")).toEqual([3, 2700, 1000, 3000, 2900]);
    expect(g.line("Commit call (after adjustments)")[2]).toBe(2000);
    expect(g.texts).toContain("Calls summed from 2027-01, 2027-02: no call names 2027 Q1 itself.");
    expect(g.texts).toContain(
      "No call yet for 2027-03: the sum covers only the periods named above (a missing call is not a call of 0)."
    );
    expect(g.texts).not.toContain("No call for 2027 Q1 yet.");
    expect(g.texts).toContain(
      "Calls of owners with no deal in the log (a manager's call for a team) are not added in: Sales manager."
    );
  });

  it("rolls a year up from its quarters, and a quarter with no call of its own from its months", async () => {
    const g = await reviewOf("2027");
    expect(g.line("Commit").slice(3)).toEqual([2100, 2000]);
    expect(g.texts).toContain("Calls summed from 2027-01, 2027-02: no call names 2027 itself.");
    expect(g.texts).toContain(
      "No call yet for 2027-03, 2027 Q2, 2027 Q3, 2027 Q4: the sum covers only the periods named above (a missing call is not a call of 0)."
    );
  });

  it("says it in Chinese too", async () => {
    const g = await reviewOf("2027 Q1", "zh-CN");
    expect(g.texts).toContain(
      "提报金额由 2027-01、2027-02 的提报加总而得：2027 Q1 本身没有预测提报。"
    );
    expect(g.texts).toContain(
      "2027-03 尚无预测提报：合计只包含上面列出的期间（缺少提报不等于提报为 0）。"
    );
  });

  it("keeps to the period's own calls when it has them", async () => {
    const plan = await new PlanStore(await reviewPlan(3)).load();
    const figures = pipelineReviewFigures(plan, readReviewPeriod("2027 Q1")!);
    expect(figures.callsRolledUp).toBeUndefined();
    // A month is made of nothing smaller: no call for March is said as before.
    const march = pipelineReviewFigures(
      await new PlanStore(await monthCallsPlan()).load(),
      readReviewPeriod("2027-03")!
    );
    expect(march.callsRolledUp).toBeUndefined();
  });
});

describe("sales-plan pipeline review of a quarter called month by month", () => {
  const dir = mkdtempSync(join(tmpdir(), "sales-plan-rollup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says which months' calls it summed and which month has none", async () => {
    const path = join(dir, "months.xlsx");
    writeFileSync(path, await (await monthCallsPlan()).toBuffer());
    const text = await salesPlan(["pipeline", "review", path, "--period", "2027 Q1"]);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout.split("\n").slice(1, 3)).toEqual([
      "  Calls summed from 2027-01, 2027-02: no call names 2027 Q1 itself.",
      "  No call yet for 2027-03: the sum covers only the periods named (a missing call is not a call of 0).",
    ]);
    const json = await salesPlan(["pipeline", "review", path, "--period", "2027 Q1", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      callsSummedFrom: ["2027-01", "2027-02"],
      callsMissing: ["2027-03"],
    });
  });
});
