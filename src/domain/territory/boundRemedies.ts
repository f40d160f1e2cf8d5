/**
 * What would bring the deviation floor within the tolerance band b, for each set of reps that
 * forces it, each remedy with the floor it would leave (solved again exactly: fixing one set
 * can leave another, or make one worse, since every target moves with the total capacity).
 *
 * With C the total FTE, C_R the set's FTE and a its share of the routed load (what it must
 * carry, "over", or can at most get, "under"), the set forces a ÷ (C_R ÷ C) − 1 or
 * 1 − a ÷ (C_R ÷ C). Within the band means C_R ÷ C ≥ q = a ÷ (1 + b) (over) or
 * C_R ÷ C ≤ q = a ÷ (1 − b) (under), so:
 *   over,  add Δ FTE to R:           (C_R + Δ) ÷ (C + Δ) = q   →  Δ = (q·C − C_R) ÷ (1 − q);
 *   over,  move m FTE into R:        (C_R + m) ÷ C = q          →  m = q·C − C_R;
 *   under, add Δ FTE to the others:  C_R ÷ (C + Δ) = q          →  Δ = C_R ÷ q − C;
 *   under, move m FTE out of R:      (C_R − m) ÷ C = q          →  m = C_R − q·C.
 * FTE added or moved is spread over reps in proportion to their FTE (which leaves every
 * group's eligible reps as they are). Widening coverage lets reps alike in what they cover
 * (a "profile") also take the set's accounts (over) or lets the set's reps also take what a
 * profile takes (under); the few profiles that lower the floor most are kept.
 */
import type { BindingSet, Remedy, Segment } from "./bound";
import {
  floorOf,
  SAME_FLOOR,
  segmentOf,
  setLoad,
  targetsOf,
  tightSets,
  type BoundModel,
  type Tight,
} from "./boundModel";
import { labelKey } from "../labels";
import type { Account, Rep } from "./types";

/** Profiles tried for widening (those with the most FTE) and widenings kept per set. */
const PROFILES_TRIED = 12;
const WIDENINGS_KEPT = 3;
/** Steps of an FTE plan at most; each closes most of the gap left (see ftePlan). */
const PLAN_STEPS = 60;

export function remediesFor(
  accounts: readonly Account[],
  reps: readonly Rep[],
  model: BoundModel,
  tight: readonly Tight[],
  binding: readonly BindingSet[],
  band: number,
  /** Every value the plan routes, for naming the segments a widening adds. */
  every: Segment,
  /** Called between solves: what lets a run report progress meanwhile. */
  beat: () => void = () => undefined
): Remedy[] {
  const floor = floorOf(model);
  const plans = [ftePlan(reps, model, band, "add", beat), ftePlan(reps, model, band, "move", beat)];
  return [
    ...plans.filter((plan): plan is Remedy => plan !== undefined),
    ...tight.flatMap((set, i) =>
      widenings(accounts, reps, model, set, binding[i], floor, every, beat)
    ),
  ];
}

/**
 * FTE added (or moved) set by set: each step takes the set forcing the floor now and gives
 * it exactly what brings it to the band (formulas above), then solves again, until the floor
 * is within the band. One step is exact for its set; later steps exist because every target
 * moves with the total capacity (adding to APAC raises the share EMEA must carry), so the
 * steps close in on the band geometrically and PLAN_STEPS bounds them.
 */
function ftePlan(
  reps: readonly Rep[],
  model: BoundModel,
  band: number,
  mode: "add" | "move",
  beat: () => void
): Remedy | undefined {
  const capacity = Float64Array.from(model.capacity);
  // A move never takes FTE from reps that have just received it, nor gives to a set it shrinks.
  const received = new Uint8Array(reps.length);
  const steps = new Map<string, FteStep>();
  let floor = Infinity;
  for (let step = 0; step < PLAN_STEPS; step++) {
    beat();
    const now = { ...model, capacity };
    const set = tightSets(now)[0];
    floor = set ? set.t : 0;
    if (floor <= band + SAME_FLOOR) break;
    const change = stepFor(now, set, band, mode, received);
    if (!change) break;
    scale(capacity, change.to, change.fte);
    if (change.from.length) scale(capacity, change.from, -change.fte);
    change.to.forEach((r) => (received[r] = 1));
    const key = `${change.from.join(",")}>${change.to.join(",")}`;
    const before = steps.get(key);
    steps.set(key, { ...change, fte: (before?.fte ?? 0) + change.fte });
  }
  if (steps.size === 0) return undefined;
  const ids = (list: number[]) => list.map((r) => reps[r].id);
  const list = [...steps.values()];
  const fte = list.reduce((s, x) => s + x.fte, 0);
  const deviationAfter = floorOf({ ...model, capacity });
  return mode === "add"
    ? {
        kind: "addFte",
        fte,
        steps: list.map((x) => ({ repIds: ids(x.to), fte: x.fte })),
        deviationAfter,
      }
    : {
        kind: "moveFte",
        fte,
        steps: list.map((x) => ({ fromRepIds: ids(x.from), toRepIds: ids(x.to), fte: x.fte })),
        deviationAfter,
      };
}

interface FteStep {
  /** Reps losing FTE (none when adding) and reps gaining it, in proportion to their FTE. */
  from: number[];
  to: number[];
  fte: number;
}

/** What brings one set to the band, by the formulas at the top; undefined when nothing can. */
function stepFor(
  model: BoundModel,
  set: Tight,
  band: number,
  mode: "add" | "move",
  received: Uint8Array
): FteStep | undefined {
  const { capacity } = model;
  const C = capacity.reduce((s, c) => s + c, 0);
  const inSet = new Uint8Array(capacity.length);
  set.reps.forEach((r) => (inSet[r] = 1));
  const CR = set.reps.reduce((s, r) => s + capacity[r], 0);
  const a = setLoad(model, targetsOf(model), set.direction, set.reps).load / model.routedLoad;
  const staffed = (keep: (r: number) => boolean) =>
    Array.from(capacity.keys()).filter((r) => capacity[r] > 0 && keep(r));
  const others = staffed((r) => !inSet[r]);
  if (set.direction === "over") {
    const q = a / (1 + band);
    if (mode === "add")
      return q < 1 ? { from: [], to: set.reps, fte: (q * C - CR) / (1 - q) } : undefined;
    const donors = staffed((r) => !inSet[r] && !received[r]);
    const fte = q * C - CR;
    const spare = donors.reduce((s, r) => s + capacity[r], 0);
    return donors.length && fte < spare ? { from: donors, to: set.reps, fte } : undefined;
  }
  if (!(band < 1)) return undefined;
  const q = a / (1 - band);
  if (mode === "add")
    return q > 0 && others.length ? { from: [], to: others, fte: CR / q - C } : undefined;
  const fte = CR - q * C;
  return others.length && fte < CR ? { from: set.reps, to: others, fte } : undefined;
}

/** Adds `fte` over `reps` in proportion to their FTE (or takes it, when negative). */
function scale(capacity: Float64Array, reps: number[], fte: number): void {
  const total = reps.reduce((s, r) => s + capacity[r], 0);
  if (total > 0) reps.forEach((r) => (capacity[r] *= (total + fte) / total));
}

/** Reps outside the set, by what they cover, the profiles with the most FTE first. */
function profilesOutside(reps: readonly Rep[], inSet: Uint8Array): number[][] {
  const key = (list: string[]) => list.map(labelKey).sort().join("\u0001");
  const byKey = new Map<string, number[]>();
  reps.forEach((rep, r) => {
    if (inSet[r] || !(rep.capacity > 0)) return;
    const k = [rep.regions, rep.industries, rep.sizeTiers].map(key).join("\u0000");
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  });
  const fte = (list: number[]) => list.reduce((s, r) => s + reps[r].capacity, 0);
  return [...byKey.values()].sort((x, y) => fte(y) - fte(x)).slice(0, PROFILES_TRIED);
}

function widenings(
  accounts: readonly Account[],
  reps: readonly Rep[],
  model: BoundModel,
  set: Tight,
  described: BindingSet,
  floor: number,
  every: Segment,
  beat: () => void
): Remedy[] {
  const inSet = new Uint8Array(reps.length);
  set.reps.forEach((r) => (inSet[r] = 1));
  const touches = (list: Int32Array, mark: Uint8Array) => list.some((r) => mark[r] === 1);
  const found: Remedy[] = [];
  for (const profile of profilesOutside(reps, inSet)) {
    beat();
    const inProfile = new Uint8Array(reps.length);
    profile.forEach((r) => (inProfile[r] = 1));
    // over: the profile also takes the groups only the set may take;
    // under: the set also takes the groups the profile takes that it may not.
    const widened = model.groupReps.map((list) =>
      set.direction === "over"
        ? list.every((r) => inSet[r] === 1)
          ? Int32Array.from([...list, ...profile])
          : list
        : touches(list, inProfile) && !touches(list, inSet)
          ? Int32Array.from([...list, ...set.reps])
          : list
    );
    const deviationAfter = floorOf({ ...model, groupReps: widened });
    if (!(deviationAfter < floor - SAME_FLOOR)) continue;
    const newlyCovered = widened.flatMap((list, g) =>
      list !== model.groupReps[g] ? model.groupCells[g] : []
    );
    found.push({
      kind: "widenCoverage",
      repIds: (set.direction === "over" ? profile : set.reps).map((r) => reps[r].id),
      segment:
        set.direction === "over"
          ? described.segment
          : segmentOf(accounts, model, newlyCovered, every),
      deviationAfter,
    });
  }
  return found.sort((x, y) => x.deviationAfter - y.deviationAfter).slice(0, WIDENINGS_KEPT);
}
