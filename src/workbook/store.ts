/**
 * PlanStore: the one way panes and the command line read and write plans. It checks rows
 * before writing, refuses to overwrite what someone else changed since it was loaded, refuses
 * (writing nothing, saying where and what to do) to write where a table was renamed, deleted
 * or would grow over the user's cells, keeps every overwritten row in a history table first
 * (within a stated retention), and puts back every table it touched when a write fails
 * half-way. Adapters (Office.js, the .xlsx package) only move cells and say what is where.
 */
import { serialFromDate, todaySerial } from "../domain/calendar";
import type { CellContent, UserTable, WorkbookDriver } from "./driver";
import { TableWrite, writeAllOrNothing } from "./guardedWrite";
import { appendedHistory, historyRows, latestChange } from "./history";
import { aboutWrittenRow, cellsToWrite } from "./keptRows";
import { planInfoRows, readPlanInfo, revisionBehind } from "./planInfo";
import {
  CellValue,
  PlanProblem,
  PlanRow,
  RawTable,
  TableData,
  cellOf,
  filledRows,
  parseTable,
  planRow,
  tableProblem,
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
import { PlanStoreError, refusal, storeProblem } from "./storeError";
import { UserColumn, readUserColumn, userTableSpec } from "./userColumn";
import { latestWriteBack, planRestore, planWriteBack } from "./writeBack";
import type { LinkedValue, ReportSheet } from "./report";
import { errorText } from "../domain/problem";

// The adapter interface lives in driver.ts; importers of the store keep finding it here.
export type { CellContent, TableSite, UserTable, WorkbookDriver } from "./driver";
export { PlanStoreError } from "./storeError";
export { userTableSpec } from "./userColumn";

export interface PlanSnapshot {
  revision: number;
  schemaVersion: number;
  tables: Record<TableName, TableData>;
  problems: PlanProblem[];
  /** A fingerprint of each table as loaded, to notice edits made since. */
  fingerprints: Record<TableName, string>;
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

const headerOf = (name: TableName) => tables[name].columns.map((c) => c.header);
/** Whether a plan of that schema version was written before the table existed. */
const addedAfter = (name: TableName, version: number) =>
  ((tables[name] as TableSpec).since ?? 1) > version;
const INFO_CODES = new Set(["revisionUnreadable", "schemaVersionUnreadable"]);

/** Whether a table reads back cell for cell as it was written (then its parse stands). */
function sameTable(a: RawTable, b: RawTable): boolean {
  if (a.sheet !== b.sheet || a.headerRow !== b.headerRow || a.firstColumn !== b.firstColumn)
    return false;
  if (a.header.length !== b.header.length || a.rows.length !== b.rows.length) return false;
  if (a.header.some((h, i) => h !== b.header[i])) return false;
  if (b.uncalculated?.size) return false;
  for (let r = 0; r < a.rows.length; r++) {
    const x = a.rows[r];
    const y = b.rows[r];
    if (x.length > y.length && x.slice(y.length).some((c) => c !== null)) return false;
    for (let c = 0; c < y.length; c++) if ((x[c] ?? null) !== (y[c] ?? null)) return false;
  }
  return true;
}

export class PlanStore {
  constructor(
    private readonly driver: WorkbookDriver,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Today by the store's clock (the user's calendar day), as a whole-day serial. */
  today(): number {
    return todaySerial(this.now());
  }

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
   * Writes a report sheet; a sheet it replaces is kept as "<name> (previous)". Resolves to the
   * name of the copy kept, or undefined when the workbook had no sheet of that name.
   */
  async writeReport(report: ReportSheet): Promise<string | undefined> {
    if (!this.driver.writeReport) throw new Error("this workbook cannot hold report sheets");
    return this.driver.writeReport(report);
  }

  /**
   * Writes values into one column of a user's table, by key (trimmed, as the engine names
   * rows; rows whose key is not given keep their cell). Each cell it replaces goes to the
   * write-back log first, exactly (value, type, formula, row), in the same change, so
   * `restoreWriteBack` can put it back. Refused when a key to write is in several rows.
   * Returns the plan after the change (as `load` would read it, so the caller adopts it and
   * reads nothing again but the user's table it shows) and how many cells changed.
   */
  async writeBack(
    base: PlanSnapshot,
    table: UserTable,
    keyHeader: string,
    targetHeader: string,
    valuesByKey: ReadonlyMap<string, CellValue>,
    scenario = ""
  ): Promise<{ snapshot: PlanSnapshot; changed: number }> {
    const column = await readUserColumn(this.driver, table, keyHeader, targetHeader);
    const stamp = {
      changeId: String(base.revision + 1),
      changedAt: serialNow(this.now()),
      scenario,
    };
    const plan = planWriteBack({ ...column, targetHeader, valuesByKey, stamp });
    if (plan.problems.length) throw refusal(plan.problems);
    if (!plan.log.length) return { snapshot: base, changed: 0 };
    // The log first (refused as a whole if someone else changed the plan), then the cells.
    const log = [...base.tables.writeBacks.rows, ...plan.log];
    const logged = await this.save(base, { writeBacks: log }, scenario);
    const snapshot = await this.writeCells(base, logged, column, targetHeader, plan.after);
    return { snapshot, changed: plan.log.length };
  }

  /**
   * Undoes the latest write-back into a user's table that is not undone yet: its cells go
   * back exactly as they were, and its log rows are marked with this change (UndoneBy), so
   * undoing again reaches the write-back before it. Refused when a cell it wrote was edited
   * since, or its row is gone: undoing then would lose the user's edit.
   */
  async restoreWriteBack(
    base: PlanSnapshot,
    table: UserTable,
    keyHeader: string
  ): Promise<{ snapshot: PlanSnapshot; changed: number }> {
    const undo = latestWriteBack(base.tables.writeBacks.rows, table.name);
    if (!undo.length) return { snapshot: base, changed: 0 };
    const header = String(cellOf(undo[0], "Column") ?? "");
    const column = await readUserColumn(this.driver, table, keyHeader, header);
    const plan = planRestore({ ...column, undo });
    if (plan.problems.length) throw refusal(plan.problems);
    const undoneBy = String(base.revision + 1);
    const log = base.tables.writeBacks.rows.map((row) =>
      undo.includes(row) ? planRow([...Object.entries(row), ["UndoneBy", undoneBy]]) : row
    );
    const logged = await this.save(base, { writeBacks: log }, "restore");
    const snapshot = await this.writeCells(base, logged, column, header, plan.after);
    return { snapshot, changed: undo.length };
  }

  /** Writes a column after its log was saved; when that fails, the cells and the log go back. */
  private async writeCells(
    base: PlanSnapshot,
    logged: PlanSnapshot,
    column: UserColumn,
    header: string,
    after: readonly CellContent[]
  ): Promise<PlanSnapshot> {
    try {
      await this.driver.writeColumn!(column.table, header, after);
      return logged;
    } catch (error) {
      const reason = errorText(error);
      const putBack = await this.driver.writeColumn!(column.table, header, column.cells).then(
        () => true,
        () => false
      );
      // Cells that could not be put back stay in the log, so that undo can still restore them.
      if (!putBack)
        throw new PlanStoreError(
          "write-failed",
          storeProblem("columnFailedChanged", {
            table: column.table.name,
            reason,
            log: tables.writeBacks.sheet,
          })
        );
      // The log must not list a write-back that did not happen.
      const reverted = await this.save(logged, { writeBacks: base.tables.writeBacks.rows }).then(
        () => true,
        () => false
      );
      throw new PlanStoreError(
        "write-failed",
        storeProblem(reverted ? "columnFailed" : "columnFailedListed", {
          table: column.table.name,
          reason,
          log: tables.writeBacks.sheet,
        })
      );
    }
  }

  /** Reads every plan table, reporting each problem with its place and keeping all it can. */
  async load(): Promise<PlanSnapshot> {
    const info = readPlanInfo(await this.driver.readTable(infoSpec));
    const snapshot: PlanSnapshot = {
      revision: info.revision,
      schemaVersion: info.schemaVersion,
      tables: {} as Record<TableName, TableData>,
      problems: [...info.problems],
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
    // A plan with a revision, even one that cannot be read, was saved: its tables must be there.
    const savedBefore = info.revision > 0 || info.problems.length > 0;
    for (const name of tableNames) {
      const spec = tables[name];
      const raw = await this.driver.readTable(spec);
      snapshot.fingerprints[name] = fingerprint(raw);
      if (!raw) {
        snapshot.tables[name] = { header: spec.columns.map((c) => c.header), rows: [] };
        // A table added in a later version than the one that saved the plan was never there.
        if (savedBefore && !addedAfter(name, info.schemaVersion))
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
   * Writes the changed tables as one logical change, all or nothing. Refuses, writing
   * nothing, when a row is invalid, when the workbook changed since `base` was loaded, or
   * when a table it would write is not where it should be or would overwrite the user's cells.
   * Rows given back as they were read are written back cell for cell.
   */
  async save(
    base: PlanSnapshot,
    changes: Partial<Record<TableName, readonly PlanRow[]>>,
    scenario = ""
  ): Promise<PlanSnapshot> {
    const changed = (Object.keys(changes) as TableName[]).filter((name) => changes[name]);
    if (base.schemaVersion > SCHEMA_VERSION)
      throw new PlanStoreError("invalid", storeProblem("newerVersion"));
    const infoBefore = await this.driver.readTable(infoSpec);
    const info = readPlanInfo(infoBefore);
    if (info.problems.length) throw refusal(info.problems);
    if (base.problems.some((p) => p.code && INFO_CODES.has(p.code)))
      throw new PlanStoreError("conflict", storeProblem("infoChanged", { sheet: infoSpec.sheet }));
    if (info.revision !== base.revision) {
      throw new PlanStoreError("conflict", storeProblem("savedByOther"));
    }
    const previous = new Map<TableName, RawTable | undefined>();
    for (const name of changed) {
      const raw = await this.driver.readTable(tables[name]);
      if (fingerprint(raw) !== base.fingerprints[name]) {
        throw new PlanStoreError(
          "conflict",
          storeProblem("tableEdited", { sheet: tables[name].sheet })
        );
      }
      previous.set(name, raw);
    }

    const cells = new Map<TableName, { header: string[]; rows: CellValue[][] }>();
    // Each table as it is about to be written, read the way load reads it: its errors refuse the
    // change, and the snapshot after the write reuses it when the table reads back the same.
    const parsedBefore = new Map<
      TableName,
      { raw: RawTable; parsed: ReturnType<typeof parseTable> }
    >();
    const problems: PlanProblem[] = [];
    for (const name of changed) {
      const raw = previous.get(name);
      const header = base.tables[name]?.header ?? headerOf(name);
      const written = cellsToWrite(tables[name], raw, header, changes[name]!);
      const toWrite: RawTable = {
        sheet: raw?.sheet ?? tables[name].sheet,
        header,
        headerRow: raw?.headerRow ?? 1,
        firstColumn: raw?.firstColumn ?? 0,
        rows: written.cells,
      };
      const parsed = parseTable(tables[name], toWrite);
      const errors = parsed.problems.filter((p) => p.severity === "error");
      problems.push(...errors.filter((p) => aboutWrittenRow(p, written.kept, toWrite.headerRow)));
      parsedBefore.set(name, { raw: toWrite, parsed });
      cells.set(name, { header, rows: written.cells });
    }
    if (problems.length)
      throw new PlanStoreError(
        "invalid",
        storeProblem("mustFix", { count: problems.length }),
        problems
      );

    const revision = base.revision + 1;
    const stamp = [String(revision), serialNow(this.now()), scenario];
    const writes: TableWrite[] = [];
    // 1. Keep what is about to be overwritten.
    for (const name of changed) {
      const raw = previous.get(name);
      if (!tables[name].history || !raw || filledRows(raw).length === 0) continue;
      const spec = historySpec(tables[name]);
      const before = await this.driver.readTable(spec);
      const latest = latestChange(before);
      if (latest >= revision)
        throw refusal([revisionBehind(infoBefore, spec, latest, base.revision)]);
      const kept = historyRows(tables[name], raw, stamp);
      const next = appendedHistory(before, kept.header, kept.rows);
      writes.push({ spec, ...next, before, mustExist: false });
    }
    // 2. The first save lays out every plan table, so that a table missing later was deleted;
    // the first save by a later version lays out the tables it added, for the same reason.
    const isNew = (n: TableName) =>
      base.fingerprints[n] === "missing" &&
      (base.revision === 0 || addedAfter(n, base.schemaVersion));
    const created = tableNames.filter((n) => !changed.includes(n) && isNew(n));
    for (const name of created)
      writes.push({
        spec: tables[name],
        header: headerOf(name),
        rows: [],
        before: undefined,
        mustExist: false,
      });
    // 3. The change itself, then the revision that marks it done.
    for (const name of changed)
      writes.push({
        spec: tables[name],
        ...cells.get(name)!,
        before: previous.get(name),
        mustExist: base.revision > 0 && !isNew(name),
      });
    writes.push({
      spec: infoSpec,
      ...planInfoRows(infoBefore, revision),
      before: infoBefore,
      mustExist: false,
    });
    await writeAllOrNothing(this.driver, writes);

    // Re-read only what this change wrote; the rest is as loaded.
    const next: PlanSnapshot = {
      ...base,
      revision,
      schemaVersion: SCHEMA_VERSION,
      tables: { ...base.tables },
      fingerprints: { ...base.fingerprints },
    };
    const rewritten = [...changed, ...created];
    next.problems = base.problems.filter(
      (p) => !rewritten.some((name) => tables[name].table === p.table)
    );
    for (const name of rewritten) {
      const raw = await this.driver.readTable(tables[name]);
      next.fingerprints[name] = fingerprint(raw);
      if (!raw) continue;
      const before = parsedBefore.get(name);
      const { data, problems: found } =
        before && sameTable(before.raw, raw) ? before.parsed : parseTable(tables[name], raw);
      next.tables[name] = data;
      next.problems.push(...found);
    }
    return next;
  }
}
