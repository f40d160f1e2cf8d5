/**
 * Checks on the numbers a user passes in and the numbers we hand back, shared by the
 * planning formulas (pipeline, funnel, win rate). Each failure is a PlanError that names the
 * field (and row), which the worksheet functions turn into the Excel error a user expects.
 */
import { numError } from "./errors";
import { functionProblem, functionProblemWith, type ResultName } from "./functionProblems";

/** Checks a value meant to be a non-negative amount or count. */
export function requireNonNegative(value: number, field: string, row?: number): number {
  if (value < 0)
    throw numError(
      row
        ? functionProblem("mustNotBeNegativeRow", { field, row })
        : functionProblem("mustNotBeNegative", { field }),
      { field, row }
    );
  return value;
}

/** Checks a value meant to be a probability or rate. */
export function requireFraction(value: number, field: string, row?: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw numError(
      row
        ? functionProblem("mustBeFractionRow", { field, row, value })
        : functionProblem("mustBeFraction", { field, value }),
      { field, row }
    );
  }
  return value;
}

/** A result a user can put in a cell: finite, or a #NUM! that says why. */
export function finiteResult(value: number, what: ResultName): number {
  if (!Number.isFinite(value))
    throw numError(functionProblemWith("tooLarge", {}, { what: functionProblem(what) }));
  return value;
}
