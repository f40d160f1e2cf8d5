/**
 * Scenarios: a named set of inputs, rules and results, kept side by side so they can be
 * compared and one promoted to Active. Results are plain data the storage layer writes as
 * tables keyed by scenario name.
 */
import type { QuotaPlan, QuotaSettings, RepQuota } from "./quotaPlan";
import type { FairnessMetrics, TerritoryInput, TerritoryResult } from "./territory";

/** A scenario's states, once: the workbook schema's allowed values and the pane's labels follow it. */
export const SCENARIO_STATES = ["Draft", "Active", "Archived"] as const;
export type ScenarioState = (typeof SCENARIO_STATES)[number];

export interface Scenario {
  name: string;
  state: ScenarioState;
  /** ISO timestamp. */
  created: string;
  note?: string;
  territoryInput: TerritoryInput;
  territory: TerritoryResult;
  quotaSettings?: QuotaSettings;
  quotas?: QuotaPlan;
}

export interface AccountMove {
  accountId: string;
  /** Owner in scenario A (undefined: unassigned there). */
  fromRep?: string;
  toRep?: string;
}

export interface RepDelta {
  repId: string;
  potentialA: number;
  potentialB: number;
  potentialDelta: number;
  quotaA?: number;
  quotaB?: number;
  quotaDelta?: number;
}

export interface MetricDelta {
  metric: keyof FairnessMetrics;
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface ScenarioComparison {
  a: string;
  b: string;
  moves: AccountMove[];
  reps: RepDelta[];
  metrics: MetricDelta[];
}

/** What a comparison reads of a scenario: its results, as stored in the workbook. */
export interface ScenarioResults {
  name: string;
  territory: Pick<TerritoryResult, "assignments" | "unassigned" | "reps" | "metrics">;
  quotas?: { reps: Pick<RepQuota, "repId" | "annual">[] };
}

export function compareScenarios(a: ScenarioResults, b: ScenarioResults): ScenarioComparison {
  const ownerIn = (s: ScenarioResults) =>
    new Map(s.territory.assignments.map((x) => [x.accountId, x.repId]));
  const ownersA = ownerIn(a);
  const ownersB = ownerIn(b);
  const accountIds = [
    ...new Set([
      ...ownersA.keys(),
      ...ownersB.keys(),
      ...a.territory.unassigned.map((u) => u.accountId),
      ...b.territory.unassigned.map((u) => u.accountId),
    ]),
  ].sort();
  const moves = accountIds
    .filter((id) => ownersA.get(id) !== ownersB.get(id))
    .map((id) => ({ accountId: id, fromRep: ownersA.get(id), toRep: ownersB.get(id) }));

  const potential = (s: ScenarioResults) =>
    new Map(s.territory.reps.map((r) => [r.repId, r.potential]));
  const quota = (s: ScenarioResults) =>
    new Map(s.quotas?.reps.map((r) => [r.repId, r.annual]) ?? []);
  const [pa, pb, qa, qb] = [potential(a), potential(b), quota(a), quota(b)];
  const repIds = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  const reps = repIds.map((repId) => {
    const delta: RepDelta = {
      repId,
      potentialA: pa.get(repId) ?? 0,
      potentialB: pb.get(repId) ?? 0,
      potentialDelta: (pb.get(repId) ?? 0) - (pa.get(repId) ?? 0),
    };
    if (a.quotas || b.quotas) {
      delta.quotaA = qa.get(repId) ?? 0;
      delta.quotaB = qb.get(repId) ?? 0;
      delta.quotaDelta = delta.quotaB - delta.quotaA;
    }
    return delta;
  });
  const metrics = (Object.keys(a.territory.metrics) as (keyof FairnessMetrics)[]).map((metric) => {
    const x = a.territory.metrics[metric];
    const y = b.territory.metrics[metric];
    return { metric, a: x, b: y, delta: x === null || y === null ? null : y - x };
  });
  return { a: a.name, b: b.name, moves, reps, metrics };
}

/** Makes one scenario Active; the one that was Active becomes Draft. Scenario names are unique. */
export function promoteScenario<S extends { name: string; state: ScenarioState }>(
  scenarios: readonly S[],
  name: string
): S[] {
  if (!scenarios.some((s) => s.name === name)) throw new Error(`no scenario named "${name}"`);
  return scenarios.map((s) =>
    s.name === name
      ? { ...s, state: "Active" }
      : s.state === "Active"
        ? { ...s, state: "Draft" }
        : s
  );
}

/** A stored scenario without results (its rules saved, never run): nothing to show or compare. */
export const hasResults = (s: ScenarioResults): boolean =>
  s.territory.reps.length > 0 ||
  s.territory.assignments.length > 0 ||
  s.territory.unassigned.length > 0;
