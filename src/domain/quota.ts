/**
 * Splitting a total into parts that add up exactly: quotas from a target, months from a
 * year. Rounding each part on its own loses or invents money; here the rounding is done
 * once, by largest remainder, so the parts always tie out to the total.
 */
import { addMonths, dateFromSerial, daysInMonth, serialFromDate } from "./calendar";
import { div0Error, numError } from "./errors";
import { functionProblem } from "./functionProblems";
import { largestAt } from "./quotaSelect";
import { boundedProportionalSplit, unitTolerance } from "./quotaShares";

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
  const assigned = splitWholeUnits(shares, remainder);
  const left = Math.round(totalUnits - assigned);
  if (left === 0) return whole;
  if (left < 0 || left > n) throw numError(functionProblem("cannotRound"));
  // The `left` largest remainders get one unit each, ties to the earlier row. Rather than
  // sort row numbers by remainder, find the remainder of the last row to get a unit and hand
  // out units in row order against it.
  // Parts at their cap take no extra unit: mark their remainder below any real one.
  if (upper) markCapped(whole, remainder, upper);
  const cut = largestAt(remainder, left);
  if (cut === undefined) throw numError(functionProblem("cannotRoundWithinCaps"));
  handOutUnits(whole, remainder, cut.threshold, left - cut.above);
  return whole;
}

/** Each share's whole units in place, its remainder in `remainder`; the units so assigned. */
function splitWholeUnits(shares: Float64Array, remainder: Float64Array): number {
  let assigned = 0;
  for (let i = 0; i < shares.length; i++) {
    // No snapping to the nearest unit here: a share of 2.9999999999 (3 in exact arithmetic)
    // keeps a remainder near 1 and so is first in line for the unit that makes it 3.
    const share = shares[i];
    const floor = Math.floor(share);
    remainder[i] = share - floor;
    shares[i] = floor;
    assigned += floor;
  }
  return assigned;
}

/** Marks the remainder of every part that one more unit would take past its cap (-1). */
function markCapped(whole: Float64Array, remainder: Float64Array, upper: Float64Array): void {
  for (let i = 0; i < whole.length; i++) if (whole[i] + 1 > upper[i]) remainder[i] = -1;
}

/** One unit to every part above `threshold`, and to the first `atThreshold` parts at it. */
function handOutUnits(
  whole: Float64Array,
  eligible: Float64Array,
  threshold: number,
  atThreshold: number
): void {
  for (let i = 0; i < whole.length; i++) {
    if (eligible[i] > threshold) whole[i] += 1;
    else if (eligible[i] === threshold && atThreshold > 0) {
      whole[i] += 1;
      atThreshold--;
    }
  }
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
  const negative = firstNegative(weights);
  if (negative >= 0)
    throw numError(
      functionProblem("mustNotBeNegativeRow", { field: "weights", row: negative + 1 }),
      { field: "weights", row: negative + 1 }
    );
  const units = new DecimalUnits(decimals);
  const totalUnits = Math.round(units.of(total));
  if (Math.abs(units.of(total) - totalUnits) > unitTolerance(units.of(total))) {
    throw numError(functionProblem("tooManyDigits", { total, decimals }), { field: "total" });
  }
  if (!Number.isSafeInteger(totalUnits))
    throw numError(functionProblem("tooLargeToSplit"), { field: "total" });
  const n = weights.length;
  const lower = floors ? new Float64Array(n) : undefined;
  const upper = caps ? new Float64Array(n).fill(Infinity) : undefined;
  if (lower || upper) unitBounds(units, floors, caps, lower, upper);
  const shares = boundedProportionalSplit(totalUnits, weights, lower, upper);
  const rounded = largestRemainderRound(shares, totalUnits, upper);
  units.backInPlace(rounded);
  return rounded;
}

/** The position of the first negative value, or -1. */
function firstNegative(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] < 0) return i;
  return -1;
}

/** Amounts in units of the last digit kept: cents for 2 decimals, thousands for −3. */
class DecimalUnits {
  private readonly scale: number;

  constructor(private readonly decimals: number) {
    this.scale = decimals >= 0 ? 10 ** decimals : 10 ** -decimals;
  }

  of(value: number): number {
    return this.decimals >= 0 ? value * this.scale : value / this.scale;
  }

  /** Units back into amounts, in place. */
  backInPlace(values: Float64Array): void {
    const { scale } = this;
    if (this.decimals >= 0) for (let i = 0; i < values.length; i++) values[i] /= scale;
    else for (let i = 0; i < values.length; i++) values[i] *= scale;
  }
}

/**
 * Floors rounded up and caps rounded down to whole units (NaN: none), into `lower` and
 * `upper`; a negative one is refused at its row, floors before caps within a row.
 */
function unitBounds(
  units: DecimalUnits,
  floors: Float64Array | undefined,
  caps: Float64Array | undefined,
  lower: Float64Array | undefined,
  upper: Float64Array | undefined
): void {
  const n = (lower ?? upper)!.length;
  for (let i = 0; i < n; i++) {
    const floor = floors?.[i];
    const cap = caps?.[i];
    if (floor !== undefined && !Number.isNaN(floor)) {
      if (floor < 0)
        throw numError(functionProblem("mustNotBeNegativeRow", { field: "floors", row: i + 1 }), {
          field: "floors",
          row: i + 1,
        });
      const inUnits = units.of(floor);
      lower![i] = Math.ceil(inUnits - unitTolerance(inUnits));
    }
    if (cap !== undefined && !Number.isNaN(cap)) {
      if (cap < 0)
        throw numError(functionProblem("mustNotBeNegativeRow", { field: "caps", row: i + 1 }), {
          field: "caps",
          row: i + 1,
        });
      const inUnits = units.of(cap);
      upper![i] = Math.floor(inUnits + unitTolerance(inUnits));
    }
  }
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
