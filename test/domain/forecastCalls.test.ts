import fc from "fast-check";
import {
  FORECAST_CALLS_TABLE,
  callsOfPeriod,
  checkCalls,
  latestCalls,
  nextCallId,
  submission,
  type ForecastCall,
} from "../../src/domain/forecastCalls";

const monday = 46_006; // an Excel serial; the fraction is the time of day
const call = (
  callId: string,
  owner: string,
  category: ForecastCall["category"],
  amount: number,
  submittedAt: number,
  extra: Partial<ForecastCall> = {}
): ForecastCall => ({
  callId,
  period: "FY2027 Q1",
  owner,
  category,
  kind: "Call",
  adjusts: null,
  amount,
  note: null,
  submittedAt,
  submittedBy: owner,
  ...extra,
});
const adjustment = (callId: string, of: ForecastCall, amount: number, submittedAt: number) =>
  call(callId, of.owner, of.category, amount, submittedAt, {
    period: of.period,
    kind: "Adjustment",
    adjusts: of.callId,
    submittedBy: "Mia (manager)",
  });

describe("forecast calls: every submission kept", () => {
  const annCommit1 = call("FC-0001", "Ann", "Commit", 100_000, monday + 0.4);
  const annBest = call("FC-0002", "Ann", "Best Case", 150_000, monday + 0.41);
  const boCommit = call("FC-0003", "Bo", "Commit", 80_000, monday + 0.5);
  const miaOnAnn = adjustment("FC-0004", annCommit1, 90_000, monday + 1.3);
  const annCommit2 = call("FC-0005", "Ann", "Commit", 120_000, monday + 7.4);
  const miaOnBo = adjustment("FC-0006", boCommit, 70_000, monday + 1.2);
  const miaOnBoAgain = adjustment("FC-0007", boCommit, 75_000, monday + 1.5);
  const otherPeriod = call("FC-0008", "Ann", "Commit", 1, monday + 9, { period: "FY2027 Q2" });
  const calls = [
    annCommit1,
    annBest,
    boCommit,
    miaOnAnn,
    annCommit2,
    miaOnBo,
    miaOnBoAgain,
    otherPeriod,
  ];

  it("takes the latest call of each owner and category, with its own adjustments beside it", () => {
    const latest = latestCalls(calls, "fy2027 q1");
    expect(
      latest.map((l) => [
        l.owner,
        l.category,
        l.call.callId,
        l.adjustments.map((a) => a.callId),
        l.amount,
        l.earlier,
      ])
    ).toEqual([
      // Ann called again after Mia adjusted her first call: the new call stands unadjusted.
      ["Ann", "Commit", "FC-0005", [], 120_000, 1],
      ["Ann", "Best Case", "FC-0002", [], 150_000, 0],
      // Mia's latest adjustment of Bo's call is the figure that stands; Bo's call is kept.
      ["Bo", "Commit", "FC-0003", ["FC-0006", "FC-0007"], 75_000, 0],
    ]);
    expect(latest[2].call.amount).toBe(80_000);
  });

  it("lists every call of a period in submission order, each with its adjustments", () => {
    const history = callsOfPeriod(calls, "FY2027 Q1");
    expect(
      history.map((h) => [h.call.callId, h.adjustments.map((a) => a.callId), h.amount])
    ).toEqual([
      ["FC-0001", ["FC-0004"], 90_000],
      ["FC-0002", [], 150_000],
      ["FC-0003", ["FC-0006", "FC-0007"], 75_000],
      ["FC-0005", [], 120_000],
    ]);
  });

  it("takes the later row when two calls carry the same time", () => {
    const twin = call("FC-0009", "Bo", "Commit", 81_000, boCommit.submittedAt);
    expect(latestCalls([boCommit, twin], "FY2027 Q1")[0].call.callId).toBe("FC-0009");
  });

  it("appends a manager's adjustment as its own row, with the call's period, owner and category", () => {
    const result = submission(calls, {
      adjusts: "FC-0005",
      amount: 110_000,
      note: "one deal slips",
      submittedAt: monday + 8,
      submittedBy: "Mia (manager)",
    });
    expect(result).toEqual({
      ok: true,
      call: {
        callId: "FC-0009",
        period: "FY2027 Q1",
        owner: "Ann",
        category: "Commit",
        kind: "Adjustment",
        adjusts: "FC-0005",
        amount: 110_000,
        note: "one deal slips",
        submittedAt: monday + 8,
        submittedBy: "Mia (manager)",
      },
    });
    if (!result.ok) return;
    const after = [...calls, result.call];
    expect(after.slice(0, calls.length)).toEqual(calls); // nothing overwritten
    expect(latestCalls(after, "FY2027 Q1")[0]).toMatchObject({ amount: 110_000, call: annCommit2 });
  });

  it("refuses an adjustment of a call that is not there, or of an adjustment", () => {
    const draft = { amount: 1, note: null, submittedAt: monday, submittedBy: "Mia" };
    expect(submission(calls, { ...draft, adjusts: "FC-0404" })).toMatchObject({
      ok: false,
      problems: [
        {
          code: "adjustsMissing",
          field: "adjusts",
          message: 'it adjusts call "FC-0404", which is not in the table',
        },
      ],
    });
    expect(submission(calls, { ...draft, adjusts: "FC-0004" })).toMatchObject({
      ok: false,
      problems: [{ code: "adjustsAdjustment", values: { adjusts: "FC-0004", call: "FC-0001" } }],
    });
  });

  it("refuses a call with a negative amount or a blank owner, saying each", () => {
    const result = submission(calls, {
      period: "FY2027 Q1",
      owner: " ",
      category: "Commit",
      amount: -5,
      note: null,
      submittedAt: monday,
      submittedBy: "Bo",
    });
    expect(result.ok || result.problems.map((p) => [p.code, p.field])).toEqual([
      ["ownerBlank", "owner"],
      ["amountInvalid", "amount"],
    ]);
  });

  it("finds every problem of a hand-edited calls table, each with its row", () => {
    const edited = [
      annCommit1,
      { ...annBest, callId: "FC-0001" },
      { ...boCommit, adjusts: "FC-0001" },
      { ...miaOnAnn, owner: "Bo" },
      { ...annCommit2, category: "Upside" as ForecastCall["category"] },
      { ...miaOnBo, adjusts: null },
    ];
    expect(checkCalls(edited).map((p) => [p.row, p.code])).toEqual([
      [2, "callIdTwice"],
      [3, "callAdjusts"],
      [4, "adjustmentElsewhere"],
      [5, "categoryUnknown"],
      [6, "adjustsNothing"],
    ]);
    expect(checkCalls(edited)[0].message).toBe('call id "FC-0001" is also in row 1');
    expect(checkCalls(calls)).toEqual([]);
  });

  it("gives ids no call has, past hand-typed ones", () => {
    expect(nextCallId([])).toBe("FC-0001");
    expect(
      nextCallId([
        call("FC-0041", "Ann", "Commit", 1, monday),
        call("mine", "Ann", "Commit", 1, monday),
      ])
    ).toBe("FC-0042");
  });

  it("never loses a submission: every call and adjustment stays beside its call", () => {
    const step = fc.record({
      owner: fc.constantFrom("Ann", "Bo"),
      category: fc.constantFrom("Commit", "Best Case", "Pipeline" as const),
      amount: fc.integer({ min: 0, max: 1000 }),
      adjust: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let table: ForecastCall[] = [];
        steps.forEach((s, i) => {
          const callsSoFar = table.filter((c) => c.kind === "Call");
          const at = monday + i / 100;
          const result =
            s.adjust !== undefined && callsSoFar.length > 0
              ? submission(table, {
                  adjusts: callsSoFar[s.adjust % callsSoFar.length].callId,
                  amount: s.amount,
                  note: null,
                  submittedAt: at,
                  submittedBy: "Mia",
                })
              : submission(table, {
                  period: "P",
                  owner: s.owner,
                  category: s.category,
                  amount: s.amount,
                  note: null,
                  submittedAt: at,
                  submittedBy: s.owner,
                });
          if (!result.ok) throw new Error(result.problems[0].message);
          table = [...table, result.call];
        });
        expect(checkCalls(table)).toEqual([]);
        const shown = callsOfPeriod(table, "P");
        expect(shown.length + shown.reduce((n, c) => n + c.adjustments.length, 0)).toBe(
          table.length
        );
      })
    );
  });
});

it("declares the calls table's columns for the workbook layer", () => {
  expect(FORECAST_CALLS_TABLE.columns.map((c) => c.header)).toEqual([
    "CallId",
    "Period",
    "Owner",
    "Category",
    "Kind",
    "Adjusts",
    "Amount",
    "Note",
    "SubmittedAt",
    "SubmittedBy",
  ]);
});
