/** What goes into a territory run and what comes out of it. */
import type { WordValues } from "../problem";
import type { DeviationBound } from "./bound";
import type { UnroutableCode } from "./routing";

export interface Account {
  id: string;
  name?: string;
  region: string;
  industry: string;
  sizeTier: string;
  potential: number;
  workload: number;
  currentOwner?: string;
  locked?: boolean;
  lastYearRevenue?: number;
}

export interface Rep {
  id: string;
  name?: string;
  /** Regions, industries and size tiers the rep may cover; empty or "*" means any. */
  regions: string[];
  industries: string[];
  sizeTiers: string[];
  /** Full-time equivalent, 0 to 1. */
  capacity: number;
  /** Excel serial date; used for quota ramps. */
  startDate?: number;
  manager?: string;
}

export interface BalanceSettings {
  /** Share of the load that is workload rather than potential, 0 to 1 (default 0). */
  workloadWeight?: number;
  /** A rep whose load is within ±band of target keeps all its accounts (default 0: balance fully). */
  toleranceBand?: number;
  /** At most this share of accounts with a current owner may change owner (default 1). */
  maxMovedShare?: number;
  /** At most this many accounts per rep (default unlimited). */
  maxAccountsPerRep?: number;
}

export interface TerritoryInput {
  accounts: Account[];
  reps: Rep[];
  settings?: BalanceSettings;
}

export type AssignmentReason = "locked" | "kept" | "placed" | "moved";

export interface Assignment {
  accountId: string;
  repId: string;
  reason: AssignmentReason;
  /** The current owner the account was moved from, when it was moved. */
  movedFrom?: string;
}

export interface Unassigned {
  accountId: string;
  /** The rule that excluded the account, in English (as the Assignments table keeps it). */
  reason: string;
  /** The same as a code and values, for a pane to say in the user's language (none when read back). */
  code?: UnroutableCode;
  values?: WordValues;
}

export interface RepSummary {
  repId: string;
  accounts: number;
  potential: number;
  workload: number;
  /** Share of the total load (0–1). */
  load: number;
  /** Share of the total load this rep should carry, by capacity (0–1). */
  target: number;
  /** (load − target) ÷ target; null for a rep with no capacity. */
  deviation: number | null;
}

export interface FairnessMetrics {
  maxAbsDeviation: number;
  /** Coefficient of variation of load ÷ target across reps with capacity. */
  coefficientOfVariation: number;
  /** Gini coefficient of potential per FTE across reps with capacity. */
  giniPotentialPerFte: number;
  /** Highest ÷ lowest potential per FTE; null when some rep has none. */
  maxMinRatio: number | null;
  accountsMoved: number;
  /** Share of accounts with a current owner that kept it. */
  continuity: number;
}

export interface TerritoryResult {
  assignments: Assignment[];
  unassigned: Unassigned[];
  reps: RepSummary[];
  metrics: FairnessMetrics;
  /**
   * The lowest largest deviation the routing allows, what forces it and what would lift it
   * (bound.ts). Every run has it; results read back from the workbook do not.
   */
  deviationBound?: DeviationBound;
}
