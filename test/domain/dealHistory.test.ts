/**
 * Each deal's history in the pipeline log, over a log made week by week as a capture makes
 * it (test/support/handLog.ts): its steps between consecutive captures and its stays in the
 * open stages, worked by hand.
 */
import { observedSteps, stageStays } from "../../src/domain/dealHistory";
import { handLog } from "../support/handLog";

const D0 = 46000;
const D7 = 46007;
const D14 = 46014;
const D21 = 46021;

// a: A, A, B, gone. b: B, Won. c: new at D7 in A, still A at D21. d: A, then gone at D7,
// back in B at D14 (a new stay, not the old one).
const log = handLog(
  [D0, D7, D14, D21],
  [
    [
      ["a", "A"],
      ["b", "B"],
      ["d", "A"],
    ],
    [
      ["a", "A"],
      ["b", "Won"],
      ["c", "A"],
    ],
    [
      ["a", "B"],
      ["b", "Won"],
      ["c", "A"],
      ["d", "B"],
    ],
    [
      ["b", "Won"],
      ["c", "A"],
      ["d", "B"],
    ],
  ]
);

describe("a deal's history in the log", () => {
  it("has a stay per open stage it was in, still going (blank) when it is there now", () => {
    const stays = stageStays(log, { won: "Won", lost: "Lost" });
    const rows = Array.from({ length: stays.ids.length }, (_, i) => [
      stays.ids.get(i),
      stays.stages.get(i),
      stays.entered[i],
      stays.left[i],
    ]);
    // a: A D0–D14, B D14–D21 (gone); b: B D0–D7 (won); d: A D0–D7 (gone), B from D14 on;
    // c: A from D7 on. Won is no open stage: no stay.
    expect(rows).toEqual([
      ["a", "A", D0, D14],
      ["a", "B", D14, D21],
      ["b", "B", D0, D7],
      ["d", "A", D0, D7],
      ["d", "B", D14, NaN],
      ["c", "A", D7, NaN],
    ]);
  });

  it("has a step for each pair of consecutive captures that both show it", () => {
    const { from, to, starts } = observedSteps(log);
    const steps = from.map((f, k) => `${f}→${to[k]}@${starts[k] - D0}`);
    // a: A→A (D0), A→B (D7); not D14 → D21 (gone). b: B→Won, Won→Won, Won→Won. d: not
    // D0 → D7 (gone), not D7 → D14 (absent at D7), B→B (D14). c: A→A from D7 and D14.
    expect(steps).toEqual([
      "A→A@0",
      "A→B@7",
      "B→Won@0",
      "Won→Won@7",
      "Won→Won@14",
      "B→B@14",
      "A→A@7",
      "A→A@14",
    ]);
    expect(observedSteps(log, D14).from).toHaveLength(3);
  });
});
