/**
 * The Pipeline pane over a small hand-made pipeline (test/support/pipelinePane.tsx): a
 * capture says what changed and lands in the log, the bridge's rows between two weeks, the
 * stage moves, and a stalled deal. Every expected figure is worked by hand from the weeks.
 */
import { screen, waitFor } from "@testing-library/react";
import { enUS } from "../../src/i18n/en-US";
import { PipelinePane } from "../../src/taskpane/pipeline/PipelinePane";
import { pipelineLogOf, readPipelineSettings } from "../../src/workbook/pipelineTables";
import { PlanStore } from "../../src/workbook/store";
import {
  CAPTURE_3,
  SOURCE,
  click,
  pipelineWorkbook,
  renderOver,
  step,
  tableCells,
  type,
} from "../support/pipelinePane";

describe("Pipeline pane", () => {
  it("captures the third week and says what changed since the last capture, by field", async () => {
    const { driver, store } = await pipelineWorkbook(2, 2);
    renderOver(<PipelinePane />, store);
    // The stored table and columns, the stages in the order the log shows them.
    await waitFor(() =>
      expect(screen.getByLabelText(enUS["pipeline.capture.table"])).toHaveValue("Opportunities")
    );
    expect(screen.getByLabelText(/^Stage/, { selector: "select" })).toHaveValue("Stage");
    await waitFor(() =>
      expect(screen.getByLabelText(enUS["pipeline.stages.order"])).toHaveValue(
        "Qualify; Propose; Negotiate"
      )
    );
    expect(
      screen.getByText("Last capture: 2026-12-28 (2 capture(s) in the log)")
    ).toBeInTheDocument();

    // What the last capture changed, read back from the log: O5 new; O1, O4 and O7 changed
    // stage, O2 stage and amount, O3 its close date.
    expect(
      screen.getByText("Captured as of 2026-12-28: 1 new, 5 changed, 0 removed, 0 unchanged.")
    ).toBeInTheDocument();
    expect(tableCells(enUS["pipeline.capture.byField"])).toEqual([
      ["Field", "Deals changed"],
      ["Stage", "4"],
      ["Amount", "1"],
      ["Close date", "1"],
    ]);

    type(enUS["pipeline.capture.asOf"], "2027-01-04");
    await click(enUS["pipeline.capture.run"]);
    // By hand: O6 is new; O1, O2, O5 changed stage and O3 its close date; O4 left the table;
    // O7 stayed lost.
    expect(
      await screen.findByText(
        "Captured as of 2027-01-04: 1 new, 4 changed, 1 removed, 1 unchanged."
      )
    ).toBeInTheDocument();
    expect(tableCells(enUS["pipeline.capture.byField"])).toEqual([
      ["Field", "Deals changed"],
      ["Stage", "3"],
      ["Close date", "1"],
    ]);

    // The log, read back by another reader: six rows dated Jan 4, each its own change.
    const plan = await new PlanStore(driver).load();
    const rows = pipelineLogOf(plan).entries.filter((e) => e.asOf === CAPTURE_3);
    expect(rows.map((e) => [e.id, e.change, e.changedFields])).toEqual([
      ["O1", "Changed", "Stage"],
      ["O2", "Changed", "Stage"],
      ["O3", "Changed", "CloseDate"],
      ["O5", "Changed", "Stage"],
      ["O6", "New", ""],
      ["O4", "Removed", ""],
    ]);
  });

  it("makes a workbook's first capture from the table it finds, its columns guessed", async () => {
    const { driver, store } = await pipelineWorkbook(0);
    renderOver(<PipelinePane />, store);
    expect(await screen.findByText("The first capture of this workbook")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText(/^Lead source/, { selector: "select" })).toHaveValue(
        "LeadSource"
      )
    );
    // No stage to name before there is a log to read with them.
    expect(screen.getByLabelText(enUS["pipeline.stages.order"])).not.toHaveAccessibleDescription(
      enUS["pipeline.stages.empty"]
    );
    type(enUS["pipeline.capture.asOf"], "2026-12-21");
    await click(enUS["pipeline.capture.run"]);
    expect(
      await screen.findByText(
        "Captured as of 2026-12-21: 5 new, 0 changed, 0 removed, 0 unchanged."
      )
    ).toBeInTheDocument();
    // The stages as the log first shows them (O1 Qualify, O2 Propose, O4 Negotiate).
    await waitFor(() =>
      expect(screen.getByLabelText(enUS["pipeline.stages.order"])).toHaveValue(
        "Qualify; Propose; Negotiate"
      )
    );
    const plan = await new PlanStore(driver).load();
    expect(readPipelineSettings(plan).source).toEqual(SOURCE);
  });

  it("shows the bridge's rows from the first week to the second and the deals behind a bar", async () => {
    const { store } = await pipelineWorkbook(2);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2026-12-28/);
    await step("Movement");
    // By hand: Start O1 1000 + O2 2500 + O3 400 + O4 800 + O7 500; O5 new at 600; O2 up
    // 500; O4 won at 800; O7 lost at 500; End O1 + O2 3000 + O3 + O5.
    expect(tableCells(enUS["pipeline.movement.bridgeTable"])).toEqual([
      ["Bar", "Deals", "Amount"],
      ["Start", "5", "5,200"],
      ["New", "1", "600"],
      ["Pulled in", "0", "0"],
      ["Increased", "1", "500"],
      ["Decreased", "0", "0"],
      ["Pushed out", "0", "0"],
      ["Won", "1", "800"],
      ["Lost", "1", "500"],
      ["Removed", "0", "0"],
      ["End", "4", "5,000"],
    ]);
    expect(
      screen.getByRole("figure", { name: enUS["pipeline.movement.chart"] })
    ).toBeInTheDocument();
    expect(tableCells("Deals behind New")).toEqual([
      ["Opportunity ID", "Name", "Owner", "Amount"],
      ["O5", "Hooli", "Ann", "600"],
    ]);
    type(enUS["pipeline.movement.behind"], "Start");
    expect(tableCells("Deals behind Start").map((r) => r[0])).toEqual([
      "Opportunity ID",
      "O2",
      "O1",
      "O4",
      "O7",
      "O3",
    ]);
    // O1 Qualify → Propose and O2 Propose → Negotiate advanced; O3 stayed in Propose.
    expect(
      screen.getByText("2 advanced, 0 regressed, 1 stayed in their stage.")
    ).toBeInTheDocument();
  });

  it("calls a deal stalled past its stage's 75th percentile, with its pushes", async () => {
    const { store } = await pipelineWorkbook(3);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Movement");
    // Stays in Propose that ended: O2 and O7 (Dec 21–28) and O1 (Dec 28–Jan 4), 7 days each;
    // still going: O3 (14 days) and O2 again (0). Kaplan–Meier at 7 days: 3 closings of 4
    // at risk, so 75% have left by day 7. O3, 14 days there and pushed twice, is stalled;
    // nothing else has stayed past its stage's 7 days. O3 was in Propose at the first
    // capture (Dec 21), so its 14 days are only a floor: "at least".
    expect(tableCells(enUS["pipeline.stalled.heading"])).toEqual([
      [
        "Opportunity ID",
        "Owner",
        "Stage",
        "Days in stage",
        "75th percentile (days)",
        "Close date pushed",
      ],
      ["O3", "Ann", "Propose", "at least 14", "7", "2"],
    ]);
    // O1 Propose → Negotiate advanced, O2 Negotiate → Propose regressed, O3 stayed.
    expect(
      screen.getByText("1 advanced, 1 regressed, 1 stayed in their stage.")
    ).toBeInTheDocument();
  });

  it("sets today's stage mix against the steady state and says which stage bulges", async () => {
    const { store } = await pipelineWorkbook(3);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Funnel shape");
    // Steps by hand: Qualify left twice (once to Propose); Propose 5 times (2 to Negotiate,
    // 2 stayed, 1 lost); Negotiate twice (1 back to Propose, 1 won). New deals: O5 and O6 in
    // Qualify over 2 intervals, λ = (1, 0, 0). x·(I − Q) = λ gives x = (1, 1.25, 0.5):
    // shares 1/2.75, 1.25/2.75, 0.5/2.75. Open today: O6 Qualify, O2 and O3 Propose, O1
    // Negotiate.
    expect(tableCells(enUS["pipeline.shape.table"])).toEqual([
      ["Stage", "Today", "Steady state"],
      ["Qualify", "25.0%", "36.4%"],
      ["Propose", "50.0%", "45.5%"],
      ["Negotiate", "25.0%", "18.2%"],
    ]);
    // Negotiate is 6.8 points over (Propose 4.5, under the 5-point bar). One deal entered
    // it in the last interval as in the first, and each interval the one deal there left.
    expect(
      screen.getByText(
        "Negotiate bulges: 25.0% of open deals against 18.2% in the steady state. Deals entered and left it as usual in the last interval (1 came in, 1.0 on average): they piled up there before."
      )
    ).toBeInTheDocument();
  });
});
