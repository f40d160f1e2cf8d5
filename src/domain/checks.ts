/**
 * Checks on the numbers a user passes in and the numbers we hand back, shared by the
 * planning formulas (pipeline, funnel, win rate). Each failure is a PlanError that names the
 * field (and row), which the worksheet functions turn into the Excel error a user expects.
 */
import { numError } from "./errors";

/** Checks a value meant to be a non-negative amount or count. */
export function requireNonNegative(value: number, field: string, row?: number): number {
  if (value < 0)
    throw numError(`${field} must not be negative${row ? ` (row ${row})` : ""}`, { field, row });
  return value;
}

/** Checks a value meant to be a probability or rate. */
export function requireFraction(value: number, field: string, row?: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw numError(`${field} must be between 0 and 1${row ? ` (row ${row})` : ""}, got ${value}`, {
      field,
      row,
    });
  }
  return value;
}

/** A result a user can put in a cell: finite, or a #NUM! that says why. */
export function finiteResult(value: number, what: string): number {
  if (!Number.isFinite(value)) throw numError(`${what} is too large to represent`);
  return value;
}
