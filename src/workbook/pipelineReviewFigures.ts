/**
 * The Pipeline Review's figures, read from the plan as it is stored (the Pipeline Log, Forecast
 * Calls, the pipeline settings and the Active scenario's quotas), so the pane's button and
 * `sales-plan pipeline review` write the same sheet from the same file. Each figure is the one
 * the Pipeline pane and the other pipeline commands show (pipelineHistory.ts,
 * pipelineAccuracy.ts, forecastCalls.ts); this only chooses the dates and gathers them.
 * Where the log holds too little history for a figure, it is absent, never a zero.
 */
import { addMonths, dateFromSerial, serialFromDate } from "../domain/calendar";
import { PlanError } from "../domain/errors";
import { FORECAST_CATEGORIES } from "../domain/forecastCalls";
import { labelKey } from "../domain/labels";
import { reconstruct, type LogEntry, type Opportunity } from "../domain/pipelineLog";
import type { BridgeRow, PipelineBridge } from "../domain/pipelineMoves";
import { WON, outcomeOfStage } from "../domain/winRate";
import { callAccuracy, periodDates, periodWithDates, type CallAccuracy } from "./pipelineAccuracy";
import { forecastFromLog, openStages, pipelineBridge, stageSteps } from "./pipelineHistory";
import { reviewCalls, type CallsRollUp } from "./pipelineReviewCalls";
import {
  captureDatesOf,
  forecastCallsOf,
  pipelineLogOf,
  readPipelineSettings,
  type LoadedLog,
  type PipelineSettings,
} from "./pipelineTables";
import { cellOf } from "./rows";
import { storedScenarios } from "./scenarioTables";
import type { PlanSnapshot } from "./store";

/** The period reviewed: its label as the calls name it, and its first and last day. */
export interface ReviewPeriod {
  label: string;
  start: number;
  end: number;
}

/**
 * The period a review is of, from what was asked: a label the add-in reads ("2027 Q1",
 * "2027-03", "2027") or `LABEL=yyyy-mm-dd..yyyy-mm-dd` for a fiscal label; undefined when
 * it cannot be read (the caller says so at its field).
 */
export function readReviewPeriod(text: string): ReviewPeriod | undefined {
  if (text.includes("=")) return periodWithDates(text);
  const dates = periodDates(text);
  return dates && { label: text.trim(), ...dates };
}

/**
 * The period a review is of when none is asked: the period the team is calling now (the
 * latest call's period whose dates hold the last capture), else the calendar quarter holding
 * the last capture ("2027 Q1"), as the Forecast step starts from.
 */
export function defaultReviewPeriod(plan: PlanSnapshot, lastCapture: number): ReviewPeriod {
  const { calls } = forecastCallsOf(plan);
  const called = [...calls]
    .sort((a, b) => b.submittedAt - a.submittedAt)
    .map((c) => ({ label: c.period.trim(), dates: periodDates(c.period) }))
    .find((p) => p.dates && p.dates.start <= lastCapture && lastCapture <= p.dates.end);
  if (called?.dates) return { label: called.label, ...called.dates };
  const { year, month } = dateFromSerial(lastCapture);
  const label = `${year} Q${Math.ceil(month / 3)}`;
  return { label, ...periodDates(label)! };
}

/** One forecast category: the weighted open pipeline beside the standing calls. */
export interface CategoryLine {
  category: string;
  deals: number;
  amount: number;
  expected: number;
  /** The reps' standing calls, and the same after the managers' adjustments (no call: null). */
  called: number | null;
  adjusted: number | null;
}

export interface ReviewForecast {
  categories: CategoryLine[];
  /** Won with a close date in the period, as of the last capture. */
  wonSoFar: number;
  /** The observed stage steps the win odds are learned from. */
  steps: number;
  /** Stages the log gives no odds for yet (their deals count 0). */
  unestimated: string[];
}

export interface ReviewQuota {
  scenario: string;
  amount: number;
  /** The fiscal months of the quota plan that lie in the period. */
  months: number;
}

export interface ReviewBridge {
  from: number;
  to: number;
  rows: PipelineBridge["rows"];
  moves: PipelineBridge["moves"];
}

/** A deal behind the bridge over the period, with what the sheet says of it. */
export interface Mover {
  move: Extract<BridgeRow, "Won" | "Lost" | "Pushed out">;
  id: string;
  name: string | null;
  owner: string | null;
  amount: number;
  closeDate: number | null;
}

export interface PipelineReviewFigures {
  period: ReviewPeriod;
  /** The captures in the log, earliest first (none: the sheet says so). */
  captures: number[];
  /** The last capture: the date the review is as of. */
  asOf?: number;
  forecast?: ReviewForecast;
  /** Why there is no forecast (the engine's refusal), when the log cannot give one. */
  forecastRefused?: PlanError;
  quota?: ReviewQuota;
  /** Owners with calls for the period but no deal in the log (a manager's team call): not summed. */
  teamCalls: string[];
  /** With no call of the period's own: the periods inside it whose calls were summed. */
  callsRolledUp?: CallsRollUp;
  sincePrevious?: ReviewBridge;
  overPeriod?: ReviewBridge;
  bridgeRefused?: PlanError;
  movers: Mover[];
  accuracy?: CallAccuracy;
  settings: PipelineSettings;
  /** The open stages in funnel order, as the forecast reads them. */
  stages: string[];
}

/** How many of each kind of mover the sheet lists. */
export const MOVERS_EACH = 5;

/** Won with a close date in the period, each deal as the log last has it by `asOf`. */
function wonIn(
  entries: readonly LogEntry[],
  period: ReviewPeriod,
  asOf: number,
  s: PipelineSettings
) {
  const outcome = outcomeOfStage(s.wonLabel, s.lostLabel);
  const last = new Map<string, LogEntry>();
  for (const e of entries)
    if (e.asOf <= asOf && (last.get(e.id)?.asOf ?? -Infinity) <= e.asOf) last.set(e.id, e);
  let total = 0;
  // A won deal since dropped from the table still counts: its Removed row keeps its values.
  for (const e of last.values())
    if (
      e.stage !== null &&
      outcome.get(e.stage) === WON &&
      e.closeDate !== null &&
      e.closeDate >= period.start &&
      e.closeDate <= period.end
    )
      total += e.amount ?? 0;
  return total;
}

/** The weighted forecast by category beside the period's standing calls. */
function forecastOf(plan: PlanSnapshot, log: LoadedLog, period: ReviewPeriod, asOf: number) {
  const settings = readPipelineSettings(plan);
  const result = forecastFromLog(plan, period.end);
  // A period still ahead holds what closes from its first day on: what closes by its end
  // less what closes before it (deals dated earlier count for their chance of slipping in).
  const before = period.start > asOf ? forecastFromLog(plan, period.start - 1) : undefined;
  const earlier = new Map(before?.rows.slice(0, -1).map((r) => [labelKey(r.category), r]));
  const { steps } = stageSteps(log, captureDatesOf(plan), settings);
  const owners = new Set(log.entries.map((e) => labelKey(e.owner ?? "")));
  const { standing, rolledUp } = reviewCalls(forecastCallsOf(plan).calls, period.label, period);
  const teamCalls = [
    ...new Set(standing.filter((c) => !owners.has(labelKey(c.owner))).map((c) => c.owner)),
  ];
  const summed = standing.filter((c) => owners.has(labelKey(c.owner)));
  const lines = new Map<string, CategoryLine>();
  const lineOf = (category: string) => {
    const key = labelKey(category);
    let line = lines.get(key);
    if (!line) {
      line = { category, deals: 0, amount: 0, expected: 0, called: null, adjusted: null };
      lines.set(key, line);
    }
    return line;
  };
  for (const r of result.rows.slice(0, -1)) {
    const e = earlier.get(labelKey(r.category));
    Object.assign(lineOf(r.category), {
      deals: r.deals - (e?.deals ?? 0),
      amount: r.amount - (e?.amount ?? 0),
      expected: Math.max(0, r.expected - (e?.expected ?? 0)),
    });
  }
  for (const c of summed) {
    const line = lineOf(c.category);
    line.called = (line.called ?? 0) + c.call.amount;
    line.adjusted = (line.adjusted ?? 0) + c.amount;
  }
  // Commit, Best Case, Pipeline first (as the calls rank them), then the table's own.
  const rank = (c: string) => {
    const i = FORECAST_CATEGORIES.findIndex((f) => labelKey(f) === labelKey(c));
    return i < 0 ? FORECAST_CATEGORIES.length : i;
  };
  const categories = [...lines.values()].sort(
    (a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category)
  );
  const forecast: ReviewForecast = {
    categories,
    wonSoFar: wonIn(log.entries, period, asOf, settings),
    steps,
    unestimated: result.unestimated.map((u) => u.stage),
  };
  // Rolled up only when some call is summed (team calls alone leave the period uncalled).
  const callsRolledUp = rolledUp && summed.length ? rolledUp : undefined;
  return { forecast, teamCalls, ...(callsRolledUp ? { callsRolledUp } : {}) };
}

/**
 * The period's quota from the Active scenario (else the only one): its reps' monthly quotas
 * for the fiscal months that lie wholly in the period. None when no scenario has quotas or
 * no month of its fiscal year falls in the period.
 */
function quotaOf(plan: PlanSnapshot, period: ReviewPeriod): ReviewQuota | undefined {
  const all = storedScenarios(plan);
  const scenario = all.find((s) => s.state === "Active") ?? (all.length === 1 ? all[0] : undefined);
  const start = scenario?.run?.quota?.fiscalYearStart;
  if (!scenario?.quotas?.reps.length || start === undefined) return undefined;
  const first = dateFromSerial(start);
  const months: number[] = [];
  for (let m = 0; m < 12; m++) {
    const from = addMonths(first.year, first.month, m);
    const next = addMonths(first.year, first.month, m + 1);
    const day = (d: { year: number; month: number }) => serialFromDate({ ...d, day: 1 });
    if (day(from) >= period.start && day(next) - 1 <= period.end) months.push(m + 1);
  }
  if (!months.length) return undefined;
  let amount = 0;
  for (const row of plan.tables.quotas.rows) {
    if (String(cellOf(row, "Scenario") ?? "") !== scenario.name) continue;
    for (const m of months) {
      const value = cellOf(row, `M${m}`);
      if (typeof value === "number") amount += value;
    }
  }
  return { scenario: scenario.name, amount, months: months.length };
}

/** The largest won, lost and pushed-out deals of a bridge, each with its name and owner. */
function moversOf(
  bridge: ReviewBridge,
  before: readonly Opportunity[],
  after: readonly Opportunity[]
): Mover[] {
  const known = new Map<string, Opportunity>();
  for (const o of before) known.set(o.id, o);
  for (const o of after) known.set(o.id, o);
  const kinds: Mover["move"][] = ["Won", "Lost", "Pushed out"];
  return kinds.flatMap((move) =>
    bridge.moves
      .filter((m) => m.move === move)
      .sort((x, y) => y.amount - x.amount || x.id.localeCompare(y.id))
      .slice(0, MOVERS_EACH)
      .map((m) => {
        const deal = known.get(m.id);
        return {
          move,
          id: m.id,
          name: deal?.name ?? null,
          owner: deal?.owner ?? null,
          amount: m.amount,
          closeDate: deal?.closeDate ?? null,
        };
      })
  );
}

/** The capture a date reads (the last one on or before it), or the first capture. */
const capturedBy = (dates: readonly number[], date: number) =>
  dates.filter((d) => d <= date).pop() ?? dates[0];

const refusedOrThrow = (error: unknown): PlanError => {
  if (error instanceof PlanError) return error;
  throw error;
};

/**
 * Every figure of the review of `period` as the plan stands. A log the store could not read
 * is refused (located, as the other pipeline figures are); an engine refusal of one figure
 * (a blank stage, a missing close date) is kept beside it and the rest still shows.
 */
export function pipelineReviewFigures(
  plan: PlanSnapshot,
  period: ReviewPeriod
): PipelineReviewFigures {
  const settings = readPipelineSettings(plan);
  const log = pipelineLogOf(plan);
  const captures = captureDatesOf(plan);
  const figures: PipelineReviewFigures = {
    period,
    captures,
    teamCalls: [],
    movers: [],
    settings,
    stages: [],
  };
  const asOf = captures[captures.length - 1];
  if (asOf === undefined || log.problems.length) return figures;
  figures.asOf = asOf;
  figures.stages = openStages(log, settings);
  figures.quota = quotaOf(plan, period);
  try {
    Object.assign(figures, forecastOf(plan, log, period, asOf));
  } catch (error) {
    figures.forecastRefused = refusedOrThrow(error);
  }
  try {
    if (captures.length >= 2) {
      const previous = captures[captures.length - 2];
      const since = pipelineBridge(plan, previous, asOf, period.end);
      figures.sincePrevious = { from: previous, to: asOf, ...since };
      // Over the period: from the capture the period starts with (or the first one, if later).
      const from = capturedBy(captures, period.start);
      if (from < asOf) {
        const over = pipelineBridge(plan, from, asOf, period.end);
        figures.overPeriod = { from, to: asOf, ...over };
        const before = reconstruct(log.entries, from, log.index);
        const after = reconstruct(log.entries, asOf, log.index);
        figures.movers = moversOf(figures.overPeriod, before, after);
      }
    }
  } catch (error) {
    figures.bridgeRefused = refusedOrThrow(error);
  }
  const accuracy = callAccuracy(plan, {
    category: "Commit",
    periods: new Map([[period.label, { start: period.start, end: period.end }]]),
  });
  if (accuracy.byPeriod.length) figures.accuracy = accuracy;
  return figures;
}
