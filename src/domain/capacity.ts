/**
 * Capacity: how much revenue the team can carry month by month, how many hires a target
 * needs, and why actual revenue differs from plan.
 *
 * The capacity model, for a 12-month year: hires join at the start of a month; every rep
 * (existing or hired) stays to the end of a month with probability s = (1 − a)^(1/12), so a
 * year keeps 1 − a of them; existing reps are fully ramped and a hire produces ramp[k] of a
 * full rep in their (k+1)-th month, 100% after the list. People are expected values, so
 * fractions are fine.
 */
import { finiteResult, requireFraction, requireNonNegative } from "./checks";
import { numError, valueError } from "./errors";
import { functionProblem, functionProblemWith } from "./functionProblems";

export const MONTHS = 12;

/** One month of the plan. */
export interface CapacityMonth {
  /** People in seat during the month, before that month's end-of-month departures. */
  readonly inSeat: number;
  /** Σ cohort size × that cohort's ramp factor this month. */
  readonly rampedFte: number;
  /** productivity × ramped FTE. */
  readonly revenue: number;
}

export interface CapacitySettings {
  /** Share of full productivity in a hire's 1st, 2nd, … month; 100% after the list. */
  readonly ramp?: Float64Array;
  /** Share of reps leaving over a year (0 to 1). */
  readonly annualAttrition?: number;
  /**
   * When given, each departure at the end of month t is replaced by a hire starting at the
   * start of month t + 1 + backfillMonths (who ramps and attrits like any hire).
   */
  readonly backfillMonths?: number;
}

const NO_RAMP = new Float64Array(0);

/** A whole number of months from `low` up (or to `high`), else #NUM! saying so. */
function requireWholeMonth(value: number, field: string, low: number, high?: number): number {
  const whole = Number.isInteger(value) && value >= low && (high === undefined || value <= high);
  if (!whole) {
    throw numError(
      high === undefined
        ? functionProblem("mustBeWholeMonths", { field, value })
        : functionProblem("monthRange", { field, value, high }),
      { field }
    );
  }
  return value;
}

/** The monthly survival s = (1 − a)^(1/12) of an annual attrition a, checked. */
function monthlySurvival(annualAttrition: number): number {
  requireFraction(annualAttrition, "annual_attrition");
  return Math.pow(1 - annualAttrition, 1 / MONTHS);
}

function checkRamp(ramp: Float64Array): Float64Array {
  ramp.forEach((share, i) => requireFraction(share, "ramp_percentages", i + 1));
  return ramp;
}

const rampFactor = (ramp: Float64Array, tenure: number) =>
  tenure < ramp.length ? ramp[tenure] : 1;

/** The model itself, on checked values: cohort by cohort, month by month. */
function simulate(
  startHeadcount: number,
  hires: Float64Array,
  productivity: number,
  ramp: Float64Array,
  survival: number,
  backfillMonths: number | undefined
): CapacityMonth[] {
  // joining[m]: people starting at the start of month m; backfill adds to later months.
  const joining = Float64Array.from(hires);
  // cohort[m]: the size now of those who joined in month m.
  const cohort = new Float64Array(MONTHS);
  let existing = startHeadcount;
  const months: CapacityMonth[] = [];
  for (let t = 0; t < MONTHS; t++) {
    cohort[t] = joining[t];
    let inSeat = existing;
    let rampedFte = existing;
    for (let m = 0; m <= t; m++) {
      inSeat += cohort[m];
      rampedFte += cohort[m] * rampFactor(ramp, t - m);
    }
    months.push({
      inSeat: finiteResult(inSeat, "resultCapacity"),
      rampedFte: finiteResult(rampedFte, "resultCapacity"),
      revenue: finiteResult(productivity * rampedFte, "resultCapacity"),
    });
    // End of the month: every cohort keeps the share s; the rest leave, and may be backfilled.
    existing *= survival;
    for (let m = 0; m <= t; m++) cohort[m] *= survival;
    const backfillMonth = backfillMonths === undefined ? MONTHS : t + 1 + backfillMonths;
    if (backfillMonth < MONTHS) joining[backfillMonth] += inSeat * (1 - survival);
  }
  return months;
}

/** The 12-month capacity plan (PLAN.CAPACITY). */
export function capacityPlan(
  startHeadcount: number,
  hires: Float64Array,
  productivity: number,
  settings: CapacitySettings = {}
): CapacityMonth[] {
  requireNonNegative(startHeadcount, "start_headcount");
  if (hires.length !== MONTHS) {
    throw valueError(
      functionProblem("cellsNeeded", { field: "hires", count: hires.length, needed: MONTHS }),
      { field: "hires" }
    );
  }
  hires.forEach((count, i) => requireNonNegative(count, "hires", i + 1));
  requireNonNegative(productivity, "productivity");
  const ramp = checkRamp(settings.ramp ?? NO_RAMP);
  const survival = monthlySurvival(settings.annualAttrition ?? 0);
  const { backfillMonths } = settings;
  if (backfillMonths !== undefined) requireWholeMonth(backfillMonths, "backfill_months", 0);
  return simulate(startHeadcount, hires, productivity, ramp, survival, backfillMonths);
}

export interface HiresNeededSettings {
  readonly ramp?: Float64Array;
  readonly annualAttrition?: number;
  /** The month (1–12) all the hires join at the start of; default 1. */
  readonly hireMonth?: number;
}

/**
 * The fewest whole hires, all joining at the start of `hireMonth`, for which the year's
 * capacity (the sum of the 12 months' revenue, without backfill) reaches the target
 * (PLAN.HIRESNEEDED). The year is base + n × (what one hire adds), so the answer is a
 * division rounded up; it is then checked against the model itself, so that
 * SUM(PLAN.CAPACITY(…)) with that many hires reaches the target and with one fewer does not.
 */
export function hiresNeeded(
  targetRevenue: number,
  startHeadcount: number,
  productivity: number,
  settings: HiresNeededSettings = {}
): number {
  requireNonNegative(targetRevenue, "target_revenue");
  requireNonNegative(startHeadcount, "start_headcount");
  requireNonNegative(productivity, "productivity");
  const ramp = checkRamp(settings.ramp ?? NO_RAMP);
  const survival = monthlySurvival(settings.annualAttrition ?? 0);
  const hireMonth = requireWholeMonth(settings.hireMonth ?? 1, "hire_month", 1, MONTHS);
  const yearWith = (count: number) => {
    const hires = new Float64Array(MONTHS);
    hires[hireMonth - 1] = count;
    const months = simulate(startHeadcount, hires, productivity, ramp, survival, undefined);
    return finiteResult(
      months.reduce((sum, month) => sum + month.revenue, 0),
      "resultCapacity"
    );
  };
  if (yearWith(0) >= targetRevenue) return 0;
  let perHire = 0;
  for (let tenure = 0; hireMonth - 1 + tenure < MONTHS; tenure++)
    perHire += Math.pow(survival, tenure) * rampFactor(ramp, tenure);
  perHire *= productivity;
  if (!(perHire > 0))
    throw numError(functionProblem("noHiresReach", { month: hireMonth }), {
      field: "target_revenue",
    });
  let count = Math.max(1, Math.ceil((targetRevenue - yearWith(0)) / perHire));
  if (!(count <= Number.MAX_SAFE_INTEGER))
    throw numError(
      functionProblemWith("tooLarge", {}, { what: functionProblem("resultHiresNeeded") })
    );
  // The division and the model round differently; a step or two settles it either way.
  for (let step = 0; step < 4 && count > 1 && yearWith(count - 1) >= targetRevenue; step++) count--;
  for (let step = 0; step < 4 && yearWith(count) < targetRevenue; step++) count++;
  return count;
}

export interface BridgeRow {
  readonly plan: number;
  readonly actual: number;
  /** This factor's share of actual revenue − plan revenue. */
  readonly contribution: number;
}

export interface RevenueBridge {
  readonly factors: BridgeRow[];
  /** Plan revenue, actual revenue and actual − plan (the sum of the contributions). */
  readonly total: BridgeRow;
}

function checkFactors(values: Float64Array, field: string): void {
  if (values.length === 0) throw valueError(functionProblem("isEmpty", { field }), { field });
  values.forEach((value, i) => {
    if (!(value > 0))
      throw numError(functionProblem("factorNotPositive", { field, row: i + 1, value }), {
        field,
        row: i + 1,
      });
  });
}

/**
 * L(V₁, V₀) = (V₁ − V₀) / (ln V₁ − ln V₀), written from the larger of the two so that
 * neither exp overflows nor a near-zero difference divides by a near-zero logarithm;
 * L(x, x) = x, its limit.
 */
function logarithmicMean(plan: number, actual: number, logRatio: number): number {
  if (logRatio === 0) return plan;
  return logRatio > 0
    ? (actual * -Math.expm1(-logRatio)) / logRatio
    : (plan * Math.expm1(logRatio)) / logRatio;
}

/**
 * Why revenue = Π factors differs from plan (PLAN.REVENUEBRIDGE), by the logarithmic-mean
 * Divisia index (Ang 2005, LMDI-I): factor i contributes L(V₁, V₀) × ln(x₁ᵢ / x₀ᵢ), so the
 * contributions add up to V₁ − V₀ exactly, whatever the factors' order, with no residual.
 */
export function revenueBridge(
  planFactors: Float64Array,
  actualFactors: Float64Array
): RevenueBridge {
  checkFactors(planFactors, "plan_factors");
  if (actualFactors.length !== planFactors.length) {
    throw valueError(
      functionProblem("cellsNeeded", {
        field: "actual_factors",
        count: actualFactors.length,
        needed: planFactors.length,
      }),
      { field: "actual_factors" }
    );
  }
  checkFactors(actualFactors, "actual_factors");
  // Logarithms of each factor rather than of their ratio: a ratio of extremes can overflow.
  const logRatios = Array.from(
    planFactors,
    (plan, i) => Math.log(actualFactors[i]) - Math.log(plan)
  );
  const planRevenue = finiteResult(
    planFactors.reduce((product, x) => product * x, 1),
    "resultRevenue"
  );
  const actualRevenue = finiteResult(
    actualFactors.reduce((product, x) => product * x, 1),
    "resultRevenue"
  );
  const weight = logarithmicMean(
    planRevenue,
    actualRevenue,
    logRatios.reduce((sum, d) => sum + d, 0)
  );
  const factors = logRatios.map((d, i) => ({
    plan: planFactors[i],
    actual: actualFactors[i],
    contribution: finiteResult(weight * d, "resultRevenue"),
  }));
  const difference = finiteResult(
    factors.reduce((sum, row) => sum + row.contribution, 0),
    "resultRevenue"
  );
  return { factors, total: { plan: planRevenue, actual: actualRevenue, contribution: difference } };
}
