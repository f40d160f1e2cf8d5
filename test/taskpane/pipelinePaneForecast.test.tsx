/**
 * The Pipeline pane's view, its forecast and calls, and its fields: the third tab of the
 * shell (and the ribbon's third button), the weighted forecast and the odds learned from
 * the hand-made log, a call and a manager's adjustment each stored as its own row, and bad
 * input said at its field, in either language, with nothing written.
 */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { axe } from "jest-axe";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { AppShell } from "../../src/taskpane/components/AppShell";
import type { HostInfo } from "../../src/taskpane/host";
import { requestView } from "../../src/taskpane/navigation";
import { PipelinePane } from "../../src/taskpane/pipeline/PipelinePane";
import { forecastCallsOf } from "../../src/workbook/pipelineTables";
import { PlanStore } from "../../src/workbook/store";
import {
  click,
  pipelineWorkbook,
  renderOver,
  step,
  tableCells,
  type,
} from "../support/pipelinePane";

const outside: HostInfo = { kind: "outside", displayLanguage: "en-US", dark: false };

describe("Pipeline pane: view, forecast, calls and fields", () => {
  it("is the shell's third view, from its tab and from the ribbon", async () => {
    const { store } = await pipelineWorkbook(2);
    const views = {
      v2mom: <p>v2mom</p>,
      territories: <p>territories</p>,
      pipeline: <PipelinePane />,
    };
    renderOver(<AppShell host={outside} views={views} hostBar={<span />} />, store);
    act(() => requestView("v2mom"));
    fireEvent.click(screen.getByRole("tab", { name: enUS["app.view.pipeline"] }));
    expect(screen.getByRole("region", { name: enUS["app.view.pipeline"] })).toBeInTheDocument();
    expect(screen.getByText(enUS["pipeline.intro"])).toBeInTheDocument();
    await screen.findByText(/Last capture: 2026-12-28/);
    for (const name of [
      "1. Capture",
      "2. Movement",
      "3. Forecast",
      "4. Accuracy",
      "5. Funnel shape",
    ])
      expect(screen.getByRole("tab", { name })).toBeInTheDocument();
    act(() => requestView("territories"));
    expect(screen.getByText("territories")).toBeInTheDocument();
    act(() => requestView("pipeline"));
    expect(
      screen.getByRole("tab", { name: enUS["app.view.pipeline"], selected: true })
    ).toBeInTheDocument();
  });

  it.each(["capture", "movement", "forecast", "accuracy", "shape"] as const)(
    "has no axe violations on its %s step",
    async (name) => {
      const { store } = await pipelineWorkbook(3);
      const { container } = renderOver(<PipelinePane />, store);
      await screen.findByText(/Last capture: 2027-01-04/);
      await step(enUS[`pipeline.step.${name}`]);
      const results = await act(() => axe(container));
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
        )
      ).toEqual([]);
    }
  );

  it("forecasts 2027 Q1 from the odds and stays the log holds", async () => {
    const { store } = await pipelineWorkbook(2);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2026-12-28/);
    await step("Forecast");
    type(enUS["pipeline.forecast.period"], "2027 Q1");
    // Steps Dec 21 → 28: Qualify → Propose once; Propose → Negotiate, Propose, Lost once
    // each; Negotiate → Won once. Negotiate wins surely; Propose p = 1/3 + p/3, so 1/2;
    // Qualify goes to Propose: 1/2.
    expect(tableCells(enUS["pipeline.forecast.odds"])).toEqual([
      ["Stage", "Win chance"],
      ["Qualify", "50.0%"],
      ["Propose", "50.0%"],
      ["Negotiate", "100.0%"],
    ]);
    // Closing by Mar 31: O1 (Propose, 1000), O2 (Negotiate, 3000), O5 (Qualify, 600); O3
    // closes in May. Each is 0 days into its stay; by Mar 31 (93 days on) a Propose stay has
    // ended with probability 2/3 (Kaplan–Meier: 2 of 3 at risk left at day 7, the third
    // still there at 7), a Negotiate or Qualify stay surely. So O1 1000 × ½ × ⅔, O2 3000,
    // O5 600 × ½.
    expect(tableCells(enUS["pipeline.forecast.weighted"])).toEqual([
      ["Forecast category", "Deals", "Amount", "Expected"],
      ["Best Case", "1", "3,000", "3,000"],
      ["Pipeline", "2", "1,600", "633"],
      ["Total", "3", "4,600", "3,633"],
    ]);
  });

  it("forecasts from an earlier capture as the log stood then, as the command line does", async () => {
    const { store } = await pipelineWorkbook(3);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Forecast");
    type(enUS["pipeline.forecast.period"], "2027 Q1");
    // From the Dec 28 capture (serial 46384) the Jan 4 rows are not read: the odds and the
    // figures are the two-week log's, worked by hand in the test above.
    type(enUS["pipeline.forecast.asOf"], "46384");
    expect(tableCells(enUS["pipeline.forecast.odds"])).toEqual([
      ["Stage", "Win chance"],
      ["Qualify", "50.0%"],
      ["Propose", "50.0%"],
      ["Negotiate", "100.0%"],
    ]);
    expect(tableCells(enUS["pipeline.forecast.weighted"])).toEqual([
      ["Forecast category", "Deals", "Amount", "Expected"],
      ["Best Case", "1", "3,000", "3,000"],
      ["Pipeline", "2", "1,600", "633"],
      ["Total", "3", "4,600", "3,633"],
    ]);
  });

  it("keeps a call and a manager's adjustment of it as two rows", async () => {
    const { driver, store } = await pipelineWorkbook(2);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2026-12-28/);
    await step("Forecast");
    type(enUS["pipeline.forecast.period"], "2027 Q1");
    type(/^Owner/, "Ann");
    type(enUS["pipeline.call.amount"], "1200");
    type(/^Submitted by/, "Ann");
    type(enUS["pipeline.call.note"], "Acme and Hooli");
    await click(enUS["pipeline.call.submit"]);
    expect(
      await screen.findByText(
        "Call FC-0001 is kept as its own row of Forecast Calls (1 submission(s) in all)."
      )
    ).toBeInTheDocument();

    type(enUS["pipeline.call.adjusts"], "FC-0001");
    type(enUS["pipeline.call.amount"], "900");
    type(/^Submitted by/, "Mia");
    await click(enUS["pipeline.call.submitAdjustment"]);
    expect(
      await screen.findByText(
        "Call FC-0002 is kept as its own row of Forecast Calls (2 submission(s) in all)."
      )
    ).toBeInTheDocument();
    expect(tableCells(enUS["pipeline.call.standing"])).toEqual([
      ["Owner", "Category", "Amount", "Submissions"],
      ["Ann", "Commit", "900 (called 1,200)", "2"],
    ]);

    const plan = await new PlanStore(driver).load();
    const calls = forecastCallsOf(plan).calls.map((c) => [
      c.callId,
      c.period,
      c.owner,
      c.category,
      c.kind,
      c.adjusts,
      c.amount,
      c.note,
      c.submittedBy,
    ]);
    expect(calls).toEqual([
      ["FC-0001", "2027 Q1", "Ann", "Commit", "Call", null, 1200, "Acme and Hooli", "Ann"],
      ["FC-0002", "2027 Q1", "Ann", "Commit", "Adjustment", "FC-0001", 900, null, "Mia"],
    ]);
  });

  it("says at the field why a call or a capture cannot be made, and writes nothing", async () => {
    const { driver, store } = await pipelineWorkbook(2);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2026-12-28/);

    type(enUS["pipeline.capture.asOf"], "2026-12-22");
    expect(screen.getByLabelText(enUS["pipeline.capture.asOf"])).toHaveAccessibleDescription(
      /the log already holds a capture of 2026-12-28; a capture of 2026-12-22 would rewrite the history after it/
    );
    expect(screen.getByRole("button", { name: enUS["pipeline.capture.run"] })).toBeDisabled();
    type(enUS["pipeline.stages.order"], "Qualify; Propose; qualify");
    expect(screen.getByLabelText(enUS["pipeline.stages.order"])).toHaveAccessibleDescription(
      /"qualify" is named twice/
    );

    await step("Forecast");
    type(enUS["pipeline.call.amount"], "lots");
    type(/^Submitted by/, "Ann");
    await click(enUS["pipeline.call.submit"]);
    expect(screen.getByLabelText(enUS["pipeline.call.amount"])).toHaveAccessibleDescription(
      enUS["pipeline.call.amountNotNumber"]
    );
    type(enUS["pipeline.call.amount"], "100");
    await click(enUS["pipeline.call.submit"]);
    expect(screen.getByLabelText(/^Owner/)).toHaveAccessibleDescription("the owner is blank");
    const plan = await new PlanStore(driver).load();
    expect(forecastCallsOf(plan).calls).toEqual([]);
  });

  it("will not capture a table with a cell it cannot read, and says which cell", async () => {
    const { driver, store } = await pipelineWorkbook(2);
    driver.setCell("Opportunities", "E3", "lots");
    renderOver(<PipelinePane />, store);
    // O2's amount, in row 3 of the sheet.
    expect(await screen.findByText(/E3.*"lots"/)).toBeInTheDocument();
    type(enUS["pipeline.capture.asOf"], "2027-01-04");
    expect(screen.getByRole("button", { name: enUS["pipeline.capture.run"] })).toBeDisabled();
  });

  it("says it in Simplified Chinese", async () => {
    const { store } = await pipelineWorkbook(2);
    renderOver(<PipelinePane />, store, "zh-CN");
    await screen.findByText(/上次采集：2026-12-28/);
    type(zhCN["pipeline.stages.order"], "Qualify; Qualify");
    await waitFor(() =>
      expect(screen.getByLabelText(zhCN["pipeline.stages.order"])).toHaveAccessibleDescription(
        /^“Qualify”被列出了两次/
      )
    );
    await step("预测");
    await click(zhCN["pipeline.call.submit"]);
    expect(screen.getByLabelText(zhCN["pipeline.call.amount"])).toHaveAccessibleDescription(
      zhCN["pipeline.call.amountRequired"]
    );
    expect(screen.getByLabelText(/^负责人/)).toHaveAccessibleDescription("负责人为空");
  });
});
