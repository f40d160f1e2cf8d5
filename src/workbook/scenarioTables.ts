/**
 * Scenarios as plan tables: one row per scenario (state and fairness metrics), its
 * assignments, per-rep summary and quotas keyed by scenario name so several sit side by side,
 * and the rules it was run with (one setting per row) so it can be run again anywhere.
 */
import type { QuotaPlan } from "../domain/quotaPlan";
import type { ScenarioResults, ScenarioState } from "../domain/scenario";
import type { AssignmentReason, FairnessMetrics, TerritoryResult } from "../domain/territory";
import { PlanProblem, PlanRow, cellOf, planRow, replacedInPlace, withExtraColumns } from "./rows";
import { TableName, tables } from "./schema";
import { ScenarioRun, readScenarioRun, settingsRows } from "./scenarioSettings";
import type { PlanSnapshot } from "./store";

export type { QuotaInputs, ScenarioRun } from "./scenarioSettings";
export { readScenarioRun, settingsRows } from "./scenarioSettings";

export interface StoredScenario extends ScenarioResults {
  state: ScenarioState;
  created?: number;
  note?: string;
  companyTarget?: number;
  quotaTotal?: number;
  tiesOut?: boolean;
  run?: ScenarioRun;
  /** Values of its Scenario Settings that cannot be read, and unknown settings: it must not run. */
  settingsProblems: PlanProblem[];
}

const METRIC_COLUMNS: [keyof FairnessMetrics, string][] = [
  ["maxAbsDeviation", "MaxDeviation"],
  ["coefficientOfVariation", "CV"],
  ["giniPotentialPerFte", "Gini"],
  ["maxMinRatio", "MaxMinRatio"],
  ["accountsMoved", "AccountsMoved"],
  ["continuity", "Continuity"],
];

export interface ScenarioWrite {
  name: string;
  state: ScenarioState;
  created: number;
  note?: string;
  territory: TerritoryResult;
  quotas?: QuotaPlan;
  quotaMethod?: string;
  run: ScenarioRun;
}

/** The rows of one scenario in each scenario table. */
export function scenarioRows(
  s: ScenarioWrite
): Pick<
  Record<TableName, PlanRow[]>,
  "scenarios" | "assignments" | "repSummary" | "quotas" | "scenarioSettings"
> {
  const summary: PlanRow = {
    Scenario: s.name,
    Created: s.created,
    Note: s.note ?? null,
    State: s.state,
  };
  for (const [metric, column] of METRIC_COLUMNS) summary[column] = s.territory.metrics[metric];
  summary.Unassigned = s.territory.unassigned.length;
  summary.CompanyTarget = s.quotas?.companyTarget ?? null;
  summary.QuotaTotal = s.quotas ? s.quotas.reps.reduce((sum, r) => sum + r.annual, 0) : null;
  summary.TiesOut = s.quotas ? s.quotas.tiesOut : null;
  return {
    scenarios: [summary],
    assignments: [
      ...s.territory.assignments.map((a) => ({
        Scenario: s.name,
        AccountId: a.accountId,
        RepId: a.repId,
        Reason: a.reason,
        MovedFrom: a.movedFrom ?? null,
        Locked: a.reason === "locked",
      })),
      // Unassigned accounts stay in the table, with no rep and the rule that excluded them.
      ...s.territory.unassigned.map((u) => ({
        Scenario: s.name,
        AccountId: u.accountId,
        RepId: null,
        Reason: u.reason,
        MovedFrom: null,
        Locked: false,
      })),
    ],
    repSummary: s.territory.reps.map((r) => ({
      Scenario: s.name,
      RepId: r.repId,
      Accounts: r.accounts,
      Potential: r.potential,
      Workload: r.workload,
      Load: r.load,
      Target: r.target,
      Deviation: r.deviation,
    })),
    quotas: (s.quotas?.reps ?? []).map((r) => {
      const row: PlanRow = {
        Scenario: s.name,
        RepId: r.repId,
        Team: r.team,
        Method: s.quotaMethod ?? null,
        RampFactor: r.rampFactor,
        Annual: r.annual,
      };
      r.monthly.forEach((m, i) => (row[`M${i + 1}`] = m));
      return row;
    }),
    scenarioSettings: settingsRows(s.name, s.run),
  };
}

const QUOTA_SUMMARY = ["CompanyTarget", "QuotaTotal", "TiesOut"] as const;

/**
 * Changes that replace one scenario's rows in every scenario table. The other scenarios' rows
 * are given back as they were read (the store writes them back cell for cell), in place; the
 * scenario keeps what a re-run does not redo: its Created date, its note when none is given,
 * and, when the run set no quotas, its quota rows, quota settings and quota figures.
 */
export function replaceScenario(
  snapshot: PlanSnapshot,
  name: string,
  rows: ReturnType<typeof scenarioRows>
) {
  const stored = snapshot.tables.scenarios.rows.find((r) => cellOf(r, "Scenario") === name);
  const territoryOnly =
    rows.quotas.length === 0 && rows.scenarios.every((r) => cellOf(r, "CompanyTarget") == null);
  const summary = rows.scenarios.map((row) => {
    if (!stored) return row;
    const kept = planRow(Object.entries(row));
    kept.Created = cellOf(stored, "Created") ?? cellOf(row, "Created") ?? null;
    kept.Note = cellOf(row, "Note") ?? cellOf(stored, "Note") ?? null;
    if (territoryOnly)
      for (const column of QUOTA_SUMMARY) kept[column] = cellOf(stored, column) ?? null;
    return kept;
  });
  const isQuotaSetting = (r: PlanRow) => String(cellOf(r, "Setting") ?? "").startsWith("quota.");
  const settings = territoryOnly
    ? [
        ...rows.scenarioSettings,
        ...snapshot.tables.scenarioSettings.rows.filter(
          (r) =>
            cellOf(r, "Scenario") === name &&
            isQuotaSetting(r) &&
            !rows.scenarioSettings.some((n) => cellOf(n, "Setting") === cellOf(r, "Setting"))
        ),
      ]
    : rows.scenarioSettings;
  const next = { ...rows, scenarios: summary, scenarioSettings: settings };
  const changes: Partial<Record<TableName, PlanRow[]>> = {};
  for (const table of Object.keys(next) as (keyof typeof next)[]) {
    // A run without quotas leaves the scenario's quotas as they are: not written at all.
    if (table === "quotas" && territoryOnly) continue;
    changes[table] = withExtraColumns(
      tables[table],
      snapshot.tables[table],
      replacedInPlace(
        snapshot.tables[table].rows,
        (r) => cellOf(r, "Scenario") === name,
        next[table]
      )
    );
  }
  return changes;
}

/** Sets each scenario's state (after a promotion), touching only the Scenarios table. */
export function withStates(snapshot: PlanSnapshot, states: ReadonlyMap<string, ScenarioState>) {
  return {
    scenarios: snapshot.tables.scenarios.rows.map((r) =>
      states.has(String(r.Scenario))
        ? planRow([...Object.entries(r), ["State", states.get(String(r.Scenario))!]])
        : r
    ),
  };
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** Every scenario in the workbook with its stored results, in the order of the Scenarios table. */
export function storedScenarios(snapshot: PlanSnapshot): StoredScenario[] {
  const t = snapshot.tables;
  const byScenario = <R>(rows: PlanRow[], map: (r: PlanRow) => R) => {
    const groups = new Map<string, R[]>();
    for (const r of rows) {
      const key = String(r.Scenario);
      groups.set(key, [...(groups.get(key) ?? []), map(r)]);
    }
    return groups;
  };
  const assigned = byScenario(t.assignments.rows, (r) => r);
  const reps = byScenario(t.repSummary.rows, (r) => ({
    repId: String(r.RepId),
    accounts: num(r.Accounts) ?? 0,
    potential: num(r.Potential) ?? 0,
    workload: num(r.Workload) ?? 0,
    load: num(r.Load) ?? 0,
    target: num(r.Target) ?? 0,
    deviation: num(r.Deviation) ?? null,
  }));
  const quotas = byScenario(t.quotas.rows, (r) => ({
    repId: String(r.RepId),
    annual: num(r.Annual) ?? 0,
  }));
  return t.scenarios.rows.map((row) => {
    const name = String(row.Scenario);
    const metrics = Object.fromEntries(
      METRIC_COLUMNS.map(([metric, column]) => [
        metric,
        num(row[column]) ?? (metric === "maxMinRatio" ? null : 0),
      ])
    ) as unknown as FairnessMetrics;
    const rows = assigned.get(name) ?? [];
    const settings = readScenarioRun(t.scenarioSettings, name);
    const scenario: StoredScenario = {
      name,
      state: String(row.State ?? "Draft") as ScenarioState,
      territory: {
        assignments: rows
          .filter((r) => r.RepId !== null)
          .map((r) => ({
            accountId: String(r.AccountId),
            repId: String(r.RepId),
            reason: String(r.Reason ?? "placed") as AssignmentReason,
            movedFrom: r.MovedFrom === null ? undefined : String(r.MovedFrom),
          })),
        unassigned: rows
          .filter((r) => r.RepId === null)
          .map((r) => ({ accountId: String(r.AccountId), reason: String(r.Reason ?? "") })),
        reps: reps.get(name) ?? [],
        metrics,
      },
      created: num(row.Created),
      note: row.Note === null ? undefined : String(row.Note),
      companyTarget: num(row.CompanyTarget),
      quotaTotal: num(row.QuotaTotal),
      tiesOut: typeof row.TiesOut === "boolean" ? row.TiesOut : undefined,
      run: settings.run,
      settingsProblems: settings.problems,
    };
    if (quotas.has(name)) scenario.quotas = { reps: quotas.get(name)! };
    return scenario;
  });
}
