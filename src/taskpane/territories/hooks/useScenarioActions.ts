/**
 * What the pane does with a run's result: save it as a named scenario, make a scenario the
 * active one, write the assigned reps into the user's accounts table (and undo that), and
 * draw the review sheet. Each says how it went through the pane's feedback, refusals at
 * their cells.
 */
import * as React from "react";
import { isoFromSerial, todaySerial } from "../../../domain/calendar";
import type { PlanRunResult, QuotaRunSettings } from "../../../domain/planRun";
import { promoteScenario } from "../../../domain/scenario";
import type { BalanceSettings } from "../../../domain/territory";
import type { PlanRow } from "../../../workbook/rows";
import { capacityReview } from "../../../workbook/capacityTables";
import {
  StoredScenario,
  replaceScenario,
  scenarioRows,
  withStates,
} from "../../../workbook/scenarioTables";
import { PlanStoreError } from "../../../workbook/storeError";
import { REVIEW_SHEET, reviewLabels, territoryReview } from "../../../workbook/territoryReview";
import { tableOfSource } from "../../../workbook/sources";
import { latestWriteBack } from "../../../workbook/writeBack";
import { useI18n } from "../../i18n";
import { usePlan } from "../../plan/PlanContext";
import { SourceData } from "../useSourceData";
import { Feedback } from "./useFeedback";

export interface ScenarioInputs {
  result?: PlanRunResult;
  scenarios: readonly StoredScenario[];
  source: SourceData;
  /** The rules and quota settings stored with a saved scenario. */
  balance: BalanceSettings;
  quota: QuotaRunSettings;
}

export interface ScenarioActions {
  name: string;
  setName(name: string): void;
  note: string;
  setNote(note: string): void;
  /** The accounts column a write-back fills: the one chosen, else the mapped current owner. */
  targetColumn?: string;
  chooseColumn(column: string | undefined): void;
  /** The latest write-back into the accounts table not undone yet (what Undo would undo). */
  undoable: PlanRow[];
  save(): Promise<void>;
  promote(name: string): Promise<void>;
  writeBack(): Promise<void>;
  restore(): Promise<void>;
  writeReview(): Promise<void>;
}

export function useScenarioActions(inputs: ScenarioInputs, feedback: Feedback): ScenarioActions {
  const { result, scenarios, source, balance, quota } = inputs;
  const { setMessage, setProblems } = feedback;
  const { t, sayError } = useI18n();
  const { store, snapshot, save, adopt, reload: reloadPlan } = usePlan();
  const [name, setName] = React.useState("Base");
  const [note, setNote] = React.useState("");
  const [writeColumn, setWriteColumn] = React.useState<string>();
  const targetColumn = writeColumn ?? source.accounts.mapping.currentOwner;
  // A write-back goes into a table; the selection is read only.
  const accountsTable =
    source.accounts.source?.kind === "table" ? source.accounts.source.table : undefined;
  const undoable =
    snapshot && accountsTable
      ? latestWriteBack(snapshot.tables.writeBacks.rows, accountsTable.name)
      : [];
  const saveFailed = (reason: string) =>
    setMessage({ intent: "error", text: t("territories.saveFailed", { reason }) });

  const saveScenario = async () => {
    if (!snapshot || !result || !source.accounts.source || !source.reps.source) return;
    const scenario = name.trim();
    if (!scenario) {
      setMessage({ intent: "error", text: t("territories.nameNeeded") });
      return;
    }
    const existing = scenarios.find((s) => s.name === scenario);
    const rows = scenarioRows({
      name: scenario,
      state: existing?.state ?? "Draft",
      created: todaySerial(),
      note: note || undefined,
      territory: result.territory,
      quotas: result.quotas,
      // The method's code, as the command line writes it: the table's data does not depend on the pane's language.
      quotaMethod: result.quotas ? quota.method.kind : undefined,
      run: {
        accountsTable: tableOfSource(source.accounts.source),
        repsTable: tableOfSource(source.reps.source),
        accountColumns: source.accounts.mapping,
        repColumns: source.reps.mapping,
        balance,
        quota: result.quotas ? quota : undefined,
      },
    });
    const outcome = await save(replaceScenario(snapshot, scenario, rows), scenario);
    if (outcome.ok) {
      const saved = existing ? "territories.scenarioReplaced" : "territories.scenarioSaved";
      setMessage({ intent: "success", text: t(saved, { name: scenario }) });
    } else {
      saveFailed(outcome.message);
      setProblems(outcome.problems);
    }
  };

  const promote = async (scenario: string) => {
    if (!snapshot) return;
    const states = new Map(promoteScenario(scenarios, scenario).map((s) => [s.name, s.state]));
    const outcome = await save(withStates(snapshot, states), scenario);
    if (outcome.ok)
      setMessage({ intent: "success", text: t("territories.promoted", { name: scenario }) });
    else saveFailed(outcome.message);
  };

  const writeInto = async (restore: boolean) => {
    const table = accountsTable;
    const key = source.accounts.mapping.id;
    if (!snapshot || !table || !key) return;
    if (!restore && (!targetColumn || !result)) return;
    setProblems([]);
    try {
      const done = restore
        ? await store.restoreWriteBack(snapshot, table, key)
        : await store.writeBack(
            snapshot,
            table,
            key,
            targetColumn!,
            new Map(
              result!.territory.assignments.map((a) => [a.accountId, a.repId as string | null])
            ),
            name
          );
      // The store re-read the write-back log it saved: that snapshot is the plan now.
      adopt(done.snapshot);
      const column = restore ? String(undoable[0]?.Column ?? targetColumn) : targetColumn;
      const said = t(restore ? "territories.restored" : "territories.writtenBack", {
        count: done.changed,
        table: table.name,
        column: column ?? "",
      });
      setMessage({
        intent: "success",
        text: restore ? said : `${said} ${reconciled(done.changed)}`,
      });
      // The accounts table is the user's, not the plan's: read it alone to show what was written.
      await source.choose("accounts", source.accounts.source, source.accounts.mapping);
    } catch (error) {
      saveFailed(sayError(error));
      // A refused write-back or undo says where: duplicate keys, cells changed since.
      if (error instanceof PlanStoreError) setProblems(error.problems);
      // A write that failed half-way may have kept its log rows: read the plan again.
      await reloadPlan();
    }
  };

  // The cells written, against the Results step's lists: moved, and newly assigned (blank before).
  const reconciled = (changed: number) => {
    const assignments = result?.territory.assignments ?? [];
    const moved = assignments.filter((a) => a.reason === "moved").length;
    const placed = assignments.filter((a) => a.reason === "placed").length;
    return changed === moved + placed
      ? t("territories.writtenBackSplit", { moved, placed })
      : t("territories.writtenBackOther", { moved, placed });
  };

  const writeReview = async () => {
    if (!result) return;
    try {
      const kept = await store.writeReport(
        territoryReview(
          {
            territory: result.territory,
            // The results hold rep ids: the sheet names each rep and their manager.
            reps: source.read?.reps ?? [],
            quotas: result.quotas,
            accounts: source.read?.accounts,
            reachThreshold: quota.reachThreshold,
            capacity: snapshot && capacityReview(snapshot.tables.capacity, name.trim()),
            written: isoFromSerial(todaySerial()),
          },
          reviewLabels(t, name)
        )
      );
      setMessage({
        intent: "success",
        // The earlier copy is named only when there was one to keep.
        text: kept
          ? t("territories.reviewWritten", { sheet: REVIEW_SHEET, previous: kept })
          : t("territories.reviewWrittenFirst", { sheet: REVIEW_SHEET }),
      });
    } catch (error) {
      saveFailed(sayError(error));
    }
  };

  return {
    name,
    setName,
    note,
    setNote,
    targetColumn,
    chooseColumn: setWriteColumn,
    undoable,
    save: saveScenario,
    promote,
    writeBack: () => writeInto(false),
    restore: () => writeInto(true),
    writeReview,
  };
}
