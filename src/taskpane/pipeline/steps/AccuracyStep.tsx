/**
 * Step 4, Accuracy: for each past period with calls, the standing calls against what closed
 * (the workbook layer's callAccuracy: WAPE, bias and accuracy by period, its trend earliest
 * first, and by owner), and what the pipeline forecast for a chosen period at each capture.
 */
import * as React from "react";
import {
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { callAccuracy } from "../../../workbook/pipelineAccuracy";
import type { LoadedLog } from "../../../workbook/pipelineTables";
import type { PlanSnapshot } from "../../../workbook/store";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { forecastsAtCaptures } from "../accuracyView";
import { dayText, percent, useAmounts } from "../display";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";

export function AccuracyStep(props: {
  plan?: PlanSnapshot;
  log?: LoadedLog;
  stages?: StageSettings;
}) {
  const { plan, log, stages } = props;
  const styles = usePipelineStyles();
  const { t, sayError } = useI18n();
  const fmt = useAmounts();
  const accuracy = React.useMemo(() => {
    if (!plan || !log || log.entries.length === 0) return undefined;
    try {
      return callAccuracy(plan);
    } catch (error) {
      return { error };
    }
  }, [plan, log]);
  const [chosen, setChosen] = React.useState("");
  const periods = accuracy && "byPeriod" in accuracy ? accuracy.byPeriod : [];
  const shown = periods.find((p) => p.period === chosen) ?? periods[periods.length - 1];
  const captures = React.useMemo(
    () => (shown && log && stages ? forecastsAtCaptures(log, stages, shown) : []),
    [shown, log, stages]
  );
  const section = (children: React.ReactNode) => (
    <section className={styles.step} aria-label={t("pipeline.step.accuracy")}>
      {children}
    </section>
  );
  if (accuracy && "error" in accuracy)
    return section(
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{sayError(accuracy.error)}</MessageBarBody>
      </MessageBar>
    );
  if (!accuracy || !shown) return section(<Text>{t("pipeline.accuracy.none")}</Text>);
  return section(
    <>
      <Text size={200}>{t("pipeline.accuracy.explain")}</Text>
      <Subtitle2 as="h2">{t("pipeline.accuracy.byPeriod")}</Subtitle2>
      <div className={styles.scroll}>
        <DataTable
          label={t("pipeline.accuracy.byPeriod")}
          columns={[
            t("pipeline.forecast.period"),
            t("pipeline.accuracy.called"),
            t("pipeline.accuracy.closed"),
            t("pipeline.accuracy.wape"),
            t("pipeline.accuracy.bias"),
            t("pipeline.accuracy.accuracy"),
          ]}
          rows={periods.map((p) => ({
            key: p.period,
            cells: [
              p.period,
              fmt(p.called),
              fmt(p.closed),
              percent(p.wape),
              percent(p.bias),
              percent(p.accuracy),
            ],
          }))}
        />
      </div>
      <Field label={t("pipeline.accuracy.period")}>
        <Select value={shown.period} onChange={(_, d) => setChosen(d.value)}>
          {periods.map((p) => (
            <option key={p.period} value={p.period}>
              {p.period}
            </option>
          ))}
        </Select>
      </Field>
      {!stages ? (
        <Text>{t("pipeline.fixStagesFirst")}</Text>
      ) : (
        <div className={styles.scroll}>
          <DataTable
            label={t("pipeline.accuracy.byCapture", { period: shown.period })}
            columns={[
              t("pipeline.accuracy.capture"),
              t("pipeline.accuracy.forecast"),
              t("pipeline.accuracy.closed"),
            ]}
            rows={captures.map((c) => ({
              key: String(c.asOf),
              cells: [
                dayText(c.asOf),
                c.forecast === undefined ? (c.why ?? "—") : fmt(c.forecast),
                fmt(shown.closed),
              ],
            }))}
          />
        </div>
      )}
      <Subtitle2 as="h2">{t("pipeline.accuracy.byOwner")}</Subtitle2>
      <div className={styles.scroll}>
        <DataTable
          label={t("pipeline.accuracy.byOwner")}
          columns={[
            t("pipeline.call.owner"),
            t("pipeline.accuracy.called"),
            t("pipeline.accuracy.closed"),
            t("pipeline.accuracy.wape"),
            t("pipeline.accuracy.bias"),
            t("pipeline.accuracy.accuracy"),
          ]}
          rows={accuracy.byOwner.map((o) => ({
            key: o.owner,
            cells: [
              o.owner,
              fmt(o.called),
              fmt(o.closed),
              percent(o.wape),
              percent(o.bias),
              percent(o.accuracy),
            ],
          }))}
        />
      </div>
    </>
  );
}
