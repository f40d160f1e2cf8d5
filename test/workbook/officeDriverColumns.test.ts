/**
 * One column of a user's own table through the Office.js adapter: read exactly as stored,
 * written back touching only the cells that change, text kept as text, formats untouched,
 * and a restore that puts back what was there.
 */
import fc from "fast-check";
import type { CellContent, UserTable } from "../../src/workbook/driver";
import { OfficeDriver } from "../../src/workbook/officeDriver";
import { FakeWorkbook, Seed } from "../support/fakeExcel";

const accounts: UserTable = { name: "Accounts", sheet: "Accounts" };
const HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"];

/** The user's Accounts table at B2 (header row 2): Id, Owner, Since, with `owners` as Owner. */
function accountsTable(owners: Seed[]): FakeWorkbook {
  const workbook = new FakeWorkbook();
  workbook.put("Accounts", "B2", [
    ["Id", "Owner", "Since"],
    ...owners.map((owner, i) => [`A${i + 1}`, owner, 46_000 + i]),
  ]);
  workbook.setFormat("Accounts", `D3:D${owners.length + 2}`, "yyyy-mm-dd");
  workbook.addTable("Accounts", "Accounts", `B2:D${owners.length + 2}`);
  return workbook;
}

const driverOver = (workbook: FakeWorkbook, maxBytes?: number) => {
  const excel = workbook.excel();
  return new OfficeDriver((batch) => excel.run(batch), maxBytes);
};
const text = (value: string): CellContent => ({ value, kind: "text" });

describe("Office.js adapter: a column of the user's table", () => {
  it("reads each cell exactly as stored: value, kind and formula", async () => {
    const workbook = accountsTable([
      "R1",
      7,
      true,
      { error: "#N/A" },
      null,
      { formula: "=VLOOKUP(B7,Reps!A:B,2,FALSE)", value: "R9" },
      "=looks like a formula",
    ]);
    const driver = driverOver(workbook);
    expect(await driver.readColumn(accounts, "Owner")).toEqual([
      { value: "R1", kind: "text" },
      { value: 7, kind: "number" },
      { value: true, kind: "boolean" },
      { value: "#N/A", kind: "error" },
      { value: null, kind: "blank" },
      { value: "R9", kind: "text", formula: "VLOOKUP(B7,Reps!A:B,2,FALSE)" },
      { value: "=looks like a formula", kind: "text" },
    ]);
    expect((await driver.readColumn(accounts, "Since"))[0]).toEqual({
      value: 46_000,
      kind: "date",
    });
  });

  it("tells dates from numbers by the cell's number format", async () => {
    const formats = [
      "[$-409]m/d/yy",
      "h:mm AM/PM",
      "[h]:mm",
      "[Red]0.00",
      "_($* #,##0.00_)",
      '0 "days"',
    ];
    const workbook = accountsTable(formats.map(() => "R1"));
    formats.forEach((format, i) => workbook.setFormat("Accounts", `D${i + 3}`, format));
    const kinds = (await driverOver(workbook).readColumn(accounts, "Since")).map((c) => c.kind);
    expect(kinds).toEqual(["date", "date", "date", "number", "number", "number"]);
  });

  it("writes hostile text as text in the user's table: no formula, no format changed", async () => {
    const workbook = accountsTable(["R1", "R2", "R3", "R4", "R5"]);
    workbook.setFormat("Accounts", "C3:C7", "0.00");
    await driverOver(workbook).writeColumn(accounts, "Owner", [...HOSTILE, "R5"].map(text));
    HOSTILE.forEach((hostile, i) => {
      const cell = workbook.cell("Accounts", `C${i + 3}`)!;
      expect(cell).toMatchObject({ value: hostile, type: "String" });
      expect(cell.formula).toBeUndefined();
      expect(workbook.format("Accounts", `C${i + 3}`)).toBe("0.00");
    });
    expect(await driverOver(workbook).readColumn(accounts, "Owner")).toEqual(
      [...HOSTILE, "R5"].map(text)
    );
  });

  it("writes text as it is into cells the user formatted as Text", async () => {
    const workbook = accountsTable(["R1", "R2"]);
    workbook.setFormat("Accounts", "C3:C4", "@");
    await driverOver(workbook).writeColumn(accounts, "Owner", [text("=1+1"), text("'quoted")]);
    expect(workbook.cell("Accounts", "C3")).toEqual({ value: "=1+1", type: "String" });
    expect(workbook.cell("Accounts", "C4")).toEqual({ value: "'quoted", type: "String" });
  });

  it("writes only the cells that change, in contiguous runs, and nothing else of the sheet", async () => {
    const owners = Array.from({ length: 10 }, (_, i) => `R${i}`);
    const workbook = accountsTable(owners);
    workbook.put("Accounts", "F1", [["a note beside the table"]]);
    const before = workbook.contents("Accounts");
    const wanted = owners.map((o, i) => text([2, 3, 4, 8].includes(i) ? `N${i}` : o));
    const driver = driverOver(workbook);
    await driver.writeColumn(accounts, "Owner", wanted);
    const after = workbook.contents("Accounts");
    const changed = Object.keys(after).filter((address) => after[address] !== before[address]);
    expect(changed.sort()).toEqual(["C11", "C5", "C6", "C7"]);
    expect(Object.keys(before).every((address) => address in after)).toBe(true);
    // Two runs (C5:C7 and C11) go with one sync after the read: locate (2), read, write.
    expect(driver.stats.syncs).toBe(4);
  });

  it("restores what was there: numbers, booleans, dates, blanks, errors and formulas come back as they were", async () => {
    const workbook = accountsTable([
      5,
      false,
      46_100,
      null,
      { error: "#N/A" },
      { formula: '=B8&"-owner"', value: "A6-owner" },
      "  padded  ",
    ]);
    workbook.setFormat("Accounts", "C5", "d mmm yyyy");
    const driver = driverOver(workbook);
    const original = await driver.readColumn(accounts, "Owner");
    await driver.writeColumn(
      accounts,
      "Owner",
      original.map(() => text("R9"))
    );
    expect(workbook.values("Accounts", "C3:C9").flat()).toEqual(Array(7).fill("R9"));
    await driver.writeColumn(accounts, "Owner", original);
    expect(await driver.readColumn(accounts, "Owner")).toEqual([
      { value: 5, kind: "number" },
      { value: false, kind: "boolean" },
      { value: 46_100, kind: "date" },
      { value: null, kind: "blank" },
      { value: "#N/A", kind: "error" },
      // The fake does not calculate: a restored formula is there, its cached value is not.
      expect.objectContaining({ formula: 'B8&"-owner"' }),
      { value: "  padded  ", kind: "text" },
    ]);
    expect(workbook.format("Accounts", "C5")).toBe("d mmm yyyy");
  });

  it("any column content round-trips: what is written reads back the same, and unchanged cells are not written", async () => {
    const content = fc.oneof(
      fc.string().map(text),
      fc.constantFrom(...HOSTILE, "00123", "TRUE", "#N/A", "'x", "1e5").map(text),
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .map((value): CellContent => ({ value: Object.is(value, -0) ? 0 : value, kind: "number" })),
      fc.boolean().map((value): CellContent => ({ value, kind: "boolean" })),
      fc.constant<CellContent>({ value: null, kind: "blank" })
    );
    await fc.assert(
      fc.asyncProperty(fc.array(content, { minLength: 1, maxLength: 30 }), async (wanted) => {
        const workbook = accountsTable(wanted.map(() => "before"));
        const driver = driverOver(workbook);
        await driver.writeColumn(accounts, "Owner", wanted);
        const read = await driver.readColumn(accounts, "Owner");
        expect(read).toEqual(wanted);
        const syncs = driver.stats.syncs;
        await driver.writeColumn(accounts, "Owner", read);
        expect(driver.stats.syncs - syncs).toBe(3); // locate (2) and read: nothing to write
      }),
      { numRuns: 60 }
    );
  });

  it("keeps each sync under the payload limit on a long column, measured by the fake", async () => {
    const owners = Array.from({ length: 6000 }, (_, i) => `R${i}`);
    const workbook = accountsTable(owners);
    const maxBytes = 100_000;
    const driver = driverOver(workbook, maxBytes);
    const wanted = owners.map((_, i) => text(`${HOSTILE[i % 4]} ${"y".repeat(20)}`));
    await driver.writeColumn(accounts, "Owner", wanted);
    expect(
      workbook.syncLog.every((s) => s.requestBytes <= maxBytes && s.responseBytes <= maxBytes)
    ).toBe(true);
    expect(driver.stats.syncs).toBeGreaterThan(4);
    expect(await driver.readColumn(accounts, "Owner")).toEqual(wanted);
  });

  it("refuses, writing nothing, when the column or table is gone or the row count differs", async () => {
    const workbook = accountsTable(["R1", "R2"]);
    const driver = driverOver(workbook);
    const before = workbook.contents("Accounts");
    await expect(driver.writeColumn(accounts, "Rep", [text("x"), text("y")])).rejects.toThrow(
      'the table Accounts has no column "Rep"'
    );
    await expect(driver.writeColumn(accounts, "Owner", [text("x")])).rejects.toThrow(
      'the column "Owner" of Accounts has 2 rows, not 1: nothing was written'
    );
    await expect(driver.readColumn({ name: "Gone", sheet: "Accounts" }, "Owner")).rejects.toThrow(
      "the table Gone no longer exists"
    );
    expect(workbook.contents("Accounts")).toEqual(before);
  });
});
