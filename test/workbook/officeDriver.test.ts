/**
 * The Office.js adapter on plan tables, against the fake Excel (test/support/fakeExcel.ts):
 * what lands in which cell, in how many syncs, and what it leaves alone.
 */
import { OfficeDriver, MAX_REQUEST_BYTES, chunkRows } from "../../src/workbook/officeDriver";
import { CellValue } from "../../src/workbook/rows";
import { tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { FakeWorkbook } from "../support/fakeExcel";

function setUp(workbook = new FakeWorkbook()) {
  const excel = workbook.excel();
  const contextSyncs = jest.spyOn(excel.context, "sync");
  const driver = new OfficeDriver((batch) => excel.run(batch));
  return { workbook, driver, contextSyncs };
}

const spec = tables.assignments;
const header = spec.columns.map((c) => c.header);
const row = (i: number): CellValue[] => [
  "Base",
  `A${String(i).padStart(6, "0")}`,
  `R${i % 500}`,
  i % 3 ? "kept" : "moved",
  i % 3 ? null : `R${(i + 1) % 500}`,
  i % 7 === 0,
];

/** A plan table the way a user may have left it: moved to B3 of another sheet, with an extra column. */
function userShapedTable(workbook: FakeWorkbook, rows: number) {
  workbook.put("Planning", "B3", [
    [...header, "Bonus"],
    ...Array.from({ length: rows }, (_, i) => [
      ...(row(i) as (string | boolean | null)[]),
      { formula: `=[@Locked]*100`, value: i % 7 === 0 ? 100 : 0 },
    ]),
  ]);
  workbook.addTable("PlanAssignments", "Planning", `B3:H${3 + rows}`);
}

describe("Office.js adapter: plan tables", () => {
  it("writes 100,000 rows in ⌈bytes / 4 MB⌉ + 3 syncs at most, none over 4 MB, and reads them back", async () => {
    const { workbook, driver, contextSyncs } = setUp();
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i));
    const bytes = chunkRows(rows, Infinity)[0].bytes;
    await driver.writeTable(spec, header, rows);
    expect(driver.stats.syncs).toBe(contextSyncs.mock.calls.length);
    expect(driver.stats.syncs).toBeLessThanOrEqual(Math.ceil(bytes / MAX_REQUEST_BYTES) + 3);
    // Measured by the fake, not by the adapter's own count.
    expect(Math.max(...workbook.syncLog.map((s) => s.requestBytes))).toBeLessThanOrEqual(
      MAX_REQUEST_BYTES
    );
    expect(workbook.table("PlanAssignments")).toMatchObject({
      sheet: "Assignments",
      top: 0,
      left: 0,
      rows: 100_001,
      columns: 6,
    });
    const read = await driver.readTable(spec);
    expect(read!.header).toEqual(header);
    expect(read!.rows.length).toBe(100_000);
    expect(read!.rows[99_999]).toEqual(rows[99_999].map((v) => (v === null ? "" : v)));
    expect(Math.max(...workbook.syncLog.map((s) => s.responseBytes))).toBeLessThanOrEqual(
      MAX_REQUEST_BYTES
    );
  });

  it("formats text columns as text before writing, so =, +, - and @ stay text", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(spec, header, [["Base", "=SUM(A1:A9)", "+1", "-x", "@me", false]]);
    expect(workbook.values("Assignments", "B2:E2")).toEqual([["=SUM(A1:A9)", "+1", "-x", "@me"]]);
    for (const address of ["B2", "C2", "D2", "E2"])
      expect(workbook.cell("Assignments", address)!.formula).toBeUndefined();
    expect(workbook.format("Assignments", "B2")).toBe("@");
  });

  it("blanks a cell whose value became empty (null in Range.values would leave the old value)", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(spec, header, [["Base", "A1", "R2", "moved", "R1", false]]);
    await driver.writeTable(spec, header, [["Base", "A1", "R2", "kept", null, false]]);
    expect(workbook.cell("Assignments", "E2")).toBeUndefined();
  });

  it("shrinks a table and clears the rows it no longer covers", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(spec, header, [row(1), row(2), row(3)]);
    await driver.writeTable(spec, header, [row(4)]);
    expect(workbook.table("PlanAssignments")!.rows).toBe(2);
    expect(
      workbook
        .values("Assignments", "A3:F4")
        .flat()
        .every((v) => v === "")
    ).toBe(true);
  });

  it("a table that gains a column while losing rows clears only its old cells", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(spec, header, [row(1), row(2), row(3)]);
    workbook.put("Assignments", "G4", [["a note right of the old table, below the new one"]]);
    await driver.writeTable(spec, [...header, "Extra"], [[...row(4), "x"]]);
    expect(workbook.values("Assignments", "G1:G4").flat()).toEqual([
      "Extra",
      "x",
      "",
      "a note right of the old table, below the new one",
    ]);
    expect(
      workbook
        .values("Assignments", "A3:F4")
        .flat()
        .every((v) => v === "")
    ).toBe(true);
  });

  it("reads a table from the sheet it now sits on, not the sheet the schema names", async () => {
    const workbook = new FakeWorkbook();
    userShapedTable(workbook, 2);
    const { driver } = setUp(workbook);
    const read = await driver.readTable(spec);
    expect(read).toMatchObject({ sheet: "Planning", headerRow: 3, firstColumn: 1 });
    expect(read!.header).toEqual([...header, "Bonus"]);
    expect(read!.rows[0]).toEqual(["Base", "A000000", "R0", "moved", "R1", true, 100]);
  });

  it("rewrites a moved table where it is, and a calculated column the user added keeps its formulas, new rows included", async () => {
    const workbook = new FakeWorkbook();
    userShapedTable(workbook, 3);
    workbook.put("Planning", "B20", [["a note below the table"]]);
    const before = workbook.contents("Planning");
    const { driver } = setUp(workbook);
    const rows = Array.from({ length: 5 }, (_, i) => [...row(i + 10), 12345]);
    await driver.writeTable(spec, [...header, "Bonus"], rows);

    expect(workbook.table("PlanAssignments")).toMatchObject({
      sheet: "Planning",
      top: 2,
      left: 1,
      rows: 6,
      columns: 7,
    });
    expect(workbook.hasSheet("Assignments")).toBe(false);
    for (let r = 4; r <= 8; r++)
      expect(workbook.cell("Planning", `H${r}`)!.formula).toBe("=[@Locked]*100");
    expect(workbook.values("Planning", "C4:C8").flat()).toEqual(rows.map((r) => r[1]));
    // The cached values sent for the calculated column (12345) were not written over it.
    expect(workbook.values("Planning", "H4:H6").flat()).toEqual([100, 0, 0]);
    // Nothing outside B3:H8 changed.
    const after = workbook.contents("Planning");
    const inside = (address: string) => {
      const [, col, r] = /^([A-Z]+)(\d+)$/.exec(address)!;
      return col >= "B" && col <= "H" && Number(r) >= 3 && Number(r) <= 8;
    };
    for (const address of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (!inside(address)) expect([address, after[address]]).toEqual([address, before[address]]);
  });

  it("grows a table with a calculated column in syncs that all stay under the limit", async () => {
    const workbook = new FakeWorkbook();
    userShapedTable(workbook, 2000);
    const excel = workbook.excel();
    const maxBytes = 50_000;
    const driver = new OfficeDriver((batch) => excel.run(batch), maxBytes);
    const rows = Array.from({ length: 3000 }, (_, i) => [...row(i), 0]);
    await driver.writeTable(spec, [...header, "Bonus"], rows);
    expect(
      workbook.syncLog.every((s) => s.requestBytes <= maxBytes && s.responseBytes <= maxBytes)
    ).toBe(true);
    expect(workbook.cell("Planning", "H3003")!.formula).toBe("=[@Locked]*100");
    expect(workbook.cell("Planning", "H1500")!.formula).toBe("=[@Locked]*100");
    expect(workbook.table("PlanAssignments")!.rows).toBe(3001);
  });

  it("a calculated column survives a shrinking rewrite; the rows given up are cleared", async () => {
    const workbook = new FakeWorkbook();
    userShapedTable(workbook, 4);
    const { driver } = setUp(workbook);
    await driver.writeTable(spec, [...header, "Bonus"], [[...row(1), 0]]);
    expect(workbook.cell("Planning", "H4")!.formula).toBe("=[@Locked]*100");
    expect(
      workbook
        .values("Planning", "B5:H7")
        .flat()
        .every((v) => v === "")
    ).toBe(true);
  });

  it("keeps the format of a column the user added and writes its text as text", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("Assignments", "A1", [
      [...header, "Note"],
      [...(row(1) as string[]), "old"],
    ]);
    workbook.setFormat("Assignments", "G2:G3", "0.00");
    workbook.addTable("PlanAssignments", "Assignments", "A1:G2");
    const { driver } = setUp(workbook);
    await driver.writeTable(
      spec,
      [...header, "Note"],
      [
        [...row(1), '=HYPERLINK("http://x","y")'],
        [...row(2), "-2+3"],
      ]
    );
    expect(workbook.format("Assignments", "G2")).toBe("0.00");
    expect(workbook.cell("Assignments", "G2")).toMatchObject({
      value: '=HYPERLINK("http://x","y")',
      type: "String",
    });
    expect(workbook.cell("Assignments", "G2")!.formula).toBeUndefined();
    expect(workbook.cell("Assignments", "G3")).toMatchObject({ value: "-2+3", type: "String" });
  });

  it("serves PlanStore: save, reload, history, all through Excel.run", async () => {
    const { driver } = setUp();
    const store = new PlanStore(driver, () => new Date(Date.UTC(2026, 10, 27)));
    const first = await store.save(await store.load(), {
      assignments: [
        {
          Scenario: "Base",
          AccountId: "A1",
          RepId: "张伟",
          Reason: "kept",
          MovedFrom: null,
          Locked: true,
        },
      ],
    });
    expect(first.problems).toEqual([]);
    const second = await store.save(first, {
      assignments: [
        {
          Scenario: "Base",
          AccountId: "A1",
          RepId: "R2",
          Reason: "moved",
          MovedFrom: "张伟",
          Locked: false,
        },
      ],
    });
    expect(second.revision).toBe(2);
    expect(second.tables.assignments.rows[0]).toMatchObject({ RepId: "R2", MovedFrom: "张伟" });
  });
});
