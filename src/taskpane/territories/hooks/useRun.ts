/**
 * One run of the planning engine from the pane: its progress, Cancel, the result, and the
 * engine's refusals located at their cells in the user's accounts and reps tables.
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
  /** `locate` puts each issue the engine finds at its cell in the table it came from. */
  start(input: PlanRunInput, locate: SourceTables["locate"]): Promise<void>;
  cancel(): void;
}

/** `onStart`: what the pane does as a run begins (it shows the results step). */
export function useRun(runner: PlanRunner, feedback: Feedback, onStart: () => void): RunState {
  const { t, sayError } = useI18n();
  const [progress, setProgress] = React.useState<number>();
  const [result, setResult] = React.useState<PlanRunResult>();
  const handle = React.useRef<RunHandle>();
  const { setMessage, setProblems } = feedback;

  const start = async (input: PlanRunInput, locate: SourceTables["locate"]) => {
    setMessage(undefined);
    setResult(undefined);
    setProblems([]);
    setProgress(0);
    onStart();
    const started = runner(input, setProgress);
    handle.current = started;
    try {
      const outcome = await started.result;
      if (outcome === "cancelled")
        setMessage({ intent: "warning", text: t("territories.cancelled") });
      else if (!outcome.ok) {
        setMessage({
          intent: "error",
          text: t("territories.runFailed", { count: outcome.issues.length }),
        });
        // Each issue at its cell in the user's accounts or reps table.
        setProblems(outcome.issues.map(locate));
      } else setResult(outcome.value);
    } catch (error) {
      setMessage({ intent: "error", text: t("territories.runError", { reason: sayError(error) }) });
    } finally {
      handle.current = undefined;
      setProgress(undefined);
    }
  };

  return {
    progress,
    running: progress !== undefined,
    result,
    start,
    cancel: () => handle.current?.cancel(),
  };
}
