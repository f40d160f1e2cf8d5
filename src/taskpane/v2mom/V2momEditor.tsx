/**
 * The V2MOM form: vision, ranked values and methods, obstacles, measures. It edits a draft
 * held by the pane; nothing reaches the workbook until the pane saves, and a failed save
 * leaves the draft as typed.
 */
import { Button, Field, Input, Subtitle2, Text, Textarea } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { isoFromSerial, serialFromIsoDate } from "../../domain/calendar";
import { Method, V2MOM_LEVELS, V2mom, V2momIssue, itemIds, nextId } from "../../domain/v2mom";
import { RankedList, RankedListProps } from "../components/RankedList";
import { MessageKey, useI18n } from "../i18n";
import { MeasuresSection, MeasuresSectionProps } from "./MeasuresSection";
import { ChoiceSelect, readOnlyLook } from "./readOnlyFields";
import { useV2momEditorStyles } from "./useV2momEditorStyles.styles";

/** The measures' links, cell picking and number checks pass through to the measures section. */
export interface V2momEditorProps extends Pick<
  MeasuresSectionProps,
  "onInvalid" | "linkProblems" | "linked" | "canPickCell" | "onPickCell" | "today"
> {
  draft: V2mom;
  onChange(draft: V2mom): void;
  documents: readonly V2mom[];
  readOnly: boolean;
  issues: readonly V2momIssue[];
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
  const styles = useV2momEditorStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 id={id} as="h2">
        {title}
      </Subtitle2>
      {alert && <Text role="alert">{alert}</Text>}
      <RankedList {...list} label={title} nameOf={itemName} />
      {!list.disabled && (
        <Button className={styles.add} icon={<AddRegular />} size="small" onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </section>
  );
}

export function V2momEditor(props: V2momEditorProps) {
  const { draft, onChange, documents, readOnly, issues, ...measureProps } = props;
  const styles = useV2momEditorStyles();
  const { t } = useI18n();
  const issueText = (issue: V2momIssue) => t(`v2mom.issue.${issue.code}` as MessageKey);
  const issueFor = (field: string, itemId?: string, codes?: V2momIssue["code"][]) => {
    const found = issues.find(
      (i) => i.field === field && i.itemId === itemId && (!codes || codes.includes(i.code))
    );
    return found ? issueText(found) : undefined;
  };
  // A published V2MOM's fields are read-only; nothing that reaches them changes the draft.
  const update = (patch: Partial<V2mom>) => {
    if (!readOnly) onChange({ ...draft, ...patch });
  };
  const look = readOnlyLook(readOnly);
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

  return (
    <fieldset className={styles.form}>
      <div className={styles.pair}>
        <Field label={t("v2mom.field.orgUnit")} required validationMessage={issueFor("orgUnit")}>
          <Input
            {...look}
            value={draft.orgUnit}
            onChange={(_, d) => update({ orgUnit: d.value })}
          />
        </Field>
        <Field label={t("v2mom.field.owner")}>
          <Input
            {...look}
            value={draft.owner ?? ""}
            onChange={(_, d) => update({ owner: d.value || undefined })}
          />
        </Field>
        <Field label={t("v2mom.field.level")}>
          <ChoiceSelect
            readOnly={readOnly}
            shown={t(`v2mom.level.${draft.level}`)}
            value={draft.level}
            onChange={(_, d) => update({ level: d.value as V2mom["level"] })}
          >
            {V2MOM_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`v2mom.level.${level}`)}
              </option>
            ))}
          </ChoiceSelect>
        </Field>
        <Field label={t("v2mom.field.parent")}>
          <ChoiceSelect
            readOnly={readOnly}
            shown={parent ? parent.orgUnit : t("v2mom.field.noParent")}
            value={draft.parentId ?? ""}
            onChange={(_, d) => update({ parentId: d.value || undefined })}
          >
            <option value="">{t("v2mom.field.noParent")}</option>
            {possibleParents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.orgUnit} ({t(`v2mom.version.${d.version}`)})
              </option>
            ))}
          </ChoiceSelect>
        </Field>
      </div>
      <Field label={t("v2mom.field.vision")} validationMessage={issueFor("vision")}>
        <Textarea
          {...look}
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
              {...look}
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
                {...look}
                value={method.text}
                onChange={(_, d) => setMethod(method.id, { text: d.value })}
              />
            </Field>
            <div className={styles.fieldRow}>
              <Field label={t("v2mom.method.owner", { rank: i + 1 })}>
                <Input
                  {...look}
                  value={method.owner ?? ""}
                  onChange={(_, d) => setMethod(method.id, { owner: d.value || undefined })}
                />
              </Field>
              <Field label={t("v2mom.method.due", { rank: i + 1 })}>
                <Input
                  {...look}
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
                <ChoiceSelect
                  readOnly={readOnly}
                  shown={
                    parent.methods.find((pm) => pm.id === method.alignsTo)?.text ??
                    t("v2mom.method.supportsNothing")
                  }
                  value={method.alignsTo ?? ""}
                  onChange={(_, d) => setMethod(method.id, { alignsTo: d.value || undefined })}
                >
                  <option value="">{t("v2mom.method.supportsNothing")}</option>
                  {parent.methods.map((pm, rank) => (
                    <option key={pm.id} value={pm.id}>
                      {rank + 1}. {pm.text}
                    </option>
                  ))}
                </ChoiceSelect>
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
                {...look}
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
              <ChoiceSelect
                readOnly={readOnly}
                shown={methodName(obstacle.methodId)}
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
              </ChoiceSelect>
            </Field>
          </div>
        )}
      />

      <MeasuresSection
        measures={draft.measures}
        onChange={(measures) => update({ measures })}
        newMeasure={() => ({ id: newId("K"), metric: "", methodId: draft.methods[0]?.id })}
        methodOptions={methodOptions}
        methodName={methodName}
        issueFor={(measureId, codes) => issueFor("measures", measureId, codes)}
        readOnly={readOnly}
        {...measureProps}
      />
    </fieldset>
  );
}
