/** Why the store did not save, with every problem located (sheet, cell, what to do). */
import type { PlanProblem } from "./rows";

export class PlanStoreError extends Error {
  constructor(
    /**
     * - `invalid`: rows about to be written break the table's rules;
     * - `conflict`: the plan changed since it was loaded (another author's save, a hand edit);
     * - `refused`: the workbook is not in a state the plan can be written to without
     *   overwriting something (a renamed or deleted table, cells in the way, merged cells,
     *   an unreadable revision): nothing was written, and `problems` say where and what to do;
     * - `write-failed`: a write failed half-way; what was written is put back.
     */
    readonly kind: "invalid" | "conflict" | "refused" | "write-failed",
    message: string,
    readonly problems: PlanProblem[] = []
  ) {
    super(message);
    this.name = "PlanStoreError";
  }
}

/** A refusal that writes nothing: the problems, and one sentence saying so. */
export function refusal(problems: PlanProblem[]): PlanStoreError {
  const first = problems[0];
  const where = first ? `${first.sheet}${first.address ? ` ${first.address}` : ""}: ` : "";
  return new PlanStoreError(
    "refused",
    `nothing was saved: ${where}${first?.message ?? "the workbook cannot be written"}` +
      (problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ""),
    problems
  );
}
