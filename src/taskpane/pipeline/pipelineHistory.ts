/**
 * What the pane reads out of the pipeline log that the workbook layer's pipelineHistory.ts
 * and the domain do not: the stages as the user typed them, the guessed stage order and what
 * the last capture changed. Pure; the math is src/domain's.
 */
import { entriesById, type FunnelStages } from "../../domain/dealHistory";
import { labelKey } from "../../domain/labels";
import type { CaptureSummary } from "../../domain/pipelineCapture";
import {
  LogIndex,
  OPPORTUNITY_FIELDS,
  captureDates,
  reconstruct,
  type LogEntry,
  type OpportunityField,
} from "../../domain/pipelineLog";
import type { LoadedLog, PipelineSettings } from "../../workbook/pipelineTables";

/** How the pane tells the funnel's open stages (in funnel order) from won and lost deals. */
export type StageSettings = FunnelStages;

/** The stages as the workbook layer's pipeline settings, for its forecast and steps. */
export const settingsOf = (stages: StageSettings): PipelineSettings => ({
  stages: [...stages.stages],
  wonLabel: stages.won,
  lostLabel: stages.lost,
});

/** A log with nothing in it: the pane before the plan is read, or while its log is unusable. */
export const EMPTY_LOG: LoadedLog = {
  entries: [],
  sheetRows: [],
  index: LogIndex.of([]),
  problems: [],
};

/**
 * The open stages in the order deals move through them, guessed from the log: a stage goes
 * before another when more deals were seen in it first than the other way round (stages
 * ranked by how many others they precede so). A guess the user corrects in the Capture step.
 */
export function guessStageOrder(log: readonly LogEntry[], won: string, lost: string): string[] {
  const closed = new Set([labelKey(won), labelKey(lost)]);
  const names = new Map<string, string>();
  const before = new Map<string, number>();
  const pair = (a: string, b: string) => `${a}\u0000${b}`;
  for (const entries of entriesById(log).values()) {
    const seen: string[] = [];
    for (const entry of entries) {
      const key = labelKey(entry.stage ?? "");
      if (key === "" || closed.has(key) || seen.includes(key)) continue;
      if (!names.has(key)) names.set(key, (entry.stage ?? "").trim());
      for (const earlier of seen)
        before.set(pair(earlier, key), (before.get(pair(earlier, key)) ?? 0) + 1);
      seen.push(key);
    }
  }
  const keys = [...names.keys()];
  const wins = (a: string) =>
    keys.filter((b) => b !== a && (before.get(pair(a, b)) ?? 0) > (before.get(pair(b, a)) ?? 0))
      .length;
  return keys
    .map((key, i) => ({ key, i, score: wins(key) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ key }) => names.get(key)!);
}

/**
 * What the last capture in the log changed, read back from its rows (the summary a capture
 * returns, for a pane opened after it): its New, Changed and Removed rows, the changes by
 * the fields its ChangedFields name, and the deals it left as they were.
 */
export function lastCaptureSummary(
  log: readonly LogEntry[]
): { asOf: number; summary: CaptureSummary } | undefined {
  const dates = captureDates(log);
  const asOf = dates[dates.length - 1];
  if (asOf === undefined) return undefined;
  const byHeader = new Map<string, OpportunityField>(
    OPPORTUNITY_FIELDS.map((f) => [labelKey(f.header), f.key])
  );
  const byField = Object.fromEntries(OPPORTUNITY_FIELDS.map((f) => [f.key, 0])) as Record<
    OpportunityField,
    number
  >;
  const counts = { New: 0, Changed: 0, Removed: 0 };
  for (const entry of log) {
    if (entry.asOf !== asOf) continue;
    counts[entry.change]++;
    for (const header of entry.changedFields.split(",")) {
      const key = byHeader.get(labelKey(header));
      if (key) byField[key]++;
    }
  }
  const before = dates.length > 1 ? reconstruct(log, dates[dates.length - 2]).length : 0;
  const unchanged = before - counts.Changed - counts.Removed;
  return {
    asOf,
    summary: {
      new: counts.New,
      changed: counts.Changed,
      removed: counts.Removed,
      unchanged: Math.max(0, unchanged),
      byField,
    },
  };
}
