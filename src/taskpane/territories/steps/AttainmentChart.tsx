/** Reps by last year's revenue ÷ this year's quota (Fluent UI charts), loaded only when shown. */
import { VerticalBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";

export default function AttainmentChart({
  bars,
  title,
  legend,
}: {
  /** One bar per bucket, lowest first: its label and how many reps fall in it. */
  bars: readonly { label: string; count: number; made: boolean }[];
  title: string;
  legend: { made: string; missed: string };
}) {
  return (
    <VerticalBarChart
      chartTitle={title}
      data={bars.map((b) => ({
        x: b.label,
        y: b.count,
        legend: b.made ? legend.made : legend.missed,
        // Foreground tokens: strong against the pane's background in light and dark themes alike.
        color: b.made ? tokens.colorBrandForeground1 : tokens.colorNeutralForeground2,
      }))}
      height={200}
      width={360}
      barWidth="auto"
      hideLegend={false}
      margins={{ left: 40, right: 16, top: 16, bottom: 36 }}
    />
  );
}
