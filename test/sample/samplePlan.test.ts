/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read -- ExcelJS cells are plain objects, not Office.js proxies */
/**
 * The sample planning workbook: the shape the issue asks for, deterministic, and its worked
 * formulas right — the native Excel formulas recalculated by LibreOffice (with the results the
 * generator stored removed first) agree with those stored results and with the PLAN
 * functions evaluated on the same columns.
 */
import * as plan from "../../src/functions/functions";
import {
  QUOTA_SPLIT_FORMULA,
  sampleData,
  sourceTables,
  writeSamplePlan,
} from "../../src/sample/samplePlan";
import { storedScenarios } from "../../src/workbook/scenarioTables";
import { PlanStore } from "../../src/workbook/store";
import { v2momFromRows } from "../../src/workbook/v2momTables";
import type ExcelJS from "exceljs";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { readByExcelJs } from "../support/handEdits";
import { sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";

const column = (rows: unknown[][], index: number) => rows.map((r) => [r[index] ?? ""]);

describe("sample plan", () => {
  it("has the accounts, reps, opportunities, V2MOMs and scenario rules of a realistic FY plan, the same every time", async () => {
    const data = sampleData();
    expect(data).toEqual(sampleData());
    expect(data.accounts).toHaveLength(2000);
    expect(new Set(data.accounts.map((a) => a[2])).size).toBe(5);
    expect(new Set(data.accounts.map((a) => a[3])).size).toBe(12);
    expect(new Set(data.accounts.map((a) => a[4]))).toEqual(new Set(["Enterprise", "Mid-Market"]));
    // Log-normal potential: the mean well above the median.
    const potentials = data.accounts.map((a) => Number(a[5])).sort((x, y) => x - y);
    const mean = potentials.reduce((s, p) => s + p, 0) / potentials.length;
    expect(mean / potentials[1000]).toBeGreaterThan(1.4);
    expect(data.reps).toHaveLength(25);
    expect(data.reps.filter((r) => r[7] !== null)).toHaveLength(3);
    expect(data.opportunities).toHaveLength(5000);
    const outcomes = new Set(data.opportunities.map((o) => o[7]));
    expect(outcomes).toEqual(new Set(["Won", "Lost", "Open"]));
    expect(data.opportunities.filter((o) => o[7] === "Open").every((o) => o[4] === null)).toBe(
      true
    );

    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    await expectValidWorkbook(await driver.toBuffer());
    const loaded = await new PlanStore(
      await PackageDriver.fromBuffer(await driver.toBuffer())
    ).load();
    expect(loaded.problems).toEqual([]);
    const documents = v2momFromRows(
      loaded.tables.v2momDocuments,
      loaded.tables.v2momItems,
      loaded.tables.v2momMeasures
    );
    expect(documents.map((d) => [d.orgUnit, d.level, d.parentId])).toEqual([
      ["Contoso", "Company", undefined],
      ["Global Sales", "Organisation", "D1"],
    ]);
    expect(
      storedScenarios(loaded).map((s) => [
        s.name,
        s.state,
        s.run?.accountsTable.name,
        s.run?.quota?.companyTarget,
      ])
    ).toEqual([["FY27 Base", "Active", "Accounts", 60_000_000]]);
    // The validator reads every cell of the 7,000-row sample: seconds, not milliseconds.
  }, 60_000);

  it("has worked formulas whose native forms LibreOffice computes to the stored figures and the PLAN functions' results", async () => {
    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    const sheet = (await readByExcelJs(driver)).getWorksheet("PLAN Formulas")!;
    const stored = new Map<string, number>();
    sheet.eachRow((row: ExcelJS.Row, r: number) => {
      const cell = row.getCell(3);
      const value = cell.value as { formula?: string; result?: number } | null;
      if (value?.formula) {
        stored.set(String(row.getCell(1).value), Number(value.result));
        // Forget the stored result, so LibreOffice has to calculate.
        sheet.getCell(r, 3).value = { formula: value.formula } as never;
      }
    });
    const csv = (await sheetsAsCsv(await driver.toBuffer()))("PLAN Formulas");
    // LibreOffice writes a cell in a percent format with its sign ("25.6016502406601%"),
    // the full value otherwise unrounded.
    const native = (label: string) => {
      const text = csv.find((row) => row[0] === label)![2];
      return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
    };
    for (const [label, value] of stored) expect(native(label)).toBeCloseTo(value, 9);

    const opportunities = (await driver.readTable(sourceTables.opportunities))!.rows;
    const reps = (await driver.readTable(sourceTables.reps))!.rows;
    expect(plan.winrate(column(opportunities, 7))).toBeCloseTo(native("Win rate"), 12);
    const wins = native("Deals won");
    const closed = wins + native("Deals lost");
    const [low, high] = plan.winrateci(wins, closed, 0.95)[0];
    expect(low).toBeLessThan(wins / closed);
    expect(high).toBeGreaterThan(wins / closed);
    expect(
      plan.coverage(native("Open pipeline"), 60_000_000 - native("Closed-won revenue"))
    ).toBeCloseTo(native("Pipeline coverage of remaining quota"), 12);
    expect(
      plan.cycletime(column(opportunities, 3), column(opportunities, 4), "median")
    ).toBeGreaterThan(0);

    // The quota split sums to the target to the cent; each rep within a cent of its exact share.
    expect(QUOTA_SPLIT_FORMULA).toBe("=PLAN.QUOTASPLIT(60000000,Reps[Capacity],2)");
    const split = plan.quotasplit(60_000_000, column(reps, 6), 2).map((r) => r[0]);
    const capacity = reps.map((r) => Number(r[6]));
    const total = capacity.reduce((a, b) => a + b, 0);
    expect(split.reduce((a, b) => a + Math.round(b * 100), 0)).toBe(6_000_000_000);
    split.forEach((q, i) =>
      expect(Math.abs(q - (60_000_000 * capacity[i]) / total)).toBeLessThanOrEqual(0.01)
    );
  }, 120_000);
});
