/**
 * Exchanges between two reps that leave fewer accounts moved (part of sending accounts home,
 * sendHome.ts): a set of accounts one rep holds goes to the other and a set the other holds
 * comes back, when together they send more accounts home than they take away, and both reps
 * stay within their caps (the run's final largest deviation, or the band for a rep inside it).
 *
 * Where the routing pins a region's total load, every rep of the region must end within a few
 * units of potential of the same deviation: the passes reach it by exact sums, and an account
 * going home alone, or with one companion, almost never lands within those few units. A set
 * of a few accounts each way (EXCHANGE_SET_SIZE) can: "return two, send one" (two moved
 * accounts go home and one account of their home goes to the rep that held them), or one
 * goes home while accounts without an owner (or away from theirs anyway) move between the two
 * reps to make the sum exact. The search meets in the middle: each side's sets sorted by load,
 * and for each set of one side a binary search for a set of the other that the caps allow.
 * The refit (sendHomeRefit.ts) uses the same search, to bring reps back within their caps.
 */
import type { Board } from "./board";
import {
  EXCHANGE_CHEAP_ACCOUNTS,
  EXCHANGE_DEAR_ACCOUNTS,
  EXCHANGE_DEAR_COMPANIONS,
  EXCHANGE_ROUNDS,
  EXCHANGE_SET_SIZE,
} from "./tuning";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { max, min } = Math;

/**
 * A cap is narrowed by this share of the target (or half the cap, when smaller: a cap of 0
 * stays a window of one point), so that float rounding in a search's window seldom admits a
 * move `fits` refuses; each exchange is still checked with `fits` before it is made.
 */
const WINDOW_MARGIN = 1e-12;

/** The lowest and highest load rep r may end at, narrowed by the margin (−∞…∞ without a target). */
function bounds(board: Board, r: number, cap: Float64Array): [number, number] {
  const t = board.target[r];
  if (!(t > 0)) return [-Infinity, Infinity];
  const narrowed = cap[r] - min(WINDOW_MARGIN, cap[r] / 2);
  return [t * (1 - narrowed), t * (1 + narrowed)];
}

/**
 * The sets of accounts one rep may hand to another: their load, their continuity cost (the
 * sum of each account's moveCost, from −slots when all go home to +1 when one leaves home)
 * and their accounts, grouped by cost and sorted by load.
 */
export class Sets {
  readonly sums: number[] = [];
  readonly costs: number[] = [];
  /** `slots` accounts per set, −1 when unused. */
  readonly members: number[] = [];
  /** For each cost (cost + slots): its sets' indices and loads, by load. */
  byCost: Int32Array[] = [];
  sortedSums: Float64Array[] = [];

  constructor(readonly slots: number) {}

  add(sum: number, cost: number, accounts: readonly number[]): void {
    this.sums.push(sum);
    this.costs.push(cost);
    for (let k = 0; k < this.slots; k++) this.members.push(k < accounts.length ? accounts[k] : -1);
  }

  index(): void {
    const classes: number[][] = Array.from({ length: this.slots + 2 }, () => []);
    for (let i = 0; i < this.sums.length; i++) classes[this.costs[i] + this.slots].push(i);
    this.byCost = classes.map((list) =>
      Int32Array.from(list.sort((x, y) => this.sums[x] - this.sums[y]))
    );
    this.sortedSums = this.byCost.map((list) => Float64Array.from(list, (i) => this.sums[i]));
  }

  size(i: number): number {
    let n = 0;
    for (let k = 0; k < this.slots; k++) if (this.members[i * this.slots + k] >= 0) n++;
    return n;
  }
}

/** An exchange between two reps: a set each way. */
export interface Exchange {
  r: number;
  s: number;
  /** The sets of r's accounts that may go to s and of s's that may go to r, and the chosen one of each. */
  give: Sets;
  take: Sets;
  g: number;
  t: number;
  cost: number;
  /** Load outside the two reps' caps after it (0 when both are within them). */
  violation: number;
  accounts: number;
  /** Σ (load − target)² ÷ target over the two reps after it. */
  spread: number;
}

/**
 * What a search looks for: the highest continuity cost, whether both reps must end within
 * their caps, and up to how many accounts go each way.
 */
export interface Search {
  maxCost: number;
  strict: boolean;
  setSize: number;
}

/**
 * Makes exchanges between pairs of reps, each lowering the count of moved accounts, until
 * none is left (or EXCHANGE_ROUNDS rounds); returns whether it made any. `fits(r, extra)`
 * says whether rep r may take `extra` more load, `room(r, extra)` whether it may hold `extra`
 * more accounts; `cap[r]` is the largest |deviation| rep r may end at (what `fits` checks).
 */
export function exchangeHome(
  board: Board,
  cap: Float64Array,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean,
  beat: () => void
): boolean {
  const search: Search = { maxCost: -1, strict: true, setSize: EXCHANGE_SET_SIZE };
  let any = false;
  for (let round = 0; round < EXCHANGE_ROUNDS; round++) {
    let changed = false;
    for (const [r, s] of pairsWithAccountsAway(board)) {
      beat();
      // Again while it gains: the pair's loads changed, and its sets with them.
      for (;;) {
        const found = bestExchange(board, r, s, cap, search);
        if (!found || !makeExchange(board, found, fits, room)) break;
        changed = true;
      }
    }
    if (!changed) break;
    any = true;
  }
  return any;
}

/**
 * Makes the exchange, if both reps have room for it and, when it leaves both within their
 * caps, `fits` agrees (a search's window is only as exact as floating point); returns whether
 * it did.
 */
export function makeExchange(
  board: Board,
  { r, s, give, take, g, t, violation }: Exchange,
  fits: (r: number, extra: number) => boolean,
  room: (r: number, extra: number) => boolean
): boolean {
  const d = give.sums[g] - take.sums[t];
  const gained = give.size(g) - take.size(t);
  if (violation === 0 && (!fits(r, -d) || !fits(s, d))) return false;
  if (!room(s, gained) || !room(r, -gained)) return false;
  for (let k = 0; k < give.slots; k++) {
    const a = give.members[g * give.slots + k];
    if (a >= 0) board.assign(a, s);
  }
  for (let k = 0; k < take.slots; k++) {
    const b = take.members[t * take.slots + k];
    if (b >= 0) board.assign(b, r);
  }
  return true;
}

/** Load outside rep r's cap (narrowed by a rounding margin) at load `load`: 0 within it. */
export function outside(board: Board, r: number, cap: Float64Array, load: number): number {
  const [lowest, highest] = bounds(board, r, cap);
  return max(0, load - highest, lowest - load);
}

/**
 * The best exchange between reps r and s within the search's cost, or none. Strict: both reps
 * end within their caps, and the fewest moved after it comes first. Otherwise the load left
 * outside the two reps' caps comes first, then the cost. Then the fewest accounts changing
 * hands, then the two reps nearest their targets (Σ (load − target)² ÷ target).
 */
export function bestExchange(
  board: Board,
  r: number,
  s: number,
  cap: Float64Array,
  { maxCost, strict, setSize }: Search
): Exchange | undefined {
  const homeFromR = homewardCount(board, r, s);
  const homeFromS = homewardCount(board, s, r);
  if (maxCost < 0 && homeFromR + homeFromS === 0) return undefined;
  // A set with an account leaving home costs +1, or 0 with one going home: only worth
  // building when the other side can send enough home to pay for it.
  const dearFor = (mine: number, theirs: number) =>
    1 - (mine > 0 ? 1 : 0) - min(theirs, setSize) <= maxCost;
  const give = setsFrom(board, r, s, setSize, dearFor(homeFromR, homeFromS));
  const take = setsFrom(board, s, r, setSize, dearFor(homeFromS, homeFromR));
  // d = load going r → s, net; `low`…`high` keeps both reps within their caps.
  const [tr, ts] = [board.target[r], board.target[s]];
  const [lr, ls] = [board.repLoad[r], board.repLoad[s]];
  const [lowestR, highestR] = bounds(board, r, cap);
  const [lowestS, highestS] = bounds(board, s, cap);
  const low = max(lr - highestR, lowestS - ls);
  const high = min(lr - lowestR, highestS - ls);
  if (strict && !(low <= high)) return undefined;
  // The d that evens the two out most: Σ (load − target)² ÷ target is least there. The load
  // outside the caps is convex in d, least between `low` and `high` (or between them when they cross).
  const ideal =
    tr > 0 && ts > 0
      ? (ts * (lr - tr) - tr * (ls - ts)) / (tr + ts)
      : tr > 0
        ? lr - tr
        : ts > 0
          ? ts - ls
          : 0;
  const aimD = low <= high ? min(high, max(low, ideal)) : min(low, max(high, ideal));
  const spreadAt = (d: number) =>
    (tr > 0 ? (lr - d - tr) ** 2 / tr : 0) + (ts > 0 ? (ls + d - ts) ** 2 / ts : 0);
  const violationAt = (d: number) =>
    outside(board, r, cap, lr - d) + outside(board, s, cap, ls + d);
  let best: Exchange | undefined;
  const better = (cost: number, violation: number, accounts: number, spread: number) => {
    if (!best) return true;
    if (!strict && violation !== best.violation) return violation < best.violation;
    if (cost !== best.cost) return cost < best.cost;
    if (accounts !== best.accounts) return accounts < best.accounts;
    return spread < best.spread;
  };
  for (let g = 0; g < give.sums.length; g++) {
    const gc = give.costs[g];
    const gs = give.sums[g];
    // A set of s's with load x makes d = gs − x: the nearest to gs − aimD is best, and it is
    // one of the two sets of each cost either side of that load.
    const aim = gs - aimD;
    for (let tc = -setSize; tc + gc <= maxCost && tc <= 1; tc++) {
      if (strict && best && tc + gc > best.cost) break;
      const sums = take.sortedSums[tc + setSize];
      const at = lowerBound(sums, aim);
      let found = false;
      for (let i = at - 1; i <= at; i++) {
        if (i < 0 || i >= sums.length) continue;
        const d = gs - sums[i];
        if (strict && !(d >= low && d <= high)) continue;
        const t = take.byCost[tc + setSize][i];
        const accounts = give.size(g) + take.size(t);
        const violation = strict ? 0 : violationAt(d);
        const spread = spreadAt(d);
        found = true;
        if (better(gc + tc, violation, accounts, spread))
          best = { r, s, give, take, g, t, cost: gc + tc, violation, accounts, spread };
      }
      // Strict: the lowest cost with a set in the window is the best this set can do.
      if (strict && found) break;
    }
  }
  return best;
}

/**
 * The pairs of reps, each once, where one holds an account whose owner is the other: only an
 * exchange between such a pair can send an account home.
 */
function pairsWithAccountsAway(board: Board): [number, number][] {
  const repCount = board.reps.length;
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    const s = board.owner[a];
    const h = board.original[a];
    if (s < 0 || h < 0 || s === h || board.locked[a]) continue;
    const key = min(s, h) * repCount + max(s, h);
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([min(s, h), max(s, h)]);
  }
  return pairs;
}

/**
 * The sets of r's accounts that may go to s, each of up to `size` accounts: any of the first
 * EXCHANGE_CHEAP_ACCOUNTS cheap ones (going home or costing nothing), and when `withDear` one
 * account that leaves its home with up to EXCHANGE_DEAR_COMPANIONS cheap ones (worth it only
 * against a set the other way that sends enough home).
 */
export function setsFrom(
  board: Board,
  r: number,
  s: number,
  size: number,
  withDear: boolean
): Sets {
  const repCount = board.reps.length;
  const cheap: number[] = [];
  const dear: number[] = [];
  const list = board.members[r];
  for (let k = 0; k < board.memberCount[r]; k++) {
    const a = list[k];
    if (board.locked[a] || !board.eligibleFlag[board.cell[a] * repCount + s]) continue;
    if (board.moveCost(a, s) <= 0) cheap.push(a);
    else dear.push(a);
  }
  // Accounts going home first: they are what an exchange is for.
  cheap.sort((x, y) => board.moveCost(x, s) - board.moveCost(y, s) || x - y);
  cheap.length = min(cheap.length, EXCHANGE_CHEAP_ACCOUNTS);
  dear.length = withDear ? min(dear.length, EXCHANGE_DEAR_ACCOUNTS) : 0;
  const sets = new Sets(size);
  const { load } = board;
  const cost = cheap.map((a) => board.moveCost(a, s));
  const chosen: number[] = [];
  // Every set of up to `left` more cheap accounts from the `from`-th on, added to `chosen`.
  const grow = (from: number, sum: number, total: number, left: number) => {
    sets.add(sum, total, chosen);
    if (left === 0) return;
    for (let i = from; i < cheap.length; i++) {
      chosen.push(cheap[i]);
      grow(i + 1, sum + load[cheap[i]], total + cost[i], left - 1);
      chosen.pop();
    }
  };
  grow(0, 0, 0, size);
  for (const d of dear) {
    chosen.push(d);
    grow(0, load[d], 1, min(size - 1, EXCHANGE_DEAR_COMPANIONS));
    chosen.pop();
  }
  sets.index();
  return sets;
}

/** Counts the sets' accounts going home (cost −1). */
function homewardCount(board: Board, r: number, s: number): number {
  let n = 0;
  const list = board.members[r];
  for (let k = 0; k < board.memberCount[r]; k++) {
    const a = list[k];
    if (!board.locked[a] && board.original[a] === s) n++;
  }
  return n;
}

/** The first index of ascending `sums` whose value is ≥ x (sums.length when none is). */
function lowerBound(sums: Float64Array, x: number): number {
  let lo = 0;
  let hi = sums.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sums[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
