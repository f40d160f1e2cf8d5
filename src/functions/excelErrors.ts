import { PlanError, PlanErrorKind } from "../domain/errors";
import { errorText } from "../domain/problem";

const codeFor: Record<PlanErrorKind, () => CustomFunctions.ErrorCode> = {
  value: () => CustomFunctions.ErrorCode.invalidValue,
  num: () => CustomFunctions.ErrorCode.invalidNumber,
  div0: () => CustomFunctions.ErrorCode.divisionByZero,
  na: () => CustomFunctions.ErrorCode.notAvailable,
};

/** The Excel error a user sees for a failure; anything unexpected becomes #VALUE! with a message, never a raw throw. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof PlanError)
    return new CustomFunctions.Error(codeFor[error.kind](), error.message);
  const detail = errorText(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `unexpected problem: ${detail}`
  );
}

type CellResult = number | string | boolean | CustomFunctions.Error;

/** What a custom function may return: one cell, or rows of cells that spill. */
export type ExcelValue = CellResult | CellResult[][];

function checkCell(value: unknown): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PlanError("num", "the result is too large to represent");
    return;
  }
  if (
    typeof value === "string" ||
    typeof value === "boolean" ||
    value instanceof CustomFunctions.Error
  )
    return;
  throw new Error(`a result cell was ${value === null ? "null" : typeof value}`);
}

/**
 * Runs one custom function's computation. The result is checked on the way out, so
 * NaN or ±Infinity can never reach a cell; every failure leaves as a CustomFunctions.Error.
 */
export function excelResult<T extends ExcelValue>(compute: () => T): T {
  let result: T;
  try {
    result = compute();
    if (Array.isArray(result)) {
      if (result.length === 0) throw new PlanError("na", "the result is empty");
      for (const row of result) for (let j = 0; j < row.length; j++) checkCell(row[j]);
    } else {
      checkCell(result);
    }
  } catch (error) {
    throw toExcelError(error);
  }
  return result;
}
