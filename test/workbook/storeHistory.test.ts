import fc from "fast-check";
import { retainedRows } from "../../src/workbook/history";
import { CellValue, PlanRow, RawTable, filledRows } from "../../src/workbook/rows";
import { HISTORY_CHANGES_KEPT, historySpec, tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));
const assignment = (accountId: string, repId: string | null): PlanRow => ({
  Scenario: "Base",
  AccountId: accountId,
  RepId: repId,
  Reason: "placed",
  MovedFrom: null,
  Locked: false,
});

/** The table's rows as header → value, as a reader sees them. */
const records = (raw: RawTable | undefined) =>
  raw
    ? filledRows(raw).map((cells) =>
        Object.fromEntries(raw.header.map((h, i) => [String(h), cells[i] ?? null]))
      )
    : [];

/** ChangeId → that version's rows, without the stamp, over the given columns. */
function historyVersions(raw: RawTable | undefined, columns: readonly string[]) {
  const found = new Map<string, Record<string, unknown>[]>();
  for (const row of records(raw)) {
    const id = String(row.ChangeId);
    const version = Object.fromEntries(columns.map((h) => [h, row[h] ?? null]));
    found.set(id, [...(found.get(id) ?? []), version]);
  }
  return found;
}

describe("history retention", () => {
  it(`keeps the rows replaced by the last ${HISTORY_CHANGES_KEPT} changes, and no more`, async () => {
    const driver = new MemoryDriver();
    const store = new PlanStore(driver, now);
    let plan = await store.load();
    for (let run = 1; run <= 30; run++)
      plan = await store.save(plan, {
        assignments: [assignment("C1", `R${run}`), assignment("C2", "R0")],
      });
    const history = (await driver.readTable(historySpec(tables.assignments)))!;
    const ids = [...new Set(history.rows.map((r) => r[0]))];
    // Change 1 found the table empty; changes 2..30 each kept what the run before wrote.
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => String(11 + i)));
    expect(history.rows).toHaveLength(40);
    // The version change 11 replaced is what run 10 wrote.
    expect(history.rows.filter((r) => r[0] === "11").map((r) => [r[4], r[5]])).toEqual([
      ["C1", "R10"],
      ["C2", "R0"],
    ]);
  });

  it("drops older changes whole while a history holds more rows than it may, keeping the latest", () => {
    const header = ["ChangeId", "ChangedAt", "ChangedScenario", "AccountId"];
    const row = (id: string, account: string): CellValue[] => [id, 46_000, "Base", account];
    const rows = [
      row("1", "a"),
      row("1", "b"),
      row("2", "c"),
      row("3", "d"),
      row("3", "e"),
      row("3", "f"),
    ];
    expect(retainedRows(header, rows, 20, 4)).toEqual([
      row("2", "c"),
      row("3", "d"),
      row("3", "e"),
      row("3", "f"),
    ]);
    expect(retainedRows(header, rows, 20, 2)).toEqual([
      row("3", "d"),
      row("3", "e"),
      row("3", "f"),
    ]);
    expect(retainedRows(header, rows, 2, 100)).toEqual(rows.slice(2));
  });

  it("gives back every retained version exactly from the history and the current rows (property)", async () => {
    const rowsArb = fc
      .uniqueArray(
        fc.record({
          AccountId: fc.constantFrom("C1", "C2", "C3", "C4"),
          RepId: fc.option(fc.constantFrom("R1", "R2", "=R3", "00"), { nil: null }),
        }),
        { selector: (r) => r.AccountId, maxLength: 4 }
      )
      .map((rows) => rows.map((r) => assignment(r.AccountId, r.RepId)));
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ save: rowsArb }) },
      // A hand edit in the table between runs: a note in a user's own column, a changed rep.
      {
        weight: 1,
        arbitrary: fc.record({
          edit: fc.constantFrom<CellValue>("checked", 7, true, null),
          column: fc.constantFrom("C", "G"),
        }),
      }
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 21, maxLength: 40, size: "max" }),
        async (steps) => {
          const driver = new MemoryDriver();
          const store = new PlanStore(driver, now);
          const versions: { id: string; rows: Record<string, unknown>[] }[] = [];
          let widened = false;
          for (const s of steps) {
            if ("edit" in s) {
              const raw = await driver.readTable(tables.assignments);
              if (!raw || !filledRows(raw).length) continue;
              if (s.column === "G" && !widened) {
                // The user adds a column of their own to the table.
                await driver.writeTable(
                  tables.assignments,
                  [...raw.header.map(String), "Note"],
                  raw.rows.map((c) => [...(c as CellValue[]), null])
                );
                widened = true;
              }
              driver.setCell(tables.assignments.sheet, `${s.column}2`, s.edit);
              continue;
            }
            const plan = await store.load();
            const found = records(await driver.readTable(tables.assignments));
            const next = await store.save(plan, { assignments: s.save });
            if (found.length) versions.push({ id: String(next.revision), rows: found });
          }
          const history = await driver.readTable(historySpec(tables.assignments));
          const kept = versions.slice(-HISTORY_CHANGES_KEPT);
          const columns = [
            ...tables.assignments.columns.map((c) => c.header),
            ...(widened ? ["Note"] : []),
          ];
          const inHistory = historyVersions(history, columns);
          expect([...inHistory.keys()]).toEqual(kept.map((v) => v.id));
          for (const version of kept) {
            const expected = version.rows.map((r) =>
              Object.fromEntries(columns.map((h) => [h, r[h] ?? null]))
            );
            expect(inHistory.get(version.id)).toEqual(expected);
          }
        }
      ),
      { numRuns: 40 }
    );
  }, 60_000);
});
