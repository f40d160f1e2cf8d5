/**
 * The vendored ooxml-check kit and the test helpers over it: the validator catches what Excel
 * would repair, the package diff sees exactly what changed (and not what only looks different),
 * and the corpus the fidelity tests stand on is what its NOTICE says: clean files saved by Excel.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import {
  diffWorkbooks,
  expectValidWorkbook,
  literalGlob,
  newErrors,
  validateWorkbook,
} from "../support/ooxml";

const KIT = join(__dirname, "../../tools/ooxml-check");
const CORPUS = join(__dirname, "../fixtures/excel-corpus");
const corpusFiles = readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f));
const withTable = readFileSync(join(CORPUS, "WithTable.xlsx"));

/** WithTable.xlsx with some parts replaced (text edited, bytes, or removed with null). */
async function edited(
  changes: Record<string, ((text: string) => string) | Uint8Array | null>
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(withTable);
  for (const [part, change] of Object.entries(changes)) {
    if (change === null) zip.remove(part);
    else if (change instanceof Uint8Array) zip.file(part, change, { createFolders: false });
    else zip.file(part, change(await zip.file(part)!.async("string")), { createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("the vendored ooxml-check kit", () => {
  it("passes its own self-test, and every corpus workbook validates clean", async () => {
    const output = await new Promise<string>((done) =>
      execFile(
        "bash",
        [join(KIT, "selftest.sh"), "--corpus", CORPUS],
        { timeout: 120_000 },
        (error, stdout, stderr) => done(`${error ? `exit ${error.code}\n` : ""}${stdout}${stderr}`)
      )
    );
    expect(output).toContain(
      `Excel-saved files: ${corpusFiles.length}; clean ${corpusFiles.length};`
    );
    expect(output).toMatch(/selftest: PASS\s*$/);
  }, 120_000);

  it("lists every corpus workbook in the corpus NOTICE, each saved by Microsoft Excel", async () => {
    const notice = readFileSync(join(CORPUS, "NOTICE.md"), "utf8");
    const unlisted = corpusFiles.filter((f) => !notice.includes(f));
    const apps = await Promise.all(
      corpusFiles.map(async (f) => {
        const app = await (
          await JSZip.loadAsync(readFileSync(join(CORPUS, f)))
        )
          .file("docProps/app.xml")!
          .async("string");
        return /<Application>([^<]*)</.exec(app)?.[1];
      })
    );
    expect(unlisted).toEqual([]);
    // Desktop Excel, or Excel for the web ("Microsoft Excel Online").
    expect(apps.filter((app) => !/^Microsoft Excel( Online)?$/.test(app ?? ""))).toEqual([]);
  });
});

describe("validateWorkbook", () => {
  it("finds nothing in a workbook Excel saved", async () => {
    expect((await validateWorkbook(withTable)).errors).toEqual([]);
  });

  it('reports headerRowCount="0" beside an autoFilter, the defect Excel repairs', async () => {
    const broken = await edited({
      "xl/tables/table1.xml": (xml) =>
        xml.replace('ref="A1:B2" ', 'ref="A1:B2" headerRowCount="0" '),
    });
    const { errors } = await validateWorkbook(broken);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ERROR TB-autoFilter xl\/tables\/table1\.xml/);
    await expect(expectValidWorkbook(broken)).rejects.toThrow(/TB-autoFilter/);
  });

  it("reports a schema violation once per xmllint line, and the same one on another line is not new", async () => {
    const misplaced = (lineBreaks: string) => (xml: string) =>
      xml.replace("<sheetData>", `${lineBreaks}<unknownChild/><sheetData>`);
    const onLine2 = await validateWorkbook(
      await edited({ "xl/worksheets/sheet1.xml": misplaced("") })
    );
    const onLine4 = await validateWorkbook(
      await edited({ "xl/worksheets/sheet1.xml": misplaced("\n\n") })
    );
    expect(onLine2.errors).toHaveLength(1);
    expect(onLine2.errors[0]).toMatch(/^xl\/worksheets\/sheet1\.xml:2: .*unknownChild/);
    expect(onLine4.errors[0]).toMatch(/^xl\/worksheets\/sheet1\.xml:4: /);
    expect(newErrors(onLine2, onLine4)).toEqual([]);
    expect(newErrors({ errors: [], output: "" }, onLine4)).toEqual(onLine4.errors);
  });
});

describe("diffWorkbooks", () => {
  it("finds no difference where only the XML's form changed (attribute order, declaration, empty elements)", async () => {
    const reformatted = await edited({
      "xl/tables/table1.xml": (xml) =>
        xml
          .replace(/^<\?xml[^>]*\?>\s*/, "")
          .replace('id="1" name="Tabella1"', 'name="Tabella1" id="1"')
          .replace('<autoFilter ref="A1:B2"/>', '<autoFilter ref="A1:B2"></autoFilter>'),
    });
    const diff = await diffWorkbooks(withTable, reformatted);
    expect({ ...diff, same: diff.same.length }).toEqual({
      onlyInA: [],
      onlyInB: [],
      changed: [],
      same: 15,
    });
  });

  it("names each changed, lost and added part, binary parts compared by bytes", async () => {
    const changed = await edited({
      "xl/worksheets/sheet1.xml": (xml) => xml.replace("<v>2</v>", "<v>3</v>"),
      "xl/printerSettings/printerSettings1.bin": new Uint8Array([1, 2, 3]),
      "docProps/app.xml": null,
      "xl/media/image1.png": new Uint8Array([137, 80, 78, 71]),
    });
    expect(await diffWorkbooks(withTable, changed)).toMatchObject({
      onlyInA: ["docProps/app.xml"],
      onlyInB: ["xl/media/image1.png"],
      changed: ["xl/printerSettings/printerSettings1.bin", "xl/worksheets/sheet1.xml"],
    });
  });

  it("leaves out the parts named in ignore, brackets in names included", async () => {
    const changed = await edited({
      "[Content_Types].xml": (xml) =>
        xml.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'),
      "docProps/core.xml": (xml) =>
        xml.replace("</cp:coreProperties>", "<dc:title>x</dc:title></cp:coreProperties>"),
    });
    expect((await diffWorkbooks(withTable, changed)).changed).toEqual([
      "[Content_Types].xml",
      "docProps/core.xml",
    ]);
    const ignored = await diffWorkbooks(withTable, changed, [
      literalGlob("[Content_Types].xml"),
      "docProps/*",
    ]);
    expect(ignored.changed).toEqual([]);
  });

  it("compares relationships as a set unless told to keep their order", async () => {
    const reordered = await edited({
      "xl/_rels/workbook.xml.rels": (xml) => {
        const rels = xml.match(/<Relationship [^>]*\/>/g)!;
        return xml.replace(rels.join(""), [...rels].reverse().join(""));
      },
    });
    expect((await diffWorkbooks(withTable, reordered)).changed).toEqual([]);
    expect(
      (await diffWorkbooks(withTable, reordered, [], { unorderedRels: false })).changed
    ).toEqual(["xl/_rels/workbook.xml.rels"]);
  });
});
