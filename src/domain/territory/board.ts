/**
 * The working state of one run (who owns what, each rep's load and target, the continuity
 * budget) and the one way to change it, `assign`, which keeps every figure in step.
 *
 * The search asks a board for deviations and continuity costs millions of times, so these
 * are methods: a call through an imported function costs far more when the command line runs
 * the sources through tsx, which turns every import into a getter call.
 */
import { ACCOUNTS_PER_BEAT, noBeat, type Beat } from "./progress";
import { routingCells, unroutableReason } from "./routing";
import type { Account, Rep, TerritoryInput, Unassigned } from "./types";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs, floor, max } = Math;

/** Room for each rep's accounts at the start; a full list doubles. */
const MEMBER_SLOTS = 16;

/** Added before flooring share × accounts into the move budget: 57% of 100 is 57, though 0.57 × 100 = 56.999…. */
const BUDGET_ROUNDING = 1e-9;

/** The working state of one run, in flat typed arrays so 100,000 accounts stay fast. */
export class Board {
  readonly accounts: Account[];
  readonly reps: Rep[];
  /** Each account's share of the total load. */
  readonly load: Float64Array;
  /** Rep index of each account, −1 when unassigned. */
  readonly owner: Int32Array;
  /** Eligible current owner (the continuity reference), −1 when none. */
  readonly original: Int32Array;
  readonly locked: Uint8Array;
  /** Routing cell of each account, and the reps eligible for each cell. */
  readonly cell: Int32Array;
  readonly eligible: Int32Array[];
  /** eligibleFlag[cell × reps + rep] = 1 when the rep may own accounts of that cell. */
  readonly eligibleFlag: Uint8Array;
  /** Reps that share at least one routing cell with each rep: where it can pull accounts from. */
  readonly donors: Int32Array[];
  readonly target: Float64Array;
  readonly repLoad: Float64Array;
  readonly repCount: Int32Array;
  /** Each rep's accounts (the first memberCount[rep] entries), and each account's place there. */
  readonly members: Int32Array[];
  readonly memberCount: Int32Array;
  readonly position: Int32Array;
  readonly maxAccounts: number;
  /** Accounts now away from their continuity owner, and how many may be. */
  moved = 0;
  readonly moveBudget: number;
  /** Accounts no rep may own, with the reason; the passes add those nobody has room for. */
  readonly unassigned: Unassigned[] = [];

  /** An empty board for a validated input; `beat` is called now and then while it is built. */
  constructor({ accounts, reps, settings = {} }: TerritoryInput, beat: Beat = noBeat) {
    const n = accounts.length;
    const repIndex = new Map(reps.map((rep, r) => [rep.id, r]));
    const { cell, eligible } = routingCells(accounts, reps, beat);
    const load = loads(accounts, settings.workloadWeight ?? 0);
    const eligibleFlag = new Uint8Array(eligible.length * reps.length);
    eligible.forEach((list, c) => list.forEach((r) => (eligibleFlag[c * reps.length + r] = 1)));
    const original = new Int32Array(n).fill(-1);
    const locked = new Uint8Array(n);
    let withOwner = 0;
    for (let a = 0; a < n; a++) {
      if (a % ACCOUNTS_PER_BEAT === ACCOUNTS_PER_BEAT - 1) beat();
      const owner = accounts[a].currentOwner ? (repIndex.get(accounts[a].currentOwner!) ?? -1) : -1;
      if (owner < 0) continue;
      withOwner++;
      if (accounts[a].locked) locked[a] = 1;
      if (locked[a] || eligibleFlag[cell[a] * reps.length + owner]) original[a] = owner;
    }
    let routedLoad = 0;
    for (let a = 0; a < n; a++) {
      if (locked[a] || eligible[cell[a]].length > 0) routedLoad += load[a];
      else {
        const why = unroutableReason(accounts[a], reps);
        this.unassigned.push({
          accountId: accounts[a].id,
          reason: why.message,
          code: why.code,
          values: why.values,
        });
      }
    }
    const donorSets = reps.map(() => new Set<number>());
    for (const list of eligible)
      for (const r of list) for (const s of list) if (r !== s) donorSets[r].add(s);
    const capacity = reps.reduce((s, rep) => s + rep.capacity, 0);
    this.accounts = accounts;
    this.reps = reps;
    this.load = load;
    this.owner = new Int32Array(n).fill(-1);
    this.original = original;
    this.locked = locked;
    this.cell = cell;
    this.eligible = eligible;
    this.eligibleFlag = eligibleFlag;
    this.donors = donorSets.map((set) => Int32Array.from(set));
    this.target = Float64Array.from(reps, (rep) =>
      capacity > 0 ? (rep.capacity / capacity) * routedLoad : 0
    );
    this.repLoad = new Float64Array(reps.length);
    this.repCount = new Int32Array(reps.length);
    this.members = reps.map(() => new Int32Array(MEMBER_SLOTS));
    this.memberCount = new Int32Array(reps.length);
    this.position = new Int32Array(n);
    this.maxAccounts = settings.maxAccountsPerRep ?? Infinity;
    this.moveBudget = floor((settings.maxMovedShare ?? 1) * withOwner + BUDGET_ROUNDING);
  }

  /** Gives account a to rep r, updating both reps' loads, counts and member lists and the moves used. */
  assign(a: number, r: number): void {
    const from = this.owner[a];
    if (from === r) return;
    if (from >= 0) this.release(a);
    const orig = this.original[a];
    if (orig >= 0 && r !== orig) this.moved++;
    this.owner[a] = r;
    this.repLoad[r] += this.load[a];
    this.repCount[r]++;
    let list = this.members[r];
    if (this.memberCount[r] === list.length) {
      const grown = new Int32Array(max(MEMBER_SLOTS, list.length * 2));
      grown.set(list);
      this.members[r] = list = grown;
    }
    this.position[a] = this.memberCount[r];
    list[this.memberCount[r]++] = a;
  }

  /** Takes account a from its rep (it must have one), which then owns nothing of it. */
  release(a: number): void {
    const from = this.owner[a];
    this.repLoad[from] -= this.load[a];
    this.repCount[from]--;
    const list = this.members[from];
    const at = this.position[a];
    const last = list[--this.memberCount[from]];
    list[at] = last;
    this.position[last] = at;
    if (from !== this.original[a] && this.original[a] >= 0) this.moved--;
    this.owner[a] = -1;
  }

  /** (load − target) ÷ target of rep r, with `extra` load added; 0 for a rep without a target. */
  deviation(r: number, extra = 0): number {
    return this.target[r] > 0 ? (this.repLoad[r] + extra - this.target[r]) / this.target[r] : 0;
  }

  /** Continuity cost of moving account a to rep s: +1 leaving its owner, −1 returning to it. */
  moveCost(a: number, s: number): number {
    const orig = this.original[a];
    if (orig < 0) return 0;
    return (s !== orig ? 1 : 0) - (this.owner[a] !== orig ? 1 : 0);
  }

  /** The largest |deviation| over reps with a target. */
  maxDeviation(): number {
    let worst = 0;
    for (let r = 0; r < this.reps.length; r++)
      if (this.target[r] > 0) worst = max(worst, abs(this.deviation(r)));
    return worst;
  }
}

/** Each account's share of the total load: potential blended with workload by the weight. */
function loads(accounts: Account[], workloadWeight: number): Float64Array {
  let potential = 0;
  let workload = 0;
  for (const a of accounts) {
    potential += a.potential;
    workload += a.workload;
  }
  const load = new Float64Array(accounts.length);
  for (let i = 0; i < accounts.length; i++) {
    const p = potential > 0 ? accounts[i].potential / potential : 0;
    const w = workload > 0 ? accounts[i].workload / workload : 0;
    load[i] = (1 - workloadWeight) * p + workloadWeight * w;
  }
  return load;
}
