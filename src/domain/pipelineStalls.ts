/**
 * Which deals moved up or down the funnel between two snapshots, and which are stalled:
 * longer in their current stage than three stays in four there ever lasted (Kaplan–Meier,
 * with the stays still going censored, as CYCLETIME counts still-open deals), with how often
 * each one's close date was pushed. For the Pipeline pane's Movement step, the Pipeline
 * Review sheet and the command line alike.
 */
import { closingQuantile, cycleObservations, kaplanMeier } from "./cycleTime";
import { entriesById, stageStays, type FunnelStages } from "./dealHistory";
import { labelKey } from "./labels";
import type { LogEntry, Opportunity } from "./pipelineLog";

export type StageMove = "advanced" | "regressed" | "unchanged";

/** Deals open in both snapshots at known stages, by whether they moved up or down the funnel. */
export function stageMoves(
  a: readonly Opportunity[],
  b: readonly Opportunity[],
  stages: FunnelStages
) {
  const position = new Map(stages.stages.map((s, i) => [labelKey(s), i]));
  const was = new Map(a.map((o) => [o.id, o]));
  const moves: { id: string; name: string | null; from: string; to: string; move: StageMove }[] =
    [];
  for (const now of b) {
    const before = was.get(now.id);
    if (!before) continue;
    const from = position.get(labelKey(before.stage ?? ""));
    const to = position.get(labelKey(now.stage ?? ""));
    if (from === undefined || to === undefined) continue;
    const move: StageMove = to > from ? "advanced" : to < from ? "regressed" : "unchanged";
    moves.push({ id: now.id, name: now.name, from: before.stage!, to: now.stage!, move });
  }
  const count = (m: StageMove) => moves.filter((x) => x.move === m).length;
  return {
    moves,
    counts: {
      advanced: count("advanced"),
      regressed: count("regressed"),
      unchanged: count("unchanged"),
    },
  };
}

/** How many times each deal's close date moved later from one capture to the next. */
export function pushCounts(log: readonly LogEntry[]): Map<string, number> {
  const pushes = new Map<string, number>();
  for (const [id, entries] of entriesById(log)) {
    let count = 0;
    let last: number | null = null;
    for (const entry of entries) {
      if (entry.change === "Removed") continue;
      const date = entry.closeDate;
      if (last !== null && date !== null && date > last) count++;
      if (date !== null) last = date;
    }
    pushes.set(id, count);
  }
  return pushes;
}

export interface StalledDeal {
  id: string;
  name: string | null;
  owner: string | null;
  stage: string;
  /** Days in the current stage as of the date asked. */
  days: number;
  /**
   * In that stage already at the log's first capture: it entered before anyone looked, so
   * `days` is a floor ("at least 14 days"), not the length of its stay.
   */
  atLeast: boolean;
  /** The 75th percentile of stays in that stage (Kaplan–Meier, stays still going censored). */
  threshold: number;
  /** How many times its close date moved later. */
  pushes: number;
}

/**
 * Deals of `current` in an open stage longer than that stage's 75th percentile of stays, as
 * the log stood at `asOf` (a capture date; rows after it are not read), most overdue first.
 * A stage whose stays never reach three quarters finished has no threshold (the data cannot
 * say), and none of its deals is called stalled.
 */
export function stalledDeals(
  log: readonly LogEntry[],
  current: readonly Opportunity[],
  stages: FunnelStages,
  asOf: number
): StalledDeal[] {
  const upTo = log.filter((e) => e.asOf <= asOf);
  // The stays as the forecast times deals with them, one row each.
  const stays = stageStays(upTo, stages);
  const rowsOf = new Map<string, number[]>();
  const openStay = new Map<string, number>();
  for (let i = 0; i < stays.ids.length; i++) {
    const key = labelKey(stays.stages.get(i));
    const rows = rowsOf.get(key) ?? [];
    rows.push(i);
    rowsOf.set(key, rows);
    if (stays.left[i] !== stays.left[i]) openStay.set(stays.ids.get(i), i);
  }
  const thresholds = new Map<string, number>();
  for (const [key, rows] of rowsOf) {
    const entered = Float64Array.from(rows, (i) => stays.entered[i]);
    const left = Float64Array.from(rows, (i) => stays.left[i]);
    try {
      const table = kaplanMeier(cycleObservations(entered, left, asOf));
      thresholds.set(key, closingQuantile(table, 0.75));
    } catch {
      // #N/A: fewer than three in four stays there have ended; no threshold to be above.
    }
  }
  const pushes = pushCounts(upTo);
  const firstCapture = upTo.reduce((first, e) => Math.min(first, e.asOf), Infinity);
  const stalled: StalledDeal[] = [];
  for (const deal of current) {
    const at = openStay.get(deal.id);
    if (at === undefined) continue;
    const stage = stays.stages.get(at);
    if (labelKey(stage) !== labelKey(deal.stage ?? "")) continue;
    const threshold = thresholds.get(labelKey(stage));
    const days = asOf - stays.entered[at];
    if (threshold === undefined || days <= threshold) continue;
    stalled.push({
      id: deal.id,
      name: deal.name,
      owner: deal.owner,
      stage,
      days,
      atLeast: stays.entered[at] === firstCapture,
      threshold,
      pushes: pushes.get(deal.id) ?? 0,
    });
  }
  return stalled.sort((x, y) => y.days - y.threshold - (x.days - x.threshold));
}
