import * as React from "react";
import { Badge, Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { SearchRegular } from "@fluentui/react-icons";
import type { V2mom } from "../../domain/v2mom";
import { VirtualList } from "../components/VirtualList";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  item: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    gap: tokens.spacingHorizontalS,
  },
  indent: { display: "inline-block", flexShrink: 0 },
});

/** Depth of each document in the cascade, for indenting the list like an org chart. */
function depths(documents: readonly V2mom[]): Map<string, number> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const depth = new Map<string, number>();
  const of = (doc: V2mom, seen = new Set<string>()): number => {
    if (depth.has(doc.id)) return depth.get(doc.id)!;
    const parent = doc.parentId ? byId.get(doc.parentId) : undefined;
    const d = parent && !seen.has(parent.id) ? of(parent, seen.add(doc.id)) + 1 : 0;
    depth.set(doc.id, d);
    return d;
  };
  documents.forEach((d) => of(d));
  return depth;
}

export function DocumentList({
  documents,
  selectedId,
  onSelect,
}: {
  documents: readonly V2mom[];
  selectedId?: string;
  onSelect(id: string): void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const [query, setQuery] = React.useState("");
  const depth = React.useMemo(() => depths(documents), [documents]);
  const shown = React.useMemo(() => {
    const q = query.trim().toLowerCase();
    return q
      ? documents.filter((d) =>
          `${d.orgUnit} ${d.owner ?? ""} ${d.fiscalYear}`.toLowerCase().includes(q)
        )
      : documents;
  }, [documents, query]);
  const label = (d: V2mom) =>
    t("v2mom.docLabel", {
      orgUnit: d.orgUnit,
      year: d.fiscalYear,
      version: t(`v2mom.version.${d.version}`),
      status: t(`v2mom.status.${d.status}`),
    });
  return (
    <>
      <Field label={t("v2mom.search")}>
        <Input
          contentBefore={<SearchRegular />}
          value={query}
          onChange={(_, data) => setQuery(data.value)}
        />
      </Field>
      <VirtualList
        items={shown}
        label={t("v2mom.documents")}
        rowHeight={36}
        height="14rem"
        itemKey={(d) => d.id}
        renderItem={(d) => (
          <Button
            className={styles.item}
            appearance={d.id === selectedId ? "primary" : "subtle"}
            aria-current={d.id === selectedId ? "true" : undefined}
            onClick={() => onSelect(d.id)}
          >
            <span
              className={styles.indent}
              style={{ width: `${Math.min(depth.get(d.id) ?? 0, 6)}rem` }}
            />
            {label(d)}
            {d.status === "Published" && (
              <Badge appearance="tint" color="success" size="small">
                {t("v2mom.status.Published")}
              </Badge>
            )}
          </Button>
        )}
      />
    </>
  );
}
