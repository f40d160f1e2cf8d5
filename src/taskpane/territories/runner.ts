/**
 * Runs the planning engine off the pane's thread: in a Web Worker where the page has one
 * (the pane stays responsive, progress arrives as messages, Cancel terminates the worker),
 * else in the page between animation frames (tests, old hosts), cancelled at the next
 * progress report.
 */
import type { PlanRunInput, PlanRunResult } from "../../domain/planRun";
import type { Outcome } from "../../domain/territory";

export interface RunHandle {
  result: Promise<Outcome<PlanRunResult> | "cancelled">;
  cancel(): void;
}

export type PlanRunner = (input: PlanRunInput, onProgress: (done: number) => void) => RunHandle;

export type WorkerMessage =
  | { kind: "progress"; done: number }
  | { kind: "done"; outcome: Outcome<PlanRunResult> }
  | { kind: "failed"; message: string };

class Cancelled extends Error {}

/** In the page: yields once before starting so the progress bar and Cancel button paint. */
export const inPageRunner: PlanRunner = (input, onProgress) => {
  let cancelled = false;
  const result = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Loaded on first use: the engine (with mathjs for quota formulas) stays out of the pane's bundle.
    const { runPlan } = await import("../../domain/planRun");
    try {
      return runPlan(input, (done) => {
        if (cancelled) throw new Cancelled();
        onProgress(done);
      });
    } catch (error) {
      if (error instanceof Cancelled) return "cancelled" as const;
      throw error;
    }
  })();
  return { result, cancel: () => (cancelled = true) };
};

/** In a Web Worker built from src/taskpane/territories/plan.worker.ts (webpack entry planWorker.js). */
export function workerRunner(url: string): PlanRunner {
  return (input, onProgress) => {
    const worker = new Worker(url);
    let settle: (value: Outcome<PlanRunResult> | "cancelled") => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    const result = new Promise<Outcome<PlanRunResult> | "cancelled">((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.kind === "progress") onProgress(message.done);
      else {
        worker.terminate();
        if (message.kind === "done") settle(message.outcome);
        else fail(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      fail(new Error(event.message || "the planning engine stopped"));
    };
    worker.postMessage(input);
    return {
      result,
      cancel: () => {
        worker.terminate();
        settle("cancelled");
      },
    };
  };
}

/** The Worker runner where the page can start workers, else in the page. */
export const defaultRunner = (): PlanRunner =>
  typeof Worker === "function" ? workerRunner("planWorker.js") : inPageRunner;
