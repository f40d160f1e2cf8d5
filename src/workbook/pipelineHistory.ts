/**
 * What the Pipeline Log says over time, for the Pipeline pane and the command line alike:
 * the bridge between two captures, the stage steps STAGEWIN learns from, the log as it stood
 * at a past capture, and the period's forecast from any capture (the calls' accuracy:
 * pipelineAccuracy.ts). The figures are the domain's (pipelineMoves, stageChain,
 * pipelineForecast, the stays of dealHistory); this only feeds them the log.
 */
import { isoFromSerial } from "../domain/calendar";
import type { Worded } from "../domain/problem";
import { columnOf, type Column } from "../domain/column";
import { stageStays, type FunnelStages } from "../domain/dealHistory";
import { PlanError } from "../domain/errors";
import { labelKey } from "../domain/labels";
import { pipelineForecast, type ForecastRow } from "../domain/pipelineForecast";
import { LogIndex, reconstruct, type Opportunity } from "../domain/pipelineLog";
import { pipelineMoves, type PipelineBridge, type Snapshot } from "../domain/pipelineMoves";
import { stageChain, type StageChainRow } from "../domain/stageChain";
import { OPEN, outcomeOfStage } from "../domain/winRate";
import {
  pipelineLogOf,
  pipelineTableProblem,
  readPipelineSettings,
  type LoadedLog,
  type PipelineSettings,
} from "./pipelineTables";
import { tables } from "./schema";
import { refusal } from "./storeError";
import type { PlanSnapshot } from "./store";

/** A snapshot's opportunities as the four columns the bridge and the forecast read. */
export function snapshotColumns(opportunities: readonly Opportunity[], field: string): Snapshot {
  return {
    field,
    ids: columnOf(opportunities.map((o) => o.id)),
    stages: columnOf(opportunities.map((o) => o.stage ?? "")),
    amounts: Float64Array.from(opportunities, (o) => o.amount ?? Number.NaN),
    closeDates: Float64Array.from(opportunities, (o) => o.closeDate ?? Number.NaN),
  };
}

/** The log of a plan that can be read, and its capture dates; refused (located) otherwise. */
export function usableLog(plan: PlanSnapshot): { log: LoadedLog; dates: number[] } {
  const log = pipelineLogOf(plan);
  if (log.problems.length) throw refusal(log.problems);
  const dates = [...new Set(log.entries.map((e) => e.asOf))].sort((a, b) => a - b);
  if (dates.length === 0) throw notCaptured();
  return { log, dates };
}

/** The refusal to read a log with no capture (at all, or by the date asked). */
const notCaptured = () =>
  refusal([
    {
      severity: "error",
      sheet: tables.pipelineLog.sheet,
      table: tables.pipelineLog.table,
      ...pipelineTableProblem("pipelineNotCaptured"),
    },
  ]);

/**
 * The bridge between the snapshots as of `from` and as of `to` (PLAN.PIPELINEMOVES), with the
 * won and lost labels of the pipeline settings. Throws the domain's PlanError for a snapshot
 * it refuses (a blank stage or amount, a missing close date with a period end).
 */
export function pipelineBridge(
  plan: PlanSnapshot,
  from: number,
  to: number,
  periodEnd?: number
): PipelineBridge {
  const { log } = usableLog(plan);
  const { wonLabel, lostLabel } = readPipelineSettings(plan);
  const a = reconstruct(log.entries, from, log.index);
  const b = reconstruct(log.entries, to, log.index);
  try {
    return pipelineMoves(
      snapshotColumns(a, "snapshot_a"),
      snapshotColumns(b, "snapshot_b"),
      periodEnd,
      wonLabel,
      lostLabel
    );
  } catch (error) {
    throw aboutDeal(error, { snapshot_a: [a, from], snapshot_b: [b, to] });
  }
}

/**
 * The core's refusal of a snapshot row said of the opportunity it is about and its capture
 * date: the row of a reconstructed snapshot means nothing to a person reading the log.
 */
function aboutDeal(
  error: unknown,
  snapshots: Record<string, [readonly Opportunity[], number]>
): unknown {
  if (!(error instanceof PlanError) || error.where.row === undefined) return error;
  const [deals, date] = snapshots[error.where.field ?? ""] ?? [];
  const deal = deals?.[error.where.row - 1];
  if (!deal || date === undefined) return error;
  const said = pipelineTableProblem("dealRefused", {
    id: deal.id,
    date: isoFromSerial(date),
    reason: error.said.message,
  });
  return new PlanError(error.kind, { ...said, parts: { reason: error.said } } as Worded, {
    field: tables.pipelineLog.table,
  });
}

/** The open stages in funnel order: as set in the pipeline settings, else as the log first shows them. */
export function openStages(log: LoadedLog, settings: PipelineSettings): string[] {
  if (settings.stages?.length) return settings.stages;
  const outcome = outcomeOfStage(settings.wonLabel, settings.lostLabel);
  const seen = new Map<string, string>();
  for (const e of log.entries)
    if (e.stage !== null && outcome.get(e.stage) === OPEN && !seen.has(labelKey(e.stage)))
      seen.set(labelKey(e.stage), e.stage.trim());
  return [...seen.values()];
}

/** Each opportunity's log rows (0-based entry indexes), earliest first. */
function rowsByDeal(log: LoadedLog): number[][] {
  const byDeal: number[][] = [];
  log.entries.forEach((e, i) => {
    const n = log.index.numberOfId(e.id)!;
    (byDeal[n] ??= []).push(i);
  });
  for (const rows of byDeal) rows?.sort((x, y) => log.entries[x].asOf - log.entries[y].asOf);
  return byDeal.filter(Boolean);
}

/** A column holding `count[k]` copies of `values[k]`, one after the other, without making them. */
function runColumn(values: readonly string[], counts: readonly number[]): Column<string> {
  const ends: number[] = [];
  let total = 0;
  for (const c of counts) ends.push((total += c));
  let run = 0;
  return {
    length: total,
    get(i: number) {
      // Read in order by the chain: the run only moves forward, but any order is answered.
      if (i < (run === 0 ? 0 : ends[run - 1]) || i >= ends[run]) {
        let lo = 0;
        let hi = ends.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ends[mid] > i) hi = mid;
          else lo = mid + 1;
        }
        run = lo;
      }
      return values[run];
    },
  };
}

/**
 * The observed stage steps (PLAN.STAGEWIN's from_stages and to_stages): for each opportunity
 * open at one capture and still in the log at the next, its stage then and next (the same
 * stage when it did not move). A step to or from a blank stage says nothing and is left out.
 * Counted by pair, so a year of weekly captures of 100,000 deals is a few hundred runs.
 */
export function stageSteps(
  log: LoadedLog,
  dates: readonly number[],
  settings: PipelineSettings
): { from: Column<string>; to: Column<string>; steps: number } {
  const outcome = outcomeOfStage(settings.wonLabel, settings.lostLabel);
  const position = new Map(dates.map((d, k) => [d, k]));
  const counts = new Map<string, { from: string; to: string; count: number }>();
  const add = (from: string, to: string, count: number) => {
    if (count <= 0) return;
    const key = `${from}\u0000${to}`;
    const known = counts.get(key);
    if (known) known.count += count;
    else counts.set(key, { from, to, count });
  };
  for (const rows of rowsByDeal(log)) {
    for (let j = 0; j < rows.length; j++) {
      const e = log.entries[rows[j]];
      if (e.change === "Removed" || e.stage === null || outcome.get(e.stage) !== OPEN) continue;
      const k = position.get(e.asOf)!;
      const next = j + 1 < rows.length ? log.entries[rows[j + 1]] : undefined;
      const until = next === undefined ? dates.length - 1 : position.get(next.asOf)!;
      // Unchanged at every capture in between, then (if the log goes on) a step to the next row.
      add(e.stage, e.stage, until - k - (next === undefined ? 0 : 1));
      if (next !== undefined && next.change !== "Removed" && next.stage !== null)
        add(e.stage, next.stage, 1);
    }
  }
  const pairs = [...counts.values()];
  const steps = pairs.reduce((sum, p) => sum + p.count, 0);
  const times = pairs.map((p) => p.count);
  return {
    from: runColumn(
      pairs.map((p) => p.from),
      times
    ),
    to: runColumn(
      pairs.map((p) => p.to),
      times
    ),
    steps,
  };
}

/**
 * The log as it stood at `asOf` (its rows dated then or before), indexed as a log is read,
 * so a past capture is read as it was read then.
 */
export function logUpTo(log: LoadedLog, asOf: number): LoadedLog {
  if (log.index.lastDate <= asOf) return log;
  const entries = log.entries.filter((e) => e.asOf <= asOf);
  return { entries, sheetRows: [], index: LogIndex.of(entries), problems: [] };
}

export interface PipelineForecastResult {
  /** The capture forecast from (the latest, unless another was asked for). */
  asOf: number;
  stages: string[];
  /** STAGEWIN over the log's steps up to that capture, a row per open stage. */
  chain: StageChainRow[];
  /** By forecast category, then Total (deals in stages without odds count 0: see `unestimated`). */
  rows: ForecastRow[];
  /** Stages with no odds from the log (never left, or never closing), with their deals in scope. */
  unestimated: { stage: string; reason: PlanError; deals: number; amount: number }[];
  /**
   * Why open deals are in scope yet none is expected to close in time (undefined when the
   * open pipeline is expected to bring something, or nothing is open in scope): "noOdds"
   * when none of their stages has odds yet (one capture: nothing has moved); "tooSoon" when
   * some have, but the period ends `days` after the capture, sooner than any stay in their
   * stages has been seen to end (weekly captures never see a deal leave a stage in 3 days).
   */
  nothingExpected?: NothingExpected;
}

export type NothingExpected = { reason: "noOdds" } | { reason: "tooSoon"; days: number };

export interface ForecastFromLogOptions {
  /** Forecast as the log stood at this capture (the latest capture on or before it); default the latest. */
  asOf?: number;
  /** The funnel's stages and outcome labels, as the pane has them typed; default the pipeline settings. */
  stages?: FunnelStages;
}

/**
 * PLAN.PIPELINEFORECAST for the period ending `periodEnd` from a capture (the latest unless
 * `asOf` names another): win probabilities from STAGEWIN over the log's stage steps up to
 * it, timing from the stays up to it. A stage the log gives no odds for is not guessed: its
 * deals count nothing and are listed. The Pipeline pane's Forecast and Accuracy steps and
 * `sales-plan pipeline forecast` all take their figure from here.
 */
export function forecastFromLog(
  plan: PlanSnapshot,
  periodEnd: number,
  options: ForecastFromLogOptions = {}
): PipelineForecastResult {
  const { log: whole, dates: allDates } = usableLog(plan);
  const settings: PipelineSettings = options.stages
    ? {
        stages: [...options.stages.stages],
        wonLabel: options.stages.won,
        lostLabel: options.stages.lost,
      }
    : readPipelineSettings(plan);
  const dates = allDates.filter((d) => d <= (options.asOf ?? Infinity));
  const asOf = dates[dates.length - 1];
  if (asOf === undefined) throw notCaptured();
  const log = logUpTo(whole, asOf);
  // The funnel's stages are the whole log's, so every capture is forecast over the same ones.
  const stages = openStages(whole, settings);
  const { from, to } = stageSteps(log, dates, settings);
  const { wonLabel, lostLabel } = settings;
  const chain = stageChain(from, to, stages, wonLabel, lostLabel);
  const win = Float64Array.from(chain, (r) => (r.odds instanceof PlanError ? 0 : r.odds.win));
  const snapshot = reconstruct(log.entries, asOf, log.index);
  const columns = snapshotColumns(snapshot, "snapshot");
  let rows: ForecastRow[];
  try {
    rows = pipelineForecast(columns, periodEnd, stages, win, {
      categories: columnOf(snapshot.map((o) => o.forecastCategory ?? "")),
      history: stageStays(log.entries, { won: wonLabel, lost: lostLabel }),
      asOf,
      wonLabel,
      lostLabel,
    });
  } catch (error) {
    throw aboutDeal(error, { snapshot: [snapshot, asOf] });
  }
  const outcome = outcomeOfStage(wonLabel, lostLabel);
  const inScope = new Map<string, { deals: number; amount: number }>();
  for (const o of snapshot) {
    if (o.stage === null || outcome.get(o.stage) !== OPEN) continue;
    if ((o.closeDate ?? Infinity) > periodEnd) continue;
    const key = labelKey(o.stage);
    const sum = inScope.get(key) ?? { deals: 0, amount: 0 };
    sum.deals++;
    sum.amount += o.amount ?? 0;
    inScope.set(key, sum);
  }
  const dealsIn = (stage: string) => inScope.get(labelKey(stage)) ?? { deals: 0, amount: 0 };
  const unestimated = chain.flatMap((r) =>
    r.odds instanceof PlanError ? [{ stage: r.stage, reason: r.odds, ...dealsIn(r.stage) }] : []
  );
  const total = rows[rows.length - 1];
  let nothingExpected: NothingExpected | undefined;
  if (total.deals > 0 && total.expected === 0) {
    const withOdds = chain.some(
      (r, i) => win[i] > 0 && !(r.odds instanceof PlanError) && dealsIn(r.stage).deals > 0
    );
    if (withOdds) nothingExpected = { reason: "tooSoon", days: periodEnd - asOf };
    // Otherwise their stages' odds say 0%: the odds table says so, nothing more to explain.
    else if (unestimated.reduce((n, u) => n + u.deals, 0) === total.deals)
      nothingExpected = { reason: "noOdds" };
  }
  return { asOf, stages, chain, rows, unestimated, nothingExpected };
}
