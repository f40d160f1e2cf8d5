/**
 * Errors are values of one type across the planning core. Each carries the kind of
 * failure (which the shells map to an Excel error or a UI message) and where it was
 * found, so a user can go straight to the offending cell.
 */
import type { Problem, Worded } from "./problem";

export type PlanErrorKind =
  /** Wrong type or shape: text where a number is needed, mismatched ranges, unknown option. */
  | "value"
  /** A number outside what the metric allows: negative count, rate above 1, infeasible bounds. */
  | "num"
  /** The metric divides by zero, as the equivalent native Excel formula would. */
  | "div0"
  /** Something looked up is not there: an unknown stage, a quantile never reached. */
  | "na";

export interface PlanErrorLocation {
  /** The argument, table or field the problem is in, e.g. "closed" or "Accounts.Potential". */
  readonly field?: string;
  /** 1-based position inside that argument or table. */
  readonly row?: number;
}

/**
 * The kind says which Excel error a worksheet function returns; `said` is the problem as a
 * user is told it, with its code and values (FUNCTION_PROBLEMS, QUOTA_PROBLEMS…) so that a
 * catalog can say it in the user's language.
 */
export class PlanError extends Error {
  readonly said: Pick<Problem, "code" | "values" | "message" | "parts">;
  constructor(
    readonly kind: PlanErrorKind,
    message: string | Worded,
    readonly where: PlanErrorLocation = {}
  ) {
    super(typeof message === "string" ? message : message.message);
    this.name = "PlanError";
    this.said = typeof message === "string" ? { message } : { ...message };
  }
}

export const valueError = (message: string | Worded, where?: PlanErrorLocation) =>
  new PlanError("value", message, where);
export const numError = (message: string | Worded, where?: PlanErrorLocation) =>
  new PlanError("num", message, where);
export const div0Error = (message: string | Worded, where?: PlanErrorLocation) =>
  new PlanError("div0", message, where);
export const naError = (message: string | Worded, where?: PlanErrorLocation) =>
  new PlanError("na", message, where);
