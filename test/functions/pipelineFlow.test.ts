/**
 * PLAN.PIPELINEMOVES, STAGEWIN, FORECASTERROR and PIPELINEFORECAST as Excel calls them: cells
 * in, a spilled table or an Excel error out, cross-checked against the native formulas a
 * planner would write (COUNTIFS/SUMIFS for the buckets, MMULT for the chain's equations),
 * evaluated by HyperFormula.
 */
import fc from "fast-check";
import * as plan from "../../src/functions/functions";
import { evaluate, rangeOf, Sheet } from "../support/hyperformula";
import { column, excelError } from "../support/thrown";

const host = globalThis as { Office?: unknown };

/** Equal to 1e-9 relative: both sides do the same arithmetic in a different order. */
const close = (actual: unknown, expected: unknown) => {
  expect(typeof expected).toBe("number");
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected as number));
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(tolerance);
};

describe("PLAN.PIPELINEMOVES", () => {
  // A: d1 Lead 100 closing 2026-03-20, d2 Proposal 50 closing 2026-03-31, d3 Lead 70 in April.
  // B: d1 grows to 130, d2 is Won, d3 is pulled in to March; d4 is new at 20.
  // End: 130 + 70 + 20 = 220 = 150 + 20 + 70 + 30 − 50.
  const a = [
    ["d1", "Lead", 100, "2026-03-20"],
    ["d2", "Proposal", 50, "2026-03-31"],
    ["d3", "Lead", 70, "2026-04-15"],
  ];
  const b = [
    [1001, "Lead", 20, "2026-03-01"],
    ["d1", "Proposal", 130, "2026-03-20"],
    ["d2", "won", 50, "2026-03-10"],
    ["d3", "Lead", 70, "2026-03-25"],
    ["", null, "", ""],
  ];

  it("spills ten rows of label, deals and amount, labels in English as SURVIVAL's header is", () => {
    expect(plan.pipelinemoves(a, b, "2026-03-31")).toEqual([
      ["Start", 2, 150],
      ["New", 1, 20],
      ["Pulled in", 1, 70],
      ["Increased", 1, 30],
      ["Decreased", 0, 0],
      ["Pushed out", 0, 0],
      ["Won", 1, 50],
      ["Lost", 0, 0],
      ["Removed", 0, 0],
      ["End", 3, 220],
    ]);
  });

  it("names the row of a duplicate id, the column of a bad cell, and refuses other widths", () => {
    const twice = [...b.slice(0, 4), ["d1", "Lead", 5, "2026-03-02"]];
    expect(excelError(() => plan.pipelinemoves(a, twice))).toEqual({
      code: "#VALUE!",
      message: 'snapshot_b lists opportunity "d1" twice (rows 2 and 5)',
    });
    const text = [a[0], ["d2", "Lead", "lots", "2026-03-02"]];
    expect(excelError(() => plan.pipelinemoves(text, b))).toEqual({
      code: "#VALUE!",
      message: 'snapshot_a (amount), row 2 holds text "lots" where a number is needed',
    });
    expect(excelError(() => plan.pipelinemoves(column("d1", "d2"), b))).toEqual({
      code: "#VALUE!",
      message: "snapshot_a must have 4 columns (opportunity id, stage, amount, close date), not 1",
    });
  });

  it("says a duplicate id in Chinese in a Chinese Excel", () => {
    host.Office = { context: { displayLanguage: "zh-CN" } };
    try {
      const twice = [a[0], a[0]];
      expect(excelError(() => plan.pipelinemoves(twice, b))).toEqual({
        code: "#VALUE!",
        message: "snapshot_a 中商机“d1”出现了两次（第 1 行和第 2 行）",
      });
    } finally {
      delete host.Office;
    }
  });

  it("agrees with COUNTIFS and SUMIFS over a bucket column written in native formulas", () => {
    const deal = fc.record({
      stage: fc.constantFrom("Lead", "Proposal", "Won", "Lost"),
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      close: fc.integer({ min: 46_000, max: 46_060 }),
    });
    const world = fc.array(fc.tuple(fc.option(deal), fc.option(deal)), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(world, fc.integer({ min: 46_000, max: 46_060 }), (pairs, end) => {
        type D = { stage: string; amount: number; close: number } | null;
        // One row per id: A id, B–D its stage, amount and close date in A, E–G in B (blank when absent),
        // H in scope in A, I in scope in B, J its bucket, K the bucket's amount.
        const sheet: Sheet = pairs.map(([x, y]: [D, D], i) => {
          const r = i + 1;
          const open = (s: string) => `AND(${s}${r}<>"",${s}${r}<>"Won",${s}${r}<>"Lost")`;
          return [
            `id${i}`,
            x?.stage ?? null,
            x?.amount ?? null,
            x?.close ?? null,
            y?.stage ?? null,
            y?.amount ?? null,
            y?.close ?? null,
            `=IF(AND(${open("B")},D${r}<=period!A1),1,0)`,
            `=IF(AND(${open("E")},G${r}<=period!A1),1,0)`,
            `=IF(H${r}=1,IF(E${r}="","Removed",IF(E${r}="Won","Won",IF(E${r}="Lost","Lost",` +
              `IF(I${r}=0,"Pushed out",IF(F${r}>C${r},"Increased",IF(F${r}<C${r},"Decreased","Unchanged")))))),` +
              `IF(I${r}=1,IF(${open("B")},"Pulled in","New"),""))`,
            `=IF(OR(J${r}="Won",J${r}="Lost",J${r}="Removed",J${r}="Pushed out"),C${r},` +
              `IF(OR(J${r}="New",J${r}="Pulled in"),F${r},ABS(F${r}-C${r})))`,
          ];
        });
        const n = sheet.length;
        const col = (c: number) => rangeOf("deals", c, n);
        const formulas: Record<string, string> = {
          "Start deals": `=COUNTIFS(${col(7)},1)`,
          "Start amount": `=SUMIFS(${col(2)},${col(7)},1)`,
          "End deals": `=COUNTIFS(${col(8)},1)`,
          "End amount": `=SUMIFS(${col(5)},${col(8)},1)`,
        };
        for (const bucket of [
          "New",
          "Pulled in",
          "Increased",
          "Decreased",
          "Pushed out",
          "Won",
          "Lost",
          "Removed",
        ]) {
          formulas[`${bucket} deals`] = `=COUNTIFS(${col(9)},"${bucket}")`;
          formulas[`${bucket} amount`] = `=SUMIFS(${col(10)},${col(9)},"${bucket}")`;
        }
        const native = evaluate({ deals: sheet, period: [[end]] }, formulas);
        const snapshotOf = (side: 0 | 1) => {
          const rows = pairs.flatMap((pair, i) => {
            const d = pair[side] as D;
            return d ? [[`id${i}`, d.stage, d.amount, d.close]] : [];
          });
          return rows.length ? rows : [["", "", "", ""]];
        };
        const ours = plan.pipelinemoves(snapshotOf(0), snapshotOf(1), end) as [
          string,
          number,
          number,
        ][];
        for (const [label, deals, amount] of ours) {
          expect([label, deals]).toEqual([label, native[`${label} deals`]]);
          expect([label, amount]).toEqual([label, native[`${label} amount`]]);
        }
      }),
      { numRuns: 20 }
    );
  });
});

describe("PLAN.STAGEWIN", () => {
  it("spills stage, win probability and expected steps; #N/A and #NUM! rows say why", () => {
    // Lead → Won once, → Lost once: 0.5 and 1 step. Demo ↔ Trial only: #NUM!. Contract: never left.
    const from = column("Lead", "Lead", "Demo", "Trial", "Contract");
    const to = column("Won", "Lost", "Trial", "Demo", "Contract");
    const rows = plan.stagewin(from, to, column("Lead", "Demo", "Trial", "Contract"));
    expect(rows[0]).toEqual(["Lead", 0.5, 1]);
    const codes = rows
      .slice(1)
      .map((r) => [
        r[0],
        (r[1] as CustomFunctions.Error).code,
        (r[2] as CustomFunctions.Error).code,
      ]);
    expect(codes).toEqual([
      ["Demo", "#NUM!", "#NUM!"],
      ["Trial", "#NUM!", "#NUM!"],
      ["Contract", "#N/A", "#N/A"],
    ]);
    expect((rows[1][1] as CustomFunctions.Error).message).toBe(
      'stage "Demo" never reaches won or lost in the data'
    );
  });

  it("satisfies (I − Q)·b = R and (I − Q)·t = 1 when MMULT checks it, with Q and R from COUNTIFS", () => {
    const names = ["Lead", "Qualified", "Proposal"];
    const step = fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names, "Won", "Lost"));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (extra) => {
        // Every stage closes at least once, so every row has odds.
        const steps = [...names.map((s, i) => [s, i % 2 ? "Lost" : "Won"]), ...extra];
        const ours = plan.stagewin(
          column(...steps.map((s) => s[0])),
          column(...steps.map((s) => s[1])),
          column(...names)
        ) as [string, number, number][];
        const n = steps.length;
        const from = rangeOf("steps", 0, n);
        const to = rangeOf("steps", 1, n);
        // Sheet m: rows 1–3 hold I − Q from counts, D the win probabilities, E the steps.
        const m: Sheet = names.map((si, i) => [
          ...names.map(
            (sj, j) =>
              `=${i === j ? 1 : 0}-COUNTIFS(${from},"${si}",${to},"${sj}")/COUNTIF(${from},"${si}")`
          ),
          ours[i][1],
          ours[i][2],
        ]);
        const formulas: Record<string, string> = {};
        names.forEach((si, i) => {
          formulas[`Nb${i}`] = `=INDEX(MMULT(m!A1:C3,m!D1:D3),${i + 1},1)`;
          formulas[`R${i}`] = `=COUNTIFS(${from},"${si}",${to},"Won")/COUNTIF(${from},"${si}")`;
          formulas[`Nt${i}`] = `=INDEX(MMULT(m!A1:C3,m!E1:E3),${i + 1},1)`;
        });
        const native = evaluate({ steps: steps.map(([a, b]) => [a, b]), m }, formulas);
        names.forEach((_, i) => {
          close(native[`Nb${i}`], native[`R${i}`]);
          close(native[`Nt${i}`], 1);
        });
      }),
      { numRuns: 25 }
    );
  });
});

describe("PLAN.FORECASTERROR", () => {
  it("agrees with SUM and AVERAGE over helper columns, and skips pairs with a blank", () => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }));
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 50 }), (pairs) => {
        const sheet: Sheet = pairs.map(([f, a], i) => [
          f,
          a,
          `=ABS(B${i + 1}-A${i + 1})`,
          `=C${i + 1}/B${i + 1}`,
        ]);
        const n = pairs.length;
        const [F, A, E, P] = [0, 1, 2, 3].map((c) => rangeOf("d", c, n));
        const native = evaluate(
          { d: sheet },
          {
            wape: `=SUM(${E})/SUM(${A})`,
            bias: `=(SUM(${F})-SUM(${A}))/SUM(${A})`,
            mape: `=AVERAGE(${P})`,
          }
        );
        const f = column(...pairs.map((p) => p[0]), 5, "");
        const a = column(...pairs.map((p) => p[1]), "", 7);
        close(plan.forecasterror(f, a), native.wape);
        close(plan.forecasterror(f, a, "accuracy"), 1 - (native.wape as number));
        close(plan.forecasterror(f, a, "BIAS"), native.bias);
        close(plan.forecasterror(f, a, "mape"), native.mape);
      }),
      { numRuns: 25 }
    );
  });

  it("is #DIV/0! without actuals and #VALUE! for an unknown metric", () => {
    expect(excelError(() => plan.forecasterror(column(1, 2), column("", "")))).toEqual({
      code: "#DIV/0!",
      message: "no actuals: every pair of forecast and actual has a blank",
    });
    expect(excelError(() => plan.forecasterror(column(1), column(2), "rmse")).code).toBe("#VALUE!");
  });
});

describe("PLAN.PIPELINEFORECAST", () => {
  const snapshot = [
    ["o1", "Lead", 1000, "2026-03-20"],
    ["o2", "Proposal", 2000, "2026-03-30"],
    ["o3", "Proposal", 4000, "2026-04-30"],
  ];

  it("spills a header, a row per category and a Total", () => {
    // o1: 1000 × 0.2 = 200 (Commit); o2: 2000 × 0.5 = 1000 (Best case); o3 closes after the period.
    expect(
      plan.pipelineforecast(
        snapshot,
        "2026-03-31",
        column("Lead", "Proposal"),
        column(0.2, 0.5),
        column("Commit", "Best case", "Pipeline")
      )
    ).toEqual([
      ["Category", "Deals", "Amount", "Expected"],
      ["Best case", 1, 2000, 1000],
      ["Commit", 1, 1000, 200],
      ["Total", 2, 3000, 1200],
    ]);
  });

  it("takes STAGEWIN's probabilities as they spill, and refuses a bad stage history", () => {
    const odds = plan.stagewin(
      column("Lead", "Proposal"),
      column("Proposal", "Won"),
      column("Lead", "Proposal")
    );
    const probabilities = odds.map((r) => [r[1]]);
    expect(
      plan
        .pipelineforecast(snapshot, "2026-03-31", column("Lead", "Proposal"), probabilities)
        .at(-1)
    ).toEqual(["Total", 2, 3000, 3000]);
    expect(
      excelError(() =>
        plan.pipelineforecast(
          snapshot,
          "2026-03-31",
          column("Lead", "Proposal"),
          probabilities,
          undefined,
          [["o1", "Lead", "2026-03-01"]]
        )
      ).message
    ).toBe("stage_history must have 4 columns (opportunity id, stage, entered, left), not 3");
  });
});
