/**
 * Pipeline logs for the domain's tests, made as a capture makes them (captureChanges then
 * applyCapture): each week's opportunities as short rows, captured one week after another.
 */
import { applyCapture, captureChanges } from "../../src/domain/pipelineCapture";
import type { LogEntry, Opportunity } from "../../src/domain/pipelineLog";

/** id, stage, and optionally close date, amount, owner, name. */
export type HandDeal = [
  id: string,
  stage: string,
  close?: number | null,
  amount?: number,
  owner?: string,
  name?: string,
];

export const deal = ([
  id,
  stage,
  close = null,
  amount = 100,
  owner = "Ann",
  name,
]: HandDeal): Opportunity => ({
  id,
  name: name ?? id,
  owner,
  stage,
  amount,
  closeDate: close,
  createdDate: null,
  forecastCategory: "Pipeline",
  leadSource: null,
});

/** The log after capturing `weeks[k]` as of `dates[k]`, in order. */
export function handLog(dates: readonly number[], weeks: readonly HandDeal[][]): LogEntry[] {
  let log: LogEntry[] = [];
  weeks.forEach((week, k) => {
    const capture = captureChanges(log, week.map(deal), dates[k]);
    if (!capture.ok) throw new Error(JSON.stringify(capture.problems));
    log = applyCapture(log, capture);
  });
  return log;
}
