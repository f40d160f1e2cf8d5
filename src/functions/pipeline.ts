/**
 * The pipeline functions (src/domain/pipeline.ts): velocity, coverage and the weighted
 * pipeline. Each function's parameter table comes just before its JSDoc, named as Excel
 * spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  coverage as coverageOf,
  velocity as velocityOf,
  weightedPipeline,
} from "../domain/pipeline";
import { parameters, runFunction } from "./arguments";

const VELOCITY = parameters([
  { name: "open_opportunities", kind: "number" },
  { name: "win_rate", kind: "number" },
  { name: "avg_deal_size", kind: "number" },
  { name: "cycle_days", kind: "number" },
]);

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
  return runFunction(
    VELOCITY,
    [open_opportunities, win_rate, avg_deal_size, cycle_days],
    ({ open_opportunities, win_rate, avg_deal_size, cycle_days }) =>
      velocityOf(open_opportunities, win_rate, avg_deal_size, cycle_days)
  );
}

const COVERAGE = parameters([
  { name: "pipeline", kind: "number" },
  { name: "remaining_quota", kind: "number" },
]);

/**
 * Pipeline coverage: open pipeline divided by the quota still to close.
 * @customfunction COVERAGE COVERAGE
 * @param pipeline Open pipeline value.
 * @param remaining_quota Quota still to close in the period.
 * @returns Coverage ratio (3 means the pipeline is three times the remaining quota).
 */
export function coverage(pipeline: number, remaining_quota: number): number {
  return runFunction(COVERAGE, [pipeline, remaining_quota], ({ pipeline, remaining_quota }) =>
    coverageOf(pipeline, remaining_quota)
  );
}

const WEIGHTEDPIPELINE = parameters([
  { name: "amounts", kind: "numbersWithBlanks" },
  { name: "stages", kind: "labelColumn", pairedWith: "amounts" },
  { name: "stage_names", kind: "labels" },
  { name: "stage_probabilities", kind: "numbers" },
]);

/**
 * Weighted pipeline: the sum of each deal's amount times the probability of its stage.
 * @customfunction WEIGHTEDPIPELINE WEIGHTEDPIPELINE
 * @param amounts Value of each open deal.
 * @param stages Stage of each deal, one of stage_names.
 * @param stage_names The stages, in any order.
 * @param stage_probabilities Probability of winning from each stage, between 0 and 1.
 * @returns Weighted pipeline value.
 */
export function weightedpipeline(
  amounts: any[][],
  stages: any[][],
  stage_names: any[][],
  stage_probabilities: any[][]
): number {
  return runFunction(
    WEIGHTEDPIPELINE,
    [amounts, stages, stage_names, stage_probabilities],
    ({ amounts, stages, stage_names, stage_probabilities }) =>
      weightedPipeline(amounts, stages, stage_names, stage_probabilities.values)
  );
}
