/** Potential against target per rep (Fluent UI charts), loaded only when results are shown. */
import { GroupedVerticalBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import type { RepSummary } from "../../domain/territory";

export default function PotentialChart({
  reps,
  title,
  labels,
}: {
  reps: readonly RepSummary[];
  title: string;
  labels: { potential: string; target: string };
}) {
  const total = reps.reduce((sum, r) => sum + r.potential, 0);
  const data = reps.map((r) => ({
    name: r.repId,
    series: [
      {
        key: "potential",
        data: Math.round(r.potential),
        legend: labels.potential,
        // Foreground tokens: strong against the pane's background in light and dark themes alike.
        color: tokens.colorBrandForeground1,
      },
      {
        key: "target",
        data: Math.round(r.target * total),
        legend: labels.target,
        color: tokens.colorNeutralForeground2,
      },
    ],
  }));
  return (
    <GroupedVerticalBarChart
      chartTitle={title}
      data={data}
      height={260}
      width={Math.max(360, reps.length * 28)}
      barWidth="auto"
      hideLegend={false}
      margins={{ left: 56, right: 16, top: 16, bottom: 36 }}
    />
  );
}
