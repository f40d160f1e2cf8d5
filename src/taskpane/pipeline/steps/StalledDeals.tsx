/**
 * The stalled deals: longer in their current stage than three in four stays there lasted
 * (Kaplan–Meier, stays still going counted as such), with how often each close date was pushed.
 */
import * as React from "react";
import { Subtitle2, Text } from "@fluentui/react-components";
import type { Opportunity } from "../../../domain/pipelineLog";
import { stalledDeals } from "../../../domain/pipelineStalls";
import type { LoadedLog } from "../../../workbook/pipelineTables";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { dayText, useAmounts } from "../display";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";

export function StalledDeals(props: {
  log: LoadedLog;
  current: readonly Opportunity[];
  stages: StageSettings;
  asOf: number;
}) {
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const fmt = useAmounts();
  const { log, current, stages, asOf } = props;
  const stalled = React.useMemo(
    () => stalledDeals(log.entries, current, stages, asOf),
    [log, current, stages, asOf]
  );
  return (
    <>
      <Subtitle2 as="h2">{t("pipeline.stalled.heading")}</Subtitle2>
      <Text size={200}>{t("pipeline.stalled.explain", { date: dayText(props.asOf) })}</Text>
      {stalled.length === 0 ? (
        <Text>{t("pipeline.stalled.none")}</Text>
      ) : (
        <div className={styles.scroll}>
          <DataTable
            label={t("pipeline.stalled.heading")}
            columns={[
              t("pipeline.field.id"),
              t("pipeline.field.owner"),
              t("pipeline.field.stage"),
              t("pipeline.stalled.days"),
              t("pipeline.stalled.threshold"),
              t("pipeline.stalled.pushes"),
            ]}
            rows={stalled.map((d) => ({
              key: d.id,
              cells: [
                d.id,
                d.owner?.trim() || t("pipeline.field.noOwner"),
                d.stage,
                // In the stage before the first capture: the log sees only a floor of its stay.
                d.atLeast ? t("pipeline.stalled.atLeast", { days: fmt(d.days) }) : fmt(d.days),
                fmt(d.threshold),
                fmt(d.pushes),
              ],
            }))}
          />
        </div>
      )}
    </>
  );
}
