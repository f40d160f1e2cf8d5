/**
 * The report pack as a board reads it: the sample plan after `territories`, `quotas`,
 * `review` and `summary` (the command line, in process), printed to PDF by LibreOffice and
 * read back with poppler's pdftotext (Debian's poppler-utils, installed by the system check),
 * one page at a time: each report page carries its title in the page header.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { writeSamplePlan } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { REVIEW_SHEET } from "../../src/workbook/territoryReview";
import { V2MOM_SUMMARY_SHEET } from "../../src/workbook/v2momSummary";
import { salesPlan } from "../cli/inProcess";
import { writtenBook } from "../cli/reportSheets";
import { convertedBy } from "../support/libreoffice";

/** Each page's text as pdftotext lays it out (pages end with a form feed). */
function pdfPages(file: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", file, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return text.split("\f").slice(0, -1);
}

const REVIEW_TITLE = "Territory & quota review — FY27 Base";
const SUMMARY_TITLE = "V2MOM executive summary";

describe("the sample's report pack printed to PDF by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "sales-plan-pdf-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let workbook: Buffer;
  let pages: string[];
  /** The pages of each report: those whose header carries its title. */
  let reviewPages: number[];
  let summaryPages: number[];

  beforeAll(async () => {
    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    const file = join(dir, "sample.xlsx");
    writeFileSync(file, await driver.toBuffer());
    for (const command of ["territories", "quotas", "review", "summary"]) {
      const run = await salesPlan([command, file]);
      expect({ command, code: run.code, stderr: run.stderr }).toEqual({
        command,
        code: 0,
        stderr: "",
      });
    }
    workbook = readFileSync(file);
    const pdfFile = join(dir, "sample.pdf");
    writeFileSync(pdfFile, convertedBy(workbook, "pdf"));
    pages = pdfPages(pdfFile);
    const pagesWith = (title: string) =>
      pages.flatMap((page, i) => (page.includes(title) ? [i] : []));
    reviewPages = pagesWith(REVIEW_TITLE);
    summaryPages = pagesWith(SUMMARY_TITLE);
    console.log(
      `PDF of the sample after review and summary: ${pages.length} pages; review ` +
        `${reviewPages.map((p) => p + 1).join(", ")}; summary ${summaryPages.map((p) => p + 1).join(", ")}`
    );
  }, 300_000);

  it("prints the report sheets first: the review, then the V2MOM summary", () => {
    expect(reviewPages.length).toBeGreaterThan(0);
    expect(summaryPages.length).toBeGreaterThan(0);
    const reports = [...reviewPages, ...summaryPages];
    expect(reports).toEqual(reports.map((_, i) => i));
    expect(pages[summaryPages[0]]).toMatch(/V2MOM FY2027/);
  });

  it("prints the review one page wide: every column of the rep table and the tie-out on its pages", () => {
    const review = reviewPages.map((i) => pages[i]);
    const text = review.join("\n");
    // The rep table's first and last columns on the first page…
    expect(review[0]).toMatch(/Rep\s+Manager \(team\)[\s\S]*Quota/);
    // …and the tie-out's last column (Difference) on a review page, with the company target
    // as LibreOffice formats it: thousands separators, no cents.
    for (const words of ["Difference", "Company target", "60,000,000"])
      expect(text).toContain(words);
    // Had the sheet been cut into two pages across, a page would hold names but no money.
    for (const page of review.filter((p) => p.includes("Manager (team)")))
      expect(page).toMatch(/\d{1,3}(,\d{3}){2,}/);
  });

  it("sets the V2MOM summary's row heights so wrapped text never runs into the next row", async () => {
    const xml = await (await writtenBook(workbook)).sheetXml(V2MOM_SUMMARY_SHEET);
    // The sample's company vision is two sentences in a column of about 80 characters.
    const vision = /<row ([^>]*)>(?:(?!<\/row>)[\s\S])*?Vision(?:(?!<\/row>)[\s\S])*?<\/row>/.exec(
      xml
    );
    expect(vision).not.toBeNull();
    const height = Number(/\bht="([\d.]+)"/.exec(vision![1])?.[1] ?? 15);
    expect(vision![1]).toMatch(/customHeight="1"/);
    expect(height).toBeGreaterThanOrEqual(30);
  });

  it("gives every number on the report sheets and the worked formulas a number format", async () => {
    const book = await writtenBook(workbook);
    for (const sheet of [REVIEW_SHEET, V2MOM_SUMMARY_SHEET, "PLAN Formulas"]) {
      const xml = await book.sheetXml(sheet);
      const formats = await book.formats(sheet);
      // Numbers: cells without a type that hold a value, and on the review, whose formulas
      // are all sums and differences, its formulas too (the summary's give statuses as text).
      const holds = sheet === REVIEW_SHEET ? "v|f" : "v";
      const cell = new RegExp(`<c\\s([^>]*)>(?:(?!</c>)[\\s\\S])*?<(${holds})>`, "g");
      const numeric = [...xml.matchAll(cell)]
        .map((m) => m[1])
        .filter((attrs) => !/\st="/.test(` ${attrs}`))
        .map((attrs) => /r="([A-Z]+\d+)"/.exec(attrs)![1]);
      expect(numeric.length).toBeGreaterThan(0);
      const unformatted = numeric.filter((cell) => (formats.get(cell) ?? "General") === "General");
      expect({ sheet, unformatted }).toEqual({ sheet, unformatted: [] });
    }
  });

  it("prints no history or previous report, and no sheet wider than one page", async () => {
    const book = await writtenBook(workbook);
    const zip = await JSZip.loadAsync(workbook);
    const stateOf = new Map(
      [...(await zip.file("xl/workbook.xml")!.async("string")).matchAll(/<sheet\s[^>]*>/g)].map(
        (m) => [
          /\sname="([^"]*)"/.exec(m[0])![1].replace(/&amp;/g, "&"),
          /\sstate="([^"]*)"/.exec(m[0])?.[1] ?? "visible",
        ]
      )
    );
    // The plan tables' history and earlier report versions: hidden, so neither Excel nor
    // LibreOffice prints them. (Write-back History is the record the pane sends users to
    // for putting values back: a plan table, and it stays in view.)
    const archived = book.sheets.filter(
      (name) => name !== "Write-back History" && / History$| \(previous\)$/.test(name)
    );
    expect(archived.length).toBeGreaterThan(0);
    for (const name of archived)
      expect({ name, state: stateOf.get(name) }).toEqual({ name, state: "hidden" });
    // Every visible sheet prints one page wide, so its pages are whole rows: the workbook
    // prints no more pages than its rows fill at 35 a page (a sheet cut across into two
    // page columns would double its pages).
    const visible = book.sheets.filter((name) => stateOf.get(name) === "visible");
    const rows = await Promise.all(
      visible.map(async (name) => ((await book.sheetXml(name)).match(/<row[\s>]/g) ?? []).length)
    );
    const bound = rows.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / 35)), 0);
    console.log(
      `PDF pages ${pages.length}; rows per visible sheet ${rows.join(", ")}; bound ${bound}`
    );
    expect(pages.length).toBeLessThanOrEqual(bound);
  });
});
