/**
 * The cascade of one fiscal year: every V2MOM under its parent, each Method with the parent
 * Method it supports, and the warnings a planning team acts on (parent Methods nobody
 * supports, child Methods aligned to nothing). Rows are virtualised: a large company has
 * thousands of Methods.
 */
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { WarningRegular } from "@fluentui/react-icons";
import { AlignmentWarning, V2mom, alignmentWarnings } from "../../domain/v2mom";
import { VirtualList } from "../components/VirtualList";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  doc: { fontWeight: tokens.fontWeightSemibold, paddingTop: tokens.spacingVerticalS },
  method: { color: tokens.colorNeutralForeground2 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "8rem", overflowY: "auto" },
});

/** A long cascade can warn thousands of times; the first ones say what to fix. */
const SHOWN_WARNINGS = 50;

type AlignmentRow =
  | { kind: "doc"; key: string; depth: number; doc: V2mom }
  | {
      kind: "method";
      key: string;
      depth: number;
      doc: V2mom;
      rank: number;
      text: string;
      supports?: string;
      warned: boolean;
    };

/** The documents of one cycle in cascade order, each followed by its Methods. */
export function alignmentRows(
  documents: readonly V2mom[],
  warnings: readonly AlignmentWarning[]
): AlignmentRow[] {
  const rows: AlignmentRow[] = [];
  const byId = new Map(documents.map((d) => [d.id, d]));
  const children = new Map<string | undefined, V2mom[]>();
  for (const d of documents) {
    const parent = d.parentId && byId.has(d.parentId) ? d.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const warned = new Set(warnings.map((w) => `${w.documentId}/${w.methodId}`));
  const seen = new Set<string>();
  const visit = (doc: V2mom, depth: number) => {
    if (seen.has(doc.id)) return;
    seen.add(doc.id);
    rows.push({ kind: "doc", key: doc.id, depth, doc });
    const parent = doc.parentId ? byId.get(doc.parentId) : undefined;
    doc.methods.forEach((m, i) =>
      rows.push({
        kind: "method",
        key: `${doc.id}/${m.id}`,
        depth: depth + 1,
        doc,
        rank: i + 1,
        text: m.text,
        supports: parent?.methods.find((pm) => pm.id === m.alignsTo)?.text,
        warned: warned.has(`${doc.id}/${m.id}`),
      })
    );
    for (const child of children.get(doc.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(undefined) ?? []) visit(root, 0);
  return rows;
}

export function AlignmentView({
  documents,
  fiscalYear,
  version,
}: {
  documents: readonly V2mom[];
  fiscalYear: number;
  version: V2mom["version"];
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const cycle = React.useMemo(
    () => documents.filter((d) => d.fiscalYear === fiscalYear && d.version === version),
    [documents, fiscalYear, version]
  );
  const warnings = React.useMemo(() => alignmentWarnings(cycle), [cycle]);
  const rows = React.useMemo(() => alignmentRows(cycle, warnings), [cycle, warnings]);
  const byId = new Map(cycle.map((d) => [d.id, d]));
  if (!cycle.length) return <Text>{t("v2mom.alignment.empty")}</Text>;
  const words = (w: AlignmentWarning) => {
    const doc = byId.get(w.documentId)!;
    const text = doc.methods.find((m) => m.id === w.methodId)?.text ?? w.methodId;
    return w.kind === "unsupported"
      ? t("v2mom.alignment.unsupported", { text, orgUnit: doc.orgUnit })
      : t("v2mom.alignment.unaligned", {
          text,
          orgUnit: doc.orgUnit,
          parent: byId.get(doc.parentId ?? "")?.orgUnit ?? "",
        });
  };
  return (
    <>
      {warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {t("v2mom.alignment.warnings", { count: warnings.length })}
            </MessageBarTitle>
            <ul className={styles.list}>
              {warnings.slice(0, SHOWN_WARNINGS).map((w) => (
                <li key={`${w.documentId}/${w.methodId}/${w.kind}`}>{words(w)}</li>
              ))}
              {warnings.length > SHOWN_WARNINGS && (
                <li>{t("v2mom.alignment.more", { count: warnings.length - SHOWN_WARNINGS })}</li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <VirtualList
        items={rows}
        label={t("v2mom.tab.alignment")}
        rowHeight={28}
        height="24rem"
        itemKey={(row) => row.key}
        renderItem={(row) => (
          <div
            style={{ paddingLeft: `${row.depth * 1.25 + 0.5}rem` }}
            className={row.kind === "doc" ? styles.doc : styles.method}
          >
            {row.kind === "doc" ? (
              `${row.doc.orgUnit} · ${t(`v2mom.level.${row.doc.level}`)}`
            ) : (
              <>
                {row.rank}. {row.text}
                {row.supports && (
                  <Text size={200}> — {t("v2mom.alignment.supports", { text: row.supports })}</Text>
                )}
                {row.warned && <WarningRegular className={styles.warning} aria-hidden />}
              </>
            )}
          </div>
        )}
      />
    </>
  );
}
