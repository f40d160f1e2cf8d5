/**
 * The PLAN.* worksheet functions. Each is a thin wrapper: read Excel's arguments into
 * typed values (arguments.ts), call the planning core (src/domain), and let
 * excelResult turn any failure into the Excel error a user expects.
 *
 * The JSDoc blocks are the functions' public contract: custom-functions-metadata
 * generates functions.json (names, descriptions, parameters) from them at build time
 * and appends the CustomFunctions.associate calls, so none appear here.
 */
import {
  attainment as attainmentOf,
  coverage as coverageOf,
  velocity as velocityOf,
} from "../domain/pipeline";
import { scalar } from "./arguments";
import { excelResult } from "./excelErrors";

/**
 * Sales velocity: expected revenue per day from open opportunities.
 * @customfunction VELOCITY VELOCITY
 * @param open_opportunities Number of open opportunities in the pipeline.
 * @param win_rate Win rate as a fraction between 0 and 1.
 * @param avg_deal_size Average deal size.
 * @param cycle_days Average sales cycle in days.
 * @returns Revenue per day.
 */
export function velocity(
  open_opportunities: number,
  win_rate: number,
  avg_deal_size: number,
  cycle_days: number
): number {
  return excelResult(() =>
    velocityOf(
      scalar(open_opportunities, "open_opportunities"),
      scalar(win_rate, "win_rate"),
      scalar(avg_deal_size, "avg_deal_size"),
      scalar(cycle_days, "cycle_days")
    )
  );
}

/**
 * Pipeline coverage: open pipeline divided by the quota still to close.
 * @customfunction COVERAGE COVERAGE
 * @param pipeline Open pipeline value.
 * @param remaining_quota Quota still to close in the period.
 * @returns Coverage ratio (3 means the pipeline is three times the remaining quota).
 */
export function coverage(pipeline: number, remaining_quota: number): number {
  return excelResult(() =>
    coverageOf(scalar(pipeline, "pipeline"), scalar(remaining_quota, "remaining_quota"))
  );
}

/**
 * Quota attainment: actual divided by quota.
 * @customfunction ATTAINMENT ATTAINMENT
 * @param actual Actual bookings or revenue for the period.
 * @param quota Quota for the same period.
 * @returns Attainment as a fraction (1 means 100%).
 */
export function attainment(actual: number, quota: number): number {
  return excelResult(() => attainmentOf(scalar(actual, "actual"), scalar(quota, "quota")));
}
