/**
 * The Movement step's figures: the bridge between two snapshots with the deals behind each
 * bar (src/domain/pipelineMoves.ts), each deal's stage move in funnel order, and the stalled
 * deals: longer in their current stage than three stays in four there ever lasted.
 */
import { closingQuantile, cycleObservations, kaplanMeier } from "../../domain/cycleTime";
import { labelKey } from "../../domain/labels";
import type { Opportunity } from "../../domain/pipelineLog";
import { pipelineMoves, type BridgeRow, type PipelineBridge } from "../../domain/pipelineMoves";
import { snapshotColumns, stageStays } from "../../workbook/pipelineHistory";
import type { LoadedLog } from "../../workbook/pipelineTables";
import { logUpTo, pushCounts, settingsOf, type StageSettings } from "./pipelineHistory";

export function bridgeBetween(
  a: readonly Opportunity[],
  b: readonly Opportunity[],
  stages: StageSettings,
  periodEnd?: number
): PipelineBridge {
  return pipelineMoves(
    snapshotColumns(a, "snapshot_a"),
    snapshotColumns(b, "snapshot_b"),
    periodEnd,
    stages.won,
    stages.lost
  );
}

/** The deals behind one bar of the bridge, largest first, with their names and owners. */
export function dealsBehind(
  bridge: PipelineBridge,
  bar: BridgeRow,
  a: readonly Opportunity[],
  b: readonly Opportunity[]
) {
  const known = new Map<string, Opportunity>();
  for (const o of a) known.set(o.id, o);
  for (const o of b) known.set(o.id, o);
  const inStart = new Set(a.map((o) => o.id));
  const moves =
    bar === "Start"
      ? bridge.moves.filter((m) => inStart.has(m.id) && !["New", "Pulled in"].includes(m.move))
      : bar === "End"
        ? bridge.moves.filter((m) => !["Removed", "Won", "Lost", "Pushed out"].includes(m.move))
        : bridge.moves.filter((m) => m.move === bar);
  // Start and End count each deal at its amount then; the bars between count the move's.
  const before = new Map(a.map((o) => [o.id, o.amount ?? 0]));
  const after = new Map(b.map((o) => [o.id, o.amount ?? 0]));
  const amountOf = (id: string, moved: number) =>
    bar === "Start" ? (before.get(id) ?? 0) : bar === "End" ? (after.get(id) ?? 0) : moved;
  return moves
    .map((m) => ({ ...m, amount: amountOf(m.id, m.amount), deal: known.get(m.id) }))
    .sort((x, y) => y.amount - x.amount || x.id.localeCompare(y.id));
}

export type StageMove = "advanced" | "regressed" | "unchanged";

/** Deals open in both snapshots at known stages, by whether they moved up or down the funnel. */
export function stageMoves(
  a: readonly Opportunity[],
  b: readonly Opportunity[],
  stages: StageSettings
) {
  const position = new Map(stages.order.map((s, i) => [labelKey(s), i]));
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

export interface StalledDeal {
  id: string;
  name: string | null;
  owner: string | null;
  stage: string;
  /** Days in the current stage as of the date asked. */
  days: number;
  /** The 75th percentile of stays in that stage (Kaplan–Meier, stays still going censored). */
  threshold: number;
  /** How many times its close date moved later. */
  pushes: number;
}

/**
 * Deals in an open stage longer than that stage's 75th percentile of stays, as of `asOf`
 * (a capture date). A stage whose stays never reach three quarters finished has no
 * threshold (the data cannot say), and none of its deals is called stalled.
 */
export function stalledDeals(
  log: LoadedLog,
  current: readonly Opportunity[],
  stages: StageSettings,
  asOf: number
): StalledDeal[] {
  const upTo = logUpTo(log, asOf);
  // The stays as the forecast times deals with them (the workbook layer's), one row each.
  const stays = stageStays(upTo, settingsOf(stages));
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
  const pushes = pushCounts(upTo.entries);
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
      threshold,
      pushes: pushes.get(deal.id) ?? 0,
    });
  }
  return stalled.sort((x, y) => y.days - y.threshold - (x.days - x.threshold));
}
