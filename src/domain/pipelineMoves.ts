/**
 * The pipeline bridge: what happened to the pipeline between two snapshots of the
 * opportunities (Salesforce's "waterfall", Clari's "flow"). Every deal in scope at either
 * date lands in exactly one bucket, so the bridge adds up: Start + inflows − outflows = End.
 */
import { Column, LabelMemo } from "./column";
import { numError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { labelKey } from "./labels";
import { LOST, OPEN, WON, outcomeOfStage, type Outcome } from "./winRate";

/** One snapshot of the opportunities: four columns read in place, a row per deal. */
export interface Snapshot {
  /** The argument's name, for errors ("snapshot_a"). */
  readonly field: string;
  readonly ids: Column<string>;
  readonly stages: Column<string>;
  /** NaN where blank. */
  readonly amounts: Float64Array;
  /** Excel serials, NaN where blank. */
  readonly closeDates: Float64Array;
}

/** A deal as one snapshot has it. */
export interface SnapshotDeal {
  /** 1-based row in the snapshot's range. */
  readonly row: number;
  readonly outcome: Outcome;
  readonly amount: number;
  readonly closeDate: number;
}

const columnField = (snapshot: Snapshot, column: string) => `${snapshot.field} (${column})`;

/**
 * The deals of a snapshot by id (trimmed; ids are compared exactly, as CRM ids are).
 * Rows blank in every column are skipped; a row with an id needs a stage and an amount, and
 * an id twice is #VALUE! naming the second row.
 */
export function snapshotDeals(
  snapshot: Snapshot,
  outcomeOf: LabelMemo<Outcome>
): Map<string, SnapshotDeal> {
  const { ids, stages, amounts, closeDates, field } = snapshot;
  const deals = new Map<string, SnapshotDeal>();
  for (let i = 0; i < ids.length; i++) {
    const row = i + 1;
    const id = ids.get(i).trim();
    const stage = stages.get(i);
    const amount = amounts[i];
    const closeDate = closeDates[i];
    if (id === "") {
      if (labelKey(stage) === "" && amount !== amount && closeDate !== closeDate) continue;
      throw valueError(functionProblem("snapshotIdBlank", { field, row }), { field, row });
    }
    const earlier = deals.get(id);
    if (earlier)
      throw valueError(functionProblem("snapshotIdTwice", { field, id, first: earlier.row, row }), {
        field,
        row,
      });
    if (labelKey(stage) === "") {
      const where = columnField(snapshot, "stage");
      throw valueError(functionProblem("blankInRow", { field: where, row }), { field, row });
    }
    if (amount !== amount) {
      const where = columnField(snapshot, "amount");
      throw valueError(functionProblem("blankInRow", { field: where, row }), { field, row });
    }
    if (amount < 0) {
      const where = columnField(snapshot, "amount");
      throw numError(functionProblem("mustNotBeNegativeRow", { field: where, row }), {
        field,
        row,
      });
    }
    deals.set(id, { row, outcome: outcomeOf.get(stage), amount, closeDate });
  }
  return deals;
}

/** The bridge's rows, in the order PLAN.PIPELINEMOVES returns them. */
export const BRIDGE_ROWS = [
  "Start",
  "New",
  "Pulled in",
  "Increased",
  "Decreased",
  "Pushed out",
  "Won",
  "Lost",
  "Removed",
  "End",
] as const;
export type BridgeRow = (typeof BRIDGE_ROWS)[number];
/** Where one deal went: a bridge row, or Unchanged (in scope at both dates, same amount). */
export type Move = Exclude<BridgeRow, "Start" | "End"> | "Unchanged";

export interface DealMove {
  readonly id: string;
  readonly move: Move;
  /** What the move adds to or takes from the pipeline, positive (0 for Unchanged). */
  readonly amount: number;
}

export interface PipelineBridge {
  /** Per bridge row, in BRIDGE_ROWS order: the number of deals and their amount (positive). */
  readonly rows: readonly { label: BridgeRow; deals: number; amount: number }[];
  /** Every deal in scope at either date, with its one move: the deals behind every bar. */
  readonly moves: readonly DealMove[];
}

/**
 * The bridge from snapshot A to snapshot B. A deal is in scope when open with a close date
 * on or before `periodEnd` (every open deal when undefined). Won, Lost, Pushed out and
 * Removed count A's amount, New and Pulled in B's, Increased and Decreased the change.
 */
export function pipelineMoves(
  a: Snapshot,
  b: Snapshot,
  periodEnd?: number,
  wonLabel = "Won",
  lostLabel = "Lost"
): PipelineBridge {
  const outcomeOf = outcomeOfStage(wonLabel, lostLabel);
  const before = snapshotDeals(a, outcomeOf);
  const after = snapshotDeals(b, outcomeOf);
  const inScope = (deal: SnapshotDeal | undefined, snapshot: Snapshot): boolean => {
    if (deal === undefined || deal.outcome !== OPEN) return false;
    if (periodEnd === undefined) return true;
    if (deal.closeDate !== deal.closeDate) {
      const field = snapshot.field;
      throw valueError(
        functionProblem("closeDateNeeded", {
          field: columnField(snapshot, "close date"),
          row: deal.row,
        }),
        { field, row: deal.row }
      );
    }
    return deal.closeDate <= periodEnd;
  };
  const moves: DealMove[] = [];
  let start = 0;
  let startAmount = 0;
  let end = 0;
  let endAmount = 0;
  for (const [id, was] of before) {
    if (!inScope(was, a)) continue;
    start++;
    startAmount += was.amount;
    const now = after.get(id);
    let move: Move;
    let amount = was.amount;
    if (now === undefined) move = "Removed";
    else if (now.outcome === WON) move = "Won";
    else if (now.outcome === LOST) move = "Lost";
    else if (!inScope(now, b)) move = "Pushed out";
    else {
      amount = Math.abs(now.amount - was.amount);
      move =
        now.amount > was.amount ? "Increased" : now.amount < was.amount ? "Decreased" : "Unchanged";
    }
    moves.push({ id, move, amount });
  }
  for (const [id, now] of after) {
    if (!inScope(now, b)) continue;
    end++;
    endAmount += now.amount;
    const was = before.get(id);
    if (was !== undefined && inScope(was, a)) continue; // bridged above
    const move = was !== undefined && was.outcome === OPEN ? "Pulled in" : "New";
    moves.push({ id, move, amount: now.amount });
  }
  const totals = new Map<BridgeRow, { deals: number; amount: number }>(
    BRIDGE_ROWS.map((label) => [label, { deals: 0, amount: 0 }])
  );
  for (const { move, amount } of moves) {
    const total = totals.get(move as BridgeRow);
    if (!total) continue; // Unchanged has no row
    total.deals++;
    total.amount += amount;
  }
  totals.set("Start", { deals: start, amount: startAmount });
  totals.set("End", { deals: end, amount: endAmount });
  return {
    rows: BRIDGE_ROWS.map((label) => ({ label, ...totals.get(label)! })),
    moves,
  };
}
