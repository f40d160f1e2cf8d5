/**
 * Each deal's history as the pipeline log holds it (pipelineLog.ts): its rows in date order,
 * the steps it took between consecutive captures, and its stays in the open stages. The
 * pieces the pipeline's analyses (pipelineStalls.ts, funnelShape.ts, the forecast's timing)
 * read the log through, so that each reads it the same way.
 */
import { columnOf } from "./column";
import { labelKey } from "./labels";
import type { StageHistory } from "./pipelineForecast";
import { captureDates, type LogEntry } from "./pipelineLog";
import { OPEN, outcomeOfStage } from "./winRate";

/** The funnel's stages: the open ones in funnel order, and the won and lost labels. */
export interface FunnelStages {
  readonly stages: readonly string[];
  readonly won: string;
  readonly lost: string;
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

/**
 * Each opportunity's stays in open stages (PLAN.PIPELINEFORECAST's stage history): entered at
 * the first capture showing the stage, left at the first capture showing another stage (or
 * the deal gone), still going (left blank, NaN) when the latest capture shows it there.
 */
export function stageStays(
  log: readonly LogEntry[],
  labels: Pick<FunnelStages, "won" | "lost">
): StageHistory {
  const outcome = outcomeOfStage(labels.won, labels.lost);
  const ids: string[] = [];
  const stages: string[] = [];
  const entered: number[] = [];
  const left: number[] = [];
  for (const [id, entries] of entriesById(log)) {
    let open: { stage: string; since: number } | undefined;
    const close = (at: number) => {
      if (!open) return;
      ids.push(id);
      stages.push(open.stage);
      entered.push(open.since);
      left.push(at);
      open = undefined;
    };
    for (const e of entries) {
      const stage = e.change === "Removed" ? null : e.stage;
      if (open && stage !== null && labelKey(stage) === labelKey(open.stage)) continue;
      close(e.asOf);
      if (stage !== null && outcome.get(stage) === OPEN) open = { stage, since: e.asOf };
    }
    close(Number.NaN);
  }
  return {
    ids: columnOf(ids),
    stages: columnOf(stages),
    entered: Float64Array.from(entered),
    left: Float64Array.from(left),
  };
}
