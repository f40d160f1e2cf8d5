/**
 * Step 5, Funnel shape: today's mix of open deals by stage against the mix the observed
 * transitions imply in the long run, and the diagnosis in words.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { funnelShape } from "../../../domain/funnelShape";
import type { LogEntry, Opportunity } from "../../../domain/pipelineLog";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { percent, useAmounts } from "../display";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";

const FunnelShapeChart = React.lazy(() => import("../FunnelShapeChart"));

const SAID = {
  inflow: "pipeline.shape.bulgeInflow",
  conversion: "pipeline.shape.bulgeConversion",
  earlier: "pipeline.shape.bulgeEarlier",
} as const;

export function ShapeStep(props: {
  log: readonly LogEntry[];
  today: readonly Opportunity[];
  stages?: StageSettings;
}) {
  const { log, today, stages } = props;
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const fmt = useAmounts();
  const shape = React.useMemo(
    () => (stages ? funnelShape(log, today, stages) : undefined),
    [log, today, stages]
  );
  if (!stages || !shape)
    return (
      <section className={styles.step} aria-label={t("pipeline.step.shape")}>
        <Text>{t("pipeline.fixStagesFirst")}</Text>
      </section>
    );
  const d = shape.diagnosis;
  const steadyKnown = shape.shares.some((s) => s.steady !== undefined);
  return (
    <section className={styles.step} aria-label={t("pipeline.step.shape")}>
      <Text size={200}>{t("pipeline.shape.explain")}</Text>
      <div className={styles.chart}>
        <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
          <FunnelShapeChart
            title={t("pipeline.shape.chart")}
            shares={shape.shares}
            legend={{ today: t("pipeline.shape.today"), steady: t("pipeline.shape.steady") }}
          />
        </React.Suspense>
      </div>
      <div className={styles.scroll}>
        <DataTable
          label={t("pipeline.shape.table")}
          columns={[
            t("pipeline.field.stage"),
            t("pipeline.shape.today"),
            t("pipeline.shape.steady"),
          ]}
          rows={shape.shares.map((s) => ({
            key: s.stage,
            cells: [s.stage, percent(s.today), percent(s.steady)],
          }))}
        />
      </div>
      <MessageBar intent={d ? "warning" : "info"} layout="multiline">
        <MessageBarBody>
          {!steadyKnown
            ? t("pipeline.shape.noSteady")
            : !d
              ? t("pipeline.shape.healthy")
              : t(SAID[d.cause], {
                  stage: d.stage,
                  today: percent(d.today),
                  steady: percent(d.steady),
                  recent: d.cause === "conversion" ? percent(d.recent) : fmt(d.recent),
                  usual: d.cause === "conversion" ? percent(d.usual) : d.usual.toFixed(1),
                })}
        </MessageBarBody>
      </MessageBar>
    </section>
  );
}
