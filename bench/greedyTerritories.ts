/**
 * The plain greedy baseline the territory benchmark compares the engine against: largest
 * account to the lightest eligible rep per FTE, no continuity. It is not offered to users
 * (it ignores current owners, the tolerance band and the accounts cap), so it lives here, not
 * in src.
 */
import { type Outcome } from "../src/domain/outcome";
import {
  type TerritoryInput,
  type TerritoryResult,
  validateTerritoryInput,
} from "../src/domain/territory";
import { Board } from "../src/domain/territory/board";
import { summarise } from "../src/domain/territory/summary";

export function greedyTerritories(input: TerritoryInput): Outcome<TerritoryResult> {
  const issues = validateTerritoryInput(input);
  if (issues.length > 0) return { ok: false, issues };
  const board = new Board({ ...input, settings: { ...input.settings, maxMovedShare: 1 } });
  const pending: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    if (board.locked[a]) board.assign(a, board.original[a]);
    else if (board.eligible[board.cell[a]].length > 0) pending.push(a);
  }
  pending.sort((x, y) => board.load[y] - board.load[x]);
  for (const a of pending) {
    const reps = board.eligible[board.cell[a]];
    let best = reps[0];
    for (let j = 1; j < reps.length; j++) {
      const r = reps[j];
      if (
        board.repLoad[r] / board.reps[r].capacity <
        board.repLoad[best] / board.reps[best].capacity
      )
        best = r;
    }
    board.assign(a, best);
  }
  return { ok: true, value: summarise(board) };
}
