/**
 * The funnel's shape over small logs made week by week as a capture makes them
 * (test/support/handLog.ts): today's mix, the steady-state mix x = λ·(I − Q)⁻¹ solved by
 * hand in the comments, the stage that bulges and whether inflow or conversion explains it;
 * and, over random logs, steady-state shares that are shares.
 */
import fc from "fast-check";
import { funnelShape } from "../../src/domain/funnelShape";
import { reconstruct } from "../../src/domain/pipelineLog";
import { handLog, type HandDeal } from "../support/handLog";

const D0 = 46000;
const D7 = 46007;
const D14 = 46014;

const shape = (stages: string[], dates: number[], weeks: HandDeal[][]) => {
  const log = handLog(dates, weeks);
  return funnelShape(log, reconstruct(log, dates[dates.length - 1]), {
    stages,
    won: "Won",
    lost: "Lost",
  });
};
const steady = (r: ReturnType<typeof funnelShape>) => r.shares.map((s) => s.steady);
const today = (r: ReturnType<typeof funnelShape>) => r.shares.map((s) => s.today);

describe("the funnel's shape", () => {
  it("sets today's mix against the steady state, and a bulge that piled up earlier", () => {
    // The Pipeline pane's hand-made weeks (test/support/pipelinePane.tsx), three captures.
    const r = shape(
      ["Qualify", "Propose", "Negotiate"],
      [D0, D7, D14],
      [
        [
          ["O1", "Qualify"],
          ["O2", "Propose"],
          ["O3", "Propose"],
          ["O4", "Negotiate"],
          ["O7", "Propose"],
        ],
        [
          ["O1", "Propose"],
          ["O2", "Negotiate"],
          ["O3", "Propose"],
          ["O4", "Won"],
          ["O7", "Lost"],
          ["O5", "Qualify"],
        ],
        [
          ["O1", "Negotiate"],
          ["O2", "Propose"],
          ["O3", "Propose"],
          ["O7", "Lost"],
          ["O5", "Lost"],
          ["O6", "Qualify"],
        ],
      ]
    );
    // Steps: Qualify 2 (O1 → Propose, O5 → Lost); Propose 5 (O2, O1 → Negotiate; O3 stays
    // twice; O7 → Lost); Negotiate 2 (O4 → Won, O2 → Propose). Arrivals O5, O6 in Qualify
    // over 2 intervals: λ = (1, 0, 0). x·(I − Q) = λ: x_Q = 1; x_P = ½x_Q + ⅖x_P + ½x_N,
    // x_N = ⅖x_P, so ⅖x_P = ½ and x = (1, 1.25, 0.5), 2.75 in all.
    expect(steady(r)).toEqual(
      [1 / 2.75, 1.25 / 2.75, 0.5 / 2.75].map((x) => expect.closeTo(x, 12))
    );
    // Open today: O6 Qualify; O2, O3 Propose; O1 Negotiate.
    expect(today(r)).toEqual([0.25, 0.5, 0.25]);
    // Negotiate is 0.25 − 0.1818 = 6.8 points over (Propose 4.5, under the 5-point bar).
    // Entered: O2 (first interval), O1 (last): 1 a week usually, 1 lately. Left: O4 (first),
    // O2 (last): every deal there each interval, as usual. Neither changed: piled up earlier.
    expect(r.diagnosis).toEqual({
      stage: "Negotiate",
      today: 0.25,
      steady: expect.closeTo(0.5 / 2.75, 12),
      cause: "earlier",
      recent: 1,
      usual: 1,
    });
  });

  it("blames inflow when more deals came into the bulging stage lately than usual", () => {
    const r = shape(
      ["A", "B"],
      [D0, D7, D14],
      [
        [
          ["p1", "A"],
          ["p2", "A"],
        ],
        [
          ["p1", "B"],
          ["p2", "Lost"],
          ["n1", "A"],
        ],
        [
          ["p1", "Won"],
          ["n1", "B"],
          ["n2", "B"],
          ["n3", "B"],
          ["n4", "B"],
        ],
      ]
    );
    // Steps: A 3 (p1, n1 → B; p2 → Lost), B 1 (p1 → Won). Arrivals n1 in A, n2–n4 in B over
    // 2 intervals: λ = (½, 3/2). x_A = ½; x_B − ⅔x_A = 3/2, x_B = 11/6; 7/3 in all: shares
    // 3/14 and 11/14.
    expect(steady(r)).toEqual([3 / 14, 11 / 14].map((x) => expect.closeTo(x, 12)));
    expect(today(r)).toEqual([0, 1]);
    // B entered 5 times (p1, n1 by a step, n2–n4 arriving): 2.5 an interval usually, 4 in
    // the last (n1, n2–n4). Its exit rate, 1 of 1 both over the log and lately, is as usual.
    expect(r.diagnosis).toEqual({
      stage: "B",
      today: 1,
      steady: expect.closeTo(11 / 14, 12),
      cause: "inflow",
      recent: 4,
      usual: 2.5,
    });
  });

  it("blames conversion when deals left the bulging stage slower lately than usual", () => {
    const r = shape(
      ["A", "B"],
      [D0, D7, D14],
      [
        [
          ["b1", "B"],
          ["b2", "B"],
          ["a1", "A"],
        ],
        [
          ["b1", "Won"],
          ["b2", "B"],
          ["a1", "B"],
          ["n1", "A"],
        ],
        [
          ["b2", "B"],
          ["a1", "B"],
          ["n1", "B"],
        ],
      ]
    );
    // Steps: A 2 (a1, n1 → B); B 4 (b1 → Won; b2 stays twice; a1 stays). λ = (½, 0).
    // x_A = ½; x_B·(1 − ¾) = x_A, x_B = 2: shares 0.2 and 0.8. Today all three open are in B.
    expect(steady(r)).toEqual([0.2, 0.8].map((x) => expect.closeTo(x, 12)));
    expect(today(r)).toEqual([0, 1]);
    // B's inflow is as usual (1 an interval, 1 lately), but 1 of its 4 steps left over the
    // log (¼) and none of the 2 in the last interval: conversion, 0% lately against 25%.
    expect(r.diagnosis).toMatchObject({ stage: "B", cause: "conversion", recent: 0, usual: 0.25 });
  });

  it("has no steady state without arrivals, or when a stage holds every deal that enters it", () => {
    // Nothing new after the first capture: λ = 0, no flow to be steady in.
    const still = shape(
      ["A", "B"],
      [D0, D7],
      [
        [
          ["a", "A"],
          ["b", "B"],
        ],
        [
          ["a", "B"],
          ["b", "B"],
        ],
      ]
    );
    expect(steady(still)).toEqual([undefined, undefined]);
    expect(still.diagnosis).toBeUndefined();
    // B is never left (its only step stays): I − Q has a zero row, and deals pile up forever.
    const trap = shape(
      ["A", "B"],
      [D0, D7, D14],
      [
        [["a1", "A"]],
        [
          ["a1", "B"],
          ["n1", "A"],
        ],
        [
          ["a1", "B"],
          ["n1", "B"],
        ],
      ]
    );
    expect(steady(trap)).toEqual([undefined, undefined]);
    expect(today(trap)).toEqual([0, 1]);
  });

  it("gives steady-state shares in [0, 1] that sum to 1, over random logs", () => {
    const STAGES = ["A", "B", "C"];
    const state = fc.constantFrom("A", "B", "C", "Won", "Lost", null);
    const logs = fc.record({
      captures: fc.integer({ min: 2, max: 5 }),
      deals: fc.array(fc.array(state, { minLength: 5, maxLength: 5 }), {
        minLength: 1,
        maxLength: 10,
      }),
    });
    fc.assert(
      fc.property(logs, ({ captures, deals }) => {
        const dates = Array.from({ length: captures }, (_, k) => D0 + 7 * k);
        const weeks = dates.map((_, k) =>
          deals.flatMap((path, d): HandDeal[] => (path[k] ? [[`d${d}`, path[k]!]] : []))
        );
        const r = shape(STAGES, dates, weeks);
        const shares = steady(r);
        if (shares.every((s) => s === undefined)) return;
        for (const s of shares) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        expect(shares.reduce((sum, s) => sum! + s!, 0)).toBeCloseTo(1, 12);
      }),
      { numRuns: 300 }
    );
  });
});
