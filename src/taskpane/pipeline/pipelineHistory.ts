/**
 * What the pane reads out of the pipeline log that the workbook layer's pipelineHistory.ts
 * does not: the stages as the user typed them, the log as it stood at a past capture, the
 * steps of each interval (for the funnel's recent flow), how often close dates were pushed,
 * the guessed stage order and what the last capture changed. Pure; the math is src/domain's.
 */
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

/** How the pane tells the funnel's open stages from won and lost deals. */
export interface StageSettings {
  /** The open stages in funnel order. */
  readonly order: readonly string[];
  readonly won: string;
  readonly lost: string;
}

/** The stages as the workbook layer's pipeline settings, for its stage steps and stays. */
export const settingsOf = (stages: StageSettings): PipelineSettings => ({
  stages: [...stages.order],
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
 * The log as it stood at `asOf` (its rows dated then or before), indexed as the workbook
 * layer reads a log, so a past capture is read as it was read then.
 */
export function logUpTo(log: LoadedLog, asOf: number): LoadedLog {
  if (log.index.lastDate <= asOf) return log;
  const entries = log.entries.filter((e) => e.asOf <= asOf);
  return { entries, sheetRows: [], index: LogIndex.of(entries), problems: [] };
}

/** Each opportunity's log rows, in date order (the log may have been sorted by hand). */
export function entriesById(log: readonly LogEntry[]): Map<string, LogEntry[]> {
  const byId = new Map<string, LogEntry[]>();
  for (const entry of log) {
    const list = byId.get(entry.id);
    if (list) list.push(entry);
    else byId.set(entry.id, [entry]);
  }
  for (const list of byId.values()) list.sort((a, b) => a.asOf - b.asOf);
  return byId;
}

/**
 * Every observed step of every deal between consecutive captures: its stage at one capture
 * and at the next (the same stage when it stayed). A deal not captured at both is no step.
 * `since`: only the steps starting at a capture on or after it. `starts`: each step's first date.
 */
export function observedSteps(
  log: readonly LogEntry[],
  since = -Infinity
): { from: string[]; to: string[]; starts: number[] } {
  const dates = captureDates(log);
  const from: string[] = [];
  const to: string[] = [];
  const starts: number[] = [];
  for (const entries of entriesById(log).values()) {
    let k = 0;
    let current: LogEntry | undefined;
    let previous: LogEntry | undefined;
    let stepStart = -Infinity;
    for (const date of dates) {
      while (k < entries.length && entries[k].asOf <= date) current = entries[k++];
      const present = current !== undefined && current.change !== "Removed";
      if (present && previous && stepStart >= since) {
        from.push(previous.stage ?? "");
        to.push(current!.stage ?? "");
        starts.push(stepStart);
      }
      previous = present ? current : undefined;
      stepStart = date;
    }
  }
  return { from, to, starts };
}

/** How many times each deal's close date moved later from one capture to the next. */
export function pushCounts(log: readonly LogEntry[]): Map<string, number> {
  const pushes = new Map<string, number>();
  for (const [id, entries] of entriesById(log)) {
    let count = 0;
    let last: number | null = null;
    for (const entry of entries) {
      if (entry.change === "Removed") continue;
      const date = entry.closeDate;
      if (last !== null && date !== null && date > last) count++;
      if (date !== null) last = date;
    }
    pushes.set(id, count);
  }
  return pushes;
}

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
