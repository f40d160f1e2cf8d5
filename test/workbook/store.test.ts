import fc from "fast-check";
import { PlanRow, withExtraColumns } from "../../src/workbook/rows";
import { TableName, historySpec, infoSpec, tables } from "../../src/workbook/schema";
import { PlanSnapshot, PlanStore, PlanStoreError } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));
const assignment = (accountId: string, repId: string, extra: Partial<PlanRow> = {}): PlanRow => ({
  Scenario: "Base",
  AccountId: accountId,
  RepId: repId,
  Reason: "kept",
  MovedFrom: null,
  Locked: false,
  ...extra,
});

async function savedPlan(rows: PlanRow[]): Promise<MemoryDriver> {
  const driver = new MemoryDriver();
  const store = new PlanStore(driver, now);
  await store.save(await store.load(), { assignments: rows }, "Base");
  return driver;
}

/** What a save was refused for, or "saved". */
async function refusedWith(
  store: PlanStore,
  base: PlanSnapshot,
  changes: Partial<Record<TableName, PlanRow[]>>
) {
  const error = await store.save(base, changes).then(
    () => undefined,
    (e: unknown) => e
  );
  if (!(error instanceof PlanStoreError))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("saving and loading", () => {
  const text = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.constantFrom(
      "区域",
      "负责人 张伟",
      "=1+1",
      "+44 20 7946 0000",
      "-5",
      "00123",
      "TRUE",
      " padded "
    )
  );
  const rowArb = fc.record({
    AccountId: text,
    RepId: fc.option(text, { nil: null }),
    Reason: fc.option(text, { nil: null }),
    MovedFrom: fc.option(text, { nil: null }),
    Locked: fc.option(fc.boolean(), { nil: null }),
  });

  it("gives back exactly what was saved (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(rowArb, {
          selector: (r) => r.AccountId.trim().toLowerCase(),
          maxLength: 25,
        }),
        async (rows) => {
          fc.pre(rows.every((r) => r.AccountId.trim() !== ""));
          const assignments = rows.map((r) => ({ Scenario: "Base", ...r }));
          const driver = new MemoryDriver();
          const store = new PlanStore(driver, now);
          await store.save(await store.load(), { assignments });
          const loaded = await new PlanStore(driver, now).load();
          const blankToNull = (row: Record<string, unknown>) =>
            Object.fromEntries(
              Object.entries(row).map(([k, v]) => [
                k,
                typeof v === "string" && v.trim() === "" ? null : v,
              ])
            );
          expect(loaded.problems).toEqual([]);
          expect(loaded.tables.assignments.rows).toEqual(assignments.map(blankToNull));
          expect(loaded.revision).toBe(1);
        }
      ),
      { numRuns: 30 }
    );
  });
});

describe("hand-edited tables", () => {
  it("reports every problem with sheet, table, row, column and cell, and keeps the rest", async () => {
    const driver = await savedPlan([
      assignment("A1", "R1"),
      assignment("A2", "R2"),
      assignment("A3", "R3"),
    ]);
    const store = new PlanStore(driver, now);
    await store.save(await store.load(), {
      v2momDocuments: [{ DocumentId: "D1", OrgUnit: "Company", FiscalYear: 2027 }],
    });
    driver.setCell("Assignments", "B3", "A1"); // duplicate account id
    driver.setCell("Assignments", "F4", "maybe"); // not TRUE/FALSE
    driver.setCell("V2MOM Documents", "F2", "twenty"); // text in a number column
    const loaded = await store.load();
    expect(loaded.problems).toEqual([
      expect.objectContaining({
        severity: "error",
        sheet: "V2MOM Documents",
        row: 2,
        column: "FiscalYear",
        address: "F2",
        message: 'FiscalYear holds "twenty" where a number is needed',
      }),
      expect.objectContaining({
        severity: "error",
        sheet: "Assignments",
        table: "PlanAssignments",
        row: 3,
        message: expect.stringContaining(
          "duplicate Scenario + AccountId Base / A1 (also in row 2)"
        ),
      }),
      expect.objectContaining({
        severity: "error",
        sheet: "Assignments",
        row: 4,
        column: "Locked",
        address: "F4",
      }),
    ]);
    expect(loaded.tables.assignments.rows.map((r) => r.RepId)).toEqual(["R1", "R2", "R3"]);
  });

  it("returns from a save the plan a fresh load reads, hand-edited rows and their problems included", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    driver.setCell("Assignments", "F3", "maybe"); // the user's own value, kept as typed
    const store = new PlanStore(driver, now);
    const loaded = await store.load();
    const other = loaded.tables.assignments.rows.map((r) => ({ ...r, Scenario: "Other" }));
    const saved = await store.save(loaded, {
      assignments: [...loaded.tables.assignments.rows, ...other.slice(0, 1)],
    });
    const fresh = await new PlanStore(driver, now).load();
    expect(saved.tables).toEqual(fresh.tables);
    expect(saved.problems).toEqual(fresh.problems);
    expect(saved.problems).toEqual([
      expect.objectContaining({ sheet: "Assignments", row: 3, column: "Locked", address: "F3" }),
    ]);
    expect(saved.fingerprints).toEqual(fresh.fingerprints);
  });

  it("reports a deleted table and a missing required column", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    driver.setCell("Assignments", "B1", "Account");
    expect((await new PlanStore(driver, now).load()).problems).toContainEqual(
      expect.objectContaining({
        table: "PlanAssignments",
        column: "AccountId",
        message: 'required column "AccountId" is missing',
      })
    );
    const gone = await savedPlan([assignment("A1", "R1")]);
    gone.removeSheet("Assignments");
    expect((await new PlanStore(gone, now).load()).problems).toContainEqual(
      expect.objectContaining({
        table: "PlanAssignments",
        code: "tableMissing",
        message: expect.stringContaining("is missing: it was deleted or renamed"),
      })
    );
  });

  it("preserves a column the user added when the add-in saves the table", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    // The user widens the table with a Comment column.
    const raw = (await driver.readTable(tables.assignments))!;
    await driver.writeTable(
      tables.assignments,
      [...raw.header.map(String), "Comment"],
      raw.rows.map((cells, i) => [
        ...(cells as (string | null)[]),
        i === 0 ? "call before moving" : null,
      ])
    );
    const store = new PlanStore(driver, now);
    const base = await store.load();
    expect(base.tables.assignments.header).toContain("Comment");
    const changed = base.tables.assignments.rows.map((row) => ({ ...row, RepId: "R9" }));
    const after = await store.save(base, { assignments: changed });
    expect(after.tables.assignments.rows[0]).toMatchObject({
      RepId: "R9",
      Comment: "call before moving",
    });
    expect(after.tables.assignments.header.at(-1)).toBe("Comment");
    expect(after.tables.assignments.rows[1].Comment).toBeNull();
  });

  it("takes user columns named __proto__, constructor and toString like any other", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    const raw = (await driver.readTable(tables.assignments))!;
    const odd = ["__proto__", "constructor", "toString"];
    await driver.writeTable(
      tables.assignments,
      [...raw.header.map(String), ...odd],
      raw.rows.map((cells, i) => [
        ...(cells as (string | null)[]),
        `p${i}`,
        `c${i}`,
        i === 0 ? null : `t${i}`,
      ])
    );
    const store = new PlanStore(driver, now);
    const base = await store.load();
    expect(base.problems).toEqual([]);
    expect(Object.keys(base.tables.assignments.rows[0])).toEqual(expect.arrayContaining(odd));
    expect(base.tables.assignments.rows[0]["__proto__"]).toBe("p0");
    // A pane rebuilds rows as plain objects and puts the user's columns back by key.
    const rebuilt = [assignment("A1", "R7"), assignment("A2", "R2"), assignment("A3", "R3")];
    const rows = withExtraColumns(tables.assignments, base.tables.assignments, rebuilt);
    const after = await store.save(base, { assignments: rows });
    const cells = (await driver.readTable(tables.assignments))!;
    expect(cells.header.slice(-3)).toEqual(odd);
    expect(cells.rows.map((r) => r.slice(-3))).toEqual([
      ["p0", "c0", null],
      ["p1", "c1", "t1"],
      [null, null, null],
    ]);
    expect(after.tables.assignments.rows[0]["constructor"]).toBe("c0");
  });
});

describe("co-authoring and history", () => {
  it("refuses to overwrite a plan someone saved after it was loaded", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const mine = new PlanStore(driver, now);
    const theirs = new PlanStore(driver, now);
    const myView = await mine.load();
    await theirs.save(await theirs.load(), { assignments: [assignment("A1", "R2")] });
    await expect(
      mine.save(myView, { assignments: [assignment("A1", "R3")] })
    ).rejects.toMatchObject({ kind: "conflict" });
    expect((await mine.load()).tables.assignments.rows[0].RepId).toBe("R2");
  });

  it("refuses when the table was edited by hand after loading", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const store = new PlanStore(driver, now);
    const view = await store.load();
    driver.setCell("Assignments", "C2", "R7");
    await expect(store.save(view, { assignments: [assignment("A1", "R3")] })).rejects.toThrow(
      "was edited after you loaded it"
    );
  });

  it("keeps the previous rows of every overwrite in the table's history, with when and which scenario", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    const store = new PlanStore(driver, now);
    await store.save(await store.load(), { assignments: [assignment("A1", "R5")] }, "Base");
    const history = (await driver.readTable(historySpec(tables.assignments)))!;
    expect(history.header.slice(0, 4)).toEqual([
      "ChangeId",
      "ChangedAt",
      "ChangedScenario",
      "Scenario",
    ]);
    expect(history.rows.map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ["2", "Base", "A1", "R1"],
      ["2", "Base", "A2", "R2"],
    ]);
    expect(history.rows[0][1]).toBeCloseTo(46_353 + 9.5 / 24, 6); // 2026-11-27 09:30 UTC as an Excel serial
  });

  it("refuses invalid rows before writing anything", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const before = driver.state();
    const store = new PlanStore(driver, now);
    const error = await refusedWith(store, await store.load(), {
      assignments: [
        assignment("", "R1"),
        assignment("A2", "R2", { Locked: "perhaps" as unknown as boolean }),
      ],
    });
    expect(error.kind).toBe("invalid");
    expect(error.problems.map((p) => [p.column, p.row])).toEqual([
      ["AccountId", 2],
      ["Locked", 3],
    ]);
    expect(driver.state()).toBe(before);
  });
});

describe("checking rows before writing", () => {
  it("locates invalid rows in a table whose columns the user rearranged", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const raw = (await driver.readTable(tables.assignments))!;
    // The user put a column of their own first.
    await driver.writeTable(
      tables.assignments,
      ["Comment", ...raw.header.map(String)],
      raw.rows.map((cells) => ["ok", ...(cells as (string | null)[])])
    );
    const store = new PlanStore(driver, now);
    const error = await refusedWith(store, await store.load(), {
      assignments: [
        assignment("A1", "R1"),
        assignment("A2", "R2", { Locked: "perhaps" as unknown as boolean }),
      ],
    });
    expect(error.kind).toBe("invalid");
    expect(error.problems.map((p) => [p.column, p.row, p.message])).toEqual([
      ["Locked", 3, 'Locked holds "perhaps" where TRUE or FALSE is needed'],
    ]);
  });
});

describe("a store that refuses instead of overwriting", () => {
  it("refuses, writing nothing, to save a plan table the user converted to a range", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    driver.convertToRange("PlanAssignments");
    driver.setCell("Assignments", "C2", "R4 (by hand)");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, { assignments: [assignment("A1", "R2")] });
    // Today the table is re-created at A1 over the user's cells.
    expect(error.kind).toBe("refused");
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: "tableUntabled",
        sheet: "Assignments",
        address: "A1:F2",
        message: expect.stringContaining("rename it back to PlanAssignments in Table Design"),
      }),
    ]);
    expect(driver.state()).toBe(before);
    expect(driver.cell("Assignments", "C2").value).toBe("R4 (by hand)");
  });

  it("refuses to save a plan table the user renamed, and says how to fix it", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    driver.renameTable("PlanAssignments", "MyAssignments");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, { assignments: [assignment("A1", "R2")] });
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: "tableUntabled",
        values: expect.objectContaining({ used: "A1:F2" }),
      }),
    ]);
    expect(error.message).toContain("nothing was saved");
    expect(driver.state()).toBe(before);
    driver.renameTable("MyAssignments", "PlanAssignments");
    const fixed = await store.load();
    await store.save(fixed, { assignments: [assignment("A1", "R2")] });
    expect((await store.load()).tables.assignments.rows[0].RepId).toBe("R2");
  });

  it("refuses to save into a table deleted after the plan was first saved", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    driver.deleteTable("PlanAssignments"); // the sheet stays, empty
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, { assignments: [assignment("A1", "R2")] });
    expect(error.problems).toEqual([
      expect.objectContaining({ code: "tableMissing", sheet: "Assignments" }),
    ]);
    expect(driver.state()).toBe(before);
    // Saving other tables still works.
    await store.save(base, { scenarios: [{ Scenario: "Base", State: "Draft" }] });
  });

  it("refuses, on a first save, a sheet of the plan's name holding the user's own cells", async () => {
    const driver = new MemoryDriver();
    driver.setCell("Assignments", "A1", "my own notes");
    const store = new PlanStore(driver, now);
    const before = driver.state();
    const error = await refusedWith(store, await store.load(), { v2momDocuments: [] });
    expect(error.problems).toEqual([
      expect.objectContaining({ code: "tableUntabled", sheet: "Assignments", address: "A1" }),
    ]);
    expect(driver.state()).toBe(before);
  });

  it("refuses to grow a history table over a note typed under it", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    const store = new PlanStore(driver, now);
    await store.save(await store.load(), { assignments: [assignment("A1", "R3")] });
    expect(driver.tableRange("PlanAssignmentsHistory")).toBe("A1:I3");
    driver.setCell("Assignments History", "B4", "note: checked with finance");
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, { assignments: [assignment("A1", "R4")] });
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: "tableBlocked",
        sheet: "Assignments History",
        address: "B4",
        values: expect.objectContaining({ area: "A1:I4", cells: "B4" }),
      }),
    ]);
    expect(driver.state()).toBe(before);
    // Moving the note out of the way (here: two rows down) lets the save through, note intact.
    driver.setCell("Assignments History", "B4", null);
    driver.setCell("Assignments History", "B6", "note: checked with finance");
    await store.save(await store.load(), { assignments: [assignment("A1", "R4")] });
    expect(driver.cell("Assignments History", "B6").value).toBe("note: checked with finance");
  });

  it("refuses to grow a plan table over cells below it", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    driver.setCell("Assignments", "A4", "total: =COUNTA(B:B)");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, {
      assignments: [assignment("A1", "R1"), assignment("A2", "R2"), assignment("A3", "R3")],
    });
    expect(error.problems).toEqual([
      expect.objectContaining({ code: "tableBlocked", address: "A4" }),
    ]);
    expect(driver.state()).toBe(before);
  });

  it("refuses to write over merged cells", async () => {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    driver.merge("Assignments", "C2:D3");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const before = driver.state();
    const error = await refusedWith(store, base, {
      assignments: [assignment("A1", "R5"), assignment("A2", "R6")],
    });
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: "tableMerged",
        sheet: "Assignments",
        address: "C2:D3",
        values: expect.objectContaining({ ranges: "C2:D3" }),
      }),
    ]);
    expect(driver.state()).toBe(before);
  });
});

describe("Plan Info", () => {
  it("reports a revision that cannot be read at its cell, and refuses saves with that problem", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const info = (await driver.readTable(infoSpec))!;
    const row = info.rows.findIndex((cells) => cells[0] === "revision");
    driver.setCell("Plan Info", `B${row + 2}`, "abc");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const problem = expect.objectContaining({
      code: "revisionUnreadable",
      sheet: "Plan Info",
      address: `B${row + 2}`,
    });
    expect(base.problems).toContainEqual(problem);
    const before = driver.state();
    const error = await refusedWith(store, base, { assignments: [assignment("A1", "R2")] });
    // Today: "someone else saved this plan after you loaded it".
    expect(error.message).not.toContain("someone else");
    expect(error.problems).toEqual([problem]);
    expect(driver.state()).toBe(before);
  });

  it("reports a schema version that cannot be read, and never resets it", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const info = (await driver.readTable(infoSpec))!;
    const row = info.rows.findIndex((cells) => cells[0] === "schemaVersion");
    driver.setCell("Plan Info", `B${row + 2}`, "2beta");
    const store = new PlanStore(driver, now);
    const base = await store.load();
    expect(base.problems).toContainEqual(
      expect.objectContaining({
        code: "schemaVersionUnreadable",
        address: `B${row + 2}`,
        values: expect.objectContaining({ value: "2beta" }),
      })
    );
    await expect(store.save(base, { assignments: [assignment("A1", "R2")] })).rejects.toMatchObject(
      { kind: "refused" }
    );
    expect(driver.cell("Plan Info", `B${row + 2}`).value).toBe("2beta");
  });

  it("keeps rows of Plan Info it does not know", async () => {
    const driver = await savedPlan([assignment("A1", "R1")]);
    const info = (await driver.readTable(infoSpec))!;
    await driver.writeTable(
      infoSpec,
      ["Key", "Value"],
      [...(info.rows as string[][]), ["owner", "Finance"]]
    );
    const store = new PlanStore(driver, now);
    await store.save(await store.load(), { assignments: [assignment("A1", "R2")] });
    expect((await driver.readTable(infoSpec))!.rows).toEqual([
      ["schemaVersion", "2"],
      ["revision", "2"],
      ["owner", "Finance"],
    ]);
  });
});

describe("a write that fails half-way", () => {
  /** A plan with history in every table the change writes, so history appends are in the change. */
  async function planWithHistory(): Promise<MemoryDriver> {
    const driver = await savedPlan([assignment("A1", "R1"), assignment("A2", "R2")]);
    const store = new PlanStore(driver, now);
    let base = await store.load();
    base = await store.save(base, {
      scenarios: [{ Scenario: "Base", Created: 46_000, State: "Draft" }],
    });
    base = await store.save(base, {
      assignments: [assignment("A1", "R3"), assignment("A2", "R2")],
    });
    await store.save(base, { scenarios: [{ Scenario: "Base", Created: 46_000, State: "Active" }] });
    return driver;
  }

  it("restores every table, history included, exactly, whichever write fails", async () => {
    const writes = 5; // two history appends, two tables, Plan Info
    for (let n = 1; n <= writes + 1; n++) {
      const driver = await planWithHistory();
      const store = new PlanStore(driver, now);
      const base = await store.load();
      const before = driver.state();
      driver.failOn("writeTable", n);
      const outcome = await store
        .save(base, {
          assignments: [assignment("A1", "R8"), assignment("A2", "R9"), assignment("A3", "R9")],
          scenarios: [{ Scenario: "Base", Created: 46_000, State: "Draft", Note: "rerun" }],
        })
        .then(
          () => "saved",
          (e: PlanStoreError) => e.kind
        );
      if (n > writes) {
        expect(outcome).toBe("saved");
        continue;
      }
      expect([n, outcome]).toEqual([n, "write-failed"]);
      // Today a failure during a history append truncates that history.
      expect([n, driver.state()]).toEqual([n, before]);
    }
  });

  it("says so when what it wrote cannot be put back", async () => {
    const driver = await planWithHistory();
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const broken = Object.assign(Object.create(driver) as MemoryDriver, {
      writeTable: () => Promise.reject(new Error("the workbook was closed")),
    });
    await expect(new PlanStore(broken, now).save(base, { assignments: [] })).rejects.toThrow(
      /could not be put back: close the workbook without saving/
    );
  });
});
