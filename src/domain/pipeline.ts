/**
 * Pipeline figures: velocity, coverage, attainment and the probability-weighted pipeline.
 */
import { finiteResult, requireFraction, requireNonNegative } from "./checks";
import { Column } from "./column";
import { div0Error, numError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { BLANK_STAGE, StageLookup, stageIndex } from "./labels";

/** Sales velocity: expected revenue closed per day from the open pipeline. */
export function velocity(
  openOpportunities: number,
  winRate: number,
  avgDealSize: number,
  cycleDays: number
): number {
  requireNonNegative(openOpportunities, "open_opportunities");
  requireFraction(winRate, "win_rate");
  requireNonNegative(avgDealSize, "avg_deal_size");
  requireNonNegative(cycleDays, "cycle_days");
  if (cycleDays === 0) throw div0Error(functionProblem("isZero", { field: "cycle_days" }));
  return finiteResult((openOpportunities * winRate * avgDealSize) / cycleDays, "resultVelocity");
}

/** Pipeline coverage: how many times the open pipeline covers the quota still to close. */
export function coverage(pipeline: number, remainingQuota: number): number {
  requireNonNegative(pipeline, "pipeline");
  requireNonNegative(remainingQuota, "remaining_quota");
  if (remainingQuota === 0) throw div0Error(functionProblem("nothingToCover"));
  return finiteResult(pipeline / remainingQuota, "resultCoverage");
}

/** Quota attainment; actuals may be negative (credit notes), quotas may not. */
export function attainment(actual: number, quota: number): number {
  requireNonNegative(quota, "quota");
  if (quota === 0) throw div0Error(functionProblem("isZero", { field: "quota" }));
  return finiteResult(actual / quota, "resultAttainment");
}

/**
 * The stages of a weighted pipeline, looked up by name, once their names and probabilities
 * are checked (as many of each, every probability in [0, 1]): shared by weightedPipeline and
 * the worksheet function's fast path over Excel's cells.
 */
export function pipelineStages(
  stageNames: readonly string[],
  stageProbabilities: Float64Array
): StageLookup {
  if (stageNames.length !== stageProbabilities.length) {
    throw valueError(
      functionProblem("entriesDiffer", {
        first: "stage_names",
        firstCount: stageNames.length,
        field: "stage_probabilities",
        count: stageProbabilities.length,
      }),
      { field: "stage_probabilities" }
    );
  }
  stageProbabilities.forEach((p, i) => requireFraction(p, "stage_probabilities", i + 1));
  return new StageLookup(stageIndex(stageNames), "stages");
}

/**
 * Σ amount × probability of the stage each deal is in. `amounts` holds NaN for blank
 * cells; rows with both cells blank (a range selected past the data) are skipped.
 */
export function weightedPipeline(
  amounts: Float64Array,
  stages: Column<string>,
  stageNames: readonly string[],
  stageProbabilities: Float64Array
): number {
  if (amounts.length !== stages.length) {
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "amounts",
        firstCount: amounts.length,
        field: "stages",
        count: stages.length,
      }),
      { field: "stages" }
    );
  }
  const stagesByName = pipelineStages(stageNames, stageProbabilities);
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    const stage = stagesByName.stageOf(stages.get(i), i + 1);
    if (amount !== amount) {
      if (stage === BLANK_STAGE) continue;
      throw valueError(functionProblem("blankInRow", { field: "amounts", row: i + 1 }), {
        field: "amounts",
        row: i + 1,
      });
    }
    if (stage === BLANK_STAGE)
      throw valueError(functionProblem("blankInRow", { field: "stages", row: i + 1 }), {
        field: "stages",
        row: i + 1,
      });
    if (amount < 0) {
      throw numError(functionProblem("mustNotBeNegativeRow", { field: "amounts", row: i + 1 }), {
        field: "amounts",
        row: i + 1,
      });
    }
    total += amount * stageProbabilities[stage];
  }
  return finiteResult(total, "resultWeightedPipeline");
}
