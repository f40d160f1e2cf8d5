/**
 * A balancing run from start to end. Each rep gets a share of the load (potential,
 * optionally blended with workload) in proportion to capacity, among the reps the routing
 * rule allows, while accounts stay with their current owners unless moving them is needed
 * for balance and the continuity budget allows it.
 */
import type { Outcome } from "../outcome";
import { Board } from "./board";
import { boundOfBoard } from "./bound";
import {
  evenOut,
  keepCurrentOwners,
  placeLargestFirst,
  reduceLargestDeviation,
  shedExcess,
} from "./passes";
import { progressReporter } from "./progress";
import { sendHome } from "./sendHome";
import { summarise } from "./summary";
import {
  CLOSE_ENOUGH_TO_FLOOR,
  IMPROVEMENT_EPSILON,
  PAIR_SWAP_MAX_ACCOUNTS,
  REPAIR_ROUNDS_LARGE_BOARD,
  REPAIR_ROUNDS_SMALL_BOARD,
  SMALL_BOARD_ACCOUNTS,
} from "./tuning";
import type { TerritoryInput, TerritoryResult } from "./types";
import { validateTerritoryInput } from "./validation";

/** Progress once the input is checked, the board built, the floor found and every account placed. */
const PROGRESS_CHECKED = 0.05;
const PROGRESS_BOARD = 0.1;
const PROGRESS_BOUND = 0.25;
const PROGRESS_PLACED = 0.3;
/** The repair rounds' share of the progress bar; the rest is the summary. */
const PROGRESS_REPAIR_SHARE = 0.65;

/** Checks the input, then balances. Every account ends up assigned exactly once or listed as unassigned with a reason. */
export function balanceTerritories(
  input: TerritoryInput,
  /**
   * Told the share of the work done, at least every REPORT_EVERY_MS (progress.ts); a run is
   * cancelled by throwing from it.
   */
  onProgress: (done: number) => void = () => undefined
): Outcome<TerritoryResult> {
  const progress = progressReporter(onProgress);
  const issues = validateTerritoryInput(input, () => progress.tick(0));
  if (issues.length > 0) return { ok: false, issues };
  progress.report(PROGRESS_CHECKED);
  const board = new Board(input, () => progress.tick(PROGRESS_CHECKED));
  progress.report(PROGRESS_BOARD);
  const band = input.settings?.toleranceBand ?? 0;
  // Before any pass moves an account: the floor depends only on routing, locks and capacities,
  // and sharing the board spares building a second one.
  const deviationBound = boundOfBoard(board, band, () => progress.tick(PROGRESS_BOARD));
  progress.report(PROGRESS_BOUND);
  const pending = keepCurrentOwners(board);
  progress.tick(PROGRESS_BOUND);
  placeLargestFirst(board, pending.concat(shedExcess(board, band)));
  progress.report(PROGRESS_PLACED);

  // Repair the largest deviations; when they stall, even out the rest (which frees room
  // for the stuck rep through chains of moves) and try again.
  const rounds =
    board.accounts.length <= SMALL_BOARD_ACCOUNTS
      ? REPAIR_ROUNDS_SMALL_BOARD
      : REPAIR_ROUNDS_LARGE_BOARD;
  const withPairSwaps = board.accounts.length <= PAIR_SWAP_MAX_ACCOUNTS;
  // Large boards stop near the floor; small ones search on, which costs little there.
  const enough =
    board.accounts.length > SMALL_BOARD_ACCOUNTS
      ? deviationBound.lowestPossibleDeviation + CLOSE_ENOUGH_TO_FLOOR
      : -Infinity;
  const progressAt = (roundsDone: number) =>
    PROGRESS_PLACED + (PROGRESS_REPAIR_SHARE * roundsDone) / rounds;
  let before = Infinity;
  // The owners before the last evening out: its moves are for the next repair, and undone
  // when that repair does not lower the largest deviation (they would cost continuity for nothing).
  let evenedFrom: Int32Array | undefined;
  for (let round = 0; round < rounds; round++) {
    // Long passes say they are still working (and so can be cancelled) as they go.
    const start = progressAt(round);
    const half = PROGRESS_REPAIR_SHARE / rounds / 2;
    reduceLargestDeviation(board, band, (share) => progress.tick(start + half * share), enough);
    progress.report(progressAt(round + 0.5));
    let now = board.maxDeviation();
    const evened = evenedFrom;
    evenedFrom = undefined;
    if (evened && now >= before) {
      restoreOwners(board, evened);
      now = before;
    }
    if ((band > 0 && now <= band) || now <= enough) break;
    // A round that did not lower the largest deviation leaves the next one nothing new to try.
    if (now >= before - IMPROVEMENT_EPSILON) break;
    before = now;
    evenedFrom = Int32Array.from(board.owner);
    const middle = start + half;
    if (!evenOut(board, withPairSwaps, (share) => progress.tick(middle + half * share))) break;
    progress.report(progressAt(round + 1));
  }
  // The last round's evening out, when no repair followed it.
  if (evenedFrom && board.maxDeviation() >= before) restoreOwners(board, evenedFrom);
  const finished = progressAt(rounds);
  sendHome(board, band, () => progress.tick(finished));
  const result = summarise(board, () => progress.tick(finished));
  progress.report(1);
  return { ok: true, value: { ...result, deviationBound } };
}

/** Gives every account back the owner it had in `owners` (the board's owners at some earlier point). */
function restoreOwners(board: Board, owners: Int32Array): void {
  for (let a = 0; a < owners.length; a++) {
    if (board.owner[a] === owners[a]) continue;
    if (owners[a] < 0) board.release(a);
    else board.assign(a, owners[a]);
  }
}
