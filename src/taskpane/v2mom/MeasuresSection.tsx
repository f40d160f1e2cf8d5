/**
 * The Measures of a V2MOM: each with its metric, the Method it measures, unit, target and an
 * actual that is typed or linked to a cell or name, its thresholds and when it was last
 * checked; with its status (On track / At risk / Off track) and whether it has gone stale.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { AddRegular, TargetArrowRegular } from "@fluentui/react-icons";
import { isoFromSerial, serialFromIsoDate } from "../../domain/calendar";
import {
  MEASURE_DIRECTIONS,
  Measure,
  MeasureDirection,
  MeasureStatus,
  V2momIssue,
  directionOf,
  isStale,
  measureStatus,
  rangeBands,
  thresholdsOf,
} from "../../domain/v2mom";
import type { LinkedValue } from "../../workbook/report";
import { NumberField } from "../components/NumberField";
import { useI18n } from "../i18n";
import { ChoiceSelect, ReadOnlyNumber, readOnlyLook } from "./readOnlyFields";
import { useV2momEditorStyles } from "./useV2momEditorStyles.styles";

/** A badge colour per status: a new status does not compile until it has one. */
const STATUS_COLOUR: Record<MeasureStatus, "success" | "warning" | "danger"> = {
  "On track": "success",
  "At risk": "warning",
  "Off track": "danger",
};
export const STALE_AFTER_DAYS = 30;

export interface MeasuresSectionProps {
  measures: readonly Measure[];
  onChange(measures: Measure[]): void;
  /** A new measure: its id (unique in the V2MOM) and the Method it starts under. */
  newMeasure(): Measure;
  /** The options of a "which Method" select: general, then each Method by rank. */
  methodOptions: React.ReactNode;
  /** "Method 2: Expand in APAC", or General: how a read-only card names its Method. */
  methodName(id: string | undefined): string;
  /** The editor's message for the measure's issue with one of these codes, if it has one. */
  issueFor(measureId: string, codes: V2momIssue["code"][]): string | undefined;
  readOnly: boolean;
  /** Fields whose text is not a number yet, keyed like "measureId.target". */
  onInvalid(key: string, invalid: boolean): void;
  linkProblems: ReadonlyMap<string, string>;
  linked: ReadonlyMap<string, LinkedValue>;
  canPickCell: boolean;
  onPickCell(measureId: string): void;
  today: number;
}

export function MeasuresSection(props: MeasuresSectionProps) {
  const { measures, onChange, newMeasure, ...shared } = props;
  const styles = useV2momEditorStyles();
  const { t } = useI18n();
  const setMeasure = (id: string, patch: Partial<Measure>) =>
    onChange(measures.map((m) => (m.id === id ? { ...m, ...patch } : m)));
  return (
    <section className={styles.section} aria-labelledby="v2mom-measures">
      <Subtitle2 id="v2mom-measures" as="h2">
        {t("v2mom.measures")}
      </Subtitle2>
      {measures.map((measure, i) => (
        <MeasureCard
          key={measure.id}
          {...shared}
          measure={measure}
          name={t("v2mom.measure", { rank: i + 1 })}
          onPatch={(patch) => setMeasure(measure.id, patch)}
          onRemove={() => onChange(measures.filter((m) => m.id !== measure.id))}
        />
      ))}
      {!shared.readOnly && (
        <Button
          className={styles.add}
          icon={<AddRegular />}
          size="small"
          onClick={() => onChange([...measures, newMeasure()])}
        >
          {t("v2mom.addMeasure")}
        </Button>
      )}
    </section>
  );
}

type MeasureCardProps = Omit<MeasuresSectionProps, "measures" | "onChange" | "newMeasure"> & {
  measure: Measure;
  /** "Measure 2": the card's accessible name. */
  name: string;
  onPatch(patch: Partial<Measure>): void;
  onRemove(): void;
};

function MeasureCard(props: MeasureCardProps) {
  const { measure, name, onPatch, onRemove, methodOptions, methodName, issueFor, readOnly } = props;
  const { onInvalid } = props;
  const { linkProblems, linked, canPickCell, onPickCell, today } = props;
  const styles = useV2momEditorStyles();
  const { t, locale } = useI18n();
  const link = measure.actualLink?.trim();
  const linkedValue = link ? linked.get(link) : undefined;
  const actual = link
    ? typeof linkedValue?.value === "number"
      ? linkedValue.value
      : undefined
    : measure.actual;
  const status = measureStatus(measure, actual);
  const direction = directionOf(measure);
  // The thresholds the rule uses, defaults included, so the fields show what applies.
  const thresholds = thresholdsOf(measure);
  const bands = rangeBands(measure);
  const shown = (value: number) => value.toLocaleString(locale);
  /** A number of the measure, typed as text: what is not a number yet is flagged and blocks saving. */
  const measureNumber = (
    key: "target" | "actual" | "onTrackAt" | "atRiskAt",
    options: {
      label?: string;
      value?: number;
      hint?: string;
      validationMessage?: string;
      readOnly?: boolean;
      also?: (value: number | undefined) => Partial<Measure>;
    } = {}
  ) => {
    const label = options.label ?? t(`v2mom.measure.${key}`);
    const value = options.value ?? measure[key];
    return (options.readOnly ?? readOnly) ? (
      <ReadOnlyNumber label={label} value={value} locale={locale} hint={options.hint} />
    ) : (
      <NumberField
        label={label}
        value={value}
        invalidMessage={t("v2mom.notNumber")}
        validationMessage={options.validationMessage}
        hint={options.hint}
        onChange={(typed, invalid) => {
          onInvalid(`${measure.id}.${key}`, invalid);
          onPatch({ [key]: typed, ...options.also?.(typed) });
        }}
      />
    );
  };

  return (
    <div className={styles.measure} role="group" aria-label={name}>
      <div className={styles.pair}>
        <Field
          label={t("v2mom.measure.metric")}
          required
          validationMessage={issueFor(measure.id, ["metricMissing"])}
        >
          <Input
            {...readOnlyLook(readOnly)}
            value={measure.metric}
            onChange={(_, d) => onPatch({ metric: d.value })}
          />
        </Field>
        <Field
          label={t("v2mom.measure.method")}
          validationMessage={issueFor(measure.id, ["measureMethodGone"])}
        >
          <ChoiceSelect
            readOnly={readOnly}
            shown={methodName(measure.methodId)}
            value={measure.methodId ?? ""}
            onChange={(_, d) => onPatch({ methodId: d.value || undefined })}
          >
            {methodOptions}
          </ChoiceSelect>
        </Field>
      </div>
      <Field label={t("v2mom.measure.direction")}>
        {readOnly ? (
          <Input {...readOnlyLook(true)} value={t(`v2mom.direction.${direction}`)} />
        ) : (
          <Dropdown
            className={styles.dropdown}
            value={t(`v2mom.direction.${direction}`)}
            selectedOptions={[direction]}
            onOptionSelect={(_, d) => {
              const next = d.optionValue as MeasureDirection | undefined;
              // The thresholds mean something else in another direction: its defaults apply.
              // (The fields then show those defaults, so text typed there no longer stands.)
              if (next && next !== direction) {
                onInvalid(`${measure.id}.onTrackAt`, false);
                onInvalid(`${measure.id}.atRiskAt`, false);
                onPatch({ direction: next, onTrackAt: undefined, atRiskAt: undefined });
              }
            }}
          >
            {MEASURE_DIRECTIONS.map((d) => (
              <Option key={d} value={d}>
                {t(`v2mom.direction.${d}`)}
              </Option>
            ))}
          </Dropdown>
        )}
      </Field>
      <div className={styles.fieldRow}>
        <Field label={t("v2mom.measure.unit")}>
          <Input
            {...readOnlyLook(readOnly)}
            value={measure.unit ?? ""}
            onChange={(_, d) => onPatch({ unit: d.value || undefined })}
          />
        </Field>
        {measureNumber("target", {
          validationMessage: issueFor(measure.id, ["targetNotNumber"]),
        })}
        {measureNumber("actual", {
          // A linked actual is read from its cell: shown, not typed.
          readOnly: readOnly || !!link,
          value: link ? actual : measure.actual,
          // A typed actual is checked the day it is typed.
          also: (value) => ({
            lastChecked: value === undefined ? measure.lastChecked : today,
          }),
        })}
      </div>
      <Field
        label={t("v2mom.measure.link")}
        hint={t("v2mom.measure.linkHint")}
        validationMessage={linkProblems.get(measure.id) ?? issueFor(measure.id, ["linkSyntax"])}
      >
        <Input
          {...readOnlyLook(readOnly)}
          value={measure.actualLink ?? ""}
          onChange={(_, d) => onPatch({ actualLink: d.value || undefined })}
          contentAfter={
            canPickCell && !readOnly ? (
              <Button
                size="small"
                appearance="transparent"
                icon={<TargetArrowRegular />}
                onClick={() => onPickCell(measure.id)}
              >
                {t("v2mom.measure.useSelected")}
              </Button>
            ) : undefined
          }
        />
      </Field>
      <div className={styles.fieldRow}>
        {measureNumber("onTrackAt", {
          label: t(`v2mom.threshold.${direction}.onTrack`),
          value: thresholds.onTrack,
          hint: t(`v2mom.threshold.${direction}.onTrackHint`),
        })}
        {measureNumber("atRiskAt", {
          label: t(`v2mom.threshold.${direction}.atRisk`),
          value: thresholds.atRisk,
          hint: t(`v2mom.threshold.${direction}.atRiskHint`),
          validationMessage: issueFor(measure.id, [
            "thresholds",
            "thresholdsLower",
            "thresholdsRange",
          ]),
        })}
        <Field label={t("v2mom.measure.lastChecked")}>
          <Input
            {...readOnlyLook(readOnly)}
            type="date"
            value={measure.lastChecked === undefined ? "" : isoFromSerial(measure.lastChecked)}
            onChange={(_, d) =>
              onPatch({ lastChecked: d.value ? serialFromIsoDate(d.value) : undefined })
            }
          />
        </Field>
      </div>
      {bands && (
        <Text size={200}>
          {t("v2mom.measure.band", {
            low: shown(bands.onTrack[0]),
            high: shown(bands.onTrack[1]),
            riskLow: shown(bands.atRisk[0]),
            riskHigh: shown(bands.atRisk[1]),
          })}
        </Text>
      )}
      <div className={styles.statusLine} aria-live="polite">
        {status ? (
          <Badge appearance="filled" color={STATUS_COLOUR[status]}>
            {t(`v2mom.measureStatus.${status}`)}
          </Badge>
        ) : (
          <Text size={200}>{t("v2mom.measure.noStatus")}</Text>
        )}
        {/* A linked actual that resolved was just read: only typed actuals go stale. */}
        {isStale(measure, today, STALE_AFTER_DAYS) && !(link && linkedValue?.exists) && (
          <Badge appearance="outline" color="warning">
            {t("v2mom.measure.stale", { days: STALE_AFTER_DAYS })}
          </Badge>
        )}
        {link && linkedValue?.exists && (
          <Text size={200}>
            {t("v2mom.measure.linkedValue", {
              value:
                typeof linkedValue.value === "number"
                  ? linkedValue.value.toLocaleString(locale)
                  : String(linkedValue.value ?? "—"),
            })}
          </Text>
        )}
        {!readOnly && (
          <Button
            size="small"
            appearance="subtle"
            aria-label={t("v2mom.remove", { item: name })}
            onClick={onRemove}
          >
            {t("v2mom.removeShort")}
          </Button>
        )}
      </div>
    </div>
  );
}
