/**
 * `validate`: every problem a later command would stop at, found without running it: cells of
 * the plan's tables and of the user's accounts and reps tables that cannot be read, V2MOMs that
 * do not validate, and each scenario's input as the engine itself checks it (the same checks
 * `territories` and `quotas` refuse on: duplicate ids, negative potential, capacity outside
 * 0–1, settings out of range, ...), each located where a user fixes it.
 */
import { quotasFor } from "../domain/planRun";
import { validateTerritoryInput } from "../domain/territory";
import { validateV2mom } from "../domain/v2mom";
import type { PlanProblem } from "../workbook/rows";
import { tables } from "../workbook/schema";
import { ScenarioRun, StoredScenario, storedScenarios } from "../workbook/scenarioTables";
import type { PlanStore } from "../workbook/store";
import { v2momFromRows } from "../workbook/v2momTables";
import { cliProblem } from "./cliProblems";
import { FileProblem } from "./failures";
import {
  Report,
  defaultRun,
  inScenario,
  locateIssues,
  problemLines,
  runSources,
  settingsProblemsOf,
  where,
} from "./scenarioInputs";
import { english, type Words } from "./words";

/** What running one scenario would refuse, located. */
async function scenarioProblems(
  store: PlanStore,
  name: string,
  run: ScenarioRun,
  stored: StoredScenario | undefined
): Promise<PlanProblem[]> {
  let sources;
  try {
    sources = await runSources(store, run);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return [
      {
        severity: "error",
        sheet: tables.scenarioSettings.sheet,
        table: tables.scenarioSettings.table,
        ...inScenario(name, error.said),
      },
    ];
  }
  // The engine sees only rows that could be read; checking it on the rest would report noise.
  if (sources.problems.length) return sources.problems;
  const { accounts, reps } = sources;
  const problems = locateIssues(
    validateTerritoryInput({ accounts, reps, settings: run.balance }),
    sources,
    name,
    "balance"
  );
  // `quotas` plans the stored territory's quotas, checking its settings, formula and
  // management tree: doing the same (it is quick) finds what it would refuse. Before the
  // first territory run there is nothing to plan quotas on (all weights are 0).
  if (run.quota && stored?.territory.assignments.length) {
    const outcome = quotasFor(stored.territory, reps, accounts, run.quota);
    if (!outcome.ok) problems.push(...locateIssues(outcome.issues, sources, name, "quota"));
  }
  return problems;
}

/** Problems reported by both engines (a capacity of 7 is refused by each) listed once. */
function once(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${where(p)}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function validate(store: PlanStore, words: Words = english): Promise<Report> {
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
        ...inScenario(doc.orgUnit || doc.id, issue),
      });
  const stored = storedScenarios(plan);
  // A scenario whose settings cannot all be read is not checked as run on a guess of them.
  for (const scenario of stored) problems.push(...settingsProblemsOf(scenario));
  const scenarios = stored.filter((s) => s.run);
  for (const scenario of scenarios)
    if (!scenario.settingsProblems.length)
      problems.push(...(await scenarioProblems(store, scenario.name, scenario.run!, scenario)));
  // With no stored rules, `territories` runs on the Accounts and Reps tables it recognises.
  if (!scenarios.length) {
    const run = await defaultRun(store);
    if (run) problems.push(...(await scenarioProblems(store, "Base", run, undefined)));
    // A workbook with nothing of a plan in it is not "a plan with no problems".
    else if (!documents.length && !stored.length && !problems.length)
      throw new FileProblem(cliProblem("validateNothing"));
  }
  const found = once(problems);
  const errors = found.filter((p) => p.severity === "error").length;
  return {
    exitCode: errors ? 1 : 0,
    lines: found.length
      ? [
          words.say(cliProblem("validateFound", { count: found.length, errors })),
          ...found.map((p) => {
            const severity = cliProblem(
              p.severity === "error" ? "severityError" : "severityWarning"
            );
            // The problem's own line ("  place: words"), after its severity.
            return `  ${words.say(severity)}${problemLines([p], words)[0]}`;
          }),
        ]
      : [
          words.say(
            cliProblem("validateClean", {
              documents: documents.length,
              scenarios: plan.tables.scenarios.rows.length,
              revision: plan.revision,
            })
          ),
        ],
    data: { problems: found, revision: plan.revision },
  };
}
