/**
 * Sales-cycle time with deals that are still open counted honestly.
 *
 * Averaging only the closed deals makes cycles look short: the slow deals are exactly the
 * ones still open. The Kaplan–Meier estimator treats an open deal as "not closed after t
 * days" (right-censored at the as-of date), which is what is known about it.
 */
import { div0Error, naError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";

/** Cycle durations in days, split by whether the deal has closed (event) or is still open (censored). */
export interface CycleObservations {
  /** Days from created to closed, for deals closed by the as-of date, sorted ascending. */
  closedDays: Float64Array;
  /** Days from created to the as-of date, for deals still open then, sorted ascending. */
  openDays: Float64Array;
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
): CycleObservations {
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
  const closedSorted = closedDays.subarray(0, closedCount).sort();
  const openSorted = openDays.subarray(0, openCount).sort();
  return { closedDays: closedSorted, openDays: openSorted };
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

export function cycleTime(observations: CycleObservations, statistic: CycleStatistic): number {
  if (statistic.kind === "closedmean") return closedMean(observations);
  const table = kaplanMeier(observations);
  if (statistic.kind === "mean") return restrictedMean(table);
  return closingQuantile(table, statistic.kind === "median" ? 0.5 : statistic.p);
}
