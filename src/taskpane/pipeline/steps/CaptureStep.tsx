/**
 * Step 1, Capture: choose the opportunities table and map its columns, name the funnel's
 * stages, and capture the table as of a date; then what changed since the last capture.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { serialFromIsoDate } from "../../../domain/calendar";
import { OPPORTUNITY_FIELDS } from "../../../domain/pipelineLog";
import type { CaptureSummary } from "../../../domain/pipelineCapture";
import { PIPELINE_FIELDS, type PipelineField } from "../../../workbook/pipelineTables";
import type { PlanProblem } from "../../../workbook/rows";
import { DataTable } from "../../components/DataTable";
import { PlanProblems } from "../../components/PlanProblems";
import { MessageKey, useI18n } from "../../i18n";
import { dayText, useAmounts } from "../display";
import type { PipelineSourceState } from "../usePipelineSource";
import { usePipelineStyles } from "../usePipelineStyles.styles";
import type { StageSettingsState } from "../useStageSettings";

export interface CaptureOutcome {
  asOf: number;
  summary: CaptureSummary;
}

export interface CaptureStepProps {
  source: PipelineSourceState;
  stages: StageSettingsState;
  /** yyyy-mm-dd as typed. */
  asOfText: string;
  onAsOf(text: string): void;
  /** Why the date cannot be captured (from the log), at the field. */
  asOfMessage?: string;
  lastCapture?: number;
  captures: number;
  capturing: boolean;
  onCapture(asOf: number): void;
  captured?: CaptureOutcome;
  problems: readonly PlanProblem[];
}

const headerNames = (header: readonly unknown[] | undefined) =>
  (header ?? []).map((h) => String(h ?? "").trim()).filter(Boolean);

export function CaptureStep(props: CaptureStepProps) {
  const { source, stages, asOfText, captured, problems } = props;
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const asOf = serialFromIsoDate(asOfText.trim());
  const dateMessage = asOf === undefined ? t("pipeline.capture.asOfInvalid") : props.asOfMessage;
  const read = source.read;
  const idMissing = !!source.table && !source.mapping.id;
  const ready =
    !!read && read.problems.length === 0 && !idMissing && asOf !== undefined && !dateMessage;
  return (
    <section className={styles.step} aria-label={t("pipeline.step.capture")}>
      <Text>{t("pipeline.capture.intro")}</Text>
      <Field label={t("pipeline.capture.table")}>
        <Select
          value={source.table?.name ?? ""}
          onChange={(_, d) => void source.choose(source.tables.find((tb) => tb.name === d.value))}
        >
          <option value="">{t("territories.chooseTable")}</option>
          {source.tables.map((tb) => (
            <option key={tb.name} value={tb.name}>{`${tb.name} (${tb.sheet})`}</option>
          ))}
        </Select>
      </Field>
      {source.tables.length === 0 && <Text>{t("territories.noTables")}</Text>}
      {source.raw && (
        <>
          <Text size={200}>
            {t("pipeline.capture.rows", { count: read?.opportunities.length ?? 0 })}
          </Text>
          <div className={styles.grid}>
            {PIPELINE_FIELDS.map((field) => (
              <Field
                key={field.key}
                label={t(`pipeline.field.${field.key}` as MessageKey)}
                required={field.key === "id"}
                validationMessage={
                  field.key === "id" && idMissing ? t("pipeline.capture.idNeeded") : undefined
                }
              >
                <Select
                  value={source.mapping[field.key] ?? ""}
                  onChange={(_, d) =>
                    source.setMapping((m) => ({
                      ...m,
                      [field.key as PipelineField]: d.value || undefined,
                    }))
                  }
                >
                  <option value="">{t("territories.notMapped")}</option>
                  {headerNames(source.raw?.header).map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        </>
      )}
      {read && <PlanProblems problems={read.problems} />}
      <StageFields stages={stages} />
      <div className={styles.grid}>
        <Field
          label={t("pipeline.capture.asOf")}
          validationMessage={dateMessage}
          validationState={dateMessage ? "error" : "none"}
          hint={
            props.lastCapture === undefined
              ? t("pipeline.capture.first")
              : t("pipeline.capture.last", {
                  date: dayText(props.lastCapture),
                  count: props.captures,
                })
          }
        >
          <Input type="date" value={asOfText} onChange={(_, d) => props.onAsOf(d.value)} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!ready || props.capturing}
          onClick={() => asOf !== undefined && props.onCapture(asOf)}
        >
          {props.capturing ? t("pipeline.capture.capturing") : t("pipeline.capture.run")}
        </Button>
      </div>
      <PlanProblems problems={problems} />
      {captured && <CaptureChanges captured={captured} />}
    </section>
  );
}

/** The stages in funnel order and the won and lost labels, each checked at its field. */
function StageFields({ stages }: { stages: StageSettingsState }) {
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const said = (m?: { key: MessageKey; values?: Record<string, string> }) =>
    m && t(m.key, m.values);
  return (
    <>
      <Subtitle2 as="h2">{t("pipeline.stages.heading")}</Subtitle2>
      <Field
        label={t("pipeline.stages.order")}
        hint={t("pipeline.stages.orderHint")}
        validationMessage={said(stages.messages.order)}
        validationState={stages.messages.order ? "error" : "none"}
      >
        <Input value={stages.orderText} onChange={(_, d) => stages.setOrderText(d.value)} />
      </Field>
      <div className={styles.grid}>
        <Field
          label={t("pipeline.stages.won")}
          validationMessage={said(stages.messages.won)}
          validationState={stages.messages.won ? "error" : "none"}
        >
          <Input value={stages.won} onChange={(_, d) => stages.setWon(d.value)} />
        </Field>
        <Field
          label={t("pipeline.stages.lost")}
          validationMessage={said(stages.messages.lost)}
          validationState={stages.messages.lost ? "error" : "none"}
        >
          <Input value={stages.lost} onChange={(_, d) => stages.setLost(d.value)} />
        </Field>
      </div>
    </>
  );
}

/** What the capture appended: new, changed and removed deals, and the changes by field. */
function CaptureChanges({ captured }: { captured: CaptureOutcome }) {
  const styles = usePipelineStyles();
  const { t } = useI18n();
  const fmt = useAmounts();
  const { summary } = captured;
  const nothing = summary.new + summary.changed + summary.removed === 0;
  return (
    <>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          {t(nothing ? "pipeline.capture.nothingChanged" : "pipeline.capture.done", {
            date: dayText(captured.asOf),
            new: summary.new,
            changed: summary.changed,
            removed: summary.removed,
            unchanged: summary.unchanged,
          })}
        </MessageBarBody>
      </MessageBar>
      {summary.changed > 0 && (
        <div className={styles.scroll}>
          <DataTable
            label={t("pipeline.capture.byField")}
            columns={[t("pipeline.capture.field"), t("pipeline.capture.changedDeals")]}
            rows={OPPORTUNITY_FIELDS.filter((f) => summary.byField[f.key] > 0).map((f) => ({
              key: f.key,
              cells: [t(`pipeline.field.${f.key}` as MessageKey), fmt(summary.byField[f.key])],
            }))}
          />
        </div>
      )}
    </>
  );
}
