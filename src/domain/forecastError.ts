/**
 * How far forecasts were from what happened: the weighted absolute percentage error (WAPE)
 * sales teams track, its complement "accuracy" (the seed's "a good funnel forecasts with
 * 90–95% accuracy"), the bias (over- or under-calling) and the classic MAPE.
 */
import { finiteResult } from "./checks";
import { div0Error, valueError } from "./errors";
import { functionProblem } from "./functionProblems";

export type ForecastMetric = "wape" | "bias" | "mape" | "accuracy";
const METRICS: readonly ForecastMetric[] = ["wape", "bias", "mape", "accuracy"];

/** Reads the `metric` argument; case and surrounding spaces ignored. */
export function parseForecastMetric(metric: string | undefined): ForecastMetric {
  if (metric === undefined) return "wape";
  const name = metric.trim().toLowerCase() as ForecastMetric;
  if (METRICS.includes(name)) return name;
  throw valueError(functionProblem("unknownForecastMetric", { metric }), { field: "metric" });
}

/**
 * The metric over the pairs of forecast and actual (NaN = blank; a pair with a blank is
 * skipped). WAPE = Σ|A − F| ÷ Σ|A|; bias = Σ(F − A) ÷ ΣA (positive: over-forecast);
 * MAPE = mean of |A − F| ÷ |A| over A ≠ 0; accuracy = 1 − WAPE.
 */
export function forecastError(
  forecasts: Float64Array,
  actuals: Float64Array,
  metric: ForecastMetric = "wape"
): number {
  if (forecasts.length !== actuals.length)
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "forecasts",
        firstCount: forecasts.length,
        field: "actuals",
        count: actuals.length,
      }),
      { field: "actuals" }
    );
  let pairs = 0;
  let absError = 0;
  let absActual = 0;
  let signedError = 0;
  let actualSum = 0;
  let ratioSum = 0;
  let ratios = 0;
  for (let i = 0; i < forecasts.length; i++) {
    const f = forecasts[i];
    const a = actuals[i];
    if (f !== f || a !== a) continue;
    pairs++;
    absError += Math.abs(a - f);
    absActual += Math.abs(a);
    signedError += f - a;
    actualSum += a;
    if (a !== 0) {
      ratioSum += Math.abs(a - f) / Math.abs(a);
      ratios++;
    }
  }
  if (pairs === 0) throw div0Error(functionProblem("noForecastPairs"));
  let result: number;
  if (metric === "mape") {
    if (ratios === 0) throw div0Error(functionProblem("actualsAllZero"));
    result = ratioSum / ratios;
  } else if (metric === "bias") {
    if (actualSum === 0) throw div0Error(functionProblem("actualsSumZero"));
    result = signedError / actualSum;
  } else {
    if (absActual === 0) throw div0Error(functionProblem("actualsAllZero"));
    result = metric === "accuracy" ? 1 - absError / absActual : absError / absActual;
  }
  return finiteResult(result, "resultForecastError");
}
