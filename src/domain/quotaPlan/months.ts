/**
 * Months: each rep's share of every fiscal month (start date and ramp) and the seasonality,
 * and the split of an annual quota into months and quarters that ties out to the year.
 */
import { apportionUnits, monthlyRamp } from "../quota";
import { roundTo } from "./rounding";
import type { QuotaRep, QuotaSettings } from "./types";

export interface MonthShares {
  /** The profile of a rep working the whole year (shared, so it can be recognised). */
  fullYear: number[];
  /** Per rep: share of a full month, month by month. */
  profiles: number[][];
  /** Per rep: share of a full year the rep is ramped for. */
  rampFactor: number[];
  /** Twelve relative monthly weights, fiscal month 1 first. */
  seasonality: number[];
}

/** Each rep's share of a full month, month by month: 0 before a start, prorated in the start month, ramped after. */
export function monthShares(reps: QuotaRep[], settings: QuotaSettings): MonthShares {
  const ramp = Float64Array.from(settings.rampSchedule ?? []);
  const seasonality = settings.seasonality ?? new Array(12).fill(1);
  const fullYear = new Array<number>(12).fill(1);
  const profiles = reps.map((rep) =>
    rep.startDate === undefined
      ? fullYear
      : Array.from(
          monthlyRamp(
            12,
            rep.startDate,
            settings.fiscalYearStart,
            ramp.length ? ramp : Float64Array.of(1)
          )
        )
  );
  const rampFactor = profiles.map((shares) => shares.reduce((s, x) => s + x, 0) / 12);
  return { fullYear, profiles, rampFactor, seasonality };
}

/**
 * Rep `i`'s annual quota by month (largest remainder, in units of `scale` = 10 ** decimals)
 * and by quarter.
 */
export function monthsOfQuota(
  annual: number,
  i: number,
  shares: MonthShares,
  scale: number,
  decimals: number
): { monthly: number[]; quarterly: number[] } {
  const { fullYear, profiles, seasonality } = shares;
  // Most reps work the full year: their monthly weights are the seasonality itself.
  const profile =
    profiles[i] === fullYear ? seasonality : profiles[i].map((share, m) => share * seasonality[m]);
  const monthly = apportionUnits(
    Math.round(annual * scale),
    profile.some((x) => x > 0) ? profile : seasonality
  ).map((units) => units / scale);
  const quarterly = [0, 1, 2, 3].map((q) =>
    roundTo(monthly[3 * q] + monthly[3 * q + 1] + monthly[3 * q + 2], decimals)
  );
  return { monthly, quarterly };
}
