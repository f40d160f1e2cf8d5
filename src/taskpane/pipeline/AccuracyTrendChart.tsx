/**
 * Accuracy by period as a line (Fluent UI charts), between the two dashed lines of the
 * seed's 90–95% target band; loaded only when the Accuracy step shows it. The periods stand
 * at 1, 2, 3… on the x-axis, labelled with their names; a period without an accuracy
 * (nothing closed in it) has no point. The target lines say `mode: "lines"`: once one series
 * asks for markers, Fluent draws a series without a mode as invisible dots and no line; they
 * are thinner than the accuracy line, which often runs along them. The legend wraps, so the
 * lower target is never folded into an untranslated "+1 more".
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
  const flat = (value: number) => [
    { x: 1, y: pct(value) },
    { x: Math.max(2, points.length), y: pct(value) },
  ];
  const known = points.flatMap((p, i) =>
    p.accuracy === null ? [] : [{ x: i + 1, y: pct(p.accuracy) }]
  );
  const lowest = Math.min(0, ...known.map((p) => p.y));
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
            data: flat(target.high),
            color: tokens.colorPaletteGreenForeground1,
            lineOptions: { mode: "lines", strokeDasharray: "6 3", strokeWidth: 2 },
            hideNonActiveDots: true,
          },
          {
            legend: legend.low,
            data: flat(target.low),
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
      yMaxValue={100}
      yAxisTickFormat={(v: number) => `${v}%`}
      tickValues={x}
      xAxis={{ tickText: points.map((p) => p.period) }}
      margins={{ left: 40, right: 8, top: 16, bottom: 36 }}
    />
  );
}
