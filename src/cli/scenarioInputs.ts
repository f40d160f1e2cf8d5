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
import type { SourceTables } from "../workbook/sourceTables";
import { guessedPicks, mapSources, picksOfRun, readSources } from "../workbook/sources";
import type { PlanSnapshot, PlanStore } from "../workbook/store";
import { placeOf, type Problem } from "../domain/problem";
import { cliProblem } from "./cliProblems";
import { ExitCode, FileProblem } from "./failures";
import { english, type Words } from "./words";

export interface Report {
  exitCode: ExitCode;
  /**
   * The lines say why nothing was done (a refusal, not a result): they go to stderr, the
   * first after "sales-plan: ", as every other refusal does.
   */
  refused?: boolean;
  /** Lines for people, in the language of the one who runs the command. */
  lines: string[];
  /** The same, for programs (--json). */
  data: unknown;
}

/** Where a problem is, in English ("Accounts · C7 · Potential"). */
export const where = (p: PlanProblem) => placeOf(p);

/** Reads the accounts and reps a run names, with every problem located in the user's tables. */
export async function runSources(store: PlanStore, run: ScenarioRun): Promise<SourceTables> {
  const sides = await readSources(store, picksOfRun(run));
  if (!sides.accounts.raw)
    throw new FileProblem(cliProblem("accountsTableGone", { table: run.accountsTable.name }));
  if (!sides.reps.raw)
    throw new FileProblem(cliProblem("repsTableGone", { table: run.repsTable.name }));
  return mapSources(sides)!;
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * The scenario a command works on: the one named (refused, listing the scenarios there are,
 * when there is none of that name), else the Active one, else the only one.
 */
/** Why no scenario was chosen without --scenario: none is Active, or there are none at all. */
export const noScenarioChosen = (plan: PlanSnapshot) =>
  new FileProblem(cliProblem(storedScenarios(plan).length ? "noActiveScenario" : "noScenariosYet"));

/** A command that needs a scenario's stored results, on one never run: exit 1, saying what to run. */
export const notRunYet = (scenario: string, words: Words) => ({
  exitCode: 1 as const,
  refused: true,
  changed: false,
  lines: [words.say(cliProblem("noResults", { scenario }))],
  data: { error: cliProblem("noResults", { scenario }).message },
});

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
        ? cliProblem("unknownScenario", { name, names: quoted(all.map((s) => s.name)) })
        : cliProblem("unknownScenarioNone", { name })
    );
  return found;
}

/** Refuses a name for a new scenario that is already taken. */
export function requireNewScenarioName(plan: PlanSnapshot, name: string): void {
  if (storedScenarios(plan).some((s) => s.name === name))
    throw new FileProblem(cliProblem("scenarioTaken", { name }));
}

/** Rules for a workbook with no stored scenario: its Accounts and Reps tables, recognised by their headers. */
export async function defaultRun(store: PlanStore): Promise<ScenarioRun | undefined> {
  const picks = guessedPicks(await store.listUserTables());
  const accounts = picks.accounts.source;
  const reps = picks.reps.source;
  if (accounts?.kind !== "table" || reps?.kind !== "table") return undefined;
  const sides = await readSources(store, picks);
  return {
    accountsTable: accounts.table,
    repsTable: reps.table,
    accountColumns: sides.accounts.mapping,
    repColumns: sides.reps.mapping,
    balance: DEFAULT_BALANCE,
  };
}

export const NO_TABLES = cliProblem("noTables");

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
          ...inScenario(scenario, issue),
        }
      : sources.locate(issue)
  );
}

/** "FY27 Base: …": a problem of one scenario's input (or one V2MOM), its words kept for translation. */
export const inScenario = (scenario: string, problem: Problem): Problem => ({
  ...cliProblem("inScenario", { scenario, problem: problem.message }),
  parts: { problem },
});

/**
 * A scenario whose stored settings cannot all be read (a value that is not of its setting's
 * type, a misspelt setting): each problem at its cell, said as a problem of that scenario.
 */
export const settingsProblemsOf = (stored: StoredScenario): PlanProblem[] =>
  stored.settingsProblems.map((p) => ({ ...p, ...inScenario(stored.name, p) }));

/** The refusal (exit 1, nothing written) of a run whose stored settings cannot all be read. */
export function settingsRefusal(
  stored: StoredScenario,
  words: Words = english
): Report & { changed: false } {
  const problems = settingsProblemsOf(stored);
  return {
    exitCode: 1,
    refused: true,
    changed: false,
    lines: [
      words.say(cliProblem("settingsProblems", { scenario: stored.name, count: problems.length })),
      ...problemLines(problems, words),
    ],
    data: { problems },
  };
}

/** One line per problem, its place first. */
export const problemLines = (problems: readonly PlanProblem[], words: Words = english) =>
  problems.map((p) => `  ${words.place(p)}: ${words.say(p)}`);
