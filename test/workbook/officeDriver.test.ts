import { OfficeDriver, MAX_REQUEST_BYTES, chunkRows } from "../../src/workbook/officeDriver";
import { CellValue } from "../../src/workbook/rows";
import { tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { FakeWorkbook } from "../support/fakeExcel";

beforeAll(() => {
  (globalThis as Record<string, unknown>).Excel = { ClearApplyTo: { contents: "Contents" } };
});

function setUp() {
  const workbook = new FakeWorkbook();
  const excel = workbook.excel();
  const contextSyncs = jest.spyOn(excel.context, "sync");
  const driver = new OfficeDriver((batch) => excel.run(batch));
  return { workbook, driver, contextSyncs };
}

const header = tables.assignments.columns.map((c) => c.header);
const row = (i: number): CellValue[] => [
  "Base",
  `A${String(i).padStart(6, "0")}`,
  `R${i % 500}`,
  i % 3 ? "kept" : "moved",
  i % 3 ? null : `R${(i + 1) % 500}`,
  i % 7 === 0,
];

describe("Office.js adapter", () => {
  it("writes 100,000 rows in ⌈bytes / 4 MB⌉ + 3 syncs at most, none over 4 MB, and reads them back", async () => {
    const { workbook, driver, contextSyncs } = setUp();
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i));
    const bytes = chunkRows(rows, Infinity)[0].bytes;
    await driver.writeTable(tables.assignments, header, rows);
    expect(driver.stats.syncs).toBe(contextSyncs.mock.calls.length);
    expect(driver.stats.syncs).toBeLessThanOrEqual(Math.ceil(bytes / MAX_REQUEST_BYTES) + 3);
    expect(Math.max(...driver.stats.bytesPerSync)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(workbook.tables.get("PlanAssignments")).toMatchObject({
      sheet: "Assignments",
      top: 0,
      left: 0,
      rows: 100_001,
      columns: 6,
    });
    const read = await driver.readTable(tables.assignments);
    expect(read!.header).toEqual(header);
    expect(read!.rows.length).toBe(100_000);
    expect(read!.rows[99_999]).toEqual(rows[99_999].map((v) => (v === null ? "" : v)));
  });

  it("formats text columns as text before writing, so =, +, - and @ stay text", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(tables.assignments, header, [
      ["Base", "=SUM(A1:A9)", "+1", "-x", "@me", false],
    ]);
    const range = workbook.range("Assignments", 0, 0, 2, 6);
    expect(range.values[1].slice(1, 5)).toEqual(["=SUM(A1:A9)", "+1", "-x", "@me"]);
    expect(range.format(1, 1)).toBe("@");
  });

  it("shrinks a table and clears the rows it no longer covers", async () => {
    const { workbook, driver } = setUp();
    await driver.writeTable(tables.assignments, header, [row(1), row(2), row(3)]);
    await driver.writeTable(tables.assignments, header, [row(4)]);
    expect(workbook.tables.get("PlanAssignments")!.rows).toBe(2);
    expect(
      workbook
        .range("Assignments", 2, 0, 2, 6)
        .values.flat()
        .every((v) => v === "")
    ).toBe(true);
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
