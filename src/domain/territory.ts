/**
 * Territories: which rep owns which account.
 *
 * Routing follows how sales teams carve: an account may only go to a rep who covers its
 * region, its industry and its size tier. Balancing then gives each rep a share of the load
 * (potential, optionally blended with workload) in proportion to capacity, while keeping
 * accounts with their current owners unless moving them is needed for balance.
 *
 * The engine: keep locked accounts and, for continuity, eligible current owners; place the
 * rest largest-first on the eligible rep furthest below target; then repair, repeatedly
 * taking the rep furthest from target and making the single move (or, failing that, swap)
 * that most reduces the larger deviation of the pair, within the continuity budget.
 */
import { WordValues, wordsFrom } from "./wording";
import { labelKey } from "./pipeline";

export interface Account {
  id: string;
  name?: string;
  region: string;
  industry: string;
  sizeTier: string;
  potential: number;
  workload: number;
  currentOwner?: string;
  locked?: boolean;
  lastYearRevenue?: number;
}

export interface Rep {
  id: string;
  name?: string;
  /** Regions, industries and size tiers the rep may cover; empty or "*" means any. */
  regions: string[];
  industries: string[];
  sizeTiers: string[];
  /** Full-time equivalent, 0 to 1. */
  capacity: number;
  /** Excel serial date; used for quota ramps. */
  startDate?: number;
  manager?: string;
}

export interface BalanceSettings {
  /** Share of the load that is workload rather than potential, 0 to 1 (default 0). */
  workloadWeight?: number;
  /** A rep whose load is within ±band of target keeps all its accounts (default 0: balance fully). */
  toleranceBand?: number;
  /** At most this share of accounts with a current owner may change owner (default 1). */
  maxMovedShare?: number;
  /** At most this many accounts per rep (default unlimited). */
  maxAccountsPerRep?: number;
}

export interface TerritoryInput {
  accounts: Account[];
  reps: Rep[];
  settings?: BalanceSettings;
}

/** What the engine can refuse in its input, in English (the panes translate the codes). */
export const INPUT_ISSUES = {
  repIdBlank: "rep id is blank",
  repIdTwice: 'rep id "{id}" also used in row {row}',
  capacityRange: "capacity must be between 0 and 1, got {value}",
  noCapacity: "the reps' capacities add up to 0: nobody can carry a territory",
  noReps: "there are no reps",
  accountIdBlank: "account id is blank",
  accountIdTwice: 'account id "{id}" also used in row {row}',
  potentialInvalid: "potential must be a number ≥ 0, got {value}",
  workloadInvalid: "workload must be a number ≥ 0, got {value}",
  ownerNotRep: 'current owner "{owner}" is not a rep',
  lockedWithoutOwner: "locked, but has no current owner to stay with",
  settingShare: "{field} must be between 0 and 1, got {value}",
  maxAccountsWhole: "maxAccountsPerRep must be a whole number ≥ 1",
} as const;

export type InputIssueCode = keyof typeof INPUT_ISSUES;
const worded = wordsFrom(INPUT_ISSUES);

/** A problem in the input, located by table, row (1-based) and field. */
export interface InputIssue {
  table: "accounts" | "reps" | "settings";
  row?: number;
  id?: string;
  field: string;
  message: string;
  /** The message as a code and values, for a pane to say in the user's language. */
  code?: InputIssueCode;
  values?: WordValues;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

export type AssignmentReason = "locked" | "kept" | "placed" | "moved";

export interface Assignment {
  accountId: string;
  repId: string;
  reason: AssignmentReason;
  /** The current owner the account was moved from, when it was moved. */
  movedFrom?: string;
}

export interface Unassigned {
  accountId: string;
  reason: string;
}

export interface RepSummary {
  repId: string;
  accounts: number;
  potential: number;
  workload: number;
  /** Share of the total load (0–1). */
  load: number;
  /** Share of the total load this rep should carry, by capacity (0–1). */
  target: number;
  /** (load − target) ÷ target; null for a rep with no capacity. */
  deviation: number | null;
}

export interface FairnessMetrics {
  maxAbsDeviation: number;
  /** Coefficient of variation of load ÷ target across reps with capacity. */
  coefficientOfVariation: number;
  /** Gini coefficient of potential per FTE across reps with capacity. */
  giniPotentialPerFte: number;
  /** Highest ÷ lowest potential per FTE; null when some rep has none. */
  maxMinRatio: number | null;
  accountsMoved: number;
  /** Share of accounts with a current owner that kept it. */
  continuity: number;
}

export interface TerritoryResult {
  assignments: Assignment[];
  unassigned: Unassigned[];
  reps: RepSummary[];
  metrics: FairnessMetrics;
}

const ANY = "*";
const covers = (list: readonly string[], value: string) =>
  list.length === 0 || list.some((item) => item === ANY || labelKey(item) === labelKey(value));

/** The routing rule: a rep with capacity who covers the account's region, industry and size tier. */
export function isEligible(rep: Rep, account: Account): boolean {
  return (
    rep.capacity > 0 &&
    covers(rep.regions, account.region) &&
    covers(rep.industries, account.industry) &&
    covers(rep.sizeTiers, account.sizeTier)
  );
}

/** Every problem that would make a run meaningless, each with its row; empty when the input is sound. */
export function validateTerritoryInput({
  accounts,
  reps,
  settings = {},
}: TerritoryInput): InputIssue[] {
  const issues: InputIssue[] = [];
  const repRows = new Map<string, number>();
  reps.forEach((rep, i) => {
    const row = i + 1;
    if (rep.id.trim() === "")
      issues.push({ table: "reps", row, field: "id", ...worded("repIdBlank") });
    else if (repRows.has(rep.id)) {
      issues.push({
        table: "reps",
        row,
        id: rep.id,
        field: "id",
        ...worded("repIdTwice", { id: rep.id, row: repRows.get(rep.id)! }),
      });
    } else repRows.set(rep.id, row);
    if (!(rep.capacity >= 0 && rep.capacity <= 1)) {
      issues.push({
        table: "reps",
        row,
        id: rep.id,
        field: "capacity",
        ...worded("capacityRange", { value: rep.capacity }),
      });
    }
  });
  if (
    reps.length > 0 &&
    reps.reduce((sum, rep) => sum + (rep.capacity > 0 ? rep.capacity : 0), 0) === 0
  ) {
    issues.push({
      table: "reps",
      field: "capacity",
      ...worded("noCapacity"),
    });
  }
  if (reps.length === 0) issues.push({ table: "reps", field: "id", ...worded("noReps") });
  const accountRows = new Map<string, number>();
  accounts.forEach((account, i) => {
    const row = i + 1;
    const at = { table: "accounts" as const, row, id: account.id };
    if (account.id.trim() === "") issues.push({ ...at, field: "id", ...worded("accountIdBlank") });
    else if (accountRows.has(account.id)) {
      issues.push({
        ...at,
        field: "id",
        ...worded("accountIdTwice", { id: account.id, row: accountRows.get(account.id)! }),
      });
    } else accountRows.set(account.id, row);
    if (!(account.potential >= 0) || !Number.isFinite(account.potential)) {
      issues.push({
        ...at,
        field: "potential",
        ...worded("potentialInvalid", { value: account.potential }),
      });
    }
    if (!(account.workload >= 0) || !Number.isFinite(account.workload)) {
      issues.push({
        ...at,
        field: "workload",
        ...worded("workloadInvalid", { value: account.workload }),
      });
    }
    if (account.currentOwner && !repRows.has(account.currentOwner)) {
      issues.push({
        ...at,
        field: "currentOwner",
        ...worded("ownerNotRep", { owner: account.currentOwner }),
      });
    }
    if (account.locked && !account.currentOwner) {
      issues.push({
        ...at,
        field: "locked",
        ...worded("lockedWithoutOwner"),
      });
    }
  });
  const fraction = (value: number | undefined, field: keyof BalanceSettings) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      issues.push({
        table: "settings",
        field,
        ...worded("settingShare", { field, value }),
      });
    }
  };
  fraction(settings.workloadWeight, "workloadWeight");
  fraction(settings.toleranceBand, "toleranceBand");
  fraction(settings.maxMovedShare, "maxMovedShare");
  if (
    settings.maxAccountsPerRep !== undefined &&
    !(Number.isInteger(settings.maxAccountsPerRep) && settings.maxAccountsPerRep >= 1)
  ) {
    issues.push({
      table: "settings",
      field: "maxAccountsPerRep",
      ...worded("maxAccountsWhole"),
    });
  }
  return issues;
}

/** The working state of one run, in flat typed arrays so 100,000 accounts stay fast. */
interface Board {
  accounts: Account[];
  reps: Rep[];
  load: Float64Array;
  /** Rep index of each account, −1 when unassigned. */
  owner: Int32Array;
  /** Eligible current owner (the continuity reference), −1 when none. */
  original: Int32Array;
  locked: Uint8Array;
  /** Routing cell of each account, and the reps eligible for each cell. */
  cell: Int32Array;
  eligible: Int32Array[];
  /** eligibleFlag[cell × reps + rep] = 1 when the rep may own accounts of that cell. */
  eligibleFlag: Uint8Array;
  /** Reps that share at least one routing cell with each rep: where it can pull accounts from. */
  donors: Int32Array[];
  target: Float64Array;
  repLoad: Float64Array;
  repCount: Int32Array;
  members: Int32Array[];
  memberCount: Int32Array;
  position: Int32Array;
  maxAccounts: number;
  moved: number;
  moveBudget: number;
}

function unroutableReason(account: Account, reps: Rep[]): string {
  const staffed = reps.filter((rep) => rep.capacity > 0);
  const inRegion = staffed.filter((rep) => covers(rep.regions, account.region));
  if (inRegion.length === 0) return `no rep covers region "${account.region}"`;
  const inIndustry = inRegion.filter((rep) => covers(rep.industries, account.industry));
  if (inIndustry.length === 0)
    return `no rep in region "${account.region}" covers industry "${account.industry}"`;
  return `no rep in region "${account.region}" and industry "${account.industry}" covers size tier "${account.sizeTier}"`;
}

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

function route(accounts: Account[], reps: Rep[]): { cell: Int32Array; eligible: Int32Array[] } {
  const cellOf = new Map<string, number>();
  const eligible: Int32Array[] = [];
  const cell = new Int32Array(accounts.length);
  accounts.forEach((a, i) => {
    const key = `${labelKey(a.region)}\u0000${labelKey(a.industry)}\u0000${labelKey(a.sizeTier)}`;
    let id = cellOf.get(key);
    if (id === undefined) {
      id = eligible.length;
      cellOf.set(key, id);
      const reps_ = reps.map((rep, r) => (isEligible(rep, a) ? r : -1)).filter((r) => r >= 0);
      eligible.push(Int32Array.from(reps_));
    }
    cell[i] = id;
  });
  return { cell, eligible };
}

function assign(board: Board, a: number, r: number): void {
  const from = board.owner[a];
  if (from === r) return;
  if (from >= 0) {
    board.repLoad[from] -= board.load[a];
    board.repCount[from]--;
    const list = board.members[from];
    const at = board.position[a];
    const last = list[--board.memberCount[from]];
    list[at] = last;
    board.position[last] = at;
  }
  const orig = board.original[a];
  if (orig >= 0) board.moved += (r !== orig ? 1 : 0) - (from >= 0 && from !== orig ? 1 : 0);
  board.owner[a] = r;
  board.repLoad[r] += board.load[a];
  board.repCount[r]++;
  let list = board.members[r];
  if (board.memberCount[r] === list.length) {
    const grown = new Int32Array(Math.max(8, list.length * 2));
    grown.set(list);
    board.members[r] = list = grown;
  }
  board.position[a] = board.memberCount[r];
  list[board.memberCount[r]++] = a;
}

const deviationOf = (board: Board, r: number, extra = 0) =>
  board.target[r] > 0 ? (board.repLoad[r] + extra - board.target[r]) / board.target[r] : 0;

/** Continuity cost of moving account a to rep s: +1 leaving its owner, −1 returning to it. */
const moveCost = (board: Board, a: number, s: number) => {
  const orig = board.original[a];
  if (orig < 0) return 0;
  return (s !== orig ? 1 : 0) - (board.owner[a] !== orig ? 1 : 0);
};

/** Small tie-break so that, among equally good moves, those that keep owners win. */
const CONTINUITY_TIE_BREAK = 1e-6;

interface Move {
  score: number;
  account: number;
  to: number;
  /** Accounts that go the other way (to the rep `account` leaves): none, one (a swap) or two. */
  swapWith: number;
  alsoSwap?: number;
}

/** Up to `count` reps from `reps` (other than `except`, with room) furthest below target. */
function furthestBelow(board: Board, reps: Int32Array, except: number, count: number): number[] {
  const picked: number[] = [];
  for (let j = 0; j < reps.length; j++) {
    const s = reps[j];
    if (s === except || board.repCount[s] >= board.maxAccounts) continue;
    picked.push(s);
    picked.sort((x, y) => deviationOf(board, x) - deviationOf(board, y));
    if (picked.length > count) picked.pop();
  }
  return picked;
}

/** Up to `count` reps from `reps` furthest above target. */
function furthestAbove(board: Board, reps: Int32Array, count: number): number[] {
  const picked: number[] = [];
  for (let j = 0; j < reps.length; j++) {
    picked.push(reps[j]);
    picked.sort((x, y) => deviationOf(board, y) - deviationOf(board, x));
    if (picked.length > count) picked.pop();
  }
  return picked;
}

/** The best single move involving rep r (out of it when overloaded, into it when under). */
function bestMove(board: Board, r: number): Move | undefined {
  const current = Math.abs(deviationOf(board, r));
  let best: Move | undefined;
  const consider = (a: number, from: number, to: number) => {
    if (board.locked[a] || board.repCount[to] >= board.maxAccounts) return;
    const cost = moveCost(board, a, to);
    if (board.moved + cost > board.moveBudget) return;
    const x = board.load[a];
    const pair = Math.max(
      Math.abs(deviationOf(board, from, -x)),
      Math.abs(deviationOf(board, to, x))
    );
    const score = pair + CONTINUITY_TIE_BREAK * cost;
    if (pair < current - 1e-12 && (!best || score < best.score))
      best = { score, account: a, to, swapWith: -1 };
  };
  // Small boards are searched exhaustively; on large ones each account is offered only to
  // the two furthest-below-target reps of its routing cell (and back to its owner), and a
  // rep below target pulls only from the four furthest above it: the same moves win in
  // practice, at a fraction of the cost.
  const exhaustive = board.accounts.length <= 5000;
  const repCount = board.reps.length;
  if (deviationOf(board, r) > 0) {
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
        candidates = furthestBelow(board, reps, r, 2);
        receivers.set(board.cell[a], candidates);
      }
      for (const to of candidates) consider(a, r, to);
      const owner = board.original[a];
      if (owner >= 0 && owner !== r && !candidates.includes(owner)) consider(a, r, owner);
    }
  } else {
    // Pull: accounts of reps that share a routing cell with r.
    const donors = exhaustive ? board.donors[r] : furthestAbove(board, board.donors[r], 4);
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
function bestTwoForOne(board: Board, r: number): Move | undefined {
  const current = Math.abs(deviationOf(board, r));
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
            const pair = Math.max(
              Math.abs(deviationOf(board, oneTo, gainTwoTo)),
              Math.abs(deviationOf(board, twoTo, -gainTwoTo))
            );
            const cost =
              moveCost(board, a, oneTo) + moveCost(board, b, twoTo) + moveCost(board, c, twoTo);
            if (
              board.moved + cost > board.moveBudget ||
              board.repCount[twoTo] + 1 > board.maxAccounts
            )
              continue;
            const score = pair + CONTINUITY_TIE_BREAK * cost;
            if (pair < current - 1e-12 && (!best || score < best.score))
              best = { score, account: a, to: oneTo, swapWith: b, alsoSwap: c };
          }
        }
      }
    }
  }
  return best;
}

/** When no single move helps rep r, the best swap of one of its accounts with another rep's. */
function bestSwap(board: Board, r: number, partners: number): Move | undefined {
  const current = Math.abs(deviationOf(board, r));
  const over = deviationOf(board, r) > 0;
  const others = Array.from({ length: board.reps.length }, (_, s) => s)
    .filter(
      (s) =>
        s !== r &&
        board.target[s] > 0 &&
        (over ? deviationOf(board, s) < 0 : deviationOf(board, s) > 0)
    )
    .sort((s, t) =>
      over
        ? deviationOf(board, s) - deviationOf(board, t)
        : deviationOf(board, t) - deviationOf(board, s)
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
        const cost = moveCost(board, a, s) + moveCost(board, b, r);
        if (board.moved + cost > board.moveBudget) continue;
        const pair = Math.max(
          Math.abs(deviationOf(board, r, delta)),
          Math.abs(deviationOf(board, s, -delta))
        );
        const score = pair + CONTINUITY_TIE_BREAK * cost;
        if (pair < current - 1e-12 && (!best || score < best.score))
          best = { score, account: a, to: s, swapWith: b };
      }
    }
  }
  return best;
}

function summarise(board: Board, unassigned: Unassigned[]): TerritoryResult {
  const { accounts, reps } = board;
  const assignments: Assignment[] = [];
  for (let a = 0; a < accounts.length; a++) {
    const r = board.owner[a];
    if (r < 0) continue;
    const orig = board.original[a];
    const owner = accounts[a].currentOwner;
    const reason: AssignmentReason = board.locked[a]
      ? "locked"
      : orig === r
        ? "kept"
        : owner
          ? "moved"
          : "placed";
    const assignment: Assignment = { accountId: accounts[a].id, repId: reps[r].id, reason };
    if (reason === "moved" && owner) assignment.movedFrom = owner;
    assignments.push(assignment);
  }
  const potential = new Float64Array(reps.length);
  const workload = new Float64Array(reps.length);
  for (let a = 0; a < accounts.length; a++) {
    const r = board.owner[a];
    if (r < 0) continue;
    potential[r] += accounts[a].potential;
    workload[r] += accounts[a].workload;
  }
  const summaries: RepSummary[] = reps.map((rep, r) => ({
    repId: rep.id,
    accounts: board.repCount[r],
    potential: potential[r],
    workload: workload[r],
    load: board.repLoad[r],
    target: board.target[r],
    deviation: board.target[r] > 0 ? deviationOf(board, r) : null,
  }));
  const staffed = reps.map((_, r) => r).filter((r) => board.target[r] > 0);
  const ratios = staffed.map((r) => board.repLoad[r] / board.target[r]);
  const mean = ratios.reduce((s, x) => s + x, 0) / Math.max(1, ratios.length);
  const variance = ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, ratios.length);
  const perFte = staffed.map((r) => potential[r] / reps[r].capacity);
  const withOwner = accounts.filter((a) => a.currentOwner).length;
  let moved = 0;
  for (let a = 0; a < accounts.length; a++) {
    const owner = accounts[a].currentOwner;
    if (owner && board.owner[a] >= 0 && reps[board.owner[a]].id !== owner) moved++;
  }
  const minPerFte = Math.min(...perFte);
  return {
    assignments,
    unassigned,
    reps: summaries,
    metrics: {
      maxAbsDeviation: Math.max(0, ...staffed.map((r) => Math.abs(deviationOf(board, r)))),
      coefficientOfVariation: mean > 0 ? Math.sqrt(variance) / mean : 0,
      giniPotentialPerFte: gini(perFte),
      maxMinRatio: perFte.length && minPerFte > 0 ? Math.max(...perFte) / minPerFte : null,
      accountsMoved: moved,
      continuity: withOwner > 0 ? 1 - moved / withOwner : 1,
    },
  };
}

/** Gini coefficient of non-negative values (0 = all equal). */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

function newBoard({ accounts, reps, settings = {} }: TerritoryInput): {
  board: Board;
  unassigned: Unassigned[];
} {
  const n = accounts.length;
  const repIndex = new Map(reps.map((rep, r) => [rep.id, r]));
  const { cell, eligible } = route(accounts, reps);
  const load = loads(accounts, settings.workloadWeight ?? 0);
  const original = new Int32Array(n).fill(-1);
  const locked = new Uint8Array(n);
  const unassigned: Unassigned[] = [];
  for (let a = 0; a < n; a++) {
    const owner = accounts[a].currentOwner ? (repIndex.get(accounts[a].currentOwner!) ?? -1) : -1;
    if (accounts[a].locked && owner >= 0) locked[a] = 1;
    if (owner >= 0 && (locked[a] || eligible[cell[a]].includes(owner))) original[a] = owner;
  }
  let routedLoad = 0;
  for (let a = 0; a < n; a++) {
    if (locked[a] || eligible[cell[a]].length > 0) routedLoad += load[a];
    else
      unassigned.push({ accountId: accounts[a].id, reason: unroutableReason(accounts[a], reps) });
  }
  const eligibleFlag = new Uint8Array(eligible.length * reps.length);
  eligible.forEach((list, c) => list.forEach((r) => (eligibleFlag[c * reps.length + r] = 1)));
  const donorSets = reps.map(() => new Set<number>());
  for (const list of eligible)
    for (const r of list) for (const s of list) if (r !== s) donorSets[r].add(s);
  const capacity = reps.reduce((s, rep) => s + rep.capacity, 0);
  const withOwner = accounts.filter((a) => a.currentOwner && repIndex.has(a.currentOwner)).length;
  const board: Board = {
    accounts,
    reps,
    load,
    owner: new Int32Array(n).fill(-1),
    original,
    locked,
    cell,
    eligible,
    eligibleFlag,
    donors: donorSets.map((set) => Int32Array.from(set)),
    target: Float64Array.from(reps, (rep) =>
      capacity > 0 ? (rep.capacity / capacity) * routedLoad : 0
    ),
    repLoad: new Float64Array(reps.length),
    repCount: new Int32Array(reps.length),
    members: reps.map(() => new Int32Array(16)),
    memberCount: new Int32Array(reps.length),
    position: new Int32Array(n),
    maxAccounts: settings.maxAccountsPerRep ?? Infinity,
    moved: 0,
    moveBudget: Math.floor((settings.maxMovedShare ?? 1) * withOwner + 1e-9),
  };
  return { board, unassigned };
}

/** Largest first, each to the eligible rep whose load after taking it is lowest relative to target. */
function placeLargestFirst(board: Board, pending: number[], unassigned: Unassigned[]): void {
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
    if (best >= 0) assign(board, a, best);
    else
      unassigned.push({
        accountId: board.accounts[a].id,
        reason: `every eligible rep already has the maximum of ${board.maxAccounts} accounts`,
      });
  }
}

function maxDeviation(board: Board): number {
  let worst = 0;
  for (let r = 0; r < board.reps.length; r++)
    if (board.target[r] > 0) worst = Math.max(worst, Math.abs(deviationOf(board, r)));
  return worst;
}

/** The rep furthest outside the band repeatedly gets the move (or swap) that most reduces the pair's larger deviation. */
/** How many steps of a search pass between two "still working" calls (cancel checks). */
const BEAT_EVERY = 512;

function reduceLargestDeviation(board: Board, band: number, beat: (share: number) => void): void {
  const limit = 20 * board.accounts.length + 1000;
  const stuck = new Uint8Array(board.reps.length);
  for (let step = 0; step < limit; step++) {
    // `limit` bounds the pass; it usually ends far sooner, so the share only ever creeps.
    if (step % BEAT_EVERY === BEAT_EVERY - 1) beat(step / limit);
    let worst = -1;
    let worstDeviation = band;
    for (let r = 0; r < board.reps.length; r++) {
      const d = Math.abs(deviationOf(board, r));
      if (board.target[r] > 0 && !stuck[r] && d > worstDeviation + 1e-12) {
        worst = r;
        worstDeviation = d;
      }
    }
    if (worst < 0) return;
    const small = board.accounts.length <= 5000;
    const move =
      bestMove(board, worst) ??
      bestSwap(board, worst, board.reps.length <= 50 ? board.reps.length : 8) ??
      (small ? bestTwoForOne(board, worst) : undefined);
    if (!move) {
      // The furthest rep cannot improve, so the largest deviation cannot fall further now.
      if (band === 0) return;
      stuck[worst] = 1;
      continue;
    }
    const from = board.owner[move.account];
    if (move.swapWith >= 0) assign(board, move.swapWith, from);
    if (move.alsoSwap !== undefined) assign(board, move.alsoSwap, from);
    assign(board, move.account, move.to);
    // Only the two reps whose loads changed can have new moves; the others stay stuck, which
    // keeps a board whose routing rules out balance from re-searching every rep after each move.
    stuck[from] = 0;
    stuck[move.to] = 0;
  }
}

/**
 * One pass of moves (and, on small boards, swaps) that lower Σ (load − target)² ÷ target
 * without raising the largest deviation. Returns whether anything changed.
 */
function evenOut(board: Board, withSwaps: boolean, beat: (share: number) => void): boolean {
  const ceiling = maxDeviation(board) + 1e-12;
  const repCount = board.reps.length;
  const spread = (r: number, extra: number) => {
    const gap = board.repLoad[r] + extra - board.target[r];
    return (gap * gap) / board.target[r];
  };
  const fits = (r: number, extra: number) => Math.abs(deviationOf(board, r, extra)) <= ceiling;
  let changed = false;
  for (let a = 0; a < board.accounts.length; a++) {
    if (a % (8 * BEAT_EVERY) === 8 * BEAT_EVERY - 1) beat(a / board.accounts.length);
    const r = board.owner[a];
    if (r < 0 || board.locked[a] || board.target[r] === 0) continue;
    const x = board.load[a];
    const reps = board.eligible[board.cell[a]];
    let bestGain = 1e-15;
    let bestRep = -1;
    for (let j = 0; j < reps.length; j++) {
      const s = reps[j];
      if (s === r || board.repCount[s] >= board.maxAccounts) continue;
      if (board.moved + moveCost(board, a, s) > board.moveBudget || !fits(r, -x) || !fits(s, x))
        continue;
      const gain = spread(r, 0) + spread(s, 0) - spread(r, -x) - spread(s, x);
      if (gain > bestGain) {
        bestGain = gain;
        bestRep = s;
      }
    }
    if (bestRep >= 0) {
      assign(board, a, bestRep);
      changed = true;
    }
  }
  if (!withSwaps) return changed;
  for (let a = 0; a < board.accounts.length; a++) {
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
      if (board.moved + moveCost(board, a, s) + moveCost(board, b, r) > board.moveBudget) continue;
      if (!fits(r, delta) || !fits(s, -delta)) continue;
      if (spread(r, 0) + spread(s, 0) - spread(r, delta) - spread(s, -delta) > 1e-15) {
        assign(board, a, s);
        assign(board, b, r);
        changed = true;
      }
    }
  }
  return changed;
}

/** Checks the input, then balances. Every account ends up assigned exactly once or listed as unassigned with a reason. */
export function balanceTerritories(
  input: TerritoryInput,
  /** Told the share of the work done; a run is cancelled by throwing from it. */
  onProgress: (done: number) => void = () => undefined
): Outcome<TerritoryResult> {
  const issues = validateTerritoryInput(input);
  if (issues.length > 0) return { ok: false, issues };
  onProgress(0.05);
  const { board, unassigned } = newBoard(input);
  const band = input.settings?.toleranceBand ?? 0;
  const pending: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    if (board.original[a] >= 0 && board.repCount[board.original[a]] < board.maxAccounts)
      assign(board, a, board.original[a]);
    else if (board.eligible[board.cell[a]].length > 0) pending.push(a);
  }
  placeLargestFirst(board, pending, unassigned);
  onProgress(0.3);

  // Repair the largest deviations; when they stall, even out the rest (which frees room
  // for the stuck rep through chains of moves) and try again.
  const rounds = board.accounts.length <= 5000 ? 40 : 3;
  let before = Infinity;
  for (let round = 0; round < rounds; round++) {
    // Long passes say they are still working (and so can be cancelled) as they go.
    const start = 0.3 + (0.65 * round) / rounds;
    const half = 0.65 / rounds / 2;
    reduceLargestDeviation(board, band, (share) => onProgress(start + half * share));
    onProgress(0.3 + (0.65 * (round + 0.5)) / rounds);
    const now = maxDeviation(board);
    if (band > 0 && now <= band) break;
    // A round that did not lower the largest deviation leaves the next one nothing new to try.
    if (now >= before - 1e-12) break;
    before = now;
    const middle = start + half;
    if (
      !evenOut(board, board.accounts.length <= 2000, (share) => onProgress(middle + half * share))
    )
      break;
    onProgress(0.3 + (0.65 * (round + 1)) / rounds);
  }
  const result = summarise(board, unassigned);
  onProgress(1);
  return { ok: true, value: result };
}

/** The plain greedy baseline benchmarks compare against: largest account to the lightest eligible rep per FTE, no continuity. */
export function greedyTerritories(input: TerritoryInput): Outcome<TerritoryResult> {
  const issues = validateTerritoryInput(input);
  if (issues.length > 0) return { ok: false, issues };
  const { board, unassigned } = newBoard({
    ...input,
    settings: { ...input.settings, maxMovedShare: 1 },
  });
  const pending: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    if (board.locked[a]) assign(board, a, board.original[a]);
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
    assign(board, a, best);
  }
  return { ok: true, value: summarise(board, unassigned) };
}
