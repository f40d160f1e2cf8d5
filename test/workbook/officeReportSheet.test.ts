/**
 * The Office.js renderer of report sheets draws the same sheet as the file renderer
 * (reportSheet.test.ts), on the fake Excel: the same number formats, row heights for wrapped
 * text, page layout, and the same place in the tab order, with the record sheets (history,
 * previous reports) last, hidden and grey.
 */
import { OfficeDriver } from "../../src/workbook/officeDriver";
import { historySpec, tables } from "../../src/workbook/schema";
import { FakeWorkbook } from "../support/fakeExcel";
import { formatArea } from "../support/fakeExcelCells";
import { WRAPPED_ROW_HEIGHTS, review, summary } from "./reportSheetFixture";

beforeAll(() => {
  (globalThis as unknown as { Excel: unknown }).Excel = {
    VerticalAlignment: { top: "Top" },
    ConditionalFormatType: { containsText: "ContainsText" },
    ConditionalTextOperator: { contains: "Contains" },
    ChartType: { columnClustered: "ColumnClustered" },
    ChartSeriesBy: { columns: "Columns" },
    PageOrientation: { landscape: "Landscape" },
  };
});

describe("report sheets through Office.js", () => {
  let book: FakeWorkbook;
  let kept: (string | undefined)[];

  beforeAll(async () => {
    book = new FakeWorkbook();
    book.put("Pipeline", "A1", [["Pipeline"]]);
    book.put("Notes", "A1", [["Notes"]]);
    const driver = new OfficeDriver(book.excel().run);
    const spec = tables.scenarios;
    await driver.writeTable(
      spec,
      spec.columns.map((c) => c.header),
      []
    );
    const history = historySpec(spec);
    await driver.writeTable(
      history,
      history.columns.map((c) => c.header),
      []
    );
    kept = [
      await driver.writeReport(summary()),
      await driver.writeReport(review),
      await driver.writeReport(summary("Second & final")),
      // The older copy goes: the one kept is the sheet this write replaced.
      await driver.writeReport(summary("Second & final")),
    ];
  });

  it("says which copy each write kept, as the file writer does: none for a new sheet", () => {
    expect(kept).toEqual([
      undefined,
      undefined,
      "V2MOM Summary (previous)",
      "V2MOM Summary (previous)",
    ]);
  });

  it("puts reports first, the user's sheets as they were, plan tables, then the record, hidden and grey", () => {
    expect(book.sheetNames()).toEqual([
      "Territory Review",
      "V2MOM Summary",
      "Pipeline",
      "Notes",
      tables.scenarios.sheet,
      historySpec(tables.scenarios).sheet,
      "V2MOM Summary (previous)",
    ]);
    const hidden = book.sheetNames().filter((n) => book.layout(n).visibility !== "Visible");
    expect(hidden).toEqual([historySpec(tables.scenarios).sheet, "V2MOM Summary (previous)"]);
    for (const name of hidden) expect(book.layout(name).tabColor).toBe("#808080");
    // A plan table's sheet prints one page wide, as in the file.
    expect(book.layout(tables.scenarios.sheet).page).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
  });

  it("formats numbers as a finance reader expects and keeps text as text", () => {
    const format = (a: string) => book.format("V2MOM Summary", a);
    expect({
      money: format("A6"),
      integer: format("B6"),
      ratio: format("C6"),
      percent: format("A7"),
      number: format("B7"),
      date: format("C7"),
      text: format("B2"),
    }).toEqual({
      money: "#,##0",
      integer: "#,##0",
      ratio: "0.000",
      percent: "0.0%",
      number: "#,##0.00",
      date: "yyyy-mm-dd",
      text: "@",
    });
    const looks = book.layout("V2MOM Summary").looks;
    expect(looks.get("B2")).toMatchObject({ wrapText: true, verticalAlignment: "Top" });
    expect(looks.get("B5")).toMatchObject({ size: 9, color: "#595959", wrapText: true });
    expect(looks.get("A3")).toMatchObject({
      bold: true,
      size: 12,
      bottomBorder: { style: "Continuous", color: "#808080" },
    });
  });

  it("gives wrapped rows the file's heights and columns their widths in points", () => {
    const layout = book.layout("V2MOM Summary");
    expect(Object.fromEntries(layout.rowHeights)).toEqual(WRAPPED_ROW_HEIGHTS);
    // Width in characters → (7 px × characters + 5 px padding) × 0.75 pt/px.
    expect(Object.fromEntries(layout.columnWidths)).toEqual({ 0: 108.75, 1: 213.75, 2: 66.75 });
  });

  it("prints landscape, one page wide, the header row repeated, title and pages in header and footer", () => {
    expect(book.layout("V2MOM Summary").page).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printArea: "A1:D8",
      printTitleRows: "$3:$3",
      centerHeader: "Second && final",
      leftFooter: "Written 2026-12-01",
      rightFooter: "Page &P of &N",
    });
    // A report without a print section still prints landscape, one page wide.
    expect(book.layout("Territory Review").page).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
  });
});

describe("a note spanning columns through Office.js", () => {
  it("merges the cells it spans, as the file writer does, and shows its text in the first", async () => {
    const book = new FakeWorkbook();
    const driver = new OfficeDriver(book.excel().run);
    await driver.writeReport({
      ...review,
      cells: [
        ...review.cells,
        {
          row: 40,
          col: 1,
          value: "A sentence that reads across the sheet.",
          style: "note",
          span: 5,
        },
      ],
    });
    const merged = book.sheet("Territory Review").merged.map(formatArea);
    expect(merged).toEqual(["A40:E40"]);
    expect(book.values("Territory Review", "A40")).toEqual([
      ["A sentence that reads across the sheet."],
    ]);
  });
});
