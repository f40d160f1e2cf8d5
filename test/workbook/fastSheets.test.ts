/**
 * The fast sheet writer must produce the same workbook as ExcelJS would: every value back as
 * written (read by ExcelJS and by LibreOffice), column formats kept on the cells, and sheets
 * it cannot write exactly (formulas, merges, styled cells) left to ExcelJS.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { writeWorkbook } from "../../src/workbook/fastSheets";
import { CellValue } from "../../src/workbook/rows";
import { PlanStore } from "../../src/workbook/store";
import { tables } from "../../src/workbook/schema";
import { XlsxDriver } from "../../src/workbook/xlsxDriver";
import { sheetsAsCsv } from "../support/libreoffice";

const cell = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "=1+1",
    "+44 20",
    "-5",
    "@home",
    "_x0041_",
    'a & b < c > d "e"',
    "  padded  ",
    "长文本",
    "0012",
    "a\rb",
    "c\r\nd"
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.integer(),
  fc.boolean(),
  fc.constant(null)
);

async function roundTrip(header: string[], rows: CellValue[][], fastFrom: number) {
  const driver = new XlsxDriver();
  const spec = {
    table: "Data",
    sheet: "Data",
    columns: header.map((h) => ({ header: h, type: "text" as const })),
    key: [],
    history: false,
  };
  await driver.writeTable(spec, header, rows);
  const bytes = await writeWorkbook(driver.workbook, fastFrom);
  const back = await (await XlsxDriver.fromBuffer(bytes)).readTable(spec);
  return { bytes, back };
}

// XML 1.0 cannot hold lone surrogates; Excel and ExcelJS replace them, so they are left out.
const xmlSafe = (v: CellValue) =>
  typeof v !== "string" ||
  !/[\uD800-\uDFFF]/.test(v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));

describe("fast sheet writer", () => {
  it("writes any values back as they were (ExcelJS reads them)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        async (rows) => {
          fc.pre(rows.every((r) => r.every(xmlSafe)));
          const { back } = await roundTrip(["A", "B", "C"], rows, 0);
          const expected = rows;
          // Empty strings come back as empty cells, as with ExcelJS itself.
          const norm = (r: unknown[]) => r.map((v) => (v === "" || v === undefined ? null : v));
          expect(back!.rows.map(norm)).toEqual(expected.map(norm));
        }
      ),
      { numRuns: 60 }
    );
  });

  it("keeps each column's number format on its cells, as ExcelJS does", async () => {
    const driver = new XlsxDriver();
    await driver.writeTable(
      tables.assignments,
      tables.assignments.columns.map((c) => c.header),
      [["Base", "A1", "R1", "kept", null, true]]
    );
    await driver.writeTable(
      tables.quotas,
      tables.quotas.columns.map((c) => c.header),
      [["Base", "R1", "T", "potential", 1, 100, ...Array(12).fill(8.33)]]
    );
    const reread = await XlsxDriver.fromBuffer(await writeWorkbook(driver.workbook, 0));
    const sheet = reread.workbook.getWorksheet("Assignments")!;
    expect(sheet.getCell("B2").numFmt).toBe("@");
    expect(sheet.getCell("B2").value).toBe("A1");
    expect(sheet.getCell("F2").value).toBe(true);
  });

  it("keeps every cell's own style (fonts, fills, number formats) in a large table a user formatted", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Accounts");
    sheet.addRow(["AccountId", "Potential", "Since"]).font = { bold: true };
    for (let i = 0; i < 50; i++)
      sheet.addRow([`A${i}`, i * 1000, new Date(Date.UTC(2024, 0, 1 + i))]);
    sheet.getCell("B3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    sheet.getColumn(2).eachCell((c, r) => r > 1 && (c.numFmt = "#,##0"));
    sheet.getColumn(3).eachCell((c, r) => r > 1 && (c.numFmt = "yyyy-mm-dd"));
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await writeWorkbook(loaded, 0)) as unknown as ArrayBuffer);
    const accounts = back.getWorksheet("Accounts")!;
    expect(accounts.getCell("A1").font?.bold).toBe(true);
    expect(accounts.getCell("A2").font?.bold).toBeFalsy();
    expect((accounts.getCell("B3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    expect(accounts.getCell("B4").numFmt).toBe("#,##0");
    expect(accounts.getCell("C2").numFmt).toBe("yyyy-mm-dd");
    expect(accounts.getCell("C2").value).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(accounts.getCell("B51").value).toBe(49_000);
  });

  it("leaves sheets with formulas, merges or styled cells to ExcelJS, which keeps them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Mixed");
    sheet.getCell("A1").value = 2;
    sheet.getCell("A2").value = { formula: "A1*2" } as ExcelJS.CellFormulaValue;
    sheet.getCell("B1").value = "bold";
    sheet.getCell("B1").font = { bold: true };
    sheet.mergeCells("C1:D1");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await writeWorkbook(workbook, 0)) as unknown as ArrayBuffer);
    const mixed = back.getWorksheet("Mixed")!;
    expect(mixed.getCell("A2").formula).toBe("A1*2");
    expect(mixed.getCell("B1").font?.bold).toBe(true);
    expect(mixed.getCell("C1").isMerged).toBe(true);
  });

  it("writes a plan LibreOffice reads value for value", async () => {
    const rows: CellValue[][] = Array.from({ length: 300 }, (_, i) => [
      "Base",
      `A${i}`,
      i % 3 ? `R${i % 7}` : "=HYPERLINK(1)",
      i % 2 ? "kept" : i % 4 ? "moved & <kept>" : "_x0041_ tab\there",
      null,
      i % 5 === 0,
    ]);
    const driver = new XlsxDriver();
    const store = new PlanStore(driver, () => new Date(Date.UTC(2026, 10, 27)));
    await store.save(await store.load(), {
      assignments: rows.map(([Scenario, AccountId, RepId, Reason, MovedFrom, Locked]) => ({
        Scenario,
        AccountId,
        RepId,
        Reason,
        MovedFrom,
        Locked,
      })),
    });
    const csv = (await sheetsAsCsv(await writeWorkbook(driver.workbook, 0)))("Assignments");
    expect(csv.slice(1)).toEqual(
      rows.map((r) =>
        r.map((v) => (v === null ? "" : v === true ? "TRUE" : v === false ? "FALSE" : String(v)))
      )
    );
  }, 120_000);
});
