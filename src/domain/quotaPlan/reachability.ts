/**
 * Whether the quotas can be reached: each rep's quota against the potential of the territory
 * they now hold (above the planner's threshold? far from reps with similar potential?), the
 * over-assignment each level of the management tree adds and what it accumulates to, and,
 * where last year's revenue is mapped, how many reps would have made this year's quota at
 * last year's revenue on the accounts they now hold.
 *
 * Peers and "far", kept simple enough to say in one sentence:
 * - a rep's peers are the other reps whose territory potential is within ±peerBand (20%) of
 *   theirs;
 * - a rep is far from their peers when they have at least two, and their quota ÷ potential is
 *   more than peerGap (25%) above or below the median of the peers' quota ÷ potential.
 */
import type { Account, TerritoryResult } from "../territory";
import type { QuotaPlan } from "./types";

const { abs } = Math;

/** Quota above potential × this is flagged (1: a quota above the whole territory's potential). */
export const DEFAULT_REACH_THRESHOLD = 1;
export const DEFAULT_PEER_BAND = 0.2;
export const DEFAULT_PEER_GAP = 0.25;
/** Bucket edges for last year's revenue ÷ this year's quota: below 50%, 50–75%, … 150% and over. */
export const ATTAINMENT_EDGES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5];

/** A rep's territory as the run left it. */
export interface RepTerritory {
  potential: number;
  /** Last year's revenue on the accounts the rep now holds; absent when none is mapped. */
  lastYearRevenue?: number;
}

export interface ReachOptions {
  /** Flag a quota above potential × threshold (default DEFAULT_REACH_THRESHOLD). */
  threshold?: number;
  peerBand?: number;
  peerGap?: number;
}

export interface RepReach {
  repId: string;
  team: string;
  quota: number;
  potential: number;
  /** Quota ÷ potential; null for a rep with no potential. */
  quotaPerPotential: number | null;
  /** Quota above potential × threshold (a quota on a territory with no potential is). */
  aboveThreshold: boolean;
  /** How many peers the rep has (other reps with potential within ±peerBand). */
  peers: number;
  /** Median quota ÷ potential of the peers; null with fewer than two peers. */
  peerMedian: number | null;
  /** Quota ÷ potential more than peerGap above or below the peers' median. */
  farFromPeers?: "above" | "below";
  lastYearRevenue?: number;
  /** Last year's revenue ÷ this year's quota; null for a rep with no quota. */
  lastYearAttainment?: number | null;
}

export interface TeamOverAssignment {
  team: string;
  parent?: string;
  level: number;
  quota: number;
  /** What the level below sums to. */
  below: number;
  /** below ÷ quota − 1: what this team's own split adds; null for a team with no quota. */
  own: number | null;
  /**
   * What the level below this team carries over its share of the company target, compounded
   * from the company down: (teams' sum ÷ target) × Π (below ÷ quota) along the path, − 1.
   */
  cumulative: number | null;
}

export interface AttainmentBucket {
  /** Lower edge (inclusive); null for the first bucket. */
  from: number | null;
  /** Upper edge (exclusive); null for the last bucket. */
  to: number | null;
  count: number;
}

export interface QuotaReachability {
  threshold: number;
  reps: RepReach[];
  teams: TeamOverAssignment[];
  /** Top-level teams' sum ÷ company target − 1 (the first level's hedge). */
  companyOver: number | null;
  /** All rep quotas ÷ company target − 1: what the whole tree accumulates to. */
  repsOver: number | null;
  /** Present only when some rep has last year's revenue. */
  lastYear?: {
    /** Reps with a quota and last year's revenue. */
    counted: number;
    /** Of them, those whose last year's revenue reaches this year's quota. */
    made: number;
    buckets: AttainmentBucket[];
  };
}

/**
 * Each rep's potential and last year's revenue on the accounts the run gave them (summed as
 * the quota planner sums history in planRun). Last year's revenue is left out for every rep
 * when no account has one: then nothing is mapped, which is not the same as zero.
 */
export function repTerritories(
  territory: TerritoryResult,
  accounts: readonly Account[]
): Map<string, RepTerritory> {
  const revenue = new Map(accounts.map((a) => [a.id, a.lastYearRevenue]));
  const mapped = accounts.some((a) => typeof a.lastYearRevenue === "number");
  const out = new Map<string, RepTerritory>();
  for (const r of territory.reps)
    out.set(
      r.repId,
      mapped ? { potential: r.potential, lastYearRevenue: 0 } : { potential: r.potential }
    );
  if (!mapped) return out;
  for (const a of territory.assignments) {
    const rep = out.get(a.repId);
    if (rep) rep.lastYearRevenue! += revenue.get(a.accountId) ?? 0;
  }
  return out;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The reachability of a quota plan over the reps' territories (a rep not listed has none). */
export function quotaReachability(
  plan: QuotaPlan,
  territories: ReadonlyMap<string, RepTerritory>,
  options: ReachOptions = {}
): QuotaReachability {
  const threshold = options.threshold ?? DEFAULT_REACH_THRESHOLD;
  const band = options.peerBand ?? DEFAULT_PEER_BAND;
  const gap = options.peerGap ?? DEFAULT_PEER_GAP;

  const reps: RepReach[] = plan.reps.map((q) => {
    const t = territories.get(q.repId);
    const potential = t?.potential ?? 0;
    const rep: RepReach = {
      repId: q.repId,
      team: q.team,
      quota: q.annual,
      potential,
      quotaPerPotential: ratio(q.annual, potential),
      aboveThreshold: q.annual > potential * threshold,
      peers: 0,
      peerMedian: null,
    };
    if (t?.lastYearRevenue !== undefined) {
      rep.lastYearRevenue = t.lastYearRevenue;
      rep.lastYearAttainment = ratio(t.lastYearRevenue, q.annual);
    }
    return rep;
  });
  for (const rep of reps) {
    if (rep.quotaPerPotential === null) continue;
    const peerRatios = reps
      .filter(
        (other) =>
          other !== rep &&
          other.quotaPerPotential !== null &&
          abs(other.potential - rep.potential) <= band * rep.potential
      )
      .map((other) => other.quotaPerPotential!);
    rep.peers = peerRatios.length;
    if (peerRatios.length < 2) continue;
    const m = median(peerRatios);
    rep.peerMedian = m;
    if (rep.quotaPerPotential > m * (1 + gap)) rep.farFromPeers = "above";
    else if (rep.quotaPerPotential < m * (1 - gap)) rep.farFromPeers = "below";
  }

  const companyFactor = ratio(plan.teamSum, plan.companyTarget);
  const byTeam = new Map(plan.teams.map((t) => [t.team, t]));
  const factorCache = new Map<string, number | null>();
  /** (teams' sum ÷ target) × Π (below ÷ quota) from the top down to this team. */
  const factorTo = (team: string): number | null => {
    if (factorCache.has(team)) return factorCache.get(team)!;
    const t = byTeam.get(team)!;
    const above = t.parent === undefined ? companyFactor : factorTo(t.parent);
    const own = ratio(t.childSum, t.quota);
    const f = above === null || own === null ? null : above * own;
    factorCache.set(team, f);
    return f;
  };
  const teams: TeamOverAssignment[] = plan.teams.map((t) => {
    const own = ratio(t.childSum, t.quota);
    const f = factorTo(t.team);
    const entry: TeamOverAssignment = {
      team: t.team,
      level: t.level,
      quota: t.quota,
      below: t.childSum,
      own: own === null ? null : own - 1,
      cumulative: f === null ? null : f - 1,
    };
    if (t.parent !== undefined) entry.parent = t.parent;
    return entry;
  });
  const repSum = plan.reps.reduce((sum, r) => sum + r.annual, 0);

  const result: QuotaReachability = {
    threshold,
    reps,
    teams,
    companyOver: companyFactor === null ? null : companyFactor - 1,
    repsOver: plan.companyTarget > 0 ? repSum / plan.companyTarget - 1 : null,
  };
  const attained = reps
    .map((r) => r.lastYearAttainment)
    .filter((a): a is number => typeof a === "number");
  if (reps.some((r) => r.lastYearRevenue !== undefined)) {
    const buckets: AttainmentBucket[] = [null, ...ATTAINMENT_EDGES].map((from, i) => ({
      from,
      to: ATTAINMENT_EDGES[i] ?? null,
      count: 0,
    }));
    for (const a of attained) {
      let i = 0;
      while (i < ATTAINMENT_EDGES.length && a >= ATTAINMENT_EDGES[i]) i++;
      buckets[i].count++;
    }
    result.lastYear = {
      counted: attained.length,
      made: attained.filter((a) => a >= 1).length,
      buckets,
    };
  }
  return result;
}
