/**
 * The search moves of the repair pass: for one rep, the best change of owner that lowers the
 * larger deviation of the two reps involved, within the continuity budget and the accounts
 * cap. A move gives one account away; a swap trades one for one; a two-for-one trades one
 * account for two (for a big account no single one can be exchanged for).
 */
import type { Board } from "./board";
import {
  DONORS_TO_PULL_FROM,
  IMPROVEMENT_EPSILON,
  RECEIVERS_PER_CELL,
  ALONGSIDE_PARTNERS,
  SMALL_BOARD_ACCOUNTS,
} from "./tuning";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs, max } = Math;

/** Small tie-break so that, among equally good moves, those that keep owners win. */
const CONTINUITY_TIE_BREAK = 1e-6;

/** A change of owner: `account` goes to rep `to`, and any `swapWith`/`alsoSwap` come back. */
export interface Move {
  score: number;
  account: number;
  to: number;
  /** Accounts that go the other way (to the rep `account` leaves): none, one (a swap) or two. */
  swapWith: number;
  alsoSwap?: number;
}

/** Up to `count` reps from `reps` (other than `except`, with room) furthest below target. */
function furthestBelow(board: Board, reps: Int32Array, except: number, count: number): number[] {
  return extremes(
    board,
    reps,
    count,
    1,
    (s) => s !== except && board.repCount[s] < board.maxAccounts
  );
}

/** Up to `count` reps from `reps` furthest above target. */
function furthestAbove(board: Board, reps: Int32Array, count: number): number[] {
  return extremes(board, reps, count, -1, () => true);
}

/**
 * The `count` reps with the lowest (direction 1) or highest (-1) deviation, in that order; ties
 * keep the order of `reps`, and of tied reps at the cut the earliest stay. This is the order a
 * stable sort of every candidate would give, kept in a short insertion-sorted list instead: a
 * cell can have hundreds of eligible reps and the search asks thousands of times.
 */
function extremes(
  board: Board,
  reps: Int32Array,
  count: number,
  direction: 1 | -1,
  allowed: (rep: number) => boolean
): number[] {
  const picked: number[] = [];
  const keys: number[] = [];
  for (let j = 0; j < reps.length; j++) {
    const s = reps[j];
    if (!allowed(s)) continue;
    const key = direction * board.deviation(s);
    if (picked.length === count && key >= keys[count - 1]) continue;
    let at = picked.length;
    while (at > 0 && keys[at - 1] > key) at--;
    picked.splice(at, 0, s);
    keys.splice(at, 0, key);
    if (picked.length > count) {
      picked.pop();
      keys.pop();
    }
  }
  return picked;
}

/** The best single move involving rep r (out of it when overloaded, into it when under). */
export function bestMove(board: Board, r: number): Move | undefined {
  // A change must lower the pair's larger deviation below r's own by more than noise.
  const toBeat = abs(board.deviation(r)) - IMPROVEMENT_EPSILON;
  let best: Move | undefined;
  const consider = (a: number, from: number, to: number) => {
    if (board.locked[a] || board.repCount[to] >= board.maxAccounts) return;
    const cost = board.moveCost(a, to);
    if (board.moved + cost > board.moveBudget) return;
    const x = board.load[a];
    const pair = max(abs(board.deviation(from, -x)), abs(board.deviation(to, x)));
    const score = pair + CONTINUITY_TIE_BREAK * cost;
    if (pair < toBeat && (!best || score < best.score))
      best = { score, account: a, to, swapWith: -1 };
  };
  // Small boards are searched exhaustively; on large ones each account is offered only to
  // the few furthest-below-target reps of its routing cell (and back to its owner), and a
  // rep below target pulls only from the few furthest above it (see tuning.ts): the same
  // moves win in practice, at a fraction of the cost.
  const exhaustive = board.accounts.length <= SMALL_BOARD_ACCOUNTS;
  const repCount = board.reps.length;
  if (board.deviation(r) > 0) {
    const list = board.members[r];
    const receivers = new Map<number, number[]>();
    for (let k = 0; k < board.memberCount[r]; k++) {
      const a = list[k];
      const reps = board.eligible[board.cell[a]];
      if (exhaustive) {
        for (let j = 0; j < reps.length; j++) if (reps[j] !== r) consider(a, r, reps[j]);
        continue;
      }
      let candidates = receivers.get(board.cell[a]);
      if (!candidates) {
        candidates = furthestBelow(board, reps, r, RECEIVERS_PER_CELL);
        receivers.set(board.cell[a], candidates);
      }
      for (const to of candidates) consider(a, r, to);
      const owner = board.original[a];
      if (owner >= 0 && owner !== r && !candidates.includes(owner)) consider(a, r, owner);
    }
  } else {
    // Pull: accounts of reps that share a routing cell with r.
    const donors = exhaustive
      ? board.donors[r]
      : furthestAbove(board, board.donors[r], DONORS_TO_PULL_FROM);
    for (const s of donors) {
      const list = board.members[s];
      for (let k = 0; k < board.memberCount[s]; k++) {
        const a = list[k];
        if (board.eligibleFlag[board.cell[a] * repCount + r]) consider(a, s, r);
      }
    }
  }
  return best;
}

/**
 * When neither a move nor a swap helps rep r: one account of r against two of another rep,
 * which evens out a big account no single account can be exchanged for. Small boards only.
 */
export function bestTwoForOne(board: Board, r: number): Move | undefined {
  // A change must lower the pair's larger deviation below r's own by more than noise.
  const toBeat = abs(board.deviation(r)) - IMPROVEMENT_EPSILON;
  const repCount = board.reps.length;
  let best: Move | undefined;
  const members = (rep: number) =>
    Array.from(board.members[rep].subarray(0, board.memberCount[rep])).filter(
      (a) => !board.locked[a]
    );
  const mine = members(r);
  for (let s = 0; s < repCount; s++) {
    if (s === r || board.target[s] === 0) continue;
    const theirs = members(s).filter((b) => board.eligibleFlag[board.cell[b] * repCount + r]);
    const single = mine.filter((a) => board.eligibleFlag[board.cell[a] * repCount + s]);
    // One of r's accounts goes to s, two of s's come back; and the mirror image.
    for (const [one, two, oneTo, twoTo] of [
      [single, theirs, s, r],
      [theirs, single, r, s],
    ] as const) {
      for (const a of one) {
        for (let i = 0; i < two.length; i++) {
          for (let j = i + 1; j < two.length; j++) {
            const b = two[i];
            const c = two[j];
            const gainTwoTo = board.load[a] - board.load[b] - board.load[c]; // change for the rep receiving a
            const pair = max(
              abs(board.deviation(oneTo, gainTwoTo)),
              abs(board.deviation(twoTo, -gainTwoTo))
            );
            const cost =
              board.moveCost(a, oneTo) + board.moveCost(b, twoTo) + board.moveCost(c, twoTo);
            if (
              board.moved + cost > board.moveBudget ||
              board.repCount[twoTo] + 1 > board.maxAccounts
            )
              continue;
            const score = pair + CONTINUITY_TIE_BREAK * cost;
            if (pair < toBeat && (!best || score < best.score))
              best = { score, account: a, to: oneTo, swapWith: b, alsoSwap: c };
          }
        }
      }
    }
  }
  return best;
}

/** When no single move helps rep r, the best swap of one of its accounts with another rep's. */
export function bestSwap(board: Board, r: number, partners: number): Move | undefined {
  // A change must lower the pair's larger deviation below r's own by more than noise.
  const toBeat = abs(board.deviation(r)) - IMPROVEMENT_EPSILON;
  const over = board.deviation(r) > 0;
  const others = Array.from({ length: board.reps.length }, (_, s) => s)
    .filter(
      (s) =>
        s !== r && board.target[s] > 0 && (over ? board.deviation(s) < 0 : board.deviation(s) > 0)
    )
    .sort((s, t) =>
      over ? board.deviation(s) - board.deviation(t) : board.deviation(t) - board.deviation(s)
    )
    .slice(0, partners);
  let best: Move | undefined;
  const mine = board.members[r];
  for (const s of others) {
    const theirs = board.members[s];
    for (let i = 0; i < board.memberCount[r]; i++) {
      const a = mine[i];
      if (board.locked[a] || !board.eligibleFlag[board.cell[a] * board.reps.length + s]) continue;
      for (let j = 0; j < board.memberCount[s]; j++) {
        const b = theirs[j];
        if (board.locked[b] || !board.eligibleFlag[board.cell[b] * board.reps.length + r]) continue;
        const delta = board.load[b] - board.load[a];
        if (over ? delta >= 0 : delta <= 0) continue;
        const cost = board.moveCost(a, s) + board.moveCost(b, r);
        if (board.moved + cost > board.moveBudget) continue;
        const pair = max(abs(board.deviation(r, delta)), abs(board.deviation(s, -delta)));
        const score = pair + CONTINUITY_TIE_BREAK * cost;
        if (pair < toBeat && (!best || score < best.score))
          best = { score, account: a, to: s, swapWith: b };
      }
    }
  }
  return best;
}

/**
 * Large boards, when neither a move nor a swap across target helps rep r: a swap with one of
 * the SWAP_PARTNERS reps sharing a routing cell with r that are furthest from it on the side
 * it should move towards, though on the same side of target. This is what evens out a set of
 * reps that must all be above (or all below) target, as the floor's binding set is: none of
 * them has a partner across target. For each of r's accounts the partner's account closest to
 * the exchange that would level the two reps is found by binary search over the partner's
 * accounts sorted by load, so a search costs a few thousand looks, not the square of the
 * accounts.
 */
export function bestSwapAlongside(board: Board, r: number): Move | undefined {
  const toBeat = abs(board.deviation(r)) - IMPROVEMENT_EPSILON;
  const here = board.deviation(r);
  const over = here > 0;
  const repCount = board.reps.length;
  const { load, locked, cell, eligibleFlag } = board;
  // Over: partners below r (direction 1 picks the lowest); under: above r.
  const partners = extremes(board, board.donors[r], ALONGSIDE_PARTNERS, over ? 1 : -1, (s) =>
    over ? board.deviation(s) < here : board.deviation(s) > here
  );
  const loadR = board.repLoad[r];
  const targetR = board.target[r];
  let best: Move | undefined;
  const mine = board.members[r];
  for (const s of partners) {
    const targetS = board.target[s];
    if (!(targetS > 0)) continue;
    const loadS = board.repLoad[s];
    const theirs = Array.from(board.members[s].subarray(0, board.memberCount[s])).filter(
      (b) => !locked[b] && eligibleFlag[cell[b] * repCount + r] === 1
    );
    if (theirs.length === 0) continue;
    theirs.sort((x, y) => load[x] - load[y] || x - y);
    const sorted = Float64Array.from(theirs, (b) => load[b]);
    // r's load changes by δ = load(b) − load(a); the pair is level at this δ.
    const level = (board.deviation(s) - here) / (1 / targetR + 1 / targetS);
    for (let i = 0; i < board.memberCount[r]; i++) {
      const a = mine[i];
      if (locked[a] || !eligibleFlag[cell[a] * repCount + s]) continue;
      const want = load[a] + level;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < want) lo = mid + 1;
        else hi = mid;
      }
      const last = lo + 2 < sorted.length ? lo + 2 : sorted.length;
      for (let k = lo > 2 ? lo - 2 : 0; k < last; k++) {
        const delta = sorted[k] - load[a];
        if (over ? delta >= 0 : delta <= 0) continue;
        const pair = max(
          abs((loadR + delta - targetR) / targetR),
          abs((loadS - delta - targetS) / targetS)
        );
        // A swap costs at most two moves back, so beyond this no tie-break can win.
        if (!(pair < toBeat) || (best && pair > best.score + 2 * CONTINUITY_TIE_BREAK)) continue;
        const b = theirs[k];
        const cost = board.moveCost(a, s) + board.moveCost(b, r);
        if (board.moved + cost > board.moveBudget) continue;
        const score = pair + CONTINUITY_TIE_BREAK * cost;
        if (!best || score < best.score) best = { score, account: a, to: s, swapWith: b };
      }
    }
  }
  return best;
}
