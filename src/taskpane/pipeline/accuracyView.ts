/**
 * The Accuracy step's one figure the workbook layer does not make (its callAccuracy sets
 * the calls against what closed): what the pipeline forecast for a past period at each
 * capture before it ended — won so far in it, plus the weighted open pipeline closing by its
 * end — to set against what closed.
 */
import { entriesById } from "../../domain/dealHistory";
import { errorText } from "../../domain/problem";
import { labelKey } from "../../domain/labels";
import { captureDates, type LogEntry } from "../../domain/pipelineLog";
import type { PeriodDates } from "../../workbook/pipelineAccuracy";
import { forecastFromLog, type NothingExpected } from "../../workbook/pipelineHistory";
import { pipelineLogOf } from "../../workbook/pipelineTables";
import type { PlanSnapshot } from "../../workbook/store";
import type { StageSettings } from "./pipelineHistory";

/**
 * Won amount with a close date in the period as the log holds it at `asOf`. A won deal that
 * has since left the table (many exports hold open deals only) still counts: its Removed row
 * keeps the values it was last captured with, Won among them (as callAccuracy counts it).
 */
function wonBy(log: readonly LogEntry[], period: PeriodDates, asOf: number, won: string) {
  let total = 0;
  for (const entries of entriesById(log).values()) {
    let last: LogEntry | undefined;
    for (const e of entries) if (e.asOf <= asOf) last = e;
    if (!last || labelKey(last.stage ?? "") !== labelKey(won) || last.closeDate === null) continue;
    if (last.closeDate >= period.start && last.closeDate <= period.end) total += last.amount ?? 0;
  }
  return total;
}

export interface CaptureForecast {
  asOf: number;
  /** Won so far in the period + the weighted open pipeline closing by its end. */
  forecast?: number;
  /** Why the open pipeline added nothing to the figure at this capture, though deals were open. */
  nothingExpected?: NothingExpected;
  /** Why no figure could be made at this capture, in the engine's words. */
  why?: string;
}

/** The forecast at each capture made during the period or the quarter before it. */
export function forecastsAtCaptures(
  plan: PlanSnapshot,
  stages: StageSettings,
  period: PeriodDates
): CaptureForecast[] {
  const QUARTER_BEFORE = 92;
  const log = pipelineLogOf(plan);
  return captureDates(log.entries)
    .filter((d) => d <= period.end && d >= period.start - QUARTER_BEFORE)
    .map((asOf) => {
      try {
        const { rows, nothingExpected } = forecastFromLog(plan, period.end, { asOf, stages });
        const wonSoFar = wonBy(log.entries, period, asOf, stages.won);
        return { asOf, forecast: wonSoFar + rows[rows.length - 1].expected, nothingExpected };
      } catch (error) {
        return { asOf, why: errorText(error) };
      }
    });
}
