/**
 * `sales-plan recalc`, in process: the PLAN figures of a file whose cached values are gone come
 * back equal to the PLAN functions called on the same table data (read by ExcelJS, an
 * independent reader); a formula it cannot evaluate is listed at its cell and left as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { recalcLines } from "../../src/cli/recalc";
import { english } from "../../src/cli/words";
import * as plan from "../../src/functions/functions";
import { STAGES, sourceTables, writeSamplePlan } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { readByExcelJs } from "../support/handEdits";
import { salesPlan } from "./inProcess";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-recalc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => salesPlan(args);
const zh = (...args: string[]) => salesPlan(args, {}, { LANG: "zh_CN.UTF-8" });

const column = (rows: unknown[][], index: number) => rows.map((r) => [r[index] ?? ""]);

/** Columns A, B, … from a 1-based index. */
const letters = (n: number): string =>
  n <= 0 ? "" : letters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** A cell's value as ExcelJS reads it: a formula's cached result, an error's code, or the value. */
function valueOf(cell: { value: unknown }): unknown {
  const value = cell.value as { result?: unknown; error?: string; formula?: string } | null;
  if (value && typeof value === "object" && "formula" in value)
    return valueOf({ value: value.result });
  if (value && typeof value === "object" && "error" in value) return value.error;
  return value ?? null;
}

/** What a PLAN function returns, as a cell shows it (an Excel error as its code). */
const shown = (value: unknown) =>
  value && typeof value === "object" && "code" in value ? (value as { code: string }).code : value;

/**
 * The sheet XML with every cached PLAN result taken out: the formulas' <v> and every value
 * in the cells their results spill over, as a tool that writes formulas without values leaves them.
 */
function blankPlanResults(xml: string): string {
  const spills: string[] = [];
  const blanked = xml.replace(
    /<c r="([A-Z]+\d+)"([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g,
    (whole, ref: string, attrs: string, _end, body?: string) => {
      if (!body || !/<f[^>]*>[^<]*PLAN/.test(body)) return whole;
      const area = /<f[^>]*\bref="([^"]+)"/.exec(body)?.[1];
      if (area) spills.push(area);
      return `<c r="${ref}"${attrs.replace(/\st="[^"]*"/, "")}>${body.replace(/<v>[^<]*<\/v>/, "")}</c>`;
    }
  );
  const inSpill = (ref: string) =>
    spills.some((area) => {
      const [from, to = from] = area.split(":");
      const parse = (a: string) => {
        const [, col, row] = /^([A-Z]+)(\d+)$/.exec(a)!;
        return { col: [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: +row };
      };
      const [p, a, b] = [parse(ref), parse(from), parse(to)];
      return p.row >= a.row && p.row <= b.row && p.col >= a.col && p.col <= b.col && ref !== from;
    });
  return blanked.replace(
    /<c r="([A-Z]+\d+)"([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g,
    (whole, ref: string, attrs: string) => {
      if (!inSpill(ref) || whole.includes("<f")) return whole;
      const style = /\ss="\d+"/.exec(attrs)?.[0] ?? "";
      return `<c r="${ref}"${style}/>`;
    }
  );
}

async function sheetPartOf(zip: JSZip, sheet: string): Promise<string> {
  const driver = await PackageDriver.fromBuffer(await zip.generateAsync({ type: "uint8array" }));
  return driver.file.book.sheet(sheet)!.part!;
}

/** A one-sheet workbook whose Sheet1 holds these rows of cells, written by hand as Excel stores them. */
async function workbookWith(sheetData: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await (await PackageDriver.blank()).toBuffer());
  const part = await sheetPartOf(zip, "Sheet1");
  zip.file(
    part,
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`
  );
  return zip.generateAsync({ type: "uint8array" });
}

const text = (ref: string, value: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

describe("sales-plan recalc", () => {
  it("gives back the sample's PLAN figures, cached values and spilled cells, equal to the PLAN functions", async () => {
    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    const zip = await JSZip.loadAsync(await driver.toBuffer());
    const part = await sheetPartOf(zip, "PLAN Formulas");
    zip.file(part, blankPlanResults(await zip.file(part)!.async("string")));
    const path = join(dir, "sample.xlsx");
    writeFileSync(path, await zip.generateAsync({ type: "uint8array" }));
    // The blanking took the figures out: nothing of the win rate is cached any more.
    const blank = (await readByExcelJs(readFileSync(path))).getWorksheet("PLAN Formulas")!;
    expect(valueOf(blank.getCell("B4"))).toBeNull();
    expect(valueOf(blank.getCell("F3"))).toBeNull();
    expect(valueOf(blank.getCell("B30"))).toBeNull();

    const result = await cli("recalc", path);
    expect(result).toEqual({
      code: 0,
      stdout: "Recalculated 6 PLAN formula(s) (3 spill over several cells).\n",
      stderr: "",
    });

    const sheet = (await readByExcelJs(readFileSync(path))).getWorksheet("PLAN Formulas")!;
    const at = (ref: string) => valueOf(sheet.getCell(ref));
    const opportunities = (await driver.readTable(sourceTables.opportunities))!.rows;
    const reps = (await driver.readTable(sourceTables.reps))!.rows;
    const outcome = (o: string) => opportunities.filter((row) => row[7] === o);
    const amount = (rows: unknown[][]) => rows.reduce((s: number, row) => s + Number(row[6]), 0);
    const [won, lost] = [outcome("Won").length, outcome("Lost").length];

    expect(at("B4")).toBe(plan.winrate(column(opportunities, 7)));
    const [low, high] = plan.winrateci(won, won + lost, 0.95)[0];
    expect([at("B5"), at("C5")]).toEqual([low, high]);
    expect(at("B8")).toBe(
      plan.cycletime(column(opportunities, 3), column(opportunities, 4), "median")
    );
    expect(at("B9")).toBeCloseTo(
      plan.coverage(amount(outcome("Open")), 60_000_000 - amount(outcome("Won"))),
      12
    );
    const split = plan.quotasplit(60_000_000, column(reps, 6), 2);
    expect(split.map((_, i) => at(`F${2 + i}`))).toEqual(split.map((r) => r[0]));
    const funnel = plan.conversionby(column(opportunities, 2), column(opportunities, 5), [
      [...STAGES],
    ]);
    expect(funnel.map((row, r) => row.map((_, c) => at(`${letters(1 + c)}${29 + r}`)))).toEqual(
      funnel.map((row) => row.map(shown))
    );
  }, 120_000);

  const nested = () =>
    workbookWith(
      `<row r="1"><c r="A1"><f>_xldudf_PLAN_WINRATE(IF(A2:A9="x","Won","Lost"))</f><v>0.25</v></c>` +
        `<c r="B1"><f>PLAN.WINRATE(B2:B5)</f></c></row>` +
        ["x", "y", "y", "x", "y", "y", "y", "y"]
          .map(
            (v, i) =>
              `<row r="${i + 2}">${text(`A${i + 2}`, v)}${i < 4 ? text(`B${i + 2}`, ["Won", "Lost", "Won", "Won"][i]) : ""}</row>`
          )
          .join("")
    );

  it("lists a PLAN formula with a nested native call at its cell (exit 1), leaves it as it was and writes the others", async () => {
    const path = join(dir, "nested.xlsx");
    writeFileSync(path, await nested());
    const result = await cli("recalc", path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "Recalculated 1 PLAN formula(s) (0 spill over several cells).\n" +
        "1 PLAN formula(s) could not be evaluated and were left as they were:\n" +
        "  Sheet1!A1: it calls IF(), which only Excel calculates; its cached value is left as it was\n" +
        "The file was written with the formulas that were recalculated; the others keep what they held.\n"
    );
    const sheet = (await readByExcelJs(readFileSync(path))).getWorksheet("Sheet1")!;
    // B2:B5 hold 3 won and 1 lost: 3 / 4.
    expect(valueOf(sheet.getCell("B1"))).toBe(0.75);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file(await sheetPartOf(zip, "Sheet1"))!.async("string");
    expect(xml).toContain(
      `<c r="A1"><f>_xldudf_PLAN_WINRATE(IF(A2:A9="x","Won","Lost"))</f><v>0.25</v></c>`
    );
  });

  it("gives programs the counts and each cell left with its reason (--json)", async () => {
    const path = join(dir, "nested-json.xlsx");
    writeFileSync(path, await nested());
    const result = await cli("recalc", path, "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      evaluated: 1,
      spilled: 0,
      blocked: [],
      unevaluable: [
        {
          cell: "Sheet1!A1",
          reason: "it calls IF(), which only Excel calculates; its cached value is left as it was",
        },
      ],
    });
  });

  it("says it all in Chinese when the locale is Chinese", async () => {
    const path = join(dir, "nested-zh.xlsx");
    writeFileSync(path, await nested());
    const result = await zh("recalc", path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "已重新计算 1 个 PLAN 公式（其中 0 个溢出到多个单元格）。\n" +
        "1 个 PLAN 公式无法计算，保持原样：\n" +
        "  Sheet1!A1：它调用了 IF()，该函数只有 Excel 能计算；其缓存值保持不变\n" +
        "文件已写入重新计算的公式；其余公式保留原有内容。\n"
    );
  });

  it("leaves a workbook with no PLAN formulas byte for byte as it was (exit 0), even one that is not a plan", async () => {
    const path = join(dir, "no-plan.xlsx");
    writeFileSync(
      path,
      await workbookWith(
        `<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>SUM(A1,3)</f><v>5</v></c></row>`
      )
    );
    const before = readFileSync(path);
    expect(await cli("recalc", path)).toEqual({
      code: 0,
      stdout: "This workbook has no PLAN formulas; nothing was written.\n",
      stderr: "",
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    const json = await cli("recalc", path, "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      evaluated: 0,
      spilled: 0,
      blocked: [],
      unevaluable: [],
    });
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe("recalc lines", () => {
  const report = (blocked: { sheet: string; cell: string; by?: string }[]) => ({
    evaluated: blocked.length,
    spilled: 0,
    blocked,
    unevaluable: [],
    changed: true,
  });

  it("names what stands in a blocked spill's way, or says it runs off the sheet", () => {
    const lines = recalcLines(
      report([
        { sheet: "Calc", cell: "Calc!F1", by: "G1" },
        { sheet: "Calc", cell: "Calc!B2", by: "B3:C4" },
        { sheet: "Calc", cell: "Calc!A1048576" },
      ]),
      english
    );
    expect(lines.slice(1)).toEqual([
      "3 result(s) show #SPILL! (something stands where they would spill):",
      "  Calc!F1: #SPILL! (G1 is in the way)",
      "  Calc!B2: #SPILL! (B3:C4 is in the way)",
      "  Calc!A1048576: #SPILL! (the result would run past the sheet's last row or column)",
    ]);
  });
});
