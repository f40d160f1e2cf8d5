/**
 * The continuous half of an exact quota split (quota.ts rounds it): each part's share of a
 * total in proportion to its weight, held between its floor and its cap.
 */
import { div0Error, numError } from "./errors";
import { functionProblem } from "./functionProblems";
import { crossingSegment } from "./quotaSelect";

/** How close to a whole unit a floating-point value must be to count as that unit. */
export const unitTolerance = (value: number) => 1e-9 * Math.max(1, Math.abs(value));

/**
 * Proportional split with per-part bounds: x_i = clamp(λ·w_i, lo_i, hi_i), with λ chosen so
 * the parts sum to `total`. Parts held at a bound leave the rest to be shared in proportion
 * to the remaining weights, which is what "redistribute proportionally" means. λ is found
 * exactly by walking the breakpoints of the piecewise-linear sum.
 *
 * Each pass over the parts is a small function of its own: V8 then optimises each once and
 * keeps it, where one long function of many million-row loops was re-optimised loop by loop
 * on every call (about four times slower on a million parts).
 */
export function boundedProportionalSplit(
  total: number,
  rawWeights: Float64Array,
  lowerBounds?: Float64Array,
  upperBounds?: Float64Array
): Float64Array {
  const n = rawWeights.length;
  if (!lowerBounds && !upperBounds) return proportionalShares(total, rawWeights);
  const lower = lowerBounds ?? new Float64Array(n);
  const upper = upperBounds ?? new Float64Array(n).fill(Infinity);
  // Scaled so the largest weight is 1: tiny weights (even denormals) then keep λ finite.
  const weights = scaledToLargest(rawWeights);
  const { sumLower, sumUpper, sumWeights } = boundSums(weights, lower, upper);
  const slack = unitTolerance(total);
  if (total < sumLower - slack)
    throw numError(functionProblem("floorsAboveTotal", { sum: sumLower, total }), {
      field: "floors",
    });
  if (total > sumUpper + slack)
    throw numError(functionProblem("capsBelowTotal", { sum: sumUpper, total }), {
      field: "caps",
    });
  const shares = lower.slice();
  if (total <= sumLower) return shares;
  if (sumWeights === 0) throw div0Error(functionProblem("weightsAddToZero"));

  // The sum is piecewise linear in λ with a breakpoint where each part reaches its floor
  // (lo/w) or cap (hi/w). Search the sorted breakpoints for the segment that holds the total
  // (a few evaluations of the sum), then solve that linear piece exactly.
  const { from, to } = crossingSegment(
    breakpointsOf(weights, lower, upper),
    (lambda) => clampedSum(lambda, weights, lower, upper),
    total,
    sumLower
  );
  const probe = to !== undefined ? (from + to) / 2 : from + 1;
  const { fixed, slope } = linearPieceAt(probe, weights, lower, upper);
  const lambda = slope > 0 ? (total - fixed) / slope : from;
  for (let i = 0; i < n; i++) {
    if (weights[i] > 0) shares[i] = Math.min(upper[i], Math.max(lower[i], lambda * weights[i]));
  }
  return shares;
}

/** Plain proportional shares of `total`. w/Σw ≤ 1, so even denormal weights stay finite. */
function proportionalShares(total: number, weights: Float64Array): Float64Array {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) sum += weights[i];
  if (sum === 0) {
    if (total === 0) return new Float64Array(n);
    throw div0Error(functionProblem("weightsAddToZero"));
  }
  const shares = new Float64Array(n);
  for (let i = 0; i < n; i++) if (weights[i] > 0) shares[i] = total * (weights[i] / sum);
  return shares;
}

/** The weights divided by the largest (the same array when none is above 0). */
function scaledToLargest(raw: Float64Array): Float64Array {
  const n = raw.length;
  let largest = 0;
  for (let i = 0; i < n; i++) if (raw[i] > largest) largest = raw[i];
  if (!(largest > 0)) return raw;
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = raw[i] / largest;
  return scaled;
}

/** Σ floors, Σ caps and Σ positive weights; a floor above its cap is refused at its row. */
function boundSums(weights: Float64Array, lower: Float64Array, upper: Float64Array) {
  let sumLower = 0;
  let sumUpper = 0;
  let sumWeights = 0;
  for (let i = 0; i < weights.length; i++) {
    if (lower[i] > upper[i])
      throw numError(functionProblem("floorAboveCapRow", { row: i + 1 }), {
        field: "floors",
        row: i + 1,
      });
    sumLower += lower[i];
    sumUpper += upper[i];
    if (weights[i] > 0) sumWeights += weights[i];
  }
  return { sumLower, sumUpper, sumWeights };
}

/**
 * The values of λ where a part reaches its floor or cap. Breakpoints at 0 (parts without a
 * floor) all say the same; one of them is enough. Counted first, so that only as many are
 * held as there are (most parts have neither bound).
 */
function breakpointsOf(weights: Float64Array, lower: Float64Array, upper: Float64Array) {
  const n = weights.length;
  let count = 0;
  let zero = false;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    if (lower[i] / w > 0) count++;
    else zero = true;
    if (Number.isFinite(upper[i])) count++;
  }
  const breakpoints = new Float64Array(count + (zero ? 1 : 0));
  count = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    const atFloor = lower[i] / w;
    if (atFloor > 0) breakpoints[count++] = atFloor;
    if (Number.isFinite(upper[i])) breakpoints[count++] = upper[i] / w;
  }
  if (zero) breakpoints[count++] = 0;
  return breakpoints;
}

/** Σ clamp(λ·w_i, lo_i, hi_i), a part without weight at its floor. */
function clampedSum(
  lambda: number,
  weights: Float64Array,
  lower: Float64Array,
  upper: Float64Array
): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++)
    sum += weights[i] > 0 ? Math.min(upper[i], Math.max(lower[i], lambda * weights[i])) : lower[i];
  return sum;
}

/** At λ = probe: the parts held at a bound (their sum) and the weight of those in between. */
function linearPieceAt(
  probe: number,
  weights: Float64Array,
  lower: Float64Array,
  upper: Float64Array
): { fixed: number; slope: number } {
  let fixed = 0;
  let slope = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const x = w > 0 ? probe * w : -Infinity;
    if (w > 0 && x > lower[i] && x < upper[i]) slope += w;
    else fixed += w > 0 ? Math.min(upper[i], Math.max(lower[i], x)) : lower[i];
  }
  return { fixed, slope };
}
