/**
 * The sales funnel: how many deals reach each stage, the rates between stages, and the
 * revenue identity the business plans with:
 *   revenue collected = leads × rate₁ × … × rateₙ × average deal size × collection ratio.
 */
import { finiteResult, requireFraction, requireNonNegative } from "./checks";
import { Column, LabelMemo } from "./column";
import { div0Error, numError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { byGroupName, labelKey, stageIndex, StageLookup, BLANK_STAGE } from "./labels";

/**
 * Stage-to-stage conversion for counts of deals that reached each stage, in funnel order.
 * A stage with no deals leaves only the rate after it undefined (null), as Excel's own
 * `=B2:B4/A1:A3` gives #DIV/0! in just that cell: [1000, 130, 0, 0] → 0.13, 0, null.
 */
export function conversionRates(stageCounts: Float64Array): (number | null)[] {
  if (stageCounts.length < 2)
    throw valueError(functionProblem("twoStagesNeeded", { field: "stage_counts" }), {
      field: "stage_counts",
    });
  stageCounts.forEach((count, i) => requireNonNegative(count, "stage_counts", i + 1));
  const rates = new Array<number | null>(stageCounts.length - 1);
  for (let i = 0; i < rates.length; i++) {
    const from = stageCounts[i];
    const to = stageCounts[i + 1];
    if (to > from) {
      throw numError(functionProblem("countsGrow", { row: i + 2, to, from }), {
        field: "stage_counts",
        row: i + 2,
      });
    }
    rates[i] = from === 0 ? null : to / from;
  }
  return rates;
}

/** Why a conversion rate is undefined: the stage before it (1-based row) has no deals. */
export const zeroStageError = (row: number) =>
  div0Error(functionProblem("countZero", { row }), { field: "stage_counts", row });

function checkRevenueFactors(rates: Float64Array, avgDealSize: number, collectionRatio: number) {
  if (rates.length === 0) throw valueError(functionProblem("noRates"), { field: "rates" });
  rates.forEach((rate, i) => requireFraction(rate, "rates", i + 1));
  requireNonNegative(avgDealSize, "avg_deal_size");
  requireFraction(collectionRatio, "collection_ratio");
}

/** Revenue collected from a number of leads flowing down the funnel. */
export function funnelRevenue(
  leads: number,
  rates: Float64Array,
  avgDealSize: number,
  collectionRatio = 1
): number {
  requireNonNegative(leads, "leads");
  checkRevenueFactors(rates, avgDealSize, collectionRatio);
  let revenue = leads * avgDealSize * collectionRatio;
  for (const rate of rates) revenue *= rate;
  return finiteResult(revenue, "resultFunnelRevenue");
}

/** Rounds up to a whole number, except that a value within 1e-9 (relative) of one counts as that number. */
export function wholeUp(value: number): number {
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= 1e-9 * Math.abs(value)) return nearest;
  return Math.ceil(value);
}

/**
 * The reverse funnel: whole-number volume needed at each stage, top (leads) first and won
 * deals last, worked from the bottom up and rounded up at every stage, because half a deal
 * cannot be won and the stage above must feed whole deals.
 */
export function leadsNeeded(
  targetRevenue: number,
  rates: Float64Array,
  avgDealSize: number,
  collectionRatio = 1
): number[] {
  requireNonNegative(targetRevenue, "target_revenue");
  checkRevenueFactors(rates, avgDealSize, collectionRatio);
  const needed = new Array<number>(rates.length + 1);
  if (targetRevenue === 0) return needed.fill(0);
  const revenuePerWon = avgDealSize * collectionRatio;
  if (revenuePerWon === 0) throw div0Error(functionProblem("dealValueZero"));
  needed[rates.length] = finiteResult(
    wholeUp(targetRevenue / revenuePerWon),
    "resultWonDealsNeeded"
  );
  for (let stage = rates.length - 1; stage >= 0; stage--) {
    if (rates[stage] === 0) {
      throw div0Error(functionProblem("rateZero", { row: stage + 1 }), {
        field: "rates",
        row: stage + 1,
      });
    }
    needed[stage] = finiteResult(wholeUp(needed[stage + 1] / rates[stage]), "resultVolumeNeeded");
  }
  return needed;
}

export interface ConversionByRow {
  group: string;
  /** Leads that reached each stage (a lead counts at every stage up to the furthest it reached). */
  reached: number[];
  /** Stage-to-stage rates; null where the stage before had no leads (the cell shows #DIV/0!). */
  rates: (number | null)[];
  /** Last stage ÷ first stage; null when no leads. */
  overall: number | null;
}

export interface ConversionByTable {
  header: string[];
  groups: ConversionByRow[];
  total: ConversionByRow;
}

/** The group name shown for leads with a blank group, as Excel's pivot tables show it. */
export const BLANK_GROUP = "(blank)";

function conversionRow(group: string, reachedExactly: number[]): ConversionByRow {
  const reached = reachedExactly.slice();
  for (let stage = reached.length - 2; stage >= 0; stage--) reached[stage] += reached[stage + 1];
  const rates = reached.slice(1).map((count, i) => (reached[i] === 0 ? null : count / reached[i]));
  const overall = reached[0] === 0 ? null : reached[reached.length - 1] / reached[0];
  return { group, reached, rates, overall };
}

/**
 * Leads counted per group and furthest stage, for CONVERSIONBY: the stages checked and looked
 * up by name, groups told apart by labelKey. conversionBy feeds it from columns; the worksheet
 * function's fast path feeds it straight from Excel's cells, so both give the same table.
 */
export class ConversionTally {
  readonly stagesByName: StageLookup;
  /** A group's number by its label; spellings that differ in case or spaces are one group. */
  readonly groupOf: LabelMemo<number>;
  /** Whether a group label is blank (a lead with a blank stage is skipped only then). */
  readonly blankGroup = new LabelMemo((label) => labelKey(label) === "");
  private readonly groupNames: string[] = [];
  private readonly groupByKey = new Map<string, number>();
  /** Leads whose furthest stage is s, per group: counts[group × stages + s]. */
  private readonly counts: number[] = [];
  private leads = 0;

  constructor(private readonly stageNames: readonly string[]) {
    if (stageNames.length < 2)
      throw valueError(functionProblem("twoStagesNeeded", { field: "stage_names" }), {
        field: "stage_names",
      });
    this.stagesByName = new StageLookup(stageIndex(stageNames), "stage_reached");
    // Spellings that differ only in case or spaces ("Web", "web ") are one group, shown as first typed.
    this.groupOf = new LabelMemo((label) => {
      const key = labelKey(label);
      let group = this.groupByKey.get(key);
      if (group === undefined) {
        group = this.groupNames.length;
        this.groupByKey.set(key, group);
        this.groupNames.push(key === "" ? BLANK_GROUP : label.trim());
      }
      return group;
    });
  }

  /** `leads` (default one) of a group (from groupOf) whose furthest stage is `stage` (not blank). */
  count(group: number, stage: number, leads = 1): void {
    const slot = group * this.stageNames.length + stage;
    const counts = this.counts;
    while (counts.length <= slot) counts.push(0);
    counts[slot] += leads;
    this.leads += leads;
  }

  table(): ConversionByTable {
    const { counts, groupNames, stageNames } = this;
    const stages = stageNames.length;
    if (this.leads === 0) throw div0Error(functionProblem("noLeads"));
    const exactly = (group: number) =>
      Array.from({ length: stages }, (_, s) => counts[group * stages + s] ?? 0);
    const totals = Array.from({ length: stages }, (_, s) =>
      groupNames.reduce((sum, _name, g) => sum + (counts[g * stages + s] ?? 0), 0)
    );
    const rows = groupNames
      .map((name, group) => ({ name, group }))
      .sort((a, b) => byGroupName(a.name, b.name))
      .map(({ name, group }) => conversionRow(name, exactly(group)));
    const names = stageNames.map((name) => name.trim());
    const header = [
      "Group",
      ...names,
      ...names.slice(1).map((name, i) => `${names[i]}→${name}`),
      `${names[0]}→${names[names.length - 1]}`,
    ];
    return { header, groups: rows, total: conversionRow("Total", totals) };
  }
}

/**
 * Conversion per group (lead source, region…): one row per group, sorted by name, with the
 * leads reaching each stage, each stage-to-stage rate and the top-to-bottom rate, then a
 * Total row. `stageReached` is the furthest stage each lead reached.
 */
export function conversionBy(
  groups: Column<string>,
  stageReached: Column<string>,
  stageNames: readonly string[]
): ConversionByTable {
  if (groups.length !== stageReached.length) {
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "groups",
        firstCount: groups.length,
        field: "stage_reached",
        count: stageReached.length,
      }),
      { field: "stage_reached" }
    );
  }
  const tally = new ConversionTally(stageNames);
  for (let i = 0; i < groups.length; i++) {
    const rawGroup = groups.get(i);
    const stage = tally.stagesByName.stageOf(stageReached.get(i), i + 1);
    if (stage === BLANK_STAGE) {
      if (tally.blankGroup.get(rawGroup)) continue;
      throw valueError(functionProblem("blankInRow", { field: "stage_reached", row: i + 1 }), {
        field: "stage_reached",
        row: i + 1,
      });
    }
    tally.count(tally.groupOf.get(rawGroup), stage);
  }
  return tally.table();
}
