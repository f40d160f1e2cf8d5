/**
 * The Pipeline Review sheet for executives (the funnel table's page of the report pack): the
 * period's forecast weighted from the history by category against the standing calls and
 * the quota, the bridge since the previous capture and over the period, the largest movers,
 * the stalled deals, the accuracy of past periods' calls, and the funnel's shape in words.
 * Totals and differences are formulas over the sheet's own cells with the add-in's results
 * stored beside them, so it checks itself when someone edits a figure. The figures come
 * from pipelineReviewFigures.ts; deal names and owners are only ever values.
 */
import { isoFromSerial } from "../domain/calendar";
import { labelKey } from "../domain/labels";
import { listed } from "../i18n/figures";
import { address } from "./package/cellRef";
import type { CellValue } from "./rows";
import type { ReportSheet } from "./report";
import {
  Cursor,
  accuracyBlock,
  accuracyWords,
  bridgeBlock,
  moversBlock,
  type ReviewWords,
} from "./pipelineReviewBlocks";
import { shapeBlock, stalledBlock, type ReviewDeals } from "./pipelineReviewDeals";
import type { PipelineReviewFigures } from "./pipelineReviewFigures";

export const PIPELINE_REVIEW_SHEET = "Pipeline Review";

/** Forecast columns: category, open deals, open amount, weighted, rep calls, after adjustments. */
const FC = { category: 1, deals: 2, amount: 3, weighted: 4, called: 5, adjusted: 6 };

/** The category executives compare the forecast with: the calls' Commit, matched as labels are. */
const isCommit = (category: string) => labelKey(category) === labelKey("Commit");

const sumOf = (col: number, first: number, last: number) =>
  `=SUM(${address(first, col)}:${address(last, col)})`;

/** The headline: the forecast by category against the calls, won so far, and the quota. */
function forecastBlock(at: Cursor, figures: PipelineReviewFigures, words: ReviewWords): void {
  const { t, sayError } = words;
  const { period, forecast, quota } = figures;
  at.put(1, t("pipeline.review.forecast", { period: period.label }), "heading");
  at.next();
  if (!forecast) {
    const reason = figures.forecastRefused ? sayError(figures.forecastRefused) : "";
    at.say(t("pipeline.review.forecastRefused", { reason }), "wrap");
    return;
  }
  // Without a step between two captures no stage has odds: the weighted figure is unknown, not 0.
  const weighted = forecast.steps > 0;
  [
    t("pipeline.field.forecastCategory"),
    t("pipeline.review.openDeals"),
    t("pipeline.review.openAmount"),
    t("pipeline.review.weighted"),
    t("pipeline.review.repCalls"),
    t("pipeline.review.adjusted"),
  ].forEach((h, i) => at.put(i + 1, h, "label"));
  at.next();
  const first = at.row;
  const called = forecast.categories.some((c) => c.called !== null);
  let commitRow: number | undefined;
  for (const line of forecast.categories) {
    if (isCommit(line.category) && line.adjusted !== null) commitRow = at.row;
    at.put(FC.category, line.category, "text");
    at.put(FC.deals, line.deals, "integer");
    at.put(FC.amount, line.amount, "money");
    if (weighted) at.put(FC.weighted, line.expected, "money");
    at.put(FC.called, line.called, "money");
    at.put(FC.adjusted, line.adjusted, "money");
    at.next();
  }
  const last = at.row - 1;
  const total = at.row;
  const sum = (key: "deals" | "amount" | "expected" | "called" | "adjusted") =>
    forecast.categories.reduce((s, c) => s + (c[key] ?? 0), 0);
  at.put(FC.category, t("pipeline.forecast.total"), "label");
  if (forecast.categories.length) {
    at.formula(FC.deals, sumOf(FC.deals, first, last), sum("deals"), "integer");
    at.formula(FC.amount, sumOf(FC.amount, first, last), sum("amount"), "money");
    if (weighted)
      at.formula(FC.weighted, sumOf(FC.weighted, first, last), sum("expected"), "money");
    if (called) {
      at.formula(FC.called, sumOf(FC.called, first, last), sum("called"), "money");
      at.formula(FC.adjusted, sumOf(FC.adjusted, first, last), sum("adjusted"), "money");
    }
  }
  at.next(2);

  // The figures an executive compares, in the Weighted column under the total.
  const col = FC.weighted;
  const cell = (row: number) => address(row, col);
  const wonRow = at.row;
  at.put(1, t("pipeline.review.wonSoFar"), "label");
  at.put(col, forecast.wonSoFar, "money");
  at.next();
  const expected = forecast.wonSoFar + sum("expected");
  const forecastRow = at.row;
  if (weighted) {
    at.put(1, t("pipeline.review.expectedTotal"), "label");
    at.formula(col, `=${cell(wonRow)}+${cell(total)}`, expected, "money");
    at.next();
  }
  const commit = forecast.categories.find((c) => isCommit(c.category));
  if (commitRow !== undefined && commit?.adjusted != null) {
    const callRow = at.row;
    at.put(1, t("pipeline.review.commitCall"), "label");
    at.formula(col, `=${address(commitRow, FC.adjusted)}`, commit.adjusted, "money");
    at.next();
    if (weighted) {
      at.put(1, t("pipeline.review.callGap"), "label");
      const gap = expected - commit.adjusted;
      at.formula(col, `=${cell(forecastRow)}-${cell(callRow)}`, gap, "money");
      at.next();
    }
  }
  if (quota) {
    const quotaRow = at.row;
    at.put(
      1,
      t("pipeline.review.quota", { scenario: quota.scenario, months: quota.months }),
      "label"
    );
    at.put(col, quota.amount, "money");
    at.next();
    if (weighted) {
      at.put(1, t("pipeline.review.ofQuota"), "label");
      const share: CellValue = quota.amount === 0 ? "" : expected / quota.amount;
      at.formula(
        col,
        `=IF(${cell(quotaRow)}=0,"",${cell(forecastRow)}/${cell(quotaRow)})`,
        share,
        "percent"
      );
      at.next();
    }
  } else at.say(t("pipeline.review.noQuota"));
  at.say(
    weighted
      ? t("pipeline.review.forecastNote", {
          end: isoFromSerial(period.end),
          steps: new Intl.NumberFormat(words.locale).format(forecast.steps),
        })
      : t("pipeline.review.oneCaptureForecast")
  );
  // Nothing weighted while deals are open: the period ends before any usually leaves its stage.
  if (weighted && sum("deals") > 0 && sum("expected") === 0 && figures.asOf !== undefined)
    at.say(t("pipeline.review.tooSoon", { days: period.end - figures.asOf }));
  if (weighted && forecast.unestimated.length)
    at.say(t("pipeline.forecast.unknownStages", { stages: forecast.unestimated.join("; ") }));
  if (!called) at.say(t("pipeline.review.noCalls", { period: period.label }));
  const rolledUp = figures.callsRolledUp;
  if (rolledUp) {
    const summed = { periods: listed(t, rolledUp.from), period: period.label };
    at.say(t("pipeline.review.callsSummed", summed));
    if (rolledUp.missing.length)
      at.say(t("pipeline.review.callsMissing", { periods: listed(t, rolledUp.missing) }));
  }
  if (figures.teamCalls.length)
    at.say(t("pipeline.review.teamCalls", { owners: listed(t, figures.teamCalls) }));
}

export interface PipelineReviewInput {
  figures: PipelineReviewFigures;
  /** Stalled deals and the funnel's shape (pipelineReviewDeals.ts), when worked out. */
  deals?: ReviewDeals;
  /** The day the sheet is written, printed in its footer: the caller's clock, not the builder's. */
  written: string;
}

export function pipelineReview(input: PipelineReviewInput, words: ReviewWords): ReportSheet {
  const { figures } = input;
  const { t } = words;
  const { period, captures, asOf } = figures;
  const title = t("pipeline.review.title", { period: period.label });
  const at = new Cursor(1);
  at.put(1, title, "title");
  at.next();
  const statusRanges: string[] = [];
  if (asOf === undefined) {
    at.next();
    at.say(t("pipeline.review.noCaptures"), "wrap");
  } else {
    at.say(
      t("pipeline.review.asOf", {
        date: isoFromSerial(asOf),
        start: isoFromSerial(period.start),
        end: isoFromSerial(period.end),
        captures: captures.length,
        first: isoFromSerial(captures[0]),
      })
    );
    at.next();
    forecastBlock(at, figures, words);
    at.next();
    bridgeBlock(at, figures, words);
    moversBlock(at, figures, t);
    if (input.deals) stalledBlock(at, input.deals, figures, words);
    const status = accuracyBlock(at, figures, words);
    if (status) statusRanges.push(status);
    if (input.deals) shapeBlock(at, input.deals, words);
  }
  return {
    sheet: PIPELINE_REVIEW_SHEET,
    print: {
      header: title,
      written: input.written,
      words: { written: t("report.written"), page: t("report.page") },
    },
    // Deal names and labels, then counts and money up to 999,999,999 with room to spare; E,
    // F and G hold the widest headers ("75th percentile (days)", "After adjustments",
    // "Against the target"). No chart: the bridge's bars are the table above, and the sheet
    // stays on two printed pages (the Pipeline pane draws the bridge as a chart).
    columnWidths: [32, 14, 16, 16, 24, 18, 20],
    cells: at.cells,
    statusRanges,
    statusWords: accuracyWords(t),
  };
}
