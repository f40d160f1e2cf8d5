/**
 * What the Office.js adapter reports before a plan table is written: whether the table is
 * there (wherever it now is), what stands where it would grow, and merged cells in its way;
 * reading only where something can be, within the payload limit.
 */
import { OfficeDriver, MAX_REQUEST_BYTES } from "../../src/workbook/officeDriver";
import { tables } from "../../src/workbook/schema";
import { FakeWorkbook } from "../support/fakeExcel";

const spec = tables.assignments;
const header = spec.columns.map((c) => c.header);

function driverOver(workbook: FakeWorkbook, maxBytes?: number) {
  const excel = workbook.excel();
  return new OfficeDriver((batch) => excel.run(batch), maxBytes);
}

/** A six-column plan table at A1 of "Assignments" with `rows` data rows. */
function planTable(workbook: FakeWorkbook, rows: number, sheet = "Assignments", at = "A1") {
  workbook.put(sheet, at, [
    header,
    ...Array.from({ length: rows }, (_, i) => ["Base", `A${i}`, "R1", "kept", null, false]),
  ]);
  const { top, left } = { top: Number(at.slice(1)) - 1, left: at.charCodeAt(0) - 65 };
  const last = String.fromCharCode(65 + left + 5);
  workbook.addTable(spec.table, sheet, `${at}:${last}${top + rows + 1}`);
}

describe("Office.js adapter: inspecting where a plan table goes", () => {
  it("says absent when neither the table nor its sheet exists", async () => {
    expect(await driverOver(new FakeWorkbook()).inspectTable(spec, 3, 6)).toEqual({
      state: "absent",
    });
  });

  it("says untabled, with the sheet's used range, when the sheet is there without the table", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("Assignments", "B2", [
      ["Scenario", "AccountId"],
      ["Base", "A1"],
    ]);
    expect(await driverOver(workbook).inspectTable(spec, 3, 6)).toEqual({
      state: "untabled",
      sheet: "Assignments",
      used: "B2:C3",
    });
    const empty = new FakeWorkbook();
    empty.addSheet("Assignments");
    expect(await driverOver(empty).inspectTable(spec, 3, 6)).toEqual({
      state: "untabled",
      sheet: "Assignments",
      used: "",
    });
  });

  it("finds the table on the sheet it was moved to, with nothing in the way", async () => {
    const workbook = new FakeWorkbook();
    planTable(workbook, 2, "Moved here", "C5");
    workbook.put("Moved here", "A1", [["notes left of the table are not in the way"]]);
    expect(await driverOver(workbook).inspectTable(spec, 10, 6)).toEqual({
      state: "table",
      sheet: "Moved here",
      ref: "C5:H7",
      blocked: [],
      merged: [],
    });
  });

  it("names the cells below and beside the table that a grown table would cover, and no others", async () => {
    const workbook = new FakeWorkbook();
    planTable(workbook, 2);
    workbook.put("Assignments", "B6", [["a note typed under the table"]]);
    workbook.put("Assignments", "G2", [[{ formula: '=""', value: "" }]]); // shows nothing, still there
    workbook.put("Assignments", "A9", [["below the new area"]]);
    workbook.put("Assignments", "H1", [["right of the new area"]]);
    const site = await driverOver(workbook).inspectTable(spec, 6, 7);
    expect(site).toMatchObject({ state: "table", sheet: "Assignments", ref: "A1:F3" });
    expect(site.state === "table" && site.blocked).toEqual(["G2", "B6"]);
  });

  it("an empty table still takes two rows: a cell right under its header is in the way", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("Assignments", "A1", [header]);
    workbook.put("Assignments", "A2", [["note"]]);
    workbook.addTable(spec.table, "Assignments", "A1:F1");
    const site = await driverOver(workbook).inspectTable(spec, 0, 6);
    expect(site.state === "table" && site.blocked).toEqual(["A2"]);
  });

  it("lists merged areas that overlap the table's new area", async () => {
    const workbook = new FakeWorkbook();
    planTable(workbook, 2);
    workbook.merge("Assignments", "C5:D6");
    workbook.merge("Assignments", "J1:K2"); // outside
    const site = await driverOver(workbook).inspectTable(spec, 5, 6);
    expect(site.state === "table" && site.merged).toEqual(["C5:D6"]);
  });

  it("reads the growth area in pieces under the payload limit, and stops once it has enough to show", async () => {
    const workbook = new FakeWorkbook();
    planTable(workbook, 1);
    const notes = Array.from({ length: 3000 }, (_, i) => [`note ${i} ${"x".repeat(200)}`]);
    workbook.put("Assignments", "A3", notes);
    const maxBytes = 64 * 1024;
    const driver = driverOver(workbook, maxBytes);
    const site = await driver.inspectTable(spec, 3000, 6);
    expect(site.state === "table" && site.blocked).toEqual(
      Array.from({ length: 10 }, (_, i) => `A${i + 3}`)
    );
    expect(workbook.syncLog.every((s) => s.responseBytes <= maxBytes)).toBe(true);
    // 3000 rows × 6 columns reckoned at 64 bytes a cell fill several reads; it stopped after the first.
    expect(driver.stats.syncs).toBe(3);
  });

  it("reads nothing of the growth area when the used range ends above it", async () => {
    const workbook = new FakeWorkbook();
    planTable(workbook, 5);
    const driver = driverOver(workbook);
    await driver.inspectTable(spec, 100_000, 6);
    expect(driver.stats.syncs).toBe(2);
    expect(Math.max(...workbook.syncLog.map((s) => s.responseBytes))).toBeLessThan(
      MAX_REQUEST_BYTES / 1000
    );
  });
});
