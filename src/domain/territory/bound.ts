/**
 * The lowest largest deviation any assignment could reach under a run's routing rules, locks
 * and capacities, even splitting accounts between reps: a floor under the engine's
 * `maxAbsDeviation`, the reps and accounts that force it, and what would lift it.
 *
 * Same definitions as the run (board.ts): each account's load share, each staffed rep's
 * target (capacity ÷ total capacity × routed load), locked accounts fixed on their owner,
 * accounts no rep may take left out, and the deviation (load − target) ÷ target over reps with
 * a target. Continuity and the accounts cap only restrict the engine further, so its result is
 * never below this floor (except where the accounts cap leaves accounts unassigned: a dropped
 * account lightens a rep in a way no assignment of every account can).
 *
 * The arithmetic. Accounts with the same eligible reps form a group of load L_g; rep r has
 * target T_r and fixed (locked) load F_r. A split of every group over its eligible reps keeps
 * every staffed rep within [(1 − t)·T_r, (1 + t)·T_r] if and only if (Hoffman's circulation
 * theorem on source → group → rep → sink) for every set R of staffed reps
 *   over:  F(R) + L(groups whose eligible reps all lie in R) ≤ (1 + t)·T(R), and
 *   under: F(R) + L(groups with an eligible rep in R)        ≥ (1 − t)·T(R).
 * So the floor is t* = max(0, max_R over(R) ÷ T(R) − 1, max_R 1 − under(R) ÷ T(R)), and as
 * T(R) ÷ routed load is R's share of capacity, each term reads "R must carry x% of the load on
 * y% of the capacity". Each maximum is found exactly by Dinkelbach's iteration: at t, a minimum
 * cut gives the set R most in breach (max of over(R) − (1 + t)·T(R)); its own ratio is the next
 * t, which rises strictly until no set is in breach (a handful of max-flows in practice).
 */
import { validateTerritoryInput } from "./validation";
import type { Outcome } from "../outcome";
import { Board } from "./board";
import type { TerritoryInput } from "./types";
import {
  boundModel,
  SAME_FLOOR,
  segmentOf,
  setLoad,
  targetsOf,
  tightSets,
  type BoundModel,
  type Tight,
} from "./boundModel";
import { remediesFor } from "./boundRemedies";

/** Accounts by region, industry and size tier; null where the set holds every value the plan routes. */
export interface Segment {
  regions: string[] | null;
  industries: string[] | null;
  sizeTiers: string[] | null;
}

/** Accounts with the same eligible reps. */
export interface BoundGroup {
  segment: Segment;
  accounts: number;
  /** Share of the routed load (0–1) and of the routed potential. */
  loadShare: number;
  potentialShare: number;
  repIds: string[];
}

/** A set of reps whose share of the load cannot match their share of capacity. */
export interface BindingSet {
  /**
   * "over": the groups can go only to these reps, which then carry more than their share;
   * "under": these reps can take only these groups, which hold less than their share.
   */
  direction: "over" | "under";
  repIds: string[];
  fte: number;
  /** The reps' share of all capacity: their share of the load at a perfect balance. */
  capacityShare: number;
  /** Share of the routed load the reps must carry (over) or can at most get (under), locked accounts included. */
  loadShare: number;
  potentialShare: number;
  /** Of loadShare, the part locked to these reps. */
  lockedShare: number;
  /** loadShare ÷ capacityShare − 1 (over) or 1 − loadShare ÷ capacityShare (under): the floor this set forces. */
  deviation: number;
  /** All the groups' accounts together, and each group. */
  segment: Segment;
  groups: BoundGroup[];
}

export type Remedy =
  /**
   * FTE to add, set by set: hires who cover what the set's reps cover ("APAC reps"), in
   * proportion to their FTE; `deviationAfter` is the floor once all steps are made.
   */
  | {
      kind: "addFte";
      fte: number;
      steps: { repIds: string[]; fte: number }[];
      deviationAfter: number;
    }
  /** FTE moved between reps (from one group of reps to another), in proportion to their FTE. */
  | {
      kind: "moveFte";
      fte: number;
      steps: { fromRepIds: string[]; toRepIds: string[]; fte: number }[];
      deviationAfter: number;
    }
  /** `repIds` (reps alike in what they cover) would also cover `segment`. */
  | { kind: "widenCoverage"; repIds: string[]; segment: Segment; deviationAfter: number };

export interface DeviationBound {
  /** The lowest largest |deviation| any assignment can reach: a share, like maxAbsDeviation. */
  lowestPossibleDeviation: number;
  /** The tolerance band the remedies aim for. */
  band: number;
  /** The sets that force the floor (none when a perfect balance is possible). */
  binding: BindingSet[];
  /** What would bring the floor within the band; none when it already is. */
  remedies: Remedy[];
}

/** The floor for a run's input, its binding sets and remedies within the input's band (or `band`). */
export function lowestPossibleDeviation(
  input: TerritoryInput,
  band = input.settings?.toleranceBand ?? 0
): Outcome<DeviationBound> {
  const issues = validateTerritoryInput(input);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: boundOfBoard(new Board(input), band) };
}

/**
 * The same for a board already built (a run can share its own); `beat` is called between the
 * remedies' solves, so a run can report progress (and be cancelled) while they are sought.
 */
export function boundOfBoard(
  board: Board,
  band: number,
  beat: () => void = () => undefined
): DeviationBound {
  const model = boundModel(board);
  const tight = tightSets(model);
  const floor = tight.length ? tight[0].t : 0;
  const every = segmentOf(
    board.accounts,
    model,
    model.groupCells.flatMap((cells) => cells),
    null
  );
  const binding = tight.map((set) => describe(board, model, set, every));
  const remedies =
    floor > band + SAME_FLOOR
      ? remediesFor(board.accounts, board.reps, model, tight, binding, band, every, beat)
      : [];
  return { lowestPossibleDeviation: floor, band, binding, remedies };
}

/** A tight set in the terms a pane shows: reps, shares and the segment of their groups. */
function describe(board: Board, model: BoundModel, set: Tight, everyValue: Segment): BindingSet {
  const target = targetsOf(model);
  const { load, potential, locked, groups } = setLoad(model, target, set.direction, set.reps);
  const totalFte = model.capacity.reduce((s, c) => s + c, 0);
  const fte = set.reps.reduce((s, r) => s + model.capacity[r], 0);
  const share = (x: number, of: number) => (of > 0 ? x / of : 0);
  return {
    direction: set.direction,
    repIds: set.reps.map((r) => board.reps[r].id),
    fte,
    capacityShare: share(fte, totalFte),
    loadShare: share(load, model.routedLoad),
    potentialShare: share(potential, model.routedPotential),
    lockedShare: share(locked, model.routedLoad),
    deviation: set.t,
    segment: segmentOf(
      board.accounts,
      model,
      groups.flatMap((g) => model.groupCells[g]),
      everyValue
    ),
    groups: groups.map((g) => ({
      segment: segmentOf(board.accounts, model, model.groupCells[g], everyValue),
      accounts: model.groupAccounts[g],
      loadShare: share(model.groupLoad[g], model.routedLoad),
      potentialShare: share(model.groupPotential[g], model.routedPotential),
      repIds: Array.from(model.groupReps[g], (r) => board.reps[r].id),
    })),
  };
}
