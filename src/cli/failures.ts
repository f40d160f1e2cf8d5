/**
 * How a failed command ends: every error becomes one exit code and one message a user can act
 * on. 1 problems in the plan's tables, 2 an unusable file or request, 4 a bug (the engine's own
 * refusals, 3, are reports, not errors). Nothing prints a stack trace unless asked for.
 */
import { wordsFrom, type Problem, type Worded } from "../domain/problem";
import type { PlanProblem } from "../workbook/rows";
import type { PlanStoreError } from "../workbook/storeError";
import { cliProblem } from "./cliProblems";

export type ExitCode = 0 | 1 | 2 | 3 | 4;

/** A problem with a file or with what was asked (exit code 2). */
export class FileProblem extends Error {
  override name = "FileProblem";
  /** The message as a problem with its code, said in the user's language when printed. */
  readonly said: Problem;
  /** What failed underneath (a zip library's own words), printed only with SALES_PLAN_DEBUG=1. */
  readonly detail: unknown;
  constructor(said: Worded | Problem, detail?: unknown) {
    super(said.message);
    this.said = said;
    this.detail = detail;
  }
}

export interface Failure {
  exitCode: ExitCode;
  message: string;
  /** The message as a problem with its code. */
  said: Problem;
  /** Located problems behind the message (a store refusal), for printing one per line. */
  problems: PlanProblem[];
}

/** What the operating system's error codes mean for someone running the command. */
export const SYSTEM_REASONS = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the file name is too long",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
  EBUSY: "the file is busy",
  ETXTBSY: "the file is busy",
  EXDEV: "the files are on different disks",
  /** A code not listed above, with Node's own words. */
  other: "{code} ({detail})",
  /** A reason about one file: "plan.xlsx: the disk is full". */
  about: "{subject}: {reason}",
} as const;
const systemWords = wordsFrom(SYSTEM_REASONS);

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

/**
 * An error from the operating system about a file (Node's errors carry a code such as
 * ENOSPC). Recognised by shape: Node's own errors need not be instances of this realm's Error.
 */
export function isSystemError(error: unknown): error is SystemError {
  const code = (error as Partial<SystemError> | null)?.code;
  return typeof error === "object" && typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

const listed = (code: string): code is Exclude<keyof typeof SYSTEM_REASONS, "other" | "about"> =>
  Object.prototype.hasOwnProperty.call(SYSTEM_REASONS, code) &&
  code !== "other" &&
  code !== "about";

/** "the disk is full" for ENOSPC: the reason as a problem, for any code. */
export const systemReasonSaid = (error: SystemError): Worded =>
  listed(error.code)
    ? systemWords(error.code)
    : systemWords("other", { code: error.code, detail: error.message });

/** "plan.xlsx: the disk is full" from an ENOSPC error, naming the file it concerns. */
export function systemSaid(error: SystemError, file?: string): Problem {
  const subject = file ?? error.path;
  const reason = systemReasonSaid(error);
  return subject
    ? { ...systemWords("about", { subject, reason: reason.message }), parts: { reason } }
    : reason;
}

const said = (problem: Problem) => ({ message: problem.message, said: problem });

/**
 * The store's refusals, recognised by name: while the store moves to storeError.ts both it
 * and store.ts define the class, and either may throw.
 */
const isPlanStoreError = (error: unknown): error is PlanStoreError =>
  (error as Error | null)?.name === "PlanStoreError" &&
  Array.isArray((error as Partial<PlanStoreError>).problems);

/** The exit code and message for an error that ended a command. */
export function failureFor(error: unknown): Failure {
  if (error instanceof FileProblem) return { exitCode: 2, ...said(error.said), problems: [] };
  if (isPlanStoreError(error)) {
    // A located refusal (rows that cannot be written, cells in the way of a table, a renamed
    // table) is a problem in the plan's tables; a conflict or a failed write concerns the file.
    const inTables =
      (error.kind === "invalid" || error.kind === "refused") && error.problems.length > 0;
    // The store's error as it was before it carried its words (see isPlanStoreError).
    const words: Problem = error.said ?? { message: error.message };
    return { exitCode: inTables ? 1 : 2, ...said(words), problems: error.problems };
  }
  if (isSystemError(error)) return { exitCode: 2, ...said(systemSaid(error)), problems: [] };
  const message =
    typeof (error as Error)?.message === "string" ? (error as Error).message : String(error);
  const firstLine = message.split("\n", 1)[0] || (error as Error)?.name || "unknown error";
  return { exitCode: 4, ...said(cliProblem("internal", { detail: firstLine })), problems: [] };
}
