/** The accounts and reps the pane plans with: chosen tables, their column mapping, and what is wrong in them. */
import * as React from "react";
import { validateTerritoryInput } from "../../domain/territory";
import type { RawTable } from "../../workbook/rows";
import {
  ACCOUNT_FIELDS,
  AccountField,
  ColumnMapping,
  REP_FIELDS,
  RepField,
  autoMap,
  guessSourceTables,
  readSourceTables,
} from "../../workbook/sourceTables";
import type { ScenarioRun } from "../../workbook/scenarioTables";
import type { UserTable } from "../../workbook/store";
import { usePlan } from "../plan/PlanContext";

/** The current selection stands in for a table under this name. */
export const SELECTION = "(selection)";

export interface SourceSide<K extends string> {
  table?: UserTable;
  raw?: RawTable;
  mapping: ColumnMapping<K>;
}

/** `start`: the rules of the scenario to begin from, when the workbook has one. */
export function useSourceData(start: ScenarioRun | undefined) {
  const { store, snapshot } = usePlan();
  const [tables, setTables] = React.useState<UserTable[]>([]);
  const [accounts, setAccounts] = React.useState<SourceSide<AccountField>>({ mapping: {} });
  const [reps, setReps] = React.useState<SourceSide<RepField>>({ mapping: {} });
  const [loadError, setLoadError] = React.useState<string>();

  const choose = React.useCallback(
    async (
      side: "accounts" | "reps",
      table: UserTable | undefined,
      mapping?: ColumnMapping<string>
    ) => {
      try {
        const raw = !table
          ? undefined
          : table.name === SELECTION
            ? await store.readSelection()
            : await store.readUserTable(table);
        const fields = side === "accounts" ? ACCOUNT_FIELDS : REP_FIELDS;
        const next = { table, raw, mapping: mapping ?? (raw ? autoMap(fields, raw.header) : {}) };
        if (side === "accounts") setAccounts(next as SourceSide<AccountField>);
        else setReps(next as SourceSide<RepField>);
        setLoadError(undefined);
      } catch (error) {
        setLoadError(error instanceof Error ? error.message : String(error));
      }
    },
    [store]
  );

  // The workbook's tables, read again after each save.
  React.useEffect(() => {
    let live = true;
    void store.listUserTables().then((found) => live && setTables(found));
    return () => {
      live = false;
    };
  }, [store, snapshot?.revision]);

  // The first choice, once the plan is read: the tables and columns a stored scenario used,
  // else the tables whose names look like accounts and reps.
  const started = React.useRef(false);
  React.useEffect(() => {
    if (started.current || !snapshot || (!start && !tables.length)) return;
    started.current = true;
    const guess = guessSourceTables(tables);
    void choose("accounts", start?.accountsTable ?? guess.accounts, start?.accountColumns);
    void choose("reps", start?.repsTable ?? guess.reps, start?.repColumns);
  }, [snapshot, start, tables, choose]);

  const read = React.useMemo(() => {
    if (!accounts.raw || !reps.raw || !accounts.table || !reps.table) return undefined;
    const sources = readSourceTables(
      { raw: accounts.raw, table: accounts.table.name, mapping: accounts.mapping },
      { raw: reps.raw, table: reps.table.name, mapping: reps.mapping }
    );
    // The engine's own checks once every cell reads, so each problem is said once.
    const problems = sources.problems.length
      ? sources.problems
      : validateTerritoryInput(sources).map(sources.locate);
    return { ...sources, problems };
  }, [accounts, reps]);

  return { tables, accounts, reps, choose, setAccounts, setReps, read, loadError };
}

/** The chosen tables, their mapping and what reads from them, as the pane's steps see them. */
export type SourceData = ReturnType<typeof useSourceData>;
