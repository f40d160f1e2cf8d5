/**
 * How a call to a PLAN function is spelled in a file, and how it is spelled for people.
 *
 * Excel saves a call to an Office add-in's JavaScript function under an internal name:
 * `_xldudf_` + the namespace + `_` + the function, and shows it as NAMESPACE.FUNCTION again
 * once the add-in is loaded. Public workbooks and the tools that read them show this form:
 * `_xldudf_CX_GET(…)` and `_xldudf_CX_PUSH(…)` for an add-in with namespace CX (formulas read
 * from a financial model's workbook by an ingest tool's tests), `_xldudf_CS_SPARK_XCALL` in
 * generated test workbooks, `_xldudf_optionsamurai_stock(E10,"stock_last")` read back by
 * openpyxl from a saved workbook; an unregistered call shows as `=_xldudf_<digits>(…)`
 * (OfficeDev/Excel-Custom-Functions known issues). A call stored plainly as `PLAN.WINRATE(`
 * by another tool was reported to stay #NAME? in Excel until each cell is re-entered
 * (OfficeDev/Excel-Custom-Functions#108, #368). So every PLAN call the add-in writes into a
 * file is stored as `_xldudf_PLAN_WINRATE(`, and read back as `PLAN.WINRATE(`.
 *
 * Only calls in the add-in's namespace are translated; other add-ins' calls, string literals
 * and everything else in the formula keep their characters.
 */
import { tokenize } from "@borgar/fx";

/** The namespace of the add-in's functions (manifest.xml, Functions.Namespace). */
export const PLAN_NAMESPACE = "PLAN";
const STORED_PREFIX = `_xldudf_${PLAN_NAMESPACE}_`;
const SHOWN_PREFIX = `${PLAN_NAMESPACE}.`;
/** A PLAN function's own name: letters and digits (an underscore or dot would be another add-in's namespace). */
const FUNCTION_NAME = /^[A-Z][A-Z0-9]*$/;

/**
 * The PLAN function a formula token names, in either spelling, in capitals (undefined for
 * any other name). Only the spelling is looked at, so this module needs none of the functions.
 */
export function planFunctionName(token: string): string | undefined {
  const upper = token.toUpperCase();
  const name = upper.startsWith(STORED_PREFIX.toUpperCase())
    ? upper.slice(STORED_PREFIX.length)
    : upper.startsWith(SHOWN_PREFIX)
      ? upper.slice(SHOWN_PREFIX.length)
      : undefined;
  return name !== undefined && FUNCTION_NAME.test(name) ? name : undefined;
}

/** A cheap first look: most formulas do not mention PLAN at all and are not tokenized. */
const mayCallPlan = (formula: string) => /plan/i.test(formula);

function respell(formula: string, spell: (name: string) => string): string {
  if (!mayCallPlan(formula)) return formula;
  let changed = false;
  const text = tokenize(formula)
    .map((token) => {
      const name = token.type === "func" ? planFunctionName(token.value) : undefined;
      if (name === undefined) return token.value;
      changed = true;
      return spell(name);
    })
    .join("");
  return changed ? text : formula;
}

/** The formula as Excel stores it in a file: PLAN calls under their `_xldudf_` names. */
export const storedFormula = (formula: string) =>
  respell(formula, (name) => `${STORED_PREFIX}${name}`);

/** The formula as people type and read it: `PLAN.WINRATE(` for `_xldudf_PLAN_WINRATE(`. */
export const shownFormula = (formula: string) =>
  respell(formula, (name) => `${SHOWN_PREFIX}${name}`);

/** Whether a formula calls a PLAN function (in either spelling). */
export function callsPlan(formula: string): boolean {
  if (!mayCallPlan(formula)) return false;
  return tokenize(formula).some(
    (token) => token.type === "func" && planFunctionName(token.value) !== undefined
  );
}
