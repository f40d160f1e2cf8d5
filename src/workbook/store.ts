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
  parseTable,
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
}

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
  const rows = raw.rows.map((cells) => {
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
        message: `this workbook was saved by a newer version of the add-in (schema ${snapshot.schemaVersion}); update the add-in before saving`,
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
            message: `the table ${spec.table} (sheet "${spec.sheet}") is missing: it was deleted or renamed`,
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
        if (!tables[name].history || !raw || raw.rows.length === 0) continue;
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
