/**
 * PLAN formulas recalculated in a file outside Excel (src/workbook/package/recalc.ts): the
 * calls stored as Excel saves them, the cached values those of the functions themselves
 * (expected values worked by hand here), results of several cells as dynamic arrays with
 * their spill cells, #SPILL! where a cell is in the way, and the cells it cannot evaluate
 * listed and left byte for byte.
 */
import JSZip from "jszip";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { WorkbookFile } from "../../src/workbook/package/workbookFile";
import { recalculatePlanFormulas } from "../../src/workbook/package/recalc";
import { shownFormula, storedFormula } from "../../src/workbook/formulas/planCalls";
import { readCell } from "../../src/workbook/package/cells";
import { cellsOf, eachRow, locateSheetData } from "../../src/workbook/package/sheetData";
import type { TableSpec } from "../../src/workbook/schema";

const DEALS: TableSpec = {
  table: "Deals",
  sheet: "Deals",
  key: ["Id"],
  history: false,
  columns: [
    { header: "Id", type: "text" },
    { header: "Outcome", type: "text" },
    { header: "Amount", type: "number" },
  ],
};

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;
const formula = (ref: string, text: string, cached = "") =>
  `<c r="${ref}"><f>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</f>${cached}</c>`;

/** A sheet another tool wrote: PLAN calls spelled plainly, stale or missing cached values. */
const CALC_ROWS: string[][] = [
  [
    inline("A1", "Won"),
    num("B1", 10),
    // Depends on C3, further down: worked out after it.
    formula("C1", "PLAN.COVERAGE(C3*10,2)", "<v>999</v>"),
    formula("F1", "PLAN.CONVERSION({100,50,25})"),
    inline("G1", "my note"),
    `<c r="H1"><f t="array" ref="H1:H3">PLAN.CONVERSION({4;2;1})</f><v>0.5</v></c>`,
  ],
  [
    inline("A2", "Lost"),
    num("B2", 20),
    formula("C2", "plan.winrate(A1:A6)"),
    `<c r="H2"><v>0.5</v></c>`,
  ],
  [
    inline("A3", "Won"),
    num("B3", 30),
    formula("C3", "PLAN.WINRATE(Deals[Outcome])"),
    `<c r="H3"><v>0.25</v></c>`,
  ],
  [
    inline("A4", "Open"),
    num("B4", 40),
    formula("C4", "PLAN.WINRATE(Deals[[#Data],[Outcome]],Deals[[#Data],[Amount]])"),
  ],
  [inline("A5", "Lost"), num("B5", 50), formula("C5", "PLAN.WINRATECI(3,5,0.95)")],
  [
    inline("A6", "Won"),
    num("B6", 60),
    formula("C6", 'PLAN.WINRATE(IF(A1:A6="Won","Won","Lost"))', "<v>0.5</v>"),
  ],
  [formula("C7", "PLAN.CONVERSION({1000,130,0,0})")],
  [formula("C8", "PLAN.WINRATE(Outcomes)")],
  [formula("C9", 'PLAN.WINRATE(Calc!A:A,,"won")')],
  [formula("C10", "SUM(B1:B6)", "<v>210</v>")],
  [formula("C11", "PLAN.NOSUCH(A1)", "<v>1</v>")],
];

const calcSheet = () =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
  CALC_ROWS.map((cells, i) => `<row r="${i + 1}">${cells.join("")}</row>`).join("") +
  `</sheetData></worksheet>`;

/** A workbook with a Deals table, the Calc sheet above and a defined name, as bytes. */
async function workbook(): Promise<Uint8Array> {
  const driver = await PackageDriver.blank();
  await driver.writeTable(
    DEALS,
    ["Id", "Outcome", "Amount"],
    [
      ["D1", "Won", 100],
      ["D2", "Lost", 300],
      ["D3", "Won", 50],
      ["D4", "Open", 999],
    ]
  );
  const calc = await driver.file.book.addSheet("Calc");
  driver.file.writeSheet(calc.part!, calcSheet());
  const zip = await JSZip.loadAsync(await driver.toBuffer());
  const book = await zip.file("xl/workbook.xml")!.async("string");
  zip.file(
    "xl/workbook.xml",
    book.replace(
      "</sheets>",
      `</sheets><definedNames><definedName name="Outcomes">Calc!$A$1:$A$6</definedName></definedNames>`
    )
  );
  return zip.generateAsync({ type: "uint8array" });
}

async function sheetXml(bytes: Uint8Array, name: string): Promise<string> {
  const file = await WorkbookFile.open(bytes);
  return (await file.sheet(file.book.sheet(name)!.part!)).xml;
}

const cellOf = (xml: string, ref: string) =>
  new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`).exec(xml)?.[0];
const valueOf = (xml: string, ref: string) => {
  const cell = cellOf(xml, ref);
  const v = cell && /<v>([^<]*)<\/v>/.exec(cell)?.[1];
  if (v === undefined || v === null) return undefined;
  return /t="(e|str)"/.test(cell!) ? v : Number(v);
};

describe("recalculating PLAN formulas in a file", () => {
  let before: string;
  let after: string;
  let report: Awaited<ReturnType<typeof recalculatePlanFormulas>>;

  beforeAll(async () => {
    const bytes = await workbook();
    before = await sheetXml(bytes, "Calc");
    const file = await WorkbookFile.open(bytes);
    report = await recalculatePlanFormulas(file);
    after = await sheetXml(await file.bytes(), "Calc");
  });

  it("stores every PLAN call as Excel saves it and caches the function's value", () => {
    // A1:A6 hold Won, Lost, Won, Open, Lost, Won: 3 won of 5 closed.
    expect(cellOf(after, "C2")).toContain("<f>_xldudf_PLAN_WINRATE(A1:A6)</f>");
    expect(valueOf(after, "C2")).toBeCloseTo(0.6, 12);
    // Deals: Won, Lost, Won, Open → 2 of 3; by value (100 + 50) / (100 + 300 + 50).
    expect(valueOf(after, "C3")).toBeCloseTo(2 / 3, 12);
    expect(valueOf(after, "C4")).toBeCloseTo(150 / 450, 12);
    // C1 needs C3: (2/3 × 10) / 2.
    expect(valueOf(after, "C1")).toBeCloseTo(10 / 3, 12);
    // A defined name for Calc!A1:A6, and a whole column with "won" as the won label.
    expect(valueOf(after, "C8")).toBeCloseTo(0.6, 12);
    expect(valueOf(after, "C9")).toBeCloseTo(0.6, 12);
    // Only the cells it could not evaluate (C6, C11) keep their plain spelling, as they were.
    expect(after.match(/<f>PLAN\.|<f>plan\./g)).toHaveLength(2);
  });

  it("writes a result of several cells as a dynamic array with its spill cells", () => {
    // Wilson interval for 3 of 5 at 95%: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    const z = 1.959963984540054;
    const [p, n] = [0.6, 5];
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    expect(cellOf(after, "C5")).toMatch(
      /^<c r="C5" cm="1"><f t="array" ref="C5:D5">_xldudf_PLAN_WINRATECI\(3,5,0\.95\)<\/f>/
    );
    expect(valueOf(after, "C5")).toBeCloseTo(centre - half, 12);
    expect(valueOf(after, "D5")).toBeCloseTo(centre + half, 12);
    // The example: [1000,130,0,0] → 0.13, 0, #DIV/0! (only the step that divides by 0).
    expect(cellOf(after, "C7")).toContain(`ref="C7:E7"`);
    expect([valueOf(after, "C7"), valueOf(after, "D7"), valueOf(after, "E7")]).toEqual([
      0.13,
      0,
      "#DIV/0!",
    ]);
    expect(report.spilled).toBe(3);
  });

  it("answers #SPILL! when a cell in the way holds something, and leaves that cell alone", () => {
    expect(cellOf(after, "F1")).toMatch(/t="e" cm="1"><f t="array" ref="F1">.*<v>#SPILL!<\/v>/);
    expect(cellOf(after, "G1")).toBe(cellOf(before, "G1"));
    // The result would cover F1:G1; G1 holds the user's text, so G1 is named as what is in the way.
    expect(report.blocked).toEqual([{ sheet: "Calc", cell: "Calc!F1", by: "G1" }]);
  });

  it("empties the cells a shrunken result no longer covers", () => {
    // {4;2;1} has two steps, 2/4 and 1/2, in a column: H1:H2 now, where H1:H3 was stored.
    expect(cellOf(after, "H1")).toContain(`ref="H1:H2"`);
    expect([valueOf(after, "H1"), valueOf(after, "H2")]).toEqual([0.5, 0.5]);
    expect(cellOf(before, "H3")).toContain("<v>0.25</v>");
    expect(valueOf(after, "H3")).toBeUndefined();
  });

  it("lists what it cannot evaluate, leaving those cells and every other cell byte for byte", () => {
    expect(report.unevaluable.map((u) => [u.cell, u.said.code, u.said.values])).toEqual([
      ["Calc!C6", "nativeFunction", { name: "IF" }],
      ["Calc!C11", "unknownPlanFunction", { name: "NOSUCH" }],
    ]);
    for (const ref of ["C6", "C10", "C11", "A1", "B6", "G1"])
      expect(cellOf(after, ref)).toBe(cellOf(before, ref));
    expect(report.evaluated).toBe(10);
    expect(report.changed).toBe(true);
  });

  it("adds the dynamic-array metadata part the cm attributes point to", async () => {
    const file = await WorkbookFile.open(await workbook());
    await recalculatePlanFormulas(file);
    const zip = await JSZip.loadAsync(await file.bytes());
    const metadata = await zip.file("xl/metadata.xml")!.async("string");
    expect(metadata).toContain(`<metadataType name="XLDAPR"`);
    expect(metadata).toContain(`<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>`);
    expect(metadata).toContain(`<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>`);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain(
      `PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"`
    );
    expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).toMatch(
      /Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/sheetMetadata" Target="metadata.xml"/
    );
  });

  it("changes nothing in a workbook without PLAN formulas", async () => {
    const driver = await PackageDriver.blank();
    await driver.writeTable(DEALS, ["Id", "Outcome", "Amount"], [["D1", "Won", 1]]);
    const bytes = await driver.toBuffer();
    const file = await WorkbookFile.open(bytes);
    const none = await recalculatePlanFormulas(file);
    expect(none).toEqual({
      evaluated: 0,
      spilled: 0,
      blocked: [],
      unevaluable: [],
      changed: false,
    });
  });
});

describe("PLAN calls as stored and as shown", () => {
  it("spells the add-in's calls as Excel stores them, and back", () => {
    expect(storedFormula('PLAN.WINRATE(A1:A9,,"PLAN.WINRATE(")+plan.coverage(1,2)')).toBe(
      '_xldudf_PLAN_WINRATE(A1:A9,,"PLAN.WINRATE(")+_xldudf_PLAN_COVERAGE(1,2)'
    );
    // A name the add-in does not have yet keeps the namespace's spelling too.
    expect(storedFormula("PLAN.NOSUCH(A1)")).toBe("_xldudf_PLAN_NOSUCH(A1)");
    expect(shownFormula("_xldudf_PLAN_QUOTASPLIT(1,Reps[Capacity])")).toBe(
      "PLAN.QUOTASPLIT(1,Reps[Capacity])"
    );
  });

  it("leaves other add-ins' calls, unknown names and strings alone", () => {
    for (const other of [
      '_xldudf_CX_GET(CX_ENTITY,"x")',
      "_xldudf_PLANX_WINRATE(A1)",
      "_xldudf_PLAN_X_Y(A1)",
      '"_xldudf_PLAN_WINRATE("&A1',
    ]) {
      expect(storedFormula(other)).toBe(other);
      expect(shownFormula(other)).toBe(other);
    }
  });

  it("reads a stored call back as PLAN.… through the file adapter", () => {
    const sheet = locateSheetData(
      `<worksheet><sheetData><row r="1"><c r="A1"><f>_xldudf_PLAN_WINRATE(B1:B9)</f><v>0.5</v></c></row></sheetData></worksheet>`
    );
    let shown: string | undefined;
    eachRow(sheet, (row) => {
      const [cell] = cellsOf(sheet, row);
      shown = readCell(sheet, cell, {
        sharedStrings: [],
        styles: { isDateStyle: () => false } as never,
        date1904: false,
      }).formula;
    });
    expect(shown).toBe("PLAN.WINRATE(B1:B9)");
  });
});
