/**
 * Territories: which rep owns which account.
 *
 * Routing follows how sales teams carve: an account may only go to a rep who covers its
 * region, its industry and its size tier. Balancing then gives each rep a share of the load
 * (potential, optionally blended with workload) in proportion to capacity, while keeping
 * accounts with their current owners unless moving them is needed for balance.
 *
 * The engine: keep locked accounts and, for continuity, eligible current owners; place the
 * rest largest-first on the eligible rep furthest below target; then repair, repeatedly
 * taking the rep furthest from target and making the single move (or, failing that, swap)
 * that most reduces the larger deviation of the pair, within the continuity budget.
 *
 * Where things are: types.ts (input and result), validation.ts, routing.ts (who may own
 * what), board.ts (the working state), moves.ts (the search moves), passes.ts (the passes
 * of a run), balance.ts (the run), summary.ts and metrics.ts (the result), tuning.ts (the
 * size thresholds and tolerances).
 */
export type {
  Account,
  Assignment,
  AssignmentReason,
  BalanceSettings,
  FairnessMetrics,
  Rep,
  RepSummary,
  TerritoryInput,
  TerritoryResult,
  Unassigned,
} from "./types";
export { validateBalanceSettings, validateTerritoryInput } from "./validation";
export { isEligible, UNROUTABLE_REASONS, type UnroutableCode } from "./routing";
export { balanceTerritories } from "./balance";
export {
  lowestPossibleDeviation,
  type DeviationBound,
  type BindingSet,
  type Remedy,
  type Segment,
} from "./bound";
export { gini } from "./metrics";
// Older importers take the engines' shared outcome types from here; new code uses ../outcome.
export { INPUT_ISSUES, type InputIssue, type InputIssueCode, type Outcome } from "../outcome";
