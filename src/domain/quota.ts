/**
 * Splitting a total into parts that add up exactly: quotas from a target, months from a
 * year. Rounding each part on its own loses or invents money; here the rounding is done
 * once, by largest remainder, so the parts always tie out to the total.
 */
import { addMonths, dateFromSerial, daysInMonth, serialFromDate } from "./calendar";
import { div0Error, numError } from "./errors";
import { functionProblem } from "./functionProblems";
import { crossingSegment, largestAt } from "./quotaSelect";

/** How close to a whole unit a floating-point value must be to count as that unit. */
const unitTolerance = (value: number) => 1e-9 * Math.max(1, Math.abs(value));

/**
 * Proportional split with per-part bounds: x_i = clamp(λ·w_i, lo_i, hi_i), with λ chosen so
 * the parts sum to `total`. Parts held at a bound leave the rest to be shared in proportion
 * to the remaining weights, which is what "redistribute proportionally" means. λ is found
 * exactly by walking the breakpoints of the piecewise-linear sum.
 */
export function boundedProportionalSplit(
  total: number,
  rawWeights: Float64Array,
  lower?: Float64Array,
  upper?: Float64Array
): Float64Array {
  const n = rawWeights.length;
  if (!lower && !upper) {
    // No bounds: plain proportional shares. w/Σw ≤ 1, so even denormal weights stay finite.
    let sum = 0;
    for (let i = 0; i < n; i++) if (rawWeights[i] > 0) sum += rawWeights[i];
    if (sum === 0) {
      if (total === 0) return new Float64Array(n);
      throw div0Error(functionProblem("weightsAddToZero"));
    }
    const shares = new Float64Array(n);
    for (let i = 0; i < n; i++) if (rawWeights[i] > 0) shares[i] = total * (rawWeights[i] / sum);
    return shares;
  }
  lower ??= new Float64Array(n);
  upper ??= new Float64Array(n).fill(Infinity);
  // Scaled so the largest weight is 1: tiny weights (even denormals) then keep λ finite.
  let largest = 0;
  for (let i = 0; i < n; i++) if (rawWeights[i] > largest) largest = rawWeights[i];
  let weights = rawWeights;
  if (largest > 0) {
    weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = rawWeights[i] / largest;
  }
  let sumLower = 0;
  let sumUpper = 0;
  let sumWeights = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i])
      throw numError(functionProblem("floorAboveCapRow", { row: i + 1 }), {
        field: "floors",
        row: i + 1,
      });
    sumLower += lower[i];
    sumUpper += upper[i];
    if (weights[i] > 0) sumWeights += weights[i];
  }
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
  // Breakpoints at 0 (parts without a floor) all say the same; one of them is enough.
  // Counted first, so that only as many are held as there are (most parts have neither bound).
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
  zero = false;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w <= 0) continue;
    const atFloor = lower[i] / w;
    if (atFloor > 0) breakpoints[count++] = atFloor;
    else zero = true;
    if (Number.isFinite(upper[i])) breakpoints[count++] = upper[i] / w;
  }
  if (zero) breakpoints[count++] = 0;
  const sumAt = (lambda: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++)
      sum +=
        weights[i] > 0 ? Math.min(upper[i], Math.max(lower[i], lambda * weights[i])) : lower[i];
    return sum;
  };
  const { from, to } = crossingSegment(breakpoints, sumAt, total, sumLower);
  const probe = to !== undefined ? (from + to) / 2 : from + 1;
  let fixed = 0;
  let slope = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const x = w > 0 ? probe * w : -Infinity;
    if (w > 0 && x > lower[i] && x < upper[i]) slope += w;
    else fixed += w > 0 ? Math.min(upper[i], Math.max(lower[i], x)) : lower[i];
  }
  const lambda = slope > 0 ? (total - fixed) / slope : from;
  for (let i = 0; i < n; i++) {
    if (weights[i] > 0) shares[i] = Math.min(upper[i], Math.max(lower[i], lambda * weights[i]));
  }
  return shares;
}

/**
 * Rounds non-negative shares (in units) to whole units summing to `totalUnits`: every part
 * gets its whole part, then the units left go to the largest remainders; ties go to the
 * earlier row. Parts at their `upper` unit bound get none of the extra units. Rounds in
 * place and returns `shares`: a million-row split then holds one array fewer.
 */
export function largestRemainderRound(
  shares: Float64Array,
  totalUnits: number,
  upper?: Float64Array
): Float64Array {
  const n = shares.length;
  const whole = shares;
  const remainder = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    // No snapping to the nearest unit here: a share of 2.9999999999 (3 in exact arithmetic)
    // keeps a remainder near 1 and so is first in line for the unit that makes it 3.
    const share = shares[i];
    const floor = Math.floor(share);
    remainder[i] = share - floor;
    whole[i] = floor;
    assigned += floor;
  }
  const left = Math.round(totalUnits - assigned);
  if (left === 0) return whole;
  if (left < 0 || left > n) throw numError(functionProblem("cannotRound"));
  // The `left` largest remainders get one unit each, ties to the earlier row. Rather than
  // sort row numbers by remainder, find the remainder of the last row to get a unit and hand
  // out units in row order against it.
  // Parts at their cap take no extra unit: mark their remainder below any real one.
  if (upper) for (let i = 0; i < n; i++) if (whole[i] + 1 > upper[i]) remainder[i] = -1;
  const eligible = remainder;
  const cut = largestAt(remainder, left);
  if (cut === undefined) throw numError(functionProblem("cannotRoundWithinCaps"));
  const { threshold, above } = cut;
  let atThreshold = left - above;
  for (let i = 0; i < n; i++) {
    if (eligible[i] > threshold) whole[i] += 1;
    else if (eligible[i] === threshold && atThreshold > 0) {
      whole[i] += 1;
      atThreshold--;
    }
  }
  return whole;
}

export interface QuotaSplitOptions {
  /** Digits after the decimal point; negative rounds to tens, hundreds… (as in ROUND). */
  decimals?: number;
  /** Per-part minimum; NaN means none. */
  floors?: Float64Array;
  /** Per-part maximum; NaN means none. */
  caps?: Float64Array;
}

/** `total` split in proportion to `weights`, rounded to `decimals`, summing exactly to `total`. */
export function quotaSplit(
  total: number,
  weights: Float64Array,
  { decimals = 0, floors, caps }: QuotaSplitOptions = {}
): Float64Array {
  if (total < 0)
    throw numError(functionProblem("mustNotBeNegative", { field: "total" }), { field: "total" });
  if (!Number.isInteger(decimals) || decimals < -9 || decimals > 9) {
    throw numError(functionProblem("decimalsRange", { value: decimals }), {
      field: "decimals",
    });
  }
  if (weights.length === 0)
    throw numError(functionProblem("isEmpty", { field: "weights" }), { field: "weights" });
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] < 0)
      throw numError(functionProblem("mustNotBeNegativeRow", { field: "weights", row: i + 1 }), {
        field: "weights",
        row: i + 1,
      });
  }
  const toUnits = (value: number) =>
    decimals >= 0 ? value * 10 ** decimals : value / 10 ** -decimals;
  const fromUnits = (units: number) =>
    decimals >= 0 ? units / 10 ** decimals : units * 10 ** -decimals;

  const totalUnits = Math.round(toUnits(total));
  if (Math.abs(toUnits(total) - totalUnits) > unitTolerance(toUnits(total))) {
    throw numError(functionProblem("tooManyDigits", { total, decimals }), { field: "total" });
  }
  if (!Number.isSafeInteger(totalUnits))
    throw numError(functionProblem("tooLargeToSplit"), { field: "total" });
  const n = weights.length;
  const lower = floors ? new Float64Array(n) : undefined;
  const upper = caps ? new Float64Array(n).fill(Infinity) : undefined;
  for (let i = 0; (lower || upper) && i < n; i++) {
    const floor = floors?.[i];
    const cap = caps?.[i];
    if (floor !== undefined && !Number.isNaN(floor)) {
      if (floor < 0)
        throw numError(functionProblem("mustNotBeNegativeRow", { field: "floors", row: i + 1 }), {
          field: "floors",
          row: i + 1,
        });
      const units = toUnits(floor);
      lower![i] = Math.ceil(units - unitTolerance(units));
    }
    if (cap !== undefined && !Number.isNaN(cap)) {
      if (cap < 0)
        throw numError(functionProblem("mustNotBeNegativeRow", { field: "caps", row: i + 1 }), {
          field: "caps",
          row: i + 1,
        });
      const units = toUnits(cap);
      upper![i] = Math.floor(units + unitTolerance(units));
    }
  }
  const shares = boundedProportionalSplit(totalUnits, weights, lower, upper);
  const rounded = largestRemainderRound(shares, totalUnits, upper);
  for (let i = 0; i < n; i++) rounded[i] = fromUnits(rounded[i]);
  return rounded;
}

/**
 * Twelve monthly quotas for a fiscal year, for a rep who starts on `startSerial`.
 * Months before the start get 0. The month containing the start date is ramp month 1 and
 * gets ramp[0] × annual/12, prorated by the days left in that month (inclusive); each
 * following month takes the next ramp percentage; after the ramp, annual/12.
 */
export function monthlyRamp(
  annualQuota: number,
  startSerial: number,
  fiscalYearStartSerial: number,
  ramp: Float64Array
): Float64Array {
  if (annualQuota < 0)
    throw numError(functionProblem("mustNotBeNegative", { field: "annual_quota" }), {
      field: "annual_quota",
    });
  ramp.forEach((share, i) => {
    if (share < 0)
      throw numError(
        functionProblem("mustNotBeNegativeRow", { field: "ramp_percentages", row: i + 1 }),
        {
          field: "ramp_percentages",
          row: i + 1,
        }
      );
  });
  const start = dateFromSerial(startSerial);
  const fiscalStart = dateFromSerial(fiscalYearStartSerial);
  const startDay = serialFromDate(start);
  const monthly = annualQuota / 12;
  const quotas = new Float64Array(12);
  for (let m = 0; m < 12; m++) {
    const { year, month } = addMonths(fiscalStart.year, fiscalStart.month, m);
    const rampMonth = (year - start.year) * 12 + (month - start.month);
    if (rampMonth < 0) continue;
    const share = rampMonth < ramp.length ? ramp[rampMonth] : 1;
    if (rampMonth === 0) {
      const days = daysInMonth(year, month);
      const monthEnd = serialFromDate({ year, month, day: days });
      quotas[m] = share * monthly * ((monthEnd - startDay + 1) / days);
    } else {
      quotas[m] = share * monthly;
    }
  }
  return quotas;
}

/**
 * Largest-remainder apportionment of a whole number of units over a few non-negative
 * weights (months of a year, quarters), without the allocations of quotaSplit: the
 * quota plan runs it once per rep. Ties go to the earlier position.
 */
export function apportionUnits(totalUnits: number, weights: ArrayLike<number>): number[] {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  if (sum <= 0) throw div0Error(functionProblem("weightsAddToZero"));
  const parts = new Array<number>(n);
  const remainders = new Array<number>(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const share = (totalUnits * weights[i]) / sum;
    parts[i] = Math.floor(share);
    remainders[i] = share - parts[i];
    assigned += parts[i];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => remainders[b] - remainders[a] || a - b
  );
  for (let k = 0; k < totalUnits - assigned; k++) parts[order[k % n]]++;
  return parts;
}
