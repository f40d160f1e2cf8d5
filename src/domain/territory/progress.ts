/**
 * How a run tells the pane it is still working: at each milestone, and in between whenever
 * REPORT_EVERY_MS have passed. The long loops only look at the clock now and then (every few
 * hundred accounts or a few search steps, which cost microseconds each), so the reports follow
 * time, not work: a slow machine gets as many as a fast one, and a pane showing a 100,000-account
 * run never waits half a second for news (or for its Cancel to be heard: a run is cancelled by
 * throwing from the report).
 */

/** The longest a run goes without a report, short of one uninterrupted step. */
export const REPORT_EVERY_MS = 100;

/**
 * A "still working" call from a stretch of work that cannot report a share itself (checking,
 * building the board, the summary): every ACCOUNTS_PER_BEAT accounts, a few milliseconds.
 */
export type Beat = () => void;
export const noBeat: Beat = () => undefined;
export const ACCOUNTS_PER_BEAT = 4096;

/** Milliseconds from some fixed start (tests of the reporter pass their own). */
export type Clock = () => number;

const systemClock: Clock = () => globalThis.performance.now();

export interface Progress {
  /** Reports `done` (the share of the work done, 0–1) now. */
  report(done: number): void;
  /** Reports `done` if REPORT_EVERY_MS have passed since the last report. */
  tick(done: number): void;
}

export function progressReporter(
  onProgress: (done: number) => void,
  clock: Clock = systemClock
): Progress {
  let last = clock();
  const report = (done: number) => {
    last = clock();
    onProgress(done);
  };
  return {
    report,
    tick: (done) => {
      if (clock() - last >= REPORT_EVERY_MS) report(done);
    },
  };
}
