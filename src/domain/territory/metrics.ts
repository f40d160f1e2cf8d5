/** How fair a board's territories are, and how much of the current ownership they keep. */
import type { Board } from "./board";
import type { FairnessMetrics } from "./types";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { abs, max, min, sqrt } = Math;

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

/** The fairness metrics of a board; `potential` holds each rep's total potential. */
export function fairnessMetrics(board: Board, potential: Float64Array): FairnessMetrics {
  const { accounts, reps } = board;
  const staffed = reps.map((_, r) => r).filter((r) => board.target[r] > 0);
  const ratios = staffed.map((r) => board.repLoad[r] / board.target[r]);
  const mean = ratios.reduce((s, x) => s + x, 0) / max(1, ratios.length);
  const variance = ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / max(1, ratios.length);
  const perFte = staffed.map((r) => potential[r] / reps[r].capacity);
  const withOwner = accounts.filter((a) => a.currentOwner).length;
  let moved = 0;
  for (let a = 0; a < accounts.length; a++) {
    const owner = accounts[a].currentOwner;
    if (owner && board.owner[a] >= 0 && reps[board.owner[a]].id !== owner) moved++;
  }
  const minPerFte = min(...perFte);
  return {
    maxAbsDeviation: max(0, ...staffed.map((r) => abs(board.deviation(r)))),
    coefficientOfVariation: mean > 0 ? sqrt(variance) / mean : 0,
    giniPotentialPerFte: gini(perFte),
    maxMinRatio: perFte.length && minPerFte > 0 ? max(...perFte) / minPerFte : null,
    accountsMoved: moved,
    continuity: withOwner > 0 ? 1 - moved / withOwner : 1,
  };
}
