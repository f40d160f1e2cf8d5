/**
 * `sales-plan pipeline …` in process on a small plan with a hand-made opportunities table:
 * two captures a week apart with realistic changes between them, the bridge between the two
 * dates checked against figures worked out by hand, the forecast's stage odds, the calls'
 * accuracy, JSON, Chinese wording, and the refusals with their exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ForecastCall } from "../../src/domain/forecastCalls";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { rowsFromCalls } from "../../src/workbook/pipelineTables";
import type { CellValue } from "../../src/workbook/rows";
import { PlanStore, userTableSpec } from "../../src/workbook/store";
import { salesPlan } from "./inProcess";
import { smallPlan } from "./smallPlan";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-pipeline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The captures here are dated in 2027; the command's clock is set after them.
const clock = { now: () => new Date("2027-06-30T12:00:00Z") };
const cli = (...args: string[]) => salesPlan(args, clock);
const zh = (...args: string[]) => salesPlan(args, clock, { LANG: "zh_CN.UTF-8" });

// Excel serials by hand: 2027-01-01 is 46388; March 1 is 46447 (31 + 28 days on).
const JAN_8 = 46395;
const FEB_28 = 46446;
const MAR_15 = 46461;
const MAR_31 = 46477;
const APR_30 = 46507;
const MAY_31 = 46538;

const HEADER = [
  "OpportunityId",
  "Name",
  "Owner",
  "Stage",
  "Amount",
  "CloseDate",
  "ForecastCategory",
];
const DEALS = { name: "Opportunities", sheet: "Deals" };

/** As of 2027-01-04. With the period ending March 31, O5 (April) is out of scope. */
const WEEK_1: CellValue[][] = [
  ["O1", "Acme", "Ann", "Qualify", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex", "Bo", "Propose", 2500, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Propose", 400, FEB_28, "Commit"],
  ["O5", "Hooli", "Cy", "Qualify", 600, APR_30, "Pipeline"],
  ["O6", "Umbrella", "Ann", "Negotiate", 900, MAR_31, "Commit"],
  ["O7", "Soylent", "Bo", "Qualify", 300, MAR_31, "Pipeline"],
  ["O8", "Vandelay", "Cy", "Propose", 200, MAR_31, "Best Case"],
];

/**
 * As of 2027-01-11: O1 advanced (amount unchanged), O2 grew by 500, O3 won on January 8, O4
 * is new, O5 pulled in to March 15, O6 pushed to May, O7 deleted, O8 lost.
 */
const WEEK_2: CellValue[][] = [
  ["O1", "Acme", "Ann", "Propose", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex", "Bo", "Propose", 3000, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Won", 400, JAN_8, "Commit"],
  ["O4", "Wonka", "Bo", "Qualify", 700, MAR_31, "Pipeline"],
  ["O5", "Hooli", "Cy", "Qualify", 600, MAR_15, "Pipeline"],
  ["O6", "Umbrella", "Ann", "Negotiate", 900, MAY_31, "Commit"],
  ["O8", "Vandelay", "Cy", "Lost", 200, MAR_31, "Best Case"],
];

async function edit(path: string, work: (driver: PackageDriver) => Promise<void>) {
  const driver = await PackageDriver.fromBuffer(readFileSync(path));
  await work(driver);
  writeFileSync(path, await driver.toBuffer());
}

const setDeals = (path: string, rows: CellValue[][]) =>
  edit(path, (driver) => driver.writeTable(userTableSpec(DEALS), HEADER, rows));

let count = 0;
async function planWithDeals(rows = WEEK_1): Promise<string> {
  const path = join(dir, `plan-${++count}.xlsx`);
  writeFileSync(path, await smallPlan());
  await setDeals(path, rows);
  return path;
}

/** A plan captured on January 4 and 11 with WEEK_1 and WEEK_2. */
async function capturedTwice(): Promise<string> {
  const path = await planWithDeals();
  const first = await cli(
    "pipeline",
    "capture",
    path,
    "--as-of",
    "2027-01-04",
    "--table",
    "Opportunities"
  );
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  await setDeals(path, WEEK_2);
  const second = await cli("pipeline", "capture", path, "--as-of", "2027-01-11");
  expect(second.code).toBe(0);
  return path;
}

describe("sales-plan pipeline capture", () => {
  it("logs the table, then only what changed a week later", async () => {
    const path = await planWithDeals();
    const first = await cli(
      "pipeline",
      "capture",
      path,
      "--as-of",
      "2027-01-04",
      "--table",
      "Opportunities"
    );
    expect(first.stdout.split("\n")[0]).toBe(
      "Captured Opportunities as of 2027-01-04: 7 new, 0 changed, 0 removed, 0 unchanged; 7 row(s) added to the Pipeline Log."
    );
    await setDeals(path, WEEK_2);
    const second = await cli("pipeline", "capture", path, "--as-of", "2027-01-11", "--json");
    expect(second.code).toBe(0);
    const data = JSON.parse(second.stdout);
    // O4 new; O1, O3, O8 stage; O2 amount; O3, O5, O6 close date; O7 gone.
    expect(data.summary).toMatchObject({ new: 1, changed: 6, removed: 1, unchanged: 0 });
    expect(data.summary.byField).toMatchObject({ stage: 3, amount: 1, closeDate: 3, owner: 0 });
    expect(data.appended).toBe(8);
    const log = await new PlanStore(await PackageDriver.fromBuffer(readFileSync(path))).load();
    expect(log.tables.pipelineLog.rows).toHaveLength(15);

    // The same table again the same day: nothing to write, the file is left as it was.
    const before = readFileSync(path);
    const again = await cli("pipeline", "capture", path, "--as-of", "2027-01-11");
    expect(again.stdout.split("\n")[0]).toBe(
      "Captured Opportunities as of 2027-01-11: nothing changed since the last capture; the file is not rewritten."
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    // --json says the same: the 7 deals of that day's table (1 new + 6 changed then) are all
    // as that capture left them; not that day's summary against the week before.
    const json = JSON.parse(
      (await cli("pipeline", "capture", path, "--as-of", "2027-01-11", "--json")).stdout
    );
    expect(json.summary).toEqual({
      new: 0,
      changed: 0,
      removed: 0,
      unchanged: 7,
      byField: {
        name: 0,
        owner: 0,
        stage: 0,
        amount: 0,
        closeDate: 0,
        forecastCategory: 0,
        createdDate: 0,
        leadSource: 0,
      },
    });
    expect([json.appended, json.replaced]).toEqual([0, 0]);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses a bad cell at its address (exit 1) and an earlier date, writing nothing", async () => {
    const path = await planWithDeals(
      WEEK_1.map((r, i) => (i === 1 ? [...r.slice(0, 4), "lots", ...r.slice(5)] : r))
    );
    const before = readFileSync(path);
    const bad = await cli(
      "pipeline",
      "capture",
      path,
      "--as-of",
      "2027-01-04",
      "--table",
      "Opportunities"
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("E3");
    expect(readFileSync(path).equals(before)).toBe(true);

    await setDeals(path, WEEK_1);
    expect(
      (await cli("pipeline", "capture", path, "--as-of", "2027-01-11", "--table", "Opportunities"))
        .code
    ).toBe(0);
    const early = await cli("pipeline", "capture", path, "--as-of", "2027-01-04");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("the log already holds a capture of 2027-01-11");
    // The clock says 2027-06-30: a capture dated the next day is a typo, refused, file kept.
    const kept = readFileSync(path);
    const ahead = await cli("pipeline", "capture", path, "--as-of", "2027-07-01");
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain(
      "the capture date 2027-07-01 is after today (2027-06-30): a capture records the table as it is now"
    );
    expect(readFileSync(path).equals(kept)).toBe(true);
  });

  it("refuses what it cannot read before opening the file (exit 2)", async () => {
    const path = await planWithDeals();
    const date = await cli("pipeline", "capture", path, "--as-of", "4/1/2027");
    expect([date.code, date.stderr]).toEqual([
      2,
      "sales-plan: --as-of 4/1/2027: give a date as yyyy-mm-dd\n",
    ]);
    const map = await cli(
      "pipeline",
      "capture",
      path,
      "--table",
      "Opportunities",
      "--map",
      "size=Amount"
    );
    expect(map.code).toBe(2);
    expect(map.stderr).toContain("--map size=Amount: give field=Header");
    const none = await cli("pipeline", "capture", path, "--as-of", "2027-01-04");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no opportunities table is chosen");
    const missing = await cli("pipeline", "capture", path, "--table", "Deals2");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the opportunities table Deals2 is not in the workbook");
  });
});

describe("sales-plan pipeline moves", () => {
  it("prints the bridge between the two captures, as worked out by hand", async () => {
    const path = await capturedTwice();
    const result = await cli(
      "pipeline",
      "moves",
      path,
      "--from",
      "2027-01-04",
      "--to",
      "2027-01-11",
      "--period-end",
      "2027-03-31"
    );
    expect(result.code).toBe(0);
    // Start: O1 1000 + O2 2500 + O3 400 + O6 900 + O7 300 + O8 200 (O5 closes in April).
    // End: O1 1000 + O2 3000 + O4 700 + O5 600. 5,300 + 700 + 600 + 500 − 900 − 400 − 200 − 300.
    expect(result.stdout).toBe(
      [
        "Pipeline as captured on 2027-01-04 and on 2027-01-11, deals closing by 2027-03-31:",
        "  Start       6 deal(s)  5,300",
        "  New         1 deal(s)  700",
        "  Pulled in   1 deal(s)  600",
        "  Increased   1 deal(s)  500",
        "  Decreased   0 deal(s)  0",
        "  Pushed out  1 deal(s)  900",
        "  Won         1 deal(s)  400",
        "  Lost        1 deal(s)  200",
        "  Removed     1 deal(s)  300",
        "  End         4 deal(s)  5,300",
        "",
      ].join("\n")
    );
    const json = JSON.parse(
      (
        await cli(
          "pipeline",
          "moves",
          path,
          "--from",
          "2027-01-04",
          "--period-end",
          "2027-03-31",
          "--json"
        )
      ).stdout
    );
    expect(json.to).toBe("2027-01-11");
    expect(json.rows.map((r: { deals: number; amount: number }) => [r.deals, r.amount])).toEqual([
      [6, 5300],
      [1, 700],
      [1, 600],
      [1, 500],
      [0, 0],
      [1, 900],
      [1, 400],
      [1, 200],
      [1, 300],
      [4, 5300],
    ]);
    const o5 = json.moves.find((m: { id: string }) => m.id === "O5");
    expect(o5).toEqual({ id: "O5", move: "Pulled in", amount: 600 });
  });

  it("says it in Chinese", async () => {
    const path = await capturedTwice();
    const result = await zh(
      "pipeline",
      "moves",
      path,
      "--from",
      "2027-01-04",
      "--period-end",
      "2027-03-31"
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(
      "按 2027-01-04 和 2027-01-11 的采集比较销售漏斗，在 2027-03-31 前成交的商机："
    );
    expect(lines[1]).toMatch(/^ {2}期初\s+6 个商机 {2}5,300$/);
    expect(lines[8]).toMatch(/^ {2}输单\s+1 个商机 {2}200$/);
  });

  it("is exit 3 with the reason when a snapshot cannot be bridged (a deal with no stage)", async () => {
    const path = await planWithDeals(
      WEEK_1.map((r, i) => (i === 0 ? [...r.slice(0, 3), null, ...r.slice(4)] : r))
    );
    expect(
      (await cli("pipeline", "capture", path, "--as-of", "2027-01-04", "--table", "Opportunities"))
        .code
    ).toBe(0);
    const result = await cli("pipeline", "moves", path, "--from", "2027-01-04");
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /^the pipeline cannot be worked out from the log: .*stage.*row 1/
    );
  });

  it("refuses reversed dates and a plan never captured (exit 2)", async () => {
    const path = await capturedTwice();
    const reversed = await cli(
      "pipeline",
      "moves",
      path,
      "--from",
      "2027-01-11",
      "--to",
      "2027-01-04"
    );
    expect([reversed.code, reversed.stderr]).toEqual([
      2,
      "sales-plan: --from 2027-01-11 is after --to 2027-01-04: give the earlier date first\n",
    ]);
    // Before the first capture nothing is known: not a bridge from an empty pipeline.
    const early = await cli("pipeline", "moves", path, "--from", "2026-12-01");
    expect([early.code, early.stderr]).toEqual([
      2,
      "sales-plan: --from 2026-12-01 is before the first capture (2027-01-04): the pipeline is known from then on\n",
    ]);
    // A date between captures is the capture before it, and the title says which.
    const between = await cli("pipeline", "moves", path, "--from", "2027-01-06");
    expect(between.stdout.split("\n")[0]).toBe(
      "Pipeline as captured on 2027-01-04 and on 2027-01-11, every open deal:"
    );
    const never = await cli("pipeline", "moves", await planWithDeals(), "--from", "2027-01-04");
    expect(never.code).toBe(2);
    expect(never.stderr).toContain("run `sales-plan pipeline capture` first");
    expect((await cli("pipeline", "moves", path)).code).toBe(2);
  });
});

describe("sales-plan pipeline forecast and accuracy", () => {
  it("forecasts with the stage odds the log's steps give", async () => {
    const path = await capturedTwice();
    // A period over by the last capture has nothing open left to forecast: said, not a zero.
    const over = await cli("pipeline", "forecast", path, "--period-end", "2027-01-10");
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(
      "--period-end 2027-01-10 is before the last capture (2027-01-11)"
    );
    const result = await cli("pipeline", "forecast", path, "--period-end", "2027-03-31");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(
      "Forecast for the period ending 2027-03-31, from the capture of 2027-01-11:"
    );
    // In scope: O1 1000, O2 3000, O4 700, O5 600.
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Total: 4 deal\(s\), 5,300 open, /));
    // Propose: one step stays, one won, one lost: ½. Qualify: to Propose or stays: ½ too.
    // Negotiate was never left: no odds.
    expect(lines).toContain(
      "  Win probability by stage, from 6 observed step(s): Qualify 50.0%, Propose 50.0%, Negotiate —"
    );
  });

  it("compares past periods' calls with what closed won", async () => {
    const path = await capturedTwice();
    const call = (callId: string, period: string, owner: string, amount: number): ForecastCall => ({
      callId,
      period,
      owner,
      category: "Commit",
      kind: "Call",
      adjusts: null,
      amount,
      note: null,
      submittedAt: 46390.5,
      submittedBy: owner,
    });
    await edit(path, async (driver) => {
      const store = new PlanStore(driver);
      const calls = [
        call("FC-0001", "FY27 W1", "Ann", 500),
        call("FC-0002", "FY27 W1", "Bo", 100),
        call("FC-0003", "FY27 W1", "Mia", 1000),
        call("FC-0004", "2027-Q1", "Ann", 2000),
        call("FC-0005", "FY27 W2", "Ann", 300),
      ];
      await store.save(await store.load(), { forecastCalls: rowsFromCalls(calls) });
    });
    const result = await cli(
      "pipeline",
      "accuracy",
      path,
      "--period",
      "FY27 W1=2027-01-04..2027-01-10"
    );
    expect(result.code).toBe(0);
    // Ann won O3 (400, January 8); Bo won nothing. WAPE (100 + 100) / 400; bias (600 − 400) / 400.
    expect(result.stdout.split("\n")).toEqual([
      "Accuracy of the Commit calls against what closed won:",
      "  FY27 W1 (2027-01-04 – 2027-01-10): called 600, closed 400, WAPE 50.0%, bias +50.0%, accuracy 50.0%",
      "  By owner:",
      "    Ann: called 500, closed 400, WAPE 25.0%, bias +25.0%, accuracy 75.0%",
      "    Bo: called 100, closed 0, WAPE —, bias —, accuracy —",
      "  Overall: called 600, closed 400, WAPE 50.0%, bias +50.0%, accuracy 50.0%",
      "  Not over at the latest capture (2027-01-11): 2027-Q1",
      '  No dates for FY27 W2: give them with --period "LABEL=yyyy-mm-dd..yyyy-mm-dd"',
      "  Not compared (no opportunities of theirs in the log): Mia",
      "",
    ]);
    const bad = await cli("pipeline", "accuracy", path, "--period", "W1=2027-01-10..2027-01-04");
    expect(bad.code).toBe(2);
    expect((await cli("pipeline", "accuracy", path, "--category", "Upside")).code).toBe(2);
    // A period no call names (a typo for FY27 W2) is said, with the periods the calls name.
    const typo = await cli(
      "pipeline",
      "accuracy",
      path,
      "--period",
      "FY27 W3=2027-01-11..2027-01-17"
    );
    expect([typo.code, typo.stderr]).toEqual([
      2,
      "sales-plan: --period FY27 W3: no forecast call names this period; the calls name FY27 W1, 2027-Q1, FY27 W2\n",
    ]);
  });
});
