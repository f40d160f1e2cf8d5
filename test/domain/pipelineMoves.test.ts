import fc from "fast-check";
import { columnOf } from "../../src/domain/column";
import { BRIDGE_ROWS, pipelineMoves, Snapshot } from "../../src/domain/pipelineMoves";
import { planError } from "../support/thrown";

type Row = [string, string, number | null, number | null];

/** A snapshot from rows of id, stage, amount, close date (null = blank). */
function snapshot(field: string, rows: Row[]): Snapshot {
  return {
    field,
    ids: columnOf(rows.map((r) => r[0])),
    stages: columnOf(rows.map((r) => r[1])),
    amounts: Float64Array.from(rows, (r) => r[2] ?? NaN),
    closeDates: Float64Array.from(rows, (r) => r[3] ?? NaN),
  };
}

const table = (bridge: ReturnType<typeof pipelineMoves>) =>
  Object.fromEntries(bridge.rows.map((r) => [r.label, [r.deals, r.amount]]));

const END = 46000; // period end, an Excel serial

describe("the pipeline bridge, worked by hand", () => {
  // Period ends on serial 46000. A has six deals in scope (open, closing by 46000):
  //   d1 100, d2 200, d3 300, d4 400, d5 500, d6 600 → Start 6 deals, 2100.
  //   d7 open but closing 46100 (out of scope), d8 lost, d9 won.
  // In B: d1 → 150 (+50 Increased); d2 → 120 (−80 Decreased); d3 Won (300); d4 Lost (400);
  //   d5 pushed to 46050 (Pushed out 500); d6 missing (Removed 600);
  //   d7 pulled in to 45990 at 700 (Pulled in 700); d8 reopened at 80 (New); d10 new at 90 (New);
  //   d9 still Won (out of scope in both: no bucket); d11 new but closing 46200 (no bucket).
  // End = d1 150 + d2 120 + d7 700 + d8 80 + d10 90 = 1140, 5 deals.
  // Check: 2100 + (80 + 90) + 700 + 50 − 80 − 500 − 300 − 400 − 600 = 1140.
  const a = snapshot("snapshot_a", [
    ["d1", "Proposal", 100, 45990],
    ["d2", "Lead", 200, 45950],
    ["d3", "Negotiation", 300, 46000],
    ["d4", "Lead", 400, 45900],
    ["d5", "Proposal", 500, 45999],
    ["d6", "Lead", 600, 45980],
    ["d7", "Lead", 700, 46100],
    ["d8", "lost ", 80, 45800],
    ["d9", "Won", 999, 45800],
  ]);
  const b = snapshot("snapshot_b", [
    ["d1", "Negotiation", 150, 45990],
    ["d2", "Lead", 120, 45950],
    ["d3", "WON", 300, 45995],
    ["d4", "Lost", 400, 45900],
    ["d5", "Proposal", 500, 46050],
    ["d7", "Proposal", 700, 45990],
    ["d8", "Lead", 80, 45999],
    ["d9", "Won", 999, 45800],
    ["d10", "Lead", 90, 45970],
    ["d11", "Lead", 5000, 46200],
  ]);

  it("puts every deal in its one bucket, in the contract's row order", () => {
    const bridge = pipelineMoves(a, b, END);
    expect(bridge.rows.map((r) => r.label)).toEqual([...BRIDGE_ROWS]);
    expect(table(bridge)).toEqual({
      Start: [6, 2100],
      New: [2, 170],
      "Pulled in": [1, 700],
      Increased: [1, 50],
      Decreased: [1, 80],
      "Pushed out": [1, 500],
      Won: [1, 300],
      Lost: [1, 400],
      Removed: [1, 600],
      End: [5, 1140],
    });
    expect(Object.fromEntries(bridge.moves.map((m) => [m.id, m.move]))).toEqual({
      d1: "Increased",
      d2: "Decreased",
      d3: "Won",
      d4: "Lost",
      d5: "Pushed out",
      d6: "Removed",
      d7: "Pulled in",
      d8: "New",
      d10: "New",
    });
  });

  it("takes every open deal as in scope without a period end", () => {
    // Start: d1..d7 = 100+200+300+400+500+600+700 = 2800. In B, d5 stays open at 500
    // (Unchanged), d7 unchanged at 700, d11 is New at 5000.
    // End: 150 + 120 + 500 + 700 + 80 + 90 + 5000 = 6640, 7 deals.
    const rows = table(pipelineMoves(a, b));
    expect(rows.Start).toEqual([7, 2800]);
    expect(rows["Pushed out"]).toEqual([0, 0]);
    expect(rows["Pulled in"]).toEqual([0, 0]);
    expect(rows.New).toEqual([3, 5170]);
    expect(rows.End).toEqual([7, 6640]);
  });

  it("matches won and lost labels as WINRATE does, and takes other labels", () => {
    const won = snapshot("snapshot_b", [["x", " closed won", 10, 1]]);
    const open = snapshot("snapshot_a", [["x", "Lead", 10, 1]]);
    expect(table(pipelineMoves(open, won, undefined, "Closed Won", "Closed Lost")).Won).toEqual([
      1, 10,
    ]);
    expect(planError(() => pipelineMoves(open, won, undefined, "Won", " won")).said.code).toBe(
      "outcomeLabelsSame"
    );
  });
});

describe("bad snapshots", () => {
  it("names the row of a duplicate id", () => {
    const a = snapshot("snapshot_a", [
      ["d1", "Lead", 1, 1],
      ["d2", "Lead", 1, 1],
      [" d1", "Lead", 1, 1],
    ]);
    const error = planError(() => pipelineMoves(a, a));
    expect(error.kind).toBe("value");
    expect(error.where).toEqual({ field: "snapshot_a", row: 3 });
    expect(error.message).toBe('snapshot_a lists opportunity "d1" twice (rows 1 and 3)');
  });

  it("skips blank rows but refuses a row without an id, stage or amount", () => {
    const ok = snapshot("snapshot_a", [
      ["d1", "Lead", 5, 1],
      ["", "", null, null],
    ]);
    expect(table(pipelineMoves(ok, ok)).End).toEqual([1, 5]);
    const noId = snapshot("snapshot_b", [["  ", "Lead", 5, 1]]);
    expect(planError(() => pipelineMoves(ok, noId)).message).toBe(
      "snapshot_b, row 1 has no opportunity id"
    );
    const noAmount = snapshot("snapshot_b", [["d1", "Lead", null, 1]]);
    expect(planError(() => pipelineMoves(ok, noAmount)).message).toBe(
      "snapshot_b (amount) is blank in row 1"
    );
    const negative = snapshot("snapshot_b", [["d1", "Lead", -5, 1]]);
    expect(planError(() => pipelineMoves(ok, negative)).kind).toBe("num");
  });

  it("needs an open deal's close date only when there is a period end", () => {
    const noDate = snapshot("snapshot_a", [
      ["d1", "Lead", 5, null],
      ["d2", "Won", 5, null],
    ]);
    expect(table(pipelineMoves(noDate, noDate)).Start).toEqual([1, 5]);
    const error = planError(() => pipelineMoves(noDate, noDate, END));
    expect(error.where).toEqual({ field: "snapshot_a", row: 1 });
  });
});

describe("bridge properties", () => {
  const stage = fc.constantFrom("Lead", "Proposal", "Won", "Lost");
  const deal = fc.record({
    stage,
    amount: fc.integer({ min: 0, max: 1_000_000_000 }),
    close: fc.integer({ min: 45_900, max: 46_100 }),
  });
  // Ten ids, each present in A and/or B or neither, so every combination of states occurs.
  const world = fc.array(fc.tuple(fc.option(deal), fc.option(deal)), {
    minLength: 0,
    maxLength: 10,
  });
  const build = (
    pairs: [typeof deal extends fc.Arbitrary<infer D> ? D | null : never, unknown][],
    side: 0 | 1,
    field: string
  ) =>
    snapshot(
      field,
      pairs.flatMap((pair, i) => {
        const d = pair[side] as { stage: string; amount: number; close: number } | null;
        return d ? [[`id${i}`, d.stage, d.amount, d.close] as Row] : [];
      })
    );

  it("adds up exactly: End = Start + New + Pulled in + Increased − Decreased − Pushed out − Won − Lost − Removed", () => {
    fc.assert(
      fc.property(
        world,
        fc.option(fc.integer({ min: 45_900, max: 46_100 }), { nil: undefined }),
        (pairs, end) => {
          const rows = table(pipelineMoves(build(pairs, 0, "a"), build(pairs, 1, "b"), end));
          const amount = (label: string) => rows[label][1];
          const deals = (label: string) => rows[label][0];
          expect(amount("End")).toBe(
            amount("Start") +
              amount("New") +
              amount("Pulled in") +
              amount("Increased") -
              amount("Decreased") -
              amount("Pushed out") -
              amount("Won") -
              amount("Lost") -
              amount("Removed")
          );
          expect(deals("End")).toBe(
            deals("Start") +
              deals("New") +
              deals("Pulled in") -
              deals("Pushed out") -
              deals("Won") -
              deals("Lost") -
              deals("Removed")
          );
          for (const label of BRIDGE_ROWS) expect(amount(label)).toBeGreaterThanOrEqual(0);
        }
      )
    );
  });

  it("puts every deal in scope in A or B in exactly one bucket", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 45_900, max: 46_100 }), (pairs, end) => {
        const bridge = pipelineMoves(build(pairs, 0, "a"), build(pairs, 1, "b"), end);
        const inScope = (d: unknown) => {
          const x = d as { stage: string; close: number } | null;
          return !!x && x.stage !== "Won" && x.stage !== "Lost" && x.close <= end;
        };
        const expected = pairs
          .map((pair, i) => (inScope(pair[0]) || inScope(pair[1]) ? `id${i}` : null))
          .filter((id) => id !== null)
          .sort();
        expect(bridge.moves.map((m) => m.id).sort()).toEqual(expected);
      })
    );
  });
});
