/** What changed between two versions of a V2MOM (Annual and its mid-year refresh, or any two). */
import * as React from "react";
import { Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { V2mom, diffV2mom } from "../../domain/v2mom";
import { useI18n } from "../i18n";

const useStyles = makeStyles({ pickers: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS } });

export function ChangesView({ documents, current }: { documents: readonly V2mom[]; current: V2mom }) {
  const styles = useStyles();
  const { t } = useI18n();
  const versions = documents.filter((d) => d.orgUnit === current.orgUnit && d.fiscalYear === current.fiscalYear);
  const annual = versions.find((d) => d.version === "Annual" && d.id !== current.id);
  const [beforeId, setBeforeId] = React.useState(annual?.id ?? versions.find((d) => d.id !== current.id)?.id);
  const [afterId, setAfterId] = React.useState(current.id);
  if (versions.length < 2) return <Text>{t("v2mom.changes.onlyOne")}</Text>;
  const before = versions.find((d) => d.id === beforeId) ?? versions[0];
  const after = versions.find((d) => d.id === afterId) ?? current;
  const { visionChanged, changes } = diffV2mom(before, after);
  const name = (d: V2mom) => `${t(`v2mom.version.${d.version}`)} (${t(`v2mom.status.${d.status}`)}, ${d.id})`;
  const sectionName = { values: t("v2mom.values"), methods: t("v2mom.methods"), obstacles: t("v2mom.obstacles"), measures: t("v2mom.measures") };
  return (
    <>
      <div className={styles.pickers}>
        <Field label={t("v2mom.changes.compare")}>
          <Select value={before.id} onChange={(_, d) => setBeforeId(d.value)}>
            {versions.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("v2mom.changes.with")}>
          <Select value={after.id} onChange={(_, d) => setAfterId(d.value)}>
            {versions.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {visionChanged && <Text>{t("v2mom.changes.vision")}</Text>}
      {changes.length === 0 && !visionChanged ? (
        <Text>{t("v2mom.changes.none")}</Text>
      ) : (
        <Table size="small" aria-label={t("v2mom.tab.changes")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("v2mom.change.section")}</TableHeaderCell>
              <TableHeaderCell>{t("v2mom.change.kind")}</TableHeaderCell>
              <TableHeaderCell>{t("v2mom.change.before")}</TableHeaderCell>
              <TableHeaderCell>{t("v2mom.change.after")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {changes.map((c) => (
              <TableRow key={`${c.section}/${c.id}/${c.kind}`}>
                <TableCell>{sectionName[c.section]}</TableCell>
                <TableCell>{t(`v2mom.change.${c.kind}`)}</TableCell>
                <TableCell>{c.before ?? ""}</TableCell>
                <TableCell>{c.after ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
