/**
 * Refitting a region with few moves (part of sending accounts home, sendHome.ts, small boards
 * only). Where the routing pins a region's total load, every rep of it must end within a few
 * units of potential of the run's largest deviation, and the passes reach that by exact sums
 * built from whatever accounts came to hand, many of them moved. Sending those home one or two
 * at a time almost never keeps the sums exact. So the region is rebuilt instead, continuity
 * first: every account goes back to its current owner; each rep above its cap hands over the
 * fewest accounts that bring it within (largest first, the last one the smallest that
 * suffices); those and the accounts without an owner are placed largest first on the rep
 * lowest relative to target; then the sums are made exact by exchanges between two reps of
 * only those accounts (moving them again costs no continuity), each taking the most load back
 * within the caps. The rebuilt region is kept only if every rep ends within its cap and fewer
 * accounts are moved than before; otherwise it goes back as it was.
 */
import type { Board } from "./board";
import { placeLargestFirst } from "./passes";
import { bestExchange, makeExchange, outside, type Search } from "./sendHomeExchanges";
import { REFIT_PARTNERS, REFIT_SHED_ROUNDS, REFIT_SET_SIZE, REFIT_STEPS_PER_REP } from "./tuning";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs } = Math;

/** A gain below this share of a target is floating-point noise, not load taken back within the caps. */
const ROUNDING_NOISE = 1e-14;

/**
 * Exchanges that take the most load back within the caps, each tried when the one before
 * finds none that helps: among those that cost no continuity, with one more account each way
 * (slower, but the last units of a pinned region's sums often need it), then those that move
 * one account more.
 */
const REPAIRS: Search[] = [
  { maxCost: 0, strict: false, setSize: REFIT_SET_SIZE },
  { maxCost: 0, strict: false, setSize: REFIT_SET_SIZE + 1 },
  { maxCost: 1, strict: false, setSize: REFIT_SET_SIZE },
  { maxCost: 1, strict: false, setSize: REFIT_SET_SIZE + 1 },
];

/**
 * Refits each region (reps linked by the routing) that has accounts moved, keeping what
 * lowers their count; returns whether any region changed. `cap`, `fits` and `room` as in
 * exchangeHome; a board with a limit on accounts per rep is left as it is.
 */
export function refitRegions(
  board: Board,
  cap: Float64Array,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean,
  beat: () => void
): boolean {
  if (Number.isFinite(board.maxAccounts)) return false;
  let any = false;
  for (const reps of regions(board)) if (refit(board, reps, cap, fits, room, beat)) any = true;
  return any;
}

/** The reps in groups linked by the routing: a rep's accounts can only ever reach its own group. */
function regions(board: Board): number[][] {
  const parent = Int32Array.from(board.reps, (_, r) => r);
  const root = (r: number): number => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]];
    return r;
  };
  for (const list of board.eligible)
    for (let j = 1; j < list.length; j++) parent[root(list[j])] = root(list[0]);
  const groups = new Map<number, number[]>();
  board.reps.forEach((_, r) => {
    const group = groups.get(root(r));
    if (group) group.push(r);
    else groups.set(root(r), [r]);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}

function refit(
  board: Board,
  reps: number[],
  cap: Float64Array,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean,
  beat: () => void
): boolean {
  const inRegion = new Uint8Array(board.reps.length);
  for (const r of reps) inRegion[r] = 1;
  const accounts: number[] = [];
  // Accounts on (or owned by) a rep without a target stay out of it: such a rep is given
  // nothing back, and nothing new.
  const staffed = (r: number) => r < 0 || board.target[r] > 0;
  for (let a = 0; a < board.accounts.length; a++) {
    const r = board.owner[a];
    if (r >= 0 && inRegion[r] && !board.locked[a] && staffed(r) && staffed(board.original[a]))
      accounts.push(a);
  }
  const movedBefore = movedAmong(board, accounts);
  if (movedBefore === 0) return false;
  const before = accounts.map((a) => board.owner[a]);
  // Each way of shedding is tried from the same start; the one moving fewest is kept (the
  // later on a tie, which then needs no second assigning: loads are running sums, and
  // assigning again can shift them by a rounding error).
  let best: number[] | undefined;
  let fewest = movedBefore;
  const within = () =>
    reps.every((r) => !(board.target[r] > 0) || abs(board.deviation(r)) <= cap[r]);
  for (let k = 0; k < REFIT_SHED_ROUNDS.length; k++) {
    rebuild(board, reps, accounts, REFIT_SHED_ROUNDS[k], cap, fits, room, fewest, beat);
    const moved = movedAmong(board, accounts);
    const kept = within() && (moved < fewest || (best !== undefined && moved === fewest));
    if (kept && k === REFIT_SHED_ROUNDS.length - 1) return true;
    if (kept) {
      fewest = moved;
      best = accounts.map((a) => board.owner[a]);
    }
    accounts.forEach((a, i) => board.assign(a, before[i]));
  }
  if (!best) return false;
  accounts.forEach((a, i) => board.assign(a, best[i]));
  if (within()) return true;
  accounts.forEach((a, i) => board.assign(a, before[i]));
  return false;
}

/**
 * The region rebuilt from its current owners, with up to `rounds` rounds of shedding, and
 * repaired while it moves fewer than `movedBefore` accounts (whether every rep ends within
 * its cap is for the caller to check).
 */
function rebuild(
  board: Board,
  reps: number[],
  accounts: number[],
  rounds: number,
  cap: Float64Array,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean,
  movedBefore: number,
  beat: () => void
): void {
  const free: number[] = [];
  for (const a of accounts) {
    if (board.original[a] >= 0) board.assign(a, board.original[a]);
    else {
      board.release(a);
      free.push(a);
    }
  }
  // An account placed can push its new rep above its cap: that rep sheds in turn, of its own.
  let pending = free;
  for (let round = 0; round < rounds; round++) {
    for (const r of reps) shedToCap(board, r, cap[r], pending);
    if (pending.length === 0) break;
    // As the run first placed them: without an accounts limit (the refit's condition) each
    // goes to the eligible rep with a target lowest relative to it after taking it.
    placeLargestFirst(board, pending);
    pending = [];
  }
  // Each account moved beyond these is one the refit must save elsewhere.
  const spare = () => movedBefore - 1 - movedAmong(board, accounts);
  repair(board, reps, cap, fits, room, spare, beat);
}

/** How many of `accounts` are away from their current owner. */
function movedAmong(board: Board, accounts: number[]): number {
  let moved = 0;
  for (const a of accounts)
    if (board.original[a] >= 0 && board.owner[a] !== board.original[a]) moved++;
  return moved;
}

/**
 * Rep r, if above its cap, hands over the fewest of its own accounts (those it is the current
 * owner of) that bring it within: the largest while none suffices alone, then the smallest that
 * does (which leaves least to fill again). Accounts placed on it are left: handing them on
 * would only move the excess.
 */
function shedToCap(board: Board, r: number, cap: number, shed: number[]): void {
  const t = board.target[r];
  if (!(t > 0)) return;
  const ceiling = t * (1 + cap);
  const mine = Array.from(board.members[r].subarray(0, board.memberCount[r]))
    .filter((a) => !board.locked[a] && board.original[a] === r)
    .sort((x, y) => board.load[y] - board.load[x] || x - y);
  let end = mine.length;
  while (board.repLoad[r] > ceiling && end > 0) {
    const excess = board.repLoad[r] - ceiling;
    // mine[0 … end) is by load, largest first: the last one at least the excess suffices.
    let pick = 0;
    while (pick + 1 < end && board.load[mine[pick + 1]] >= excess) pick++;
    const a = mine[pick];
    mine.splice(pick, 1);
    end--;
    board.release(a);
    shed.push(a);
  }
}

/**
 * Brings the region's reps within their caps by exchanges that cost no continuity: the rep
 * furthest outside its cap exchanges with whichever of the REFIT_PARTNERS reps with most room
 * the other way takes the most load back within the two caps, until all are within or none
 * gains.
 */
function repair(
  board: Board,
  reps: number[],
  cap: Float64Array,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean,
  /** How many more accounts the repair may move. */
  spare: () => number,
  beat: () => void
): void {
  const stuck = new Uint8Array(board.reps.length);
  const away = (r: number) => outside(board, r, cap, board.repLoad[r]);
  const steps = REFIT_STEPS_PER_REP * reps.length;
  for (let step = 0; step < steps; step++) {
    beat();
    let worst = -1;
    let worstShare = 0;
    for (const r of reps) {
      const share = stuck[r] ? 0 : away(r) / board.target[r];
      if (share > worstShare) {
        worst = r;
        worstShare = share;
      }
    }
    if (worst < 0) return;
    // Above its cap it needs partners with room below theirs, and the other way round.
    const above = board.repLoad[worst] > board.target[worst];
    const slack = (q: number) => {
      const t = board.target[q];
      if (!(t > 0)) return Infinity;
      return above ? t * (1 + cap[q]) - board.repLoad[q] : board.repLoad[q] - t * (1 - cap[q]);
    };
    const partners = Array.from(board.donors[worst])
      .map((q) => ({ q, slack: slack(q) }))
      .sort((x, y) => y.slack - x.slack || x.q - y.q)
      .slice(0, REFIT_PARTNERS);
    let best;
    for (const search of REPAIRS) {
      if (search.maxCost > spare()) break;
      // The last exchanges of a pinned region gain next to nothing but are needed: any gain
      // above rounding noise counts (so the total outside the caps falls and this ends).
      let bestGain = ROUNDING_NOISE * board.target[worst];
      for (const { q } of partners) {
        beat();
        const exchange = bestExchange(board, worst, q, cap, search);
        if (!exchange) continue;
        const gain = away(worst) + away(q) - exchange.violation;
        if (gain > bestGain) {
          bestGain = gain;
          best = exchange;
        }
      }
      if (best) break;
    }
    if (best && makeExchange(board, best, fits, room)) stuck.fill(0);
    else stuck[worst] = 1;
  }
}
