/**
 * The Pipeline pane (the funnel table, 销售漏斗表): capture the opportunities table into the
 * pipeline log, see what moved between two dates and which deals stall, forecast the period
 * and keep each call, measure past forecasts, and read the funnel's shape.
 *
 * This file holds the pane's state and its two writes (a capture, a call), both through the
 * workbook layer (src/workbook/pipelineTables.ts) and the store; the steps are in steps/,
 * their figures from src/domain (pipelineStalls, funnelShape) and the workbook layer's
 * pipelineHistory.ts, which the command line reads too, with a few pure *View.ts helpers.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { StepTabs } from "../components/StepTabs";
import { isoFromSerial, serialFromIsoDate, todaySerial } from "../../domain/calendar";
import { pipelineLogProblem } from "../../domain/pipelineLog";
import { errorText } from "../../domain/problem";
import {
  PIPELINE_SETTINGS,
  capturePipeline,
  captureDatesOf,
  forecastCallsOf,
  pipelineLogOf,
  pipelineSettingsChanges,
  readPipelineSettings,
  snapshotAsOf,
  submitCall,
} from "../../workbook/pipelineTables";
import type { PlanProblem } from "../../workbook/rows";
import { PlanStoreError } from "../../workbook/store";
import { useI18n } from "../i18n";
import { usePlan } from "../plan/PlanContext";
import { PlanStatus } from "../plan/PlanStatus";
import { PlanProblems } from "../components/PlanProblems";
import { EMPTY_LOG, lastCaptureSummary } from "./pipelineHistory";
import { AccuracyStep } from "./steps/AccuracyStep";
import type { CallDraftInput } from "./steps/CallForm";
import { CaptureStep, type CaptureOutcome } from "./steps/CaptureStep";
import { ForecastStep } from "./steps/ForecastStep";
import { MovementStep } from "./steps/MovementStep";
import { ReviewButton } from "./steps/ReviewButton";
import { ShapeStep } from "./steps/ShapeStep";
import { usePipelineSource } from "./usePipelineSource";
import { usePipelineStyles } from "./usePipelineStyles.styles";
import { useStageSettings } from "./useStageSettings";

const STEPS = ["capture", "movement", "forecast", "accuracy", "shape"] as const;

/** The calendar quarter holding a day, as the calls name periods ("2027 Q1"). */
const quarterOfDay = (serial: number) => {
  const [year, month] = isoFromSerial(serial).split("-").map(Number);
  return `${year} Q${Math.ceil(month / 3)}`;
};
type Step = (typeof STEPS)[number];

export function PipelinePane() {
  const styles = usePipelineStyles();
  const { t, say, sayError } = useI18n();
  const { store, snapshot, adopt } = usePlan();
  const [step, setStep] = React.useState<Step>("capture");
  const today = todaySerial();
  const settings = React.useMemo(() => snapshot && readPipelineSettings(snapshot), [snapshot]);
  const read = React.useMemo(() => snapshot && pipelineLogOf(snapshot), [snapshot]);
  // A log the store could not read whole is not read at all: its problems say why.
  const loaded = read && read.problems.length === 0 ? read : EMPTY_LOG;
  const log = loaded.entries;
  const dates = React.useMemo(
    () => (snapshot && loaded !== EMPTY_LOG ? captureDatesOf(snapshot) : []),
    [snapshot, loaded]
  );
  const calls = React.useMemo(() => (snapshot ? forecastCallsOf(snapshot).calls : []), [snapshot]);
  const snapshotAt = React.useCallback(
    (date: number) => (snapshot && loaded !== EMPTY_LOG ? snapshotAsOf(snapshot, date) : []),
    [snapshot, loaded]
  );
  const source = usePipelineSource();
  const stages = useStageSettings(settings, log);
  const now =
    source.read && source.read.problems.length === 0 ? source.read.opportunities : undefined;
  const last = dates[dates.length - 1];
  const lastCapture = React.useMemo(() => lastCaptureSummary(log), [log]);
  // Funnel shape reads today's mix from the table as it is, else from the last capture.
  const todaysDeals = React.useMemo(
    () => now ?? (last === undefined ? [] : snapshotAt(last)),
    [now, last, snapshotAt]
  );

  const [asOfText, setAsOfText] = React.useState(isoFromSerial(today));
  const [capturing, setCapturing] = React.useState(false);
  const [captured, setCaptured] = React.useState<CaptureOutcome>();
  const [problems, setProblems] = React.useState<PlanProblem[]>([]);
  const [message, setMessage] = React.useState<{ intent: "success" | "error"; text: string }>();
  const asOf = serialFromIsoDate(asOfText.trim());
  // The log's own rule, said at the date field before anything is tried.
  const asOfMessage =
    asOf !== undefined && last !== undefined && asOf < last
      ? say(pipelineLogProblem("captureBeforeLast", { asOf: asOfText, last: isoFromSerial(last) }))
      : undefined;

  const failed = (error: unknown) => {
    setProblems(error instanceof PlanStoreError ? error.problems : []);
    setMessage({
      intent: "error",
      text: error instanceof PlanStoreError ? sayError(error) : errorText(error),
    });
  };

  const capture = async (date: number) => {
    if (!snapshot || !source.source) return;
    setCapturing(true);
    setCaptured(undefined);
    setMessage(undefined);
    setProblems([]);
    try {
      const result = await capturePipeline(store, date, { plan: snapshot, source: source.source });
      adopt(result.plan);
      setCaptured({ asOf: result.asOf, summary: result.summary });
      // The stages typed are kept beside the table's mapping, so the next session reads alike
      // (a second save: capturePipeline saves the log and the source only).
      const typed = stages.stages;
      const kept = readPipelineSettings(result.plan);
      if (
        typed &&
        (typed.stages.join("; ") !== (kept.stages ?? []).join("; ") ||
          typed.won !== kept.wonLabel ||
          typed.lost !== kept.lostLabel)
      ) {
        const changes = pipelineSettingsChanges(result.plan, result.source, {
          stages: [...typed.stages],
          wonLabel: typed.won,
          lostLabel: typed.lost,
        });
        adopt(await store.save(result.plan, changes, PIPELINE_SETTINGS));
      }
    } catch (error) {
      failed(error);
    } finally {
      setCapturing(false);
    }
  };

  const [submitting, setSubmitting] = React.useState(false);
  const submit = async (draft: CallDraftInput): Promise<boolean> => {
    if (!snapshot) return false;
    setSubmitting(true);
    setMessage(undefined);
    setProblems([]);
    try {
      const { plan, call } = await submitCall(store, snapshot, draft);
      adopt(plan);
      const kept = forecastCallsOf(plan).calls.length;
      setMessage({
        intent: "success",
        text: t("pipeline.call.kept", { id: call.callId, count: kept }),
      });
      return true;
    } catch (error) {
      failed(error);
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className={styles.root}>
      <PlanStatus />
      {read && <PlanProblems problems={read.problems} />}
      <Text as="p">{t("pipeline.intro")}</Text>
      <StepTabs
        steps={STEPS}
        selected={step}
        onSelect={setStep}
        label={(s) => t(`pipeline.step.${s}`)}
      />
      {message && step !== "capture" && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {source.loadError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {t("territories.readFailed", { reason: source.loadError })}
          </MessageBarBody>
        </MessageBar>
      )}
      {step === "capture" && (
        <>
          {message?.intent === "error" && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{message.text}</MessageBarBody>
            </MessageBar>
          )}
          <CaptureStep
            source={source}
            stages={stages}
            asOfText={asOfText}
            onAsOf={setAsOfText}
            asOfMessage={asOfMessage}
            lastCapture={last}
            captures={dates.length}
            capturing={capturing}
            onCapture={(date) => void capture(date)}
            captured={captured ?? lastCapture}
            problems={problems}
          />
        </>
      )}
      {step === "movement" && (
        <MovementStep
          log={loaded}
          dates={dates}
          now={now}
          snapshotAt={snapshotAt}
          stages={stages.stages}
          today={today}
        />
      )}
      {step === "forecast" && (
        <ForecastStep
          plan={loaded === EMPTY_LOG ? undefined : snapshot}
          dates={dates}
          stages={stages.stages}
          calls={calls}
          defaultPeriod={quarterOfDay(today)}
          submitting={submitting}
          onSubmit={submit}
        />
      )}
      {step === "accuracy" && <AccuracyStep plan={snapshot} log={loaded} stages={stages.stages} />}
      {step === "shape" && <ShapeStep log={log} today={todaysDeals} stages={stages.stages} />}
      {/* Under every step: the executives' sheet of what the steps show. */}
      <ReviewButton />
    </div>
  );
}
