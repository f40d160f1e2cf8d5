/**
 * Stage moves, close-date pushes and stalled deals over small logs made week by week as a
 * capture makes them (test/support/handLog.ts). Every expected figure is worked by hand in
 * the comments: the stays in each stage, the Kaplan–Meier 75th percentile of them, and how
 * far past it each deal has stayed.
 */
import { reconstruct } from "../../src/domain/pipelineLog";
import { pushCounts, stageMoves, stalledDeals } from "../../src/domain/pipelineStalls";
import { deal, handLog, type HandDeal } from "../support/handLog";

const STAGES = { stages: ["A", "B"], won: "Won", lost: "Lost" };
// Weekly captures, Excel serials.
const D0 = 46000;
const D7 = 46007;
const D14 = 46014;
const D21 = 46021;
const D28 = 46028;
const DATES = [D0, D7, D14, D21, D28];

// d1–d3 leave A after 7 days; d4 never does. In B: d5 7 days (then Won), d1 7 (Won), d2 14
// (Lost), d3 still there at day 28 (21 days). d3's close date: 100, 110 (pushed), 105
// (pulled in), 120 (pushed).
const WEEKS: HandDeal[][] = [
  [
    ["d1", "A"],
    ["d2", "A"],
    ["d3", "A", 100],
    ["d4", "A", 90],
    ["d5", "B"],
  ],
  [
    ["d1", "B"],
    ["d2", "B"],
    ["d3", "B", 100],
    ["d4", "A", 90],
    ["d5", "Won"],
  ],
  [
    ["d1", "Won"],
    ["d2", "B"],
    ["d3", "B", 110],
    ["d4", "A", 90],
    ["d5", "Won"],
  ],
  [
    ["d1", "Won"],
    ["d2", "Lost"],
    ["d3", "B", 105],
    ["d4", "A", 90],
    ["d5", "Won"],
  ],
  [
    ["d1", "Won"],
    ["d2", "Lost"],
    ["d3", "B", 120],
    ["d4", "A", 90],
    ["d5", "Won"],
  ],
];

describe("stage moves between two snapshots", () => {
  it("says which deals advanced, regressed or stayed, in funnel order", () => {
    const a = [
      ["o1", "A"],
      ["o2", "B"],
      ["o3", "B"],
      ["o4", "A"],
      ["o5", "B"],
    ] as HandDeal[];
    // o1 A → B advanced; o2 B → " a " (labels match as WINRATE matches them, and are said
    // as written) regressed; o3 stayed; o4 gone from b and o5 won (no funnel position): neither counts; o6 is new.
    const b = [
      ["o1", "B"],
      ["o2", " a "],
      ["o3", "b"],
      ["o5", "Won"],
      ["o6", "A"],
    ] as HandDeal[];
    const { moves, counts } = stageMoves(a.map(deal), b.map(deal), STAGES);
    expect(counts).toEqual({ advanced: 1, regressed: 1, unchanged: 1 });
    expect(moves.map((m) => [m.id, m.from, m.to, m.move])).toEqual([
      ["o1", "A", "B", "advanced"],
      ["o2", "B", " a ", "regressed"],
      ["o3", "B", "b", "unchanged"],
    ]);
  });
});

describe("close-date pushes", () => {
  it("counts each move of the close date later, not a pull-in, a blank or a removal", () => {
    const log = handLog(DATES, WEEKS);
    // d3: 100 → 110 pushed, → 105 pulled in, → 120 pushed (later than the last date, 105).
    expect(pushCounts(log).get("d3")).toBe(2);
    expect(pushCounts(log).get("d4")).toBe(0);
    // e1: 100, blank, 120 (later than the last known 100: one push), then gone at 130.
    const gone = handLog(
      [D0, D7, D14, D21],
      [[["e1", "A", 100]], [["e1", "A", null]], [["e1", "A", 120]], []]
    );
    expect(pushCounts(gone)).toEqual(new Map([["e1", 1]]));
  });
});

describe("stalled deals", () => {
  const log = handLog(DATES, WEEKS);

  it("are the deals longer in their stage than its 75th percentile, most overdue first", () => {
    // A's stays: 7, 7, 7 ended and d4's 28 still going. Kaplan–Meier at 7 days: 3 of 4 at
    // risk leave, so 3/4 have left by day 7: threshold 7. d4 is 28 days in: 21 over.
    // B's stays: d5 7, d1 7, d2 14 ended, d3's 21 still going. At 7: 2 of 4 leave (S = 1/2);
    // at 14: 1 of the 2 left at risk (S = 1/4), so 3/4 have left by day 14: threshold 14.
    // d3 is 21 days in: 7 over, with 2 pushes.
    const stalled = stalledDeals(log, reconstruct(log, D28), STAGES, D28);
    expect(stalled.map((s) => [s.id, s.stage, s.days, s.threshold, s.pushes])).toEqual([
      ["d4", "A", 28, 7, 0],
      ["d3", "B", 21, 14, 2],
    ]);
    expect(stalled[1]).toMatchObject({ name: "d3", owner: "Ann" });
    // d4 was already in A at the first capture (day 0): its 28 days are a floor. d3 entered
    // B at day 7, when the log saw it arrive.
    expect(stalled.map((s) => [s.id, s.atLeast])).toEqual([
      ["d4", true],
      ["d3", false],
    ]);
  });

  it("reads the log as it stood at the date asked, not the rows after it", () => {
    // As of day 14: A's stays 7, 7, 7 ended, d4's 14 going: threshold 7, d4 7 over. B's: d5
    // 7 ended; d1 7 (ended at 14), d2 and d3 7 days going. At 7: 2 of 4 leave (S = 1/2), and
    // no stay is seen longer: fewer than 3/4 are known to end, so B has no threshold and
    // d2 and d3 are not called stalled. d3's push at day 14 counts; the later one not yet.
    const stalled = stalledDeals(log, reconstruct(log, D14), STAGES, D14);
    expect(stalled.map((s) => [s.id, s.days, s.threshold, s.pushes])).toEqual([["d4", 14, 7, 0]]);
  });

  it("leaves out a deal whose stage today is not the one the log has it staying in", () => {
    // The table now shows d4 in B; the log has it in A since day 0: not a stay to measure.
    const today = reconstruct(log, D28).map((o) => (o.id === "d4" ? { ...o, stage: "B" } : o));
    expect(stalledDeals(log, today, STAGES, D28).map((s) => s.id)).toEqual(["d3"]);
  });
});
