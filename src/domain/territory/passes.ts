/**
 * The passes of a balancing run, in the order it makes them: keep each account with its
 * current owner where it may stay; place the rest largest-first; then, in rounds, repair the
 * largest deviation move by move and even out the rest (see balance.ts).
 *
 * A long pass calls `beat` with the share of its work done, now and then, so a run can show
 * progress and be cancelled (by throwing from it).
 */
import type { Board } from "./board";
import { bestMove, bestSwap, bestSwapAlongside, bestTwoForOne } from "./moves";
import {
  IMPROVEMENT_EPSILON,
  REPAIR_STEPS_MIN,
  REPAIR_STEPS_PER_ACCOUNT,
  EVEN_OUT_RECEIVERS,
  SMALL_BOARD_ACCOUNTS,
  SWAP_ALL_PARTNERS_MAX_REPS,
  SWAP_PARTNERS,
} from "./tuning";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs } = Math;

/**
 * How many steps of a repair pass between two "still working" calls (which look at the clock
 * and report when it is time, progress.ts). A step on a large board can search a few thousand
 * moves (a fraction of a millisecond), so a few steps.
 */
const BEAT_EVERY = 8;

/** Evening out beats per account; an account's step is far cheaper than a repair step, so less often. */
const EVEN_OUT_BEAT_EVERY = 64 * BEAT_EVERY;

/** The smallest fall of Σ (load − target)² ÷ target that evening out takes (its terms are tiny). */
const MIN_SPREAD_GAIN = 1e-15;

/**
 * Each account stays with its current owner, when locked to it or (for continuity) when the
 * owner may cover it, while the owner has room. Returns the accounts still to place: those
 * left over that some rep may own.
 */
export function keepCurrentOwners(board: Board): number[] {
  const pending: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    if (board.original[a] >= 0 && board.repCount[board.original[a]] < board.maxAccounts)
      board.assign(a, board.original[a]);
    else if (board.eligible[board.cell[a]].length > 0) pending.push(a);
  }
  return pending;
}

/**
 * On a large board, a rep that keeps more than (1 + band) × its target gives back its largest
 * unlocked accounts until it no longer does: the fewest accounts that bring it down, which the
 * repair pass would otherwise move one search at a time (thousands of searches on 100,000
 * accounts). Returns them, to be placed with the rest. Only when the continuity budget covers
 * every rep's excess; otherwise nothing, and the repair pass decides where the few moves
 * allowed do most good. Small boards leave it all to the repair pass, which is cheap there and
 * picks each move knowing every other.
 */
export function shedExcess(board: Board, band: number): number[] {
  const shed: number[] = [];
  if (board.accounts.length <= SMALL_BOARD_ACCOUNTS) return shed;
  const byLoad = (x: number, y: number) => board.load[y] - board.load[x] || x - y;
  for (let r = 0; r < board.reps.length; r++) {
    const ceiling = (1 + band) * board.target[r];
    if (!(board.target[r] > 0) || board.repLoad[r] <= ceiling) continue;
    const mine = Array.from(board.members[r].subarray(0, board.memberCount[r]))
      .filter((a) => !board.locked[a])
      .sort(byLoad);
    let load = board.repLoad[r];
    for (let k = 0; k < mine.length && load > ceiling; k++) {
      shed.push(mine[k]);
      load -= board.load[mine[k]];
    }
  }
  if (shed.length > board.moveBudget - board.moved) return [];
  for (const a of shed) board.release(a);
  return shed;
}

/**
 * Largest first, each to the eligible rep whose load after taking it is lowest relative to
 * target; an account every eligible rep is too full for is listed as unassigned.
 */
export function placeLargestFirst(board: Board, pending: number[]): void {
  pending.sort((x, y) => board.load[y] - board.load[x]);
  for (const a of pending) {
    const reps = board.eligible[board.cell[a]];
    let best = -1;
    let bestRatio = Infinity;
    for (let j = 0; j < reps.length; j++) {
      const r = reps[j];
      if (board.repCount[r] >= board.maxAccounts) continue;
      const ratio = (board.repLoad[r] + board.load[a]) / board.target[r];
      if (ratio < bestRatio) {
        bestRatio = ratio;
        best = r;
      }
    }
    if (best >= 0) board.assign(a, best);
    else
      board.unassigned.push({
        accountId: board.accounts[a].id,
        reason: `every eligible rep already has the maximum of ${board.maxAccounts} accounts`,
      });
  }
}

/**
 * The rep furthest outside the band repeatedly gets the move (or swap, or two-for-one) that
 * most reduces the pair's larger deviation, until no rep outside the band can improve.
 */
export function reduceLargestDeviation(
  board: Board,
  band: number,
  beat: (share: number) => void,
  /** Stop once no rep still searching is further from target than this (−∞: never). */
  enough = -Infinity
): void {
  const limit = REPAIR_STEPS_PER_ACCOUNT * board.accounts.length + REPAIR_STEPS_MIN;
  const stuck = new Uint8Array(board.reps.length);
  for (let step = 0; step < limit; step++) {
    // `limit` bounds the pass; it usually ends far sooner, so the share only ever creeps.
    if (step % BEAT_EVERY === BEAT_EVERY - 1) beat(step / limit);
    let worst = -1;
    let worstDeviation = band;
    for (let r = 0; r < board.reps.length; r++) {
      const d = abs(board.deviation(r));
      if (board.target[r] > 0 && !stuck[r] && d > worstDeviation + IMPROVEMENT_EPSILON) {
        worst = r;
        worstDeviation = d;
      }
    }
    if (worst < 0 || worstDeviation <= enough) return;
    const small = board.accounts.length <= SMALL_BOARD_ACCOUNTS;
    const move =
      bestMove(board, worst) ??
      bestSwap(
        board,
        worst,
        board.reps.length <= SWAP_ALL_PARTNERS_MAX_REPS ? board.reps.length : SWAP_PARTNERS
      ) ??
      (small ? bestTwoForOne(board, worst) : bestSwapAlongside(board, worst));
    if (!move) {
      // The furthest rep cannot improve, so the largest deviation cannot fall further now.
      if (band === 0) return;
      stuck[worst] = 1;
      continue;
    }
    const from = board.owner[move.account];
    if (move.swapWith >= 0) board.assign(move.swapWith, from);
    if (move.alsoSwap !== undefined) board.assign(move.alsoSwap, from);
    board.assign(move.account, move.to);
    // Only the two reps whose loads changed can have new moves; the others stay stuck, which
    // keeps a board whose routing rules out balance from re-searching every rep after each move.
    stuck[from] = 0;
    stuck[move.to] = 0;
  }
}

/**
 * What evening out weighs: a rep's squared gap to target per unit of target with `extra` load,
 * and whether that load keeps the rep within the largest deviation already reached.
 */
function evenOutMeasures(board: Board, ceiling: number) {
  return {
    spread: (r: number, extra: number) => {
      const gap = board.repLoad[r] + extra - board.target[r];
      return (gap * gap) / board.target[r];
    },
    fits: (r: number, extra: number) => abs(board.deviation(r, extra)) <= ceiling,
  };
}

/**
 * One pass of moves (and, on small boards, swaps) that lower Σ (load − target)² ÷ target
 * without raising the largest deviation. Returns whether anything changed.
 */
export function evenOut(board: Board, withSwaps: boolean, beat: (share: number) => void): boolean {
  if (board.accounts.length > SMALL_BOARD_ACCOUNTS) return evenOutLarge(board, beat);
  const ceiling = board.maxDeviation() + IMPROVEMENT_EPSILON;
  const repCount = board.reps.length;
  const { spread, fits } = evenOutMeasures(board, ceiling);
  let changed = false;
  for (let a = 0; a < board.accounts.length; a++) {
    if (a % EVEN_OUT_BEAT_EVERY === EVEN_OUT_BEAT_EVERY - 1) beat(a / board.accounts.length);
    const r = board.owner[a];
    if (r < 0 || board.locked[a] || board.target[r] === 0) continue;
    const x = board.load[a];
    const reps = board.eligible[board.cell[a]];
    let bestGain = MIN_SPREAD_GAIN;
    let bestRep = -1;
    for (let j = 0; j < reps.length; j++) {
      const s = reps[j];
      if (s === r || board.repCount[s] >= board.maxAccounts) continue;
      if (board.moved + board.moveCost(a, s) > board.moveBudget || !fits(r, -x) || !fits(s, x))
        continue;
      const gain = spread(r, 0) + spread(s, 0) - spread(r, -x) - spread(s, x);
      if (gain > bestGain) {
        bestGain = gain;
        bestRep = s;
      }
    }
    if (bestRep >= 0) {
      board.assign(a, bestRep);
      changed = true;
    }
  }
  if (!withSwaps) return changed;
  for (let a = 0; a < board.accounts.length; a++) {
    // Each account is tried against every later one: a beat every few (still working).
    if (a % BEAT_EVERY === BEAT_EVERY - 1) beat(1);
    const r = board.owner[a];
    if (r < 0 || board.locked[a]) continue;
    for (let b = a + 1; b < board.accounts.length; b++) {
      const s = board.owner[b];
      if (s < 0 || s === r || board.locked[b]) continue;
      if (
        !board.eligibleFlag[board.cell[a] * repCount + s] ||
        !board.eligibleFlag[board.cell[b] * repCount + r]
      )
        continue;
      const delta = board.load[b] - board.load[a];
      if (board.moved + board.moveCost(a, s) + board.moveCost(b, r) > board.moveBudget) continue;
      if (!fits(r, delta) || !fits(s, -delta)) continue;
      if (spread(r, 0) + spread(s, 0) - spread(r, delta) - spread(s, -delta) > MIN_SPREAD_GAIN) {
        board.assign(a, s);
        board.assign(b, r);
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Evening out on a large board: the same moves, but each account is offered only to the
 * EVEN_OUT_RECEIVERS reps of its routing cell furthest below target (and back to its owner),
 * as the repair pass does. A cell's list is worked out again only after a move changes the
 * load of one of its reps, so a pass costs about one look per account instead of one per
 * eligible rep.
 */
function evenOutLarge(board: Board, beat: (share: number) => void): boolean {
  const ceiling = board.maxDeviation() + IMPROVEMENT_EPSILON;
  const cells = board.eligible.length;
  const { spread, fits } = evenOutMeasures(board, ceiling);
  const cellsOf = cellsOfReps(board);
  const receivers = new Int32Array(cells * EVEN_OUT_RECEIVERS);
  const receiverCount = new Int32Array(cells);
  const stale = new Uint8Array(cells).fill(1);
  const keys = new Float64Array(EVEN_OUT_RECEIVERS);
  const refresh = (c: number) => {
    stale[c] = 0;
    const reps = board.eligible[c];
    const base = c * EVEN_OUT_RECEIVERS;
    let count = 0;
    for (let j = 0; j < reps.length; j++) {
      const s = reps[j];
      if (board.repCount[s] >= board.maxAccounts || !(board.target[s] > 0)) continue;
      const key = board.deviation(s);
      if (count === EVEN_OUT_RECEIVERS && key >= keys[count - 1]) continue;
      let at = count < EVEN_OUT_RECEIVERS ? count++ : count - 1;
      while (at > 0 && keys[at - 1] > key) {
        keys[at] = keys[at - 1];
        receivers[base + at] = receivers[base + at - 1];
        at--;
      }
      keys[at] = key;
      receivers[base + at] = s;
    }
    receiverCount[c] = count;
  };
  const touch = (r: number) => {
    const list = cellsOf[r];
    for (let k = 0; k < list.length; k++) stale[list[k]] = 1;
  };
  let changed = false;
  for (let a = 0; a < board.accounts.length; a++) {
    if (a % EVEN_OUT_BEAT_EVERY === EVEN_OUT_BEAT_EVERY - 1) beat(a / board.accounts.length);
    const r = board.owner[a];
    if (r < 0 || board.locked[a] || board.target[r] === 0) continue;
    const x = board.load[a];
    if (!fits(r, -x)) continue;
    const c = board.cell[a];
    if (stale[c]) refresh(c);
    const here = spread(r, 0) - spread(r, -x);
    let bestGain = MIN_SPREAD_GAIN;
    let bestRep = -1;
    const consider = (s: number) => {
      if (s === r || board.repCount[s] >= board.maxAccounts) return;
      if (board.moved + board.moveCost(a, s) > board.moveBudget || !fits(s, x)) return;
      const gain = here + spread(s, 0) - spread(s, x);
      if (gain > bestGain) {
        bestGain = gain;
        bestRep = s;
      }
    };
    const base = c * EVEN_OUT_RECEIVERS;
    for (let k = 0; k < receiverCount[c]; k++) consider(receivers[base + k]);
    const owner = board.original[a];
    if (owner >= 0) consider(owner);
    if (bestRep >= 0) {
      board.assign(a, bestRep);
      touch(r);
      touch(bestRep);
      changed = true;
    }
  }
  return changed;
}

/** The routing cells each rep may own accounts of. */
function cellsOfReps(board: Board): Int32Array[] {
  const lists: number[][] = board.reps.map(() => []);
  board.eligible.forEach((reps, c) => reps.forEach((r) => lists[r].push(c)));
  return lists.map((list) => Int32Array.from(list));
}
