import { columnOf } from "../../src/domain/column";
import { pipelineForecast, StageHistory } from "../../src/domain/pipelineForecast";
import { Snapshot } from "../../src/domain/pipelineMoves";
import { planError } from "../support/thrown";

const snapshot: Snapshot = {
  field: "snapshot",
  ids: columnOf(["o1", "o2", "o3", "o4", "o5"]),
  stages: columnOf(["Lead", "Proposal", "Proposal", "Won", "Lead"]),
  amounts: Float64Array.of(1000, 2000, 4000, 500, 3000),
  closeDates: Float64Array.of(45990, 45999, 46010, 45900, 45980),
};
const categories = columnOf(["Commit", "Commit", "Pipeline", "Commit", " best case"]);
const stages = ["Lead", "Proposal"];
const odds = Float64Array.of(0.2, 0.5);
const END = 46000;

function history(rows: [string, string, number, number | null][]): StageHistory {
  return {
    ids: columnOf(rows.map((r) => r[0])),
    stages: columnOf(rows.map((r) => r[1])),
    entered: Float64Array.from(rows, (r) => r[2]),
    left: Float64Array.from(rows, (r) => r[3] ?? NaN),
  };
}

describe("the period's forecast, worked by hand", () => {
  it("weights each open deal closing by the period's end by its stage's win probability", () => {
    // In scope: o1 Lead 1000, o2 Proposal 2000, o5 Lead 3000 (o3 closes after the period, o4 is won).
    // Commit: 1000 × 0.2 + 2000 × 0.5 = 1200; best case: 3000 × 0.2 = 600; Total 1800.
    expect(pipelineForecast(snapshot, END, stages, odds, { categories })).toEqual([
      { category: "best case", deals: 1, amount: 3000, expected: 600 },
      { category: "Commit", deals: 2, amount: 3000, expected: 1200 },
      { category: "Total", deals: 3, amount: 6000, expected: 1800 },
    ]);
    expect(pipelineForecast(snapshot, END, stages, odds)).toEqual([
      { category: "Total", deals: 3, amount: 6000, expected: 1800 },
    ]);
  });

  it("discounts each deal by the chance it leaves its stage in time (Kaplan–Meier, open stays censored)", () => {
    // as_of 45970, period end 46000: 30 days left.
    // Proposal stays: 10, 20, 40, 60 days completed; o2 there 20 days so far (censored at 20,
    //   still at risk at 20). S(10) = 4/5 = 0.8; S(20) = 0.8 × 3/4 = 0.6; S(40) = 0.6 × 1/2 = 0.3.
    //   o2: P(leave by 20 + 30 | still there at 20) = (S(20) − S(50)) / S(20) = (0.6 − 0.3) / 0.6 = 0.5.
    // Lead stays: 5, 15 completed; o1 at 10, o5 at 5 so far. S(5) = 3/4; then o5 and o1 leave
    //   the risk set, S(15) = 0: both leave in time for certain.
    // Commit: 1000 × 0.2 × 1 + 2000 × 0.5 × 0.5 = 700; best case 600; Total 1300.
    const stays = history([
      ["h1", "Proposal", 45900, 45910],
      ["h2", "Proposal", 45900, 45920],
      ["h3", "Proposal", 45900, 45940],
      ["h4", "Proposal", 45900, 45960],
      ["o2", "Proposal", 45950, null],
      ["h5", "Lead", 45900, 45905],
      ["h6", "Lead", 45900, 45915],
      ["o1", "lead", 45960, null],
      ["o5", "Lead", 45965, null],
      ["", "", NaN, null],
    ]);
    const rows = pipelineForecast(snapshot, END, stages, odds, {
      categories,
      history: stays,
      asOf: 45970,
    });
    expect(rows.map((r) => [r.category, r.expected])).toEqual([
      ["best case", 600],
      ["Commit", 700],
      ["Total", 1300],
    ]);
  });

  it("counts nothing once the period has ended before the data were taken", () => {
    const stays = history([
      ["o1", "Lead", 45960, null],
      ["o2", "Proposal", 45950, null],
      ["o5", "Lead", 45965, null],
      ["h1", "Lead", 45900, 45905],
      ["h2", "Proposal", 45900, 45910],
    ]);
    // Default as_of: the latest date in the history, 45965; the period ended on 45950.
    // Closing by 45995: o1 (45990) and o5 (45980); o2 closes on 45999.
    const [total] = pipelineForecast(snapshot, 45995, stages, odds, { history: stays });
    expect(total.deals).toBe(2);
    const ended = { ...snapshot, closeDates: Float64Array.of(45940, 45940, 46010, 45900, 45940) };
    expect(pipelineForecast(ended, 45950, stages, odds, { history: stays })[0].expected).toBe(0);
  });
});

describe("bad input", () => {
  it("needs every deal in scope to have an open stay in its stage", () => {
    const stays = history([["o1", "Lead", 45960, null]]);
    const error = planError(() =>
      pipelineForecast(snapshot, END, stages, odds, { history: stays, asOf: 45970 })
    );
    expect([error.kind, error.message]).toEqual([
      "na",
      'stage_history has no open stay of "o2" in "Proposal" (snapshot row 2)',
    ]);
  });

  it("refuses a deal open in two stays, a stay that ends before it starts, and one after as_of", () => {
    const twice = history([
      ["o1", "Lead", 45960, null],
      ["o1", "Proposal", 45961, null],
    ]);
    expect(
      planError(() => pipelineForecast(snapshot, END, stages, odds, { history: twice })).where
    ).toEqual({
      field: "stage_history",
      row: 2,
    });
    const backwards = history([["o1", "Lead", 45960, 45950]]);
    expect(
      planError(() => pipelineForecast(snapshot, END, stages, odds, { history: backwards })).said
        .code
    ).toBe("stayEndsBeforeStart");
    const late = history([["o1", "Lead", 45960, null]]);
    expect(
      planError(() => pipelineForecast(snapshot, END, stages, odds, { history: late, asOf: 45900 }))
        .said.code
    ).toBe("stayAfterAsOf");
  });

  it("refuses probabilities outside [0, 1], a count that differs from the stages, and unknown stages", () => {
    expect(
      planError(() => pipelineForecast(snapshot, END, stages, Float64Array.of(0.2, 1.5))).kind
    ).toBe("num");
    expect(
      planError(() => pipelineForecast(snapshot, END, stages, Float64Array.of(0.2))).kind
    ).toBe("value");
    const error = planError(() => pipelineForecast(snapshot, END, ["Lead"], Float64Array.of(0.2)));
    expect([error.kind, error.where]).toEqual(["na", { field: "snapshot (stage)", row: 2 }]);
  });
});
