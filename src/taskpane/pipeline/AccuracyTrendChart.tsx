/**
 * Accuracy by period as a line (Fluent UI charts), between the two dashed lines of the
 * seed's 90–95% target band; loaded only when the Accuracy step shows it. The periods stand
 * at 1, 2, 3… on the x-axis, labelled with their names; a period without an accuracy
 * (nothing closed in it) has no point. The target lines say `mode: "lines"`: once one series
 * asks for markers, Fluent draws a series without a mode as invisible dots and no line; they
 * are thinner than the accuracy line, which often runs along them. The legend wraps, so the
 * lower target is never folded into an untranslated "+1 more".
 *
 * Fluent's linear y-axis always starts at 0 or below (yMinValue can only lower it), which
 * squeezes the target band into a few pixels. So every line is drawn above a base — tens
 * below the lowest accuracy or target, never below 0 — and the ticks, the hover callouts and
 * the points' spoken labels give the real percentage.
 */
import { LineChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";

export default function AccuracyTrendChart({
  points,
  target,
  title,
  legend,
}: {
  points: readonly { period: string; accuracy: number | null }[];
  target: { low: number; high: number };
  title: string;
  legend: { accuracy: string; low: string; high: string };
}) {
  const x = points.map((_, i) => i + 1);
  const pct = (v: number) => Math.round(v * 1000) / 10;
  const accuracies = points.flatMap((p) => (p.accuracy === null ? [] : [pct(p.accuracy)]));
  const { base, intervals } = axisScale([...accuracies, pct(target.low)]);
  /** A point drawn `base` lower, which says its real percentage when hovered or read aloud. */
  const point = (at: number, percent: number, name: string) => ({
    x: at,
    y: percent - base,
    yAxisCalloutData: `${percent}%`,
    callOutAccessibilityData: { ariaLabel: `${name}, ${percent}%` },
  });
  const flat = (value: number, name: string) => [
    point(1, pct(value), name),
    point(Math.max(2, points.length), pct(value), name),
  ];
  const known = points.flatMap((p, i) =>
    p.accuracy === null ? [] : [point(i + 1, pct(p.accuracy), p.period)]
  );
  const lowest = Math.min(0, ...known.map((p) => p.y));
  // Below 0% (an accuracy can be negative) Fluent adds its own ticks down to it.
  const tickCount = lowest < 0 ? undefined : intervals;
  return (
    <LineChart
      data={{
        chartTitle: title,
        lineChartData: [
          {
            legend: legend.accuracy,
            data: known,
            color: tokens.colorBrandForeground1,
            lineOptions: { mode: "lines+markers" },
          },
          {
            legend: legend.high,
            data: flat(target.high, legend.high),
            color: tokens.colorPaletteGreenForeground1,
            lineOptions: { mode: "lines", strokeDasharray: "6 3", strokeWidth: 2 },
            hideNonActiveDots: true,
          },
          {
            legend: legend.low,
            data: flat(target.low, legend.low),
            color: tokens.colorPaletteGreenForeground1,
            lineOptions: { mode: "lines", strokeDasharray: "2 3", strokeWidth: 2 },
            hideNonActiveDots: true,
          },
        ],
      }}
      legendProps={{ enabledWrapLines: true }}
      height={220}
      width={Math.max(280, points.length * 56)}
      yMinValue={lowest}
      yMaxValue={100 - base}
      yAxisTickCount={tickCount}
      yAxisTickFormat={(v: number) => `${Math.round(v + base)}%`}
      tickValues={x}
      xAxis={{ tickText: points.map((p) => p.period) }}
      margins={{ left: 48, right: 8, top: 16, bottom: 36 }}
    />
  );
}

/**
 * Where the drawn axis starts and how many intervals it has up to 100%: at least 10 below
 * every value and not below 0, at a multiple of the tick step (10, or 20 for a span over
 * 60), so that Fluent's evenly split ticks fall on round percentages.
 */
export function axisScale(percents: readonly number[]): { base: number; intervals: number } {
  const lowest = Math.min(...percents) - 10;
  const base = Math.max(0, Math.floor(lowest / 10) * 10);
  if (100 - base <= 60) return { base, intervals: (100 - base) / 10 };
  const wide = Math.max(0, Math.floor(lowest / 20) * 20);
  return { base: wide, intervals: (100 - wide) / 20 };
}
