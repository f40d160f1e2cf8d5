/**
 * The Territory Review's block under the quota tie-out: whether the quotas can be reached.
 * The over-assignment each team's split adds and what it accumulates to from the company
 * target, what all reps carry over the target, each rep's quota ÷ the potential of the
 * territory they hold with the flags a planner looks for, and, where last year's revenue is
 * mapped, how many reps it would have carried to this year's quota. The figures are the
 * quota planner's own (domain/quotaPlan/reachability.ts), so the sheet says what the pane
 * and `sales-plan quotas` say.
 */
import {
  DEFAULT_PEER_BAND,
  DEFAULT_PEER_GAP,
  NO_MANAGER,
  QuotaPlan,
  QuotaReachability,
  RepReach,
  TeamQuota,
  quotaReachability,
  repTerritories,
} from "../domain/quotaPlan";
import type { Account, TerritoryResult } from "../domain/territory";
import type { MessageKey } from "../i18n";
import type { ReportCell } from "./report";

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface ReachLabels {
  title: string;
  team: string;
  level: string;
  own: string;
  accumulated: string;
  repsOver: string;
  rep: string;
  manager: string;
  perPotential: string;
  flags: string;
  /** The counts of flagged reps and how peers are chosen, in one note. */
  summary: (above: number, reps: number, threshold: number, far: number) => string;
  flagAbove: (threshold: number) => string;
  flagNoPotential: string;
  flagPeersAbove: string;
  flagPeersBelow: string;
  lastYear: (made: number, counted: number) => string;
}

const wholePercent = (share: number) => `${Math.round(share * 100)}%`;

export function reachLabels(t: Translate): ReachLabels {
  return {
    title: t("territories.reach.title"),
    team: t("territories.col.team"),
    level: t("territories.review.level"),
    own: t("territories.review.ownOver"),
    accumulated: t("territories.review.accumulated"),
    repsOver: t("territories.review.repsOver"),
    rep: t("territories.col.rep"),
    manager: t("territories.review.manager"),
    perPotential: t("territories.reach.col.perPotential"),
    flags: t("territories.reach.col.flags"),
    summary: (above, reps, threshold, far) =>
      `${t("territories.reach.summary", { above, reps, threshold: String(threshold), far })} ${t(
        "territories.reach.peersHint",
        { band: wholePercent(DEFAULT_PEER_BAND), gap: wholePercent(DEFAULT_PEER_GAP) }
      )}`,
    flagAbove: (threshold) => t("territories.reach.flag.above", { threshold: String(threshold) }),
    flagNoPotential: t("territories.reach.flag.noPotential"),
    flagPeersAbove: t("territories.reach.flag.peersAbove"),
    flagPeersBelow: t("territories.reach.flag.peersBelow"),
    lastYear: (made, counted) => t("territories.reach.lastYear", { made, counted }),
  };
}

/** The quotas as the review holds them: a fresh plan, or a stored scenario's rep quotas. */
export interface ReachQuotas {
  companyTarget: number;
  reps: readonly { repId: string; annual: number }[];
  teams?: readonly TeamQuota[];
  teamTotal?: number;
}

/**
 * The reachability of the review's quotas on the territory's assignments. It reads only the
 * target, the teams' quotas and sums and each rep's annual quota, which is all a stored
 * scenario keeps; the rest of the plan is filled in blank. Without teams the per-team
 * figures are absent and the block shows only what all reps carry.
 */
export function reviewReachability(
  quotas: ReachQuotas,
  territory: Pick<TerritoryResult, "reps" | "metrics" | "unassigned" | "assignments">,
  accounts: readonly Account[],
  threshold: number | undefined
): QuotaReachability {
  const teams = [...(quotas.teams ?? [])];
  const plan: QuotaPlan = {
    companyTarget: quotas.companyTarget,
    teamTotal: quotas.teamTotal ?? quotas.companyTarget,
    teamSum: teams.filter((t) => t.parent === undefined).reduce((sum, t) => sum + t.quota, 0),
    teams,
    reps: quotas.reps.map((r) => ({
      repId: r.repId,
      team: "",
      weight: 0,
      rampFactor: 1,
      annual: r.annual,
      monthly: [],
      quarterly: [],
    })),
    tiesOut: true,
  };
  return quotaReachability(plan, repTerritories({ ...territory }, accounts), { threshold });
}

export interface ReachContext {
  labels: ReachLabels;
  /** The label of the company line (the tie-out's "Company target") and of the team with no manager. */
  companyTarget: string;
  noManager: string;
  /** The reps in the rep table's order, with the names and teams the sheet gives them. */
  order: readonly string[];
  nameOf: (repId: string) => string;
  teamOf: (repId: string) => string;
}

/** Columns (1-based): names in A and B, then figures under the tie-out's D and E. */
const REACH = { name: 1, manager: 2, level: 3, own: 4, accumulated: 5, ratio: 4, flags: 5 };

function flagsOf(rep: RepReach, threshold: number, labels: ReachLabels): string {
  const flags: string[] = [];
  if (rep.aboveThreshold)
    flags.push(
      rep.quotaPerPotential === null ? labels.flagNoPotential : labels.flagAbove(threshold)
    );
  if (rep.farFromPeers === "above") flags.push(labels.flagPeersAbove);
  if (rep.farFromPeers === "below") flags.push(labels.flagPeersBelow);
  return flags.join("; ");
}

/** The block's cells from row `start` on, and the first row after it. */
export function reachBlock(
  reach: QuotaReachability,
  context: ReachContext,
  start: number
): { cells: ReportCell[]; next: number } {
  const { labels } = context;
  const cells: ReportCell[] = [];
  let row = start;
  const put = (col: number, value: ReportCell["value"], style: ReportCell["style"]) => {
    if (value !== null && value !== "") cells.push({ row, col, value, style });
  };
  put(REACH.name, labels.title, "heading");
  row++;

  if (reach.teams.length) {
    put(REACH.name, labels.team, "label");
    put(REACH.level, labels.level, "label");
    put(REACH.own, labels.own, "label");
    put(REACH.accumulated, labels.accumulated, "label");
    row++;
    // The company's line first: what the first-level managers carry over the target.
    put(REACH.name, context.companyTarget, "label");
    put(REACH.own, reach.companyOver, "percent");
    put(REACH.accumulated, reach.companyOver, "percent");
    row++;
    // Company → managers → … depth first, as the tie-out lists them.
    const walk = (parent: string | undefined) =>
      reach.teams
        .filter((team) => team.parent === parent)
        .forEach((team) => {
          put(REACH.name, team.team === NO_MANAGER ? context.noManager : team.team, "text");
          put(REACH.level, team.level, "integer");
          put(REACH.own, team.own, "percent");
          put(REACH.accumulated, team.cumulative, "percent");
          row++;
          walk(team.team);
        });
    walk(undefined);
  }
  put(REACH.name, labels.repsOver, "label");
  put(REACH.accumulated, reach.repsOver, "percent");
  row++;

  const above = reach.reps.filter((r) => r.aboveThreshold).length;
  const far = reach.reps.filter((r) => r.farFromPeers).length;
  row++;
  put(REACH.name, labels.summary(above, reach.reps.length, reach.threshold, far), "note");
  row++;
  put(REACH.name, labels.rep, "label");
  put(REACH.manager, labels.manager, "label");
  put(REACH.ratio, labels.perPotential, "label");
  put(REACH.flags, labels.flags, "label");
  row++;
  const byId = new Map(reach.reps.map((r) => [r.repId, r]));
  const listed = new Set(context.order);
  const reps = [
    ...context.order.flatMap((id) => byId.get(id) ?? []),
    ...reach.reps.filter((r) => !listed.has(r.repId)),
  ];
  for (const rep of reps) {
    put(REACH.name, context.nameOf(rep.repId), "text");
    put(REACH.manager, context.teamOf(rep.repId), "text");
    put(REACH.ratio, rep.quotaPerPotential, "ratio");
    put(REACH.flags, flagsOf(rep, reach.threshold, labels), "text");
    row++;
  }
  if (reach.lastYear) {
    put(REACH.name, labels.lastYear(reach.lastYear.made, reach.lastYear.counted), "text");
    row++;
  }
  return { cells, next: row };
}
