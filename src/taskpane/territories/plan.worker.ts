/** The planning engine in a Web Worker: one run per worker, progress throttled to what a bar can show. */
import { PlanRunInput, runPlan } from "../../domain/planRun";
import type { WorkerMessage } from "./runner";
import { errorText } from "../../domain/problem";

const post = (message: WorkerMessage) =>
  (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

self.onmessage = (event: MessageEvent<PlanRunInput>) => {
  let shown = -1;
  try {
    const outcome = runPlan(event.data, (done) => {
      if (done - shown >= 0.01 || done === 1) {
        shown = done;
        post({ kind: "progress", done });
      }
    });
    post({ kind: "done", outcome });
  } catch (error) {
    post({ kind: "failed", message: errorText(error) });
  }
};
