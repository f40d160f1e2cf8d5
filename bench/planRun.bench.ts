/**
 * The Territories & Quotas pane's whole run on 100,000 accounts × 500 reps through the file
 * adapter, as the pane and `sales-plan` do it: read the user's tables from a workbook file,
 * balance, set quotas, write the scenario (assignments, per-rep summary, quotas, rules) as
 * one PlanStore change, and produce the file's bytes. Targets: ≤ 5 s, and ≤ 0.4× what ExcelJS
 * alone takes to load and save the same workbook (measured here, in the same run). Also
 * reported: the bytes opening inflated against the package's size, and the longest gap
 * between progress reports (how long the progress bar stands still).
 */
import { performance } from "node:perf_hooks";
import { runPlan } from "../src/domain/planRun";
import {
  autoMap,
  ACCOUNT_FIELDS,
  REP_FIELDS,
  readSourceTables,
} from "../src/workbook/sourceTables";
import { replaceScenario, scenarioRows } from "../src/workbook/scenarioTables";
import { PlanStore } from "../src/workbook/store";
import ExcelJS from "exceljs";
import { PackageDriver } from "../src/workbook/packageDriver";
import { territoryInstance } from "../test/support/territoryInstance";
import { printTable } from "./harness";

const PHASES = [
  "open file, read and map tables",
  "balance territories and set quotas",
  "write the scenario (PlanStore save)",
  "workbook to .xlsx bytes",
];

export async function runPlanRunBench(): Promise<void> {
  const count = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
  const repCount = Number(process.env.BENCH_REPS ?? 500);
  const instance = territoryInstance({ accounts: count, reps: repCount, seed: 2027, spread: 0.3 });
  const accountsSpec = {
    table: "Accounts",
    sheet: "Accounts",
    columns: [],
    key: [],
    history: false,
  };
  const repsSpec = { table: "Reps", sheet: "Reps", columns: [], key: [], history: false };
  const source = await PackageDriver.blank();
  await source.writeTable(
    accountsSpec,
    ["AccountId", "Name", "Region", "Industry", "SizeTier", "Potential", "Workload", "Owner"],
    instance.accounts.map((a) => [
      a.id,
      a.name ?? null,
      a.region,
      a.industry,
      a.sizeTier,
      a.potential,
      a.workload,
      a.currentOwner ?? null,
    ])
  );
  await source.writeTable(
    repsSpec,
    ["RepId", "Name", "Regions", "Industries", "Capacity", "Manager"],
    instance.reps.map((r, i) => [
      r.id,
      r.name ?? null,
      r.regions.join("; "),
      r.industries.join("; "),
      r.capacity,
      `MGR-${i % 20}`,
    ])
  );
  const file = await source.toBuffer();

  const phases: { phase: string; seconds: number }[] = [];
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases.push({ phase, seconds: (now - mark) / 1000 });
    mark = now;
  };
  const start = mark;
  let reports = 0;
  let lastReport = start;
  let longestGap = 0;
  let longestGapIn = "";
  const progress = () => {
    const now = performance.now();
    if (now - lastReport > longestGap) longestGapIn = PHASES[phases.length] ?? "";
    longestGap = Math.max(longestGap, now - lastReport);
    lastReport = now;
    reports++;
  };

  const driver = await PackageDriver.fromBuffer(file);
  driver.onProgress = progress;
  const store = new PlanStore(driver, () => new Date(Date.UTC(2026, 10, 27)));
  const plan = await store.load();
  const [accountsRaw, repsRaw] = [
    await store.readUserTable({ name: "Accounts", sheet: "Accounts" }),
    await store.readUserTable({ name: "Reps", sheet: "Reps" }),
  ];
  const accountColumns = autoMap(ACCOUNT_FIELDS, accountsRaw!.header);
  const repColumns = autoMap(REP_FIELDS, repsRaw!.header);
  const sources = readSourceTables(
    { raw: accountsRaw!, table: "Accounts", mapping: accountColumns },
    { raw: repsRaw!, table: "Reps", mapping: repColumns }
  );
  if (sources.problems.length) throw new Error(JSON.stringify(sources.problems.slice(0, 3)));
  lap("open file, read and map tables");
  progress();
  const quota = {
    companyTarget: 500_000_000,
    method: { kind: "potential" as const },
    overAssignment: 0.1,
    fiscalYearStart: 46_388,
    rampSchedule: [0.25, 0.5, 0.75],
  };
  const outcome = runPlan(
    {
      accounts: sources.accounts,
      reps: sources.reps,
      balance: { toleranceBand: 0.02, maxMovedShare: 0.2 },
      quota,
    },
    progress
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues.slice(0, 3)));
  lap("balance territories and set quotas");
  const rows = scenarioRows({
    name: "Bench",
    state: "Draft",
    created: 46_353,
    territory: outcome.value.territory,
    quotas: outcome.value.quotas,
    quotaMethod: "potential",
    run: {
      accountsTable: { name: "Accounts", sheet: "Accounts" },
      repsTable: { name: "Reps", sheet: "Reps" },
      accountColumns,
      repColumns,
      balance: { toleranceBand: 0.02 },
      quota,
    },
  });
  await store.save(plan, replaceScenario(plan, "Bench", rows), "Bench");
  lap("write the scenario (PlanStore save)");
  const inflated = driver.inflatedBytes;
  const stored = driver.storedBytes;
  const bytes = await driver.toBuffer();
  lap("workbook to .xlsx bytes");
  progress();
  const total = (performance.now() - start) / 1000;

  // Baseline: ExcelJS alone loading and saving the workbook the run produced.
  const baselineStart = performance.now();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  await workbook.xlsx.writeBuffer();
  const baseline = (performance.now() - baselineStart) / 1000;
  const m = outcome.value.territory.metrics;
  console.log(
    `\nWhole Territories & Quotas run through the file adapter: ${count.toLocaleString("en")} accounts × ${repCount} reps ` +
      `(largest deviation ${(m.maxAbsDeviation * 100).toFixed(2)}%, continuity ${(m.continuity * 100).toFixed(1)}%, quotas tie out: ${outcome.value.quotas?.tiesOut}; file ${(bytes.length / 1e6).toFixed(1)} MB)`
  );
  printTable("Phases (seconds):", [
    ...phases.map(({ phase, seconds }) => ({ phase, seconds })),
    { phase: "total (target ≤ 5 s)", seconds: total },
    { phase: "ExcelJS alone loads and saves the same workbook", seconds: baseline },
    {
      phase: `longest gap between ${reports} progress reports (target ≤ 1 s), ending in "${longestGapIn}"`,
      seconds: longestGap / 1000,
    },
  ]);
  console.log(
    `Whole run ÷ ExcelJS load+save: ${(total / baseline).toFixed(2)}× (target ≤ 0.4×). ` +
      `Opening and reading inflated ${(inflated / 1e6).toFixed(1)} MB of the package's ${(stored / 1e6).toFixed(1)} MB ` +
      `(${((100 * inflated) / stored).toFixed(0)} %; ${(file.length / 1e6).toFixed(1)} MB compressed): the parts the run reads.`
  );
}
