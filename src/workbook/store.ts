/**
 * PlanStore: the one way panes and the command line read and write plans. It checks rows
 * before writing, refuses to overwrite what someone else changed since it was loaded, keeps
 * every overwritten row in a history table first, and restores the previous rows when a
 * write fails half-way. Adapters (Office.js, .xlsx file) only move cells.
 */
import { serialFromDate } from "../domain/calendar";
import {
  CellValue,
  PlanProblem,
  PlanRow,
  RawTable,
  TableData,
  appendedTable,
  filledRows,
  parseTable,
  tableProblem,
  toCells,
  validateRows,
} from "./rows";
import {
  SCHEMA_VERSION,
  TableName,
  TableSpec,
  historySpec,
  infoSpec,
  tableNames,
  tables,
} from "./schema";
import type { LinkedValue, ReportSheet } from "./report";

/** What an adapter must do: read and write whole tables of cells. No planning logic. */
export interface WorkbookDriver {
  /** The table's cells, or undefined when its sheet or table does not exist. */
  readTable(spec: TableSpec): Promise<RawTable | undefined>;
  /** Replaces the table's rows (creating sheet and table if needed); text columns stay text. */
  writeTable(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<void>;
  /** Draws a report sheet, keeping an existing sheet of that name as its previous version. */
  writeReport?(report: ReportSheet): Promise<void>;
  /** Current values of linked cells or names; `exists: false` for a link that no longer resolves. */
  readLinks?(links: readonly string[]): Promise<Map<string, LinkedValue>>;
  /** The address of the cell selected in Excel; absent where there is no grid (a file). */
  selectedAddress?(): Promise<string>;
  /** Every Excel table in the workbook, plan tables included. */
  listTables?(): Promise<UserTable[]>;
  /** Replaces the body cells of one column of a table, in row order. */
  writeColumn?(table: UserTable, header: string, values: readonly CellValue[]): Promise<void>;
  /** Shows a cell to the user (Excel selects it); absent where there is no grid. */
  selectCell?(sheet: string, address: string): Promise<void>;
  /** The selected range as a table (first row the header); absent where there is no grid. */
  readSelection?(): Promise<RawTable | undefined>;
}

/** A table a user made: the add-in reads it and writes it only on explicit request. */
export interface UserTable {
  name: string;
  sheet: string;
}

/** The spec under which an adapter reads a user's table: only its name and sheet matter. */
export const userTableSpec = (table: UserTable): TableSpec => ({
  table: table.name,
  sheet: table.sheet,
  columns: [],
  key: [],
  history: false,
});

export interface PlanSnapshot {
  revision: number;
  schemaVersion: number;
  tables: Record<TableName, TableData>;
  problems: PlanProblem[];
  /** A fingerprint of each table as loaded, to notice edits made since. */
  fingerprints: Record<TableName, string>;
}

export class PlanStoreError extends Error {
  constructor(
    readonly kind: "invalid" | "conflict" | "write-failed",
    message: string,
    readonly problems: PlanProblem[] = []
  ) {
    super(message);
    this.name = "PlanStoreError";
  }
}

/** FNV-1a over the table's cells: enough to notice that a table changed. */
function fingerprint(raw: RawTable | undefined): string {
  if (!raw) return "missing";
  const text = JSON.stringify([raw.header, raw.rows]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length}:${hash.toString(16)}`;
}

function serialNow(now: Date): number {
  const day = serialFromDate({
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    day: now.getUTCDate(),
  });
  return day + (now.getUTCHours() * 3600 + now.getUTCMinutes() * 60 + now.getUTCSeconds()) / 86_400;
}

/** The key/value pairs of the Plan Info table. */
function infoOf(raw: RawTable | undefined): Record<string, string> {
  const info: Record<string, string> = {};
  for (const row of raw?.rows ?? []) {
    if (row[0] !== null && row[0] !== undefined) info[String(row[0])] = String(row[1] ?? "");
  }
  return info;
}

const headerOf = (name: TableName) => tables[name].columns.map((c) => c.header);

/** The previous rows of a table as history rows: change id, time and scenario first, then every column. */
function historyRows(
  spec: TableSpec,
  raw: RawTable,
  stamp: CellValue[]
): { header: string[]; rows: CellValue[][] } {
  const history = historySpec(spec);
  const extra = raw.header.map(String).filter((h) => !spec.columns.some((c) => c.header === h));
  const header = [...history.columns.map((c) => c.header), ...extra];
  const rows = filledRows(raw).map((cells) => {
    const byHeader = new Map(raw.header.map((h, i) => [String(h).trim(), cells[i] as CellValue]));
    return header.map((h, i) => (i < stamp.length ? stamp[i] : (byHeader.get(h) ?? null)));
  });
  return { header, rows };
}

export class PlanStore {
  constructor(
    private readonly driver: WorkbookDriver,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Whether the workbook can tell which cell is selected (Excel can, a file cannot). */
  get canPickCell(): boolean {
    return typeof this.driver.selectedAddress === "function";
  }

  async selectedAddress(): Promise<string | undefined> {
    return this.driver.selectedAddress?.();
  }

  async readLinks(links: readonly string[]): Promise<Map<string, LinkedValue>> {
    if (!this.driver.readLinks || links.length === 0) return new Map();
    return this.driver.readLinks(links);
  }

  /** The workbook's tables that are not plan tables: a user's accounts, reps, opportunities. */
  async listUserTables(): Promise<UserTable[]> {
    const planNames = new Set(
      [...tableNames.map((n) => tables[n]), infoSpec].flatMap((spec) => [
        spec.table,
        historySpec(spec).table,
      ])
    );
    return ((await this.driver.listTables?.()) ?? []).filter((t) => !planNames.has(t.name));
  }

  async readUserTable(table: UserTable): Promise<RawTable | undefined> {
    return this.driver.readTable(userTableSpec(table));
  }

  get canSelect(): boolean {
    return typeof this.driver.selectCell === "function";
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.driver.selectCell?.(sheet, address);
  }

  async readSelection(): Promise<RawTable | undefined> {
    return this.driver.readSelection?.();
  }

  /**
   * Writes values into one column of a user's table, by key (rows whose key is not given keep
   * their value). The previous values go to the write-back history first, in the same change,
   * so `restoreWriteBack` can put them back. Returns the snapshot after the change.
   */
  async writeBack(
    base: PlanSnapshot,
    table: UserTable,
    keyHeader: string,
    targetHeader: string,
    valuesByKey: ReadonlyMap<string, CellValue>,
    scenario = ""
  ): Promise<{ snapshot: PlanSnapshot; changed: number }> {
    const raw = await this.readUserTable(table);
    if (!raw)
      throw new PlanStoreError("invalid", `the table ${table.name} is no longer in the workbook`);
    const header = raw.header.map((h) => String(h ?? "").trim());
    const [key, target] = [header.indexOf(keyHeader.trim()), header.indexOf(targetHeader.trim())];
    if (key < 0 || target < 0)
      throw new PlanStoreError(
        "invalid",
        `the table ${table.name} has no column "${key < 0 ? keyHeader : targetHeader}"`
      );
    const before = raw.rows.map((cells) => (cells[target] ?? null) as CellValue);
    const after = raw.rows.map((cells, i) => {
      const id = String(cells[key] ?? "").trim();
      return valuesByKey.has(id) ? valuesByKey.get(id)! : before[i];
    });
    const changeId = String(base.revision + 1);
    const changedAt = serialNow(this.now());
    const log: PlanRow[] = [];
    raw.rows.forEach((cells, i) => {
      if (before[i] === after[i]) return;
      log.push({
        ChangeId: changeId,
        ChangedAt: changedAt,
        Scenario: scenario,
        Table: table.name,
        Column: targetHeader,
        Key: String(cells[key] ?? ""),
        Previous: before[i] === null ? null : String(before[i]),
        New: after[i] === null ? null : String(after[i]),
      });
    });
    if (!log.length) return { snapshot: base, changed: 0 };
    if (!this.driver.writeColumn)
      throw new PlanStoreError("write-failed", "this workbook cannot be written cell by cell");
    // The log first (refused as a whole if someone else changed the plan), then the cells.
    const snapshot = await this.save(
      base,
      { writeBacks: [...base.tables.writeBacks.rows, ...log] },
      scenario
    );
    try {
      await this.driver.writeColumn(table, targetHeader, after);
    } catch (error) {
      await this.driver.writeColumn(table, targetHeader, before).catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlanStoreError(
        "write-failed",
        `writing into ${table.name} failed (${reason}); its previous values are unchanged`
      );
    }
    return { snapshot, changed: log.length };
  }

  /** Puts back the previous values of the latest write-back into a user's table. */
  async restoreWriteBack(
    base: PlanSnapshot,
    table: UserTable,
    keyHeader: string
  ): Promise<{ snapshot: PlanSnapshot; changed: number }> {
    const rows = base.tables.writeBacks.rows.filter((r) => r.Table === table.name);
    const latest = rows.reduce((max, r) => Math.max(max, Number(r.ChangeId)), -Infinity);
    const last = rows.filter((r) => Number(r.ChangeId) === latest);
    if (!last.length) return { snapshot: base, changed: 0 };
    const previous = new Map(last.map((r) => [String(r.Key), r.Previous]));
    return this.writeBack(base, table, keyHeader, String(last[0].Column), previous, "restore");
  }

  /** Writes a report sheet; a sheet it replaces is kept as "<name> (previous)". */
  async writeReport(report: ReportSheet): Promise<void> {
    if (!this.driver.writeReport) throw new Error("this workbook cannot hold report sheets");
    await this.driver.writeReport(report);
  }

  private async readInfo(): Promise<Record<string, string>> {
    return infoOf(await this.driver.readTable(infoSpec));
  }

  /** Adds rows to a table (a history table), keeping its rows and any columns it has. */
  private async append(
    spec: TableSpec,
    header: readonly string[],
    rows: readonly CellValue[][]
  ): Promise<RawTable | undefined> {
    const existing = await this.driver.readTable(spec);
    const appended = existing
      ? appendedTable(existing, header, rows)
      : { header: [...header], rows: [...rows] };
    await this.driver.writeTable(spec, appended.header, appended.rows);
    return existing;
  }

  /** Reads every plan table, reporting each problem with its place and keeping all it can. */
  async load(): Promise<PlanSnapshot> {
    const info = await this.readInfo();
    const revision = Number(info.revision ?? 0);
    const snapshot: PlanSnapshot = {
      revision,
      schemaVersion: Number(info.schemaVersion ?? SCHEMA_VERSION),
      tables: {} as Record<TableName, TableData>,
      problems: [],
      fingerprints: {} as Record<TableName, string>,
    };
    if (snapshot.schemaVersion > SCHEMA_VERSION) {
      snapshot.problems.push({
        severity: "error",
        sheet: infoSpec.sheet,
        table: infoSpec.table,
        ...tableProblem("newerSchema", { version: snapshot.schemaVersion }),
      });
    }
    for (const name of tableNames) {
      const spec = tables[name];
      const raw = await this.driver.readTable(spec);
      snapshot.fingerprints[name] = fingerprint(raw);
      if (!raw) {
        snapshot.tables[name] = { header: spec.columns.map((c) => c.header), rows: [] };
        if (revision > 0)
          snapshot.problems.push({
            severity: "error",
            sheet: spec.sheet,
            table: spec.table,
            ...tableProblem("tableMissing", { table: spec.table, sheet: spec.sheet }),
          });
        continue;
      }
      const { data, problems } = parseTable(spec, raw);
      snapshot.tables[name] = data;
      snapshot.problems.push(...problems);
    }
    return snapshot;
  }

  /**
   * Writes the changed tables as one logical change. Refuses (and writes nothing) when a row
   * is invalid or when the workbook changed since `base` was loaded.
   */
  async save(
    base: PlanSnapshot,
    changes: Partial<Record<TableName, readonly PlanRow[]>>,
    scenario = ""
  ): Promise<PlanSnapshot> {
    const changed = (Object.keys(changes) as TableName[]).filter((name) => changes[name]);
    const problems = changed.flatMap((name) => validateRows(tables[name], changes[name]!));
    if (problems.length)
      throw new PlanStoreError(
        "invalid",
        `${problems.length} problem(s) must be fixed before saving`,
        problems
      );
    if (base.schemaVersion > SCHEMA_VERSION)
      throw new PlanStoreError(
        "invalid",
        "this workbook was saved by a newer version of the add-in"
      );

    const infoBefore = await this.driver.readTable(infoSpec);
    const info = infoOf(infoBefore);
    if (Number(info.revision ?? 0) !== base.revision) {
      throw new PlanStoreError(
        "conflict",
        "someone else saved this plan after you loaded it; reload to see their changes, then make yours again"
      );
    }
    const previous = new Map<TableName, RawTable | undefined>();
    for (const name of changed) {
      const raw = await this.driver.readTable(tables[name]);
      if (fingerprint(raw) !== base.fingerprints[name]) {
        throw new PlanStoreError(
          "conflict",
          `${tables[name].sheet} was edited after you loaded it; reload to see those edits, then make your change again`
        );
      }
      previous.set(name, raw);
    }

    const revision = base.revision + 1;
    const changedAt = serialNow(this.now());
    const created: TableName[] = [];
    const historyBefore = new Map<TableSpec, RawTable | undefined>();
    try {
      // 1. Keep what is about to be overwritten.
      for (const name of changed) {
        const raw = previous.get(name);
        if (!tables[name].history || !raw || filledRows(raw).length === 0) continue;
        const history = historySpec(tables[name]);
        const { header, rows } = historyRows(tables[name], raw, [
          String(revision),
          changedAt,
          scenario,
        ]);
        historyBefore.set(history, await this.append(history, header, rows));
      }
      // 2. The first save lays out every plan table, so that a table missing later was deleted.
      if (base.revision === 0) {
        for (const name of tableNames) {
          if (changed.includes(name) || base.fingerprints[name] !== "missing") continue;
          await this.driver.writeTable(tables[name], headerOf(name), []);
          created.push(name);
        }
      }
      // 3. The change itself, then the revision that marks it done.
      for (const name of changed) {
        const header = base.tables[name]?.header ?? headerOf(name);
        await this.driver.writeTable(tables[name], header, toCells(header, changes[name]!));
      }
      await this.driver.writeTable(
        infoSpec,
        ["Key", "Value"],
        [
          ["schemaVersion", String(SCHEMA_VERSION)],
          ["revision", String(revision)],
        ]
      );
    } catch (error) {
      // Put back every table this change may have touched, from the cells read just before.
      const restores: [TableSpec, RawTable | undefined][] = [
        ...changed.map((name): [TableSpec, RawTable | undefined] => [
          tables[name],
          previous.get(name),
        ]),
        ...historyBefore,
        [infoSpec, infoBefore],
      ];
      for (const [spec, raw] of restores) {
        const header = raw ? raw.header.map(String) : spec.columns.map((c) => c.header);
        await this.driver
          .writeTable(spec, header, (raw?.rows ?? []) as CellValue[][])
          .catch(() => undefined);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new PlanStoreError(
        "write-failed",
        `saving failed (${reason}); your previous plan is unchanged`
      );
    }
    // Re-read only what this change wrote; the rest is as loaded.
    const next: PlanSnapshot = {
      ...base,
      revision,
      schemaVersion: SCHEMA_VERSION,
      tables: { ...base.tables },
      fingerprints: { ...base.fingerprints },
    };
    next.problems = base.problems.filter(
      (p) =>
        !changed.some((name) => tables[name].table === p.table) &&
        !created.some((name) => tables[name].table === p.table)
    );
    for (const name of [...changed, ...created]) {
      const raw = await this.driver.readTable(tables[name]);
      next.fingerprints[name] = fingerprint(raw);
      if (!raw) continue;
      const { data, problems: found } = parseTable(tables[name], raw);
      next.tables[name] = data;
      next.problems.push(...found);
    }
    return next;
  }
}
