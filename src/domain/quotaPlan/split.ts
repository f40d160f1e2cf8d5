/**
 * Splitting the target down the management tree: managers' quotas by the weight below them
 * (plus the hedge per level), each team's quota to its reps (plus over-assignment, within
 * floors and caps), and the tie-out check that every level sums exactly to the one above.
 */
import { PlanError } from "../errors";
import { quotaSplit } from "../quota";
import { quotaProblem } from "../quotaProblems";
import type { TreeNode } from "./hierarchy";
import { roundTo, units } from "./rounding";
import type { QuotaRep, QuotaSettings, RepQuota, TeamQuota } from "./types";

export interface SplitInput {
  reps: QuotaRep[];
  settings: QuotaSettings;
  decimals: number;
  tree: Map<string, TreeNode>;
  /** Per rep: the weight its team's quota is split by. */
  weights: number[];
  /** Builds rep `i`'s quota once its annual figure is known. */
  repQuota: (i: number, team: string, annual: number) => RepQuota;
}

/** The hedge at a management level (1 for managers reporting to the company). */
export function hedgeAt(settings: QuotaSettings, level: number): number {
  const h = settings.managerHedge ?? 0;
  return Array.isArray(h) ? (h[level - 1] ?? 0) : h;
}

/**
 * Splits `teamTotal` over the top-level managers and on down to every rep. A failed team
 * split throws a PlanError naming the team, with the row of the rep it concerns.
 */
export function splitDown(
  teamTotal: number,
  input: SplitInput
): { teams: TeamQuota[]; repQuotas: RepQuota[] } {
  const { reps, settings, decimals, tree, weights } = input;
  const hedge = (level: number) => hedgeAt(settings, level);
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
  const repQuotas: RepQuota[] = new Array(reps.length);
  const teams: TeamQuota[] = [];
  const topLevel = [...tree.keys()].filter((team) => tree.get(team)!.parent === undefined);
  const split = (total: number, children: string[], parent: string | undefined, level: number) => {
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
    members.forEach((i, k) => {
      repQuotas[i] = input.repQuota(i, team, annual[k]);
    });
  };
  split(teamTotal, topLevel, undefined, 1);
  return { teams, repQuotas };
}

/** The top-level sum, and whether every level sums exactly (in units of the rounding) to the one above. */
export function tieOut(
  teamTotal: number,
  teams: TeamQuota[],
  repQuotas: RepQuota[],
  decimals: number
): { teamSum: number; tiesOut: boolean } {
  const teamSum = roundTo(
    teams.filter((t) => t.level === 1).reduce((sum, t) => sum + t.quota, 0),
    decimals
  );
  const tiesOut =
    units(teamSum, decimals) === units(teamTotal, decimals) &&
    teams.every((t) => units(t.childSum, decimals) === units(t.childTotal, decimals)) &&
    repQuotas.every(
      (r) => r.monthly.reduce((sum, m) => sum + units(m, decimals), 0) === units(r.annual, decimals)
    );
  return { teamSum, tiesOut };
}
