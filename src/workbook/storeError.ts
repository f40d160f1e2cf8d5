/** Why the store did not save, with every problem located (sheet, cell, what to do). */
import { wordsFrom, type Problem, type Worded } from "../domain/problem";
import type { PlanProblem } from "./rows";

/** What the store says when it refuses or fails, in English (src/i18n translates the codes). */
export const STORE_PROBLEMS = {
  newerVersion: "this workbook was saved by a newer version of the add-in",
  infoChanged:
    "{sheet} was changed after you loaded the plan; reload it, then make your change again",
  savedByOther:
    "someone else saved this plan after you loaded it; reload to see their changes, then make yours again",
  tableEdited:
    "{sheet} was edited after you loaded it; reload to see those edits, then make your change again",
  mustFix: "{count} problem(s) must be fixed before saving",
  saveFailed: "saving failed ({reason}); your previous plan is unchanged",
  saveFailedNotRestored:
    "saving failed ({reason}) and {tables} could not be put back: close the workbook without saving it, reopen it and save again",
  columnFailedChanged:
    "writing into {table} failed ({reason}) and some cells may have changed; {log} keeps what they were: reload, then undo the write-back",
  columnFailed: "writing into {table} failed ({reason}); its previous values are unchanged",
  columnFailedListed:
    "writing into {table} failed ({reason}); its previous values are unchanged, but {log} still lists that write-back",
  noCellWrites: "this workbook cannot be written cell by cell",
  readWhileChanged: "{table} changed while it was read; try again",
  refusedUnsaid: "nothing was saved: the workbook cannot be written",
  refusedOne: "nothing was saved: {problem}",
  refusedMore: "nothing was saved: {problem} (and {more} more problem(s))",
  /** One located problem inside a refusal: "Accounts B4: …". */
  placed: "{place}: {problem}",
} as const;

export type StoreProblemCode = keyof typeof STORE_PROBLEMS;
export const storeProblem = wordsFrom(STORE_PROBLEMS);

export class PlanStoreError extends Error {
  /** The message as a problem with its code, for the panes and the command line to translate. */
  readonly said: Problem;
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
    said: Worded<StoreProblemCode> | Problem,
    readonly problems: PlanProblem[] = []
  ) {
    super(said.message);
    this.name = "PlanStoreError";
    this.said = said;
  }
}

/** A refusal that writes nothing: the problems, and one sentence saying so. */
export function refusal(problems: PlanProblem[]): PlanStoreError {
  const first = problems[0];
  if (!first) return new PlanStoreError("refused", storeProblem("refusedUnsaid"), problems);
  const place = `${first.sheet}${first.address ? ` ${first.address}` : ""}`;
  const located: Problem = {
    ...storeProblem("placed", { place, problem: first.message }),
    parts: { problem: first },
  };
  const more = problems.length - 1;
  const said = more
    ? storeProblem("refusedMore", { problem: located.message, more })
    : storeProblem("refusedOne", { problem: located.message });
  return new PlanStoreError("refused", { ...said, parts: { problem: located } }, problems);
}
