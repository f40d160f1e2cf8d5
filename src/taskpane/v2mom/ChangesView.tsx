/** What changed between two versions of a V2MOM (Annual and its mid-year refresh, or any two). */
import * as React from "react";
import { Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { V2mom, diffV2mom } from "../../domain/v2mom";
import { DataTable } from "../components/DataTable";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  pickers: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
});

export function ChangesView({
  documents,
  current,
}: {
  documents: readonly V2mom[];
  current: V2mom;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const versions = documents.filter(
    (d) => d.orgUnit === current.orgUnit && d.fiscalYear === current.fiscalYear
  );
  const annual = versions.find((d) => d.version === "Annual" && d.id !== current.id);
  const [beforeId, setBeforeId] = React.useState(
    annual?.id ?? versions.find((d) => d.id !== current.id)?.id
  );
  const [afterId, setAfterId] = React.useState(current.id);
  if (versions.length < 2) return <Text>{t("v2mom.changes.onlyOne")}</Text>;
  const before = versions.find((d) => d.id === beforeId) ?? versions[0];
  const after = versions.find((d) => d.id === afterId) ?? current;
  const { visionChanged, changes } = diffV2mom(before, after);
  // "Mid-year refresh (Draft)", as the user knows the version; a number only tells apart two
  // versions that would read the same (the document id means nothing to them).
  const plainName = (d: V2mom) =>
    `${t(`v2mom.version.${d.version}`)} (${t(`v2mom.status.${d.status}`)})`;
  const name = (d: V2mom) => {
    const same = versions.filter((v) => plainName(v) === plainName(d));
    return same.length > 1 ? `${plainName(d)} · ${same.indexOf(d) + 1}` : plainName(d);
  };
  const sectionName = {
    values: t("v2mom.values"),
    methods: t("v2mom.methods"),
    obstacles: t("v2mom.obstacles"),
    measures: t("v2mom.measures"),
  };
  const picker = (label: string, value: string, choose: (id: string) => void) => (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => choose(d.value)}>
        {versions.map((d) => (
          <option key={d.id} value={d.id}>
            {name(d)}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <>
      <div className={styles.pickers}>
        {picker(t("v2mom.changes.compare"), before.id, setBeforeId)}
        {picker(t("v2mom.changes.with"), after.id, setAfterId)}
      </div>
      {visionChanged && <Text>{t("v2mom.changes.vision")}</Text>}
      {changes.length === 0 && !visionChanged ? (
        <Text>{t("v2mom.changes.none")}</Text>
      ) : (
        <DataTable
          label={t("v2mom.tab.changes")}
          columns={[
            t("v2mom.change.section"),
            t("v2mom.change.item"),
            t("v2mom.change.kind"),
            t("v2mom.change.before"),
            t("v2mom.change.after"),
          ]}
          rows={changes.map((c) => ({
            key: `${c.section}/${c.id}/${c.kind}`,
            cells: [
              sectionName[c.section],
              c.item,
              t(`v2mom.change.${c.kind}`),
              c.before ?? "",
              c.after ?? "",
            ],
          }))}
        />
      )}
    </>
  );
}
