/**
 * The sample's pipeline history written into the workbook: its twelve weekly captures
 * (pipelineHistory.ts) appended to the Pipeline Log one after the other, as capturing each
 * week would have, the forecast calls, and where the Pipeline pane finds the opportunities.
 */
import { applyCapture, captureChanges } from "../domain/pipelineCapture";
import type { LogEntry } from "../domain/pipelineLog";
import {
  PipelineSource,
  pipelineSettingsChanges,
  rowsFromCalls,
  rowsFromLog,
} from "../workbook/pipelineTables";
import type { CellValue } from "../workbook/rows";
import type { PlanStore } from "../workbook/store";
import { STAGES } from "./constants";
import { pipelineHistory, sampleOpportunities } from "./pipelineHistory";

/** Where the Pipeline pane finds the sample's opportunities: the table and its columns. */
export const SAMPLE_PIPELINE_SOURCE: PipelineSource = {
  table: { name: "Opportunities", sheet: "Opportunities" },
  mapping: {
    id: "OpportunityId",
    owner: "Owner",
    stage: "Stage",
    amount: "Amount",
    closeDate: "CloseDate",
    createdDate: "Created",
    forecastCategory: "ForecastCategory",
    leadSource: "LeadSource",
  },
};

/**
 * Twelve weekly captures of the opportunities, the last of them the table as it stands, and
 * the forecast calls of those weeks (pipelineHistory.ts), through the store like any capture.
 */
export async function writePipelineHistory(
  store: PlanStore,
  header: readonly string[],
  opportunities: CellValue[][],
  asOf: number
): Promise<void> {
  const history = pipelineHistory(
    sampleOpportunities(header, opportunities),
    STAGES.slice(0, -1),
    asOf
  );
  let log: LogEntry[] = [];
  history.captures.forEach((captured, week) => {
    const capture = captureChanges(log, captured, history.dates[week]);
    if (!capture.ok) throw new Error(`the sample's capture ${week + 1} is refused`);
    log = applyCapture(log, capture);
  });
  const plan = await store.load();
  await store.save(plan, {
    pipelineLog: rowsFromLog(log),
    forecastCalls: rowsFromCalls(history.calls),
    ...pipelineSettingsChanges(plan, SAMPLE_PIPELINE_SOURCE, {
      stages: STAGES.slice(0, -1),
    }),
  });
}
