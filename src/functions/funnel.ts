/**
 * The funnel functions (src/domain/funnel.ts): stage-to-stage conversion, revenue from
 * leads and its reverse, and conversion per group. Each function's parameter table comes
 * just before its JSDoc, named as Excel spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  conversionBy,
  conversionRates,
  ConversionTally,
  funnelRevenue,
  leadsNeeded,
  zeroStageError,
  type ConversionByTable,
} from "../domain/funnel";
import { LabelCodes } from "../domain/column";
import { BLANK_STAGE } from "../domain/labels";
import { fastOr, parameters, readArguments, runFunction } from "./arguments";
import { cellOfRow, columnRows, pairedColumnRows, plainLabel, shaped } from "./cells";
import { toExcelError } from "./excelErrors";

const divideByZeroCell = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);

const CONVERSION = parameters([{ name: "stage_counts", kind: "numbers" }]);

/**
 * CONVERSION of a column in one read of Excel's cells, each rate written straight into its
 * row of the spill: every count a finite number ≥ 0, none above the one before. Anything
 * else is undefined, for the general route to read and report (see fastOr).
 */
function conversionFromCells(
  stageCounts: unknown
): (number | CustomFunctions.Error)[][] | undefined {
  const rows = columnRows(stageCounts);
  if (!rows || rows.length < 2) return undefined;
  const spill: (number | CustomFunctions.Error)[][] = new Array(rows.length - 1);
  const first = cellOfRow(rows[0]);
  if (typeof first !== "number" || !(first >= 0 && first < Infinity)) return undefined;
  let from = first;
  for (let i = 1; i < rows.length; i++) {
    const to = cellOfRow(rows[i]);
    if (typeof to !== "number" || !(to >= 0 && to <= from)) return undefined;
    spill[i - 1] = [from === 0 ? toExcelError(zeroStageError(i)) : to / from];
    from = to;
  }
  return spill;
}

/**
 * Stage-to-stage conversion rates from the number of deals that reached each stage.
 * @customfunction CONVERSION CONVERSION
 * @param stage_counts Deals that reached each stage, in funnel order (a row or a column).
 * @returns One rate fewer than stages, in the same orientation.
 */
export function conversion(stage_counts: any[][]): any[][] {
  return fastOr(
    () => conversionFromCells(stage_counts),
    () =>
      runFunction(CONVERSION, [stage_counts], ({ stage_counts }) =>
        shaped(
          // Only the rate after an empty stage is #DIV/0!, with the row that is empty.
          conversionRates(stage_counts.values).map((rate, i) =>
            rate === null ? toExcelError(zeroStageError(i + 1)) : rate
          ),
          stage_counts.orientation
        )
      )
  );
}

const FUNNELREVENUE = parameters([
  { name: "leads", kind: "number" },
  { name: "rates", kind: "numbers" },
  { name: "avg_deal_size", kind: "number" },
  { name: "collection_ratio", kind: "number", optional: true, default: 1 },
]);

/**
 * Revenue collected from leads: leads × each conversion rate × average deal size × collection ratio.
 * @customfunction FUNNELREVENUE FUNNELREVENUE
 * @param leads Number of leads entering the funnel.
 * @param rates Conversion rates from stage to stage, ending with the win rate.
 * @param avg_deal_size Average value of a won deal.
 * @param [collection_ratio] Share of won value actually collected (default 1).
 * @returns Revenue collected.
 */
export function funnelrevenue(
  leads: number,
  rates: any[][],
  avg_deal_size: number,
  collection_ratio?: number
): number {
  return runFunction(
    FUNNELREVENUE,
    [leads, rates, avg_deal_size, collection_ratio],
    ({ leads, rates, avg_deal_size, collection_ratio }) =>
      funnelRevenue(leads, rates.values, avg_deal_size, collection_ratio)
  );
}

const LEADSNEEDED = parameters([
  { name: "target_revenue", kind: "number" },
  { name: "rates", kind: "numbers" },
  { name: "avg_deal_size", kind: "number" },
  { name: "collection_ratio", kind: "number", optional: true, default: 1 },
]);

/**
 * Reverse funnel: whole-number volume needed at each stage, from leads down to won deals, to reach a revenue target.
 * @customfunction LEADSNEEDED LEADSNEEDED
 * @param target_revenue Revenue to collect.
 * @param rates Conversion rates from stage to stage, ending with the win rate.
 * @param avg_deal_size Average value of a won deal.
 * @param [collection_ratio] Share of won value actually collected (default 1).
 * @returns One more value than rates: leads first, won deals last, each rounded up.
 */
export function leadsneeded(
  target_revenue: number,
  rates: any[][],
  avg_deal_size: number,
  collection_ratio?: number
): number[][] {
  return runFunction(
    LEADSNEEDED,
    [target_revenue, rates, avg_deal_size, collection_ratio],
    ({ target_revenue, rates, avg_deal_size, collection_ratio }) =>
      shaped(
        leadsNeeded(target_revenue, rates.values, avg_deal_size, collection_ratio),
        rates.orientation
      )
  );
}

const CONVERSIONBY = parameters([
  { name: "groups", kind: "labelColumn" },
  { name: "stage_reached", kind: "labelColumn", pairedWith: "groups" },
  { name: "stage_names", kind: "labels" },
]);

/** The stage names alone, read as CONVERSIONBY reads them, for the fast path. */
const CONVERSION_STAGES = parameters([CONVERSIONBY[2]]);

/**
 * CONVERSIONBY's counts in one read of Excel's cells: groups and stages single columns of
 * the same length, every cell one the general reader takes, every stage known, and a blank
 * stage only beside a blank group. Anything else is undefined, for the general route (fastOr).
 */
function conversionTallyFromCells(
  groups: unknown,
  stageReached: unknown,
  stageNames: unknown
): ConversionByTable | undefined {
  const paired = pairedColumnRows(groups, stageReached);
  if (!paired) return undefined;
  const [groupRows, stageRows] = paired;
  const names = readArguments(CONVERSION_STAGES, [stageNames]).stage_names;
  const tally = new ConversionTally(names);
  const stageOf = new LabelCodes((label) => tally.stagesByName.positionOf(label));
  const groupOf = new LabelCodes((label) => tally.groupOf.get(label));
  const blankGroup = new LabelCodes((label) => (tally.blankGroup.get(label) ? 1 : 0));
  // Counted here, by group × stage, and handed to the tally once: its own count grows its
  // table as groups appear, which is a check too many per row. Groups are numbered in the
  // order they first appear, as the tally numbers them, so the table comes out the same.
  const stages = names.length;
  let counts: Float64Array = new Float64Array(8 * stages);
  for (let i = 0; i < groupRows.length; i++) {
    const groupCell = cellOfRow(groupRows[i]);
    const stageCell = cellOfRow(stageRows[i]);
    const group = typeof groupCell === "string" ? groupCell : plainLabel(groupCell);
    const label = typeof stageCell === "string" ? stageCell : plainLabel(stageCell);
    if (group === undefined || label === undefined) return undefined;
    const stage = stageOf.get(label);
    if (stage < 0) {
      if (stage === BLANK_STAGE && blankGroup.get(group) === 1) continue;
      return undefined; // an unknown stage, or a blank one beside a group
    }
    const slot = groupOf.get(group) * stages + stage;
    if (slot >= counts.length) counts = grown(counts, slot);
    counts[slot] += 1;
  }
  for (let slot = 0; slot < counts.length; slot++) {
    if (counts[slot] > 0) tally.count(Math.floor(slot / stages), slot % stages, counts[slot]);
  }
  return tally.table();
}

/** `counts` copied into a table at least twice as long that holds `slot`. */
function grown(counts: Float64Array, slot: number): Float64Array {
  const larger = new Float64Array(Math.max(2 * counts.length, slot + 1));
  larger.set(counts);
  return larger;
}

/** The CONVERSIONBY spill: the header, a row per group, the Total row; #DIV/0! where a rate has no leads. */
function conversionByRows(table: ConversionByTable): any[][] {
  const body = [...table.groups, table.total].map((row) => [
    row.group,
    ...row.reached,
    ...row.rates.map((rate) => (rate === null ? divideByZeroCell() : rate)),
    row.overall === null ? divideByZeroCell() : row.overall,
  ]);
  return [table.header, ...body];
}

/**
 * Funnel conversion per group (such as lead source): leads reaching each stage, stage-to-stage and top-to-bottom rates, with a Total row.
 * @customfunction CONVERSIONBY CONVERSIONBY
 * @param groups The group of each lead, such as its lead source.
 * @param stage_reached The furthest stage each lead reached, one of stage_names.
 * @param stage_names The funnel's stages in order, first stage first.
 * @returns A table with a header row, one row per group sorted by name, and a Total row.
 */
export function conversionby(
  groups: any[][],
  stage_reached: any[][],
  stage_names: any[][]
): any[][] {
  return fastOr(
    () => {
      const table = conversionTallyFromCells(groups, stage_reached, stage_names);
      return table && conversionByRows(table);
    },
    () =>
      runFunction(
        CONVERSIONBY,
        [groups, stage_reached, stage_names],
        ({ groups, stage_reached, stage_names }) =>
          conversionByRows(conversionBy(groups, stage_reached, stage_names))
      )
  );
}
