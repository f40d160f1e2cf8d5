/**
 * What a planning engine (territories, quotas) gives back: its value, or every problem it
 * found in its input, each located by table, row and field so a user can go and fix it.
 * Shared by the engines so that none imports its error type from another.
 */
import type { Problem } from "./problem";

/** What the engines can refuse in their input, in English (the panes translate the codes). */
export const INPUT_ISSUES = {
  repIdBlank: "rep id is blank",
  repIdTwice: 'rep id "{id}" also used in row {row}',
  capacityRange: "capacity must be between 0 and 1, got {value}",
  noCapacity: "the reps' capacities add up to 0: nobody can carry a territory",
  noReps: "there are no reps",
  accountIdBlank: "account id is blank",
  accountIdTwice: 'account id "{id}" also used in row {row}',
  potentialInvalid: "potential must be a number ≥ 0, got {value}",
  workloadInvalid: "workload must be a number ≥ 0, got {value}",
  ownerNotRep: 'current owner "{owner}" is not a rep',
  lockedWithoutOwner: "locked, but has no current owner to stay with",
  settingShare: "{field} must be between 0 and 1, got {value}",
  maxAccountsWhole: "maxAccountsPerRep must be a whole number ≥ 1",
} as const;

export type InputIssueCode = keyof typeof INPUT_ISSUES;

/** A problem in the input, located by table, row (1-based), the row's id and field. */
export interface InputIssue extends Problem {
  table: "accounts" | "reps" | "settings";
  row?: number;
  id?: string;
  field: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };
