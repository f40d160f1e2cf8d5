/**
 * What a function under test threw, checked to be the kind a user would see: the Excel error
 * a PLAN function returns (CustomFunctions.Error, its code and message) or the core's
 * PlanError. And ranges as Excel passes them to a custom function: rows of cells.
 */
import { PlanError } from "../../src/domain/errors";

/** A column of cells, as Excel passes a one-column range. */
export const column = (...cells: unknown[]) => cells.map((c) => [c]);
/** A row of cells, as Excel passes a one-row range. */
export const row = (...cells: unknown[]) => [cells];

export function excelError(run: () => unknown): { code: string; message?: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    const { code, message } = error as CustomFunctions.Error;
    return { code, message };
  }
  throw new Error("expected an Excel error");
}

export function planError(run: () => unknown): PlanError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return error as PlanError;
  }
  throw new Error("expected a PlanError");
}
