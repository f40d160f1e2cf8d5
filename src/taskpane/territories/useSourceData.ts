/** The accounts and reps the pane plans with: chosen tables, their column mapping, and what is wrong in them. */
import * as React from "react";
import { validateTerritoryInput } from "../../domain/territory";
import type { AccountField, ColumnMapping, RepField } from "../../workbook/sourceTables";
import {
  SourceRef,
  SourceSide,
  fieldsOf,
  guessedPicks,
  mapSources,
  picksOfRun,
  readSide,
  readSources,
} from "../../workbook/sources";
import type { ScenarioRun } from "../../workbook/scenarioTables";
import type { UserTable } from "../../workbook/store";
import { usePlan } from "../plan/PlanContext";
import { errorText } from "../../domain/problem";

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
      source: SourceRef | undefined,
      mapping?: ColumnMapping<string>
    ) => {
      try {
        const next = await readSide(store, fieldsOf(side), { source, mapping });
        if (side === "accounts") setAccounts(next as SourceSide<AccountField>);
        else setReps(next as SourceSide<RepField>);
        setLoadError(undefined);
      } catch (error) {
        setLoadError(errorText(error));
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
    void readSources(store, start ? picksOfRun(start) : guessedPicks(tables)).then(
      (read) => {
        setAccounts(read.accounts);
        setReps(read.reps);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(errorText(error))
    );
  }, [snapshot, start, tables, store]);

  const read = React.useMemo(() => {
    const sources = mapSources({ accounts, reps });
    if (!sources) return undefined;
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
