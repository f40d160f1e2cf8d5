import { PlanError, PlanErrorKind } from "../domain/errors";
import { functionProblem } from "../domain/functionProblems";
import { errorText } from "../domain/problem";
import { localeFor, wordsIn } from "../i18n";

const codeFor: Record<PlanErrorKind, () => CustomFunctions.ErrorCode> = {
  value: () => CustomFunctions.ErrorCode.invalidValue,
  num: () => CustomFunctions.ErrorCode.invalidNumber,
  div0: () => CustomFunctions.ErrorCode.divisionByZero,
  na: () => CustomFunctions.ErrorCode.notAvailable,
};

/**
 * Excel's display language ("zh-CN"), when the runtime knows it: Office is not there outside
 * Excel (the workbench, the tests) and may not be ready yet, so anything missing means English.
 */
function displayLanguage(): string | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context?.displayLanguage;
  } catch {
    return undefined;
  }
}

/**
 * The Excel error a user sees for a failure, its message in Excel's display language;
 * anything unexpected becomes #VALUE! with a message, never a raw throw.
 */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof PlanError) {
    const words = wordsIn(localeFor(displayLanguage()));
    return new CustomFunctions.Error(codeFor[error.kind](), words.sayError(error));
  }
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
    if (!Number.isFinite(value)) throw new PlanError("num", functionProblem("resultTooLarge"));
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
      if (result.length === 0) throw new PlanError("na", functionProblem("resultEmpty"));
      for (const row of result) for (let j = 0; j < row.length; j++) checkCell(row[j]);
    } else {
      checkCell(result);
    }
  } catch (error) {
    throw toExcelError(error);
  }
  return result;
}
