/**
 * What `sales-plan pipeline forecast` and `accuracy` say beyond their figures: why the open
 * deals are expected to bring nothing (in the text and in --json, in English and Chinese,
 * instead of a bare 0), and the wins no call can cover (deals with no owner). Two weekly
 * captures of a small hand-made table; every figure below is worked out by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { rowsFromCalls } from "../../src/workbook/pipelineTables";
import type { CellValue } from "../../src/workbook/rows";
import { PlanStore, userTableSpec } from "../../src/workbook/store";
import { salesPlan } from "./inProcess";
import { smallPlan } from "./smallPlan";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-forecast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => new Date("2027-06-30T12:00:00Z") };
const cli = (...args: string[]) => salesPlan(args, clock);
const zh = (...args: string[]) => salesPlan(args, clock, { LANG: "zh_CN.UTF-8" });

// Excel serials by hand: 2027-01-01 is 46388.
const JAN_8 = 46395;
const JAN_14 = 46401;
const MAR_31 = 46477;
const HEADER = ["OpportunityId", "Name", "Owner", "Stage", "Amount", "CloseDate"];
const DEALS = { name: "Opportunities", sheet: "Deals" };

/** As of 2027-01-04: O1 expected to close on January 14. */
const WEEK_1: CellValue[][] = [
  ["O1", "Acme", "Ann", "Qualify", 1000, JAN_14],
  ["O2", "Globex", "Bo", "Propose", 2500, MAR_31],
  ["O3", "Initech", "Ann", "Propose", 400, MAR_31],
];
/** As of 2027-01-11: O1 advanced to Propose, O3 won on January 8, O2 stays. */
const WEEK_2: CellValue[][] = [
  ["O1", "Acme", "Ann", "Propose", 1000, JAN_14],
  ["O2", "Globex", "Bo", "Propose", 2500, MAR_31],
  ["O3", "Initech", "Ann", "Won", 400, JAN_8],
];

let count = 0;
async function captured(weeks: CellValue[][][]): Promise<string> {
  const path = join(dir, `plan-${++count}.xlsx`);
  writeFileSync(path, await smallPlan());
  const dates = ["2027-01-04", "2027-01-11"];
  for (const [i, rows] of weeks.entries()) {
    const driver = await PackageDriver.fromBuffer(readFileSync(path));
    await driver.writeTable(userTableSpec(DEALS), HEADER, rows);
    writeFileSync(path, await driver.toBuffer());
    const args = ["pipeline", "capture", path, "--as-of", dates[i], "--table", "Opportunities"];
    const run = await cli(...args);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  }
  return path;
}

describe("sales-plan pipeline forecast, when open deals bring nothing", () => {
  it("says the period ends too soon after the capture for any deal to leave its stage", async () => {
    const path = await captured([WEEK_1, WEEK_2]);
    // In scope by January 14: O1 only (1,000, in Propose since January 11). Propose's stays:
    // O3's ended after 7 days; O2's, 7 days so far. None has ended within 3 days: 0 expected.
    const result = await cli("pipeline", "forecast", path, "--period-end", "2027-01-14");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Forecast for the period ending 2027-01-14, from the capture of 2027-01-11:",
      "  (blank): 1 deal(s), 1,000 open, 0 expected",
      "  Total: 1 deal(s), 1,000 open, 0 expected",
      "  Open deals are expected to bring 0: the period ends 3 day(s) after the capture of 2027-01-11, sooner than deals have been seen to leave their stages between captures, so none is expected to close in time.",
    ]);
    const json = JSON.parse(
      (await cli("pipeline", "forecast", path, "--period-end", "2027-01-14", "--json")).stdout
    );
    expect(json.reason).toEqual({
      reason: "tooSoon",
      days: 3,
      message: lines[3].trim(),
    });
    const chinese = (await zh("pipeline", "forecast", path, "--period-end", "2027-01-14")).stdout;
    expect(chinese.split("\n")[3]).toBe(
      "  未结商机的预期为 0：本期在 2027-01-11 的采集后 3 天结束，比历次采集之间商机离开其阶段所需的时间更短，因此预计没有未结商机能按时成交。"
    );
  });

  it("says when nothing has moved yet to learn win chances from (one capture)", async () => {
    const path = await captured([WEEK_1]);
    const result = await cli("pipeline", "forecast", path, "--period-end", "2027-03-31");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "  Total: 3 deal(s), 3,900 open, 0 expected\n  Open deals are expected to bring 0: win chances are learned from deals moving between captures, and by the capture of 2027-01-04 none had moved yet.\n"
    );
    const json = JSON.parse(
      (await cli("pipeline", "forecast", path, "--period-end", "2027-03-31", "--json")).stdout
    );
    expect(json.reason.reason).toBe("noOdds");
  });

  it("lists the stage odds with the Chinese list mark in Chinese", async () => {
    const path = await captured([WEEK_1, WEEK_2]);
    // Steps: O1 Qualify → Propose, O2 Propose stays, O3 Propose → Won. Propose is never
    // lost (it stays or is won): 100%; Qualify always moves on to Propose: 100% too.
    const english = (await cli("pipeline", "forecast", path, "--period-end", "2027-03-31")).stdout;
    expect(english).toContain(
      "  Win probability by stage, from 3 observed step(s): Qualify 100.0%, Propose 100.0%\n"
    );
    const chinese = (await zh("pipeline", "forecast", path, "--period-end", "2027-03-31")).stdout;
    expect(chinese).toContain(
      "  各阶段赢单概率（依据观察到的 3 步）：Qualify 100.0%、Propose 100.0%\n"
    );
  });

  it("gives no reason when the open deals bring something", async () => {
    const path = await captured([WEEK_1, WEEK_2]);
    const json = JSON.parse(
      (await cli("pipeline", "forecast", path, "--period-end", "2027-03-31", "--json")).stdout
    );
    expect(json.reason).toBeNull();
    expect(json.rows[json.rows.length - 1].expected).toBeGreaterThan(0);
  });
});

describe("sales-plan pipeline accuracy, with wins of deals that have no owner", () => {
  it("says how many and how much no call covers, beside Closed", async () => {
    // O9 has no owner and is won on January 8 (500), as O3 (Ann, 400) is.
    const unowned: CellValue[] = ["O9", "Stray", "", "Won", 500, JAN_8];
    const path = await captured([
      [...WEEK_1, unowned],
      [...WEEK_2, unowned],
    ]);
    const driver = await PackageDriver.fromBuffer(readFileSync(path));
    const store = new PlanStore(driver);
    const calls = rowsFromCalls([
      {
        callId: "FC-0001",
        period: "FY27 W1",
        owner: "Ann",
        category: "Commit",
        kind: "Call",
        adjusts: null,
        amount: 500,
        note: null,
        submittedAt: 46390.5,
        submittedBy: "Ann",
      },
    ]);
    await store.save(await store.load(), { forecastCalls: calls });
    writeFileSync(path, await driver.toBuffer());
    const result = await cli(
      "pipeline",
      "accuracy",
      path,
      "--period",
      "FY27 W1=2027-01-04..2027-01-10"
    );
    expect(result.code).toBe(0);
    // Ann called 500 and won 400 (O3); O9's 500 is in nobody's call: 400 + 500 were won.
    const lines = result.stdout.split("\n");
    expect(lines[1]).toBe(
      "  FY27 W1 (2027-01-04 – 2027-01-10): called 500, closed 400, WAPE 25.0%, bias +25.0%, accuracy 75.0%"
    );
    expect(lines).toContain(
      "  FY27 W1: 1 won deal(s) with no owner (500) are in nobody's call, so not in Closed; Closed plus these is all that was won."
    );
    const json = JSON.parse(
      (
        await cli(
          "pipeline",
          "accuracy",
          path,
          "--period",
          "FY27 W1=2027-01-04..2027-01-10",
          "--json"
        )
      ).stdout
    );
    expect(json.unowned).toEqual([{ period: "FY27 W1", deals: 1, amount: 500 }]);
  });
});
