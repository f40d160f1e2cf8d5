/**
 * The period's forecast from the open pipeline, by forecast category: each deal the reps
 * expect to close by the period's end (its close date) counts its amount × the win
 * probability of its stage (typed, or PLAN.STAGEWIN's) × the probability that it leaves its
 * current stage in time. That last factor comes from how long deals stay in each stage,
 * by Kaplan–Meier with the stays still going censored, as CYCLETIME does for whole cycles:
 * a deal already 40 days in a stage whose stays rarely pass 45 is unlikely to move in time.
 */
import { requireFraction } from "./checks";
import { Column } from "./column";
import { closedWithin, cycleObservations, kaplanMeier, SurvivalTable } from "./cycleTime";
import { naError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { BLANK_GROUP } from "./funnel";
import { byGroupName, labelKey, stageIndex, StageLookup } from "./labels";
import { Snapshot, snapshotDeals } from "./pipelineMoves";
import { OPEN, outcomeOfStage } from "./winRate";

/** Stays of deals in stages: a row per stay, `left` blank (NaN) while the deal is still there. */
export interface StageHistory {
  readonly ids: Column<string>;
  readonly stages: Column<string>;
  readonly entered: Float64Array;
  readonly left: Float64Array;
}

export interface ForecastRow {
  readonly category: string;
  readonly deals: number;
  /** Unweighted amount of the deals in scope. */
  readonly amount: number;
  /** Expected revenue: Σ amount × win probability × probability of moving in time. */
  readonly expected: number;
}

export interface ForecastOptions {
  /** The snapshot rows' forecast categories (commit, best case, pipeline…); one group when undefined. */
  readonly categories?: Column<string>;
  readonly history?: StageHistory;
  /** The date the snapshot and history were taken (default: the latest date in the history). */
  readonly asOf?: number;
  readonly wonLabel?: string;
  readonly lostLabel?: string;
}

const FIELD = "stage_history";

/** Per stage, its Kaplan–Meier table of stay durations; per deal id, its open stay. */
function stayTables(
  history: StageHistory,
  stageNames: readonly string[],
  asOf: number | undefined
) {
  const { ids, stages, entered, left } = history;
  const lookup = new StageLookup(stageIndex(stageNames), FIELD);
  let cutoff = asOf ?? -Infinity;
  if (asOf === undefined)
    for (let i = 0; i < entered.length; i++) {
      if (entered[i] > cutoff) cutoff = entered[i];
      if (left[i] > cutoff) cutoff = left[i];
    }
  const rowsOf = stageNames.map(() => [] as number[]);
  const openStay = new Map<string, { stage: number; entered: number; row: number }>();
  for (let i = 0; i < ids.length; i++) {
    const row = i + 1;
    const id = ids.get(i).trim();
    const stage = lookup.stageOf(stages.get(i), row);
    if (id === "" && stage < 0 && entered[i] !== entered[i] && left[i] !== left[i]) continue;
    if (id === "" || stage < 0 || entered[i] !== entered[i])
      throw valueError(functionProblem("blankInRow", { field: FIELD, row }), { field: FIELD, row });
    if (left[i] < entered[i])
      throw valueError(functionProblem("stayEndsBeforeStart", { row }), { field: FIELD, row });
    if (entered[i] > cutoff)
      throw valueError(functionProblem("stayAfterAsOf", { row }), { field: FIELD, row });
    rowsOf[stage].push(i);
    if (left[i] === left[i] && left[i] <= cutoff) continue;
    const earlier = openStay.get(id);
    if (earlier)
      throw valueError(functionProblem("stayOpenTwice", { id, first: earlier.row, row }), {
        field: FIELD,
        row,
      });
    openStay.set(id, { stage, entered: entered[i], row });
  }
  // Rows are checked above, so the estimator (CYCLETIME's) gets clean observations.
  const tables = rowsOf.map((rows): SurvivalTable | undefined => {
    if (rows.length === 0) return undefined;
    const from = Float64Array.from(rows, (i) => entered[i]);
    const to = Float64Array.from(rows, (i) => left[i]);
    return kaplanMeier(cycleObservations(from, to, cutoff));
  });
  return { tables, openStay, asOf: cutoff };
}

/** P(a stay that has lasted `days` ends within `horizon` more days), from its stage's table. */
function movesInTime(table: SurvivalTable, days: number, horizon: number): number {
  const before = closedWithin(table, days);
  if (before >= 1) return 1; // longer than every stay seen: nothing says it stays longer
  return (closedWithin(table, days + horizon) - before) / (1 - before);
}

/**
 * The forecast for the period ending `periodEnd`: one row per forecast category (sorted by
 * name), then a Total row. A deal is in scope when open with a close date on or before
 * `periodEnd`; without a stage history every deal in scope counts its full win probability.
 */
export function pipelineForecast(
  snapshot: Snapshot,
  periodEnd: number,
  stageNames: readonly string[],
  winProbabilities: Float64Array,
  options: ForecastOptions = {}
): ForecastRow[] {
  const { categories, history } = options;
  if (stageNames.length !== winProbabilities.length)
    throw valueError(
      functionProblem("entriesDiffer", {
        first: "stage_names",
        firstCount: stageNames.length,
        field: "win_probabilities",
        count: winProbabilities.length,
      }),
      { field: "win_probabilities" }
    );
  winProbabilities.forEach((p, i) => requireFraction(p, "win_probabilities", i + 1));
  if (categories && categories.length !== snapshot.ids.length)
    throw valueError(
      functionProblem("rowsDiffer", {
        first: snapshot.field,
        firstCount: snapshot.ids.length,
        field: "categories",
        count: categories.length,
      }),
      { field: "categories" }
    );
  const deals = snapshotDeals(snapshot, outcomeOfStage(options.wonLabel, options.lostLabel));
  const stageField = `${snapshot.field} (stage)`;
  const lookup = new StageLookup(stageIndex(stageNames), stageField);
  const stays = history && stayTables(history, stageNames, options.asOf);
  const groups = new Map<
    string,
    { category: string; deals: number; amount: number; expected: number }
  >();
  const total = { category: "Total", deals: 0, amount: 0, expected: 0 };
  for (const [id, deal] of deals) {
    if (deal.outcome !== OPEN) continue;
    const { row } = deal;
    if (deal.closeDate !== deal.closeDate)
      throw valueError(
        functionProblem("closeDateNeeded", { field: `${snapshot.field} (close date)`, row }),
        { field: snapshot.field, row }
      );
    if (deal.closeDate > periodEnd) continue;
    const stage = lookup.stageOf(snapshot.stages.get(row - 1), row);
    let inTime = 1;
    if (stays) {
      const stay = stays.openStay.get(id);
      if (!stay || stay.stage !== stage)
        throw naError(functionProblem("noOpenStay", { id, stage: stageNames[stage], row }), {
          field: FIELD,
        });
      const table = stays.tables[stage]!;
      inTime = movesInTime(table, stays.asOf - stay.entered, Math.max(0, periodEnd - stays.asOf));
    }
    const expected = deal.amount * winProbabilities[stage] * inTime;
    const label = categories ? categories.get(row - 1) : "";
    const key = labelKey(label);
    let group = groups.get(key);
    if (!group) {
      group = {
        category: key === "" ? BLANK_GROUP : label.trim(),
        deals: 0,
        amount: 0,
        expected: 0,
      };
      groups.set(key, group);
    }
    for (const sum of [group, total]) {
      sum.deals++;
      sum.amount += deal.amount;
      sum.expected += expected;
    }
  }
  const rows = categories
    ? [...groups.values()].sort((a, b) => byGroupName(a.category, b.category))
    : [];
  return [...rows, total];
}
