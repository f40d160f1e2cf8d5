/**
 * The bias on the Pipeline Review sheet reads signed, as the CLI and the pane say it
 * ("+7.1%"): LibreOffice, an independent reader, shows the cells as a reader of the file sees
 * them, and the file stays valid with the signed format in its styles; the Office.js writer
 * sets the same format.
 */
import { wordsIn } from "../../src/i18n";
import { PIPELINE_REVIEW_SHEET, pipelineReview } from "../../src/workbook/pipelineReview";
import { reviewDeals } from "../../src/workbook/pipelineReviewDeals";
import { pipelineReviewFigures, readReviewPeriod } from "../../src/workbook/pipelineReviewFigures";
import { rowsFromCalls } from "../../src/workbook/pipelineTables";
import { OfficeDriver } from "../../src/workbook/officeDriver";
import { PlanStore } from "../../src/workbook/store";
import { FakeWorkbook } from "../support/fakeExcel";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";
import { CALLS, reviewPlan } from "./pipelineReviewFixture";

/** The sheet's cells as LibreOffice shows them (number formats applied), row by row. */
async function shownByLibreOffice(bytes: Uint8Array, sheet: string): Promise<string[][]> {
  return (await sheetsAsCsv(bytes, { asShown: true }))(sheet);
}

describe("the bias on the Pipeline Review sheet", () => {
  it("is signed: December called 4,500 against 4,200 won reads +7.1%; under and even too", async () => {
    const driver = await reviewPlan(3);
    const store = new PlanStore(driver);
    // December without the manager's adjustment: Ann 3,500 against her 3,000 won, Bo 1,000
    // against 1,200. Bias (4,500 − 4,200) ÷ 4,200 = +7.14%; WAPE (500 + 200) ÷ 4,200 = 16.7%.
    const calls = CALLS.filter((c) => c.callId !== "FC-0002");
    const plan = await store.load();
    await store.save(plan, { forecastCalls: rowsFromCalls(calls) });
    const saved = await store.load();
    const figures = pipelineReviewFigures(saved, readReviewPeriod("2027 Q1")!);
    const sheet = pipelineReview(
      { figures, deals: reviewDeals(saved, figures), written: "2027-01-12" },
      wordsIn("en-US")
    );
    await store.writeReport(sheet);
    // Below and even, in cells of the same look: −10% and 0.
    await store.writeReport({
      sheet: "Signs",
      columnWidths: [10, 10],
      cells: [
        { row: 1, col: 1, value: -0.1, style: "signedPercent" },
        { row: 1, col: 2, value: 0, style: "signedPercent" },
      ],
      statusRanges: [],
    });
    const bytes = await driver.toBuffer();
    await expectValidWorkbook(bytes);
    const review = await shownByLibreOffice(bytes, PIPELINE_REVIEW_SHEET);
    const december = review.find((r) => r[0] === "2026-12")!;
    // Period, called, closed, WAPE, bias, accuracy.
    expect(december.slice(0, 6)).toEqual(["2026-12", "4,500", "4,200", "16.7%", "+7.1%", "83.3%"]);
    expect((await shownByLibreOffice(bytes, "Signs"))[0]).toEqual(["-10.0%", "0.0%"]);
  }, 180_000);

  it("is signed through Office.js too, in the same format", async () => {
    (globalThis as unknown as { Excel: unknown }).Excel = {
      VerticalAlignment: { top: "Top" },
      PageOrientation: { landscape: "Landscape" },
    };
    const book = new FakeWorkbook();
    await new OfficeDriver(book.excel().run).writeReport({
      sheet: "Signs",
      columnWidths: [10],
      cells: [{ row: 1, col: 1, value: 0.0714, style: "signedPercent" }],
      statusRanges: [],
    });
    expect(book.format("Signs", "A1")).toBe("+0.0%;-0.0%;0.0%");
  });
});
