/**
 * The V2MOM form: vision, ranked values and methods, obstacles, measures. It edits a draft
 * held by the pane; nothing reaches the workbook until the pane saves, and a failed save
 * leaves the draft as typed.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, TargetArrowRegular } from "@fluentui/react-icons";
import { isoFromSerial, serialFromIsoDate } from "../../domain/calendar";
import {
  Measure,
  Method,
  V2mom,
  V2momIssue,
  isStale,
  itemIds,
  measureStatus,
  nextId,
} from "../../domain/v2mom";
import type { LinkedValue } from "../../workbook/report";
import { NumberField } from "../components/NumberField";
import { RankedList, RankedListProps } from "../components/RankedList";
import { MessageKey, useI18n } from "../i18n";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // minmax(0, 1fr) and min-width 0 let fields shrink to a narrow task pane instead of overflowing it.
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    "& .fui-Input, & .fui-Select": { minWidth: 0 },
  },
  triple: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    "& .fui-Input, & .fui-Select": { minWidth: 0 },
  },
  measure: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  statusLine: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  add: { alignSelf: "flex-start" },
});

const STATUS_COLOUR = {
  "On track": "success",
  "At risk": "warning",
  "Off track": "danger",
} as const;
export const STALE_AFTER_DAYS = 30;

export interface V2momEditorProps {
  draft: V2mom;
  onChange(draft: V2mom): void;
  documents: readonly V2mom[];
  readOnly: boolean;
  issues: readonly V2momIssue[];
  /** Fields whose text is not a number yet, keyed like "measureId.target". */
  onInvalid(key: string, invalid: boolean): void;
  linkProblems: ReadonlyMap<string, string>;
  linked: ReadonlyMap<string, LinkedValue>;
  canPickCell: boolean;
  onPickCell(measureId: string): void;
  today: number;
}

/** A ranked part of the V2MOM (values, methods, obstacles): heading, reorderable rows, Add button. */
function RankedSection<T extends { id: string }>(
  props: {
    id: string;
    title: string;
    itemName(index: number): string;
    addLabel: string;
    onAdd(): void;
    alert?: string;
  } & Omit<RankedListProps<T>, "label" | "nameOf">
) {
  const { id, title, itemName, addLabel, onAdd, alert, ...list } = props;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 id={id} as="h3">
        {title}
      </Subtitle2>
      {alert && <Text role="alert">{alert}</Text>}
      <RankedList {...list} label={title} nameOf={itemName} />
      <Button className={styles.add} icon={<AddRegular />} size="small" onClick={onAdd}>
        {addLabel}
      </Button>
    </section>
  );
}

export function V2momEditor(props: V2momEditorProps) {
  const {
    draft,
    onChange,
    documents,
    readOnly,
    issues,
    onInvalid,
    linkProblems,
    linked,
    canPickCell,
    onPickCell,
    today,
  } = props;
  const styles = useStyles();
  const { t, locale } = useI18n();
  const issueText = (issue: V2momIssue) => t(`v2mom.issue.${issue.code}` as MessageKey);
  const issueFor = (field: string, itemId?: string, codes?: V2momIssue["code"][]) => {
    const found = issues.find(
      (i) => i.field === field && i.itemId === itemId && (!codes || codes.includes(i.code))
    );
    return found ? issueText(found) : undefined;
  };
  const update = (patch: Partial<V2mom>) => onChange({ ...draft, ...patch });
  const parent = draft.parentId ? documents.find((d) => d.id === draft.parentId) : undefined;
  const possibleParents = documents.filter(
    (d) => d.id !== draft.id && d.fiscalYear === draft.fiscalYear
  );
  const newId = (prefix: string) => nextId(prefix, itemIds(draft));
  const rankedLabels = {
    moveUp: (name: string) => t("v2mom.moveUp", { item: name }),
    moveDown: (name: string) => t("v2mom.moveDown", { item: name }),
    remove: (name: string) => t("v2mom.remove", { item: name }),
    drag: (name: string) => t("v2mom.dragHandle", { item: name }),
    instructions: t("v2mom.drag.instructions"),
    pickedUp: (name: string) => t("v2mom.drag.pickedUp", { item: name }),
    movedTo: (name: string, rank: number) => t("v2mom.drag.movedTo", { item: name, rank }),
    dropped: (name: string, rank: number) => t("v2mom.drag.dropped", { item: name, rank }),
    cancelled: (name: string) => t("v2mom.drag.cancelled", { item: name }),
  };
  const methodName = (id: string | undefined) => {
    const index = draft.methods.findIndex((m) => m.id === id);
    return index < 0
      ? t("v2mom.general")
      : `${t("v2mom.method", { rank: index + 1 })}: ${draft.methods[index].text}`;
  };
  const methodOptions = (
    <>
      <option value="">{t("v2mom.general")}</option>
      {draft.methods.map((m) => (
        <option key={m.id} value={m.id}>
          {methodName(m.id)}
        </option>
      ))}
    </>
  );
  const setMethod = (id: string, patch: Partial<Method>) =>
    update({ methods: draft.methods.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
  const setMeasure = (id: string, patch: Partial<Measure>) =>
    update({ measures: draft.measures.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
  /** A number of a measure, typed as text: what is not a number yet is flagged and blocks saving. */
  const measureNumber = (
    measure: Measure,
    key: "target" | "actual" | "onTrackAt" | "atRiskAt",
    options: {
      hint?: string;
      validationMessage?: string;
      disabled?: boolean;
      also?: (value: number | undefined) => Partial<Measure>;
    } = {}
  ) => (
    <NumberField
      label={t(`v2mom.measure.${key}`)}
      value={measure[key]}
      invalidMessage={t("v2mom.notNumber")}
      validationMessage={options.validationMessage}
      disabled={options.disabled ?? readOnly}
      hint={options.hint}
      onChange={(value, invalid) => {
        onInvalid(`${measure.id}.${key}`, invalid);
        setMeasure(measure.id, { [key]: value, ...options.also?.(value) });
      }}
    />
  );

  return (
    <fieldset className={styles.form} disabled={readOnly}>
      <div className={styles.pair}>
        <Field label={t("v2mom.field.orgUnit")} required validationMessage={issueFor("orgUnit")}>
          <Input value={draft.orgUnit} onChange={(_, d) => update({ orgUnit: d.value })} />
        </Field>
        <Field label={t("v2mom.field.owner")}>
          <Input
            value={draft.owner ?? ""}
            onChange={(_, d) => update({ owner: d.value || undefined })}
          />
        </Field>
        <Field label={t("v2mom.field.level")}>
          <Select
            value={draft.level}
            onChange={(_, d) => update({ level: d.value as V2mom["level"] })}
          >
            {(["Company", "Organisation", "Team", "Person"] as const).map((level) => (
              <option key={level} value={level}>
                {t(`v2mom.level.${level}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("v2mom.field.parent")}>
          <Select
            value={draft.parentId ?? ""}
            onChange={(_, d) => update({ parentId: d.value || undefined })}
          >
            <option value="">{t("v2mom.field.noParent")}</option>
            {possibleParents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.orgUnit} ({t(`v2mom.version.${d.version}`)})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t("v2mom.field.vision")} validationMessage={issueFor("vision")}>
        <Textarea
          value={draft.vision}
          resize="vertical"
          onChange={(_, d) => update({ vision: d.value })}
        />
      </Field>

      <RankedSection
        id="v2mom-values"
        title={t("v2mom.values")}
        items={draft.values}
        itemName={(i) => t("v2mom.value", { rank: i + 1 })}
        labels={rankedLabels}
        disabled={readOnly}
        onChange={(values) => update({ values })}
        addLabel={t("v2mom.addValue")}
        onAdd={() => update({ values: [...draft.values, { id: newId("V"), text: "" }] })}
        renderItem={(value, i) => (
          <Field label={t("v2mom.value", { rank: i + 1 })}>
            <Input
              value={value.text}
              onChange={(_, d) =>
                update({
                  values: draft.values.map((v) =>
                    v.id === value.id ? { ...v, text: d.value } : v
                  ),
                })
              }
            />
          </Field>
        )}
      />

      <RankedSection
        id="v2mom-methods"
        title={t("v2mom.methods")}
        items={draft.methods}
        itemName={(i) => t("v2mom.method", { rank: i + 1 })}
        labels={rankedLabels}
        disabled={readOnly}
        onChange={(methods) => update({ methods })}
        addLabel={t("v2mom.addMethod")}
        onAdd={() => update({ methods: [...draft.methods, { id: newId("M"), text: "" }] })}
        alert={issueFor("methods")}
        renderItem={(method, i) => (
          <>
            <Field
              label={t("v2mom.method", { rank: i + 1 })}
              validationMessage={issueFor("methods", method.id)}
            >
              <Input
                value={method.text}
                onChange={(_, d) => setMethod(method.id, { text: d.value })}
              />
            </Field>
            <div className={styles.pair}>
              <Field label={t("v2mom.method.owner", { rank: i + 1 })}>
                <Input
                  value={method.owner ?? ""}
                  onChange={(_, d) => setMethod(method.id, { owner: d.value || undefined })}
                />
              </Field>
              <Field label={t("v2mom.method.due", { rank: i + 1 })}>
                <Input
                  type="date"
                  value={method.due === undefined ? "" : isoFromSerial(method.due)}
                  onChange={(_, d) =>
                    setMethod(method.id, {
                      due: d.value ? serialFromIsoDate(d.value) : undefined,
                    })
                  }
                />
              </Field>
            </div>
            {parent && (
              <Field label={t("v2mom.method.supports")}>
                <Select
                  value={method.alignsTo ?? ""}
                  onChange={(_, d) => setMethod(method.id, { alignsTo: d.value || undefined })}
                >
                  <option value="">{t("v2mom.method.supportsNothing")}</option>
                  {parent.methods.map((pm, rank) => (
                    <option key={pm.id} value={pm.id}>
                      {rank + 1}. {pm.text}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </>
        )}
      />

      <RankedSection
        id="v2mom-obstacles"
        title={t("v2mom.obstacles")}
        items={draft.obstacles}
        itemName={(i) => t("v2mom.obstacle", { rank: i + 1 })}
        labels={rankedLabels}
        disabled={readOnly}
        onChange={(obstacles) => update({ obstacles })}
        addLabel={t("v2mom.addObstacle")}
        onAdd={() => update({ obstacles: [...draft.obstacles, { id: newId("O"), text: "" }] })}
        renderItem={(obstacle, i) => (
          <div className={styles.pair}>
            <Field label={t("v2mom.obstacle", { rank: i + 1 })}>
              <Input
                value={obstacle.text}
                onChange={(_, d) =>
                  update({
                    obstacles: draft.obstacles.map((o) =>
                      o.id === obstacle.id ? { ...o, text: d.value } : o
                    ),
                  })
                }
              />
            </Field>
            <Field
              label={t("v2mom.obstacle.method")}
              validationMessage={issueFor("obstacles", obstacle.id)}
            >
              <Select
                value={obstacle.methodId ?? ""}
                onChange={(_, d) =>
                  update({
                    obstacles: draft.obstacles.map((o) =>
                      o.id === obstacle.id ? { ...o, methodId: d.value || undefined } : o
                    ),
                  })
                }
              >
                {methodOptions}
              </Select>
            </Field>
          </div>
        )}
      />

      <section className={styles.section} aria-labelledby="v2mom-measures">
        <Subtitle2 id="v2mom-measures" as="h3">
          {t("v2mom.measures")}
        </Subtitle2>
        {draft.measures.map((measure, i) => {
          const link = measure.actualLink?.trim();
          const linkedValue = link ? linked.get(link) : undefined;
          const actual = link
            ? typeof linkedValue?.value === "number"
              ? linkedValue.value
              : undefined
            : measure.actual;
          const status = measureStatus(measure, actual);
          const name = t("v2mom.measure", { rank: i + 1 });
          return (
            <div key={measure.id} className={styles.measure} role="group" aria-label={name}>
              <div className={styles.pair}>
                <Field
                  label={t("v2mom.measure.metric")}
                  required
                  validationMessage={issueFor("measures", measure.id, ["metricMissing"])}
                >
                  <Input
                    value={measure.metric}
                    onChange={(_, d) => setMeasure(measure.id, { metric: d.value })}
                  />
                </Field>
                <Field
                  label={t("v2mom.measure.method")}
                  validationMessage={issueFor("measures", measure.id, ["measureMethodGone"])}
                >
                  <Select
                    value={measure.methodId ?? ""}
                    onChange={(_, d) => setMeasure(measure.id, { methodId: d.value || undefined })}
                  >
                    {methodOptions}
                  </Select>
                </Field>
              </div>
              <div className={styles.triple}>
                <Field label={t("v2mom.measure.unit")}>
                  <Input
                    value={measure.unit ?? ""}
                    onChange={(_, d) => setMeasure(measure.id, { unit: d.value || undefined })}
                  />
                </Field>
                {measureNumber(measure, "target", {
                  validationMessage: issueFor("measures", measure.id, ["targetNotNumber"]),
                })}
                {measureNumber(measure, "actual", {
                  disabled: readOnly || !!link,
                  // A typed actual is checked the day it is typed.
                  also: (value) => ({
                    lastChecked: value === undefined ? measure.lastChecked : today,
                  }),
                })}
              </div>
              <Field
                label={t("v2mom.measure.link")}
                hint={t("v2mom.measure.linkHint")}
                validationMessage={
                  linkProblems.get(measure.id) ?? issueFor("measures", measure.id, ["linkSyntax"])
                }
              >
                <Input
                  value={measure.actualLink ?? ""}
                  onChange={(_, d) => setMeasure(measure.id, { actualLink: d.value || undefined })}
                  contentAfter={
                    canPickCell ? (
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
              <div className={styles.triple}>
                {measureNumber(measure, "onTrackAt", { hint: "0.95" })}
                {measureNumber(measure, "atRiskAt", {
                  hint: "0.8",
                  validationMessage: issueFor("measures", measure.id, ["thresholds"]),
                })}
                <Field label={t("v2mom.measure.lastChecked")}>
                  <Input
                    type="date"
                    value={
                      measure.lastChecked === undefined ? "" : isoFromSerial(measure.lastChecked)
                    }
                    onChange={(_, d) =>
                      setMeasure(measure.id, {
                        lastChecked: d.value ? serialFromIsoDate(d.value) : undefined,
                      })
                    }
                  />
                </Field>
              </div>
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
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={t("v2mom.remove", { item: name })}
                  onClick={() =>
                    update({ measures: draft.measures.filter((m) => m.id !== measure.id) })
                  }
                >
                  {t("v2mom.removeShort")}
                </Button>
              </div>
            </div>
          );
        })}
        <Button
          className={styles.add}
          icon={<AddRegular />}
          size="small"
          onClick={() =>
            update({
              measures: [
                ...draft.measures,
                { id: newId("K"), metric: "", methodId: draft.methods[0]?.id },
              ],
            })
          }
        >
          {t("v2mom.addMeasure")}
        </Button>
      </section>
    </fieldset>
  );
}
