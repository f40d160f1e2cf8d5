import { Column, LabelMemo } from "./column";
import { div0Error, naError, numError, valueError } from "./errors";

/** Checks a value meant to be a non-negative amount or count. */
export function requireNonNegative(value: number, field: string, row?: number): number {
  if (value < 0)
    throw numError(`${field} must not be negative${row ? ` (row ${row})` : ""}`, { field, row });
  return value;
}

/** Checks a value meant to be a probability or rate. */
export function requireFraction(value: number, field: string, row?: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw numError(`${field} must be between 0 and 1${row ? ` (row ${row})` : ""}, got ${value}`, {
      field,
      row,
    });
  }
  return value;
}

/** A result a user can put in a cell: finite, or a #NUM! that says why. */
export function finiteResult(value: number, what: string): number {
  if (!Number.isFinite(value)) throw numError(`${what} is too large to represent`);
  return value;
}

/** Sales velocity: expected revenue closed per day from the open pipeline. */
export function velocity(
  openOpportunities: number,
  winRate: number,
  avgDealSize: number,
  cycleDays: number
): number {
  requireNonNegative(openOpportunities, "open_opportunities");
  requireFraction(winRate, "win_rate");
  requireNonNegative(avgDealSize, "avg_deal_size");
  requireNonNegative(cycleDays, "cycle_days");
  if (cycleDays === 0) throw div0Error("cycle_days is 0");
  return finiteResult((openOpportunities * winRate * avgDealSize) / cycleDays, "velocity");
}

/** Pipeline coverage: how many times the open pipeline covers the quota still to close. */
export function coverage(pipeline: number, remainingQuota: number): number {
  requireNonNegative(pipeline, "pipeline");
  requireNonNegative(remainingQuota, "remaining_quota");
  if (remainingQuota === 0) throw div0Error("remaining_quota is 0: nothing left to cover");
  return finiteResult(pipeline / remainingQuota, "coverage");
}

/** Quota attainment; actuals may be negative (credit notes), quotas may not. */
export function attainment(actual: number, quota: number): number {
  requireNonNegative(quota, "quota");
  if (quota === 0) throw div0Error("quota is 0");
  return finiteResult(actual / quota, "attainment");
}

/** Case- and space-insensitive key used wherever users type labels (stages, outcomes, groups). */
export const labelKey = (label: string): string => label.trim().toLowerCase();

/** Builds a lookup from stage name to its index, rejecting blank and duplicate names. */
export function stageIndex(
  stageNames: readonly string[],
  field = "stage_names"
): Map<string, number> {
  const index = new Map<string, number>();
  stageNames.forEach((name, i) => {
    const key = labelKey(name);
    if (key === "")
      throw valueError(`${field} has a blank name in row ${i + 1}`, { field, row: i + 1 });
    if (index.has(key))
      throw valueError(`${field} lists "${name}" twice (row ${i + 1})`, { field, row: i + 1 });
    index.set(key, i);
  });
  return index;
}

/** What StageLookup gives for a blank label. */
export const BLANK_STAGE = -1;
const UNKNOWN = -2;

/** Stage positions of typed labels; -1 (BLANK_STAGE) for a blank label. Unknown labels are #N/A with their row. */
export class StageLookup {
  private readonly memo: LabelMemo<number>;

  constructor(
    index: Map<string, number>,
    private readonly field: string
  ) {
    this.memo = new LabelMemo((label) => {
      const key = labelKey(label);
      return key === "" ? BLANK_STAGE : (index.get(key) ?? UNKNOWN);
    });
  }

  stageOf(label: string, row: number): number {
    const stage = this.memo.get(label);
    if (stage === UNKNOWN) {
      throw naError(`unknown stage "${label}" in ${this.field}, row ${row}`, {
        field: this.field,
        row,
      });
    }
    return stage;
  }
}

/**
 * Σ amount × probability of the stage each deal is in. `amounts` holds NaN for blank
 * cells; rows with both cells blank (a range selected past the data) are skipped.
 */
export function weightedPipeline(
  amounts: Float64Array,
  stages: Column<string>,
  stageNames: readonly string[],
  stageProbabilities: Float64Array
): number {
  if (amounts.length !== stages.length) {
    throw valueError(`amounts has ${amounts.length} rows but stages has ${stages.length}`, {
      field: "stages",
    });
  }
  if (stageNames.length !== stageProbabilities.length) {
    throw valueError(
      `stage_names has ${stageNames.length} entries but stage_probabilities has ${stageProbabilities.length}`,
      { field: "stage_probabilities" }
    );
  }
  stageProbabilities.forEach((p, i) => requireFraction(p, "stage_probabilities", i + 1));
  const stagesByName = new StageLookup(stageIndex(stageNames), "stages");
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    const amount = amounts[i];
    const stage = stagesByName.stageOf(stages.get(i), i + 1);
    if (amount !== amount) {
      if (stage === BLANK_STAGE) continue;
      throw valueError(`amounts is blank in row ${i + 1}`, { field: "amounts", row: i + 1 });
    }
    if (stage === BLANK_STAGE)
      throw valueError(`stages is blank in row ${i + 1}`, { field: "stages", row: i + 1 });
    if (amount < 0) {
      throw numError(`amounts must not be negative (row ${i + 1})`, {
        field: "amounts",
        row: i + 1,
      });
    }
    total += amount * stageProbabilities[stage];
  }
  return finiteResult(total, "weighted pipeline");
}
