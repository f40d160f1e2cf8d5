import type { CellContent, UserTable } from "../../src/workbook/driver";
import { tables } from "../../src/workbook/schema";
import { PlanStore, PlanStoreError } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));
const accounts: UserTable = { name: "Accounts", sheet: "Accounts" };

const text = (value: string): CellContent => ({ value, kind: "text" });
const number = (value: number): CellContent => ({ value, kind: "number" });
const blank: CellContent = { value: null, kind: "blank" };

/** The user's accounts table, its Owner column holding every kind of cell Excel has. */
const OWNERS: CellContent[] = [
  text("R1"),
  number(1001),
  { value: true, kind: "boolean" },
  { value: 46_023, kind: "date" },
  { value: 0, kind: "number", formula: 'IF(B6="",0,1)' },
  blank,
  { value: "#N/A", kind: "error" },
  text("=not a formula"),
];
const IDS = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"];

function workbook(ids = IDS, owners = OWNERS): MemoryDriver {
  const driver = new MemoryDriver();
  driver.addTable(
    "Accounts",
    "Accounts",
    "A1",
    ["Id", "Name", "Owner"],
    ids.map((id, i) => [id, `Account ${i + 1}`, owners[i]])
  );
  return driver;
}

const owners = (driver: MemoryDriver) => driver.readColumn(accounts, "Owner");
const everyoneTo = (rep: string, ids = IDS) => new Map(ids.map((id) => [id.trim(), rep]));

describe("writing into the user's table and undoing it", () => {
  it("puts back every kind of cell exactly: numbers, booleans, dates, formulas, blanks, errors, text", async () => {
    const driver = workbook();
    const store = new PlanStore(driver, now);
    const written = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      everyoneTo("R9")
    );
    expect(written.changed).toBe(8);
    expect((await owners(driver)).map((c) => c.value)).toEqual(IDS.map(() => "R9"));
    const restored = await store.restoreWriteBack(written.snapshot, accounts, "Id");
    expect(restored.changed).toBe(8);
    // Today numbers and booleans come back as text, the date as a date string, the formula as its value.
    expect(await owners(driver)).toEqual(OWNERS);
  });

  it("returns the plan as the workbook then holds it, for the next change to start from", async () => {
    const driver = workbook();
    const store = new PlanStore(driver, now);
    const written = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      everyoneTo("R9")
    );
    expect(written.snapshot).toEqual(await store.load());
    const restored = await store.restoreWriteBack(written.snapshot, accounts, "Id");
    expect(restored.snapshot).toEqual(await store.load());
    // A change made from the returned plan is not refused as someone else's edit.
    const saved = await store.save(restored.snapshot, { scenarios: [] });
    expect(saved.revision).toBe(restored.snapshot.revision + 1);
  });

  it("keeps each previous cell in the log with its type and formula", async () => {
    const driver = workbook();
    const store = new PlanStore(driver, now);
    const { snapshot } = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      everyoneTo("R9"),
      "Base"
    );
    const log = snapshot.tables.writeBacks.rows;
    expect(
      log.map((r) => [r.Key, r.Row, r.Previous, r.PreviousKind, r.PreviousFormula, r.New])
    ).toEqual([
      ["A1", 2, "R1", "text", null, "R9"],
      ["A2", 3, "1001", "number", null, "R9"],
      ["A3", 4, "TRUE", "boolean", null, "R9"],
      ["A4", 5, "46023", "date", null, "R9"],
      ["A5", 6, "0", "number", 'IF(B6="",0,1)', "R9"],
      ["A6", 7, null, "blank", null, "R9"],
      ["A7", 8, "#N/A", "error", null, "R9"],
      ["A8", 9, "=not a formula", "text", null, "R9"],
    ]);
    expect(
      log.every((r) => r.ChangeId === "1" && r.Scenario === "Base" && r.UndoneBy === null)
    ).toBe(true);
  });

  it("is an undo stack: after two write-backs, two undos reach the original", async () => {
    const driver = workbook();
    const store = new PlanStore(driver, now);
    let plan = (
      await store.writeBack(await store.load(), accounts, "Id", "Owner", everyoneTo("R5"))
    ).snapshot;
    plan = (
      await store.writeBack(
        plan,
        accounts,
        "Id",
        "Owner",
        new Map([
          ["A1", "R6"],
          ["A2", "R6"],
        ])
      )
    ).snapshot;
    const first = await store.restoreWriteBack(plan, accounts, "Id");
    expect(first.changed).toBe(2);
    expect((await owners(driver)).map((c) => c.value)).toEqual(IDS.map(() => "R5"));
    const second = await store.restoreWriteBack(first.snapshot, accounts, "Id");
    expect(second.changed).toBe(8);
    // Today the second undo undoes the first undo, and the original is unreachable.
    expect(await owners(driver)).toEqual(OWNERS);
    const log = second.snapshot.tables.writeBacks.rows;
    expect(log.map((r) => [r.ChangeId, r.UndoneBy])).toEqual([
      ...IDS.map(() => ["1", "4"]),
      ["2", "3"],
      ["2", "3"],
    ]);
    // Nothing is left to undo.
    expect((await store.restoreWriteBack(second.snapshot, accounts, "Id")).changed).toBe(0);
  });

  it("refuses a write-back into a table whose key is in two rows, locating both", async () => {
    const driver = workbook(["A1", "A2", "A1"], [text("R1"), text("R2"), text("R3")]);
    const store = new PlanStore(driver, now);
    const before = driver.state();
    const error = (await store
      .writeBack(await store.load(), accounts, "Id", "Owner", everyoneTo("R9", ["A1", "A2"]))
      .catch((e: unknown) => e)) as PlanStoreError;
    expect(error).toBeInstanceOf(PlanStoreError);
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: "writeBackDuplicateKey",
        row: 2,
        address: "A2",
        values: expect.objectContaining({ rows: "2, 4" }),
      }),
      expect.objectContaining({ code: "writeBackDuplicateKey", row: 4, address: "A4" }),
    ]);
    expect(driver.state()).toBe(before);
  });

  it("matches space-padded keys by their trimmed key and puts them back by row", async () => {
    const driver = workbook([" A1", "A2 ", "A3"], [text("R1"), text("R2"), text("R3")]);
    const store = new PlanStore(driver, now);
    const done = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      everyoneTo("R9", ["A1", "A2"])
    );
    expect(done.changed).toBe(2);
    expect(done.snapshot.tables.writeBacks.rows.map((r) => r.Key)).toEqual([" A1", "A2 "]);
    expect((await owners(driver)).map((c) => c.value)).toEqual(["R9", "R9", "R3"]);
    await store.restoreWriteBack(done.snapshot, accounts, "Id");
    expect((await owners(driver)).map((c) => c.value)).toEqual(["R1", "R2", "R3"]);
  });

  it("finds a row that moved by its key", async () => {
    const driver = workbook(["A1", "A2", "A3"], [text("R1"), text("R2"), text("R3")]);
    const store = new PlanStore(driver, now);
    const done = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      new Map([["A3", "R9"]])
    );
    // The user sorts the table: A3 is now first.
    driver.setCell("Accounts", "A2", "A3");
    driver.setCell("Accounts", "C2", "R9");
    driver.setCell("Accounts", "A4", "A1");
    driver.setCell("Accounts", "C4", "R1");
    await store.restoreWriteBack(done.snapshot, accounts, "Id");
    expect((await owners(driver)).map((c) => c.value)).toEqual(["R3", "R2", "R1"]);
  });

  it("refuses to undo over a cell the user changed since, restoring nothing", async () => {
    const driver = workbook(["A1", "A2"], [text("R1"), text("R2")]);
    const store = new PlanStore(driver, now);
    const done = await store.writeBack(
      await store.load(),
      accounts,
      "Id",
      "Owner",
      everyoneTo("R9", ["A1", "A2"])
    );
    driver.setCell("Accounts", "C3", "R7 (agreed with sales)");
    const before = driver.state();
    await expect(store.restoreWriteBack(done.snapshot, accounts, "Id")).rejects.toMatchObject({
      kind: "refused",
      problems: [expect.objectContaining({ code: "writeBackEdited", address: "C3", row: 3 })],
    });
    expect(driver.state()).toBe(before);
  });

  it("undoes a write-back logged before types were kept, as text", async () => {
    const driver = workbook(["A1", "A2"], [text("R9"), text("R9")]);
    // A log as an earlier version wrote it: no Row, PreviousKind, PreviousFormula, UndoneBy columns.
    driver.addTable(
      tables.writeBacks.sheet,
      tables.writeBacks.table,
      "A1",
      ["ChangeId", "ChangedAt", "Scenario", "Table", "Column", "Key", "Previous", "New"],
      [
        ["1", 46_000, "Base", "Accounts", "Owner", "A1", "R1", "R9"],
        ["1", 46_000, "Base", "Accounts", "Owner", "A2", null, "R9"],
      ]
    );
    const store = new PlanStore(driver, now);
    const base = await store.load();
    expect(base.problems).toEqual([]);
    const { changed, snapshot } = await store.restoreWriteBack(base, accounts, "Id");
    expect(changed).toBe(2);
    expect(await owners(driver)).toEqual([text("R1"), blank]);
    expect(snapshot.tables.writeBacks.rows.map((r) => r.UndoneBy)).toEqual([
      String(base.revision + 1),
      String(base.revision + 1),
    ]);
  });

  it("when writing the cells fails, puts them back and takes the write-back out of the log", async () => {
    const driver = workbook();
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const cellsBefore = await owners(driver);
    driver.failOn("writeColumn", 1);
    await expect(
      store.writeBack(base, accounts, "Id", "Owner", everyoneTo("R9"))
    ).rejects.toMatchObject({ kind: "write-failed" });
    expect(await owners(driver)).toEqual(cellsBefore);
    const after = await store.load();
    expect(after.tables.writeBacks.rows).toEqual([]);
    // Nothing to undo: the log does not claim a write-back that did not happen.
    expect((await store.restoreWriteBack(after, accounts, "Id")).changed).toBe(0);
  });

  it("keeps the write-back in the log when the cells cannot be put back either", async () => {
    const driver = workbook(["A1", "A2"], [text("R1"), text("R2")]);
    const store = new PlanStore(driver, now);
    const base = await store.load();
    // The first cell lands, then every write fails (the workbook went away).
    let calls = 0;
    const failing = Object.assign(Object.create(driver) as MemoryDriver, {
      writeColumn: async (table: UserTable, header: string, values: readonly CellContent[]) => {
        if (++calls === 1)
          await driver.writeColumn(table, header, [values[0], ...(await owners(driver)).slice(1)]);
        throw new Error("the workbook was closed");
      },
    });
    await expect(
      new PlanStore(failing, now).writeBack(
        base,
        accounts,
        "Id",
        "Owner",
        everyoneTo("R9", ["A1", "A2"])
      )
    ).rejects.toThrow(/some cells may have changed; Write-back History keeps what they were/);
    expect((await owners(driver)).map((c) => c.value)).toEqual(["R9", "R2"]);
    // What was there is not lost: undoing puts it back.
    const after = await store.load();
    expect(after.tables.writeBacks.rows.map((r) => r.Previous)).toEqual(["R1", "R2"]);
  });
});
