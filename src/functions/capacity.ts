/**
 * The capacity functions (src/domain/capacity.ts): the monthly capacity plan, the hires a
 * revenue target needs, and the bridge from plan revenue to actual revenue. Each function's
 * parameter table comes just before its JSDoc, named as Excel spells the function (see
 * functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { capacityPlan, hiresNeeded, revenueBridge } from "../domain/capacity";
import { parameters, runFunction } from "./arguments";
import type { Orientation } from "./cells";

/**
 * A table of records (one per month, one per factor) laid out as its range was: one row per
 * record down a column, one column per record across a row, so each record sits beside
 * the cell it comes from.
 */
function alongside(records: number[][], orientation: Orientation): number[][] {
  if (orientation === "column") return records;
  return records[0].map((_, field) => records.map((record) => record[field]));
}

const CAPACITY = parameters([
  { name: "start_headcount", kind: "number" },
  { name: "hires", kind: "numbers" },
  { name: "productivity", kind: "number" },
  { name: "ramp_percentages", kind: "leadingNumbers", optional: true },
  { name: "annual_attrition", kind: "number", optional: true, default: 0 },
  { name: "backfill_months", kind: "number", optional: true },
]);

/**
 * Monthly capacity plan for a 12-month year: people in seat, ramped FTE and capacity revenue, with ramp, attrition and backfill.
 * @customfunction CAPACITY CAPACITY
 * @param start_headcount Fully ramped reps at the start of the year.
 * @param hires Hires joining at the start of months 1 to 12 (12 cells).
 * @param productivity Revenue per fully ramped rep per month.
 * @param [ramp_percentages] A hire's share of full productivity in their 1st, 2nd… month (100% after the list; default none).
 * @param [annual_attrition] Share of reps leaving over a year, between 0 and 1 (default 0).
 * @param [backfill_months] Months a departure's seat stays empty before a backfill hire starts (default: no backfill).
 * @returns Per month: people in seat, ramped FTE, capacity revenue; a row per month down a column of hires, a column per month across a row.
 */
export function capacity(
  start_headcount: number,
  hires: any[][],
  productivity: number,
  ramp_percentages?: any[][],
  annual_attrition?: number,
  backfill_months?: number
): number[][] {
  return runFunction(
    CAPACITY,
    [start_headcount, hires, productivity, ramp_percentages, annual_attrition, backfill_months],
    ({
      start_headcount,
      hires,
      productivity,
      ramp_percentages,
      annual_attrition,
      backfill_months,
    }) =>
      alongside(
        capacityPlan(start_headcount, hires.values, productivity, {
          ramp: ramp_percentages,
          annualAttrition: annual_attrition,
          backfillMonths: backfill_months,
        }).map((month) => [month.inSeat, month.rampedFte, month.revenue]),
        hires.orientation
      )
  );
}

const HIRESNEEDED = parameters([
  { name: "target_revenue", kind: "number" },
  { name: "start_headcount", kind: "number" },
  { name: "productivity", kind: "number" },
  { name: "ramp_percentages", kind: "leadingNumbers", optional: true },
  { name: "annual_attrition", kind: "number", optional: true, default: 0 },
  { name: "hire_month", kind: "number", optional: true, default: 1 },
]);

/**
 * The fewest whole hires, all joining in one month, for which the year's capacity reaches a revenue target.
 * @customfunction HIRESNEEDED HIRESNEEDED
 * @param target_revenue Revenue the year's capacity must reach.
 * @param start_headcount Fully ramped reps at the start of the year.
 * @param productivity Revenue per fully ramped rep per month.
 * @param [ramp_percentages] A hire's share of full productivity in their 1st, 2nd… month (100% after the list; default none).
 * @param [annual_attrition] Share of reps leaving over a year, between 0 and 1 (default 0).
 * @param [hire_month] Month 1 to 12 the hires join at the start of (default 1).
 * @returns Number of hires; 0 when the team already reaches the target.
 */
export function hiresneeded(
  target_revenue: number,
  start_headcount: number,
  productivity: number,
  ramp_percentages?: any[][],
  annual_attrition?: number,
  hire_month?: number
): number {
  return runFunction(
    HIRESNEEDED,
    [target_revenue, start_headcount, productivity, ramp_percentages, annual_attrition, hire_month],
    ({
      target_revenue,
      start_headcount,
      productivity,
      ramp_percentages,
      annual_attrition,
      hire_month,
    }) =>
      hiresNeeded(target_revenue, start_headcount, productivity, {
        ramp: ramp_percentages,
        annualAttrition: annual_attrition,
        hireMonth: hire_month,
      })
  );
}

const REVENUEBRIDGE = parameters([
  { name: "plan_factors", kind: "numbers" },
  { name: "actual_factors", kind: "numbers", onePer: "plan_factors" },
]);

/**
 * Why revenue differs from plan: each factor's contribution to actual − plan revenue (logarithmic-mean Divisia), summing exactly, with a Total row.
 * @customfunction REVENUEBRIDGE REVENUEBRIDGE
 * @param plan_factors The plan's factors of revenue, such as leads, each conversion rate, deal size and collection ratio (all above 0).
 * @param actual_factors The actual value of each factor, in the same order.
 * @returns Per factor: plan, actual, contribution; then Total: plan revenue, actual revenue, the difference. A row per factor down a column, a column per factor across a row.
 */
export function revenuebridge(plan_factors: any[][], actual_factors: any[][]): number[][] {
  return runFunction(
    REVENUEBRIDGE,
    [plan_factors, actual_factors],
    ({ plan_factors, actual_factors }) => {
      const bridge = revenueBridge(plan_factors.values, actual_factors.values);
      return alongside(
        [...bridge.factors, bridge.total].map((row) => [row.plan, row.actual, row.contribution]),
        plan_factors.orientation
      );
    }
  );
}
