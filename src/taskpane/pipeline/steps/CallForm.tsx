/**
 * A rep's or manager's forecast call for the period, or a manager's adjustment of a call:
 * each submission is a new row of Forecast Calls, never an overwrite. Every field is checked
 * by the domain's own rules (forecastCalls.ts) and its message shown at the field.
 */
import * as React from "react";
import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { serialFromTimestamp } from "../../../domain/calendar";
import {
  FORECAST_CATEGORIES,
  submission,
  type ForecastCall,
  type ForecastCallProblem,
  type ForecastCategory,
  type LatestCall,
} from "../../../domain/forecastCalls";
import { NumberField } from "../../components/NumberField";
import { useI18n } from "../../i18n";
import { usePipelineStyles } from "../usePipelineStyles.styles";

export type CallDraftInput =
  | {
      period: string;
      owner: string;
      category: ForecastCategory;
      amount: number;
      note: string | null;
      submittedAt: number;
      submittedBy: string;
    }
  | {
      adjusts: string;
      amount: number;
      note: string | null;
      submittedAt: number;
      submittedBy: string;
    };

const NEW_CALL = "";

export function CallForm(props: {
  period: string;
  calls: readonly ForecastCall[];
  standing: readonly LatestCall[];
  submitting: boolean;
  onSubmit(draft: CallDraftInput): Promise<boolean>;
}) {
  const styles = usePipelineStyles();
  const { t, say } = useI18n();
  const [adjusts, setAdjusts] = React.useState(NEW_CALL);
  const [owner, setOwner] = React.useState("");
  const [category, setCategory] = React.useState<ForecastCategory>("Commit");
  const [amount, setAmount] = React.useState<number | undefined>();
  const [amountUntyped, setAmountUntyped] = React.useState(false);
  const [note, setNote] = React.useState("");
  const [by, setBy] = React.useState("");
  const [tried, setTried] = React.useState(false);

  const draft = (): CallDraftInput => {
    const common = {
      amount: amount ?? NaN,
      note: note.trim() === "" ? null : note.trim(),
      submittedAt: serialFromTimestamp(Date.now()),
      submittedBy: by.trim(),
    };
    return adjusts === NEW_CALL
      ? { period: props.period, owner: owner.trim(), category, ...common }
      : { adjusts, ...common };
  };
  // The domain's checks of the draft as it stands, shown at each field once a submit was tried.
  const checked = submission(props.calls, draft());
  const problems: ForecastCallProblem[] = checked.ok ? [] : checked.problems;
  const at = (field: keyof ForecastCall) => {
    const p = tried ? problems.find((x) => x.field === field) : undefined;
    return p && say(p);
  };
  const submit = async () => {
    setTried(true);
    if (!checked.ok || amountUntyped) return;
    if (await props.onSubmit(draft())) {
      setTried(false);
      setAmount(undefined);
      setNote("");
    }
  };
  const periodMessage = at("period");
  return (
    <div className={styles.step}>
      <Field
        label={t("pipeline.call.adjusts")}
        validationMessage={at("adjusts")}
        validationState={at("adjusts") ? "error" : "none"}
      >
        <Select value={adjusts} onChange={(_, d) => setAdjusts(d.value)}>
          <option value={NEW_CALL}>{t("pipeline.call.newCall")}</option>
          {props.standing.map((c) => (
            <option key={c.call.callId} value={c.call.callId}>
              {`${c.call.callId} · ${c.owner} · ${t(categoryKey(c.category))}`}
            </option>
          ))}
        </Select>
      </Field>
      {adjusts === NEW_CALL && (
        <div className={styles.grid}>
          <Field
            label={t("pipeline.call.owner")}
            required
            validationMessage={at("owner") ?? periodMessage}
            validationState={at("owner") || periodMessage ? "error" : "none"}
          >
            <Input value={owner} onChange={(_, d) => setOwner(d.value)} />
          </Field>
          <Field label={t("pipeline.call.category")}>
            <Select value={category} onChange={(_, d) => setCategory(d.value as ForecastCategory)}>
              {FORECAST_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(categoryKey(c))}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      <div className={styles.grid}>
        <NumberField
          label={t("pipeline.call.amount")}
          value={amount}
          onChange={(value, invalid) => {
            setAmount(value);
            setAmountUntyped(invalid);
          }}
          invalidMessage={t("pipeline.call.amountNotNumber")}
          validationMessage={
            tried && amount === undefined ? t("pipeline.call.amountRequired") : at("amount")
          }
        />
        <Field
          label={t("pipeline.call.by")}
          required
          validationMessage={at("submittedBy")}
          validationState={at("submittedBy") ? "error" : "none"}
        >
          <Input value={by} onChange={(_, d) => setBy(d.value)} />
        </Field>
      </div>
      <Field label={t("pipeline.call.note")}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={props.submitting} onClick={() => void submit()}>
          {adjusts === NEW_CALL ? t("pipeline.call.submit") : t("pipeline.call.submitAdjustment")}
        </Button>
      </div>
    </div>
  );
}

export const categoryKey = (c: ForecastCategory) =>
  c === "Commit"
    ? "pipeline.category.commit"
    : c === "Best Case"
      ? "pipeline.category.bestCase"
      : "pipeline.category.pipeline";
