/** The planning engine in a Web Worker: one run per worker, progress throttled to what a bar can show. */
import { PlanRunInput, runPlan } from "../../domain/planRun";
import type { WorkerMessage } from "./runner";
import { errorText } from "../../domain/problem";
import { progressPosts } from "./progressPosts";

const post = (message: WorkerMessage) =>
  (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

self.onmessage = (event: MessageEvent<PlanRunInput>) => {
  try {
    const outcome = runPlan(
      event.data,
      progressPosts((done) => post({ kind: "progress", done }))
    );
    post({ kind: "done", outcome });
  } catch (error) {
    post({ kind: "failed", message: errorText(error) });
  }
};
