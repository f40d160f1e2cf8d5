/** What makes a territory run meaningless, found before it starts, each problem at its row. */
import { INPUT_ISSUES, type InputIssue } from "../outcome";
import { wordsFrom } from "../problem";
import { ACCOUNTS_PER_BEAT, noBeat, type Beat } from "./progress";
import type { Account, BalanceSettings, Rep, TerritoryInput } from "./types";

const worded = wordsFrom(INPUT_ISSUES);

// Read once, not per account: under jest's sandbox a global lookup in a hot loop is some 400x
// slower (CONTRIBUTING.md, "Speed").
const { isFinite } = Number;

/** Every problem that would make a run meaningless, each with its row; empty when the input is sound. */
export function validateTerritoryInput(
  { accounts, reps, settings }: TerritoryInput,
  beat: Beat = noBeat
): InputIssue[] {
  const { issues, repRows } = validateReps(reps);
  return [
    ...issues,
    ...validateAccounts(accounts, repRows, beat),
    ...validateBalanceSettings(settings),
  ];
}

/** The problems in the balancing rules alone (no settings: none). */
export function validateBalanceSettings(settings: BalanceSettings | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!settings) return issues;
  const fraction = (value: number | undefined, field: keyof BalanceSettings) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      issues.push({
        table: "settings",
        field,
        ...worded("settingShare", { field, value }),
      });
    }
  };
  fraction(settings.workloadWeight, "workloadWeight");
  fraction(settings.toleranceBand, "toleranceBand");
  fraction(settings.maxMovedShare, "maxMovedShare");
  if (
    settings.maxAccountsPerRep !== undefined &&
    !(Number.isInteger(settings.maxAccountsPerRep) && settings.maxAccountsPerRep >= 1)
  ) {
    issues.push({
      table: "settings",
      field: "maxAccountsPerRep",
      ...worded("maxAccountsWhole"),
    });
  }
  return issues;
}

/** Rep problems, and the row of each usable rep id (what an account's owner must name). */
function validateReps(reps: Rep[]): { issues: InputIssue[]; repRows: Map<string, number> } {
  const issues: InputIssue[] = [];
  const repRows = new Map<string, number>();
  reps.forEach((rep, i) => {
    const row = i + 1;
    if (rep.id.trim() === "")
      issues.push({ table: "reps", row, field: "id", ...worded("repIdBlank") });
    else if (repRows.has(rep.id)) {
      issues.push({
        table: "reps",
        row,
        id: rep.id,
        field: "id",
        ...worded("repIdTwice", { id: rep.id, row: repRows.get(rep.id)! }),
      });
    } else repRows.set(rep.id, row);
    if (!(rep.capacity >= 0 && rep.capacity <= 1)) {
      issues.push({
        table: "reps",
        row,
        id: rep.id,
        field: "capacity",
        ...worded("capacityRange", { value: rep.capacity }),
      });
    }
  });
  if (
    reps.length > 0 &&
    reps.reduce((sum, rep) => sum + (rep.capacity > 0 ? rep.capacity : 0), 0) === 0
  ) {
    issues.push({
      table: "reps",
      field: "capacity",
      ...worded("noCapacity"),
    });
  }
  if (reps.length === 0) issues.push({ table: "reps", field: "id", ...worded("noReps") });
  return { issues, repRows };
}

function validateAccounts(
  accounts: Account[],
  repRows: ReadonlyMap<string, number>,
  beat: Beat
): InputIssue[] {
  const issues: InputIssue[] = [];
  const accountRows = new Map<string, number>();
  // A for loop and the row's location made only for a problem: 100,000 sound rows cost little.
  for (let i = 0; i < accounts.length; i++) {
    if (i % ACCOUNTS_PER_BEAT === ACCOUNTS_PER_BEAT - 1) beat();
    const account = accounts[i];
    const row = i + 1;
    const at = () => ({ table: "accounts" as const, row, id: account.id });
    if (account.id.trim() === "")
      issues.push({ ...at(), field: "id", ...worded("accountIdBlank") });
    else if (accountRows.has(account.id)) {
      issues.push({
        ...at(),
        field: "id",
        ...worded("accountIdTwice", { id: account.id, row: accountRows.get(account.id)! }),
      });
    } else accountRows.set(account.id, row);
    if (!(account.potential >= 0) || !isFinite(account.potential)) {
      issues.push({
        ...at(),
        field: "potential",
        ...worded("potentialInvalid", { value: account.potential }),
      });
    }
    if (!(account.workload >= 0) || !isFinite(account.workload)) {
      issues.push({
        ...at(),
        field: "workload",
        ...worded("workloadInvalid", { value: account.workload }),
      });
    }
    if (account.currentOwner && !repRows.has(account.currentOwner)) {
      issues.push({
        ...at(),
        field: "currentOwner",
        ...worded("ownerNotRep", { owner: account.currentOwner }),
      });
    }
    if (account.locked && !account.currentOwner) {
      issues.push({
        ...at(),
        field: "locked",
        ...worded("lockedWithoutOwner"),
      });
    }
  }
  return issues;
}
