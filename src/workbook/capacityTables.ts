/**
 * A scenario's capacity plan as rows of the Capacity Plan table, and read back from them:
 * the inputs of the capacity model (domain/capacity.ts) one per row, the planned hires and a
 * hire's ramp one row per month, and the revenue bridge's plan and actual factors (an actual
 * factor typed, or the cell or name it is read from, in the Link column). A value a
 * user typed that the add-in cannot use is reported at its cell: a plan is never read from a
 * guess. The plan itself is always worked out again from the inputs.
 */
import { CapacityMonth, MONTHS, capacityPlan } from "../domain/capacity";
import { functionProblem } from "../domain/functionProblems";
import { Worded, wordsFrom } from "../domain/problem";
import {
  PlanProblem,
  PlanRow,
  TableData,
  cellOf,
  columnLetters,
  replacedInPlace,
  withExtraColumns,
} from "./rows";
import { tables } from "./schema";
import { SCENARIO_SETTING_PROBLEMS } from "./scenarioSettings";
import type { PlanSnapshot } from "./store";

/** The factors of the revenue identity, in its order: their product is collected revenue. */
export const BRIDGE_FACTORS = [
  "leads",
  "leadToOpportunity",
  "winRate",
  "dealSize",
  "collection",
] as const;
export type BridgeFactor = (typeof BRIDGE_FACTORS)[number];

/** What a user sets for a scenario's capacity plan; undefined: not given. */
export interface CapacityInputs {
  companyTarget?: number;
  startHeadcount?: number;
  /** Revenue per fully ramped rep per month. */
  productivity?: number;
  /** A hire's share of full productivity in their 1st, 2nd, … month; 100% after the list. */
  ramp: number[];
  annualAttrition?: number;
  /** Months before a departure is replaced; undefined: departures are not replaced. */
  backfillMonths?: number;
  /** The month the hires were proposed for (kept so the pane proposes for it again). */
  hireMonth?: number;
  /** Hires joining at the start of months 1–12. */
  hires: number[];
  bridgePlan: (number | undefined)[];
  bridgeActual: (number | undefined)[];
  /**
   * The cell or name each actual factor is read from (`Sheet1!B2`, a workbook name), as the
   * V2MOM's measures link their actuals; undefined: the factor is typed.
   */
  bridgeActualLinks: (string | undefined)[];
}

export const emptyCapacity = (): CapacityInputs => ({
  ramp: [],
  hires: Array<number>(MONTHS).fill(0),
  bridgePlan: BRIDGE_FACTORS.map(() => undefined),
  bridgeActual: BRIDGE_FACTORS.map(() => undefined),
  bridgeActualLinks: BRIDGE_FACTORS.map(() => undefined),
});

const SINGLE = [
  "companyTarget",
  "startHeadcount",
  "productivity",
  "annualAttrition",
  "backfillMonths",
  "hireMonth",
] as const;
type Single = (typeof SINGLE)[number];
const MONTHLY = ["hires", "ramp"] as const;
const planKey = (f: BridgeFactor) => `bridge.plan.${f}`;
const actualKey = (f: BridgeFactor) => `bridge.actual.${f}`;
const linkKey = (f: BridgeFactor) => `bridge.actualLink.${f}`;
const KNOWN = new Set<string>([
  ...SINGLE,
  ...MONTHLY,
  ...BRIDGE_FACTORS.flatMap((f) => [planKey(f), actualKey(f), linkKey(f)]),
]);

const settingProblem = wordsFrom(SCENARIO_SETTING_PROBLEMS);

/** The year's plan from the inputs, or undefined while the model refuses them. */
export interface CapacityFigures {
  months: CapacityMonth[];
  /** Σ capacity revenue over the 12 months. */
  year: number;
  /** Year's capacity − company target (negative: short of it); undefined without a target. */
  gap?: number;
}

/** The plan worked out from the inputs; throws the model's located error when it refuses them. */
export function capacityFigures(inputs: CapacityInputs): CapacityFigures {
  const months = capacityPlan(
    inputs.startHeadcount ?? 0,
    Float64Array.from(inputs.hires),
    inputs.productivity ?? 0,
    {
      ramp: Float64Array.from(inputs.ramp),
      annualAttrition: inputs.annualAttrition ?? 0,
      backfillMonths: inputs.backfillMonths,
    }
  );
  const year = months.reduce((sum, m) => sum + m.revenue, 0);
  const target = inputs.companyTarget;
  return { months, year, ...(target === undefined ? {} : { gap: year - target }) };
}

/** The scenario's rows of the Capacity Plan table (the monthly figures when the model runs). */
export function capacityRows(scenario: string, inputs: CapacityInputs): PlanRow[] {
  let months: CapacityMonth[] | undefined;
  try {
    months = capacityFigures(inputs).months;
  } catch {
    months = undefined;
  }
  const row = (Setting: string, Month: number | null, Value: number | null): PlanRow => ({
    Scenario: scenario,
    Setting,
    Month,
    Value,
    InSeat: null,
    RampedFTE: null,
    CapacityRevenue: null,
    Link: null,
  });
  const rows: PlanRow[] = [];
  for (const key of SINGLE) {
    const value = inputs[key];
    if (value !== undefined) rows.push(row(key, null, value));
  }
  inputs.ramp.forEach((share, i) => rows.push(row("ramp", i + 1, share)));
  inputs.hires.forEach((count, i) => {
    const month = months?.[i];
    rows.push({
      ...row("hires", i + 1, count),
      InSeat: month?.inSeat ?? null,
      RampedFTE: month?.rampedFte ?? null,
      CapacityRevenue: month?.revenue ?? null,
    });
  });
  BRIDGE_FACTORS.forEach((factor, i) => {
    const plan = inputs.bridgePlan[i];
    const actual = inputs.bridgeActual[i];
    if (plan !== undefined) rows.push(row(planKey(factor), null, plan));
    if (actual !== undefined) rows.push(row(actualKey(factor), null, actual));
    // The link as typed: the add-in reads the cell again each time, so no value is kept with it.
    const link = inputs.bridgeActualLinks[i]?.trim();
    if (link) rows.push({ ...row(linkKey(factor), null, null), Link: link });
  });
  return rows;
}

/** Changes that replace one scenario's capacity rows; the other scenarios' rows stay as read. */
export function replaceCapacity(snapshot: PlanSnapshot, scenario: string, rows: PlanRow[]) {
  const table = snapshot.tables.capacity;
  return {
    capacity: withExtraColumns(
      tables.capacity,
      table,
      replacedInPlace(table.rows, (r) => cellOf(r, "Scenario") === scenario, rows)
    ),
  };
}

export interface ReadCapacity {
  /** Undefined when the table holds no row for the scenario. */
  inputs?: CapacityInputs;
  /** Each unknown setting and each month out of range, at its cell. */
  problems: PlanProblem[];
}

/**
 * A scenario's capacity plan from the Capacity Plan table, as the store read it (from A1,
 * blank rows skipped, as readScenarioRun locates its rows). Values that are not numbers are
 * the store's own problems already; a blank Value means "not given" (a blank month: no hires).
 */
export function readCapacityPlan(table: TableData, scenario: string): ReadCapacity {
  const problems: PlanProblem[] = [];
  const letter = (header: string) => columnLetters(Math.max(0, table.header.indexOf(header)));
  const report = (i: number, column: string, said: Worded) => {
    const row = i + 2;
    problems.push({
      severity: "error",
      sheet: tables.capacity.sheet,
      table: tables.capacity.table,
      row,
      column,
      address: `${letter(column)}${row}`,
      ...said,
    });
  };
  const inputs = emptyCapacity();
  const single: Partial<Record<Single, number>> = {};
  let found = false;
  const ramp: number[] = [];
  table.rows.forEach((r, i) => {
    if (cellOf(r, "Scenario") !== scenario) return;
    found = true;
    const key = String(cellOf(r, "Setting") ?? "").trim();
    const raw = cellOf(r, "Value");
    const value = typeof raw === "number" ? raw : undefined;
    if (!KNOWN.has(key)) return report(i, "Setting", settingProblem("settingUnknown", { key }));
    if ((MONTHLY as readonly string[]).includes(key)) {
      const month = cellOf(r, "Month");
      if (typeof month !== "number" || !Number.isInteger(month) || month < 1 || month > MONTHS)
        return report(
          i,
          "Month",
          functionProblem("monthRange", {
            field: "Month",
            value: String(month ?? ""),
            high: MONTHS,
          })
        );
      if (key === "hires") inputs.hires[month - 1] = value ?? 0;
      else if (value !== undefined) ramp[month - 1] = value;
      return;
    }
    const linked = BRIDGE_FACTORS.findIndex((f) => key === linkKey(f));
    if (linked >= 0) {
      const link = String(cellOf(r, "Link") ?? "").trim();
      if (link) inputs.bridgeActualLinks[linked] = link;
      return;
    }
    if (value === undefined) return;
    const factor = BRIDGE_FACTORS.findIndex((f) => key === planKey(f) || key === actualKey(f));
    if (factor >= 0) {
      if (key.startsWith("bridge.plan.")) inputs.bridgePlan[factor] = value;
      else inputs.bridgeActual[factor] = value;
    } else single[key as Single] = value;
  });
  if (!found) return { problems };
  // A month left out of the ramp reads as fully ramped, as the months after the list do.
  inputs.ramp = Array.from(ramp, (share) => share ?? 1);
  return { inputs: { ...inputs, ...single }, problems };
}

/** A scenario's capacity plan as the Territory Review shows it: a row per month, then the year. */
export interface CapacityReview {
  months: { month: number; hires: number; inSeat: number; rampedFte: number; revenue: number }[];
  /** Σ capacity revenue; the company target and year − target when a target is stored. */
  year: number;
  target?: number;
  gap?: number;
}

/**
 * The review's capacity rows for a scenario, worked out from the stored inputs; undefined when
 * the scenario has no capacity plan, or its inputs cannot be used (the pane says why at the field).
 */
export function capacityReview(table: TableData, scenario: string): CapacityReview | undefined {
  const { inputs } = readCapacityPlan(table, scenario);
  if (!inputs) return undefined;
  let figures: CapacityFigures;
  try {
    figures = capacityFigures(inputs);
  } catch {
    return undefined;
  }
  return {
    months: figures.months.map((m, i) => ({
      month: i + 1,
      hires: inputs.hires[i],
      inSeat: m.inSeat,
      rampedFte: m.rampedFte,
      revenue: m.revenue,
    })),
    year: figures.year,
    target: inputs.companyTarget,
    gap: figures.gap,
  };
}
