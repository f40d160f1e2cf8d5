/**
 * `sales-plan pipeline forecast` and `pipeline accuracy`: the period's expected revenue from
 * the latest capture (PIPELINEFORECAST with STAGEWIN's odds learned from the log) and how far
 * past periods' calls were from what closed won (FORECASTERROR), as the Pipeline pane shows them.
 */
import { isoFromSerial, serialFromIsoDate } from "../domain/calendar";
import { PlanError } from "../domain/errors";
import { FORECAST_CATEGORIES, type ForecastCategory } from "../domain/forecastCalls";
import { labelKey } from "../domain/labels";
import { percent } from "../i18n/figures";
import {
  callAccuracy,
  periodWithDates,
  signedBias,
  type AccuracyFigures,
  type PeriodDates,
} from "../workbook/pipelineAccuracy";
import { forecastFromLog, stageSteps } from "../workbook/pipelineHistory";
import { listed } from "../i18n/figures";
import {
  captureDatesOf,
  forecastCallsOf,
  pipelineLogOf,
  readPipelineSettings,
} from "../workbook/pipelineTables";
import type { PlanStore } from "../workbook/store";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import { FileProblem } from "./failures";
import type { Report } from "./scenarioInputs";
import { english, type Words } from "./words";

type Values = Record<string, string | number>;
export const sayIn = (words: Words) => (code: CliProblemCode, values?: Values) =>
  words.say(cliProblem(code, values));

/** A date option as a serial; refused (exit 2) unless it is a yyyy-mm-dd date. */
export function dateOption(option: string, value: string): number {
  const serial = serialFromIsoDate(value.trim());
  if (serial === undefined)
    throw new FileProblem(cliProblem("pipelineDateOption", { option, value }));
  return serial;
}

/** Whole currency units with the reader's separators, as `compare` prints potential and quotas. */
export const wholeIn = (words: Words) =>
  new Intl.NumberFormat(words.locale, { maximumFractionDigits: 0 });

/**
 * The domain's refusal of a log (a blank stage, a stage the chain cannot use…) as a report
 * (exit 3, the engine refused the input); anything else is not a refusal and goes on up.
 */
export function refusedByEngine(error: unknown, words: Words): Report {
  if (!(error instanceof PlanError)) throw error;
  const reason = words.say({ ...error.said, message: error.said.message });
  return {
    exitCode: 3,
    lines: [sayIn(words)("pipelineEngineRefused", { reason })],
    data: { error: error.message, kind: error.kind, where: error.where },
  };
}

/** A plan with captures, or the refusal (exit 2) to work on one without. */
export function requireCaptures(plan: Parameters<typeof captureDatesOf>[0]): number[] {
  const dates = captureDatesOf(plan);
  if (!dates.length) throw new FileProblem(cliProblem("pipelineNothingCaptured"));
  return dates;
}

/** `--period LABEL=yyyy-mm-dd..yyyy-mm-dd` options by label; refused (exit 2) unless each reads. */
export function periodOptions(values: readonly string[]): Map<string, PeriodDates> {
  const periods = new Map<string, PeriodDates>();
  for (const value of values) {
    const period = periodWithDates(value);
    if (!period) throw new FileProblem(cliProblem("pipelinePeriodOption", { value }));
    periods.set(period.label, { start: period.start, end: period.end });
  }
  return periods;
}

/** The period's forecast by category from the latest capture, with the stage odds behind it. */
export async function forecast(
  store: PlanStore,
  periodEndText: string,
  words: Words = english
): Promise<Report> {
  const say = sayIn(words);
  const periodEnd = dateOption("--period-end", periodEndText);
  const plan = await store.load();
  const dates = requireCaptures(plan);
  // A forecast is of what is still open: a period over by the last capture has none left.
  const last = dates[dates.length - 1];
  if (periodEnd < last)
    throw new FileProblem(
      cliProblem("pipelinePeriodOver", {
        periodEnd: isoFromSerial(periodEnd),
        last: isoFromSerial(last),
      })
    );
  let result;
  let steps;
  try {
    result = forecastFromLog(plan, periodEnd);
    const settings = readPipelineSettings(plan);
    steps = stageSteps(pipelineLogOf(plan), dates, settings).steps;
  } catch (error) {
    return refusedByEngine(error, words);
  }
  const whole = wholeIn(words);
  const figures = (r: { deals: number; amount: number; expected: number }) => ({
    deals: whole.format(r.deals),
    amount: whole.format(r.amount),
    expected: whole.format(r.expected),
  });
  const total = result.rows[result.rows.length - 1];
  // A bare 0 expected reads as a broken forecast: say why the open deals bring nothing.
  const nothing = result.nothingExpected;
  const asOf = isoFromSerial(result.asOf);
  const why =
    nothing &&
    (nothing.reason === "tooSoon"
      ? words.t("pipeline.forecast.tooSoon", { days: whole.format(nothing.days), asOf })
      : words.t("pipeline.forecast.noOdds", { asOf }));
  const odds = listed(
    words.t,
    result.chain.map((r) => `${r.stage} ${r.odds instanceof PlanError ? "—" : percent(r.odds.win)}`)
  );
  return {
    exitCode: 0,
    lines: [
      say("pipelineForecastTitle", {
        periodEnd: isoFromSerial(periodEnd),
        asOf: isoFromSerial(result.asOf),
      }),
      ...result.rows
        .slice(0, -1)
        .map((r) => say("pipelineForecastRow", { category: r.category, ...figures(r) })),
      say("pipelineForecastTotal", figures(total)),
      ...(why ? [`  ${why}`] : []),
      say("pipelineStageOdds", { steps: whole.format(steps), odds }),
      ...result.unestimated.map((u) =>
        say("pipelineStageNoOdds", {
          stage: u.stage,
          reason: words.say(u.reason.said as Parameters<Words["say"]>[0]),
          deals: whole.format(u.deals),
          amount: whole.format(u.amount),
        })
      ),
    ],
    data: {
      periodEnd: isoFromSerial(periodEnd),
      asOf: isoFromSerial(result.asOf),
      rows: result.rows,
      // Why the open deals are expected to bring 0 (null when they bring something).
      reason: nothing ? { ...nothing, message: why } : null,
      stages: result.chain.map((r) =>
        r.odds instanceof PlanError
          ? { stage: r.stage, error: r.odds.message }
          : { stage: r.stage, ...r.odds }
      ),
      steps,
      unestimated: result.unestimated.map((u) => ({
        stage: u.stage,
        reason: u.reason.message,
        deals: u.deals,
        amount: u.amount,
      })),
    },
  };
}

/** `--category` as the calls spell it; refused (exit 2) unless it is one. */
function categoryOption(value: string | undefined): ForecastCategory {
  if (value === undefined) return "Commit";
  const found = FORECAST_CATEGORIES.find((c) => labelKey(c) === labelKey(value));
  if (!found) throw new FileProblem(cliProblem("pipelineCategoryOption", { value }));
  return found;
}

/** The calls of past periods against what closed won, by period, by owner and overall. */
export async function accuracy(
  store: PlanStore,
  categoryText: string | undefined,
  periods: ReadonlyMap<string, PeriodDates>,
  words: Words = english
): Promise<Report> {
  const say = sayIn(words);
  const category = categoryOption(categoryText);
  const plan = await store.load();
  const dates = requireCaptures(plan);
  // A --period no call names is a typo or the wrong file: said, not silently left out.
  const called = [...new Set(forecastCallsOf(plan).calls.map((c) => c.period))];
  for (const label of periods.keys())
    if (!called.some((p) => labelKey(p) === labelKey(label)))
      throw new FileProblem(
        cliProblem("pipelinePeriodUncalled", { label, periods: listed(words.t, called) || "—" })
      );
  const result = callAccuracy(plan, { category, periods });
  const whole = wholeIn(words);
  const figures = (f: AccuracyFigures) => ({
    called: whole.format(f.called),
    closed: whole.format(f.closed),
    wape: percent(f.wape),
    bias: signedBias(f.bias),
    accuracy: percent(f.accuracy),
  });
  const notes = [
    ...(result.notOver.length
      ? [
          say("pipelineAccuracyNotOver", {
            asOf: isoFromSerial(dates[dates.length - 1]),
            periods: listed(words.t, result.notOver),
          }),
        ]
      : []),
    ...(result.undated.length
      ? [say("pipelineAccuracyUndated", { periods: listed(words.t, result.undated) })]
      : []),
    ...(result.withoutDeals.length
      ? [say("pipelineAccuracyWithoutDeals", { owners: listed(words.t, result.withoutDeals) })]
      : []),
    ...result.unowned.map(
      (u) =>
        `  ${words.t("pipeline.accuracy.unowned", { period: u.period, deals: whole.format(u.deals), amount: whole.format(u.amount) })}`
    ),
  ];
  const lines = result.pairs.length
    ? [
        say("pipelineAccuracyTitle", { category }),
        ...result.byPeriod.map((p) =>
          say("pipelineAccuracyPeriod", {
            period: p.period,
            start: isoFromSerial(p.start),
            end: isoFromSerial(p.end),
            ...figures(p),
          })
        ),
        say("pipelineAccuracyOwners"),
        ...result.byOwner.map((o) =>
          say("pipelineAccuracyOwner", { owner: o.owner, ...figures(o) })
        ),
        say("pipelineAccuracyTotal", figures(result.total)),
      ]
    : [say("pipelineAccuracyNone", { category })];
  return {
    exitCode: 0,
    lines: [...lines, ...notes],
    data: {
      ...result,
      byPeriod: result.byPeriod.map((p) => ({
        ...p,
        start: isoFromSerial(p.start),
        end: isoFromSerial(p.end),
      })),
    },
  };
}
