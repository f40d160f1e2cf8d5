/**
 * Quota planning: from company target to every rep's monthly quota, tying out exactly at
 * every level: teams sum to the company figure, reps to their team, months to the year
 * (largest remainder, ties to the earlier row, to the chosen rounding).
 *
 * Where things are: types.ts (input and result), validation.ts (settings and reps checks),
 * weights.ts (each rep's weight under the quota method), hierarchy.ts (the company →
 * managers → reps tree), months.ts (start dates, ramps, seasonality; months and quarters of
 * a quota), split.ts (splitting down the tree, and the tie-out), rounding.ts, plan.ts
 * (planQuotas, which runs them in order).
 */
export type {
  QuotaManager,
  QuotaMethod,
  QuotaPlan,
  QuotaRep,
  QuotaSettings,
  RepQuota,
  TeamQuota,
} from "./types";
export { QUOTA_FORMULA_FIELDS } from "./types";
export { NO_MANAGER } from "./hierarchy";
export { planQuotas } from "./plan";
export * from "./reachability";
