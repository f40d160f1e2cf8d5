/**
 * The sample's worked PLAN formulas as the file stores them (issue 15): each call under the
 * name Excel saves it with, its cached value equal to calling the PLAN function itself on the
 * sample's tables, the spilling ones as dynamic arrays (cm and xl/metadata.xml) with their
 * spill cells written and nothing in their way, and the file clean for the OOXML validator's
 * dynamic-array checks.
 */
import * as plan from "../../src/functions/functions";
import {
  FUNNEL_BY_SOURCE_FORMULA,
  QUOTA_SPLIT_FORMULA,
  SPILL_LAYOUT,
  STAGES,
  sourceTables,
  writeSamplePlan,
} from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { WorkbookFile } from "../../src/workbook/package/workbookFile";
import { address } from "../../src/workbook/package/cellRef";
import { validateWorkbook } from "../support/ooxml";

const column = (rows: unknown[][], index: number) => rows.map((r) => [r[index] ?? ""]);
const SPILLING = ["WINRATECI", "CONVERSIONBY", "QUOTASPLIT"];

type Stored = { xml: string; formula?: string; value?: number | string };

function cellsOf(xml: string): Map<string, Stored> {
  const cells = new Map<string, Stored>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[3] ?? "";
    const f = /<f[^>]*>([^<]*)<\/f>/.exec(inner)?.[1];
    const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? /<t[^>]*>([^<]*)<\/t>/.exec(inner)?.[1];
    const text = /t="(e|str|inlineStr)"/.test(m[2]);
    cells.set(m[1], {
      xml: m[0],
      ...(f === undefined ? {} : { formula: f.replace(/&quot;/g, '"') }),
      ...(v === undefined ? {} : { value: text ? v : Number(v) }),
    });
  }
  return cells;
}

describe("the sample's PLAN formulas in the file", () => {
  let cells: Map<string, Stored>;
  let driver: PackageDriver;

  beforeAll(async () => {
    driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    const file = await WorkbookFile.open(await driver.toBuffer());
    cells = cellsOf((await file.sheet(file.book.sheet("PLAN Formulas")!.part!)).xml);
  }, 60_000);

  it("stores every PLAN call as Excel saves it: _xldudf_PLAN_<FUNCTION>", () => {
    const formulas = [...cells.values()].map((c) => c.formula).filter((f) => f !== undefined);
    const plans = formulas.filter((f) => /PLAN/i.test(f!));
    expect(plans).toHaveLength(6);
    for (const f of plans) expect(f).toMatch(/^_xldudf_PLAN_[A-Z]+\(/);
    expect(cells.get("F2")!.formula).toBe(QUOTA_SPLIT_FORMULA.replace("=PLAN.", "_xldudf_PLAN_"));
  });

  it("caches each PLAN cell's value as the function itself computes it on the sample", async () => {
    const opportunities = (await driver.readTable(sourceTables.opportunities))!.rows;
    const reps = (await driver.readTable(sourceTables.reps))!.rows;
    // Counted here from the rows, not read from the sheet.
    const won = opportunities.filter((o) => o[7] === "Won");
    const lost = opportunities.filter((o) => o[7] === "Lost").length;
    const sum = (rows: unknown[][]) => rows.reduce((s, r) => s + Number(r[6]), 0);
    const open = sum(opportunities.filter((o) => o[7] === "Open"));
    expect(cells.get("B4")!.value).toBe(plan.winrate(column(opportunities, 7)));
    const [low, high] = plan.winrateci(won.length, won.length + lost, 0.95)[0];
    expect([cells.get("B5")!.value, cells.get("C5")!.value]).toEqual([low, high]);
    expect(cells.get("B8")!.value).toBe(
      plan.cycletime(column(opportunities, 3), column(opportunities, 4), "median")
    );
    expect(cells.get("B9")!.value).toBe(plan.coverage(open, 60_000_000 - sum(won)));
    const split = plan.quotasplit(60_000_000, column(reps, 6), 2);
    const { quotaSplit, funnel } = SPILL_LAYOUT;
    split.forEach(([quota], i) =>
      expect(cells.get(address(quotaSplit.row + i, quotaSplit.col))!.value).toBe(quota)
    );
    const table = plan.conversionby(column(opportunities, 2), column(opportunities, 5), [
      [...STAGES],
    ]);
    expect(table).toHaveLength(6);
    expect(table[0]).toHaveLength(11);
    table.forEach((row, r) =>
      row.forEach((value, c) =>
        expect(cells.get(address(funnel.row + r, funnel.col + c))!.value).toBe(value)
      )
    );
  });

  it("marks the spilling calls as dynamic arrays over their whole result, none blocked", () => {
    const anchors = [...cells.entries()].filter(([, c]) => /cm="1"/.test(c.xml));
    expect(anchors.map(([ref, c]) => [ref, /ref="([^"]+)"/.exec(c.xml)![1]])).toEqual([
      ["F2", "F2:F26"],
      ["B5", "B5:C5"],
      ["A29", "A29:K34"],
    ]);
    for (const [, c] of anchors) {
      expect(c.xml).toMatch(/<f t="array" ref=/);
      expect(c.value).not.toBe("#SPILL!");
    }
    expect(cells.get("A29")!.formula).toBe(
      FUNNEL_BY_SOURCE_FORMULA.replace("=PLAN.", "_xldudf_PLAN_")
    );
  });

  it("passes the validator, with the PLAN functions that spill declared as array functions", async () => {
    const { errors, output } = await validateWorkbook(await driver.toBuffer(), [
      "--array-functions",
      SPILLING.map((name) => `_xldudf_PLAN_${name}`).join(","),
    ]);
    expect(errors).toEqual([]);
    expect(output).toMatch(
      /cells with cm= \(dynamic-array metadata\): 3; xl\/metadata.xml: present/
    );
    expect(output).not.toMatch(/F-legacy-array|F-custom-unprefixed/);
  }, 120_000);
});
