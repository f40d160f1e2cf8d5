/**
 * The Pipeline pane where the open pipeline is expected to bring nothing: a period ending
 * 3 days after a weekly capture (no stay has been seen to end that fast) and a first capture
 * (nothing has moved yet to learn win chances from). The Forecast and Accuracy steps say why
 * beside the figure instead of a bare 0, and Accuracy says which wins no call covers (deals
 * with no owner). Three weekly captures of a hand-made table; every figure worked by hand.
 */
import { screen } from "@testing-library/react";
import { PipelinePane } from "../../src/taskpane/pipeline/PipelinePane";
import { capturePipeline, submitCall } from "../../src/workbook/pipelineTables";
import type { CellValue } from "../../src/workbook/rows";
import { PlanStore } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";
import { HEADER, SOURCE, renderOver, step, tableCells, type } from "../support/pipelinePane";

// Excel serials by hand: 2027-01-01 is 46388. Captured weekly: Dec 21, Dec 28, Jan 4.
const DEC_21 = 46377;
const DEC_28 = 46384;
const JAN_4 = 46391;
const DEC_1 = 46357;
const DEC_27 = 46383;
const DEC_31 = 46387;
const MAR_31 = 46477;

type Deal = [string, string | null, string, number, number];
/**
 * A1 (Ann) stays in Propose, closing Dec 31, and is lost by Jan 4; A2 (Bo) is won on Dec 27
 * (500); A3 (Bo) moves Qualify → Propose.
 */
const WEEKS: Deal[][] = [
  [
    ["A1", "Ann", "Propose", 1000, DEC_31],
    ["A2", "Bo", "Propose", 500, MAR_31],
    ["A3", "Bo", "Qualify", 300, MAR_31],
  ],
  [
    ["A1", "Ann", "Propose", 1000, DEC_31],
    ["A2", "Bo", "Won", 500, DEC_27],
    ["A3", "Bo", "Propose", 300, MAR_31],
  ],
  [
    ["A1", "Ann", "Lost", 1000, DEC_31],
    ["A2", "Bo", "Won", 500, DEC_27],
    ["A3", "Bo", "Propose", 300, MAR_31],
  ],
];

/** The workbook with the three weeks captured, `extra` deals in each of them. */
async function workbook(extra: Deal[] = []) {
  const driver = new MemoryDriver();
  const size = 3 + extra.length;
  const blank = Array.from({ length: size }, () => HEADER.map(() => null as CellValue));
  driver.addTable("Opportunities", "Opportunities", "A1", HEADER, blank);
  const store = new PlanStore(driver, () => new Date(Date.UTC(2027, 0, 4, 9, 30)));
  for (const [week, deals] of WEEKS.entries()) {
    [...deals, ...extra].forEach(([id, owner, stage, amount, close], r) =>
      [id, id, owner, stage, amount, close, DEC_1, "Commit", "Web"].forEach((value, c) =>
        driver.setCell("Opportunities", `${String.fromCharCode(65 + c)}${r + 2}`, value)
      )
    );
    await capturePipeline(store, [DEC_21, DEC_28, JAN_4][week], week ? {} : { source: SOURCE });
  }
  return store;
}

describe("Pipeline pane: when open deals are expected to bring nothing", () => {
  it("says why in the Forecast step: the period ends too soon after the capture", async () => {
    const store = await workbook();
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Forecast");
    type("Period", "2026-12");
    type("Forecast from the capture of", String(DEC_28));
    // As of Dec 28, in scope by Dec 31: A1 (1,000), in Propose since Dec 21. Propose's
    // stays: A2's ended after 7 days, A1's is 7 days on, A3's just began. Of the stays past
    // 7 days none has ended within 3 more: nothing is expected of A1 in time.
    expect(tableCells("Weighted forecast by category")).toEqual([
      ["Forecast category", "Deals", "Amount", "Expected"],
      ["Commit", "1", "1,000", "0"],
      ["Total", "1", "1,000", "0"],
    ]);
    expect(
      screen.getByText(
        "Open deals are expected to bring 0: the period ends 3 day(s) after the capture of 2026-12-28, sooner than deals have been seen to leave their stages between captures, so none is expected to close in time."
      )
    ).toBeInTheDocument();
  });

  /** Bo's Commit call of 800 for December. */
  const called = async (store: PlanStore) =>
    submitCall(store, await store.load(), {
      period: "2026-12",
      owner: "Bo",
      category: "Commit",
      amount: 800,
      note: null,
      submittedAt: DEC_28 + 0.5,
      submittedBy: "Bo",
    });

  it("says why beside each capture's figure in the Accuracy step", async () => {
    const store = await workbook();
    await called(store);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Accuracy");
    // Dec 21, the first capture: no step yet, so no odds; nothing won yet: 0. Dec 28: A2's
    // 500 won so far, and A1 cannot leave Propose in the 3 days left (as above). Closed in
    // December by Bo, who called it: A2's 500.
    expect(tableCells("What was forecast at each capture for 2026-12")).toEqual([
      ["Capture", "Forecast", "Closed"],
      [
        "2026-12-21",
        "0 (won so far only: win chances are learned from the moves between two captures)",
        "500",
      ],
      [
        "2026-12-28",
        "500 (won so far only: the period ends 3 day(s) after this capture, too soon for open deals to leave their stages)",
        "500",
      ],
    ]);
  });

  it("says how many December wins had no owner, so are in no call and not in Closed", async () => {
    // A4, with no owner, won on Dec 27 (600): December's Closed stays Bo's 500.
    const store = await workbook([["A4", null, "Won", 600, DEC_27]]);
    await called(store);
    renderOver(<PipelinePane />, store);
    await screen.findByText(/Last capture: 2027-01-04/);
    await step("Accuracy");
    expect(tableCells("Accuracy by period")[1].slice(0, 3)).toEqual(["2026-12", "800", "500"]);
    expect(
      screen.getByText(
        "2026-12: 1 won deal(s) with no owner (600) are in nobody's call, so not in Closed; Closed plus these is all that was won."
      )
    ).toBeInTheDocument();
  });
});
