/**
 * What the quota planner can refuse in its input, in English (the catalogs in src/i18n say
 * them in the user's language). The rep-table checks it shares with the territory engine
 * (a rep id used twice, a capacity outside 0–1) are INPUT_ISSUES: a code means one thing.
 */
import { wordsFrom } from "./problem";

export const QUOTA_PROBLEMS = {
  companyTarget: "the company target must be a number ≥ 0",
  overAssignment: "over-assignment must be between 0 and 1 (0% to 100%)",
  managerHedge: "the manager hedge must be between 0 and 1",
  blendShare: "the blend's potential share must be between 0 and 1",
  seasonality: "seasonality needs twelve monthly weights ≥ 0, not all zero",
  rampSchedule: "ramp percentages must be ≥ 0",
  repNumber: "{field} must be a number ≥ 0, got {value}",
  floorAboveCap: "floor is above cap",
  noRepsToPlan: "there are no reps to give quotas to",
  managerTwice: 'manager "{manager}" is listed twice',
  managerMixed: '"{team}" leads both reps and managers; give the reps a team manager of their own',
  managerLoop: '"{team}" reports to itself through {path}',
  negativeWeight: "gives {value}; weights must not be negative",
  /** A formula or split the planner could not use, in the words of the part that refused. */
  formula: "{reason}",
  teamSplit: 'team "{team}": {reason}',
} as const;

export type QuotaProblemCode = keyof typeof QUOTA_PROBLEMS;
export const quotaProblem = wordsFrom(QUOTA_PROBLEMS);
