/** The accounts and reps the pane plans with: chosen tables, their column mapping, and what is wrong in them. */
import * as React from "react";
import { validateTerritoryInput } from "../../domain/territory";
import type { PlanProblem, RawTable } from "../../workbook/rows";
import {
  ACCOUNT_FIELDS,
  AccountField,
  ColumnMapping,
  REP_FIELDS,
  RepField,
  autoMap,
  locateIssue,
  readAccounts,
  readReps,
} from "../../workbook/sourceTables";
import type { UserTable } from "../../workbook/store";
import { usePlan } from "../plan/PlanContext";

/** The current selection stands in for a table under this name. */
export const SELECTION = "(selection)";

export interface SourceSide<K extends string> {
  table?: UserTable;
  raw?: RawTable;
  mapping: ColumnMapping<K>;
}

export function useSourceData() {
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

  // The workbook's tables; on first look, the ones that look like accounts and reps.
  React.useEffect(() => {
    let live = true;
    void store.listUserTables().then((found) => {
      if (!live) return;
      setTables(found);
      const like = (words: string[]) =>
        found.find((t) => words.some((w) => t.name.toLowerCase().includes(w)));
      setAccounts((current) => {
        if (!current.table) void choose("accounts", like(["account", "客户"]));
        return current;
      });
      setReps((current) => {
        if (!current.table) void choose("reps", like(["rep", "销售"]));
        return current;
      });
    });
    return () => {
      live = false;
    };
  }, [store, snapshot?.revision, choose]);

  const read = React.useMemo(() => {
    if (!accounts.raw || !reps.raw || !accounts.table || !reps.table) return undefined;
    const a = readAccounts(accounts.raw, accounts.table.name, accounts.mapping);
    const r = readReps(reps.raw, reps.table.name, reps.mapping);
    const problems: PlanProblem[] = [...a.problems, ...r.problems];
    if (!problems.length) {
      const where = {
        accounts: {
          raw: accounts.raw,
          table: accounts.table.name,
          sheetRows: a.sheetRows,
          mapping: accounts.mapping,
        },
        reps: {
          raw: reps.raw,
          table: reps.table.name,
          sheetRows: r.sheetRows,
          mapping: reps.mapping,
        },
      };
      problems.push(
        ...validateTerritoryInput({ accounts: a.rows, reps: r.rows }).map((issue) =>
          locateIssue(issue, where)
        )
      );
    }
    return { accounts: a.rows, reps: r.rows, problems };
  }, [accounts, reps]);

  return { tables, accounts, reps, choose, setAccounts, setReps, read, loadError };
}
