/**
 * The last pass of a run: accounts the passes moved go back to their current owners wherever
 * the largest deviation the run reached allows it. The repair and evening-out passes choose
 * moves for balance, and a move that helped at the time is often not needed at the end; each
 * account sent home is one more the user keeps, at no cost to the largest deviation.
 *
 * Every rep stays within the run's final largest deviation D; on a run with a tolerance band a
 * rep inside the band also stays inside it. So the largest deviation never rises, and with it
 * no rep leaves the band. The coefficient of variation may rise a little: that is the price
 * of the accounts kept.
 *
 * On a small board it also rebuilds each region continuity first (sendHomeRefit.ts) and
 * exchanges sets of accounts between two reps (sendHomeExchanges.ts): where a region's total
 * load is pinned, every rep must hit an exact sum, which one or two accounts going home
 * almost never keep.
 */
import type { Board } from "./board";
import { exchangeHome } from "./sendHomeExchanges";
import { refitRegions } from "./sendHomeRefit";
import { SEND_HOME_RECEIVERS, SEND_HOME_ROUNDS, SMALL_BOARD_ACCOUNTS } from "./tuning";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs, min } = Math;

/** A second account that moves with a returning one, so that both reps stay within bounds. */
interface Companion {
  account: number;
  to: number;
  /** Σ (load − target)² ÷ target over the reps involved, after both moves (lower is better). */
  spread: number;
  /** Continuity change of the companion's move: 0, or −1 when it too goes home. */
  cost: number;
}

/** Sends moved accounts home where the run's final largest deviation allows; `beat` says it is still working. */
export function sendHome(board: Board, band: number, beat: () => void): void {
  const repCount = board.reps.length;
  const largest = board.maxDeviation();
  const cap = new Float64Array(repCount);
  for (let r = 0; r < repCount; r++)
    cap[r] = band > 0 && abs(board.deviation(r)) <= band ? min(band, largest) : largest;
  const fits = (r: number, extra: number) =>
    extra === 0 || !(board.target[r] > 0) || abs(board.deviation(r, extra)) <= cap[r];
  const spread = (r: number, extra: number) => {
    if (!(board.target[r] > 0)) return 0;
    const gap = board.repLoad[r] + extra - board.target[r];
    return (gap * gap) / board.target[r];
  };
  const room = (r: number, extra: number) => board.repCount[r] + extra <= board.maxAccounts;
  // Only to an owner with a target: a rep without capacity is given nothing back.
  const isAway = (a: number) =>
    !board.locked[a] &&
    board.original[a] >= 0 &&
    board.owner[a] >= 0 &&
    board.owner[a] !== board.original[a] &&
    board.target[board.original[a]] > 0;
  let away: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) if (isAway(a)) away.push(a);

  /** Fall of the spread when a goes home alone (negative when it unbalances). */
  const gainAlone = (a: number) => {
    const s = board.owner[a];
    const h = board.original[a];
    const x = board.load[a];
    return spread(s, 0) + spread(h, 0) - spread(s, -x) - spread(h, x);
  };
  const fitsAlone = (a: number) => {
    const x = board.load[a];
    return room(board.original[a], 1) && fits(board.owner[a], -x) && fits(board.original[a], x);
  };

  /** Returns home, one account at a time, the one that evens out most first, until none can. */
  const returnSingles = () => {
    let any = false;
    for (let round = 0; round < SEND_HOME_ROUNDS; round++) {
      beat();
      const ready = away.filter(fitsAlone).map((a) => ({ a, gain: gainAlone(a) }));
      ready.sort((p, q) => q.gain - p.gain || board.load[p.a] - board.load[q.a] || p.a - q.a);
      let changed = false;
      for (const { a } of ready) {
        if (!fitsAlone(a)) continue;
        board.assign(a, board.original[a]);
        changed = true;
      }
      away = away.filter(isAway);
      if (!changed) break;
      any = true;
    }
    return any;
  };

  /**
   * For an account that cannot go home alone, a second account that moves with it without
   * costing continuity: one its home holds though it is not theirs, which makes room (to the
   * rep it leaves, to its own home, or to one of the lightest reps of its cell); or one that
   * fills the gap it leaves (an account of the rep it leaves that is away from home, or one
   * away from some other rep that may go there).
   */
  // The (up to four) reps a return with a companion touches, and their load and count changes.
  const touched = new Int32Array(4);
  const loads = new Float64Array(4);
  const counts = new Int32Array(4);
  let n = 0;
  const add = (r: number, load: number, count: number) => {
    for (let i = 0; i < n; i++)
      if (touched[i] === r) {
        loads[i] += load;
        counts[i] += count;
        return;
      }
    touched[n] = r;
    loads[n] = load;
    counts[n++] = count;
  };
  const companionOf = (a: number, awayFrom: number[][]): Companion | undefined => {
    const s = board.owner[a];
    const h = board.original[a];
    const x = board.load[a];
    // Which side needs the companion: the home, to make room; the rep left, to fill the gap.
    const homeFits = fits(h, x) && room(h, 1);
    const leftFits = fits(s, -x);
    let best: Companion | undefined;
    const consider = (b: number, to: number) => {
      const from = board.owner[b];
      if (b === a || to === from || board.locked[b] || !(board.target[to] > 0)) return;
      if (!board.eligibleFlag[board.cell[b] * repCount + to]) return;
      const cost = board.moveCost(b, to);
      if (cost > 0 || (best && cost > best.cost)) return;
      const y = board.load[b];
      n = 0;
      add(s, -x, -1);
      add(h, x, 1);
      add(from, -y, -1);
      add(to, y, 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = touched[i];
        if (!fits(r, loads[i]) || (counts[i] > 0 && !room(r, counts[i]))) return;
        total += spread(r, loads[i]) - spread(r, 0);
      }
      if (!best || cost < best.cost || total < best.spread)
        best = { account: b, to, spread: total, cost };
    };
    if (!homeFits) {
      // Room at home: accounts there that are away from their own home, to the rep a leaves
      // (the only way when that rep needs filling too), their own home or a light rep.
      const theirs = board.members[h];
      const lightest = new Map<number, number[]>();
      for (let k = 0; k < board.memberCount[h]; k++) {
        const b = theirs[k];
        if (board.original[b] === h || board.locked[b] || !fits(h, x - board.load[b])) continue;
        consider(b, s);
        if (!leftFits) continue;
        if (board.original[b] >= 0) consider(b, board.original[b]);
        let receivers = lightest.get(board.cell[b]);
        if (!receivers) {
          receivers = furthest(board, board.eligible[board.cell[b]], 1);
          lightest.set(board.cell[b], receivers);
        }
        for (const to of receivers) consider(b, to);
      }
      return best;
    }
    // Filling the gap: accounts whose home is the rep a leaves, accounts at a's home that are
    // away from their own (an exchange), then accounts away from home (or without one) of the
    // heaviest reps sharing a cell with it.
    for (const b of awayFrom[s]) consider(b, s);
    const theirs = board.members[h];
    for (let k = 0; k < board.memberCount[h]; k++)
      if (board.original[theirs[k]] !== h) consider(theirs[k], s);
    for (const from of furthest(board, board.donors[s], -1)) {
      const list = board.members[from];
      for (let k = 0; k < board.memberCount[from]; k++) {
        const b = list[k];
        if (board.original[b] !== from && fits(s, board.load[b] - x)) consider(b, s);
      }
    }
    return best;
  };

  returnSingles();
  // Companions, refits and exchanges are for small boards only: on 100,000 accounts the
  // companion search alone costs a quarter of the run and sends home some 2% of the moved
  // accounts (shedding the largest accounts first already moves few there).
  if (board.accounts.length > SMALL_BOARD_ACCOUNTS) return;
  const listAway = () => {
    away = [];
    for (let a = 0; a < board.accounts.length; a++) if (isAway(a)) away.push(a);
  };
  if (refitRegions(board, cap, fits, room, beat)) {
    listAway();
    returnSingles();
  }
  // Companions, then exchanges of sets between two reps, which can reach the exact sums a
  // pinned region needs; what an exchange changes may let more go home alone or with one.
  for (let pass = 0; pass < SEND_HOME_ROUNDS; pass++) {
    withCompanions();
    if (!exchangeHome(board, cap, fits, room, beat)) break;
    listAway();
    returnSingles();
  }

  /** Returns home, in rounds, accounts that go alone or with a companion. */
  function withCompanions() {
    for (let round = 0; round < SEND_HOME_ROUNDS && away.length > 0; round++) {
      beat();
      const awayFrom: number[][] = board.reps.map(() => []);
      for (const a of away) awayFrom[board.original[a]].push(a);
      let changed = false;
      for (const a of away) {
        if (!isAway(a)) continue;
        if (fitsAlone(a)) {
          board.assign(a, board.original[a]);
          changed = true;
          continue;
        }
        const companion = companionOf(a, awayFrom);
        if (!companion) continue;
        board.assign(companion.account, companion.to);
        board.assign(a, board.original[a]);
        changed = true;
      }
      away = away.filter(isAway);
      if (!changed) break;
      returnSingles();
    }
  }
}

/**
 * The SEND_HOME_RECEIVERS reps of `reps` furthest below (direction 1) or above (−1) target,
 * with a target and, below it, room for one more account; as they are when asked, since the
 * loads change as accounts go home.
 */
function furthest(board: Board, reps: Int32Array, direction: 1 | -1): number[] {
  const picked: number[] = [];
  const keys: number[] = [];
  for (let j = 0; j < reps.length; j++) {
    const s = reps[j];
    if (!(board.target[s] > 0)) continue;
    if (direction === 1 && board.repCount[s] >= board.maxAccounts) continue;
    const key = direction * board.deviation(s);
    if (picked.length === SEND_HOME_RECEIVERS && key >= keys[SEND_HOME_RECEIVERS - 1]) continue;
    let at = picked.length;
    while (at > 0 && keys[at - 1] > key) at--;
    picked.splice(at, 0, s);
    keys.splice(at, 0, key);
    if (picked.length > SEND_HOME_RECEIVERS) {
      picked.pop();
      keys.pop();
    }
  }
  return picked;
}
