/**
 * How a failed command ends: every error becomes one exit code and one message a user can act
 * on. 1 problems in the plan's tables, 2 an unusable file or request, 4 a bug (the engine's own
 * refusals, 3, are reports, not errors). Nothing prints a stack trace unless asked for.
 */
import type { PlanProblem } from "../workbook/rows";
import type { PlanStoreError } from "../workbook/storeError";

export type ExitCode = 0 | 1 | 2 | 3 | 4;

/** A problem with a file or with what was asked (exit code 2). */
export class FileProblem extends Error {
  override name = "FileProblem";
}

export interface Failure {
  exitCode: ExitCode;
  message: string;
  /** Located problems behind the message (a store refusal), for printing one per line. */
  problems: PlanProblem[];
}

/** What the operating system's error codes mean for someone running the command. */
const SYSTEM_REASONS: Record<string, string> = {
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
};

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

/** "the disk is full" for ENOSPC: the reason in words, for any code. */
export const systemReason = (error: SystemError) =>
  SYSTEM_REASONS[error.code] ?? `${error.code} (${error.message})`;

/** "plan.xlsx: the disk is full" from an ENOSPC error, naming the file it concerns. */
export function systemMessage(error: SystemError, file?: string): string {
  const subject = file ?? error.path;
  return subject ? `${subject}: ${systemReason(error)}` : systemReason(error);
}

const REPORT_HINT =
  "This is a bug in sales-plan: please report it with the command you ran (SALES_PLAN_DEBUG=1 shows the details).";

/**
 * The store's refusals, recognised by name: while the store moves to storeError.ts both it
 * and store.ts define the class, and either may throw.
 */
const isPlanStoreError = (error: unknown): error is PlanStoreError =>
  (error as Error | null)?.name === "PlanStoreError" &&
  Array.isArray((error as Partial<PlanStoreError>).problems);

/** The exit code and message for an error that ended a command. */
export function failureFor(error: unknown): Failure {
  if (error instanceof FileProblem) return { exitCode: 2, message: error.message, problems: [] };
  if (isPlanStoreError(error)) {
    // A located refusal (rows that cannot be written, cells in the way of a table, a renamed
    // table) is a problem in the plan's tables; a conflict or a failed write concerns the file.
    const inTables =
      (error.kind === "invalid" || error.kind === "refused") && error.problems.length > 0;
    return { exitCode: inTables ? 1 : 2, message: error.message, problems: error.problems };
  }
  if (isSystemError(error)) return { exitCode: 2, message: systemMessage(error), problems: [] };
  const message =
    typeof (error as Error)?.message === "string" ? (error as Error).message : String(error);
  const firstLine = message.split("\n", 1)[0] || (error as Error)?.name || "unknown error";
  return { exitCode: 4, message: `internal error: ${firstLine}. ${REPORT_HINT}`, problems: [] };
}
