/**
 * The Forecast step's figures for any capture, not only the latest (the Accuracy step asks
 * what was forecast at each): win probabilities per stage learned from the log's steps up to
 * it (PLAN.STAGEWIN's chain over the workbook layer's stageSteps), and the period's weighted
 * forecast by category (PLAN.PIPELINEFORECAST's core, timed by the stays up to it), with the
 * stages as typed in the pane.
 */
import { columnOf } from "../../domain/column";
import { PlanError } from "../../domain/errors";
import { pipelineForecast, type ForecastRow } from "../../domain/pipelineForecast";
import { captureDates, reconstruct } from "../../domain/pipelineLog";
import { stageChain } from "../../domain/stageChain";
import { snapshotColumns, stageStays, stageSteps } from "../../workbook/pipelineHistory";
import type { LoadedLog } from "../../workbook/pipelineTables";
import { logUpTo, settingsOf, type StageSettings } from "./pipelineHistory";

export interface LearnedOdds {
  stage: string;
  /** The probability of being won from this stage; undefined when the log cannot say. */
  win?: number;
  /** Why not, in the engine's words (a never-left stage, a stage that never closes). */
  why?: PlanError;
}

/** Each open stage's probability of being won, from the steps the log holds. */
export function learnedOdds(log: LoadedLog, stages: StageSettings): LearnedOdds[] {
  const { from, to } = stageSteps(log, captureDates(log.entries), settingsOf(stages));
  const rows = stageChain(from, to, stages.order, stages.won, stages.lost);
  return rows.map(({ stage, odds }) =>
    odds instanceof PlanError ? { stage, why: odds } : { stage, win: odds.win }
  );
}

export interface WeightedForecast {
  rows: ForecastRow[];
  odds: LearnedOdds[];
  /** Stages counted at 0 because the log gives no probability for them. */
  unknownStages: string[];
}

/**
 * The forecast for the period ending `periodEnd` from the pipeline as captured at `asOf`:
 * each open deal closing by then × its stage's learned win probability × the chance it
 * leaves its stage in time (Kaplan–Meier of the stays in the log up to `asOf`).
 */
export function weightedForecast(
  log: LoadedLog,
  stages: StageSettings,
  asOf: number,
  periodEnd: number
): WeightedForecast {
  const upTo = logUpTo(log, asOf);
  const odds = learnedOdds(upTo, stages);
  const snapshot = reconstruct(upTo.entries, asOf, upTo.index);
  const unknownStages = odds.filter((o) => o.win === undefined).map((o) => o.stage);
  const rows = pipelineForecast(
    snapshotColumns(snapshot, "snapshot"),
    periodEnd,
    stages.order,
    Float64Array.from(odds, (o) => o.win ?? 0),
    {
      categories: columnOf(snapshot.map((o) => o.forecastCategory ?? "")),
      history: stageStays(upTo, settingsOf(stages)),
      asOf,
      wonLabel: stages.won,
      lostLabel: stages.lost,
    }
  );
  return { rows, odds, unknownStages };
}
