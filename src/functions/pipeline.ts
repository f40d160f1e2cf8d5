/**
 * The pipeline functions (src/domain/pipeline.ts): velocity, coverage and the weighted
 * pipeline. Each function's parameter table comes just before its JSDoc, named as Excel
 * spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { LabelCodes } from "../domain/column";
import { BLANK_STAGE, UNKNOWN_STAGE } from "../domain/labels";
import {
  coverage as coverageOf,
  pipelineStages,
  velocity as velocityOf,
  weightedPipeline,
} from "../domain/pipeline";
import { fastOr, parameters, readArguments, runFunction } from "./arguments";
import { cellOfRow, isBlank, pairedColumnRows, plainLabel } from "./cells";

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

/** The stage table alone, read as WEIGHTEDPIPELINE reads it, for the fast path. */
const PIPELINE_STAGES = parameters([WEIGHTEDPIPELINE[2], WEIGHTEDPIPELINE[3]]);

/**
 * WEIGHTEDPIPELINE in one read of Excel's cells: amounts and stages single columns of the
 * same length, every cell one the general reader takes, every deal with both an amount ≥ 0
 * and a known stage, or neither. Anything else is undefined, for the general route (fastOr).
 */
function weightedPipelineFromCells(
  amounts: unknown,
  stages: unknown,
  stageNames: unknown,
  stageProbabilities: unknown
): number | undefined {
  const paired = pairedColumnRows(amounts, stages);
  if (!paired) return undefined;
  const [amountRows, stageRows] = paired;
  const table = readArguments(PIPELINE_STAGES, [stageNames, stageProbabilities]);
  const probabilities = table.stage_probabilities.values;
  const lookup = pipelineStages(table.stage_names, probabilities);
  const stagesByName = new LabelCodes((label) => lookup.positionOf(label));
  let total = 0;
  for (let i = 0; i < amountRows.length; i++) {
    const amountCell = cellOfRow(amountRows[i]);
    const stageCell = cellOfRow(stageRows[i]);
    const label = typeof stageCell === "string" ? stageCell : plainLabel(stageCell);
    if (label === undefined) return undefined;
    const stage = stagesByName.get(label);
    if (stage === UNKNOWN_STAGE) return undefined;
    if (typeof amountCell === "number") {
      if (!(amountCell >= 0 && amountCell < Infinity) || stage === BLANK_STAGE) return undefined;
      total += amountCell * probabilities[stage];
    } else if (!isBlank(amountCell) || stage !== BLANK_STAGE) return undefined;
  }
  return Number.isFinite(total) ? total : undefined;
}

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
  return fastOr(
    () => weightedPipelineFromCells(amounts, stages, stage_names, stage_probabilities),
    () =>
      runFunction(
        WEIGHTEDPIPELINE,
        [amounts, stages, stage_names, stage_probabilities],
        ({ amounts, stages, stage_names, stage_probabilities }) =>
          weightedPipeline(amounts, stages, stage_names, stage_probabilities.values)
      )
  );
}
