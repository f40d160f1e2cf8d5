/**
 * Step 3, Forecast: the period, the weighted figure by forecast category from a capture
 * (the workbook layer's forecastFromLog, as `sales-plan pipeline forecast` prints it: win
 * odds learned from the log, timing from the stays in each stage), the learned odds, the
 * standing calls, and the form for a new call or a manager's adjustment.
 */
import * as React from "react";
import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { serialFromIsoDate } from "../../../domain/calendar";
import { PlanError } from "../../../domain/errors";
import { latestCalls, type ForecastCall } from "../../../domain/forecastCalls";
import { periodDates } from "../../../workbook/pipelineAccuracy";
import { forecastFromLog } from "../../../workbook/pipelineHistory";
import type { PlanSnapshot } from "../../../workbook/store";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { dayText, percent, useAmounts } from "../display";
import type { StageSettings } from "../pipelineHistory";
import { usePipelineStyles } from "../usePipelineStyles.styles";
import { CallForm, categoryKey, type CallDraftInput } from "./CallForm";

export interface ForecastStepProps {
  plan?: PlanSnapshot;
  dates: readonly number[];
  stages?: StageSettings;
  calls: readonly ForecastCall[];
  /** The period as first shown: the quarter holding today ("2027 Q1"). */
  defaultPeriod: string;
  submitting: boolean;
  onSubmit(draft: CallDraftInput): Promise<boolean>;
}

export function ForecastStep(props: ForecastStepProps) {
  const { plan, dates, stages, calls } = props;
  const styles = usePipelineStyles();
  const { t, sayError } = useI18n();
  const fmt = useAmounts();
  const [periodText, setPeriodText] = React.useState(props.defaultPeriod);
  const [endText, setEndText] = React.useState("");
  const [at, setAt] = React.useState("");
  const period = periodDates(periodText);
  const typedEnd = endText.trim() === "" ? undefined : serialFromIsoDate(endText.trim());
  const endMessage =
    endText.trim() !== "" && typedEnd === undefined ? t("pipeline.forecast.endInvalid") : undefined;
  const periodMessage =
    periodText.trim() === ""
      ? t("pipeline.forecast.periodBlank")
      : !period && typedEnd === undefined
        ? t("pipeline.forecast.periodUnknown")
        : undefined;
  const periodEnd = typedEnd ?? period?.end;
  const asOf = at ? Number(at) : dates[dates.length - 1];

  const figures = React.useMemo(() => {
    if (!plan || !stages || asOf === undefined || periodEnd === undefined) return undefined;
    try {
      return forecastFromLog(plan, periodEnd, { asOf, stages });
    } catch (error) {
      return { error };
    }
  }, [plan, stages, asOf, periodEnd]);
  const standing = React.useMemo(() => latestCalls(calls, periodText.trim()), [calls, periodText]);

  return (
    <section className={styles.step} aria-label={t("pipeline.step.forecast")}>
      <div className={styles.grid}>
        <Field
          label={t("pipeline.forecast.period")}
          hint={t("pipeline.forecast.periodHint")}
          validationMessage={periodMessage}
          validationState={periodMessage ? "error" : "none"}
        >
          <Input value={periodText} onChange={(_, d) => setPeriodText(d.value)} />
        </Field>
        <Field
          label={t("pipeline.forecast.end")}
          hint={period ? dayText(period.end) : undefined}
          validationMessage={endMessage}
          validationState={endMessage ? "error" : "none"}
        >
          <Input type="date" value={endText} onChange={(_, d) => setEndText(d.value)} />
        </Field>
      </div>
      {dates.length > 0 && (
        <Field label={t("pipeline.forecast.asOf")}>
          <Select value={String(asOf)} onChange={(_, d) => setAt(d.value)}>
            {dates.map((d) => (
              <option key={d} value={String(d)}>
                {dayText(d)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {dates.length === 0 && <Text>{t("pipeline.movement.noCaptures")}</Text>}
      {!stages && <Text>{t("pipeline.fixStagesFirst")}</Text>}
      {figures && "error" in figures && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{sayError(figures.error)}</MessageBarBody>
        </MessageBar>
      )}
      {figures && "rows" in figures && (
        <>
          <Subtitle2 as="h2">{t("pipeline.forecast.weighted")}</Subtitle2>
          <div className={styles.scroll}>
            <DataTable
              label={t("pipeline.forecast.weighted")}
              columns={[
                t("pipeline.field.forecastCategory"),
                t("pipeline.movement.deals"),
                t("pipeline.movement.amount"),
                t("pipeline.forecast.expected"),
              ]}
              rows={figures.rows.map((r) => ({
                key: r.category,
                cells: [
                  r.category === "Total" ? t("pipeline.forecast.total") : r.category,
                  fmt(r.deals),
                  fmt(r.amount),
                  fmt(r.expected),
                ],
              }))}
            />
          </div>
          {figures.nothingExpected?.reason === "tooSoon" && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {t("pipeline.forecast.tooSoon", {
                  days: fmt(figures.nothingExpected.days),
                  asOf: dayText(figures.asOf),
                })}
              </MessageBarBody>
            </MessageBar>
          )}
          {figures.unestimated.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {t("pipeline.forecast.unknownStages", {
                  stages: figures.unestimated.map((u) => u.stage).join("; "),
                })}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.scroll}>
            <DataTable
              label={t("pipeline.forecast.odds")}
              columns={[t("pipeline.field.stage"), t("pipeline.forecast.winChance")]}
              rows={figures.chain.map((o) => ({
                key: o.stage,
                cells: [o.stage, o.odds instanceof PlanError ? "—" : percent(o.odds.win)],
              }))}
            />
          </div>
        </>
      )}
      <Subtitle2 as="h2">{t("pipeline.call.heading")}</Subtitle2>
      {standing.length > 0 ? (
        <div className={styles.scroll}>
          <DataTable
            label={t("pipeline.call.standing")}
            columns={[
              t("pipeline.call.owner"),
              t("pipeline.call.category"),
              t("pipeline.call.amount"),
              t("pipeline.call.submissions"),
            ]}
            rows={standing.map((c) => ({
              key: c.call.callId,
              cells: [
                c.owner,
                t(categoryKey(c.category)),
                c.adjustments.length
                  ? t("pipeline.call.adjustedFrom", {
                      amount: fmt(c.amount),
                      call: fmt(c.call.amount),
                    })
                  : fmt(c.amount),
                fmt(1 + c.earlier + c.adjustments.length),
              ],
            }))}
          />
        </div>
      ) : (
        <Text>{t("pipeline.call.none")}</Text>
      )}
      <CallForm
        period={periodText.trim()}
        calls={calls}
        standing={standing}
        submitting={props.submitting}
        onSubmit={props.onSubmit}
      />
    </section>
  );
}
