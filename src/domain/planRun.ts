/**
 * One planning run, as the pane, its Web Worker and the command line all do it: balance the
 * territories, then split the company target over the reps as they now stand (their
 * territory's potential, last year's revenue on their accounts, capacity and start date).
 */
import { serialFromDate } from "./calendar";
import { QuotaPlan, QuotaRep, QuotaSettings, planQuotas } from "./quotaPlan";
import {
  Account,
  BalanceSettings,
  Outcome,
  Rep,
  TerritoryResult,
  balanceTerritories,
} from "./territory";

/** The quota settings a run takes: the planner's own, with one hedge and one floor and cap for all. */
export type QuotaRunSettings = Pick<
  QuotaSettings,
  | "companyTarget"
  | "method"
  | "overAssignment"
  | "fiscalYearStart"
  | "rampSchedule"
  | "seasonality"
  | "funnel"
> & {
  /** The same hedge at every management level. */
  managerHedge?: number;
  /** The same floor and cap for every rep (absent: none). */
  floor?: number;
  cap?: number;
  /** A quota above potential × this is flagged as out of reach (absent: 1, see quotaPlan/reachability.ts). */
  reachThreshold?: number;
};

/** Where a new plan starts: owners kept within ±5% of target, at most a fifth of accounts moved. */
export const DEFAULT_BALANCE: BalanceSettings = { toleranceBand: 0.05, maxMovedShare: 0.2 };

/** A new plan's quota settings: by potential, 10% over-assigned, new hires ramping 25/50/75%. */
export function defaultQuotaSettings(fiscalYear: number, companyTarget = 0): QuotaRunSettings {
  return {
    companyTarget,
    method: { kind: "potential" },
    overAssignment: 0.1,
    managerHedge: 0,
    fiscalYearStart: serialFromDate({ year: fiscalYear, month: 1, day: 1 }),
    rampSchedule: [0.25, 0.5, 0.75],
  };
}

export interface PlanRunInput {
  accounts: Account[];
  reps: Rep[];
  balance: BalanceSettings;
  quota?: QuotaRunSettings;
}

export interface PlanRunResult {
  territory: TerritoryResult;
  quotas?: QuotaPlan;
}

/** The reps as quota planning sees them after a territory run. */
function quotaRepsFrom(
  territory: TerritoryResult,
  reps: readonly Rep[],
  accounts: readonly Account[]
): QuotaRep[] {
  const history = new Map<string, number>();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const a of territory.assignments)
    history.set(
      a.repId,
      (history.get(a.repId) ?? 0) + (byId.get(a.accountId)?.lastYearRevenue ?? 0)
    );
  const summary = new Map(territory.reps.map((r) => [r.repId, r]));
  return reps.map((rep) => {
    const s = summary.get(rep.id);
    const quotaRep: QuotaRep = {
      repId: rep.id,
      capacity: rep.capacity,
      potential: s?.potential ?? 0,
      history: history.get(rep.id) ?? 0,
      accounts: s?.accounts ?? 0,
      workload: s?.workload ?? 0,
    };
    if (rep.manager) quotaRep.manager = rep.manager;
    if (rep.startDate !== undefined) quotaRep.startDate = rep.startDate;
    return quotaRep;
  });
}

/** Quotas for the reps as a territory run left them, with the same floor and cap for each rep. */
export function quotasFor(
  territory: TerritoryResult,
  reps: readonly Rep[],
  accounts: readonly Account[],
  q: QuotaRunSettings
): Outcome<QuotaPlan> {
  const quotaReps = quotaRepsFrom(territory, reps, accounts).map((rep) => ({
    ...rep,
    floor: q.floor,
    cap: q.cap,
  }));
  return planQuotas(quotaReps, {
    companyTarget: q.companyTarget,
    method: q.method,
    overAssignment: q.overAssignment,
    managerHedge: q.managerHedge,
    fiscalYearStart: q.fiscalYearStart,
    rampSchedule: q.rampSchedule,
    seasonality: q.seasonality,
    funnel: q.funnel,
  });
}

export function runPlan(
  input: PlanRunInput,
  onProgress: (done: number) => void = () => undefined
): Outcome<PlanRunResult> {
  const quotaShare = input.quota ? 0.1 : 0;
  const territory = balanceTerritories(
    { accounts: input.accounts, reps: input.reps, settings: input.balance },
    (done) => onProgress(done * (1 - quotaShare))
  );
  if (!territory.ok) return territory;
  if (!input.quota) return { ok: true, value: { territory: territory.value } };
  const quotas = quotasFor(territory.value, input.reps, input.accounts, input.quota);
  onProgress(1);
  if (!quotas.ok) return quotas;
  return { ok: true, value: { territory: territory.value, quotas: quotas.value } };
}
