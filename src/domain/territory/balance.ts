/**
 * A balancing run from start to end. Each rep gets a share of the load (potential,
 * optionally blended with workload) in proportion to capacity, among the reps the routing
 * rule allows, while accounts stay with their current owners unless moving them is needed
 * for balance and the continuity budget allows it.
 */
import type { Outcome } from "../outcome";
import { Board } from "./board";
import { boundOfBoard } from "./bound";
import { evenOut, keepCurrentOwners, placeLargestFirst, reduceLargestDeviation } from "./passes";
import { summarise } from "./summary";
import {
  IMPROVEMENT_EPSILON,
  PAIR_SWAP_MAX_ACCOUNTS,
  REPAIR_ROUNDS_LARGE_BOARD,
  REPAIR_ROUNDS_SMALL_BOARD,
  SMALL_BOARD_ACCOUNTS,
} from "./tuning";
import type { TerritoryInput, TerritoryResult } from "./types";
import { validateTerritoryInput } from "./validation";

/** Progress once the input is checked, and once every account is placed. */
const PROGRESS_CHECKED = 0.05;
const PROGRESS_PLACED = 0.3;
/** The repair rounds' share of the progress bar; the rest is the summary. */
const PROGRESS_REPAIR_SHARE = 0.65;

/** Checks the input, then balances. Every account ends up assigned exactly once or listed as unassigned with a reason. */
export function balanceTerritories(
  input: TerritoryInput,
  /** Told the share of the work done; a run is cancelled by throwing from it. */
  onProgress: (done: number) => void = () => undefined
): Outcome<TerritoryResult> {
  const issues = validateTerritoryInput(input);
  if (issues.length > 0) return { ok: false, issues };
  onProgress(PROGRESS_CHECKED);
  const board = new Board(input);
  const band = input.settings?.toleranceBand ?? 0;
  // Before any pass moves an account: the floor depends only on routing, locks and capacities,
  // and sharing the board spares building a second one.
  const deviationBound = boundOfBoard(board, band);
  placeLargestFirst(board, keepCurrentOwners(board));
  onProgress(PROGRESS_PLACED);

  // Repair the largest deviations; when they stall, even out the rest (which frees room
  // for the stuck rep through chains of moves) and try again.
  const rounds =
    board.accounts.length <= SMALL_BOARD_ACCOUNTS
      ? REPAIR_ROUNDS_SMALL_BOARD
      : REPAIR_ROUNDS_LARGE_BOARD;
  const withPairSwaps = board.accounts.length <= PAIR_SWAP_MAX_ACCOUNTS;
  const progressAt = (roundsDone: number) =>
    PROGRESS_PLACED + (PROGRESS_REPAIR_SHARE * roundsDone) / rounds;
  let before = Infinity;
  for (let round = 0; round < rounds; round++) {
    // Long passes say they are still working (and so can be cancelled) as they go.
    const start = progressAt(round);
    const half = PROGRESS_REPAIR_SHARE / rounds / 2;
    reduceLargestDeviation(board, band, (share) => onProgress(start + half * share));
    onProgress(progressAt(round + 0.5));
    const now = board.maxDeviation();
    if (band > 0 && now <= band) break;
    // A round that did not lower the largest deviation leaves the next one nothing new to try.
    if (now >= before - IMPROVEMENT_EPSILON) break;
    before = now;
    const middle = start + half;
    if (!evenOut(board, withPairSwaps, (share) => onProgress(middle + half * share))) break;
    onProgress(progressAt(round + 1));
  }
  const result = summarise(board);
  onProgress(1);
  return { ok: true, value: { ...result, deviationBound } };
}
