/**
 * Stage-to-stage win probabilities from observed steps, as an absorbing Markov chain: the
 * open stages are transient, won and lost absorb. Counting the steps estimates the
 * transition matrix P = [Q R; 0 I]; the fundamental matrix N = (I − Q)⁻¹ gives the
 * absorption probabilities B = N·R and the expected steps to close t = N·1 (Kemeny and
 * Snell 1960, ch. III). N is never formed: (I − Q)·x = b is solved by LU for each b.
 */
import { create, lupDependencies, lusolveDependencies } from "mathjs";
import { Column } from "./column";
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

/** Slots of StateMemo's table: a power of two, twice the spellings it keeps. */
const SLOTS = 64;
const KEPT = SLOTS / 2;

/**
 * The chain state of each label: an open stage's index, n for won, n + 1 for lost, or
 * BLANK / UNKNOWN. A column holds a handful of spellings repeated a million times, so they
 * sit in a small open-addressed table hashed on the label's length and last character
 * (no pass over the whole string, as a Map's hash would make) and compared with ===,
 * a pointer comparison when the cells share one string. Each spelling is classified
 * (trimmed, lower-cased, looked up) once; past KEPT spellings, in a map.
 */
class StateMemo {
  // Built by push, so the array is packed (a holey one makes each comparison generic).
  private readonly keys: string[] = [];
  private readonly filled = new Uint8Array(SLOTS);
  private readonly states = new Int32Array(SLOTS);
  private kept = 0;
  private readonly rest = new Map<string, number>();

  constructor(private readonly classify: (label: string) => number) {
    for (let k = 0; k < SLOTS; k++) this.keys.push("");
    // The blank label owns slot 0, so the "" filling the empty slots never matches it.
    this.filled[0] = 1;
    this.states[0] = classify("");
    this.kept = 1;
  }

  get(label: string): number {
    const n = label.length;
    let h = n === 0 ? 0 : (label.charCodeAt(n - 1) * 31 + n) & (SLOTS - 1);
    for (;;) {
      if (this.keys[h] === label) return this.states[h];
      if (this.filled[h] === 0) return this.miss(label, h);
      h = (h + 1) & (SLOTS - 1);
    }
  }

  /** A spelling not in the table: classified, and kept in the empty slot `h` while there is room. */
  private miss(label: string, h: number): number {
    let state = this.rest.get(label);
    if (state === undefined) {
      state = this.classify(label);
      this.rest.set(label, state);
    }
    if (this.kept < KEPT) {
      this.keys[h] = label;
      this.filled[h] = 1;
      this.states[h] = state;
      this.kept++;
    }
    return state;
  }
}

/**
 * Observed steps counted into an n × (n + 2) table, flat and row by row: open stages, then
 * won, then lost. One pass over both columns; a row is only looked at twice when one of
 * its cells is blank or unknown, to say which.
 */
export function countSteps(
  from: Column<string>,
  to: Column<string>,
  stageNames: readonly string[],
  wonLabel = "Won",
  lostLabel = "Lost"
): Float64Array {
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
  const state = new StateMemo((label) => {
    const outcome = outcomeOf.get(label);
    if (outcome === WON) return n;
    if (outcome === LOST) return n + 1;
    const key = labelKey(label);
    return key === "" ? BLANK : (index.get(key) ?? UNKNOWN);
  });
  const width = n + 2;
  const counts = new Float64Array(n * width);
  const rows = from.length;
  for (let i = 0; i < rows; i++) {
    const a = from.get(i);
    const b = to.get(i);
    const s = state.get(a);
    const t = state.get(b);
    // Blank or unknown on either side: both blank is a row selected past the data.
    if ((s | t) < 0) {
      refuseStep(s, t, a, b, i);
      continue;
    }
    // From won or lost: absorbed, no step of the chain.
    if (s < n) counts[s * width + t]++;
  }
  return counts;
}

/** Throws for a row with an unknown stage or half a step; returns when both cells are blank. */
function refuseStep(s: number, t: number, a: string, b: string, i: number): void {
  const where = (field: string) => ({ field, row: i + 1 });
  const check = (state: number, other: number, label: string, field: string) => {
    if (state === UNKNOWN)
      throw naError(functionProblem("unknownStage", { label, field, row: i + 1 }), where(field));
    if (state === BLANK && other !== BLANK)
      throw valueError(functionProblem("blankInRow", { field, row: i + 1 }), where(field));
  };
  check(s, t, a, "from_stages");
  check(t, s, b, "to_stages");
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
  const flat = countSteps(from, to, stageNames, wonLabel, lostLabel);
  const n = stageNames.length;
  const counts = Array.from({ length: n }, (_, i) =>
    Array.from(flat.subarray(i * (n + 2), (i + 1) * (n + 2)))
  );
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
