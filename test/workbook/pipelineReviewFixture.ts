/**
 * A small plan with a hand-made pipeline history for the Pipeline Review: up to three weekly
 * captures of eight deals (the funnel Qualify → Propose → Negotiate, then Won or Lost) and
 * the forecast calls of two periods. Every figure the review shows of it is worked out by
 * hand in pipelineReview.test.ts, from these rows alone.
 */
import { applyCapture, captureChanges } from "../../src/domain/pipelineCapture";
import type { ForecastCall } from "../../src/domain/forecastCalls";
import type { LogEntry, Opportunity } from "../../src/domain/pipelineLog";
import { PackageDriver } from "../../src/workbook/packageDriver";
import {
  pipelineSettingsChanges,
  rowsFromCalls,
  rowsFromLog,
} from "../../src/workbook/pipelineTables";
import { planRow } from "../../src/workbook/rows";
import { settingsRows } from "../../src/workbook/scenarioTables";
import { PlanStore } from "../../src/workbook/store";
import { DEFAULT_BALANCE, defaultQuotaSettings } from "../../src/domain/planRun";
import { sampleRun } from "../../src/sample/samplePlan";

// Excel serials by hand: 2027-01-01 is 46388 (so 2026-12-28 is 46384).
export const C1 = 46384; // 2026-12-28
export const C2 = 46391; // 2027-01-04
export const C3 = 46398; // 2027-01-11
export const DEC_20 = 46376;
export const DEC_22 = 46378;
export const JAN_8 = 46395;
export const MAR_15 = 46461;
export const MAR_31 = 46477;
export const APR_30 = 46507;
export const MAY_31 = 46538;

export const STAGES = ["Qualify", "Propose", "Negotiate"];

type Row = [string, string, string, string, number, number, string];
const deal = ([id, name, owner, stage, amount, closeDate, category]: Row): Opportunity => ({
  id,
  name,
  owner: owner === "" ? null : owner,
  stage,
  amount,
  closeDate,
  createdDate: null,
  forecastCategory: category,
  leadSource: null,
});

/**
 * Week 1. D2 and D3 have names a spreadsheet would read as formulas. D5 closes after the
 * quarter; D8 and D9 were won in December (the past period the calls are checked against).
 */
const WEEK_1: Row[] = [
  ["D1", "Acme", "Ann", "Qualify", 1000, MAR_31, "Pipeline"],
  ["D2", "=1+1", "Bo", "Propose", 2000, MAR_31, "Best Case"],
  ["D3", "@SUM(A1)", "Ann", "Negotiate", 3000, MAR_31, "Commit"],
  ["D4", "Hooli", "Cy", "Propose", 500, MAR_31, "Commit"],
  ["D5", "Zeta", "Bo", "Qualify", 800, APR_30, "Pipeline"],
  ["D7", "Gone", "Cy", "Propose", 400, MAR_31, "Commit"],
  ["D8", "Initech", "Ann", "Won", 3000, DEC_20, "Commit"],
  ["D9", "Soylent", "Bo", "Won", 1200, DEC_22, "Commit"],
];

/** Week 2: D1 advances, D2 grows by 500, D4 is lost, D6 is new, D7 has left the table. */
const WEEK_2: Row[] = [
  ["D1", "Acme", "Ann", "Propose", 1000, MAR_31, "Pipeline"],
  ["D2", "=1+1", "Bo", "Propose", 2500, MAR_31, "Best Case"],
  ["D3", "@SUM(A1)", "Ann", "Negotiate", 3000, MAR_31, "Commit"],
  ["D4", "Hooli", "Cy", "Lost", 500, MAR_31, "Commit"],
  ["D5", "Zeta", "Bo", "Qualify", 800, APR_30, "Pipeline"],
  ["D6", "Wonka", "Cy", "Qualify", 700, MAR_31, "Pipeline"],
  ["D8", "Initech", "Ann", "Won", 3000, DEC_20, "Commit"],
  ["D9", "Soylent", "Bo", "Won", 1200, DEC_22, "Commit"],
];

/**
 * Week 3: D1 advances and becomes Commit, D2 is pushed to May, D3 is won (closed January 8),
 * D5 is pulled in to March 15, D6 grows by 200 and becomes Best Case.
 */
const WEEK_3: Row[] = [
  ["D1", "Acme", "Ann", "Negotiate", 1000, MAR_31, "Commit"],
  ["D2", "=1+1", "Bo", "Propose", 2500, MAY_31, "Best Case"],
  ["D3", "@SUM(A1)", "Ann", "Won", 3000, JAN_8, "Commit"],
  ["D4", "Hooli", "Cy", "Lost", 500, MAR_31, "Commit"],
  ["D5", "Zeta", "Bo", "Qualify", 800, MAR_15, "Pipeline"],
  ["D6", "Wonka", "Cy", "Qualify", 900, MAR_31, "Best Case"],
  ["D8", "Initech", "Ann", "Won", 3000, DEC_20, "Commit"],
  ["D9", "Soylent", "Bo", "Won", 1200, DEC_22, "Commit"],
];

const WEEKS: [number, Row[]][] = [
  [C1, WEEK_1],
  [C2, WEEK_2],
  [C3, WEEK_3],
];

/**
 * Deals with no owner, added to the weeks on request: U1 won on December 22 (700), U2 open
 * in Propose (300, March 31) until it is lost in week 3.
 */
const UNOWNED: Row[][] = [
  [
    ["U1", "Nobody's", "", "Won", 700, DEC_22, "Commit"],
    ["U2", "Orphan", "", "Propose", 300, MAR_31, "Pipeline"],
  ],
  [
    ["U1", "Nobody's", "", "Won", 700, DEC_22, "Commit"],
    ["U2", "Orphan", "", "Propose", 300, MAR_31, "Pipeline"],
  ],
  [
    ["U1", "Nobody's", "", "Won", 700, DEC_22, "Commit"],
    ["U2", "Orphan", "", "Lost", 300, MAR_31, "Pipeline"],
  ],
];

/** A forecast call as Forecast Calls holds it: an Adjustment when it adjusts another. */
export const call = (
  callId: string,
  period: string,
  owner: string,
  category: ForecastCall["category"],
  amount: number,
  submittedAt: number,
  adjusts: string | null = null
): ForecastCall => ({
  callId,
  period,
  owner,
  category,
  kind: adjusts ? "Adjustment" : "Call",
  adjusts,
  amount,
  note: null,
  submittedAt,
  submittedBy: adjusts ? "Sales manager" : owner,
});

/**
 * December: Ann calls 3,500, adjusted to 3,200 by her manager; Bo calls 1,000. 2027 Q1: Ann
 * calls 1,500 Commit and 2,500 Best Case; Bo 600 Commit, adjusted to 500; the manager's own
 * team call of 5,000 (no deals of the manager's in the log).
 */
export const CALLS: ForecastCall[] = [
  call("FC-0001", "2026-12", "Ann", "Commit", 3500, 46357.4),
  call("FC-0002", "2026-12", "Ann", "Commit", 3200, 46358.4, "FC-0001"),
  call("FC-0003", "2026-12", "Bo", "Commit", 1000, 46357.5),
  call("FC-0004", "2027 Q1", "Ann", "Commit", 1500, C3 + 0.4),
  call("FC-0005", "2027 Q1", "Ann", "Best Case", 2500, C3 + 0.4),
  call("FC-0006", "2027 Q1", "Bo", "Commit", 600, C3 + 0.4),
  call("FC-0007", "2027 Q1", "Bo", "Commit", 500, C3 + 0.5, "FC-0006"),
  call("FC-0008", "2027 Q1", "Sales manager", "Commit", 5000, C3 + 0.6),
];

/**
 * The Active scenario's quotas for FY2027 (starting January 1): R1 1,000, 1,100 and 1,200 in
 * its first three months, R2 500 a month; 2027 Q1's quota is 3,300 + 1,500 = 4,800.
 */
function quotaRows() {
  const months = (first: number[], rest: number) =>
    Object.fromEntries(
      Array.from({ length: 12 }, (_, m) => [`M${m + 1}`, first[m] ?? rest] as const)
    );
  return {
    scenarios: [
      planRow([
        ["Scenario", "FY27 Base"],
        ["State", "Active"],
      ]),
    ],
    scenarioSettings: settingsRows(
      "FY27 Base",
      sampleRun(DEFAULT_BALANCE, defaultQuotaSettings(2027, 20_000))
    ),
    quotas: [
      planRow([
        ["Scenario", "FY27 Base"],
        ["RepId", "R1"],
        ["Annual", 14_100],
        ...Object.entries(months([1000, 1100, 1200], 1200)),
      ]),
      planRow([
        ["Scenario", "FY27 Base"],
        ["RepId", "R2"],
        ["Annual", 6000],
        ...Object.entries(months([], 500)),
      ]),
    ],
  };
}

/**
 * A new plan holding the first `weeks` captures (0: none), the calls and the stage order, and
 * with `quota` the Active scenario's quotas; with `unowned`, the deals with no owner too.
 */
export async function reviewPlan(
  weeks: number,
  quota = false,
  unowned = false
): Promise<PackageDriver> {
  const driver = await PackageDriver.blank();
  const store = new PlanStore(driver);
  let log: LogEntry[] = [];
  for (const [week, [asOf, rows]] of WEEKS.slice(0, weeks).entries()) {
    const all = unowned ? [...rows, ...UNOWNED[week]] : rows;
    const capture = captureChanges(log, all.map(deal), asOf);
    if (!capture.ok) throw new Error(`capture of ${asOf} refused`);
    log = applyCapture(log, capture);
  }
  const plan = await store.load();
  const quotas = quota ? quotaRows() : undefined;
  const settings = pipelineSettingsChanges(
    plan,
    { table: { name: "Opportunities", sheet: "Deals" }, mapping: { id: "Id" } },
    { stages: STAGES }
  );
  await store.save(plan, {
    ...quotas,
    scenarioSettings: [...(quotas?.scenarioSettings ?? []), ...settings.scenarioSettings],
    pipelineLog: rowsFromLog(log),
    forecastCalls: rowsFromCalls(CALLS),
  });
  return driver;
}
