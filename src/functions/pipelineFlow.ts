/**
 * The pipeline-flow functions: the bridge between two snapshots (src/domain/pipelineMoves.ts),
 * win odds per stage from observed steps (stageChain.ts), the accuracy of past forecasts
 * (forecastError.ts) and the period's forecast (pipelineForecast.ts). Each function's
 * parameter table comes just before its JSDoc, named as Excel spells the function (see
 * functions.ts). A snapshot or stage history is a block of four columns, which the parameter
 * tables cannot read; tableArguments.ts reads it inside the body, so its errors come out as
 * Excel errors like every other argument's.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { forecastError, parseForecastMetric } from "../domain/forecastError";
import { pipelineForecast } from "../domain/pipelineForecast";
import { pipelineMoves } from "../domain/pipelineMoves";
import { stageChain } from "../domain/stageChain";
import { PlanError } from "../domain/errors";
import { parameters, runFunction } from "./arguments";
import { toExcelError } from "./excelErrors";
import { snapshotArgument, stageHistoryArgument } from "./tableArguments";

const outcomeLabels = [
  { name: "won_label", kind: "text", optional: true, default: "Won" },
  { name: "lost_label", kind: "text", optional: true, default: "Lost" },
] as const;

const PIPELINEMOVES = parameters([
  { name: "period_end", kind: "date", optional: true },
  ...outcomeLabels,
]);

/**
 * The pipeline bridge between two snapshots: Start, New, Pulled in, Increased, Decreased, Pushed out, Won, Lost, Removed, End.
 * @customfunction PIPELINEMOVES PIPELINEMOVES
 * @param snapshot_a The earlier snapshot: a row per deal, four columns (opportunity id, stage, amount, close date).
 * @param snapshot_b The later snapshot, in the same four columns.
 * @param [period_end] Last date of the period: only open deals closing by then are in scope (default: every open deal).
 * @param [won_label] Stage that marks a won deal (default "Won"; case and spaces ignored).
 * @param [lost_label] Stage that marks a lost deal (default "Lost"; case and spaces ignored).
 * @returns Ten rows of label, deals and amount; End = Start + New + Pulled in + Increased − Decreased − Pushed out − Won − Lost − Removed.
 */
export function pipelinemoves(
  snapshot_a: any[][],
  snapshot_b: any[][],
  period_end?: any,
  won_label?: string,
  lost_label?: string
): any[][] {
  return runFunction(
    PIPELINEMOVES,
    [period_end, won_label, lost_label],
    ({ period_end, won_label, lost_label }) => {
      const a = snapshotArgument(snapshot_a, "snapshot_a");
      const b = snapshotArgument(snapshot_b, "snapshot_b");
      const bridge = pipelineMoves(a, b, period_end, won_label, lost_label);
      return bridge.rows.map((row) => [row.label, row.deals, row.amount]);
    }
  );
}

const STAGEWIN = parameters([
  { name: "from_stages", kind: "labelColumn" },
  { name: "to_stages", kind: "labelColumn", pairedWith: "from_stages" },
  { name: "stage_names", kind: "labels" },
  ...outcomeLabels,
]);

/** A row whose odds the data cannot give shows the reason in its cells, as #N/A or #NUM!. */
const errorCells = (error: PlanError) => {
  const cell = toExcelError(error);
  return [cell, cell];
};

/**
 * Win probability and expected steps to close for each open stage, from observed stage-to-stage steps (an absorbing Markov chain).
 * @customfunction STAGEWIN STAGEWIN
 * @param from_stages Each observed step's stage at one snapshot.
 * @param to_stages The same deal's stage at the next snapshot (won, lost, or an open stage, the same one allowed).
 * @param stage_names The open stages in funnel order.
 * @param [won_label] Stage that marks a won deal (default "Won"; case and spaces ignored).
 * @param [lost_label] Stage that marks a lost deal (default "Lost"; case and spaces ignored).
 * @returns A row per open stage: stage, probability of eventually being won, expected steps until won or lost.
 */
export function stagewin(
  from_stages: any[][],
  to_stages: any[][],
  stage_names: any[][],
  won_label?: string,
  lost_label?: string
): any[][] {
  return runFunction(
    STAGEWIN,
    [from_stages, to_stages, stage_names, won_label, lost_label],
    ({ from_stages, to_stages, stage_names, won_label, lost_label }) =>
      stageChain(from_stages, to_stages, stage_names, won_label, lost_label).map(
        ({ stage, odds }) => [
          stage,
          ...(odds instanceof PlanError ? errorCells(odds) : [odds.win, odds.steps]),
        ]
      )
  );
}

const FORECASTERROR = parameters([
  { name: "forecasts", kind: "numbersWithBlanks" },
  { name: "actuals", kind: "numbersWithBlanks", pairedWith: "forecasts" },
  { name: "metric", kind: "text", optional: true },
]);

/**
 * Forecast error: "wape" (default; total absolute error ÷ total absolute actual), "bias" Σ(F − A) ÷ ΣA, "mape" (mean absolute percentage error) or "accuracy" (1 − WAPE).
 * @customfunction FORECASTERROR FORECASTERROR
 * @param forecasts What was forecast, one per period, rep or deal.
 * @param actuals What actually closed, in the same order; pairs with a blank are skipped.
 * @param [metric] "wape" (default), "bias", "mape" or "accuracy".
 * @returns The metric, as a fraction.
 */
export function forecasterror(forecasts: any[][], actuals: any[][], metric?: string): number {
  return runFunction(
    FORECASTERROR,
    [forecasts, actuals, metric],
    ({ forecasts, actuals, metric }) =>
      forecastError(forecasts, actuals, parseForecastMetric(metric))
  );
}

const PIPELINEFORECAST = parameters([
  { name: "period_end", kind: "date" },
  { name: "stage_names", kind: "labels" },
  { name: "win_probabilities", kind: "numbers" },
  { name: "categories", kind: "labelColumn", optional: true },
  { name: "as_of", kind: "date", optional: true },
  ...outcomeLabels,
]);

/**
 * The period's forecast by category: each open deal closing by period_end × its stage's win probability × the chance it leaves its stage in time (Kaplan–Meier of stage stays).
 * @customfunction PIPELINEFORECAST PIPELINEFORECAST
 * @param snapshot The open pipeline: a row per deal, four columns (opportunity id, stage, amount, close date).
 * @param period_end Last date of the period.
 * @param stage_names The open stages.
 * @param win_probabilities Each stage's probability of being won, typed or from PLAN.STAGEWIN.
 * @param [categories] Each snapshot row's forecast category, such as Commit, Best case or Pipeline.
 * @param [stage_history] Stays in stages: four columns (opportunity id, stage, entered, left), left blank while the deal is still there.
 * @param [as_of] Date the snapshot was taken (default: the latest date in stage_history).
 * @param [won_label] Stage that marks a won deal (default "Won"; case and spaces ignored).
 * @param [lost_label] Stage that marks a lost deal (default "Lost"; case and spaces ignored).
 * @returns A header row, a row per category sorted by name, and a Total row: category, deals, amount, expected revenue.
 */
export function pipelineforecast(
  snapshot: any[][],
  period_end: any,
  stage_names: any[][],
  win_probabilities: any[][],
  categories?: any[][],
  stage_history?: any[][],
  as_of?: any,
  won_label?: string,
  lost_label?: string
): any[][] {
  return runFunction(
    PIPELINEFORECAST,
    [period_end, stage_names, win_probabilities, categories, as_of, won_label, lost_label],
    ({ period_end, stage_names, win_probabilities, categories, as_of, won_label, lost_label }) => {
      const rows = pipelineForecast(
        snapshotArgument(snapshot, "snapshot"),
        period_end,
        stage_names,
        win_probabilities.values,
        {
          categories,
          history: stageHistoryArgument(stage_history, "stage_history"),
          asOf: as_of,
          wonLabel: won_label,
          lostLabel: lost_label,
        }
      );
      return [
        ["Category", "Deals", "Amount", "Expected"],
        ...rows.map((row) => [row.category, row.deals, row.amount, row.expected]),
      ];
    }
  );
}
