/**
 * The store's promise as a property: over random sequences of saves, hand edits (cells in
 * and around plan tables, renamed, un-tabled and deleted tables, notes below and beside
 * tables, merged cells) and injected write failures,
 * - a save that succeeds changes nothing outside the plan's own tables, and no plan table it
 *   was not asked to write;
 * - a save that is refused changes nothing at all; one that fails half-way loses nothing;
 * - each history table holds exactly the retained versions its table had, cell for cell.
 */
import fc from "fast-check";
import type { CellContent, WorkbookDriver } from "../../src/workbook/driver";
import { CellValue, PlanRow, RawTable, filledRows } from "../../src/workbook/rows";
import {
  HISTORY_CHANGES_KEPT,
  TableName,
  historySpec,
  infoSpec,
  tableNames,
  tables,
} from "../../src/workbook/schema";
import { PlanSnapshot, PlanStore, PlanStoreError } from "../../src/workbook/store";
import { MemoryDriver, parseA1, a1 } from "../support/memoryDriver";
import { PackageWorkbook } from "../support/packageWorkbook";

type Done = void | Promise<void>;

/**
 * A workbook the property can edit by hand, as a user would in Excel. The memory driver is
 * one; over another adapter, these are its hand edits (each may be async).
 */
interface Workbook extends WorkbookDriver {
  setCell(sheet: string, address: string, value: CellValue): Done;
  renameTable(name: string, to: string): Done;
  convertToRange(name: string): Done;
  /** Insert › Table over cells already there (the first row the header). */
  tableFromRange(sheet: string, name: string, range: string): Done;
  /** Deletes the table with its cells; the sheet stays. */
  deleteTable(name: string): Done;
  merge(sheet: string, range: string): Done;
  unmerge(sheet: string, range: string): Done;
  /** The `call`-th writeTable from now fails after writing half its rows; `noFailures` disarms it. */
  failOn(method: "writeTable", call: number): Done;
  noFailures(): Done;
  /** The table's range (A1), undefined when there is no table of that name. */
  tableRange(name: string): string | undefined | Promise<string | undefined>;
  /** Everything in the workbook, canonically: equal strings for equal workbooks. */
  state(): string | Promise<string>;
  /** Cells holding something outside the named tables, by "Sheet!A1". */
  cellsOutside(
    tables: readonly string[]
  ): Map<string, CellContent> | Promise<Map<string, CellContent>>;
}

/** The workbooks the property runs over: the in-memory model, and a real .xlsx package. */
const WORKBOOKS: [string, () => Promise<Workbook>, number][] = [
  ["the memory driver", async () => new MemoryDriver(), 60],
  ["the .xlsx package adapter", () => PackageWorkbook.blank(), 25],
];

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));
const EDITED: TableName[] = ["assignments", "scenarios"];
const PLAN_TABLES = [
  ...tableNames.flatMap((n) => [tables[n].table, historySpec(tables[n]).table]),
  infoSpec.table,
];
const sheetOf = (table: string) =>
  [...tableNames.map((n) => tables[n]), ...tableNames.map((n) => historySpec(tables[n]))].find(
    (s) => s.table === table
  )!.sheet;

const cellValue = fc.oneof(
  fc.constantFrom<CellValue>("x", "maybe", "", "R9", "=1+1", null),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean()
);
const assignmentRows = fc
  .uniqueArray(
    fc.record({
      AccountId: fc.constantFrom("C1", "C2", "C3", "C4", "C5", "C6"),
      RepId: fc.option(fc.constantFrom("R1", "R2", "R3"), { nil: null }),
      Locked: fc.boolean(),
    }),
    { selector: (r) => r.AccountId, maxLength: 5 }
  )
  .map((rows) =>
    rows.map((r): PlanRow => ({ Scenario: "Base", Reason: "placed", MovedFrom: null, ...r }))
  );
const scenarioRows = fc
  .uniqueArray(
    fc.record({
      Scenario: fc.constantFrom("Base", "Alt"),
      State: fc.constantFrom("Draft", "Active"),
      Note: fc.option(fc.constantFrom("a", "b"), { nil: null }),
    }),
    { selector: (r) => r.Scenario, maxLength: 2 }
  )
  .map((rows) => rows.map((r): PlanRow => ({ ...r })));

const mainTable = fc.constantFrom(...EDITED.map((n) => tables[n].table));
const anyTable = fc.constantFrom(
  ...EDITED.flatMap((n) => [tables[n].table, historySpec(tables[n]).table])
);
const op = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant("save" as const),
      fresh: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) }
      ),
      assignments: fc.option(assignmentRows, { nil: undefined }),
      scenarios: fc.option(scenarioRows, { nil: undefined }),
      fail: fc.oneof(
        { weight: 5, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      table: mainTable,
      row: fc.nat(6),
      column: fc.nat(6),
      value: cellValue,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("note" as const),
      table: anyTable,
      below: fc.boolean(),
      offset: fc.nat(2),
      value: fc.constantFrom("note", 42),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("clearNotes" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), table: mainTable }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("renameBack" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("convert" as const), table: mainTable }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retable" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), table: mainTable }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("merge" as const),
      table: anyTable,
      inside: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("unmergeAll" as const) }) }
);
/** Deleting a table is for good: half the runs never do, so that long histories happen too. */
const run = fc.record({
  deletes: fc.boolean(),
  ops: fc.array(op, { minLength: 1, maxLength: 100, size: "max" }),
});

/** A table's rows as header → value, as a reader of the sheet sees them. */
const records = (raw: RawTable | undefined) =>
  raw
    ? filledRows(raw).map(
        (cells) => new Map(raw.header.map((h, i) => [String(h), cells[i] ?? null]))
      )
    : [];

/** The versions a history table holds: ChangeId → rows (without the stamp columns). */
function versionsIn(raw: RawTable | undefined): [string, Map<string, unknown>[]][] {
  const found = new Map<string, Map<string, unknown>[]>();
  for (const row of records(raw)) {
    const id = String(row.get("ChangeId"));
    for (const stamp of ["ChangeId", "ChangedAt", "ChangedScenario"]) row.delete(stamp);
    found.set(id, [...(found.get(id) ?? []), row]);
  }
  return [...found];
}

/** The rows as a version: every column the version had, and every other column blank. */
const asVersion = (rows: Map<string, unknown>[], columns: Iterable<string>) =>
  rows.map((row) => Object.fromEntries([...columns].map((h) => [h, row.get(h) ?? null])));

describe.each(WORKBOOKS)(
  "the store over random edits, saves and failures on %s (property)",
  (_, newWorkbook, numRuns) => {
    it("changes only the plan's own rows, refuses without a trace, and keeps every retained version", async () => {
      await fc.assert(
        fc.asyncProperty(run, async ({ deletes, ops }) => {
          const book = await newWorkbook();
          const store = new PlanStore(book, now);
          let plan: PlanSnapshot | undefined;
          const versions = new Map<TableName, { id: string; rows: Map<string, unknown>[] }[]>();
          const notes: [string, string][] = [];
          const merges: [string, string][] = [];
          const renamed: [string, string][] = [];
          const converted: [string, string, string][] = [];

          for (const step of ops) {
            const range = "table" in step ? await book.tableRange(step.table) : undefined;
            const area = range ? parseA1(range) : undefined;
            switch (step.kind) {
              case "save": {
                if (step.fresh || !plan) plan = await store.load();
                const changes: Partial<Record<TableName, PlanRow[]>> = {};
                if (step.assignments) changes.assignments = step.assignments;
                if (step.scenarios) changes.scenarios = step.scenarios;
                const written = Object.keys(changes) as TableName[];
                if (!written.length) break;
                const state = await book.state();
                const outside = await book.cellsOutside(PLAN_TABLES);
                const untouched = tableNames.filter((n) => !written.includes(n));
                const untouchedBefore = await Promise.all(
                  untouched.map((n) => book.readTable(tables[n]))
                );
                const found = await Promise.all(written.map((n) => book.readTable(tables[n])));
                if (step.fail) await book.failOn("writeTable", step.fail);
                const outcome = await store.save(plan, changes).then(
                  (next) => next,
                  (error: unknown) => error
                );
                await book.noFailures();
                if (!(outcome instanceof PlanStoreError)) {
                  plan = outcome as PlanSnapshot;
                  expect(await book.cellsOutside(PLAN_TABLES)).toEqual(outside);
                  // Tables not in the change keep their rows (a first save lays them out, empty).
                  for (const [i, name] of untouched.entries())
                    expect([name, records(await book.readTable(tables[name]))]).toEqual([
                      name,
                      records(untouchedBefore[i]),
                    ]);
                  written.forEach((name, i) => {
                    const rows = records(found[i]);
                    if (rows.length)
                      versions.set(name, [
                        ...(versions.get(name) ?? []),
                        { id: String(plan!.revision), rows },
                      ]);
                  });
                } else if (outcome.kind !== "write-failed") expect(await book.state()).toBe(state);
                else {
                  // Put back: nothing lost; at most a table that did not exist now does, empty.
                  expect(await book.cellsOutside(PLAN_TABLES)).toEqual(outside);
                  for (const [i, name] of written.entries())
                    expect(records(await book.readTable(tables[name]))).toEqual(records(found[i]));
                }
                break;
              }
              case "edit":
                if (area) {
                  const row = area.top + 1 + (step.row % (area.bottom - area.top));
                  const column = area.left + (step.column % (area.right - area.left + 1));
                  await book.setCell(sheetOf(step.table), a1(row, column), step.value);
                }
                break;
              case "note":
                if (area) {
                  const at = step.below
                    ? a1(area.bottom + 1 + step.offset, area.left + step.offset)
                    : a1(area.top + step.offset, area.right + 1 + step.offset);
                  await book.setCell(sheetOf(step.table), at, step.value);
                  notes.push([sheetOf(step.table), at]);
                }
                break;
              case "clearNotes":
                for (const [sheet, at] of notes.splice(0)) await book.setCell(sheet, at, null);
                break;
              case "rename":
                if (area) {
                  await book.renameTable(step.table, `${step.table}Mine`);
                  renamed.push([step.table, `${step.table}Mine`]);
                }
                break;
              case "renameBack":
                for (const [name, to] of renamed.splice(0))
                  if (await book.tableRange(to)) await book.renameTable(to, name);
                break;
              case "convert":
                if (area) {
                  await book.convertToRange(step.table);
                  converted.push([sheetOf(step.table), step.table, range!]);
                }
                break;
              case "retable":
                for (const [sheet, name, cells] of converted.splice(0))
                  await book.tableFromRange(sheet, name, cells);
                break;
              case "delete":
                if (area && deletes) await book.deleteTable(step.table);
                break;
              case "merge":
                if (area) {
                  const row = step.inside ? area.top + 1 : area.bottom + 1;
                  const mergedRange = `${a1(row, area.left)}:${a1(row + 1, area.left + 1)}`;
                  await book.merge(sheetOf(step.table), mergedRange);
                  merges.push([sheetOf(step.table), mergedRange]);
                }
                break;
              case "unmergeAll":
                for (const [sheet, mergedRange] of merges.splice(0))
                  await book.unmerge(sheet, mergedRange);
                break;
            }
          }

          // History and the current rows give back every retained version, cell for cell.
          for (const name of EDITED) {
            const expected = (versions.get(name) ?? []).slice(-HISTORY_CHANGES_KEPT);
            const kept = versionsIn(await book.readTable(historySpec(tables[name])));
            expect(kept.map(([id]) => id)).toEqual(expected.map((v) => v.id));
            kept.forEach(([id, rows], i) => {
              const columns = new Set([
                ...expected[i].rows.flatMap((r) => [...r.keys()]),
                ...rows.flatMap((r) => [...r.keys()]),
              ]);
              expect([id, asVersion(rows, columns)]).toEqual([
                id,
                asVersion(expected[i].rows, columns),
              ]);
            });
          }
        }),
        { numRuns }
      );
    }, 120_000);
  }
);
