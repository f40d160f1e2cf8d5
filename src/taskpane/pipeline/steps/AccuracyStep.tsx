/**
 * Step 4, Accuracy: for each past period with calls, the standing calls against what closed
 * (the workbook layer's callAccuracy: WAPE, bias and accuracy by period, earliest first, and
 * by owner), the trend of accuracy over the periods against the seed's 90–95% target (a
 * chart and a sentence, src/domain/accuracyTrend.ts), and what the pipeline forecast for a
 * chosen period at each capture.
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
import { ACCURACY_TARGET, STEADY_SLOPE, accuracyTrend } from "../../../domain/accuracyTrend";
import {
  ACCURACY_PERIOD_HEADINGS,
  callAccuracy,
  signedBias,
} from "../../../workbook/pipelineAccuracy";
import type { LoadedLog } from "../../../workbook/pipelineTables";
import type { PlanSnapshot } from "../../../workbook/store";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { forecastsAtCaptures, type CaptureForecast } from "../accuracyView";
import { dayText, percent, useAmounts } from "../display";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";

const AccuracyTrendChart = React.lazy(() => import("../AccuracyTrendChart"));

const SAID = {
  improving: "pipeline.accuracy.trendImproving",
  worsening: "pipeline.accuracy.trendWorsening",
  steady: "pipeline.accuracy.trendSteady",
} as const;

/** Points of accuracy (0.012 → "1.2"), as the trend sentence says its slope. */
const points = (share: number) => (Math.abs(share) * 100).toFixed(1);

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
  const periods = React.useMemo(
    () => (accuracy && "byPeriod" in accuracy ? accuracy.byPeriod : []),
    [accuracy]
  );
  const shown = periods.find((p) => p.period === chosen) ?? periods[periods.length - 1];
  const trend = React.useMemo(() => accuracyTrend(periods.map((p) => p.accuracy)), [periods]);
  const captures = React.useMemo(
    () => (shown && plan && stages ? forecastsAtCaptures(plan, stages, shown) : []),
    [shown, plan, stages]
  );
  // A bare figure would hide that the open pipeline added nothing to it: say why beside it.
  const forecastCell = (c: CaptureForecast) => {
    if (c.forecast === undefined) return c.why ?? "—";
    const amount = fmt(c.forecast);
    const nothing = c.nothingExpected;
    if (!nothing) return amount;
    return nothing.reason === "tooSoon"
      ? t("pipeline.accuracy.wonOnlyTooSoon", { amount, days: fmt(nothing.days) })
      : t("pipeline.accuracy.wonOnlyNoOdds", { amount });
  };
  const target = { low: percent(ACCURACY_TARGET.low, 0), high: percent(ACCURACY_TARGET.high, 0) };
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
          columns={ACCURACY_PERIOD_HEADINGS.map((key) => t(key))}
          rows={periods.map((p) => ({
            key: p.period,
            cells: [
              p.period,
              fmt(p.called),
              fmt(p.closed),
              percent(p.wape),
              signedBias(p.bias),
              percent(p.accuracy),
            ],
          }))}
        />
      </div>
      {accuracy.unowned.map((u) => (
        <Text key={u.period} size={200}>
          {t("pipeline.accuracy.unowned", {
            period: u.period,
            deals: fmt(u.deals),
            amount: fmt(u.amount),
          })}
        </Text>
      ))}
      <Subtitle2 as="h2">{t("pipeline.accuracy.trend")}</Subtitle2>
      <div className={styles.chart}>
        <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
          <AccuracyTrendChart
            title={t("pipeline.accuracy.trendChart", target)}
            points={periods}
            target={ACCURACY_TARGET}
            legend={{
              accuracy: t("pipeline.accuracy.accuracy"),
              low: t("pipeline.accuracy.trendTargetLow", { value: target.low }),
              high: t("pipeline.accuracy.trendTargetHigh", { value: target.high }),
            }}
          />
        </React.Suspense>
      </div>
      <Text>
        {trend
          ? t(SAID[trend.direction], {
              slope: points(trend.slope),
              steady: points(STEADY_SLOPE),
              count: fmt(trend.periods),
              latest: percent(trend.latest),
              ...target,
            })
          : t("pipeline.accuracy.trendTooFew")}
      </Text>
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
              cells: [dayText(c.asOf), forecastCell(c), fmt(shown.closed)],
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
              signedBias(o.bias),
              percent(o.accuracy),
            ],
          }))}
        />
      </div>
    </>
  );
}
