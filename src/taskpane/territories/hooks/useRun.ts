/**
 * One run of the planning engine from the pane: its progress, Cancel, the result, and the
 * engine's refusals located at their cells in the user's accounts and reps tables. A run
 * that fails or is cancelled leaves the last result (and the input it came from) in place.
 */
import * as React from "react";
import type { PlanRunInput, PlanRunResult } from "../../../domain/planRun";
import type { SourceTables } from "../../../workbook/sourceTables";
import { useI18n } from "../../i18n";
import type { PlanRunner, RunHandle } from "../runner";
import { Feedback } from "./useFeedback";

export interface RunState {
  /** Share done while a run is under way, else undefined. */
  progress?: number;
  running: boolean;
  result?: PlanRunResult;
  /** The input `result` came from: what a saved scenario records as its rules. */
  ran?: PlanRunInput;
  /** `locate` puts each issue the engine finds at its cell in the table it came from. */
  start(input: PlanRunInput, locate: SourceTables["locate"]): Promise<void>;
  cancel(): void;
}

/** `onStart`: what the pane does as a run begins (it shows the results step). */
export function useRun(runner: PlanRunner, feedback: Feedback, onStart: () => void): RunState {
  const { t, sayError, locale } = useI18n();
  const [progress, setProgress] = React.useState<number>();
  const [last, setLast] = React.useState<{ input: PlanRunInput; result: PlanRunResult }>();
  const handle = React.useRef<RunHandle>();
  const { setMessage, setProblems } = feedback;

  const start = async (input: PlanRunInput, locate: SourceTables["locate"]) => {
    setMessage(undefined);
    setProblems([]);
    setProgress(0);
    onStart();
    // Said after a failure or Cancel when an earlier result stays on screen.
    const stop = locale === "zh-CN" ? "。" : ".";
    const kept = (text: string) =>
      last
        ? `${/[.。!?！？]$/.test(text) ? text : text + stop} ${t("territories.keptResults")}`
        : text;
    const started = runner(input, setProgress);
    handle.current = started;
    try {
      const outcome = await started.result;
      if (outcome === "cancelled")
        setMessage({ intent: "warning", text: kept(t("territories.cancelled")) });
      else if (!outcome.ok) {
        setMessage({
          intent: "error",
          text: kept(t("territories.runFailed", { count: outcome.issues.length })),
        });
        // Each issue at its cell in the user's accounts or reps table.
        setProblems(outcome.issues.map(locate));
      } else setLast({ input, result: outcome.value });
    } catch (error) {
      setMessage({
        intent: "error",
        text: kept(t("territories.runError", { reason: sayError(error) })),
      });
    } finally {
      handle.current = undefined;
      setProgress(undefined);
    }
  };

  return {
    progress,
    running: progress !== undefined,
    result: last?.result,
    ran: last?.input,
    start,
    cancel: () => handle.current?.cancel(),
  };
}
