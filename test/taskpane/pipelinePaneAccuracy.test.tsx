/**
 * The Pipeline pane's Accuracy step over the hand-made pipeline: a period that ended between
 * the captures, two reps' Commit calls for it, and what closed, with every figure worked by
 * hand.
 */
import { screen } from "@testing-library/react";
import { enUS } from "../../src/i18n/en-US";
import { PipelinePane } from "../../src/taskpane/pipeline/PipelinePane";
import { submitCall } from "../../src/workbook/pipelineTables";
import { CAPTURE_2, pipelineWorkbook, renderOver, step, tableCells } from "../support/pipelinePane";

describe("Pipeline pane: accuracy", () => {
  it("sets each call and each capture's forecast against what closed", async () => {
    const { store } = await pipelineWorkbook(3);
    // December 2026, over by the last capture (Jan 4): Bo calls 1000, Ann 300.
    let plan = await store.load();
    for (const [owner, amount] of [
      ["Bo", 1000],
      ["Ann", 300],
    ] as const)
      ({ plan } = await submitCall(store, plan, {
        period: "2026-12",
        owner,
        category: "Commit",
        amount,
        note: null,
        submittedAt: CAPTURE_2 + 0.5,
        submittedBy: owner,
      }));
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Accuracy");
    // What closed: O4 (Bo), won at 800 with a close date of Dec 24, gone from the table by
    // Jan 4 but still won. Pairs (called, closed): Bo (1000, 800), Ann (300, 0). WAPE
    // (200 + 300) / 800; bias (1300 − 800) / 800, signed: + when the calls ran high, as the
    // command line says it; accuracy 1 − WAPE.
    expect(await screen.findByRole("table", { name: enUS["pipeline.accuracy.byPeriod"] }));
    expect(tableCells(enUS["pipeline.accuracy.byPeriod"])).toEqual([
      ["Period", "Called", "Closed", "WAPE", "Bias", "Accuracy"],
      ["2026-12", "1,300", "800", "62.5%", "+62.5%", "37.5%"],
    ]);
    // Dec 21: nothing won yet, and no step observed, so no stage has odds: 0, and the cell
    // says why. Dec 28: O4 won (800) and no open deal left closing by Dec 31.
    expect(tableCells("What was forecast at each capture for 2026-12")).toEqual([
      ["Capture", "Forecast", "Closed"],
      [
        "2026-12-21",
        "0 (won so far only: win chances are learned from the moves between two captures)",
        "800",
      ],
      ["2026-12-28", "800", "800"],
    ]);
    // One period with an accuracy: drawn, but no line to read a trend from yet.
    expect(
      screen.getByRole("figure", { name: "Accuracy by period against the 90%–95% target" })
    ).toBeInTheDocument();
    expect(screen.getByText(enUS["pipeline.accuracy.trendTooFew"])).toBeInTheDocument();
    // Bo: |800 − 1000| / 800 = 25%; Ann closed nothing, so no ratio can be made.
    expect(tableCells(enUS["pipeline.accuracy.byOwner"])).toEqual([
      ["Owner", "Called", "Closed", "WAPE", "Bias", "Accuracy"],
      ["Ann", "300", "0", "—", "—", "—"],
      ["Bo", "1,000", "800", "25.0%", "+25.0%", "75.0%"],
    ]);
  });

  it("says the trend of accuracy over the periods against the 90–95% target", async () => {
    const { store } = await pipelineWorkbook(3);
    // 2026 Q4 (Oct 1 – Dec 31) and December, both over by Jan 4. Bo calls 700 for the
    // quarter; for December Bo 1000 and Ann 300, as above.
    let plan = await store.load();
    for (const [period, owner, amount] of [
      ["2026 Q4", "Bo", 700],
      ["2026-12", "Bo", 1000],
      ["2026-12", "Ann", 300],
    ] as const)
      ({ plan } = await submitCall(store, plan, {
        period,
        owner,
        category: "Commit",
        amount,
        note: null,
        submittedAt: CAPTURE_2 + 0.5,
        submittedBy: owner,
      }));
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Accuracy");
    // Closed in both: O4, won at 800 on Dec 24. Q4: 1 − |800 − 700| / 800 = 87.5%; December
    // 37.5% (above). Earliest first (Q4 starts Oct 1); the least-squares line through two
    // points is the line between them: 37.5 − 87.5 = 50 points down a period.
    expect(tableCells(enUS["pipeline.accuracy.byPeriod"])).toEqual([
      ["Period", "Called", "Closed", "WAPE", "Bias", "Accuracy"],
      ["2026 Q4", "700", "800", "12.5%", "-12.5%", "87.5%"],
      ["2026-12", "1,300", "800", "62.5%", "+62.5%", "37.5%"],
    ]);
    expect(
      screen.getByText(
        "Accuracy is worsening: down 50.0 points a period on the least-squares line through 2 periods, 37.5% in the latest, against the 90%–95% target."
      )
    ).toBeInTheDocument();
  });
});
