import fc from "fast-check";
import { PlanRow } from "../../src/workbook/rows";
import { TableName, historySpec, tables } from "../../src/workbook/schema";
import { PlanSnapshot, PlanStore, PlanStoreError, WorkbookDriver } from "../../src/workbook/store";
import { XlsxDriver } from "../../src/workbook/xlsxDriver";

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

/** Saves, writes the file, reads it back: the real round trip through .xlsx bytes. */
async function throughFile(driver: XlsxDriver): Promise<XlsxDriver> {
  return XlsxDriver.fromBuffer(await driver.toBuffer());
}

async function savedWorkbook(rows: PlanRow[]): Promise<XlsxDriver> {
  const driver = new XlsxDriver();
  const store = new PlanStore(driver, now);
  await store.save(await store.load(), { assignments: rows }, "Base");
  return throughFile(driver);
}

describe("saving and loading through an .xlsx file", () => {
  const text = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.constantFrom(
      "区域",
      "负责人 张伟",
      "Ünïcödé — ok",
      "=1+1",
      "+44 20 7946 0000",
      "-5",
      "@SUM(A1)",
      "00123",
      "1e5",
      "TRUE",
      " padded "
    ),
    fc.string({ minLength: 200, maxLength: 3000 })
  );
  const rowArb = fc.record({
    AccountId: text,
    RepId: fc.option(text, { nil: null }),
    Reason: fc.option(text, { nil: null }),
    MovedFrom: fc.option(text, { nil: null }),
    Locked: fc.option(fc.boolean(), { nil: null }),
  });
  const docArb = fc.record({
    DocumentId: text,
    OrgUnit: text,
    FiscalYear: fc.integer({ min: 1900, max: 9999 }),
    Vision: fc.option(text, { nil: null }),
    Updated: fc.option(fc.integer({ min: 61, max: 2_958_465 }), { nil: null }),
  });

  it("gives back exactly what was saved (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(rowArb, {
          selector: (r) => r.AccountId.trim().toLowerCase(),
          maxLength: 25,
        }),
        fc.uniqueArray(docArb, {
          selector: (r) => r.DocumentId.trim().toLowerCase(),
          maxLength: 5,
        }),
        async (rows, docs) => {
          // Text the schema treats as blank (only spaces) is not a valid id.
          fc.pre(
            rows.every((r) => r.AccountId.trim() !== "") &&
              docs.every((d) => d.DocumentId.trim() !== "" && d.OrgUnit.trim() !== "")
          );
          const assignments = rows.map((r) => ({ Scenario: "Base", ...r }));
          const documents = docs.map((d) => ({
            Level: null,
            Owner: null,
            ParentDocumentId: null,
            Version: null,
            Status: null,
            ...d,
          }));
          const driver = new XlsxDriver();
          const store = new PlanStore(driver, now);
          await store.save(await store.load(), { assignments, v2momDocuments: documents });
          const loaded = await new PlanStore(await throughFile(driver), now).load();
          const blankToNull = (row: Record<string, unknown>) =>
            Object.fromEntries(
              Object.entries(row).map(([k, v]) => [
                k,
                typeof v === "string" && v.trim() === "" ? null : v,
              ])
            );
          expect(loaded.problems).toEqual([]);
          expect(loaded.tables.assignments.rows).toEqual(assignments.map(blankToNull));
          expect(loaded.tables.v2momDocuments.rows).toEqual(documents.map(blankToNull));
          expect(loaded.revision).toBe(1);
        }
      ),
      { numRuns: 25 }
    );
  }, 60_000);

  it("keeps text that looks like a formula as text", async () => {
    const driver = await savedWorkbook([
      assignment("A1", '=HYPERLINK("http://x")'),
      assignment("A2", "+1-2"),
    ]);
    const sheet = driver.workbook.getWorksheet(tables.assignments.sheet)!;
    expect(sheet.getCell("C2").value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell("C2").numFmt).toBe("@");
    expect(sheet.getCell("C3").value).toBe("+1-2");
  });
});

describe("hand-edited tables", () => {
  it("reports every problem with sheet, table, row, column and cell, and keeps the rest", async () => {
    const driver = await savedWorkbook([
      assignment("A1", "R1"),
      assignment("A2", "R2"),
      assignment("A3", "R3"),
    ]);
    const store = new PlanStore(driver, now);
    const base = await store.load();
    const docs = [{ DocumentId: "D1", OrgUnit: "Company", FiscalYear: 2027 }];
    await store.save(base, { v2momDocuments: docs });
    const sheet = driver.workbook.getWorksheet(tables.assignments.sheet)!;
    sheet.getCell("B3").value = "A1"; // duplicate account id
    sheet.getCell("F4").value = "maybe"; // not TRUE/FALSE
    const docsSheet = driver.workbook.getWorksheet(tables.v2momDocuments.sheet)!;
    docsSheet.getCell("F2").value = "twenty"; // text in a number column
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
    // Everything readable is kept.
    expect(loaded.tables.assignments.rows.map((r) => r.RepId)).toEqual(["R1", "R2", "R3"]);
  });

  it("reports a deleted table and a missing required column", async () => {
    const driver = await savedWorkbook([assignment("A1", "R1")]);
    driver.workbook.getWorksheet(tables.assignments.sheet)!.getCell("B1").value = "Account";
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toContainEqual(
      expect.objectContaining({
        table: "PlanAssignments",
        column: "AccountId",
        message: 'required column "AccountId" is missing',
      })
    );
    const gone = await savedWorkbook([assignment("A1", "R1")]);
    gone.workbook.removeWorksheet(gone.workbook.getWorksheet(tables.assignments.sheet)!.id);
    const reloaded = await new PlanStore(gone, now).load();
    expect(reloaded.problems).toContainEqual(
      expect.objectContaining({
        table: "PlanAssignments",
        message: expect.stringContaining("is missing: it was deleted or renamed"),
      })
    );
  });

  it("preserves a column the user added when the add-in saves the table", async () => {
    const driver = await savedWorkbook([assignment("A1", "R1"), assignment("A2", "R2")]);
    // A user widens the table with a Comment column.
    const rows = (await driver.readTable(tables.assignments))!;
    await driver.writeTable(
      tables.assignments,
      [...rows.header.map(String), "Comment"],
      rows.rows.map((cells, i) => [
        ...(cells as (string | null)[]),
        i === 0 ? "call before moving" : null,
      ])
    );
    const store = new PlanStore(await throughFile(driver), now);
    const base = await store.load();
    expect(base.tables.assignments.header).toContain("Comment");
    const changed = base.tables.assignments.rows.map((row) => ({ ...row, RepId: "R9" }));
    const after = await store.save(base, { assignments: changed });
    expect(after.tables.assignments.rows[0]).toMatchObject({
      RepId: "R9",
      Comment: "call before moving",
    });
    // The column stays where the user put it, last, and the second row's blank stays blank.
    expect(after.tables.assignments.header.at(-1)).toBe("Comment");
    expect(after.tables.assignments.rows[1].Comment).toBeNull();
  });
});

describe("co-authoring and history", () => {
  it("refuses to overwrite a plan someone saved after it was loaded", async () => {
    const driver = await savedWorkbook([assignment("A1", "R1")]);
    const mine = new PlanStore(driver, now);
    const theirs = new PlanStore(driver, now);
    const myView = await mine.load();
    const theirView = await theirs.load();
    await theirs.save(theirView, { assignments: [assignment("A1", "R2")] });
    await expect(
      mine.save(myView, { assignments: [assignment("A1", "R3")] })
    ).rejects.toMatchObject({ kind: "conflict" });
    expect((await mine.load()).tables.assignments.rows[0].RepId).toBe("R2");
  });

  it("refuses when the table was edited by hand after loading", async () => {
    const driver = await savedWorkbook([assignment("A1", "R1")]);
    const store = new PlanStore(driver, now);
    const view = await store.load();
    driver.workbook.getWorksheet(tables.assignments.sheet)!.getCell("C2").value = "R7";
    await expect(store.save(view, { assignments: [assignment("A1", "R3")] })).rejects.toThrow(
      "was edited after you loaded it"
    );
  });

  it("keeps the previous rows of every overwrite in the table's history, with when and which scenario", async () => {
    const driver = await savedWorkbook([assignment("A1", "R1"), assignment("A2", "R2")]);
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
    const driver = await savedWorkbook([assignment("A1", "R1")]);
    const store = new PlanStore(driver, now);
    const error = await store
      .save(await store.load(), {
        assignments: [
          assignment("", "R1"),
          assignment("A2", "R2", { Locked: "perhaps" as unknown as boolean }),
        ],
      })
      .catch((e: PlanStoreError) => e);
    expect(error).toBeInstanceOf(PlanStoreError);
    expect((error as PlanStoreError).problems.map((p) => p.column)).toEqual([
      "AccountId",
      "Locked",
    ]);
    expect((await store.load()).tables.assignments.rows.map((r) => r.AccountId)).toEqual(["A1"]);
  });
});

describe("a write that fails half-way", () => {
  /** A driver that fails on its k-th writeTable call, like a lost connection mid-save. */
  function failingOn(inner: WorkbookDriver, k: number): WorkbookDriver {
    let writes = 0;
    return {
      readTable: (spec) => inner.readTable(spec),
      writeTable: async (spec, header, rows) => {
        writes++;
        if (writes === k) {
          // Half the rows land before the failure.
          await inner.writeTable(spec, header, rows.slice(0, Math.floor(rows.length / 2)));
          throw new Error("RequestPayloadSizeLimitExceeded");
        }
        return inner.writeTable(spec, header, rows);
      },
    };
  }

  it.each([1, 2, 3])(
    "failing on write %i leaves the previous plan intact and readable",
    async (k) => {
      const driver = await savedWorkbook([assignment("A1", "R1"), assignment("A2", "R2")]);
      const before = await new PlanStore(driver, now).load();
      const store = new PlanStore(failingOn(driver, k), now);
      const changes: Partial<Record<TableName, PlanRow[]>> = {
        assignments: [assignment("A1", "R8"), assignment("A2", "R9"), assignment("A3", "R9")],
        scenarios: [{ Scenario: "Base", Created: 46_000, Note: null, State: "Draft" }],
      };
      await expect(store.save(before, changes)).rejects.toMatchObject({ kind: "write-failed" });
      const after: PlanSnapshot = await new PlanStore(driver, now).load();
      expect(after.tables.assignments.rows).toEqual(before.tables.assignments.rows);
      expect(after.tables.scenarios.rows).toEqual([]);
      expect(after.revision).toBe(before.revision);
    }
  );
});
