/** Capacity revenue against a twelfth of the target, by month (Fluent UI charts), loaded when shown. */
import { GroupedVerticalBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import type { CapacityMonth } from "../../domain/capacity";

export default function CapacityChart({
  months,
  monthlyTarget,
  title,
  labels,
}: {
  months: readonly CapacityMonth[];
  /** The company target ÷ 12, when there is one. */
  monthlyTarget?: number;
  title: string;
  labels: { month: (month: number) => string; capacity: string; target: string };
}) {
  const data = months.map((m, i) => ({
    name: labels.month(i + 1),
    series: [
      {
        key: "capacity",
        data: Math.round(m.revenue),
        legend: labels.capacity,
        // Foreground tokens: strong against the pane's background in light and dark themes alike.
        color: tokens.colorBrandForeground1,
      },
      ...(monthlyTarget === undefined
        ? []
        : [
            {
              key: "target",
              data: Math.round(monthlyTarget),
              legend: labels.target,
              color: tokens.colorNeutralForeground2,
            },
          ]),
    ],
  }));
  return (
    <GroupedVerticalBarChart
      chartTitle={title}
      data={data}
      height={240}
      width={360}
      barWidth="auto"
      hideLegend={false}
      margins={{ left: 56, right: 16, top: 16, bottom: 36 }}
    />
  );
}
