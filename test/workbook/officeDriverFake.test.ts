/**
 * The fake Excel the Office.js adapter's tests run on follows the documented behaviour those
 * tests rely on; if it did not, a test of the adapter could pass where Excel would not.
 */
import { FakeWorkbook } from "../support/fakeExcel";

async function run(
  workbook: FakeWorkbook,
  batch: (context: Excel.RequestContext) => Promise<void>
) {
  await workbook.excel().run(batch);
}

describe("the fake Excel", () => {
  it("takes Range.values as typed input: =, +, - and @ make formulas unless the cell is Text or the text is quote-prefixed", async () => {
    const workbook = new FakeWorkbook();
    workbook.addSheet("S");
    workbook.setFormat("S", "A2", "@");
    await run(workbook, async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:E1").values = [
        ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "00123"],
      ];
      sheet.getRange("A2:B2").values = [["=1+1", "'=1+1"]];
      await context.sync();
    });
    expect(["A1", "B1", "C1", "D1"].map((a) => workbook.cell("S", a)!.formula)).toEqual([
      '=HYPERLINK("http://x","y")',
      "=+cmd|' /C calc'!A0",
      "=SUM(1)",
      "=-2+3",
    ]);
    expect(workbook.cell("S", "E1")).toEqual({ value: 123, type: "Double" });
    expect(workbook.cell("S", "A2")).toEqual({ value: "=1+1", type: "String" });
    expect(workbook.cell("S", "B2")).toEqual({ value: "=1+1", type: "String", quotePrefix: true });
  });

  it("leaves a cell as it is for null in a 2-D array, clears it for an empty string", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("S", "A1", [["keep", "clear"]]);
    await run(workbook, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").values = [[null, ""]];
      await context.sync();
    });
    expect(workbook.values("S", "A1:B1")).toEqual([["keep", ""]]);
  });

  it("refuses what Office.js refuses: reading before the sync, using a null object, a request over 5 MB", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("S", "A1", [["x"]]);
    await expect(
      run(workbook, async (context) => {
        const range = context.workbook.worksheets.getItem("S").getRange("A1");
        range.load("values");
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the mistake under test
        void range.values;
      })
    ).rejects.toThrow("PropertyNotLoaded");
    await expect(
      run(workbook, async (context) => {
        const table = context.workbook.tables.getItemOrNullObject("Nope");
        await context.sync();
        expect(table.isNullObject).toBe(true);
        table.getRange().load("values");
        await context.sync();
      })
    ).rejects.toThrow("InvalidObjectPath");
    await expect(
      run(workbook, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A2").values = [
          ["y".repeat(3e6)],
          ["y".repeat(3e6)],
        ];
        await context.sync();
      })
    ).rejects.toThrow("RequestPayloadSizeLimitExceeded");
    expect(workbook.values("S", "A1")).toEqual([["x"]]);
  });

  it("reads a formula in R1C1 as seen from its cell, and writes one back per cell", async () => {
    const workbook = new FakeWorkbook();
    workbook.put("S", "B2", [[{ formula: "=A2*2+$A$1", value: 0 }]]);
    let r1c1: unknown;
    await run(workbook, async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const cell = sheet.getRange("B2");
      cell.load("formulasR1C1");
      await context.sync();
      r1c1 = cell.formulasR1C1[0][0];
      sheet.getRange("B3:B4").formulasR1C1 = [[r1c1], [r1c1]];
      await context.sync();
    });
    expect(r1c1).toBe("=RC[-1]*2+R1C1");
    expect(workbook.cell("S", "B4")!.formula).toBe("=A4*2+$A$1");
  });
});
