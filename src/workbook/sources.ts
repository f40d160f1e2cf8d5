/**
 * Where the engine's accounts and reps come from, for the pane and the command line alike:
 * a user's table or the cells selected in Excel, read through the store, with its columns
 * mapped (as chosen, else recognised by their headers), then read into accounts and reps
 * with every problem at its cell.
 */
import type { RawTable } from "./rows";
import type { ScenarioRun } from "./scenarioTables";
import {
  ACCOUNT_FIELDS,
  AccountField,
  ColumnMapping,
  FieldSpec,
  REP_FIELDS,
  RepField,
  SourceTables,
  autoMap,
  guessSourceTables,
  readSourceTables,
} from "./sourceTables";
import type { PlanStore, UserTable } from "./store";

/** What one side is read from: one of the user's tables, or the cells selected in Excel. */
export type SourceRef = { kind: "table"; table: UserTable } | { kind: "selection" };

/**
 * How a scenario run on the selection names its table in Scenario Settings. Scenarios saved
 * that way keep opening on the selection, and the command line names it in its refusal.
 */
const STORED_SELECTION = "(selection)";

/** The source a stored table name means. */
export const sourceOfTable = (table: UserTable): SourceRef =>
  table.name === STORED_SELECTION ? { kind: "selection" } : { kind: "table", table };

/** The table a source is stored as in a scenario's settings. */
export const tableOfSource = (source: SourceRef): UserTable =>
  source.kind === "table" ? source.table : { name: STORED_SELECTION, sheet: "" };

/** The name problems in a source are reported under. */
export const sourceName = (source: SourceRef): string => tableOfSource(source).name;

/** One side of the engine's input: a user table (or the selection), its cells, and its column mapping. */
export interface SourceSide<K extends string> {
  /** Absent: nothing chosen yet. */
  source?: SourceRef;
  /** Absent: nothing chosen, or the table is not in the workbook (or nothing is selected). */
  raw?: RawTable;
  mapping: ColumnMapping<K>;
}

/** A side to read: the source and, when already chosen, its column mapping. */
export interface SourcePick<K extends string> {
  source?: SourceRef;
  mapping?: ColumnMapping<K>;
}

export interface SourcePicks {
  accounts: SourcePick<AccountField>;
  reps: SourcePick<RepField>;
}

export interface SourceSides {
  accounts: SourceSide<AccountField>;
  reps: SourceSide<RepField>;
}

/** The sources and columns a stored scenario was run with. */
export const picksOfRun = (run: ScenarioRun): SourcePicks => ({
  accounts: { source: sourceOfTable(run.accountsTable), mapping: run.accountColumns },
  reps: { source: sourceOfTable(run.repsTable), mapping: run.repColumns },
});

/** With no stored scenario: the tables whose names look like accounts and reps, columns recognised by their headers. */
export function guessedPicks(tables: readonly UserTable[]): SourcePicks {
  const guess = guessSourceTables(tables);
  const pick = (table: UserTable | undefined) =>
    table ? { source: { kind: "table", table } as const } : {};
  return { accounts: pick(guess.accounts), reps: pick(guess.reps) };
}

export const fieldsOf = (side: keyof SourceSides) =>
  (side === "accounts" ? ACCOUNT_FIELDS : REP_FIELDS) as readonly FieldSpec<string>[];

/** Reads one side's cells; without a mapping, its columns are recognised by their headers. */
export async function readSide<K extends string>(
  store: PlanStore,
  fields: readonly FieldSpec<K>[],
  pick: SourcePick<K>
): Promise<SourceSide<K>> {
  const { source } = pick;
  const raw = !source
    ? undefined
    : source.kind === "selection"
      ? await store.readSelection()
      : await store.readUserTable(source.table);
  return { source, raw, mapping: pick.mapping ?? (raw ? autoMap(fields, raw.header) : {}) };
}

/** Reads both sides, each mapped as chosen or recognised by its headers. */
export async function readSources(store: PlanStore, picks: SourcePicks): Promise<SourceSides> {
  const [accounts, reps] = await Promise.all([
    readSide(store, ACCOUNT_FIELDS, picks.accounts),
    readSide(store, REP_FIELDS, picks.reps),
  ]);
  return { accounts, reps };
}

/** The accounts and reps the sides hold, every unreadable cell located; undefined until both are read. */
export function mapSources({ accounts, reps }: SourceSides): SourceTables | undefined {
  if (!accounts.source || !reps.source || !accounts.raw || !reps.raw) return undefined;
  return readSourceTables(
    { raw: accounts.raw, table: sourceName(accounts.source), mapping: accounts.mapping },
    { raw: reps.raw, table: sourceName(reps.source), mapping: reps.mapping }
  );
}
