/**
 * The pipeline bridge as a waterfall (Fluent UI charts), loaded only when Movement shows it:
 * Start and End stand on the axis; each bar between floats on an invisible base at the
 * running total, rising for what came in and falling for what went out.
 */
import { VerticalStackedBarChart } from "@fluentui/react-charts";
import { tokens } from "@fluentui/react-components";
import type { BridgeRow } from "../../domain/pipelineMoves";

const INFLOWS: ReadonlySet<BridgeRow> = new Set(["New", "Pulled in", "Increased"]);

export default function PipelineBridgeChart({
  bars,
  title,
  legend,
}: {
  bars: readonly { label: string; row: BridgeRow; amount: number }[];
  title: string;
  legend: { total: string; up: string; down: string };
}) {
  let running = 0;
  const data = bars.map((b) => {
    let base = 0;
    let kind: "total" | "up" | "down" = "total";
    if (b.row === "Start" || b.row === "End") running = b.amount;
    else if (INFLOWS.has(b.row)) {
      base = running;
      running += b.amount;
      kind = "up";
    } else {
      running -= b.amount;
      base = running;
      kind = "down";
    }
    const color =
      kind === "total"
        ? tokens.colorNeutralForeground2
        : kind === "up"
          ? tokens.colorBrandForeground1
          : tokens.colorPaletteDarkOrangeForeground1;
    return {
      xAxisPoint: b.label,
      chartData: [
        { legend: " ", data: Math.max(0, Math.round(base)), color: "transparent" },
        { legend: legend[kind], data: Math.round(b.amount), color },
      ],
    };
  });
  return (
    <VerticalStackedBarChart
      chartTitle={title}
      data={data}
      height={240}
      width={300}
      rotateXAxisLables
      barWidth="auto"
      hideLegend
      margins={{ left: 48, right: 8, top: 16, bottom: 64 }}
    />
  );
}
