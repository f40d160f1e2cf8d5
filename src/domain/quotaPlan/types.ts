/** The quota plan's input (reps, settings) and result (team and rep quotas). */

export interface QuotaRep {
  repId: string;
  manager?: string;
  /** FTE, 0 to 1. */
  capacity: number;
  /** Excel serial; a start inside the fiscal year ramps the rep in. */
  startDate?: number;
  /** Territory figures the weights are built from. */
  potential: number;
  history: number;
  accounts: number;
  workload: number;
  floor?: number;
  cap?: number;
}

export type QuotaMethod =
  | { kind: "potential" }
  | { kind: "history" }
  /** potentialShare × potential share + (1 − potentialShare) × history share. */
  | { kind: "blend"; potentialShare: number }
  /** A formula over the rep's fields (see QUOTA_FORMULA_FIELDS). */
  | { kind: "expression"; formula: string };

export const QUOTA_FORMULA_FIELDS = [
  "potential",
  "history",
  "accounts",
  "workload",
  "capacity",
] as const;

export interface QuotaSettings {
  companyTarget: number;
  method: QuotaMethod;
  /** Rep quotas sum to their team's quota × (1 + overAssignment). */
  overAssignment?: number;
  /**
   * Hedge per management level, top level first: the top managers' quotas sum to the
   * company target × (1 + hedge[0]); a manager's sub-managers sum to that manager's quota
   * × (1 + hedge[level]). A single number applies at every level.
   */
  managerHedge?: number | number[];
  /** Managers above managers; a rep's manager not listed here reports to the company. */
  managers?: QuotaManager[];
  /** Rounding, in digits after the decimal point (default 2: to the cent). */
  decimals?: number;
  /** Excel serial of the first day of the fiscal year. */
  fiscalYearStart: number;
  /** Share of the full monthly quota in a new hire's ramp months 1, 2, 3… */
  rampSchedule?: number[];
  /** Multiply each weight by FTE (for weights that do not already reflect capacity). */
  capacityAdjusted?: boolean;
  /** Twelve relative monthly weights, fiscal month 1 first (default: equal). */
  seasonality?: number[];
  /** Funnel check: the volume each quota needs. */
  funnel?: { rates: number[]; avgDealSize: number; collectionRatio?: number };
}

export interface RepQuota {
  repId: string;
  team: string;
  weight: number;
  /** Share of a full year the rep is ramped for (1 for a rep not ramping). */
  rampFactor: number;
  annual: number;
  monthly: number[];
  quarterly: number[];
  /** Reverse funnel for the annual quota, top stage first, when a funnel was given. */
  funnelNeeded?: number[];
}

export interface QuotaManager {
  id: string;
  /** The manager this one reports to; absent for a manager reporting to the company. */
  parent?: string;
}

export interface TeamQuota {
  team: string;
  parent?: string;
  /** 1 for managers reporting to the company. */
  level: number;
  quota: number;
  /** What the level below sums to: quota × (1 + over-assignment) for reps, × (1 + hedge) for managers. */
  childTotal: number;
  childSum: number;
}

export interface QuotaPlan {
  companyTarget: number;
  teamTotal: number;
  teamSum: number;
  teams: TeamQuota[];
  reps: RepQuota[];
  /** True when every level sums exactly (in units of the rounding) to the level above. */
  tiesOut: boolean;
}
