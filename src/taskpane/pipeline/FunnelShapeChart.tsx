/** Today's stage mix beside the steady-state mix (Fluent UI charts), loaded only when shown. */
import { GroupedVerticalBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import type { StageShare } from "../../domain/funnelShape";

export default function FunnelShapeChart({
  shares,
  title,
  legend,
}: {
  shares: readonly StageShare[];
  title: string;
  legend: { today: string; steady: string };
}) {
  const data = shares.map((s) => ({
    name: s.stage,
    series: [
      {
        key: "today",
        data: Math.round(s.today * 100),
        legend: legend.today,
        color: tokens.colorBrandForeground1,
      },
      {
        key: "steady",
        data: Math.round((s.steady ?? 0) * 100),
        legend: legend.steady,
        color: tokens.colorNeutralForeground2,
      },
    ],
  }));
  return (
    <GroupedVerticalBarChart
      chartTitle={title}
      data={data}
      height={220}
      width={Math.max(280, shares.length * 56)}
      barWidth="auto"
      hideLegend={false}
      margins={{ left: 40, right: 8, top: 16, bottom: 36 }}
    />
  );
}
