/**
 * Sales-cycle time with deals that are still open counted honestly.
 *
 * Averaging only the closed deals makes cycles look short: the slow deals are exactly the
 * ones still open. The Kaplan–Meier estimator treats an open deal as "not closed after t
 * days" (right-censored at the as-of date), which is what is known about it.
 */
import type { Column } from "./column";
import { div0Error, naError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";

/** Cycle durations in days, split by whether the deal has closed (event) or is still open (censored). */
export interface CycleObservations {
  /** Days from created to closed, for deals closed by the as-of date, sorted ascending. */
  closedDays: Float64Array;
  /** Days from created to the as-of date, for deals still open then, sorted ascending. */
  openDays: Float64Array;
}

/** Cycle observations, with how their durations were put in order (the bench reports it). */
export interface OrderedObservations extends CycleObservations {
  /** "counted": whole days, ordered by a counting pass; "sorted": times of day made them fractional. */
  ordered: "counted" | "sorted";
}

/**
 * A day range this many times the number of durations, or less, is counted rather than
 * sorted: the counting array then costs no more than the durations themselves.
 */
const COUNTING_SPAN_PER_DURATION = 4;
const COUNTING_SPAN_MIN = 1 << 16;

/**
 * Puts non-negative durations in ascending order, as Float64Array.sort would: by counting
 * when they are all whole days within a span the counts can hold (one pass to count, one
 * to write back), else by that sort. Exactly the same values come out either way.
 */
function ascending(durations: Float64Array): { values: Float64Array; counted: boolean } {
  const n = durations.length;
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const d = durations[i];
    if (d !== Math.floor(d)) return { values: durations.sort(), counted: false };
    if (d > longest) longest = d;
  }
  if (longest >= Math.max(COUNTING_SPAN_MIN, COUNTING_SPAN_PER_DURATION * n))
    return { values: durations.sort(), counted: false };
  const counts = new Int32Array(longest + 1);
  for (let i = 0; i < n; i++) counts[durations[i]]++;
  let at = 0;
  for (let day = 0; day <= longest; day++) {
    const end = at + counts[day];
    if (end > at) durations.fill(day, at, end);
    at = end;
  }
  return { values: durations, counted: true };
}

/**
 * Turns created/closed dates (Excel serials; NaN = blank) into cycle observations.
 * Rows with both dates blank are skipped. A deal closed after `asOf` was open at `asOf`.
 * `asOf` defaults to the latest date in either column.
 */
export function cycleObservations(
  created: Float64Array,
  closed: Float64Array,
  asOf?: number
): OrderedObservations {
  if (created.length !== closed.length) {
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "created",
        firstCount: created.length,
        field: "closed",
        count: closed.length,
      }),
      { field: "closed" }
    );
  }
  const n = created.length;
  let latest = -Infinity;
  if (asOf === undefined) {
    for (let i = 0; i < n; i++) {
      if (created[i] > latest) latest = created[i];
      if (closed[i] > latest) latest = closed[i];
    }
  }
  const cutoff = asOf ?? latest;
  const closedDays = new Float64Array(n);
  const openDays = new Float64Array(n);
  let closedCount = 0;
  let openCount = 0;
  for (let i = 0; i < n; i++) {
    const start = created[i];
    const end = closed[i];
    if (start !== start) {
      if (end !== end) continue; // NaN: both blank
      throw valueError(functionProblem("createdBlank", { row: i + 1 }), {
        field: "created",
        row: i + 1,
      });
    }
    if (end < start)
      throw valueError(functionProblem("closedBeforeCreated", { row: i + 1 }), {
        field: "closed",
        row: i + 1,
      });
    if (end <= cutoff) {
      closedDays[closedCount++] = end - start;
    } else {
      if (start > cutoff)
        throw valueError(functionProblem("createdAfterAsOf", { row: i + 1 }), {
          field: "created",
          row: i + 1,
        });
      openDays[openCount++] = cutoff - start;
    }
  }
  const closedSorted = ascending(closedDays.subarray(0, closedCount));
  const openSorted = ascending(openDays.subarray(0, openCount));
  return {
    closedDays: closedSorted.values,
    openDays: openSorted.values,
    ordered: closedSorted.counted && openSorted.counted ? "counted" : "sorted",
  };
}

/** Deals by whole-day cycle length: how many closed, and how many were still open, after d days. */
export interface DayCounts {
  closed: Int32Array;
  open: Int32Array;
}

/** Beyond this many days (year 9999 is serial 2,958,465) a duration is left to the sort. */
const LONGEST_COUNTED = 1 << 22;

/** An Int32Array of at least `length`, keeping `counts` (grown by doubling, so rarely). */
function room(counts: Int32Array, length: number): Int32Array {
  if (length <= counts.length) return counts;
  const grown = new Int32Array(Math.max(length, 2 * counts.length));
  grown.set(counts);
  return grown;
}

/**
 * The same observations as cycleObservations, counted by whole day in one pass over the
 * dates as they are read (NaN = blank, any negative value = a cell that is not a plain date),
 * so that nothing is copied or sorted. Undefined when that is not exact or the data are not
 * clean: a fractional duration (times of day), a bad cell, a row cycleObservations refuses.
 * The caller then takes the general route, which sorts and says what is wrong.
 */
export function countWholeDays(
  created: Column<number>,
  closed: Column<number>,
  asOf?: number
): DayCounts | undefined {
  const n = created.length;
  if (closed.length !== n || (asOf !== undefined && !(asOf >= 0 && asOf <= LONGEST_COUNTED)))
    return undefined;
  // Open deals by the day they were created: their length is known once the cutoff is.
  let openByStart: Int32Array = new Int32Array(1024);
  let closedCounts: Int32Array = new Int32Array(1024);
  let latest = asOf ?? -Infinity;
  let firstOpen = Infinity;
  let lastOpen = -1;
  const cutoff = asOf ?? Infinity;
  for (let i = 0; i < n; i++) {
    const start = created.get(i);
    const end = closed.get(i);
    if (start !== start) {
      if (end !== end) continue;
      return undefined;
    }
    if (!(start >= 0 && start <= LONGEST_COUNTED) || start > cutoff) return undefined;
    if (end <= cutoff) {
      const days = end - start;
      if (!(days >= 0) || days !== Math.floor(days)) return undefined;
      if (days >= closedCounts.length) closedCounts = room(closedCounts, days + 1);
      closedCounts[days]++;
      if (asOf === undefined && end > latest) latest = end;
    } else {
      if (end < start || start !== Math.floor(start)) return undefined;
      if (start >= openByStart.length) openByStart = room(openByStart, start + 1);
      openByStart[start]++;
      if (start < firstOpen) firstOpen = start;
      if (start > lastOpen) lastOpen = start;
      if (asOf === undefined && start > latest) latest = start;
    }
  }
  if (lastOpen < 0) return { closed: closedCounts, open: new Int32Array(0) };
  if (latest !== Math.floor(latest)) return undefined;
  const open = new Int32Array(latest - firstOpen + 1);
  for (let start = firstOpen; start <= lastOpen; start++)
    open[latest - start] += openByStart[start];
  return { closed: closedCounts, open };
}

/** The Kaplan–Meier table: one row per distinct closing day. */
export interface SurvivalTable {
  day: Float64Array;
  atRisk: Float64Array;
  closed: Float64Array;
  /** Probability a deal is still open after `day` days. */
  stillOpen: Float64Array;
  /** Longest observed duration, closed or open: the horizon of the restricted mean. */
  horizon: number;
  deals: number;
}

export function kaplanMeier({ closedDays, openDays }: CycleObservations): SurvivalTable {
  const deals = closedDays.length + openDays.length;
  if (deals === 0) throw div0Error(functionProblem("noDeals"));
  const capacity = closedDays.length;
  const day = new Float64Array(capacity);
  const atRisk = new Float64Array(capacity);
  const closed = new Float64Array(capacity);
  const stillOpen = new Float64Array(capacity);
  let rows = 0;
  let survival = 1;
  let remaining = deals;
  let open = 0;
  for (let i = 0; i < closedDays.length;) {
    const t = closedDays[i];
    // Deals still open before t leave the risk set; those open exactly at t are still at risk at t.
    while (open < openDays.length && openDays[open] < t) {
      open++;
      remaining--;
    }
    let events = 0;
    while (i < closedDays.length && closedDays[i] === t) {
      events++;
      i++;
    }
    survival *= 1 - events / remaining;
    day[rows] = t;
    atRisk[rows] = remaining;
    closed[rows] = events;
    stillOpen[rows] = survival;
    rows++;
    remaining -= events;
  }
  const lastClosed = closedDays.length ? closedDays[closedDays.length - 1] : 0;
  const lastOpen = openDays.length ? openDays[openDays.length - 1] : 0;
  return {
    day: day.subarray(0, rows),
    atRisk: atRisk.subarray(0, rows),
    closed: closed.subarray(0, rows),
    stillOpen: stillOpen.subarray(0, rows),
    horizon: Math.max(lastClosed, lastOpen),
    deals,
  };
}

/** The Kaplan–Meier table from whole-day counts: the same rows kaplanMeier gives the sorted days. */
export function kaplanMeierCounted({ closed, open }: DayCounts): SurvivalTable {
  let deals = 0;
  let lastClosed = 0;
  let distinct = 0;
  for (let t = 0; t < closed.length; t++) {
    if (closed[t] === 0) continue;
    deals += closed[t];
    lastClosed = t;
    distinct++;
  }
  let lastOpen = 0;
  for (let t = 0; t < open.length; t++) {
    if (open[t] === 0) continue;
    deals += open[t];
    lastOpen = t;
  }
  if (deals === 0) throw div0Error(functionProblem("noDeals"));
  const day = new Float64Array(distinct);
  const atRisk = new Float64Array(distinct);
  const events = new Float64Array(distinct);
  const stillOpen = new Float64Array(distinct);
  let rows = 0;
  let survival = 1;
  let remaining = deals;
  let openBefore = 0;
  for (let t = 0; t <= lastClosed && rows < distinct; t++) {
    // Deals still open before t leave the risk set; those open exactly at t are still at risk at t.
    for (; openBefore < t && openBefore < open.length; openBefore++) remaining -= open[openBefore];
    const closedAtT = closed[t];
    if (closedAtT === 0) continue;
    survival *= 1 - closedAtT / remaining;
    day[rows] = t;
    atRisk[rows] = remaining;
    events[rows] = closedAtT;
    stillOpen[rows] = survival;
    rows++;
    remaining -= closedAtT;
  }
  return { day, atRisk, closed: events, stillOpen, horizon: Math.max(lastClosed, lastOpen), deals };
}

/**
 * The day by which a fraction `p` of deals has closed: the smallest day with survival ≤ 1 − p.
 * #N/A when the data never get there (too many deals still open).
 */
export function closingQuantile(table: SurvivalTable, p: number): number {
  if (!(p > 0 && p < 1))
    throw valueError(functionProblem("quantileRange", { value: p }), { field: "statistic" });
  const threshold = 1 - p;
  // A relative tolerance keeps S = 0.5 after rounding (e.g. 0.49999999999999994) counted as reached.
  for (let row = 0; row < table.day.length; row++) {
    if (table.stillOpen[row] <= threshold + 1e-12) return table.day[row];
  }
  throw naError(functionProblem("quantileNotReached", { percent: p * 100 }));
}

/** Restricted mean cycle: the area under the survival curve up to the longest observed duration. */
export function restrictedMean(table: SurvivalTable): number {
  let area = 0;
  let previousDay = 0;
  let survival = 1;
  for (let row = 0; row < table.day.length; row++) {
    area += survival * (table.day[row] - previousDay);
    previousDay = table.day[row];
    survival = table.stillOpen[row];
  }
  return area + survival * (table.horizon - previousDay);
}

/** Probability that a deal closes within `days` days. */
export function closedWithin(table: SurvivalTable, days: number): number {
  if (days < 0)
    throw valueError(functionProblem("mustNotBeNegative", { field: "days" }), { field: "days" });
  let survival = 1;
  for (let row = 0; row < table.day.length && table.day[row] <= days; row++)
    survival = table.stillOpen[row];
  return 1 - survival;
}

/** Plain average over closed deals only — what spreadsheets usually show, kept for comparison. */
export function closedMean({ closedDays }: CycleObservations): number {
  if (closedDays.length === 0) throw div0Error(functionProblem("noClosedToAverage"));
  let sum = 0;
  for (let i = 0; i < closedDays.length; i++) sum += closedDays[i];
  return sum / closedDays.length;
}

export type CycleStatistic =
  { kind: "median" } | { kind: "quantile"; p: number } | { kind: "mean" } | { kind: "closedmean" };

/** Reads the `statistic` argument: "median", "mean", "closedmean" or a number in (0, 1). */
export function parseCycleStatistic(statistic: string | number | undefined): CycleStatistic {
  if (statistic === undefined) return { kind: "median" };
  if (typeof statistic === "number") {
    if (!(statistic > 0 && statistic < 1))
      throw valueError(functionProblem("statisticQuantile", { value: statistic }), {
        field: "statistic",
      });
    return { kind: "quantile", p: statistic };
  }
  const name = statistic.trim().toLowerCase();
  if (name === "median" || name === "mean" || name === "closedmean") return { kind: name };
  throw valueError(functionProblem("unknownStatistic", { statistic }), { field: "statistic" });
}

/** A statistic of the Kaplan–Meier table (every kind but "closedmean"). */
function tableStatistic(table: SurvivalTable, statistic: CycleStatistic): number {
  if (statistic.kind === "mean") return restrictedMean(table);
  return closingQuantile(table, statistic.kind === "quantile" ? statistic.p : 0.5);
}

export function cycleTime(observations: CycleObservations, statistic: CycleStatistic): number {
  if (statistic.kind === "closedmean") return closedMean(observations);
  return tableStatistic(kaplanMeier(observations), statistic);
}

/** cycleTime from whole-day counts. */
export function cycleTimeCounted(counts: DayCounts, statistic: CycleStatistic): number {
  if (statistic.kind !== "closedmean") return tableStatistic(kaplanMeierCounted(counts), statistic);
  let deals = 0;
  let sum = 0;
  for (let t = 0; t < counts.closed.length; t++) {
    deals += counts.closed[t];
    sum += t * counts.closed[t];
  }
  // Whole days add up exactly in any order, so this is closedMean's sum to the last bit.
  if (deals === 0) throw div0Error(functionProblem("noClosedToAverage"));
  return sum / deals;
}
