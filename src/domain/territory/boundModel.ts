/**
 * The flow model behind the deviation bound (bound.ts explains the arithmetic): groups of
 * accounts with the same eligible reps, each rep's fixed (locked) load and target, and the
 * sets of reps that force the floor, found by Dinkelbach's iteration over minimum cuts.
 */
import { labelKey } from "../labels";
import type { Segment } from "./bound";
import type { Board } from "./board";
import { FlowNetwork } from "./maxFlow";
import type { Account } from "./types";

/**
 * The flow model of a board: reps' capacities and fixed loads, groups' loads and eligible
 * reps. Remedies change capacities and eligibility on a copy and solve again.
 */
export interface BoundModel {
  capacity: Float64Array;
  fixed: Float64Array;
  fixedPotential: Float64Array;
  groupLoad: Float64Array;
  groupPotential: Float64Array;
  groupAccounts: Int32Array;
  groupReps: Int32Array[];
  /** Routing cells of each group (as in board.cell), and the first account of each cell. */
  groupCells: number[][];
  cellAccount: Int32Array;
  routedLoad: number;
  routedPotential: number;
}

/** A tight set: its floor, its reps and which family of constraints it breaches. */
export interface Tight {
  t: number;
  direction: "over" | "under";
  reps: number[];
}

/** Gaps smaller than this (in shares of the load) are rounding. */
const BREACH_TOLERANCE = 1e-13;
/** Dinkelbach ends in a handful of steps; this only stops a stall in floating point. */
const MAX_STEPS = 100;
/** Two floors within this are the same (sets binding together). */
export const SAME_FLOOR = 1e-9;

/** Groups accounts by eligible reps; locked accounts become fixed load on their owner. */
export function boundModel(board: Board): BoundModel {
  const reps = board.reps.length;
  const fixed = new Float64Array(reps);
  const fixedPotential = new Float64Array(reps);
  const groupOfCell = new Int32Array(board.eligible.length).fill(-1);
  const byKey = new Map<string, number>();
  const groupReps: Int32Array[] = [];
  const groupCells: number[][] = [];
  board.eligible.forEach((list, c) => {
    if (list.length === 0) return;
    const key = Array.from(list).join(",");
    let g = byKey.get(key);
    if (g === undefined) {
      g = groupReps.length;
      byKey.set(key, g);
      groupReps.push(list);
      groupCells.push([]);
    }
    groupOfCell[c] = g;
    groupCells[g].push(c);
  });
  const cellAccount = new Int32Array(board.eligible.length).fill(-1);
  for (let a = board.accounts.length - 1; a >= 0; a--) cellAccount[board.cell[a]] = a;
  const groupLoad = new Float64Array(groupReps.length);
  const groupPotential = new Float64Array(groupReps.length);
  const groupAccounts = new Int32Array(groupReps.length);
  let routedLoad = 0;
  let routedPotential = 0;
  for (let a = 0; a < board.accounts.length; a++) {
    const potential = board.accounts[a].potential;
    if (board.locked[a]) {
      fixed[board.original[a]] += board.load[a];
      fixedPotential[board.original[a]] += potential;
    } else {
      const g = groupOfCell[board.cell[a]];
      if (g < 0) continue;
      groupLoad[g] += board.load[a];
      groupPotential[g] += potential;
      groupAccounts[g]++;
    }
    routedLoad += board.load[a];
    routedPotential += potential;
  }
  const capacity = Float64Array.from(board.reps, (rep) => rep.capacity);
  return {
    capacity,
    fixed,
    fixedPotential,
    groupLoad,
    groupPotential,
    groupAccounts,
    groupReps,
    groupCells,
    cellAccount,
    routedLoad,
    routedPotential,
  };
}

/** Each rep's target, as the board sets it: capacity ÷ total capacity × routed load. */
export function targetsOf(model: BoundModel): Float64Array {
  const total = model.capacity.reduce((s, c) => s + c, 0);
  return model.capacity.map((c) => (total > 0 ? (c / total) * model.routedLoad : 0));
}

/** The floor alone (no parts, no description): what remedies compare. */
export function floorOf(model: BoundModel): number {
  const target = targetsOf(model);
  if (!(model.routedLoad > 0)) return 0;
  const over = dinkelbach(model, target, "over")?.t ?? 0;
  const under = dinkelbach(model, target, "under")?.t ?? 0;
  return Math.max(0, over, under);
}

/**
 * The sets forcing the floor, highest first, split into independent parts (reps linked by
 * the groups the set is about) where each part forces the floor on its own; empty when the
 * floor is 0.
 */
export function tightSets(model: BoundModel): Tight[] {
  const target = targetsOf(model);
  if (!(model.routedLoad > 0)) return [];
  const found = [dinkelbach(model, target, "over"), dinkelbach(model, target, "under")]
    .filter((set): set is Tight => set !== undefined && set.t > 0)
    .sort((x, y) => y.t - x.t);
  if (found.length === 0) return [];
  const floor = found[0].t;
  return found
    .filter((set) => set.t >= floor - SAME_FLOOR)
    .flatMap((set) => {
      const parts = components(model, set).map((reps) => ({
        ...set,
        reps,
        t: ratio(model, target, set.direction, reps),
      }));
      const alone = parts.filter((part) => part.t >= floor - SAME_FLOOR);
      return alone.length ? alone.map((part) => ({ ...part, t: floor })) : [set];
    });
}

/** The highest floor one family of constraints forces, and a set forcing it. */
function dinkelbach(
  model: BoundModel,
  target: Float64Array,
  direction: "over" | "under"
): Tight | undefined {
  let t = 0;
  let best: number[] | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    const reps = mostInBreach(model, target, direction, t);
    if (reps.length === 0) break;
    const next = ratio(model, target, direction, reps);
    if (!(next > t)) break;
    t = next;
    best = reps;
  }
  return best && { t, direction, reps: best };
}

/**
 * The set R maximising over(R) − (1 + t)·T(R) (or (1 − t)·T(R) − under(R)), from the source
 * side of a minimum cut; empty when no set breaches by more than rounding.
 *   over:  source → group (L_g), source → rep (F_r), group → eligible rep (∞), rep → sink ((1 + t)·T_r).
 *          What cannot flow is max_R [F(R) + L(groups within R) − (1 + t)·T(R)].
 *   under: source → rep ((1 − t)·T_r), rep → group it may take (∞), group → sink (L_g), rep → sink (F_r).
 *          What cannot flow is max_R [(1 − t)·T(R) − F(R) − L(groups touching R)].
 */
function mostInBreach(
  model: BoundModel,
  target: Float64Array,
  direction: "over" | "under",
  t: number
): number[] {
  const reps = target.length;
  const groups = model.groupReps.length;
  const source = groups + reps;
  const sink = source + 1;
  const links = model.groupReps.reduce((s, list) => s + list.length, 0);
  const net = new FlowNetwork(sink + 1, links + groups + 2 * reps, model.routedLoad);
  let supply = 0;
  if (direction === "over") {
    model.groupLoad.forEach((load, g) => {
      net.add(source, g, load);
      model.groupReps[g].forEach((r) => net.add(g, groups + r, Infinity));
      supply += load;
    });
    for (let r = 0; r < reps; r++) {
      if (!(target[r] > 0)) continue;
      net.add(source, groups + r, model.fixed[r]);
      net.add(groups + r, sink, (1 + t) * target[r]);
      supply += model.fixed[r];
    }
  } else {
    for (let r = 0; r < reps; r++) {
      if (!(target[r] > 0)) continue;
      net.add(source, groups + r, (1 - t) * target[r]);
      net.add(groups + r, sink, model.fixed[r]);
      supply += (1 - t) * target[r];
    }
    model.groupLoad.forEach((load, g) => {
      model.groupReps[g].forEach((r) => net.add(groups + r, g, Infinity));
      net.add(g, sink, load);
    });
  }
  const shortfall = supply - net.maxFlow(source, sink);
  if (!(shortfall > BREACH_TOLERANCE * Math.max(model.routedLoad, 1e-300))) return [];
  const side = net.sourceSide(source);
  const set: number[] = [];
  for (let r = 0; r < reps; r++) if (side[groups + r] && target[r] > 0) set.push(r);
  return set;
}

/** The floor a set of reps forces: over(R) ÷ T(R) − 1, or 1 − under(R) ÷ T(R). */
export function ratio(
  model: BoundModel,
  target: Float64Array,
  direction: "over" | "under",
  reps: number[]
): number {
  const { load, targetSum } = setLoad(model, target, direction, reps);
  if (!(targetSum > 0)) return 0;
  return direction === "over" ? load / targetSum - 1 : 1 - load / targetSum;
}

/**
 * What a set of reps carries at least (over: fixed load plus groups only they may take) or
 * at most (under: fixed load plus every group one of them may take), and which groups.
 */
export function setLoad(
  model: BoundModel,
  target: Float64Array,
  direction: "over" | "under",
  reps: readonly number[]
): { load: number; potential: number; locked: number; targetSum: number; groups: number[] } {
  const inSet = new Uint8Array(target.length);
  let load = 0;
  let potential = 0;
  let locked = 0;
  let targetSum = 0;
  for (const r of reps) {
    inSet[r] = 1;
    load += model.fixed[r];
    locked += model.fixed[r];
    potential += model.fixedPotential[r];
    targetSum += target[r];
  }
  const groups: number[] = [];
  model.groupReps.forEach((list, g) => {
    const inside = list.filter((r) => inSet[r]).length;
    if (direction === "over" ? inside === list.length : inside > 0) {
      groups.push(g);
      load += model.groupLoad[g];
      potential += model.groupPotential[g];
    }
  });
  return { load, potential, locked, targetSum, groups };
}

/** A set's reps split into parts no group of the set links (union–find over its groups). */
function components(model: BoundModel, set: Tight): number[][] {
  const inSet = new Uint8Array(model.capacity.length);
  set.reps.forEach((r) => (inSet[r] = 1));
  const parent = Int32Array.from(model.capacity, (_, r) => r);
  const root = (r: number): number => {
    while (parent[r] !== r) r = parent[r] = parent[parent[r]];
    return r;
  };
  for (const g of setLoad(model, targetsOf(model), set.direction, set.reps).groups) {
    const members = model.groupReps[g].filter((r) => inSet[r]);
    for (const r of members) parent[root(r)] = root(members[0]);
  }
  const parts = new Map<number, number[]>();
  for (const r of set.reps) {
    const part = parts.get(root(r));
    if (part) part.push(r);
    else parts.set(root(r), [r]);
  }
  return [...parts.values()];
}

/**
 * The regions, industries and size tiers of some routing cells, each as first spelled in the
 * accounts; an attribute holding every value of `every` is null ("any").
 */
export function segmentOf(
  accounts: readonly Account[],
  model: BoundModel,
  cells: number[],
  every: Segment | null
): Segment {
  const values = (field: "region" | "industry" | "sizeTier", all: string[] | null) => {
    const seen = new Map<string, string>();
    for (const c of cells) {
      const value = accounts[model.cellAccount[c]][field];
      if (!seen.has(labelKey(value))) seen.set(labelKey(value), value);
    }
    const list = [...seen.values()].sort();
    return all !== null && list.length === all.length ? null : list;
  };
  return {
    regions: values("region", every ? (every.regions ?? []) : null),
    industries: values("industry", every ? (every.industries ?? []) : null),
    sizeTiers: values("sizeTier", every ? (every.sizeTiers ?? []) : null),
  };
}
