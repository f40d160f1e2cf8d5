/** A finished board as the user sees it: each assignment with its reason, each rep's figures, the metrics. */
import type { Board } from "./board";
import { fairnessMetrics } from "./metrics";
import { ACCOUNTS_PER_BEAT, noBeat, type Beat } from "./progress";
import type { Assignment, AssignmentReason, RepSummary, TerritoryResult } from "./types";

export function summarise(board: Board, beat: Beat = noBeat): TerritoryResult {
  const { accounts, reps, unassigned } = board;
  const assignments: Assignment[] = [];
  for (let a = 0; a < accounts.length; a++) {
    if (a % ACCOUNTS_PER_BEAT === ACCOUNTS_PER_BEAT - 1) beat();
    const r = board.owner[a];
    if (r < 0) continue;
    const orig = board.original[a];
    const owner = accounts[a].currentOwner;
    const reason: AssignmentReason = board.locked[a]
      ? "locked"
      : orig === r
        ? "kept"
        : owner
          ? "moved"
          : "placed";
    const assignment: Assignment = { accountId: accounts[a].id, repId: reps[r].id, reason };
    if (reason === "moved" && owner) assignment.movedFrom = owner;
    assignments.push(assignment);
  }
  const potential = new Float64Array(reps.length);
  const workload = new Float64Array(reps.length);
  for (let a = 0; a < accounts.length; a++) {
    const r = board.owner[a];
    if (r < 0) continue;
    potential[r] += accounts[a].potential;
    workload[r] += accounts[a].workload;
  }
  const summaries: RepSummary[] = reps.map((rep, r) => ({
    repId: rep.id,
    accounts: board.repCount[r],
    potential: potential[r],
    workload: workload[r],
    load: board.repLoad[r],
    target: board.target[r],
    deviation: board.target[r] > 0 ? board.deviation(r) : null,
  }));
  return {
    assignments,
    unassigned,
    reps: summaries,
    metrics: fairnessMetrics(board, potential),
  };
}
