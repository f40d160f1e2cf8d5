/* eslint-disable @typescript-eslint/no-this-alias -- the fake hands out proxies that call back into it */
/**
 * The Office.js adapter's work outside plan tables — report sheets, linked cells, the user's
 * own tables — against a small recording fake of the Excel API: what is sent, in what order,
 * and in how many syncs.
 */
import { ExcelRun, OfficeDriver } from "../../src/workbook/officeDriver";
import { ReportSheet } from "../../src/workbook/report";

type Cell = string | number | boolean | null;

/** Records every write as [address, property, value], in order. */
class RecordingExcel {
  log: [string, string, unknown][] = [];
  syncs = 0;
  sheets = new Map<string, Map<string, Cell>>();
  names = new Map<string, string>();
  tables = new Map<string, { sheet: string }>();

  private range(sheet: string, address: string) {
    const log = this.log;
    const cells = this.sheets.get(sheet) ?? new Map<string, Cell>();
    const where = `${sheet}!${address}`;
    const format = {
      font: {
        set: (v: unknown) => log.push([where, "font", v]),
        set bold(v: boolean) {
          log.push([where, "bold", v]);
        },
      },
      set wrapText(v: boolean) {
        log.push([where, "wrapText", v]);
      },
      set verticalAlignment(v: string) {
        log.push([where, "verticalAlignment", v]);
      },
      set columnWidth(v: number) {
        log.push([where, "columnWidth", v]);
      },
    };
    return {
      isNullObject: false,
      format,
      load() {},
      untrack() {},
      select: () => log.push([where, "select", true]),
      get values() {
        return [[cells.get(address) ?? ""]];
      },
      set values(v: Cell[][]) {
        log.push([where, "values", v]);
      },
      set formulas(v: string[][]) {
        log.push([where, "formulas", v]);
      },
      set numberFormat(v: string[][]) {
        log.push([where, "numberFormat", v]);
      },
      conditionalFormats: {
        add: () => {
          const rule = {
            format: { fill: { color: "" }, font: { color: "" } },
            rule: {} as unknown,
          };
          log.push([where, "conditionalFormat", rule]);
          return { textComparison: rule };
        },
      },
    };
  }

  private sheet(name: string, exists: boolean) {
    const excel = this;
    const letters = (n: number) => String.fromCharCode(65 + n);
    return {
      isNullObject: !exists,
      load() {},
      activate: () => excel.log.push([name, "activate", true]),
      delete: () => excel.log.push([name, "delete", true]),
      set name(value: string) {
        excel.log.push([name, "rename", value]);
      },
      getRange: (address: string) => excel.range(name, address),
      getCell: (r: number, c: number) => excel.range(name, `${letters(c)}${r + 1}`),
      getRangeByIndexes: (r: number, c: number) => excel.range(name, `${letters(c)}${r + 1}`),
      charts: {
        add: (type: string) => {
          const series = () => ({
            setValues() {},
            setXAxisValues() {},
            format: {
              fill: {
                setSolidColor: (colour: string) => excel.log.push([name, "series fill", colour]),
              },
            },
          });
          const chart = {
            title: { text: "" },
            series: { getItemAt: series, add: series },
            setPosition() {},
          };
          excel.log.push([name, "chart", type]);
          return chart;
        },
      },
      pageLayout: {},
    };
  }

  run: ExcelRun = async (batch) => {
    const excel = this;
    const context = {
      sync: async () => void excel.syncs++,
      workbook: {
        worksheets: {
          load() {},
          get items() {
            return [...excel.sheets.keys()].map((name, position) => ({ name, position }));
          },
          getItemOrNullObject: (name: string) => excel.sheet(name, excel.sheets.has(name)),
          getItem: (name: string) => excel.sheet(name, true),
          add: (name: string) => {
            excel.sheets.set(name, new Map());
            excel.log.push([name, "add", true]);
            return excel.sheet(name, true);
          },
          getActiveWorksheet: () => ({ name: "Pipeline", load() {} }),
        },
        names: {
          getItemOrNullObject: (name: string) => ({
            getRangeOrNullObject: () => {
              const target = excel.names.get(name);
              if (!target) return { isNullObject: true, load() {} };
              const [sheet, address] = target.split("!");
              return excel.range(sheet, address);
            },
          }),
        },
        tables: {
          items: [...excel.tables].map(([name, t]) => ({ name, worksheet: { name: t.sheet } })),
          load() {},
        },
        getSelectedRange: () => ({
          address: "Pipeline!C4:D9",
          values: [
            ["Region", "Potential"],
            ["EMEA", 5],
          ],
          rowIndex: 3,
          columnIndex: 2,
          rowCount: 2,
          load() {},
        }),
      },
    };
    return batch(context as unknown as Excel.RequestContext);
  };
}

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

describe("Office.js adapter beyond plan tables", () => {
  const report: ReportSheet = {
    sheet: "V2MOM Summary",
    columnWidths: [12, 40],
    cells: [
      { row: 1, col: 1, value: '=HYPERLINK("http://evil")', style: "title" },
      { row: 2, col: 1, value: 1_000_000, style: "number" },
      { row: 2, col: 2, formula: '=IF(ISNUMBER(Sheet1!B2),Sheet1!B2,"")', style: "number" },
    ],
    statusRanges: ["F3:F9"],
    charts: [
      {
        title: "Potential",
        categories: "A3:A9",
        series: [{ name: "Potential", values: "C3:C9" }],
        at: { row: 1, col: 8, rows: 10, cols: 6 },
      },
    ],
  };

  it("draws a report sheet in two syncs: user text formatted as text before it is written, formulas only from the add-in", async () => {
    const excel = new RecordingExcel();
    await new OfficeDriver(excel.run).writeReport(report);
    expect(excel.syncs).toBe(2);
    const a1 = excel.log
      .filter(
        ([where, what]) =>
          where === "V2MOM Summary!A1" && (what === "numberFormat" || what === "values")
      )
      .map(([, what, v]) => [what, v]);
    expect(a1).toEqual([
      ["numberFormat", [["@"]]],
      ["values", [['=HYPERLINK("http://evil")']]],
    ]);
    expect(
      excel.log.some(([where, what]) => where === "V2MOM Summary!A1" && what === "formulas")
    ).toBe(false);
    expect(excel.log).toContainEqual([
      "V2MOM Summary!B2",
      "formulas",
      [['=IF(ISNUMBER(Sheet1!B2),Sheet1!B2,"")']],
    ]);
    const rules = excel.log
      .filter(([, what]) => what === "conditionalFormat")
      .map(([, , rule]) => (rule as { rule: { text: string } }).rule.text);
    expect(rules).toEqual(["On track", "At risk", "Off track"]);
    expect(excel.log).toContainEqual(["V2MOM Summary", "chart", "ColumnClustered"]);
    // Filled bars, in the colours the file adapter writes (a series without a fill draws nothing
    // in LibreOffice and some viewers).
    expect(excel.log).toContainEqual(["V2MOM Summary", "series fill", "#4472C4"]);
  });

  it("keeps an existing report sheet as its previous version, replacing an older previous one", async () => {
    const excel = new RecordingExcel();
    excel.sheets.set("V2MOM Summary", new Map());
    excel.sheets.set("V2MOM Summary (previous)", new Map());
    await new OfficeDriver(excel.run).writeReport(report);
    const order = excel.log
      .filter(([, what]) => ["delete", "rename", "add"].includes(what))
      .map(([where, what, v]) => `${what} ${where}${what === "rename" ? ` → ${v}` : ""}`);
    expect(order).toEqual([
      "delete V2MOM Summary (previous)",
      "rename V2MOM Summary → V2MOM Summary (previous)",
      "add V2MOM Summary",
    ]);
  });

  it("reads linked cells and names, saying which no longer exist, in two syncs", async () => {
    const excel = new RecordingExcel();
    excel.sheets.set("Pipeline", new Map([["C4", 700_000]]));
    excel.names.set("ClosedWon", "Pipeline!C4");
    const found = await new OfficeDriver(excel.run).readLinks([
      "Pipeline!$C$4",
      "ClosedWon",
      "Gone!A1",
      "NoSuchName",
    ]);
    expect(Object.fromEntries(found)).toEqual({
      "Pipeline!$C$4": { exists: true, value: 700_000 },
      ClosedWon: { exists: true, value: 700_000 },
      "Gone!A1": { exists: false, value: null },
      NoSuchName: { exists: false, value: null },
    });
    expect(excel.syncs).toBe(2);
  });

  it("lists tables and reads the selection (write-back: officeDriverColumns.test.ts)", async () => {
    const excel = new RecordingExcel();
    excel.tables.set("Accounts", { sheet: "Accounts" });
    const driver = new OfficeDriver(excel.run);
    expect(await driver.listTables()).toEqual([{ name: "Accounts", sheet: "Accounts" }]);
    expect(await driver.readSelection()).toEqual({
      sheet: "Pipeline",
      header: ["Region", "Potential"],
      rows: [["EMEA", 5]],
      headerRow: 4,
      firstColumn: 2,
    });
    expect(await driver.selectedAddress()).toBe("Pipeline!C4");
  });
});
