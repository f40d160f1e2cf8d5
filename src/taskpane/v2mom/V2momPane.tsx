/**
 * The V2MOM pane: the documents of the plan, the one being edited, its alignment in the
 * cascade and its changes between versions. Edits are drafts kept per document until saved,
 * so switching documents or a failed save loses nothing typed.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Toolbar,
  ToolbarButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  AddRegular,
  ArrowSyncRegular,
  CheckmarkCircleRegular,
  DocumentTableRegular,
  EditRegular,
  HistoryRegular,
  SaveRegular,
} from "@fluentui/react-icons";
import { todaySerial } from "../../domain/calendar";
import {
  V2mom,
  V2momIssue,
  newV2mom,
  nextId,
  startMidYearRefresh,
  validateV2mom,
} from "../../domain/v2mom";
import type { LinkedValue } from "../../workbook/report";
import type { PlanProblem } from "../../workbook/rows";
import { useUntypedFields } from "../components/NumberField";
import { PlanProblems } from "../components/PlanProblems";
import { useI18n } from "../i18n";
import { PlanStatus } from "../plan/PlanStatus";
import { AlignmentView } from "./AlignmentView";
import { ChangesView } from "./ChangesView";
import { DocumentList } from "./DocumentList";
import { V2momEditor } from "./V2momEditor";
import { PaneMessage, useExecutiveSummary } from "./useExecutiveSummary";
import { UnsavedSummaryWarning } from "./UnsavedSummaryWarning";
import { useV2moms } from "./useV2moms";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  toolbar: { flexWrap: "wrap" },
});

type SubView = "edit" | "alignment" | "changes";

export function V2momPane() {
  const styles = useStyles();
  const { t } = useI18n();
  const { documents, saveDocuments, store, snapshot } = useV2moms();
  const [selectedId, setSelectedId] = React.useState<string>();
  const [drafts, setDrafts] = React.useState<Record<string, V2mom>>({});
  const [invalid, markInvalid, clearInvalid] = useUntypedFields();
  const [issues, setIssues] = React.useState<V2momIssue[]>([]);
  const [linkProblems, setLinkProblems] = React.useState<ReadonlyMap<string, string>>(new Map());
  const [linked, setLinked] = React.useState<ReadonlyMap<string, LinkedValue>>(new Map());
  const [message, setMessage] = React.useState<PaneMessage>();
  const [problems, setProblems] = React.useState<PlanProblem[]>([]);
  const [subView, setSubView] = React.useState<SubView>("edit");
  const [busy, setBusy] = React.useState(false);
  const today = todaySerial();

  const saved = documents.find((d) => d.id === selectedId);
  const current = (selectedId && drafts[selectedId]) || saved;
  const allDocuments = React.useMemo(() => {
    const ids = new Set(documents.map((d) => d.id));
    return [
      ...documents.map((d) => drafts[d.id] ?? d),
      ...Object.values(drafts).filter((d) => !ids.has(d.id)),
    ];
  }, [documents, drafts]);

  // Open the first document once the plan is read.
  React.useEffect(() => {
    if (!selectedId && documents.length) setSelectedId(documents[0].id);
  }, [documents, selectedId]);

  const linksOf = (doc: V2mom | undefined) => [
    ...new Set(
      (doc?.measures ?? []).map((m) => m.actualLink?.trim()).filter((l): l is string => !!l)
    ),
  ];

  const checkLinks = React.useCallback(
    async (doc: V2mom): Promise<Map<string, string>> => {
      const found = await store.readLinks(linksOf(doc));
      setLinked(found);
      const gone = new Map<string, string>();
      for (const m of doc.measures) {
        const link = m.actualLink?.trim();
        if (link && found.get(link)?.exists === false)
          gone.set(m.id, t("v2mom.measure.linkGone", { link }));
      }
      setLinkProblems(gone);
      return gone;
    },
    [store, t]
  );

  // Read the linked actuals of the document on screen: only when the document, its links or the
  // plan change, not on every keystroke (the ref hands the effect the latest draft).
  const currentRef = React.useRef(current);
  currentRef.current = current;
  const currentId = current?.id;
  const currentLinks = linksOf(current).join("\n");
  React.useEffect(() => {
    const doc = currentRef.current;
    if (doc) void checkLinks(doc).catch(() => undefined);
  }, [currentId, currentLinks, snapshot, checkLinks]);

  const edit = (doc: V2mom) => setDrafts((all) => ({ ...all, [doc.id]: doc }));
  const select = (id: string) => {
    setSelectedId(id);
    setIssues([]);
    clearInvalid();
    setMessage(undefined);
    setProblems([]);
  };

  const persist = async (
    docs: V2mom[],
    success: string,
    forPublishing = false
  ): Promise<boolean> => {
    const main = docs[0];
    const found = validateV2mom(main, forPublishing);
    setIssues(found);
    const gone = await checkLinks(main).catch(() => new Map<string, string>());
    const count = found.length + invalid.size + gone.size;
    if (count) {
      setMessage({ intent: "error", text: t("v2mom.fixFirst", { count }) });
      return false;
    }
    setBusy(true);
    const outcome = await saveDocuments(docs);
    setBusy(false);
    if (!outcome.ok) {
      setMessage({ intent: "error", text: t("v2mom.saveFailed", { reason: outcome.message }) });
      setProblems(outcome.problems);
      return false;
    }
    setDrafts((all) => {
      const next = { ...all };
      for (const d of docs) delete next[d.id];
      return next;
    });
    setProblems([]);
    setMessage({ intent: "success", text: success });
    return true;
  };

  const createDocument = () => {
    const id = nextId(
      "D",
      allDocuments.map((d) => d.id)
    );
    const doc = newV2mom(id, current, new Date().getFullYear() + 1);
    edit(doc);
    select(id);
    setSubView("edit");
  };

  const checkActualsNow = async () => {
    if (!current) return;
    const found = await store.readLinks(linksOf(current));
    setLinked(found);
    edit({
      ...current,
      measures: current.measures.map((m) => {
        const value = m.actualLink ? found.get(m.actualLink.trim())?.value : undefined;
        return typeof value === "number" ? { ...m, actual: value, lastChecked: today } : m;
      }),
    });
  };

  const pickCell = async (measureId: string) => {
    if (!current) return;
    const address = await store.selectedAddress();
    if (!address) return;
    edit({
      ...current,
      measures: current.measures.map((m) =>
        m.id === measureId ? { ...m, actualLink: address } : m
      ),
    });
  };

  const writeSummaryOf = useExecutiveSummary(store, setMessage, setBusy);
  /** The open V2MOM's edits not yet saved, which a summary of the saved V2MOMs would leave out. */
  const unsavedOpen = current && drafts[current.id];
  const [confirmSummary, setConfirmSummary] = React.useState(false);
  const writeSummary = () => {
    if (unsavedOpen) setConfirmSummary(true);
    else void writeSummaryOf(documents);
  };
  const saveThenWriteSummary = async (doc: V2mom) => {
    setConfirmSummary(false);
    if (!(await persist([doc], t("v2mom.saved")))) return;
    // What was just saved, in the workbook's order (a new V2MOM last).
    const known = documents.some((d) => d.id === doc.id);
    await writeSummaryOf(
      known ? documents.map((d) => (d.id === doc.id ? doc : d)) : [...documents, doc]
    );
  };

  const readOnly = current?.status === "Published";
  const canRefresh =
    current?.version === "Annual" &&
    current.status === "Published" &&
    !documents.some(
      (d) =>
        d.orgUnit === current.orgUnit &&
        d.fiscalYear === current.fiscalYear &&
        d.version === "Mid-year refresh"
    );

  return (
    <div className={styles.root}>
      <PlanStatus />
      <Text as="p">{t("v2mom.intro")}</Text>
      <Toolbar className={styles.toolbar} aria-label={t("app.view.v2mom")} size="small">
        <ToolbarButton icon={<AddRegular />} onClick={createDocument}>
          {t("v2mom.new")}
        </ToolbarButton>
        <ToolbarButton
          icon={<DocumentTableRegular />}
          disabled={busy || (!documents.length && !unsavedOpen)}
          onClick={writeSummary}
        >
          {t("v2mom.writeSummary")}
        </ToolbarButton>
      </Toolbar>
      {snapshot && documents.length === 0 && !current && <Text>{t("v2mom.none")}</Text>}
      {confirmSummary && unsavedOpen && (
        <UnsavedSummaryWarning
          name={unsavedOpen.orgUnit.trim() || t("v2mom.thisV2mom")}
          canWriteWithout={documents.length > 0}
          onSaveFirst={() => void saveThenWriteSummary(unsavedOpen)}
          onWriteWithout={() => {
            setConfirmSummary(false);
            void writeSummaryOf(documents);
          }}
          onCancel={() => setConfirmSummary(false)}
        />
      )}
      <DocumentList documents={allDocuments} selectedId={selectedId} onSelect={select} />
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <PlanProblems problems={problems} />
      {current && (
        <>
          <TabList
            size="small"
            selectedValue={subView}
            onTabSelect={(_, d) => setSubView(d.value as SubView)}
          >
            <Tab value="edit" icon={<EditRegular />}>
              {t("v2mom.tab.edit")}
            </Tab>
            <Tab value="alignment" icon={<ArrowSyncRegular />}>
              {t("v2mom.tab.alignment")}
            </Tab>
            <Tab value="changes" icon={<HistoryRegular />}>
              {t("v2mom.tab.changes")}
            </Tab>
          </TabList>
          {subView === "edit" && (
            <>
              <Toolbar
                className={styles.toolbar}
                size="small"
                aria-label={current.orgUnit || t("v2mom.new")}
              >
                {!readOnly && (
                  <ToolbarButton
                    appearance="primary"
                    icon={<SaveRegular />}
                    disabled={busy}
                    onClick={() => void persist([current], t("v2mom.saved"))}
                  >
                    {t("v2mom.save")}
                  </ToolbarButton>
                )}
                {!readOnly && (
                  <ToolbarButton
                    icon={<CheckmarkCircleRegular />}
                    disabled={busy}
                    onClick={() =>
                      void persist(
                        [{ ...current, status: "Published" }],
                        t("v2mom.published"),
                        true
                      )
                    }
                  >
                    {t("v2mom.publish")}
                  </ToolbarButton>
                )}
                {readOnly && (
                  <ToolbarButton
                    icon={<EditRegular />}
                    disabled={busy}
                    onClick={() =>
                      void persist([{ ...current, status: "Draft" }], t("v2mom.saved"))
                    }
                  >
                    {t("v2mom.reopen")}
                  </ToolbarButton>
                )}
                {canRefresh && (
                  <ToolbarButton
                    icon={<HistoryRegular />}
                    disabled={busy}
                    onClick={() => {
                      const copy = startMidYearRefresh(
                        current,
                        nextId(
                          "D",
                          allDocuments.map((d) => d.id)
                        )
                      );
                      // The new draft opens with the outcome still shown.
                      void persist([copy], t("v2mom.refreshStarted")).then(
                        (ok) => ok && setSelectedId(copy.id)
                      );
                    }}
                  >
                    {t("v2mom.startRefresh")}
                  </ToolbarButton>
                )}
                {linksOf(current).length > 0 && !readOnly && (
                  <Button size="small" appearance="subtle" onClick={() => void checkActualsNow()}>
                    {t("v2mom.refreshActuals")}
                  </Button>
                )}
              </Toolbar>
              {readOnly && <Text>{t("v2mom.readOnly")}</Text>}
              {drafts[current.id] && <Text size={200}>{t("v2mom.unsaved")}</Text>}
              <V2momEditor
                draft={current}
                onChange={edit}
                documents={allDocuments}
                readOnly={readOnly}
                issues={issues}
                onInvalid={markInvalid}
                linkProblems={linkProblems}
                linked={linked}
                canPickCell={store.canPickCell}
                onPickCell={(id) => void pickCell(id)}
                today={today}
              />
            </>
          )}
          {subView === "alignment" && (
            <AlignmentView
              documents={allDocuments}
              fiscalYear={current.fiscalYear}
              version={current.version}
            />
          )}
          {subView === "changes" && <ChangesView documents={allDocuments} current={current} />}
        </>
      )}
    </div>
  );
}
