/**
 * How far the forecast calls were from what happened, for the Pipeline pane's Accuracy step
 * and `sales-plan pipeline accuracy`: each past period's standing calls (Forecast Calls)
 * against what closed won in it according to the Pipeline Log, as WAPE, bias and accuracy
 * (domain/forecastError.ts) by period, by owner and overall.
 */
import { serialFromDate, serialFromIsoDate } from "../domain/calendar";
import { PlanError } from "../domain/errors";
import { forecastError } from "../domain/forecastError";
import { latestCalls, type ForecastCategory } from "../domain/forecastCalls";
import { labelKey } from "../domain/labels";
import type { Opportunity } from "../domain/pipelineLog";
import { WON, outcomeOfStage } from "../domain/winRate";
import { usableLog } from "./pipelineHistory";
import { forecastCallsOf, readPipelineSettings } from "./pipelineTables";
import type { MessageKey } from "../i18n";
import { percent } from "../i18n/figures";
import type { PlanSnapshot } from "./store";

/** The headings of accuracy by period, in the pane's table and on the review sheet. */
export const ACCURACY_PERIOD_HEADINGS = [
  "pipeline.forecast.period",
  "pipeline.accuracy.called",
  "pipeline.accuracy.closed",
  "pipeline.accuracy.wape",
  "pipeline.accuracy.bias",
  "pipeline.accuracy.accuracy",
] as const satisfies readonly MessageKey[];

/** Bias with its sign, "+" when the calls ran above what closed (as FORECASTERROR signs it). */
export const signedBias = (bias: number | null) =>
  (bias !== null && bias > 0 ? "+" : "") + percent(bias);

/** A period's first and last day, Excel serials. */
export interface PeriodDates {
  start: number;
  end: number;
}

/**
 * A period typed with its dates, `LABEL=yyyy-mm-dd..yyyy-mm-dd` (how a fiscal label such as
 * "FY2027 Q1" is given): undefined unless both dates read and the first is not after the last.
 */
export function periodWithDates(text: string): ({ label: string } & PeriodDates) | undefined {
  const match = /^(.+)=\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(text);
  const start = match ? serialFromIsoDate(match[2]) : undefined;
  const end = match ? serialFromIsoDate(match[3]) : undefined;
  if (!match || start === undefined || end === undefined || start > end) return undefined;
  return { label: match[1].trim(), start, end };
}

/**
 * The dates of a period label the add-in can read without asking: a year ("2027"), a month
 * ("2027-03") or a calendar quarter ("2027-Q1", "2027 Q1", "Q1 2027"). Fiscal labels
 * ("FY2027 Q1") depend on when the year starts: undefined, so the caller asks.
 */
export function periodDates(label: string): PeriodDates | undefined {
  const text = label.trim().toUpperCase();
  const day = (year: number, month: number, d: number) => serialFromDate({ year, month, day: d });
  const months = (year: number, first: number, count: number) => ({
    start: day(year, first, 1),
    end: day(year, first + count, 1) - 1,
  });
  let m = /^(\d{4})$/.exec(text);
  if (m) return months(Number(m[1]), 1, 12);
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return months(Number(m[1]), Number(m[2]), 1);
  m = /^(\d{4})[\s-]?Q([1-4])$/.exec(text) ?? /^Q([1-4])[\s-]?(\d{4})$/.exec(text);
  if (m) {
    const [year, quarter] = m[1].length === 4 ? [m[1], m[2]] : [m[2], m[1]];
    return months(Number(year), 3 * Number(quarter) - 2, 3);
  }
  return undefined;
}

export interface AccuracyFigures {
  called: number;
  closed: number;
  /** Null where forecastError has no answer (nothing closed). */
  wape: number | null;
  bias: number | null;
  accuracy: number | null;
}

export interface CallAccuracy {
  category: ForecastCategory;
  /** One per period and owner with a standing call: what was called and what closed won. */
  pairs: { period: string; owner: string; called: number; closed: number }[];
  byPeriod: ({ period: string } & PeriodDates & AccuracyFigures)[];
  byOwner: ({ owner: string } & AccuracyFigures)[];
  total: AccuracyFigures;
  /** Periods whose dates are unknown (give them), and periods not over at the latest capture. */
  undated: string[];
  notOver: string[];
  /** Owners with calls but no opportunity in the log (a manager's team call): not compared. */
  withoutDeals: string[];
  /**
   * By period compared, the deals won in it with no owner: no call can cover them, so they
   * are not in its Closed; said, so that Closed plus these reconciles with what was won.
   */
  unowned: { period: string; deals: number; amount: number }[];
}

function figures(pairs: readonly { called: number; closed: number }[]): AccuracyFigures {
  const f = Float64Array.from(pairs, (p) => p.called);
  const a = Float64Array.from(pairs, (p) => p.closed);
  const metric = (name: "wape" | "bias" | "accuracy") => {
    try {
      return forecastError(f, a, name);
    } catch (error) {
      if (error instanceof PlanError) return null;
      throw error;
    }
  };
  return {
    called: f.reduce((s, x) => s + x, 0),
    closed: a.reduce((s, x) => s + x, 0),
    wape: metric("wape"),
    bias: metric("bias"),
    accuracy: metric("accuracy"),
  };
}

/**
 * The standing calls of each past period (over by the latest capture) against what closed
 * won in it: a deal counts when its last row in the log has the won stage and a close date in
 * the period, for its owner. WAPE, bias and accuracy by period, by owner and overall.
 */
export function callAccuracy(
  plan: PlanSnapshot,
  options: { category?: ForecastCategory; periods?: ReadonlyMap<string, PeriodDates> } = {}
): CallAccuracy {
  const category = options.category ?? "Commit";
  const { log, dates } = usableLog(plan);
  const settings = readPipelineSettings(plan);
  const outcome = outcomeOfStage(settings.wonLabel, settings.lostLabel);
  const lastCapture = dates[dates.length - 1];
  const last = new Map<string, Opportunity>();
  // The log is in capture order within a date and rows are found by date: keep the latest.
  const lastDate = new Map<string, number>();
  for (const e of log.entries)
    if ((lastDate.get(e.id) ?? -Infinity) <= e.asOf) {
      last.set(e.id, e);
      lastDate.set(e.id, e.asOf);
    }
  const owners = new Set([...last.values()].map((o) => labelKey(o.owner ?? "")));
  // Won deals by owner, read once: each call then looks only at its owner's wins.
  const wonByOwner = new Map<string, { closeDate: number; amount: number }[]>();
  for (const o of last.values()) {
    if (o.stage === null || outcome.get(o.stage) !== WON || o.closeDate === null) continue;
    const owner = labelKey(o.owner ?? "");
    const won = wonByOwner.get(owner) ?? [];
    won.push({ closeDate: o.closeDate, amount: o.amount ?? 0 });
    wonByOwner.set(owner, won);
  }
  const given = new Map([...(options.periods ?? [])].map(([k, v]) => [labelKey(k), v]));
  const { calls } = forecastCallsOf(plan);
  const labels = new Map<string, string>();
  for (const c of calls)
    if (!labels.has(labelKey(c.period))) labels.set(labelKey(c.period), c.period);
  const result: CallAccuracy = {
    category,
    pairs: [],
    byPeriod: [],
    byOwner: [],
    total: figures([]),
    undated: [],
    notOver: [],
    withoutDeals: [],
    unowned: [],
  };
  const noOwner = wonByOwner.get("") ?? [];
  const withoutDeals = new Set<string>();
  for (const [key, period] of labels) {
    const range = given.get(key) ?? periodDates(period);
    if (!range) {
      result.undated.push(period);
      continue;
    }
    if (range.end >= lastCapture) {
      result.notOver.push(period);
      continue;
    }
    const standing = latestCalls(calls, period).filter((c) => c.category === category);
    const pairs: CallAccuracy["pairs"] = [];
    for (const call of standing) {
      const owner = labelKey(call.owner);
      if (!owners.has(owner)) {
        withoutDeals.add(call.owner);
        continue;
      }
      let closed = 0;
      for (const won of wonByOwner.get(owner) ?? [])
        if (won.closeDate >= range.start && won.closeDate <= range.end) closed += won.amount;
      pairs.push({ period, owner: call.owner, called: call.amount, closed });
    }
    if (!pairs.length) continue;
    result.pairs.push(...pairs);
    result.byPeriod.push({ period, ...range, ...figures(pairs) });
    const left = noOwner.filter((w) => w.closeDate >= range.start && w.closeDate <= range.end);
    if (left.length)
      result.unowned.push({
        period,
        deals: left.length,
        amount: left.reduce((sum, w) => sum + w.amount, 0),
      });
  }
  const byOwner = new Map<string, { owner: string; pairs: CallAccuracy["pairs"] }>();
  for (const p of result.pairs) {
    const k = labelKey(p.owner);
    const entry = byOwner.get(k) ?? { owner: p.owner, pairs: [] };
    entry.pairs.push(p);
    byOwner.set(k, entry);
  }
  result.byPeriod.sort((a, b) => a.start - b.start);
  const order = result.byPeriod.map((p) => p.period);
  result.unowned.sort((a, b) => order.indexOf(a.period) - order.indexOf(b.period));
  result.byOwner = [...byOwner.values()]
    .sort((a, b) => labelKey(a.owner).localeCompare(labelKey(b.owner)))
    .map(({ owner, pairs }) => ({ owner, ...figures(pairs) }));
  result.total = figures(result.pairs);
  result.withoutDeals = [...withoutDeals];
  return result;
}
