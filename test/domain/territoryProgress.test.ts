/**
 * The pane's progress bar and Cancel on a 100,000-account run: the engine reports at least
 * every half second (issue 18), and the worker forwards enough of those reports.
 *
 * The engine reports by time (progress.ts): its long loops look at the clock every few steps
 * and report once REPORT_EVERY_MS have passed. The reporters are checked here on a clock the
 * test moves, exactly; the largest real gap on the 100,000-account board is a measurement,
 * printed by `npm run bench` (bench/territory.bench.ts), never a timed assertion.
 */
import { balanceTerritories } from "../../src/domain/territory";
import { progressReporter, REPORT_EVERY_MS } from "../../src/domain/territory/progress";
import { POST_EVERY_MS, progressPosts } from "../../src/taskpane/territories/progressPosts";
import { territoryInstance } from "../support/territoryInstance";

/** A clock the test moves by hand. */
function handClock() {
  let now = 0;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

describe("progress on a large board", () => {
  it("only moves forward and ends full", () => {
    // Above 5,000 accounts the engine takes its large-board path, as the 100,000 one does.
    const instance = territoryInstance({ accounts: 8_000, reps: 60, seed: 2026, spread: 0.3 });
    const shares: number[] = [];
    const result = balanceTerritories({ ...instance, settings: {} }, (done) => shares.push(done));
    expect(result.ok).toBe(true);
    expect(shares.length).toBeGreaterThan(2);
    expect(shares.every((s, i) => i === 0 || s >= shares[i - 1])).toBe(true);
    expect(shares.at(-1)).toBe(1);
  });
});

describe("the engine's reporter", () => {
  it("reports milestones at once and, in between, only once REPORT_EVERY_MS have passed", () => {
    const clock = handClock();
    const seen: number[] = [];
    const progress = progressReporter((done) => seen.push(done), clock.read);
    progress.report(0.1);
    clock.advance(REPORT_EVERY_MS - 1);
    progress.tick(0.2);
    expect(seen).toEqual([0.1]);
    clock.advance(1);
    progress.tick(0.3);
    progress.tick(0.4);
    expect(seen).toEqual([0.1, 0.3]);
    progress.report(0.5);
    expect(seen).toEqual([0.1, 0.3, 0.5]);
  });
});

describe("the worker's posts", () => {
  it("sends each percent, the end, and a share that creeps at least every POST_EVERY_MS", () => {
    const clock = handClock();
    const posted: number[] = [];
    const filter = progressPosts((done) => posted.push(done), clock.read);
    filter(0.3);
    filter(0.305); // less than a percent, at once: held back
    clock.advance(POST_EVERY_MS - 1);
    filter(0.306);
    expect(posted).toEqual([0.3]);
    clock.advance(1);
    filter(0.307); // still less than a percent, but the pane has waited long enough
    filter(0.317); // a percent more
    filter(1);
    expect(posted).toEqual([0.3, 0.307, 0.317, 1]);
  });
});
