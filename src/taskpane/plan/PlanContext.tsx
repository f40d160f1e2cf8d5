/**
 * The pane's one door to the plan: a PlanStore (over Office.js in Excel, over a file
 * outside it), its latest snapshot, and save with the outcome in words. Components call
 * usePlan(); none of them touches Excel.run or a file.
 */
import * as React from "react";
import type { PlanProblem, PlanRow } from "../../workbook/rows";
import type { TableName } from "../../workbook/schema";
import { PlanSnapshot, PlanStore, PlanStoreError } from "../../workbook/store";
import { useI18n } from "../i18n";
import { errorText } from "../../domain/problem";

export type SaveOutcome =
  | { ok: true }
  | {
      ok: false;
      kind: PlanStoreError["kind"] | "unexpected";
      message: string;
      problems: PlanProblem[];
    };

export interface PlanState {
  /** For what is not a table: report sheets, linked cells, the selected cell. */
  store: PlanStore;
  snapshot?: PlanSnapshot;
  loading: boolean;
  /** Why the plan could not be read, in words. */
  loadError?: string;
  reload(): Promise<void>;
  /**
   * Takes the snapshot a store operation returned (a write-back, its undo) as the plan, so
   * nothing is read again: the store already re-read what the operation wrote.
   */
  adopt(snapshot: PlanSnapshot): void;
  /** Saves one logical change; on failure nothing is written and the caller keeps what the user typed. */
  save(
    changes: Partial<Record<TableName, readonly PlanRow[]>>,
    scenario?: string
  ): Promise<SaveOutcome>;
}

const PlanContext = React.createContext<PlanState | undefined>(undefined);

export function PlanProvider({ store, children }: { store: PlanStore; children: React.ReactNode }) {
  const { t, sayError } = useI18n();
  const [snapshot, setSnapshot] = React.useState<PlanSnapshot>();
  const [loading, setLoading] = React.useState(true);
  const [loadError, setLoadError] = React.useState<string>();

  const reload = React.useCallback(async () => {
    setLoading(true);
    try {
      setSnapshot(await store.load());
      setLoadError(undefined);
    } catch (error) {
      setLoadError(errorText(error));
    } finally {
      setLoading(false);
    }
  }, [store]);

  React.useEffect(() => {
    void reload();
  }, [reload]);

  const save = React.useCallback<PlanState["save"]>(
    async (changes, scenario) => {
      if (!snapshot)
        return { ok: false, kind: "unexpected", message: t("plan.notLoaded"), problems: [] };
      try {
        setSnapshot(await store.save(snapshot, changes, scenario));
        return { ok: true };
      } catch (error) {
        if (error instanceof PlanStoreError)
          return {
            ok: false,
            kind: error.kind,
            message: sayError(error),
            problems: error.problems,
          };
        return {
          ok: false,
          kind: "unexpected",
          message: errorText(error),
          problems: [],
        };
      }
    },
    [snapshot, store, t, sayError]
  );

  const adopt = React.useCallback((next: PlanSnapshot) => setSnapshot(next), []);

  const value = React.useMemo<PlanState>(
    () => ({ store, snapshot, loading, loadError, reload, adopt, save }),
    [store, snapshot, loading, loadError, reload, adopt, save]
  );
  return <PlanContext.Provider value={value}>{children}</PlanContext.Provider>;
}

export function usePlan(): PlanState {
  const value = React.useContext(PlanContext);
  if (!value) throw new Error("usePlan must be used inside <PlanProvider>");
  return value;
}
