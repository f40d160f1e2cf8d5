/**
 * The quota functions (src/domain/quota.ts): exact splits, a new hire's ramp, and
 * attainment against quota (its arithmetic lives with the pipeline ratios in
 * src/domain/pipeline.ts). Each function's parameter table comes just before its JSDoc,
 * named as Excel spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { attainment as attainmentOf } from "../domain/pipeline";
import { monthlyRamp, quotaSplit } from "../domain/quota";
import { fastOr, parameters, runFunction } from "./arguments";
import { columnRows, isOmitted, plainNumberRows, shaped } from "./cells";

const QUOTASPLIT = parameters([
  { name: "total", kind: "number" },
  { name: "weights", kind: "numbers" },
  { name: "decimals", kind: "number", optional: true, default: 0 },
  { name: "floors", kind: "numbersWithBlanks", optional: true, onePer: "weights" },
  { name: "caps", kind: "numbersWithBlanks", optional: true, onePer: "weights" },
]);

/** A plain finite number argument, `fallback` when left out; undefined for the general reader. */
function plainScalar(argument: unknown, fallback: number): number | undefined {
  if (isOmitted(argument)) return fallback;
  return typeof argument === "number" && Number.isFinite(argument) ? argument : undefined;
}

/**
 * Floors or caps beside `count` weights, read in place (NaN where blank): none when left
 * out, null when the general reader must judge them.
 */
function boundsFromCells(argument: unknown, count: number): Float64Array | undefined | null {
  if (isOmitted(argument)) return undefined;
  const rows = columnRows(argument);
  if (!rows || rows.length !== count) return null;
  return plainNumberRows(rows, true) ?? null;
}

/**
 * QUOTASPLIT with its ranges read in one pass each: weights (and floors, caps) single
 * columns of plain numbers, the scalars plain numbers. The split itself is the same call on
 * the same values as the general route's; anything else is undefined, for the general route
 * to read and report (see fastOr), and so is every error the split raises.
 */
function quotaSplitFromCells(
  total: unknown,
  weights: unknown,
  decimals: unknown,
  floors: unknown,
  caps: unknown
): number[][] | undefined {
  const amount = typeof total === "number" && Number.isFinite(total) ? total : undefined;
  const places = plainScalar(decimals, 0);
  const rows = columnRows(weights);
  if (amount === undefined || places === undefined || !rows) return undefined;
  const values = plainNumberRows(rows, false);
  const lower = boundsFromCells(floors, rows.length);
  const upper = boundsFromCells(caps, rows.length);
  if (!values || lower === null || upper === null) return undefined;
  return shaped(
    quotaSplit(amount, values, { decimals: places, floors: lower, caps: upper }),
    "column"
  );
}

/**
 * Splits a total in proportion to weights, rounded, summing exactly to the total (largest remainder; floors and caps respected).
 * @customfunction QUOTASPLIT QUOTASPLIT
 * @param total The amount to split, such as the company target.
 * @param weights Weight of each part, such as potential or last year's revenue.
 * @param [decimals] Digits to round to (default 0; negative rounds to tens, hundreds…).
 * @param [floors] Minimum for each part; blank for none.
 * @param [caps] Maximum for each part; blank for none.
 * @returns The parts, in the shape of weights.
 */
export function quotasplit(
  total: number,
  weights: any[][],
  decimals?: number,
  floors?: any[][],
  caps?: any[][]
): number[][] {
  return fastOr(
    () => quotaSplitFromCells(total, weights, decimals, floors, caps),
    () =>
      runFunction(
        QUOTASPLIT,
        [total, weights, decimals, floors, caps],
        ({ total, weights, decimals, floors, caps }) =>
          shaped(quotaSplit(total, weights.values, { decimals, floors, caps }), weights.orientation)
      )
  );
}

const RAMP = parameters([
  { name: "annual_quota", kind: "number" },
  { name: "start_date", kind: "date" },
  { name: "fiscal_year_start", kind: "date" },
  { name: "ramp_percentages", kind: "leadingNumbers" },
]);

/**
 * Twelve monthly quotas for a new hire's fiscal year, with a ramp from the start date.
 * @customfunction RAMP RAMP
 * @param annual_quota Fully ramped annual quota.
 * @param start_date The rep's start date.
 * @param fiscal_year_start First day of the fiscal year.
 * @param ramp_percentages Share of the full monthly quota in ramp months 1, 2, 3… (such as 0.25, 0.5, 0.75).
 * @returns Twelve monthly quotas in one row.
 */
export function ramp(
  annual_quota: number,
  start_date: any,
  fiscal_year_start: any,
  ramp_percentages: any[][]
): number[][] {
  return runFunction(
    RAMP,
    [annual_quota, start_date, fiscal_year_start, ramp_percentages],
    ({ annual_quota, start_date, fiscal_year_start, ramp_percentages }) => [
      Array.from(monthlyRamp(annual_quota, start_date, fiscal_year_start, ramp_percentages)),
    ]
  );
}

const ATTAINMENT = parameters([
  { name: "actual", kind: "number" },
  { name: "quota", kind: "number" },
]);

/**
 * Quota attainment: actual divided by quota.
 * @customfunction ATTAINMENT ATTAINMENT
 * @param actual Actual bookings or revenue for the period.
 * @param quota Quota for the same period.
 * @returns Attainment as a fraction (1 means 100%).
 */
export function attainment(actual: number, quota: number): number {
  return runFunction(ATTAINMENT, [actual, quota], ({ actual, quota }) =>
    attainmentOf(actual, quota)
  );
}
