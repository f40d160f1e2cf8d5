/**
 * What the commands that run the engine do, apart from argument parsing, files and printing:
 * territories, quotas and compare over a plan (validate is in validate.ts). Each returns a
 * report (printed as text or JSON) with its exit code: 0 done, 1 problems found in the plan's
 * tables, 3 the engine refused the input; an unusable request throws FileProblem (exit code 2).
 */
import { formatMetric, percent, signedWhole } from "../i18n/figures";
import { floorWords } from "../i18n/floorWords";
import { isoFromSerial, todaySerial } from "../domain/calendar";
import { quotasFor, runPlan } from "../domain/planRun";
import { quotaReachability, repTerritories } from "../domain/quotaPlan";
import { reachLines } from "./reachLines";
import { compareScenarios } from "../domain/scenario";
import { replaceScenario, scenarioRows } from "../workbook/scenarioTables";
import type { DeviationBound } from "../domain/territory";
import type { PlanStore } from "../workbook/store";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import { FileProblem } from "./failures";
import { english, type Words } from "./words";
import {
  NO_TABLES,
  Report,
  defaultRun,
  locateIssues,
  noScenarioChosen,
  notRunYet,
  pickScenario,
  problemLines,
  runSources,
  requireNewScenarioName,
  settingsRefusal,
} from "./scenarioInputs";

export type { Report };

export interface TerritoryRequest {
  /** The scenario whose rules are used and whose results are replaced (default: Active). */
  scenario?: string;
  /** Save the results as this new scenario instead (the chosen scenario is left as it is). */
  saveAs?: string;
}

/** A sentence of the command line's catalog, in the reader's language. */
const sentence = (words: Words, code: CliProblemCode, values?: Record<string, string | number>) =>
  words.say(cliProblem(code, values));

export async function territories(
  store: PlanStore,
  request: TerritoryRequest,
  onProgress: (done: number) => void,
  words: Words = english
): Promise<Report & { changed: boolean }> {
  const plan = await store.load();
  const stored = pickScenario(plan, request.scenario);
  if (request.saveAs !== undefined) requireNewScenarioName(plan, request.saveAs);
  // Settings that cannot be read are not run with a guess, nor written back without them.
  if (stored?.settingsProblems.length) return settingsRefusal(stored, words);
  if (request.scenario !== undefined && !stored?.run)
    throw new FileProblem(cliProblem("noStoredRules", { scenario: request.scenario }));
  const run = stored?.run ?? (await defaultRun(store));
  if (!run) throw new FileProblem(NO_TABLES);
  const name = request.saveAs ?? stored?.name ?? "Base";
  const kept = request.saveAs === undefined ? stored : undefined;
  const sources = await runSources(store, run);
  if (sources.problems.length)
    return {
      exitCode: 1,
      refused: true,
      changed: false,
      lines: [
        sentence(words, "sourceProblems", { count: sources.problems.length }),
        ...problemLines(sources.problems, words),
      ],
      data: { problems: sources.problems },
    };
  const outcome = runPlan(
    { accounts: sources.accounts, reps: sources.reps, balance: run.balance },
    onProgress
  );
  if (!outcome.ok) {
    const located = locateIssues(outcome.issues, sources, name, "balance");
    return {
      exitCode: 3,
      changed: false,
      lines: [
        sentence(words, "engineRefused", { count: located.length }),
        ...problemLines(located, words),
      ],
      data: { problems: located },
    };
  }
  const territory = outcome.value.territory;
  const rows = scenarioRows({
    name,
    state: kept?.state ?? "Draft",
    created: kept?.created ?? todaySerial(),
    note: kept?.note,
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
      sentence(words, "territoriesDone", {
        name,
        assigned: territory.assignments.length,
        reps: territory.reps.length,
        unassigned: territory.unassigned.length,
      }),
      sentence(words, "territoriesMetrics", {
        deviation: percent(m.maxAbsDeviation),
        cv: m.coefficientOfVariation.toFixed(3),
        gini: m.giniPotentialPerFte.toFixed(3),
        moved: m.accountsMoved,
        continuity: percent(m.continuity),
      }),
      ...floorLines(territory.deviationBound, words),
    ],
    data: {
      scenario: name,
      metrics: m,
      ...floorData(territory.deviationBound),
      // The JSON keeps its shape: the reason's code is for the panes' translation.
      unassigned: territory.unassigned.map(({ accountId, reason }) => ({ accountId, reason })),
      reps: territory.reps,
    },
  };
}

/**
 * The floor under the largest deviation; when it is above the band, what forces it and the
 * first remedy (the pane lists them all).
 */
function floorLines(bound: DeviationBound | undefined, words: Words): string[] {
  if (!bound) return [];
  const said = floorWords(bound, (phrase, values) =>
    words.t(`territories.floor.${phrase}`, values)
  );
  const lines = [sentence(words, "territoriesFloor", { headline: said.headline })];
  if (said.aboveBand && said.causes.length)
    lines.push(
      sentence(words, "territoriesFloorWhy", {
        cause: said.causes[0],
        remedy: said.remedies[0] ?? "",
      })
    );
  return lines;
}

/** The floor in the JSON: a share like maxAbsDeviation, with the sets forcing it and the remedies. */
const floorData = (bound: DeviationBound | undefined) =>
  bound
    ? {
        lowestPossibleDeviation: bound.lowestPossibleDeviation,
        binding: bound.binding,
        remedies: bound.remedies,
      }
    : {};

export async function quotas(
  store: PlanStore,
  scenarioName: string | undefined,
  words: Words = english
): Promise<Report & { changed: boolean }> {
  const plan = await store.load();
  const stored = pickScenario(plan, scenarioName);
  if (!stored) throw noScenarioChosen(plan);
  if (stored.settingsProblems.length) return settingsRefusal(stored, words);
  if (!stored.run?.quota)
    throw new FileProblem(cliProblem("noQuotaSettings", { scenario: stored.name }));
  // Quotas split the scenario's territories: with none stored there is nothing to split.
  if (!stored.territory.reps.length) return notRunYet(stored.name, words);
  const sources = await runSources(store, stored.run);
  if (sources.problems.length)
    return {
      exitCode: 1,
      refused: true,
      changed: false,
      lines: [
        sentence(words, "sourceProblems", { count: sources.problems.length }),
        ...problemLines(sources.problems, words),
      ],
      data: { problems: sources.problems },
    };
  const q = stored.run.quota;
  const outcome = quotasFor(stored.territory, sources.reps, sources.accounts, q);
  if (!outcome.ok) {
    const located = locateIssues(outcome.issues, sources, stored.name, "quota");
    return {
      exitCode: 3,
      changed: false,
      lines: [
        sentence(words, "engineRefused", { count: located.length }),
        ...problemLines(located, words),
      ],
      data: { problems: located },
    };
  }
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
  const tie = cliProblem(outcome.value.tiesOut ? "tiesOut" : "doesNotTieOut");
  const reachability = quotaReachability(
    outcome.value,
    repTerritories(stored.territory, sources.accounts),
    { threshold: q.reachThreshold }
  );
  return {
    exitCode: 0,
    changed: true,
    lines: [
      sentence(words, "quotasDone", {
        name: stored.name,
        reps: outcome.value.reps.length,
        target: q.companyTarget.toLocaleString(words.locale),
        start: isoFromSerial(q.fiscalYearStart),
      }),
      words.say({
        ...cliProblem("quotasSum", {
          total: total.toLocaleString(words.locale, { maximumFractionDigits: 2 }),
          over: `${+((q.overAssignment ?? 0) * 100).toFixed(2)}%`,
          tie: tie.message,
        }),
        parts: { tie },
      }),
      ...reachLines(reachability, words),
    ],
    data: {
      scenario: stored.name,
      tiesOut: outcome.value.tiesOut,
      teams: outcome.value.teams,
      reps: outcome.value.reps,
      reachability,
    },
  };
}

export async function compare(
  store: PlanStore,
  a: string,
  b: string,
  words: Words = english
): Promise<Report> {
  const plan = await store.load();
  const [x, y] = [pickScenario(plan, a), pickScenario(plan, b)];
  // A scenario never run has no figures: comparing it would print zeros as if they were results.
  for (const s of [x, y]) if (!s.territory.reps.length) return notRunYet(s.name, words);
  const c = compareScenarios(x, y);
  // Whole currency units with the reader's separators, as the pane shows potential and quotas.
  const whole = new Intl.NumberFormat(words.locale, { maximumFractionDigits: 0 });
  const money = (delta: number) => signedWhole(delta, whole);
  // A quota change means something only when both scenarios have quotas.
  const bothQuotas = x.quotas !== undefined && y.quotas !== undefined;
  const withoutQuotas = [x, y].filter((s) => s.quotas === undefined).map((s) => s.name);
  return {
    exitCode: 0,
    lines: [
      ...(a === b ? [sentence(words, "compareSame", { name: a })] : []),
      sentence(words, "compareMoves", { count: c.moves.length, a, b }),
      ...c.metrics.map((m) =>
        sentence(words, "compareMetric", {
          metric: words.t(`territories.metric.${m.metric}`),
          a: formatMetric(m.metric, m.a, whole),
          b: formatMetric(m.metric, m.b, whole),
          delta: formatMetric(m.metric, m.delta, whole, true),
        })
      ),
      ...(withoutQuotas.length && !(x.quotas === undefined && y.quotas === undefined)
        ? [sentence(words, "compareNoQuotas", { names: withoutQuotas.join(", ") })]
        : []),
      // Only the reps whose potential or (with quotas on both sides) quota changes.
      ...c.reps
        .filter((r) => r.potentialDelta !== 0 || (bothQuotas && (r.quotaDelta ?? 0) !== 0))
        .map((r) =>
          r.quotaDelta === undefined || !bothQuotas
            ? sentence(words, "compareRep", { rep: r.repId, potential: money(r.potentialDelta) })
            : sentence(words, "compareRepQuota", {
                rep: r.repId,
                potential: money(r.potentialDelta),
                quota: money(r.quotaDelta),
              })
        ),
    ],
    // Programs get the numbers as computed.
    data: c,
  };
}
