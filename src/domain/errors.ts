/**
 * Errors are values of one type across the planning core. Each carries the kind of
 * failure (which the shells map to an Excel error or a UI message) and where it was
 * found, so a user can go straight to the offending cell.
 */
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

export class PlanError extends Error {
  constructor(
    readonly kind: PlanErrorKind,
    message: string,
    readonly where: PlanErrorLocation = {}
  ) {
    super(message);
    this.name = "PlanError";
  }
}

export const valueError = (message: string, where?: PlanErrorLocation) =>
  new PlanError("value", message, where);
export const numError = (message: string, where?: PlanErrorLocation) =>
  new PlanError("num", message, where);
export const div0Error = (message: string, where?: PlanErrorLocation) =>
  new PlanError("div0", message, where);
export const naError = (message: string, where?: PlanErrorLocation) =>
  new PlanError("na", message, where);
