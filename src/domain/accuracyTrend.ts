/**
 * Where forecast accuracy is heading: the least-squares slope of accuracy (1 − WAPE,
 * forecastError.ts) over the periods in order, against the seed's target ("a good funnel
 * forecasts with 90–95% accuracy"). One period is one step of the line, whatever its length,
 * as a manager reads a row of monthly or quarterly figures.
 */

/** The seed's target band for forecast accuracy. */
export const ACCURACY_TARGET = { low: 0.9, high: 0.95 } as const;

/**
 * A slope smaller than this either way, one point of accuracy a period, is called steady:
 * under twelve points over a year of months, less than the width of the target band twice.
 */
export const STEADY_SLOPE = 0.01;

export type TrendDirection = "improving" | "worsening" | "steady";

export interface AccuracyTrend {
  /** Change of accuracy a period on the least-squares line (0.02: two points a period better). */
  slope: number;
  direction: TrendDirection;
  /** Periods with an accuracy, the line's points. */
  periods: number;
  /** The latest period's accuracy. */
  latest: number;
}

/**
 * The trend of `accuracy`, one value a period, earliest first (null: the period has no
 * accuracy, nothing closed in it; skipped, its place kept). Undefined with fewer than two
 * periods to draw a line through.
 */
export function accuracyTrend(accuracy: readonly (number | null)[]): AccuracyTrend | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  accuracy.forEach((y, x) => {
    if (y !== null && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  });
  const n = xs.length;
  if (n < 2) return undefined;
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
    sxx += (xs[i] - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const direction: TrendDirection =
    Math.abs(slope) < STEADY_SLOPE ? "steady" : slope > 0 ? "improving" : "worsening";
  return { slope, direction, periods: n, latest: ys[n - 1] };
}
