/**
 * What the commands share: the scenario a command works on, the accounts and reps its rules
 * name, and the engine's issues placed back where a user fixes them (a cell of their table,
 * or a setting of the scenario).
 */
import { DEFAULT_BALANCE } from "../domain/planRun";
import type { InputIssue } from "../domain/territory";
import type { PlanProblem } from "../workbook/rows";
import { tables } from "../workbook/schema";
import { ScenarioRun, StoredScenario, storedScenarios } from "../workbook/scenarioTables";
import {
  ACCOUNT_FIELDS,
  REP_FIELDS,
  SourceTables,
  autoMap,
  guessSourceTables,
  readSourceTables,
} from "../workbook/sourceTables";
import type { PlanSnapshot, PlanStore } from "../workbook/store";
import { ExitCode, FileProblem } from "./failures";

export interface Report {
  exitCode: ExitCode;
  /** Lines for people. */
  lines: string[];
  /** The same, for programs (--json). */
  data: unknown;
}

export const where = (p: PlanProblem) =>
  [p.sheet, p.address ?? (p.row ? `row ${p.row}` : undefined), p.column]
    .filter(Boolean)
    .join(" · ");

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

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * The scenario a command works on: the one named (refused, listing the scenarios there are,
 * when there is none of that name), else the Active one, else the only one.
 */
export function pickScenario(plan: PlanSnapshot, name: string): StoredScenario;
export function pickScenario(
  plan: PlanSnapshot,
  name: string | undefined
): StoredScenario | undefined;
export function pickScenario(
  plan: PlanSnapshot,
  name: string | undefined
): StoredScenario | undefined {
  const all = storedScenarios(plan);
  if (name === undefined)
    return all.find((s) => s.state === "Active") ?? (all.length === 1 ? all[0] : undefined);
  const found = all.find((s) => s.name === name);
  if (!found)
    throw new FileProblem(
      all.length
        ? `no scenario named "${name}"; the workbook has ${quoted(all.map((s) => s.name))}`
        : `no scenario named "${name}"; the workbook has no scenarios yet`
    );
  return found;
}

/** Refuses a name for a new scenario that is already taken. */
export function requireNewScenarioName(plan: PlanSnapshot, name: string): void {
  if (storedScenarios(plan).some((s) => s.name === name))
    throw new FileProblem(
      `there is already a scenario named "${name}"; run it again with --scenario "${name}", or choose another name`
    );
}

/** Rules for a workbook with no stored scenario: its Accounts and Reps tables, recognised by their headers. */
export async function defaultRun(store: PlanStore): Promise<ScenarioRun | undefined> {
  const { accounts: accountsTable, reps: repsTable } = guessSourceTables(
    await store.listUserTables()
  );
  if (!accountsTable || !repsTable) return undefined;
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

export const NO_TABLES =
  "no scenario in the workbook says which tables to use, and no Accounts and Reps tables were found";

/**
 * The engine's issues where a user fixes them: a cell of the accounts or reps table, or the
 * scenario's setting in Scenario Settings (`balance.…` for territories, `quota.…` for quotas).
 */
export function locateIssues(
  issues: readonly InputIssue[],
  sources: SourceTables,
  scenario: string,
  settings: "balance" | "quota"
): PlanProblem[] {
  return issues.map((issue) =>
    issue.table === "settings"
      ? {
          severity: "error",
          sheet: tables.scenarioSettings.sheet,
          table: tables.scenarioSettings.table,
          column: `${settings}.${issue.field}`,
          message: `${scenario}: ${issue.message}`,
          code: issue.code,
          values: issue.values,
        }
      : sources.locate(issue)
  );
}

/** One line per problem, its place first. */
export const problemLines = (problems: readonly PlanProblem[]) =>
  problems.map((p) => `  ${where(p)}: ${p.message}`);
