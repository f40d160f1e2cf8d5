/**
 * Report sheets drawn into a workbook file: the look of each style (number formats a finance
 * reader expects), row heights for wrapped text, print setup (landscape, one page wide,
 * repeated rows, header and footer, print area), and where the add-in's sheets go in the tab
 * order — reports first, the user's sheets as they were, plan tables, then the record
 * (history, previous reports) hidden with grey tabs — without a user's print area or local
 * name changing sheet. Expected values are worked out by hand from the description below.
 */
import JSZip from "jszip";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { REPORT_SHEET_ORDER, rowHeights, wrappedLines } from "../../src/workbook/report";
import { historySpec, tables } from "../../src/workbook/schema";
import { REVIEW_SHEET } from "../../src/workbook/territoryReview";
import { PIPELINE_REVIEW_SHEET } from "../../src/workbook/pipelineReview";
import { V2MOM_SUMMARY_SHEET } from "../../src/workbook/v2momSummary";
import { CHINESE, VISION, review, summary } from "./reportSheetFixture";
import { PackageReader, attr, tagsNamed, unescapeXml, validateWorkbook } from "../support/ooxml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const WS = `${R}/worksheet`;

/**
 * A user's workbook as Excel saves one: two sheets, the second active, with its own print area,
 * and a name local to the first.
 */
async function usersWorkbook(): Promise<Uint8Array> {
  const zip = new JSZip();
  const sheet = (value: string) =>
    `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${value}</t></is></c></row></sheetData></worksheet>`;
  zip.file(
    "[Content_Types].xml",
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
  );
  zip.file(
    "_rels/.rels",
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
  zip.file(
    "xl/workbook.xml",
    `<workbook xmlns="${MAIN}" xmlns:r="${R}"><bookViews><workbookView activeTab="1"/></bookViews>` +
      `<sheets><sheet name="Pipeline" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>` +
      `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">Notes!$A$1:$C$9</definedName>` +
      `<definedName name="Rate" localSheetId="0">Pipeline!$B$2</definedName></definedNames><calcPr calcId="191029"/></workbook>`
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${WS}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${WS}" Target="worksheets/sheet2.xml"/></Relationships>`
  );
  zip.file("xl/worksheets/sheet1.xml", sheet("Pipeline"));
  zip.file("xl/worksheets/sheet2.xml", sheet("Notes"));
  return zip.generateAsync({ type: "uint8array" });
}

describe("report sheet layout (pure)", () => {
  it("counts wrapped lines at spaces, newlines, wide characters and inside long words", () => {
    expect(wrappedLines(VISION, 40)).toBe(3);
    expect(wrappedLines("Trust\nGrowth", 20)).toBe(2);
    expect(wrappedLines(CHINESE, 40)).toBe(2);
    expect(wrappedLines("x".repeat(100), 40)).toBe(3);
    expect(wrappedLines("fits", 40)).toBe(1);
  });

  it("gives heights only to rows whose wrapped cells need more than one line", () => {
    // 15 pt a line at 11 pt; a 9 pt note's line is 15 × 9 / 11 = 12.27, two lines 24.55 → 24.75.
    expect(Object.fromEntries(rowHeights(summary()))).toEqual({ 2: 45, 4: 30, 5: 24.75 });
  });

  it("names the builders' sheets in the order reports lead the workbook", () => {
    expect(REPORT_SHEET_ORDER).toEqual([REVIEW_SHEET, PIPELINE_REVIEW_SHEET, V2MOM_SUMMARY_SHEET]);
  });
});

describe("report sheets in a workbook file", () => {
  let reader: PackageReader;
  let bytes: Uint8Array;
  let original: PackageReader;
  let kept: (string | undefined)[];

  beforeAll(async () => {
    const input = await usersWorkbook();
    original = await PackageReader.open(input);
    const driver = await PackageDriver.fromBuffer(input);
    const spec = tables.scenarios;
    const header = spec.columns.map((c) => c.header);
    await driver.writeTable(spec, header, []);
    await driver.writeTable(
      historySpec(spec),
      historySpec(spec).columns.map((c) => c.header),
      []
    );
    kept = [
      await driver.writeReport(summary()),
      await driver.writeReport(review),
      await driver.writeReport(summary("Second & final")),
    ];
    bytes = await driver.toBuffer();
    reader = await PackageReader.open(bytes);
  });

  it("says which copy each write kept: none for a sheet the workbook did not have", () => {
    expect(kept).toEqual([undefined, undefined, "V2MOM Summary (previous)"]);
  });

  const workbookXml = () => reader.text("xl/workbook.xml");
  const sheetXml = async (name: string) =>
    reader.text((await reader.sheets()).find((s) => s.name === name)!.part);

  it("puts reports first, the user's sheets as they were, plan tables, then the record, hidden", async () => {
    expect((await reader.sheets()).map((s) => s.name)).toEqual([
      "Territory Review",
      "V2MOM Summary",
      "Pipeline",
      "Notes",
      tables.scenarios.sheet,
      historySpec(tables.scenarios).sheet,
      "V2MOM Summary (previous)",
    ]);
    const states = tagsNamed(await workbookXml(), "sheet").map((t) => [
      unescapeXml(attr(t, "name")!),
      attr(t, "state") ?? "visible",
    ]);
    expect(states.filter(([, state]) => state === "hidden").map(([name]) => name)).toEqual([
      historySpec(tables.scenarios).sheet,
      "V2MOM Summary (previous)",
    ]);
    for (const name of [historySpec(tables.scenarios).sheet, "V2MOM Summary (previous)"])
      expect(await sheetXml(name)).toMatch(/<sheetPr[^>]*>(<[^>]*>)*?<tabColor rgb="FF808080"\/>/);
  });

  /** The workbook's defined names with the tab index they are local to. */
  const definedNames = async () =>
    [...(await workbookXml()).matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map(
      ([, attrs, formula]) => ({
        name: attr(attrs, "name"),
        local: attr(attrs, "localSheetId"),
        formula: unescapeXml(formula),
      })
    );

  it("prints a plan table's sheet landscape and one page wide", async () => {
    const xml = await sheetXml(tables.scenarios.sheet);
    expect(xml).toContain(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
    expect(xml).toContain(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`);
  });

  it("keeps the user's print area, local name and active sheet on their own sheets", async () => {
    const names = await definedNames();
    // Notes is now the 4th tab (index 3), Pipeline the 3rd (index 2).
    expect(names).toContainEqual({
      name: "_xlnm.Print_Area",
      local: "3",
      formula: "Notes!$A$1:$C$9",
    });
    expect(names).toContainEqual({ name: "Rate", local: "2", formula: "Pipeline!$B$2" });
    expect(attr(tagsNamed(await workbookXml(), "workbookView")[0]!, "activeTab")).toBe("3");
    // The user's sheets themselves are untouched.
    for (const part of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
      expect(await reader.text(part)).toBe(await original.text(part));
  });

  it("prints each report from A1 to its last cell with its header row repeated", async () => {
    const prints = (await definedNames()).filter((n) => n.name!.startsWith("_xlnm.Print_"));
    const of = (local: string) => prints.filter((n) => n.local === local);
    // Rows 1–8, columns A–D (D8 holds the last cell).
    expect(of("1")).toEqual([
      { name: "_xlnm.Print_Area", local: "1", formula: "'V2MOM Summary'!$A$1:$D$8" },
      { name: "_xlnm.Print_Titles", local: "1", formula: "'V2MOM Summary'!$3:$3" },
    ]);
    // The previous version, hidden, has none: LibreOffice would print it otherwise.
    expect(of("6")).toEqual([]);
    // The review has no print section: landscape and one page wide, but no names.
    expect(of("0")).toEqual([]);
  });

  it("sets landscape, one page wide, a header with the title and a footer with date and pages", async () => {
    const xml = await sheetXml("V2MOM Summary");
    expect(xml).toContain(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`);
    expect(xml).toContain(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
    const header = unescapeXml(/<oddHeader>([^<]*)</.exec(xml)![1]);
    const footer = unescapeXml(/<oddFooter>([^<]*)</.exec(xml)![1]);
    // The user's "&" is doubled, so it prints as "&" and never starts a code.
    expect(header).toBe("&CSecond && final");
    expect(footer).toBe("&LWritten 2026-12-01&RPage &P of &N");
    const previous = await sheetXml("V2MOM Summary (previous)");
    expect(unescapeXml(/<oddHeader>([^<]*)</.exec(previous)![1])).toBe("&CR&&D plan &&P FY2027");
  });

  it("gives wrapped rows their height and numbers the formats a finance reader expects", async () => {
    const xml = await sheetXml("V2MOM Summary");
    const rows = Object.fromEntries(
      tagsNamed(xml, "row").map((t) => [attr(t, "r"), [attr(t, "ht"), attr(t, "customHeight")]])
    );
    expect(rows).toMatchObject({
      "2": ["45", "1"],
      "4": ["30", "1"],
      "5": ["24.75", "1"],
      "6": [undefined, undefined],
      "8": [undefined, undefined],
    });
    const styles = await reader.text("xl/styles.xml");
    const custom = Object.fromEntries(
      tagsNamed(styles, "numFmt").map((t) => [
        attr(t, "numFmtId"),
        unescapeXml(attr(t, "formatCode")!),
      ])
    );
    const xfs = /<cellXfs[\s\S]*<\/cellXfs>/
      .exec(styles)![0]
      .match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    const fonts = /<fonts[\s\S]*<\/fonts>/.exec(styles)![0].match(/<font>[\s\S]*?<\/font>/g)!;
    const cell = (ref: string) => {
      const c = tagsNamed(xml, "c").find((t) => attr(t, "r") === ref)!;
      return xfs[Number(attr(c, "s"))];
    };
    const format = (ref: string) => {
      const id = attr(cell(ref), "numFmtId")!;
      // Built-in 3 is #,##0 and 4 is #,##0.00 (ECMA-376 §18.8.30).
      return { "3": "#,##0", "4": "#,##0.00" }[id] ?? custom[id];
    };
    expect({
      money: format("A6"),
      integer: format("B6"),
      ratio: format("C6"),
      percent: format("A7"),
      number: format("B7"),
      date: format("C7"),
    }).toEqual({
      money: "#,##0",
      integer: "#,##0",
      ratio: "0.000",
      percent: "0.0%",
      number: "#,##0.00",
      date: "yyyy-mm-dd",
    });
    expect(cell("B2")).toMatch(/wrapText="1"/);
    const noteFont = fonts[Number(attr(cell("B5"), "fontId"))];
    expect(noteFont).toMatch(/<sz val="9"\/>/);
    expect(noteFont).toMatch(/<color rgb="FF595959"\/>/);
  });

  it("keeps print names on their sheets when a new workbook's placeholder Sheet1 goes, none on a hidden one", async () => {
    const driver = await PackageDriver.blank();
    const spec = tables.scenarios;
    await driver.writeTable(
      spec,
      spec.columns.map((c) => c.header),
      []
    );
    expect(await driver.writeReport(summary())).toBeUndefined();
    expect(await driver.writeReport(summary())).toBe("V2MOM Summary (previous)");
    // A third write replaces the older copy: the one it kept is again named.
    expect(await driver.writeReport(summary())).toBe("V2MOM Summary (previous)");
    const blank = await PackageReader.open(await driver.toBuffer());
    expect((await blank.sheets()).map((s) => s.name)).toEqual([
      "V2MOM Summary",
      spec.sheet,
      "V2MOM Summary (previous)",
    ]);
    const xml = await blank.text("xl/workbook.xml");
    const areas = [
      ...xml.matchAll(/<definedName name="_xlnm.Print_Area" localSheetId="(\d+)">([^<]*)</g),
    ];
    expect(areas.map(([, local, formula]) => [local, unescapeXml(formula)]).sort()).toEqual([
      ["0", "'V2MOM Summary'!$A$1:$D$8"],
    ]);
  });

  it("is a file Excel opens without repairing", async () => {
    const { errors, output } = await validateWorkbook(bytes);
    expect({ errors, output: errors.length ? output : "" }).toEqual({ errors: [], output: "" });
  }, 60_000);
});
