/**
 * `sales-plan pipeline review FILE [--period …] [--lang …]`: the Pipeline Review sheet from
 * the file's Pipeline Log, Forecast Calls and quotas, with the builder and words the Pipeline
 * pane's button uses, so a report pack can be written unattended. A request that cannot be
 * read is refused (exit 2) before the file is opened; a file with no capture is refused and
 * left untouched; a log the store cannot read is exit 1, located.
 */
import { isoFromSerial, todaySerial } from "../domain/calendar";
import { wordsIn, type Locale } from "../i18n";
import { PIPELINE_REVIEW_SHEET, pipelineReview } from "../workbook/pipelineReview";
import { reviewDeals } from "../workbook/pipelineReviewDeals";
import {
  defaultReviewPeriod,
  pipelineReviewFigures,
  readReviewPeriod,
  type ReviewPeriod,
} from "../workbook/pipelineReviewFigures";
import { usableLog } from "../workbook/pipelineHistory";
import type { CallsRollUp } from "../workbook/pipelineReviewCalls";
import { listed } from "../i18n/figures";
import type { PlanStore } from "../workbook/store";
import { cliProblem } from "./cliProblems";
import { FileProblem } from "./failures";
import { requireCaptures, sayIn } from "./pipelineReports";
import type { Report } from "./scenarioInputs";
import { english, type Words } from "./words";

const LOCALES: readonly Locale[] = ["en-US", "zh-CN"];

export interface ReviewRequest {
  period?: string;
  lang?: string;
}

/** `--period` as given: a label the add-in reads or LABEL=from..to; refused (exit 2) otherwise. */
export function reviewPeriodOption(text: string | undefined): ReviewPeriod | undefined {
  if (text === undefined) return undefined;
  const period = readReviewPeriod(text.trim());
  if (!period) throw new FileProblem(cliProblem("pipelineReviewPeriodOption", { value: text }));
  return period;
}

/** `--lang` as given: one of the catalogs' languages (en-US, zh-CN; zh and en are enough). */
export function reviewLangOption(text: string | undefined): Locale | undefined {
  if (text === undefined) return undefined;
  const wanted = text.trim().toLowerCase();
  const found = LOCALES.find((l) => l.toLowerCase() === wanted || l.slice(0, 2) === wanted);
  if (!found)
    throw new FileProblem(
      cliProblem("pipelineReviewLangOption", { value: text, langs: LOCALES.join(", ") })
    );
  return found;
}

/** What the command says of calls rolled up from the periods inside the one reviewed. */
function rolledUpLines(
  rolledUp: CallsRollUp | undefined,
  period: string,
  say: ReturnType<typeof sayIn>,
  words: Words
): string[] {
  if (!rolledUp) return [];
  const periods = (list: string[]) => listed(words.t, list);
  return [
    say("pipelineReviewCallsSummed", { periods: periods(rolledUp.from), period }),
    ...(rolledUp.missing.length
      ? [say("pipelineReviewCallsMissing", { periods: periods(rolledUp.missing) })]
      : []),
  ];
}

/** Writes the Pipeline Review sheet; `changed` says the file must be written (always, once written). */
export async function pipelineReviewCommand(
  store: PlanStore,
  request: ReviewRequest,
  words: Words = english,
  now: Date = new Date()
): Promise<Report & { changed: boolean }> {
  const say = sayIn(words);
  const asked = reviewPeriodOption(request.period);
  const lang = reviewLangOption(request.lang);
  const plan = await store.load();
  const captures = requireCaptures(plan);
  // A log the store cannot read is refused at its cells, as every pipeline figure is.
  usableLog(plan);
  const last = captures[captures.length - 1];
  const period = asked ?? defaultReviewPeriod(plan, last);
  // The review is of a period still running: one over by the last capture has no pipeline left.
  if (period.end < last)
    throw new FileProblem(
      cliProblem("pipelineReviewPeriodOver", {
        period: period.label,
        end: isoFromSerial(period.end),
        last: isoFromSerial(last),
      })
    );
  const figures = pipelineReviewFigures(plan, period);
  const sheetWords = lang ? wordsIn(lang) : words;
  const kept = await store.writeReport(
    pipelineReview(
      { figures, deals: reviewDeals(plan, figures), written: isoFromSerial(todaySerial(now)) },
      sheetWords
    )
  );
  const rolledUp = figures.callsRolledUp;
  const values = {
    sheet: PIPELINE_REVIEW_SHEET,
    period: period.label,
    start: isoFromSerial(period.start),
    end: isoFromSerial(period.end),
    asOf: isoFromSerial(last),
    captures: captures.length,
  };
  return {
    exitCode: 0,
    changed: true,
    lines: [
      // The earlier copy is named only when there was one to keep.
      kept
        ? say("pipelineReviewDone", { ...values, previous: kept })
        : say("pipelineReviewDoneFirst", values),
      ...(captures.length < 2 ? [say("pipelineReviewOneCapture", { asOf: values.asOf })] : []),
      ...rolledUpLines(figures.callsRolledUp, period.label, say, words),
    ],
    data: {
      sheet: PIPELINE_REVIEW_SHEET,
      // The copy of an earlier review kept, null when there was none.
      previous: kept ?? null,
      period: { label: period.label, start: values.start, end: values.end },
      asOf: values.asOf,
      captures: captures.length,
      lang: sheetWords.locale,
      // With no call of the period's own: which periods' calls were summed, which have none.
      callsSummedFrom: rolledUp?.from ?? null,
      callsMissing: rolledUp?.missing ?? null,
      forecast: figures.forecast ?? null,
      quota: figures.quota ?? null,
      bridge: figures.overPeriod?.rows ?? null,
    },
  };
}
