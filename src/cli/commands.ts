/**
 * What each command does, apart from argument parsing and printing: validate, territories,
 * quotas and compare over a plan file. Each returns a report (printed as text or JSON) and
 * an exit code: 0 done, 1 problems found in the plan, 2 the file or the request is unusable,
 * 3 the engine refused the input.
 */
import { isoFromSerial, todaySerial } from "../domain/calendar";
import { DEFAULT_BALANCE, quotasFor, runPlan } from "../domain/planRun";
import { compareScenarios } from "../domain/scenario";
import { validateV2mom } from "../domain/v2mom";
import type { PlanProblem } from "../workbook/rows";
import {
  ScenarioRun,
  StoredScenario,
  replaceScenario,
  scenarioRows,
  storedScenarios,
} from "../workbook/scenarioTables";
import {
  ACCOUNT_FIELDS,
  REP_FIELDS,
  autoMap,
  guessSourceTables,
  SourceTables,
  readSourceTables,
} from "../workbook/sourceTables";
import { PlanSnapshot, PlanStore, PlanStoreError } from "../workbook/store";
import { v2momFromRows } from "../workbook/v2momTables";
import { FileProblem } from "./planFile";

export interface Report {
  exitCode: 0 | 1 | 2 | 3;
  /** Lines for people. */
  lines: string[];
  /** The same, for programs (--json). */
  data: unknown;
}

export const where = (p: PlanProblem) =>
  [p.sheet, p.address ?? (p.row ? `row ${p.row}` : undefined), p.column]
    .filter(Boolean)
    .join(" · ");

export async function validate(store: PlanStore): Promise<Report> {
  const plan = await store.load();
  const problems: PlanProblem[] = [...plan.problems];
  const documents = v2momFromRows(
    plan.tables.v2momDocuments,
    plan.tables.v2momItems,
    plan.tables.v2momMeasures
  );
  for (const doc of documents)
    for (const issue of validateV2mom(doc, doc.status === "Published"))
      problems.push({
        severity: "error",
        sheet: "V2MOM Documents",
        table: "PlanV2momDocuments",
        column: issue.field,
        message: `${doc.orgUnit || doc.id}: ${issue.message}`,
      });
  // Each scenario's stored rules must still point at readable tables.
  for (const scenario of storedScenarios(plan)) {
    if (!scenario.run) continue;
    const read = await readSources(store, scenario.run).catch((error: Error) => ({
      problems: [
        {
          severity: "error" as const,
          sheet: "Scenario Settings",
          table: "PlanScenarioSettings",
          message: `${scenario.name}: ${error.message}`,
        },
      ],
    }));
    problems.push(...read.problems);
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  return {
    exitCode: errors ? 1 : 0,
    lines: problems.length
      ? [
          `${problems.length} problem(s), ${errors} error(s):`,
          ...problems.map(
            (p) => `  ${p.severity === "error" ? "error" : "warning"}  ${where(p)}: ${p.message}`
          ),
        ]
      : [
          `No problems: ${documents.length} V2MOM(s), ${plan.tables.scenarios.rows.length} scenario(s), revision ${plan.revision}.`,
        ],
    data: { problems, revision: plan.revision },
  };
}

/** Reads the accounts and reps a run names, with every problem located in the user's tables. */
export async function readSources(store: PlanStore, run: ScenarioRun): Promise<SourceTables> {
  const [accountsRaw, repsRaw] = await Promise.all([
    store.readUserTable(run.accountsTable),
    store.readUserTable(run.repsTable),
  ]);
  if (!accountsRaw)
    throw new FileProblem(`the accounts table ${run.accountsTable.name} is not in the workbook`);
  if (!repsRaw)
    throw new FileProblem(`the reps table ${run.repsTable.name} is not in the workbook`);
  return readSourceTables(
    { raw: accountsRaw, table: run.accountsTable.name, mapping: run.accountColumns },
    { raw: repsRaw, table: run.repsTable.name, mapping: run.repColumns }
  );
}

/** The scenario a command works on: the one named, else the Active one, else the only one. */
function pickScenario(plan: PlanSnapshot, name: string | undefined): StoredScenario | undefined {
  const all = storedScenarios(plan);
  if (name) return all.find((s) => s.name === name);
  return all.find((s) => s.state === "Active") ?? (all.length === 1 ? all[0] : undefined);
}

/** Rules for a workbook with no stored scenario: its Accounts and Reps tables, recognised by their headers. */
async function defaultRun(store: PlanStore): Promise<ScenarioRun> {
  const tables = await store.listUserTables();
  const { accounts: accountsTable, reps: repsTable } = guessSourceTables(tables);
  if (!accountsTable || !repsTable)
    throw new FileProblem(
      "no scenario in the workbook says which tables to use, and no Accounts and Reps tables were found"
    );
  const [a, r] = await Promise.all([
    store.readUserTable(accountsTable),
    store.readUserTable(repsTable),
  ]);
  return {
    accountsTable,
    repsTable,
    accountColumns: autoMap(ACCOUNT_FIELDS, a?.header ?? []),
    repColumns: autoMap(REP_FIELDS, r?.header ?? []),
    balance: DEFAULT_BALANCE,
  };
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export async function territories(
  store: PlanStore,
  scenarioName: string | undefined,
  onProgress: (done: number) => void
): Promise<Report & { changed: boolean }> {
  const plan = await store.load();
  const stored = pickScenario(plan, scenarioName);
  if (scenarioName && stored && !stored.run)
    throw new FileProblem(`the scenario ${scenarioName} has no stored rules (Scenario Settings)`);
  const run = stored?.run ?? (await defaultRun(store));
  const name = stored?.name ?? scenarioName ?? "Base";
  const sources = await readSources(store, run);
  if (sources.problems.length)
    return {
      exitCode: 1,
      changed: false,
      lines: [
        `${sources.problems.length} problem(s) in the source tables:`,
        ...sources.problems.map((p) => `  ${where(p)}: ${p.message}`),
      ],
      data: { problems: sources.problems },
    };
  const outcome = runPlan(
    { accounts: sources.accounts, reps: sources.reps, balance: run.balance },
    onProgress
  );
  if (!outcome.ok) {
    const located = outcome.issues.map(sources.locate);
    return {
      exitCode: 3,
      changed: false,
      lines: [
        `The engine refused the input (${located.length} problem(s)):`,
        ...located.map((p) => `  ${where(p)}: ${p.message}`),
      ],
      data: { problems: located },
    };
  }
  const territory = outcome.value.territory;
  const rows = scenarioRows({
    name,
    state: stored?.state ?? "Draft",
    created: todaySerial(),
    note: stored?.note,
    territory,
    run: { ...run, quota: stored?.run?.quota },
  });
  const changes = replaceScenario(plan, name, rows);
  // Quotas are not re-run here: that scenario's quota rows stay as they were.
  delete changes.quotas;
  await store.save(plan, changes, name);
  const m = territory.metrics;
  return {
    exitCode: 0,
    changed: true,
    lines: [
      `Scenario ${name}: ${territory.assignments.length} account(s) assigned to ${territory.reps.length} rep(s), ${territory.unassigned.length} unassigned.`,
      `  largest deviation ${pct(m.maxAbsDeviation)}, CV ${m.coefficientOfVariation.toFixed(3)}, Gini ${m.giniPotentialPerFte.toFixed(3)}, moved ${m.accountsMoved}, continuity ${pct(m.continuity)}`,
    ],
    data: { scenario: name, metrics: m, unassigned: territory.unassigned, reps: territory.reps },
  };
}

export async function quotas(
  store: PlanStore,
  scenarioName: string | undefined
): Promise<Report & { changed: boolean }> {
  const plan = await store.load();
  const stored = pickScenario(plan, scenarioName);
  if (!stored)
    throw new FileProblem(
      scenarioName
        ? `no scenario named ${scenarioName}`
        : "name a scenario with --scenario (there is no Active one)"
    );
  if (!stored.run?.quota)
    throw new FileProblem(
      `the scenario ${stored.name} has no quota settings (quota.companyTarget in Scenario Settings)`
    );
  const sources = await readSources(store, stored.run);
  if (sources.problems.length)
    return {
      exitCode: 1,
      changed: false,
      lines: sources.problems.map((p) => `  ${where(p)}: ${p.message}`),
      data: { problems: sources.problems },
    };
  const q = stored.run.quota;
  const outcome = quotasFor(stored.territory, sources.reps, sources.accounts, q);
  if (!outcome.ok)
    return {
      exitCode: 3,
      changed: false,
      lines: outcome.issues.map(
        (i) => `  ${i.table} ${i.row ? `row ${i.row} ` : ""}${i.field}: ${i.message}`
      ),
      data: { issues: outcome.issues },
    };
  const rows = scenarioRows({
    name: stored.name,
    state: stored.state,
    created: stored.created ?? todaySerial(),
    note: stored.note,
    territory: stored.territory,
    quotas: outcome.value,
    quotaMethod: q.method.kind,
    run: stored.run,
  });
  const changes = replaceScenario(plan, stored.name, rows);
  await store.save(plan, { scenarios: changes.scenarios, quotas: changes.quotas }, stored.name);
  const total = outcome.value.reps.reduce((s, r) => s + r.annual, 0);
  return {
    exitCode: 0,
    changed: true,
    lines: [
      `Scenario ${stored.name}: quotas for ${outcome.value.reps.length} rep(s) from a company target of ${q.companyTarget.toLocaleString("en-US")} (fiscal year from ${isoFromSerial(q.fiscalYearStart)}).`,
      `  rep quotas sum to ${total.toLocaleString("en-US", { maximumFractionDigits: 2 })}; ${outcome.value.tiesOut ? "ties out at every level" : "DOES NOT tie out"}`,
    ],
    data: {
      scenario: stored.name,
      tiesOut: outcome.value.tiesOut,
      teams: outcome.value.teams,
      reps: outcome.value.reps,
    },
  };
}

export async function compare(store: PlanStore, a: string, b: string): Promise<Report> {
  const plan = await store.load();
  const all = storedScenarios(plan);
  const [x, y] = [all.find((s) => s.name === a), all.find((s) => s.name === b)];
  if (!x || !y)
    throw new FileProblem(
      `no scenario named ${!x ? a : b}; the workbook has ${all.map((s) => s.name).join(", ") || "none"}`
    );
  const c = compareScenarios(x, y);
  return {
    exitCode: 0,
    lines: [
      `${c.moves.length} account(s) have a different rep in ${b} than in ${a}.`,
      ...c.metrics.map(
        (m) =>
          `  ${m.metric}: ${m.a ?? "—"} → ${m.b ?? "—"} (${m.delta === null ? "—" : (m.delta >= 0 ? "+" : "") + m.delta.toFixed(4)})`
      ),
      ...c.reps
        .filter((r) => r.potentialDelta !== 0 || (r.quotaDelta ?? 0) !== 0)
        .map(
          (r) =>
            `  ${r.repId}: potential ${r.potentialDelta >= 0 ? "+" : ""}${r.potentialDelta}${r.quotaDelta === undefined ? "" : `, quota ${r.quotaDelta >= 0 ? "+" : ""}${r.quotaDelta.toFixed(2)}`}`
        ),
    ],
    data: c,
  };
}

export { PlanStoreError };
