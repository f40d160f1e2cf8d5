/**
 * The Pipeline Review sheet of a plan with three hand-made weekly captures
 * (pipelineReviewFixture.ts): every figure checked against what the fixture's rows give by
 * hand, the words it uses where the log holds too little history, the previous copy kept on
 * a rewrite, deal names written as text, and the file LibreOffice (an independent engine)
 * opens and recalculates to the same totals.
 */
import { wordsIn } from "../../src/i18n";
import { PIPELINE_REVIEW_SHEET, pipelineReview } from "../../src/workbook/pipelineReview";
import { reviewDeals } from "../../src/workbook/pipelineReviewDeals";
import {
  defaultReviewPeriod,
  pipelineReviewFigures,
  readReviewPeriod,
} from "../../src/workbook/pipelineReviewFigures";
import type { PackageDriver } from "../../src/workbook/packageDriver";
import type { ReportCell, ReportSheet } from "../../src/workbook/report";
import { PlanStore } from "../../src/workbook/store";
import { writtenBook } from "../cli/reportSheets";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";
import { C3, JAN_8, MAY_31, reviewPlan } from "./pipelineReviewFixture";

const english = wordsIn("en-US");
const Q1 = readReviewPeriod("2027 Q1")!;

async function reviewOf(driver: PackageDriver, period = Q1): Promise<ReportSheet> {
  const plan = await new PlanStore(driver).load();
  const figures = pipelineReviewFigures(plan, period);
  return pipelineReview(
    { figures, deals: reviewDeals(plan, figures), written: "2027-01-12" },
    english
  );
}

/** The sheet as rows of what each cell shows (a formula's stored result), by column letter. */
function grid(sheet: ReportSheet) {
  const at = new Map<string, ReportCell>();
  for (const c of sheet.cells) at.set(`${c.row}:${c.col}`, c);
  const shown = (row: number, col: number) => {
    const c = at.get(`${row}:${col}`);
    return c === undefined ? undefined : c.formula !== undefined ? c.result : c.value;
  };
  const rowsOf = (label: string) =>
    sheet.cells.filter((c) => c.col === 1 && c.value === label).map((c) => c.row);
  /** The cells B… of the first row labelled `label` at or after row `from`. */
  const line = (label: string, from = 1) => {
    const row = rowsOf(label).find((r) => r >= from);
    if (row === undefined) throw new Error(`no row labelled ${label}`);
    return [2, 3, 4, 5, 6, 7].map((col) => shown(row, col) ?? null);
  };
  const rowOf = (label: string) => rowsOf(label)[0];
  const texts = sheet.cells.map((c) => c.value).filter((v): v is string => typeof v === "string");
  return { at, shown, line, rowOf, texts };
}

describe("the Pipeline Review sheet of three weekly captures", () => {
  let sheet: ReportSheet;
  let g: ReturnType<typeof grid>;
  beforeAll(async () => {
    sheet = await reviewOf(await reviewPlan(3));
    g = grid(sheet);
  });

  it("reviews the period being called at the last capture, as of that capture", async () => {
    const plan = await new PlanStore(await reviewPlan(3)).load();
    // The latest calls are for 2027 Q1, which holds the last capture (2027-01-11).
    expect(defaultReviewPeriod(plan, C3)).toEqual({ label: "2027 Q1", start: 46388, end: 46477 });
    expect(g.shown(1, 1)).toBe("Pipeline review — 2027 Q1");
    expect(g.shown(2, 1)).toBe(
      "As of the capture of 2027-01-11 · period 2027-01-01 to 2027-03-31 · 3 capture(s) since 2026-12-28"
    );
  });

  it("sets the weighted forecast by category beside the standing calls, as worked out by hand", () => {
    // Open at the last capture and closing by March 31: D1 Negotiate 1,000 (Commit), D6
    // Qualify 900 (Best Case), D5 Qualify 800 (Pipeline); D2 closes in May.
    // Win chances from the steps: Negotiate → Won 1 of 2 steps out (the rest stays), so 1;
    // Propose → Negotiate 1, → Lost 1, so ½; Qualify only moves on to Propose, so ½.
    // In time: stays in Negotiate (14 days, one still going at 0) all end by 14 days, so D1
    // (0 days in, 79 to go) moves on for sure: 1,000 × 1 × 1. Qualify stays ended only once
    // in three (at 7 days): beyond that nothing says they end, so D5 and D6 count 0.
    // Calls: Ann 1,500 Commit and 2,500 Best Case; Bo 600 Commit, adjusted to 500; the
    // manager's own 5,000 team call is not added in.
    expect(g.line("Commit")).toEqual([1, 1000, 1000, 2100, 2000, null]);
    expect(g.line("Best Case")).toEqual([1, 900, 0, 2500, 2500, null]);
    expect(g.line("Pipeline")).toEqual([1, 800, 0, null, null, null]);
    expect(g.line("Total")).toEqual([3, 2700, 1000, 4600, 4500, null]);
    // D3 was won on January 8: 3,000 won so far; forecast 3,000 + 1,000; Commit call 2,000.
    expect(g.line("Won so far in the period")[2]).toBe(3000);
    expect(g.line("Forecast for the period (won + weighted)")[2]).toBe(4000);
    expect(g.line("Commit call (after adjustments)")[2]).toBe(2000);
    expect(g.line("Forecast − Commit call")[2]).toBe(2000);
    expect(g.texts).toContain(
      "Calls of owners with no deal in the log (a manager's call for a team) are not added in: Sales manager."
    );
    expect(g.texts).toContain(
      "No quota for the period: the Active scenario has no quotas, or none for months that lie in it."
    );
  });

  it("bridges the pipeline since the previous capture and over the period, as worked out by hand", () => {
    // Deals closing by March 31. Since January 4: start D1 1,000, D2 2,500, D3 3,000, D6 700
    // (4 deals, 7,200); D5 pulled in (800), D6 up 200, D2 pushed out (2,500), D3 won
    // (3,000); end D1, D5, D6: 3 deals, 2,700.
    // Over the period, since December 28: start D1 1,000, D2 2,000, D3 3,000, D4 500, D7 400
    // (5 deals, 6,900); D6 new (900), D5 pulled in (800), D2 pushed out (2,000), D3 won
    // (3,000), D4 lost (500), D7 removed (400); end 3 deals, 2,700.
    const heading = g.rowOf("Pipeline bridge: deals closing by 2027-03-31");
    expect(g.shown(heading + 1, 2)).toBe("Since the capture of 2027-01-04");
    expect(g.shown(heading + 1, 4)).toBe("Over the period, since 2026-12-28");
    const bar = (label: string) => g.line(label, heading).slice(0, 4);
    expect(bar("Start")).toEqual([4, 7200, 5, 6900]);
    expect(bar("New")).toEqual([0, 0, 1, 900]);
    expect(bar("Pulled in")).toEqual([1, 800, 1, 800]);
    expect(bar("Increased")).toEqual([1, 200, 0, 0]);
    expect(bar("Decreased")).toEqual([0, 0, 0, 0]);
    expect(bar("Pushed out")).toEqual([1, 2500, 1, 2000]);
    expect(bar("Won")).toEqual([1, 3000, 1, 3000]);
    expect(bar("Lost")).toEqual([0, 0, 1, 500]);
    expect(bar("Removed")).toEqual([0, 0, 1, 400]);
    expect(bar("End")).toEqual([3, 2700, 3, 2700]);
    // End is the bridge's identity over the rows above it, deals without Increased/Decreased.
    const end = g.rowOf("End");
    const start = g.rowOf("Start");
    expect(g.at.get(`${end}:5`)?.formula).toBe(
      `=E${start}+E${start + 1}+E${start + 2}+E${start + 3}-E${start + 4}-E${start + 5}-E${start + 6}-E${start + 7}-E${start + 8}`
    );
    expect(g.at.get(`${end}:4`)?.formula).toBe(
      `=D${start}+D${start + 1}+D${start + 2}-D${start + 5}-D${start + 6}-D${start + 7}-D${start + 8}`
    );
  });

  it("lists the largest won, lost and pushed-out deals, names as text", () => {
    const header = g.rowOf("Deal");
    const rows = [1, 2, 3].map((k) => [1, 2, 3, 4, 5].map((col) => g.shown(header + k, col)));
    expect(rows).toEqual([
      ["@SUM(A1)", "Ann", "Won", 3000, JAN_8],
      ["Hooli", "Cy", "Lost", 500, 46477],
      ["=1+1", "Bo", "Pushed out", 2000, MAY_31],
    ]);
    // A name that reads like a formula is a value, never a formula.
    for (const c of sheet.cells) if (c.formula) expect(c.formula).not.toMatch(/1\+1|SUM\(A1/);
  });

  it("calls D2 stalled: 14 days in Propose, where three stays in four ended by 7", () => {
    // Propose stays: D1, D4 and D7 left after 7 days; D2 is still there after 14 (censored),
    // so three in four ended by 7: the 75th percentile. Its close date was pushed once.
    const rows = sheet.cells.filter((c) => c.col === 1 && c.value === "Deal").map((c) => c.row);
    const stalled = rows[1];
    expect([1, 2, 3, 4, 5, 6, 7].map((col) => g.shown(stalled + 1, col))).toEqual([
      "=1+1",
      "Bo",
      "Propose",
      14,
      7,
      7,
      1,
    ]);
    expect(g.at.get(`${stalled + 1}:6`)?.formula).toBe(`=D${stalled + 1}-E${stalled + 1}`);
    expect(g.shown(stalled + 2, 1)).toBeUndefined();
    // D2 was in Propose already at the first capture: its 14 days are a floor, and said so.
    expect(g.shown(stalled - 1, 1)).toBe(
      "=1+1: already in their stage at the first capture (2026-12-28), so they have been there at least the days shown."
    );
  });

  it("measures December's calls against what closed won, against the 90–95% target", () => {
    // Ann 3,200 (adjusted) against 3,000 won; Bo 1,000 against 1,200: WAPE 400 ÷ 4,200 =
    // 9.52%, bias (4,200 − 4,200) ÷ 4,200 = 0, accuracy 90.48%: within the target.
    const [called, closed, wape, bias, accuracy, status] = g.line("2026-12");
    expect([called, closed, bias, status]).toEqual([4200, 4200, 0, "Within target"]);
    expect(wape).toBeCloseTo(400 / 4200, 12);
    expect(accuracy).toBeCloseTo(1 - 400 / 4200, 12);
    const row = g.rowOf("2026-12");
    expect(g.at.get(`${row}:7`)?.formula).toBe(
      `=IF(F${row}="","",IF(F${row}>=0.9,"Within target",IF(F${row}>=0.8,"Near target","Below target")))`
    );
    expect(sheet.statusRanges).toEqual([`G${row}:G${row + 1}`]);
    expect(sheet.statusWords?.["On track"]).toBe("Within target");
  });

  it("says what shape the funnel is in, in the Funnel shape step's words", () => {
    // Today: Qualify 2 of 4 open deals, Propose 1, Negotiate 1. Arrivals: D6 into Qualify, one
    // in two intervals (½). Steady state x(I − Q) = λ: Qualify ½ ÷ ¼ = 2, Propose 2 × ¼ ÷ ½ = 1,
    // Negotiate 1 × ¼ ÷ ½ = ½, of 3.5: 57.1%, 28.6%, 14.3%. Negotiate holds 25% against
    // 14.3%; one deal entered it in the last interval against ½ on average: inflow.
    expect(g.texts).toContain(
      "Negotiate bulges: 25.0% of open deals against 14.3% in the steady state. More deals entered it than usual (1 in the last interval, 0.5 on average): inflow explains it."
    );
    const shape = g.rowOf("Negotiate");
    expect(g.shown(shape, 2)).toBe(0.25);
    expect(g.shown(shape, 3)).toBeCloseTo(1 / 7, 12);
  });

  it("writes a valid file LibreOffice recalculates to the same totals, the previous copy kept", async () => {
    const driver = await reviewPlan(3);
    const store = new PlanStore(driver);
    const first = await reviewOf(await reviewPlan(1));
    await store.writeReport(first);
    await store.writeReport(sheet);
    const bytes = await driver.toBuffer();
    await expectValidWorkbook(bytes);
    const book = await writtenBook(bytes);
    expect(book.sheets[0]).toBe(PIPELINE_REVIEW_SHEET);
    expect(book.sheets[book.sheets.length - 1]).toBe("Pipeline Review (previous)");
    const previous = await book.sheetXml("Pipeline Review (previous)");
    expect(previous).toContain("One capture only (2026-12-28)");
    const xml = await book.sheetXml(PIPELINE_REVIEW_SHEET);
    // The deal names are inline strings; no formula holds them.
    expect(xml).toContain('t="inlineStr"><is><t>=1+1</t>');
    expect(xml).toContain("<t>@SUM(A1)</t>");
    expect(xml).not.toMatch(/<f>[^<]*(1\+1|SUM\(A1)/);
    // The same sheet without the stored results, so LibreOffice works every formula out.
    const bare = await reviewPlan(3);
    const cells = sheet.cells.map((c) => (c.formula ? { ...c, result: undefined } : c));
    await new PlanStore(bare).writeReport({ ...sheet, cells });
    const csv = (await sheetsAsCsv(await bare.toBuffer()))(PIPELINE_REVIEW_SHEET);
    const lineOf = (label: string, from = 0) => csv.find((r, i) => i >= from && r[0] === label)!;
    expect(lineOf("Total").slice(1, 6)).toEqual(["3", "2700", "1000", "4600", "4500"]);
    const bridge = csv.findIndex((r) => r[0].startsWith("Pipeline bridge"));
    expect(lineOf("End", bridge).slice(1, 5)).toEqual(["3", "2700", "3", "2700"]);
    expect(lineOf("Forecast for the period (won + weighted)")[3]).toBe("4000");
    expect(lineOf("Forecast − Commit call")[3]).toBe("2000");
    const stalled = csv.findIndex((r) => r[0] === "Stalled deals");
    expect(lineOf("=1+1", stalled).slice(3, 7)).toEqual(["14", "7", "7", "1"]);
    expect(lineOf("2026-12")[6]).toBe("Within target");
  }, 120_000);
});

describe("the Pipeline Review sheet against the quota", () => {
  it("sets the forecast against the Active scenario's quota for the period's months", async () => {
    const g = grid(await reviewOf(await reviewPlan(3, true)));
    // Q1 is FY2027's months 1–3: 3,300 (R1) + 1,500 (R2) = 4,800; 4,000 ÷ 4,800 = 83.3%.
    expect(g.line("Quota (FY27 Base, 3 month(s) in the period)")[2]).toBe(4800);
    expect(g.line("Forecast ÷ quota")[2]).toBeCloseTo(4000 / 4800, 12);
    const row = g.rowOf("Forecast ÷ quota");
    const forecast = g.rowOf("Forecast for the period (won + weighted)");
    expect(g.at.get(`${row}:4`)?.formula).toBe(`=IF(D${row - 1}=0,"",D${forecast}/D${row - 1})`);
  });

  it("forecasts a period still ahead from what closes in it, not before it", async () => {
    // 2027 Q2 (April–June) starts after the last capture (January 11). Dated in it: D2 alone
    // (Best Case 2,500, May 31). D1, D5 and D6 are dated in March: D1 (Commit) ends its stay
    // by March 31 for sure (all Negotiate stays end by 14 days), so nothing of it slips into Q2.
    const period = readReviewPeriod("2027 Q2")!;
    const g = grid(await reviewOf(await reviewPlan(3), period));
    expect(g.line("Commit").slice(0, 3)).toEqual([0, 0, 0]);
    expect(g.line("Best Case").slice(0, 2)).toEqual([1, 2500]);
    expect(g.line("Total").slice(0, 2)).toEqual([1, 2500]);
  });

  it("has no quota for a period outside the plan's fiscal year", async () => {
    // December 2026 is before FY2027 starts; December and January hold January, one month.
    const period = readReviewPeriod("2026-12")!;
    const g = grid(await reviewOf(await reviewPlan(3, true), period));
    expect(g.texts).toContain(
      "No quota for the period: the Active scenario has no quotas, or none for months that lie in it."
    );
    const winter = readReviewPeriod("Winter=2026-12-01..2027-01-31")!;
    const both = grid(await reviewOf(await reviewPlan(3, true), winter));
    expect(both.line("Quota (FY27 Base, 1 month(s) in the period)")[2]).toBe(1500);
  });
});

describe("the Pipeline Review sheet with too little history", () => {
  it("says in words what one capture cannot show, instead of zeros", async () => {
    const g = grid(await reviewOf(await reviewPlan(1)));
    expect(g.texts).toEqual(
      expect.arrayContaining([
        "One capture only (2026-12-28): the bridge compares two captures, so it shows after the next capture.",
        "One capture only: win chances are learned from deals moving between captures, so the weighted forecast shows after the next capture.",
        "No stay in a stage has ended yet, so nothing says how long a stage usually takes: stalled deals show once deals have moved on between captures.",
        "Not enough captures yet to say what shape the observed moves imply.",
      ])
    );
    // The weighted column is left blank, not 0: the open deals and calls still show.
    expect(g.line("Commit")).toEqual([3, 3900, null, 2100, 2000, null]);
    expect(g.texts.some((t) => t.startsWith("Forecast for the period"))).toBe(false);
    // December was still running at the only capture: no past period to measure yet.
    expect(g.texts).toContain(english.t("pipeline.accuracy.none"));
  });

  it("says nothing has been captured on a plan without captures", async () => {
    const sheet = await reviewOf(await reviewPlan(0));
    expect(sheet.cells.map((c) => c.value)).toEqual([
      "Pipeline review — 2027 Q1",
      english.t("pipeline.review.noCaptures"),
    ]);
  });

  it("reads a period as a label or as LABEL=from..to, and nothing else", () => {
    expect(readReviewPeriod("2027-03")).toEqual({ label: "2027-03", start: 46447, end: 46477 });
    expect(readReviewPeriod("FY27 Q1=2027-02-01..2027-04-30")).toEqual({
      label: "FY27 Q1",
      start: 46419,
      end: 46507,
    });
    expect(readReviewPeriod("FY27 Q1")).toBeUndefined();
    expect(readReviewPeriod("Q=2027-04-30..2027-02-01")).toBeUndefined();
  });
});

describe("the Pipeline Review sheet with deals that have no owner", () => {
  it("names their owner (no owner) and says the wins no call covers", async () => {
    const g = grid(await reviewOf(await reviewPlan(3, false, true)));
    // U2 (Orphan, 300, no owner) is lost at the last capture: a mover of the period.
    const header = g.rowOf("Deal");
    const movers = [1, 2, 3, 4].map((k) => [1, 2, 3, 4].map((col) => g.shown(header + k, col)));
    expect(movers).toContainEqual(["Orphan", "(no owner)", "Lost", 300]);
    // December: Ann 3,200 against 3,000 won, Bo 1,000 against 1,200, as without U1; U1
    // (700, won December 22, no owner) is in no call, so it is said beside Closed 4,200.
    expect(g.line("2026-12").slice(0, 2)).toEqual([4200, 4200]);
    expect(g.texts).toContain(
      "2026-12: 1 won deal(s) with no owner (700) are in nobody's call, so not in Closed; Closed plus these is all that was won."
    );
  });
});

describe("the Pipeline Review sheet in Chinese", () => {
  it("spaces a Latin stage name from the Chinese around it", async () => {
    const plan = await new PlanStore(await reviewPlan(3)).load();
    const figures = pipelineReviewFigures(plan, Q1);
    const sheet = pipelineReview(
      { figures, deals: reviewDeals(plan, figures), written: "2027-01-12" },
      wordsIn("zh-CN")
    );
    // The figures of the English test above, in the zh-CN catalog's sentence.
    expect(sheet.cells.map((c) => c.value)).toContain(
      "Negotiate 阶段积压：占进行中商机的 25.0%，稳态下应为 14.3%。流入的商机比平时多（最近一个间隔 1 个，平均 0.5 个）：原因在于流入。"
    );
  });
});
