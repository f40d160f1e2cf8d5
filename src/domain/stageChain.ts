/**
 * Stage-to-stage win probabilities from observed steps, as an absorbing Markov chain: the
 * open stages are transient, won and lost absorb. Counting the steps estimates the
 * transition matrix P = [Q R; 0 I]; the fundamental matrix N = (I − Q)⁻¹ gives the
 * absorption probabilities B = N·R and the expected steps to close t = N·1 (Kemeny and
 * Snell 1960, ch. III). N is never formed: (I − Q)·x = b is solved by LU for each b.
 */
import { create, lupDependencies, lusolveDependencies } from "mathjs";
import { Column, LabelMemo } from "./column";
import { naError, numError, PlanError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { labelKey, stageIndex } from "./labels";
import { outcomeOfStage, LOST, WON } from "./winRate";

const math = create({ lupDependencies, lusolveDependencies });

export interface StageOdds {
  readonly win: number;
  readonly loss: number;
  /** Expected steps (snapshot intervals) until the deal is won or lost. */
  readonly steps: number;
}

export interface StageChainRow {
  readonly stage: string;
  /** The stage's odds, or why the data cannot give them (#N/A: never left; #NUM!: may never close). */
  readonly odds: StageOdds | PlanError;
}

const BLANK = -1;
const UNKNOWN = -2;

/** Observed steps counted into a (n × (n + 2)) table: open stages, then won, then lost. */
function countSteps(
  from: Column<string>,
  to: Column<string>,
  stageNames: readonly string[],
  wonLabel: string,
  lostLabel: string
): number[][] {
  if (from.length !== to.length)
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "from_stages",
        firstCount: from.length,
        field: "to_stages",
        count: to.length,
      }),
      { field: "to_stages" }
    );
  const outcomeOf = outcomeOfStage(wonLabel, lostLabel);
  const index = stageIndex(stageNames);
  const n = stageNames.length;
  stageNames.forEach((name, i) => {
    if (outcomeOf.get(name) !== 0)
      throw valueError(functionProblem("stageIsOutcome", { name, row: i + 1 }), {
        field: "stage_names",
        row: i + 1,
      });
  });
  const state = new LabelMemo((label) => {
    const outcome = outcomeOf.get(label);
    if (outcome === WON) return n;
    if (outcome === LOST) return n + 1;
    const key = labelKey(label);
    return key === "" ? BLANK : (index.get(key) ?? UNKNOWN);
  });
  const counts = Array.from({ length: n }, () => new Array<number>(n + 2).fill(0));
  const stateAt = (column: Column<string>, field: string, i: number, other: number) => {
    const label = column.get(i);
    const s = state.get(label);
    if (s === UNKNOWN)
      throw naError(functionProblem("unknownStage", { label, field, row: i + 1 }), {
        field,
        row: i + 1,
      });
    if (s === BLANK && other !== BLANK)
      throw valueError(functionProblem("blankInRow", { field, row: i + 1 }), { field, row: i + 1 });
    return s;
  };
  for (let i = 0; i < from.length; i++) {
    const a = state.get(from.get(i));
    const b = state.get(to.get(i));
    const s = stateAt(from, "from_stages", i, b);
    const t = stateAt(to, "to_stages", i, a);
    // Both blank: a row selected past the data. From won or lost: absorbed, no step of the chain.
    if (s === BLANK || s >= n) continue;
    counts[s][t]++;
  }
  return counts;
}

/**
 * For each open stage, in funnel order: the probability of being won, of being lost, and
 * the expected number of steps until either, estimated from the observed steps.
 */
export function stageChain(
  from: Column<string>,
  to: Column<string>,
  stageNames: readonly string[],
  wonLabel = "Won",
  lostLabel = "Lost"
): StageChainRow[] {
  if (stageNames.length === 0)
    throw valueError(functionProblem("isEmpty", { field: "stage_names" }), {
      field: "stage_names",
    });
  const counts = countSteps(from, to, stageNames, wonLabel, lostLabel);
  const n = stageNames.length;
  const names = stageNames.map((name) => name.trim());
  const totals = counts.map((row) => row.reduce((sum, c) => sum + c, 0));
  const neverLeft = counts.map((row, i) => totals[i] - row[i] === 0);
  // reach[i][j]: stage j can follow stage i, directly or through other open stages.
  const reach = counts.map((row, i) => row.slice(0, n).map((c, j) => c > 0 && j !== i));
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      if (reach[i][k]) for (let j = 0; j < n; j++) reach[i][j] ||= reach[k][j];
  const closesDirectly = counts.map((row) => row[n] + row[n + 1] > 0);
  const canClose = closesDirectly.map(
    (direct, i) => direct || reach[i].some((r, j) => r && closesDirectly[j])
  );
  const odds: (StageOdds | PlanError | undefined)[] = names.map((stage, i) => {
    const ahead = (j: number) => j === i || reach[i][j];
    if (neverLeft[i])
      return naError(functionProblem("stageNeverLeft", { stage }), { field: "from_stages" });
    const unknown = neverLeft.findIndex((never, j) => never && ahead(j));
    if (unknown >= 0)
      return naError(functionProblem("stageLeadsToNeverLeft", { stage, other: names[unknown] }), {
        field: "from_stages",
      });
    const trap = canClose.findIndex((can, j) => !can && ahead(j));
    if (trap >= 0)
      return numError(
        trap === i
          ? functionProblem("stageNeverCloses", { stage })
          : functionProblem("stageMayNeverClose", { stage, other: names[trap] }),
        { field: "from_stages" }
      );
    return undefined;
  });
  // The stages whose odds are known lead only to each other: (I − Q) on them is invertible.
  const known = odds.flatMap((o, i) => (o === undefined ? [i] : []));
  if (known.length > 0) {
    const iMinusQ = known.map((i) =>
      known.map((j) => (i === j ? 1 : 0) - counts[i][j] / totals[i])
    );
    const solve = solver(iMinusQ);
    const win = solve(known.map((i) => counts[i][n] / totals[i]));
    const loss = solve(known.map((i) => counts[i][n + 1] / totals[i]));
    const steps = solve(known.map(() => 1));
    known.forEach((i, k) => {
      // Rounding can leave a probability a hair outside [0, 1].
      odds[i] = { win: clamp01(win[k]), loss: clamp01(loss[k]), steps: steps[k] };
    });
  }
  return names.map((stage, i) => ({ stage, odds: odds[i]! }));
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function solver(matrix: number[][]): (b: number[]) => number[] {
  const failed = () => numError(functionProblem("chainNotSolvable"), { field: "from_stages" });
  let lu: ReturnType<typeof math.lup>;
  try {
    lu = math.lup(matrix);
  } catch {
    throw failed();
  }
  return (b) => {
    let x: number[];
    try {
      x = (math.lusolve(lu, b).valueOf() as number[][]).map((row) => row[0]);
    } catch {
      throw failed();
    }
    if (!x.every(Number.isFinite)) throw failed();
    return x;
  };
}
