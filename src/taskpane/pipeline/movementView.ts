/**
 * The Movement step's bridge between two snapshots with the deals behind each bar
 * (src/domain/pipelineMoves.ts). Its stage moves and stalled deals are the domain's
 * (src/domain/pipelineStalls.ts).
 */
import type { Opportunity } from "../../domain/pipelineLog";
import { pipelineMoves, type BridgeRow, type PipelineBridge } from "../../domain/pipelineMoves";
import { snapshotColumns } from "../../workbook/pipelineHistory";
import type { StageSettings } from "./pipelineHistory";

export function bridgeBetween(
  a: readonly Opportunity[],
  b: readonly Opportunity[],
  stages: StageSettings,
  periodEnd?: number
): PipelineBridge {
  return pipelineMoves(
    snapshotColumns(a, "snapshot_a"),
    snapshotColumns(b, "snapshot_b"),
    periodEnd,
    stages.won,
    stages.lost
  );
}

/** The deals behind one bar of the bridge, largest first, with their names and owners. */
export function dealsBehind(
  bridge: PipelineBridge,
  bar: BridgeRow,
  a: readonly Opportunity[],
  b: readonly Opportunity[]
) {
  const known = new Map<string, Opportunity>();
  for (const o of a) known.set(o.id, o);
  for (const o of b) known.set(o.id, o);
  const inStart = new Set(a.map((o) => o.id));
  const moves =
    bar === "Start"
      ? bridge.moves.filter((m) => inStart.has(m.id) && !["New", "Pulled in"].includes(m.move))
      : bar === "End"
        ? bridge.moves.filter((m) => !["Removed", "Won", "Lost", "Pushed out"].includes(m.move))
        : bridge.moves.filter((m) => m.move === bar);
  // Start and End count each deal at its amount then; the bars between count the move's.
  const before = new Map(a.map((o) => [o.id, o.amount ?? 0]));
  const after = new Map(b.map((o) => [o.id, o.amount ?? 0]));
  const amountOf = (id: string, moved: number) =>
    bar === "Start" ? (before.get(id) ?? 0) : bar === "End" ? (after.get(id) ?? 0) : moved;
  return moves
    .map((m) => ({ ...m, amount: amountOf(m.id, m.amount), deal: known.get(m.id) }))
    .sort((x, y) => y.amount - x.amount || x.id.localeCompare(y.id));
}
