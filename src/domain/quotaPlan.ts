/**
 * From company target to every rep's monthly quota, tying out exactly at every level:
 * teams sum to the company figure, reps to their team, months to the year (largest
 * remainder, ties to the earlier row, to the chosen rounding).
 */
import { PlanError } from "./errors";
import { leadsNeeded } from "./funnel";
import { apportionUnits, monthlyRamp, quotaSplit } from "./quota";
import { compileFormula } from "./quotaExpression";
import { INPUT_ISSUES, type InputIssue, type Outcome } from "./outcome";
import { errorText, wordsFrom, type Worded } from "./problem";
import { quotaProblem, type QuotaProblemCode } from "./quotaProblems";

export interface QuotaRep {
  repId: string;
  manager?: string;
  /** FTE, 0 to 1. */
  capacity: number;
  /** Excel serial; a start inside the fiscal year ramps the rep in. */
  startDate?: number;
  /** Territory figures the weights are built from. */
  potential: number;
  history: number;
  accounts: number;
  workload: number;
  floor?: number;
  cap?: number;
}

export type QuotaMethod =
  | { kind: "potential" }
  | { kind: "history" }
  /** potentialShare × potential share + (1 − potentialShare) × history share. */
  | { kind: "blend"; potentialShare: number }
  /** A formula over the rep's fields (see QUOTA_FORMULA_FIELDS). */
  | { kind: "expression"; formula: string };

export const QUOTA_FORMULA_FIELDS = [
  "potential",
  "history",
  "accounts",
  "workload",
  "capacity",
] as const;

export interface QuotaSettings {
  companyTarget: number;
  method: QuotaMethod;
  /** Rep quotas sum to their team's quota × (1 + overAssignment). */
  overAssignment?: number;
  /**
   * Hedge per management level, top level first: the top managers' quotas sum to the
   * company target × (1 + hedge[0]); a manager's sub-managers sum to that manager's quota
   * × (1 + hedge[level]). A single number applies at every level.
   */
  managerHedge?: number | number[];
  /** Managers above managers; a rep's manager not listed here reports to the company. */
  managers?: QuotaManager[];
  /** Rounding, in digits after the decimal point (default 2: to the cent). */
  decimals?: number;
  /** Excel serial of the first day of the fiscal year. */
  fiscalYearStart: number;
  /** Share of the full monthly quota in a new hire's ramp months 1, 2, 3… */
  rampSchedule?: number[];
  /** Multiply each weight by FTE (for weights that do not already reflect capacity). */
  capacityAdjusted?: boolean;
  /** Twelve relative monthly weights, fiscal month 1 first (default: equal). */
  seasonality?: number[];
  /** Funnel check: the volume each quota needs. */
  funnel?: { rates: number[]; avgDealSize: number; collectionRatio?: number };
}

export interface RepQuota {
  repId: string;
  team: string;
  weight: number;
  /** Share of a full year the rep is ramped for (1 for a rep not ramping). */
  rampFactor: number;
  annual: number;
  monthly: number[];
  quarterly: number[];
  /** Reverse funnel for the annual quota, top stage first, when a funnel was given. */
  funnelNeeded?: number[];
}

export interface QuotaManager {
  id: string;
  /** The manager this one reports to; absent for a manager reporting to the company. */
  parent?: string;
}

export interface TeamQuota {
  team: string;
  parent?: string;
  /** 1 for managers reporting to the company. */
  level: number;
  quota: number;
  /** What the level below sums to: quota × (1 + over-assignment) for reps, × (1 + hedge) for managers. */
  childTotal: number;
  childSum: number;
}

export interface QuotaPlan {
  companyTarget: number;
  teamTotal: number;
  teamSum: number;
  teams: TeamQuota[];
  reps: RepQuota[];
  /** True when every level sums exactly (in units of the rounding) to the level above. */
  tiesOut: boolean;
}

export const NO_MANAGER = "(no manager)";

function weightsFor(reps: QuotaRep[], method: QuotaMethod, issues: InputIssue[]): number[] {
  const total = (pick: (rep: QuotaRep) => number) => reps.reduce((s, rep) => s + pick(rep), 0);
  switch (method.kind) {
    case "potential":
      return reps.map((rep) => rep.potential);
    case "history":
      return reps.map((rep) => rep.history);
    case "blend": {
      const p = total((rep) => rep.potential);
      const h = total((rep) => rep.history);
      const share = method.potentialShare;
      return reps.map(
        (rep) =>
          share * (p > 0 ? rep.potential / p : 0) + (1 - share) * (h > 0 ? rep.history / h : 0)
      );
    }
    case "expression": {
      const formula = compileFormula(method.formula, QUOTA_FORMULA_FIELDS);
      return reps.map((rep, i) => {
        const refuse = (said: Worded) => {
          issues.push({ table: "reps", row: i + 1, id: rep.repId, field: "formula", ...said });
          return 0;
        };
        try {
          const value = formula.evaluate({
            potential: rep.potential,
            history: rep.history,
            accounts: rep.accounts,
            workload: rep.workload,
            capacity: rep.capacity,
          });
          return value < 0 ? refuse(quotaProblem("negativeWeight", { value })) : value;
        } catch (error) {
          return refuse(quotaProblem("formula", { reason: errorText(error) }));
        }
      });
    }
  }
}

function validate(reps: QuotaRep[], settings: QuotaSettings): InputIssue[] {
  const issues: InputIssue[] = [];
  const setting = (field: string, code: QuotaProblemCode) =>
    issues.push({ table: "settings", field, ...quotaProblem(code) });
  if (!(settings.companyTarget >= 0) || !Number.isFinite(settings.companyTarget))
    setting("companyTarget", "companyTarget");
  if (
    settings.overAssignment !== undefined &&
    !(settings.overAssignment >= 0 && settings.overAssignment <= 1)
  )
    setting("overAssignment", "overAssignment");
  if (
    settings.managerHedge !== undefined &&
    [settings.managerHedge].flat().some((hedge) => !(hedge >= 0 && hedge <= 1))
  )
    setting("managerHedge", "managerHedge");
  if (
    settings.method.kind === "blend" &&
    !(settings.method.potentialShare >= 0 && settings.method.potentialShare <= 1)
  )
    setting("method", "blendShare");
  if (
    settings.seasonality &&
    (settings.seasonality.length !== 12 ||
      settings.seasonality.some((w) => !(w >= 0)) ||
      settings.seasonality.every((w) => w === 0))
  ) {
    setting("seasonality", "seasonality");
  }
  if (settings.rampSchedule?.some((share) => !(share >= 0)))
    setting("rampSchedule", "rampSchedule");
  const seen = new Map<string, number>();
  reps.forEach((rep, i) => {
    const at = { table: "reps" as const, row: i + 1, id: rep.repId };
    if (seen.has(rep.repId))
      issues.push({
        ...at,
        field: "id",
        ...wordsFrom(INPUT_ISSUES)("repIdTwice", { id: rep.repId, row: seen.get(rep.repId)! }),
      });
    seen.set(rep.repId, i + 1);
    for (const field of ["potential", "history", "accounts", "workload"] as const) {
      if (!(rep[field] >= 0) || !Number.isFinite(rep[field]))
        issues.push({ ...at, field, ...quotaProblem("repNumber", { field, value: rep[field] }) });
    }
    if (!(rep.capacity >= 0 && rep.capacity <= 1))
      issues.push({
        ...at,
        field: "capacity",
        ...wordsFrom(INPUT_ISSUES)("capacityRange", { value: rep.capacity }),
      });
    if (rep.floor !== undefined && rep.cap !== undefined && rep.floor > rep.cap)
      issues.push({ ...at, field: "floor", ...quotaProblem("floorAboveCap") });
  });
  if (reps.length === 0)
    issues.push({ table: "reps", field: "id", ...quotaProblem("noRepsToPlan") });
  return issues;
}

/** Rounds to `decimals` digits exactly as the splits do, so totals and splits agree. */
const roundTo = (value: number, decimals: number) =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;
const units = (value: number, decimals: number) => Math.round(value * 10 ** decimals);

interface TreeNode {
  parent?: string;
  managers: string[];
  reps: number[];
}

/**
 * The management tree: each rep under its manager, each manager under its parent. A
 * manager leads either reps or managers, not both, so every split has one meaning.
 * Returns the problems instead when the tree is not sound.
 */
function managementTree(
  reps: QuotaRep[],
  managers: QuotaManager[]
): Map<string, TreeNode> | InputIssue[] {
  const issues: InputIssue[] = [];
  const tree = new Map<string, TreeNode>();
  const node = (team: string) => {
    let entry = tree.get(team);
    if (!entry) tree.set(team, (entry = { managers: [], reps: [] }));
    return entry;
  };
  managers.forEach((manager, i) => {
    if (tree.has(manager.id) && tree.get(manager.id)!.parent !== undefined) {
      issues.push({
        table: "settings",
        row: i + 1,
        id: manager.id,
        field: "managers",
        ...quotaProblem("managerTwice", { manager: manager.id }),
      });
    }
    const entry = node(manager.id);
    if (manager.parent) {
      entry.parent = manager.parent;
      node(manager.parent).managers.push(manager.id);
    }
  });
  reps.forEach((rep, i) => node(rep.manager?.trim() || NO_MANAGER).reps.push(i));
  for (const [team, entry] of tree) {
    if (entry.managers.length && entry.reps.length) {
      issues.push({
        table: "settings",
        id: team,
        field: "managers",
        ...quotaProblem("managerMixed", { team }),
      });
    }
    const seen = new Set<string>([team]);
    for (let up = entry.parent; up !== undefined; up = tree.get(up)?.parent) {
      if (seen.has(up)) {
        issues.push({
          table: "settings",
          id: team,
          field: "managers",
          ...quotaProblem("managerLoop", { team, path: [...seen].join(" → ") }),
        });
        break;
      }
      seen.add(up);
    }
  }
  if (issues.length) return issues;
  // A listed manager with nobody under them takes no share of the target.
  const empty = (team: string): boolean =>
    !tree.get(team)!.reps.length && tree.get(team)!.managers.every(empty);
  for (const team of [...tree.keys()].filter(empty)) tree.delete(team);
  for (const entry of tree.values()) entry.managers = entry.managers.filter((m) => tree.has(m));
  return tree;
}

/** Builds the plan, or lists every problem (row by row) and builds nothing. */
export function planQuotas(reps: QuotaRep[], settings: QuotaSettings): Outcome<QuotaPlan> {
  const issues = validate(reps, settings);
  if (issues.length) return { ok: false, issues };
  const decimals = settings.decimals ?? 2;
  let raw: number[];
  try {
    raw = weightsFor(reps, settings.method, issues);
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          table: "settings",
          field: "method",
          ...quotaProblem("formula", { reason: errorText(error) }),
        },
      ],
    };
  }
  if (issues.length) return { ok: false, issues };

  const ramp = Float64Array.from(settings.rampSchedule ?? []);
  const seasonality = settings.seasonality ?? new Array(12).fill(1);
  // Each rep's share of a full month, month by month: 0 before a start, prorated in the start month, ramped after.
  const fullYear = new Array<number>(12).fill(1);
  const funnelRates = settings.funnel ? Float64Array.from(settings.funnel.rates) : undefined;
  const profiles = reps.map((rep) =>
    rep.startDate === undefined
      ? fullYear
      : Array.from(
          monthlyRamp(
            12,
            rep.startDate,
            settings.fiscalYearStart,
            ramp.length ? ramp : Float64Array.of(1)
          )
        )
  );
  const rampFactor = profiles.map((shares) => shares.reduce((s, x) => s + x, 0) / 12);
  const weights = reps.map(
    (rep, i) => raw[i] * (settings.capacityAdjusted ? rep.capacity : 1) * rampFactor[i]
  );

  const tree = managementTree(reps, settings.managers ?? []);
  if (Array.isArray(tree)) return { ok: false, issues: tree };
  const hedge = (level: number) => {
    const h = settings.managerHedge ?? 0;
    return Array.isArray(h) ? (h[level - 1] ?? 0) : h;
  };
  const weightBelow = new Map<string, number>();
  const weightOf = (team: string): number => {
    let w = weightBelow.get(team);
    if (w === undefined) {
      const node = tree.get(team)!;
      w =
        node.reps.reduce((sum, i) => sum + weights[i], 0) +
        node.managers.reduce((sum, m) => sum + weightOf(m), 0);
      weightBelow.set(team, w);
    }
    return w;
  };
  const teamTotal = roundTo(settings.companyTarget * (1 + hedge(1)), decimals);
  try {
    const repQuotas: RepQuota[] = new Array(reps.length);
    const teams: TeamQuota[] = [];
    const topLevel = [...tree.keys()].filter((team) => tree.get(team)!.parent === undefined);
    const split = (
      total: number,
      children: string[],
      parent: string | undefined,
      level: number
    ) => {
      const quotas = quotaSplit(total, Float64Array.from(children, weightOf), { decimals });
      children.forEach((team, t) => {
        const node = tree.get(team)!;
        const entry: TeamQuota = { team, level, quota: quotas[t], childTotal: 0, childSum: 0 };
        if (parent !== undefined) entry.parent = parent;
        teams.push(entry);
        if (node.managers.length) {
          entry.childTotal = roundTo(quotas[t] * (1 + hedge(level + 1)), decimals);
          split(entry.childTotal, node.managers, team, level + 1);
          entry.childSum = roundTo(
            node.managers.reduce((sum, m) => sum + teams.find((x) => x.team === m)!.quota, 0),
            decimals
          );
        } else {
          entry.childTotal = roundTo(quotas[t] * (1 + (settings.overAssignment ?? 0)), decimals);
          splitToReps(team, node.reps, entry.childTotal);
          entry.childSum = roundTo(
            node.reps.reduce((sum, i) => sum + repQuotas[i].annual, 0),
            decimals
          );
        }
      });
    };
    const splitToReps = (team: string, members: number[], total: number) => {
      // Bounds only where some rep has one: an unbounded split takes the fast path.
      const bounds = (pick: (rep: QuotaRep) => number | undefined) =>
        members.some((i) => pick(reps[i]) !== undefined)
          ? Float64Array.from(members, (i) => pick(reps[i]) ?? NaN)
          : undefined;
      let annual: Float64Array;
      try {
        annual = quotaSplit(
          total,
          Float64Array.from(members, (i) => weights[i]),
          {
            decimals,
            floors: bounds((rep) => rep.floor),
            caps: bounds((rep) => rep.cap),
          }
        );
      } catch (error) {
        // Say which team, and turn a row of the team's split into the rep's row.
        if (!(error instanceof PlanError)) throw error;
        const row = error.where.row === undefined ? undefined : members[error.where.row - 1] + 1;
        const message =
          row === undefined
            ? error.message
            : error.message.replace(/ \(row \d+\)/, ` (rep ${reps[row - 1].repId})`);
        throw new PlanError(error.kind, quotaProblem("teamSplit", { team, reason: message }), {
          field: error.where.field,
          row,
        });
      }
      const scale = 10 ** decimals;
      members.forEach((i, k) => {
        // Most reps work the full year: their monthly weights are the seasonality itself.
        const profile =
          profiles[i] === fullYear
            ? seasonality
            : profiles[i].map((share, m) => share * seasonality[m]);
        const monthly = apportionUnits(
          Math.round(annual[k] * scale),
          profile.some((x) => x > 0) ? profile : seasonality
        ).map((units) => units / scale);
        const quarterly = [0, 1, 2, 3].map((q) =>
          roundTo(monthly[3 * q] + monthly[3 * q + 1] + monthly[3 * q + 2], decimals)
        );
        const quota: RepQuota = {
          repId: reps[i].repId,
          team,
          weight: weights[i],
          rampFactor: rampFactor[i],
          annual: annual[k],
          monthly,
          quarterly,
        };
        if (settings.funnel) {
          quota.funnelNeeded = leadsNeeded(
            annual[k],
            funnelRates!,
            settings.funnel.avgDealSize,
            settings.funnel.collectionRatio ?? 1
          );
        }
        repQuotas[i] = quota;
      });
    };
    split(teamTotal, topLevel, undefined, 1);
    const teamSum = roundTo(
      teams.filter((t) => t.level === 1).reduce((sum, t) => sum + t.quota, 0),
      decimals
    );
    const tiesOut =
      units(teamSum, decimals) === units(teamTotal, decimals) &&
      teams.every((t) => units(t.childSum, decimals) === units(t.childTotal, decimals)) &&
      repQuotas.every(
        (r) =>
          r.monthly.reduce((sum, m) => sum + units(m, decimals), 0) === units(r.annual, decimals)
      );
    return {
      ok: true,
      value: {
        companyTarget: settings.companyTarget,
        teamTotal,
        teamSum,
        teams,
        reps: repQuotas,
        tiesOut,
      },
    };
  } catch (error) {
    if (error instanceof PlanError) {
      const row = error.where.row;
      const issue: InputIssue =
        row === undefined
          ? { table: "settings", field: error.where.field ?? "quota", ...error.said }
          : {
              table: "reps",
              row,
              id: reps[row - 1].repId,
              field: error.where.field ?? "quota",
              ...error.said,
            };
      return { ok: false, issues: [issue] };
    }
    throw error;
  }
}
