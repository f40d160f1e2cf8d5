/**
 * The package adapter on workbooks as real Excel writes them: what it reads, and that a save
 * keeps every part and cell it does not own. Each case is one the ExcelJS adapter got wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { BLANK_PARTS } from "../../src/workbook/package/workbookFile";
import { OpcPackage } from "../../src/workbook/package/opc";
import { TableSpec, tables, infoSpec } from "../../src/workbook/schema";
import { userTableSpec } from "../../src/workbook/store";

const CORPUS = join(__dirname, "../fixtures/excel-corpus");
const corpusFile = (name: string) => new Uint8Array(readFileSync(join(CORPUS, name)));

async function partsOf(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir) parts.set(name, await zip.files[name].async("uint8array"));
  return parts;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** Parts a plan save may change: the workbook part, relationships, content types, styles and what it added. */
const OWNED =
  /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;

async function expectKept(before: Uint8Array, after: Uint8Array): Promise<void> {
  const [a, b] = [await partsOf(before), await partsOf(after)];
  const changed = [...a.keys()].filter(
    (name) =>
      !OWNED.test(name) &&
      Buffer.compare(Buffer.from(a.get(name)!), Buffer.from(b.get(name) ?? new Uint8Array())) !== 0
  );
  expect(changed).toEqual([]);
}

const planSave = async (driver: PackageDriver) => {
  const spec = tables.scenarios;
  await driver.writeTable(
    spec,
    spec.columns.map((c) => c.header),
    [spec.columns.map((c) => (c.type === "text" ? "FY27" : null))]
  );
  await driver.writeTable(infoSpec, ["Key", "Value"], [["revision", "1"]]);
};

/** A one-sheet workbook whose sheet1 holds `sheetData` (and extra parts), as a test fixture. */
async function workbookWith(
  sheetData: string,
  extra: Record<string, string> = {},
  workbookPr = ""
): Promise<Uint8Array> {
  const parts = { ...BLANK_PARTS, ...extra };
  parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
    "<sheetData/>",
    `<sheetData>${sheetData}</sheetData>`
  );
  if (workbookPr)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
      "<bookViews>",
      `${workbookPr}<bookViews>`
    );
  return OpcPackage.fromParts(parts).bytes();
}

describe("tables as Excel saves them", () => {
  it("reads a table without headerRowCount as having a header row, and keeps its part on save", async () => {
    const original = corpusFile("ExcelTables.xlsx");
    const driver = await PackageDriver.fromBuffer(original);
    const table = await driver.readTable(userTableSpec({ name: "TableName", sheet: "ExcelTable" }));
    expect(table?.header).toEqual(["Name", "Age", "AgeGroup"]);
    expect(table?.rows[0]).toEqual(["Anton", 44, 4]);
    await planSave(driver);
    const saved = await driver.toBuffer();
    await expectKept(original, saved);
    const tablePart = text((await partsOf(saved)).get("xl/tables/table1.xml"));
    expect(tablePart).not.toContain('headerRowCount="0"');
  });

  it.each([
    "WithChart.xlsx",
    "ExcelPivotTableSample.xlsx",
    "comments.xlsx",
    "chart-sheet.xlsx",
    "ConditionalFormattingSamples.xlsx",
  ])("keeps every part of %s it does not own, byte for byte", async (name) => {
    const original = corpusFile(name);
    const driver = await PackageDriver.fromBuffer(original);
    await planSave(driver);
    await expectKept(original, await driver.toBuffer());
  });

  it("opens a workbook reading only the parts a table read needs", async () => {
    const original = corpusFile("ConditionalFormattingSamples.xlsx");
    const driver = await PackageDriver.fromBuffer(original);
    await driver.readTable(tables.scenarios);
    const parts = await partsOf(original);
    const total = [...parts.values()].reduce((n, p) => n + p.length, 0);
    expect(driver.inflatedBytes).toBeLessThan(total / 10);
  });
});

describe("cells read as Excel defines them", () => {
  const spec: TableSpec = userTableSpec({ name: "T", sheet: "Sheet1" });
  const tableParts = {
    "xl/worksheets/_rels/sheet1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>`,
    "xl/tables/table1.xml": `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="T" displayName="T" ref="A1:A4" totalsRowShown="0"><autoFilter ref="A1:A4"/><tableColumns count="1"><tableColumn id="1" name="V"/></tableColumns></table>`,
  };
  const withTable = (rows: string, workbookPr = "") => {
    const parts = { ...tableParts };
    return workbookWith(rows, parts, workbookPr).then(async (bytes) => {
      const pkg = await OpcPackage.open(bytes);
      const sheet = (await pkg.read("xl/worksheets/sheet1.xml"))!;
      pkg.write(
        "xl/worksheets/sheet1.xml",
        sheet.replace(
          "</worksheet>",
          `<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`
        )
      );
      await pkg.setContentType(
        "xl/tables/table1.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
      );
      return pkg.bytes();
    });
  };

  it("reads a formula's cached 0 as 0, and cached text, booleans and errors as such", async () => {
    const bytes = await withTable(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>V</t></is></c></row>` +
        `<row r="2"><c r="A2"><f>IF(TRUE,0,1)</f><v>0</v></c></row>` +
        `<row r="3"><c r="A3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>` +
        `<row r="4"><c r="A4" t="e"><f>NA()</f><v>#N/A</v></c></row>`
    );
    const table = await (await PackageDriver.fromBuffer(bytes)).readTable(spec);
    expect(table?.rows).toEqual([[0], ["ab"], ["#N/A"]]);
  });

  it("decodes _xHHHH_ escapes once, and keeps a literal escape-looking text through a save", async () => {
    const bytes = await withTable(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>V</t></is></c></row>` +
        `<row r="2"><c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr"><is><t>a_x005F_x000D_b</t></is></c></row>` +
        `<row r="4"><c r="A4" t="b"><v>1</v></c></row>`
    );
    const driver = await PackageDriver.fromBuffer(bytes);
    expect((await driver.readTable(spec))?.rows).toEqual([["a\rb"], ["a_x000D_b"], [true]]);
    const plan = tables.scenarios;
    const header = plan.columns.map((c) => c.header);
    await driver.writeTable(plan, header, [
      header.map((h) => (h === "Scenario" ? "a_x000D_b" : h === "Note" ? "line\r\nnext" : null)),
    ]);
    const reread = await PackageDriver.fromBuffer(await driver.toBuffer());
    const row = (await reread.readTable(plan))!.rows[0];
    expect(row[header.indexOf("Scenario")]).toBe("a_x000D_b");
    expect(row[header.indexOf("Note")]).toBe("line\r\nnext");
  });

  it("reads dates of a 1904 workbook as the same days in the 1900 system, and writes them back as 1904", async () => {
    const styles = BLANK_PARTS["xl/styles.xml"].replace(
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>',
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    );
    // 2026-12-01 is serial 46357 in the 1900 system and 44895 in the 1904 system.
    const bytes = await withTable(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>V</t></is></c></row><row r="2"><c r="A2" s="1"><v>44895</v></c></row>`,
      `<workbookPr date1904="1"/>`
    );
    const pkg = await OpcPackage.open(bytes);
    pkg.write("xl/styles.xml", styles);
    const driver = await PackageDriver.fromBuffer(await pkg.bytes());
    expect((await driver.readTable(spec))?.rows[0]).toEqual([46357]);
    const plan = tables.scenarios;
    const header = plan.columns.map((c) => c.header);
    await driver.writeTable(plan, header, [
      header.map((h) => (h === "Scenario" ? "S" : h === "Created" ? 46357 : null)),
    ]);
    const saved = await partsOf(await driver.toBuffer());
    const planSheet = [...saved.entries()].find(
      ([n, b]) => n.startsWith("xl/worksheets/") && text(b).includes("Created")
    )!;
    expect(text(planSheet[1])).toContain("<v>44895</v>");
  });

  it("refuses a text longer than Excel's 32,767 characters", async () => {
    const driver = await PackageDriver.blank();
    const plan = tables.scenarios;
    const header = plan.columns.map((c) => c.header);
    await expect(
      driver.writeTable(plan, header, [
        header.map((h) => (h === "Note" ? "x".repeat(32_768) : h === "Scenario" ? "S" : null)),
      ])
    ).rejects.toThrow(
      /^the cell 'Scenarios'!C2 would hold 32,768 characters; Excel allows 32,767$/
    );
  });

  it("keeps dynamic-array formulas and their metadata part", async () => {
    const metadata =
      `<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
      `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;
    const sheet = `<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">_xlfn.SEQUENCE(3)</f><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`;
    const bytes = await workbookWith(sheet, { "xl/metadata.xml": metadata });
    const pkg = await OpcPackage.open(bytes);
    await pkg.setContentType(
      "xl/metadata.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
    );
    await pkg.relate(
      "xl/workbook.xml",
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
      "xl/metadata.xml"
    );
    const original = await pkg.bytes();
    const driver = await PackageDriver.fromBuffer(original);
    await planSave(driver);
    const saved = await partsOf(await driver.toBuffer());
    expect(text(saved.get("xl/worksheets/sheet1.xml"))).toContain(
      `<c r="A1" cm="1"><f t="array" ref="A1:A3">_xlfn.SEQUENCE(3)</f>`
    );
    expect(text(saved.get("xl/metadata.xml"))).toBe(
      metadata.startsWith("<?xml")
        ? metadata
        : text((await partsOf(original)).get("xl/metadata.xml"))
    );
  });
});

describe("writing into a user's table", () => {
  const accounts = { name: "TableName", sheet: "ExcelTable" };

  it("changes only the cells whose content differs, keeping every other byte of the sheet", async () => {
    const original = corpusFile("ExcelTables.xlsx");
    const driver = await PackageDriver.fromBuffer(original);
    const before = await driver.readColumn(accounts, "Age");
    expect(before.map((c) => c.value)).toEqual([44, 33, 21]);
    await driver.writeColumn(accounts, "Age", [
      before[0],
      { value: '=HYPERLINK("x")', kind: "text" },
      before[2],
    ]);
    const saved = await driver.toBuffer();
    const sheet = text((await partsOf(saved)).get("xl/worksheets/sheet1.xml"));
    const was = text((await partsOf(original)).get("xl/worksheets/sheet1.xml"));
    expect(sheet.replace(/<c r="H3"[^]*?<\/c>/, "")).toBe(was.replace(/<c r="H3"[^]*?<\/c>/, ""));
    expect(sheet).toContain(`<c r="H3" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c>`);
    const reread = await PackageDriver.fromBuffer(saved);
    expect((await reread.readColumn(accounts, "Age"))[1]).toEqual({
      value: '=HYPERLINK("x")',
      kind: "text",
    });
  });

  it("reads formulas exactly (a calculated column) and puts one back", async () => {
    const driver = await PackageDriver.fromBuffer(corpusFile("ExcelTables.xlsx"));
    const formulas = await driver.readColumn(accounts, "AgeGroup");
    expect(formulas[1]).toEqual({ value: 3, kind: "number", formula: "INT(H3/10)" });
    await driver.writeColumn(accounts, "AgeGroup", [
      formulas[0],
      { value: 7, kind: "number" },
      formulas[2],
    ]);
    await driver.writeColumn(accounts, "AgeGroup", formulas);
    const reread = await PackageDriver.fromBuffer(await driver.toBuffer());
    expect(await reread.readColumn(accounts, "AgeGroup")).toEqual(formulas);
  });
});
