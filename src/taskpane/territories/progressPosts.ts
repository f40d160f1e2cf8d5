/**
 * Which of the engine's progress reports a worker posts to the pane: one per percent the bar
 * can show, the last one, and at least one every POST_EVERY_MS even when the share creeps
 * (a long repair pass advances it by less than a percent a second), so the pane always knows
 * the run is alive.
 */

/** The longest a worker stays silent while the engine reports (the engine: progress.ts). */
export const POST_EVERY_MS = 200;

/** A filter over the engine's reports that calls `post` for those worth sending. */
export function progressPosts(
  post: (done: number) => void,
  clock: () => number = () => globalThis.performance.now()
): (done: number) => void {
  let shown = -1;
  let at = -Infinity;
  return (done) => {
    const now = clock();
    if (done - shown >= 0.01 || done === 1 || now - at >= POST_EVERY_MS) {
      shown = done;
      at = now;
      post(done);
    }
  };
}
