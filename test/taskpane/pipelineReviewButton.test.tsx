/**
 * The Pipeline pane's "Write Pipeline Review sheet" (steps/ReviewButton.tsx) over the
 * hand-made three-capture plan of test/workbook/pipelineReviewFixture.ts: the period it starts
 * from, a period it cannot read or one that is over said at the field with nothing written,
 * and the sheet written in the pane's language with what became of an earlier one.
 */
import { screen, waitFor } from "@testing-library/react";
import { enUS } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { ReviewButton } from "../../src/taskpane/pipeline/steps/ReviewButton";
import { PlanStore } from "../../src/workbook/store";
import { writtenBook } from "../cli/reportSheets";
import { click, renderOver, type } from "../support/pipelinePane";
import { reviewPlan } from "../workbook/pipelineReviewFixture";

const field = () => screen.getByRole("textbox", { name: enUS["pipeline.review.period"] });
const button = () => screen.getByRole("button", { name: enUS["pipeline.review.write"] });

describe("Pipeline pane: the review sheet", () => {
  it("writes the review of the period being called, and says where an earlier one went", async () => {
    const driver = await reviewPlan(3);
    renderOver(<ReviewButton />, new PlanStore(driver));
    await waitFor(() => expect(field()).toHaveValue("2027 Q1"));
    await click(enUS["pipeline.review.write"]);
    // The plan had no review yet: there is no earlier one to speak of.
    await screen.findByText(
      'The sheet "Pipeline Review" now holds the pipeline review of 2027 Q1.'
    );
    const book = await writtenBook(await driver.toBuffer());
    expect(book.sheets[0]).toBe("Pipeline Review");
    expect(await book.sheetXml("Pipeline Review")).toContain("Pipeline review — 2027 Q1");
    await click(enUS["pipeline.review.write"]);
    await screen.findByText(
      'The sheet "Pipeline Review" now holds the pipeline review of 2027 Q1; the earlier one was kept as "Pipeline Review (previous)".'
    );
    expect((await writtenBook(await driver.toBuffer())).sheets).toContain(
      "Pipeline Review (previous)"
    );
  });

  it("says at the field what period it cannot review, and writes nothing", async () => {
    const driver = await reviewPlan(3);
    renderOver(<ReviewButton />, new PlanStore(driver));
    await waitFor(() => expect(field()).toHaveValue("2027 Q1"));
    type(enUS["pipeline.review.period"], "FY27 Q1");
    expect(screen.getByText(enUS["pipeline.review.periodInvalid"])).toBeInTheDocument();
    expect(button()).toBeDisabled();
    type(enUS["pipeline.review.period"], "2026-12");
    expect(
      screen.getByText(
        "This period ended on 2026-12-31, before the last capture (2027-01-11): review a period still running (the Accuracy step measures past ones)"
      )
    ).toBeInTheDocument();
    expect(button()).toBeDisabled();
    expect((await writtenBook(await driver.toBuffer())).sheets).not.toContain("Pipeline Review");
  });

  it("waits for a first capture", async () => {
    renderOver(<ReviewButton />, new PlanStore(await reviewPlan(0)));
    await screen.findByText(enUS["pipeline.movement.noCaptures"]);
    expect(button()).toBeDisabled();
  });

  it("writes the sheet in the pane's language", async () => {
    const driver = await reviewPlan(3);
    renderOver(<ReviewButton />, new PlanStore(driver), "zh-CN");
    const write = await screen.findByRole("button", { name: zhCN["pipeline.review.write"] });
    await waitFor(() => expect(write).toBeEnabled());
    await click(zhCN["pipeline.review.write"]);
    await screen.findByText(/工作表“Pipeline Review”现为 2027 Q1 的销售漏斗回顾/);
    const xml = await (await writtenBook(await driver.toBuffer())).sheetXml("Pipeline Review");
    expect(xml).toContain("销售漏斗回顾 — 2027 Q1");
  });
});
