/**
 * The sales-cycle functions (src/domain/cycleTime.ts), by Kaplan–Meier so that deals still
 * open count. Each function's parameter table comes just before its JSDoc, named as Excel
 * spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  countWholeDays,
  cycleObservations,
  cycleTime,
  cycleTimeCounted,
  closedWithin,
  kaplanMeier,
  kaplanMeierCounted,
  parseCycleStatistic,
  SurvivalTable,
  type DayCounts,
} from "../domain/cycleTime";
import { div0Error } from "../domain/errors";
import { functionProblem } from "../domain/functionProblems";
import { parameters, plainDate, plainDates, runFunction } from "./arguments";

/**
 * The deals counted by whole day straight from Excel's cells, in one read and without a
 * sort, when that is exact: every date a plain serial number, every duration whole days,
 * no row in error. Otherwise undefined, and the function reads its arguments the general
 * way (which sorts, and reports whatever is wrong exactly as it always has).
 */
function countedDeals(created: unknown, closed: unknown, asOf: unknown): DayCounts | undefined {
  const cutoff = plainDate(asOf);
  const createdDates = plainDates(created);
  const closedDates = plainDates(closed);
  if (cutoff === -1 || !createdDates || !closedDates) return undefined;
  return countWholeDays(createdDates, closedDates, cutoff);
}

/** Every cycle-time function starts from the same two date ranges, one row per deal. */
const dealDates = [
  { name: "created", kind: "datesWithBlanks" },
  { name: "closed", kind: "datesWithBlanks", pairedWith: "created" },
] as const;
const asOf = { name: "as_of", kind: "date", optional: true } as const;

const statistic = {
  name: "statistic",
  kind: "textOrNumber",
  optional: true,
  expected: "shapeStatistic",
} as const;
const CYCLETIME = parameters([...dealDates, statistic, asOf]);
/** The arguments still to read once the dates have been counted (they are then known to be clean). */
const COUNTED_CYCLETIME = parameters([statistic, asOf]);

/**
 * Sales-cycle days by Kaplan–Meier, counting deals with a blank closed date as still open.
 * @customfunction CYCLETIME CYCLETIME
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param [statistic] "median" (default), "mean" (restricted mean), "closedmean" (closed deals only), or a fraction such as 0.9 for the day by which 90% have closed.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Days.
 */
export function cycletime(created: any[][], closed: any[][], statistic?: any, as_of?: any): number {
  const counts = countedDeals(created, closed, as_of);
  if (counts)
    return runFunction(COUNTED_CYCLETIME, [statistic, as_of], ({ statistic }) =>
      cycleTimeCounted(counts, parseCycleStatistic(statistic))
    );
  return runFunction(
    CYCLETIME,
    [created, closed, statistic, as_of],
    ({ created, closed, statistic, as_of }) =>
      cycleTime(cycleObservations(created, closed, as_of), parseCycleStatistic(statistic))
  );
}

const days = { name: "days", kind: "number" } as const;
const CLOSEDBY = parameters([...dealDates, days, asOf]);
const COUNTED_CLOSEDBY = parameters([days, asOf]);

/**
 * Probability that a deal closes within a number of days, by Kaplan–Meier.
 * @customfunction CLOSEDBY CLOSEDBY
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param days Number of days since creation.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Probability between 0 and 1.
 */
export function closedby(created: any[][], closed: any[][], days: number, as_of?: any): number {
  const counts = countedDeals(created, closed, as_of);
  if (counts)
    return runFunction(COUNTED_CLOSEDBY, [days, as_of], ({ days }) =>
      closedWithin(kaplanMeierCounted(counts), days)
    );
  return runFunction(CLOSEDBY, [created, closed, days, as_of], ({ created, closed, days, as_of }) =>
    closedWithin(kaplanMeier(cycleObservations(created, closed, as_of)), days)
  );
}

const SURVIVAL = parameters([...dealDates, asOf]);
const COUNTED_SURVIVAL = parameters([asOf]);

/** The SURVIVAL spill: a header, then one row per closing day. */
function survivalRows(table: SurvivalTable): (string | number)[][] {
  if (table.day.length === 0) throw div0Error(functionProblem("noneClosedYet"));
  const rows: (string | number)[][] = [["Day", "AtRisk", "Closed", "StillOpen"]];
  for (let i = 0; i < table.day.length; i++)
    rows.push([table.day[i], table.atRisk[i], table.closed[i], table.stillOpen[i]]);
  return rows;
}

/**
 * The Kaplan–Meier table of deals still open by day since creation.
 * @customfunction SURVIVAL SURVIVAL
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Header row, then per closing day: Day, AtRisk, Closed, StillOpen (probability).
 */
export function survival(created: any[][], closed: any[][], as_of?: any): any[][] {
  const counts = countedDeals(created, closed, as_of);
  if (counts)
    return runFunction(COUNTED_SURVIVAL, [as_of], () => survivalRows(kaplanMeierCounted(counts)));
  return runFunction(SURVIVAL, [created, closed, as_of], ({ created, closed, as_of }) =>
    survivalRows(kaplanMeier(cycleObservations(created, closed, as_of)))
  );
}
