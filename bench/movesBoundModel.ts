/**
 * The fewest accounts any assignment must move to reach a given largest deviation D, as
 * linear programmes HiGHS solves (issue 18: "accounts moved ≤ 1.1× the fewest moves any
 * assignment needs to reach the same largest deviation").
 *
 * Everything is read from the engine's own Board, so load, target and deviation are the
 * engine's: load = each account's share of the total, target = capacity share of the routed
 * load, deviation = (load − target) ÷ target over reps with a target (metrics.ts). A move is
 * what metrics.ts counts: an assigned account whose current owner is set and is not the rep
 * it ends on — accounts, not potential.
 *
 * Two relaxations, equal in value (a cross-check of each other), and the exact MIP:
 * - groups: accounts with the same routing cell and the same current owner are alike but
 *   for their load. y[g][r] = load of group g placed on rep r. Moving load M away from the
 *   owner takes at least f_g(M) accounts, f_g the convex piecewise-linear curve through
 *   (k, sum of the k largest loads): m_g ≥ (k − 1) + (M − S_{k−1}) ÷ l_k for every k.
 * - accounts: x[a][r] ∈ [0, 1], moves = Σ (1 − x[a][owner]). Its optimum moves the largest
 *   accounts first, fractionally, which is exactly f_g: the same value.
 * - the MIP: the accounts' model with x binary, started from the engine's assignment.
 */
import type { Highs, ModelData } from "highs";
import type { Board } from "../src/domain/territory/board";

/** Loads are scaled so the average account weighs 1: coefficients near 1 suit the solver. */
interface Problem {
  board: Board;
  /** Largest |deviation| allowed. */
  limit: number;
  scale: number;
  /** Rep of each account's current owner; −1 with no owner; −2 with an owner no rep is or one it may not keep. */
  owner: Int32Array;
  /** Load already fixed on each rep by locked accounts, scaled. */
  fixed: Float64Array;
}

export function problemOf(board: Board, limit: number): Problem {
  const repIndex = new Map(board.reps.map((rep, r) => [rep.id, r]));
  const n = board.accounts.length;
  const owner = new Int32Array(n);
  const fixed = new Float64Array(board.reps.length);
  const scale = n;
  for (let a = 0; a < n; a++) {
    const id = board.accounts[a].currentOwner;
    const r = id ? (repIndex.get(id) ?? -2) : -1;
    const eligible = r >= 0 && board.eligible[board.cell[a]].includes(r);
    owner[a] = r === -1 ? -1 : eligible || board.locked[a] ? r : -2;
    if (board.locked[a] && r >= 0) fixed[r] += board.load[a] * scale;
  }
  return { board, limit, scale, owner, fixed };
}

/** Whether account a is placed by the assignment (not locked, and some rep may own it). */
const free = (board: Board, a: number) =>
  !board.locked[a] && board.eligible[board.cell[a]].length > 0;

/** Columns and rows built one by one, handed to HiGHS as a column-wise matrix. */
class ModelBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: (0 | 1)[] = [];
  private readonly entries: [number[], number[]][] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  offset = 0;

  column(cost: number, lower: number, upper: number, integer = false): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    this.entries.push([[], []]);
    return this.cost.length - 1;
  }

  row(lower: number, upper: number): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    return this.rowLower.length - 1;
  }

  set(row: number, column: number, value: number): void {
    this.entries[column][0].push(row);
    this.entries[column][1].push(value);
  }

  get columns(): number {
    return this.cost.length;
  }

  model(): ModelData {
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const [rows, coefficients] of this.entries) {
      indices.push(...rows);
      values.push(...coefficients);
      starts.push(indices.length);
    }
    return {
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      offset: this.offset,
      colCost: this.cost,
      colLower: this.lower,
      colUpper: this.upper,
      rowLower: this.rowLower,
      rowUpper: this.rowUpper,
      matrix: {
        format: "csc",
        numRows: this.rowLower.length,
        numCols: this.cost.length,
        starts,
        indices,
        values,
      },
      integrality: this.integer.some((i) => i) ? this.integer : undefined,
    };
  }
}

/** One band row per rep with a target: target·(1 − D) ≤ load ≤ target·(1 + D). */
function bandRows(m: ModelBuilder, p: Problem): Int32Array {
  const rows = new Int32Array(p.board.reps.length).fill(-1);
  p.board.target.forEach((target, r) => {
    if (!(target > 0)) return;
    const t = target * p.scale;
    rows[r] = m.row(t * (1 - p.limit) - p.fixed[r], t * (1 + p.limit) - p.fixed[r]);
  });
  return rows;
}

/** The group relaxation: accounts alike in routing cell and owner pooled. */
export function groupModel(p: Problem): { model: ModelData; groups: number } {
  const { board } = p;
  const groups = new Map<string, number[]>();
  for (let a = 0; a < board.accounts.length; a++) {
    if (!free(board, a)) continue;
    const key = `${board.cell[a]}:${p.owner[a]}`;
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  const m = new ModelBuilder();
  const band = bandRows(m, p);
  for (const members of groups.values()) {
    const cell = board.cell[members[0]];
    const owner = p.owner[members[0]];
    const loads = members.map((a) => board.load[a] * p.scale).sort((x, y) => y - x);
    const total = loads.reduce((s, l) => s + l, 0);
    const assign = m.row(total, total);
    let kept = -1;
    for (const r of board.eligible[cell]) {
      const y = m.column(0, 0, total);
      m.set(assign, y, 1);
      if (band[r] >= 0) m.set(band[r], y, 1);
      if (r === owner) kept = y;
    }
    // An owner the accounts may not stay with: every one of them moves.
    if (owner === -2) m.offset += members.length;
    if (kept < 0) continue;
    // m_g + y_kept ÷ l_k ≥ (k − 1) + (total − S_{k−1}) ÷ l_k, for each piece of f_g.
    const moves = m.column(1, 0, members.length);
    let before = 0;
    loads.forEach((l, i) => {
      if (l > 0) {
        const piece = m.row(i + (total - before) / l, Infinity);
        m.set(piece, moves, 1);
        m.set(piece, kept, 1 / l);
      }
      before += l;
    });
  }
  return { model: m.model(), groups: groups.size };
}

/**
 * The accounts' model: x[a][r] for each eligible rep, binary for the MIP. `start` (the
 * engine's rep of each account) gives the column values of that assignment, a MIP start.
 */
export function accountModel(
  p: Problem,
  integer: boolean,
  start?: Int32Array
): { model: ModelData; start?: Float64Array } {
  const { board } = p;
  const m = new ModelBuilder();
  const band = bandRows(m, p);
  const startValues: number[] = [];
  for (let a = 0; a < board.accounts.length; a++) {
    if (!free(board, a)) continue;
    const assign = m.row(1, 1);
    const owner = p.owner[a];
    if (owner !== -1) m.offset += 1;
    for (const r of board.eligible[board.cell[a]]) {
      const x = m.column(r === owner ? -1 : 0, 0, 1, integer);
      m.set(assign, x, 1);
      if (band[r] >= 0) m.set(band[r], x, board.load[a] * p.scale);
      startValues.push(start && start[a] === r ? 1 : 0);
    }
  }
  return { model: m.model(), start: start ? Float64Array.from(startValues) : undefined };
}

/**
 * A feasible assignment with fewer moves, when there is one within reach: starting from
 * `assignment`, every moved account goes back to its current owner whenever both reps then
 * stay within the largest deviation allowed, smallest accounts first, until none can. Returns
 * the new assignment and its moves — an upper bound on the fewest, to bracket them.
 */
export function returnHome(p: Problem, assignment: Int32Array): { rep: Int32Array; moves: number } {
  const { board } = p;
  const rep = Int32Array.from(assignment);
  const load = new Float64Array(board.reps.length);
  rep.forEach((r, a) => {
    if (r >= 0) load[r] += board.load[a];
  });
  const within = (r: number, extra: number) =>
    !(board.target[r] > 0) ||
    Math.abs((load[r] + extra - board.target[r]) / board.target[r]) <= p.limit;
  const away = Array.from(rep.keys())
    .filter((a) => free(board, a) && p.owner[a] >= 0 && rep[a] >= 0 && rep[a] !== p.owner[a])
    .sort((x, y) => board.load[x] - board.load[y]);
  for (let changed = true; changed;) {
    changed = false;
    for (const a of away) {
      const from = rep[a];
      const home = p.owner[a];
      if (from === home) continue;
      const l = board.load[a];
      if (!within(from, -l) || !within(home, l)) continue;
      load[from] -= l;
      load[home] += l;
      rep[a] = home;
      changed = true;
    }
  }
  return { rep, moves: movesOf(p, rep) };
}

/** Accounts an assignment moves, counted as metrics.ts counts them. */
export function movesOf(p: Problem, rep: Int32Array): number {
  let moves = 0;
  rep.forEach((r, a) => {
    if (r >= 0 && p.owner[a] !== -1 && r !== p.owner[a]) moves++;
  });
  return moves;
}

export interface Solved {
  status: string;
  /** The optimum, or for a MIP stopped early its best assignment. */
  value: number;
  /** The best proven lower bound: the optimum of an LP, the dual bound of a MIP. */
  lowerBound: number;
  seconds: number;
}

/** Solves a model in a fresh HiGHS instance, quietly, within the time limit. */
export function solve(
  highs: Highs,
  model: ModelData,
  seconds: number,
  start?: Float64Array
): Solved {
  const names = Object.entries(highs.constants.modelStatus);
  const instance = highs.createModel(model);
  try {
    instance.options.set({ output_flag: false, time_limit: seconds });
    if (start) instance.setSolution({ colValue: start });
    const began = performance.now();
    const { modelStatus } = instance.run();
    const elapsed = (performance.now() - began) / 1000;
    const status = names.find(([, code]) => code === modelStatus)?.[0] ?? String(modelStatus);
    const value = instance.getObjectiveValue();
    const mip = model.integrality !== undefined;
    const lowerBound = mip ? Number(instance.info.get("mip_dual_bound")) : value;
    return {
      status,
      value,
      lowerBound: status === "optimal" || mip ? lowerBound : NaN,
      seconds: elapsed,
    };
  } finally {
    instance.dispose();
  }
}
