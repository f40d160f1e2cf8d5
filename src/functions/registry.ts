/**
 * The PLAN functions by the name a formula calls them (WINRATE for `=PLAN.WINRATE(…)`), for
 * code that evaluates PLAN formulas outside Excel (`sales-plan recalc`, the workbench, the
 * sample's cached values). They are the very functions Excel calls: the function modules'
 * exports, named as custom-functions-metadata names them (the export name in capitals,
 * checked against the generated metadata by test/functions/registry.test.ts).
 */
import "./outsideExcelRuntime";
import * as families from "./functions";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PlanFunction = (...args: any[]) => unknown;

export const PLAN_FUNCTIONS: ReadonlyMap<string, PlanFunction> = new Map(
  Object.entries(families as Record<string, unknown>)
    .filter((entry): entry is [string, PlanFunction] => typeof entry[1] === "function")
    .map(([name, fn]) => [name.toUpperCase(), fn])
);
