/**
 * Excel's shared runtime provides the `CustomFunctions` global. Outside Excel (the
 * workbench in a plain browser, jest, the benchmarks) it is absent, yet the build
 * appends `CustomFunctions.associate(...)` to each family of functions (families.json).
 * This stand-in lets the same bundle load anywhere and gives the Excel errors the
 * functions return.
 */
type ErrorCodeMap = {
  invalidValue: "#VALUE!";
  notAvailable: "#N/A";
  divisionByZero: "#DIV/0!";
  invalidNumber: "#NUM!";
  nullReference: "#NULL!";
  invalidName: "#NAME?";
  invalidReference: "#REF!";
};

const errorCodes: ErrorCodeMap = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export class OutsideExcelError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}

export function installCustomFunctionsShim(): void {
  const host = globalThis as { CustomFunctions?: unknown };
  if (host.CustomFunctions !== undefined) return;
  host.CustomFunctions = {
    Error: OutsideExcelError,
    ErrorCode: errorCodes,
    // Outside Excel nothing calls functions by id; the workbench imports them directly.
    associate() {},
  };
}

installCustomFunctionsShim();
