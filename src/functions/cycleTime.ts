/**
 * The sales-cycle functions (src/domain/cycleTime.ts), by Kaplan–Meier so that deals still
 * open count. Each function's parameter table comes just before its JSDoc, named as Excel
 * spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  cycleObservations,
  cycleTime,
  closedWithin,
  kaplanMeier,
  parseCycleStatistic,
} from "../domain/cycleTime";
import { div0Error } from "../domain/errors";
import { functionProblem } from "../domain/functionProblems";
import { parameters, runFunction } from "./arguments";

/** Every cycle-time function starts from the same two date ranges, one row per deal. */
const dealDates = [
  { name: "created", kind: "datesWithBlanks" },
  { name: "closed", kind: "datesWithBlanks", pairedWith: "created" },
] as const;
const asOf = { name: "as_of", kind: "date", optional: true } as const;

const CYCLETIME = parameters([
  ...dealDates,
  {
    name: "statistic",
    kind: "textOrNumber",
    optional: true,
    expected: "shapeStatistic",
  },
  asOf,
]);

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
  return runFunction(
    CYCLETIME,
    [created, closed, statistic, as_of],
    ({ created, closed, statistic, as_of }) =>
      cycleTime(cycleObservations(created, closed, as_of), parseCycleStatistic(statistic))
  );
}

const CLOSEDBY = parameters([...dealDates, { name: "days", kind: "number" }, asOf]);

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
  return runFunction(CLOSEDBY, [created, closed, days, as_of], ({ created, closed, days, as_of }) =>
    closedWithin(kaplanMeier(cycleObservations(created, closed, as_of)), days)
  );
}

const SURVIVAL = parameters([...dealDates, asOf]);

/**
 * The Kaplan–Meier table of deals still open by day since creation.
 * @customfunction SURVIVAL SURVIVAL
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Header row, then per closing day: Day, AtRisk, Closed, StillOpen (probability).
 */
export function survival(created: any[][], closed: any[][], as_of?: any): any[][] {
  return runFunction(SURVIVAL, [created, closed, as_of], ({ created, closed, as_of }) => {
    const table = kaplanMeier(cycleObservations(created, closed, as_of));
    if (table.day.length === 0) throw div0Error(functionProblem("noneClosedYet"));
    const rows: (string | number)[][] = [["Day", "AtRisk", "Closed", "StillOpen"]];
    for (let i = 0; i < table.day.length; i++)
      rows.push([table.day[i], table.atRisk[i], table.closed[i], table.stillOpen[i]]);
    return rows;
  });
}
