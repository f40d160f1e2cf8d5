/**
 * End to end in Chromium: the workbench opens the sample plan, a user writes a V2MOM with two
 * ranked methods and a measure linked to a workbook cell, checks the alignment, writes the
 * executive summary and downloads the workbook; ExcelJS and LibreOffice Calc then read the
 * downloaded file. Screenshots of each pane state go to test-artifacts/e2e/.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { PlanStore } from "../../src/workbook/store";
import { v2momFromRows } from "../../src/workbook/v2momTables";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { sheetsAsCsv } from "../support/libreoffice";
import { panePage, screenshot, useBrowserSession } from "./support";

const session = useBrowserSession();

const field = (page: Page, label: RegExp) => page.getByLabel(label).first();

describe("workbench in a real browser", () => {
  it("writes a V2MOM on the sample plan and downloads a workbook that ExcelJS and LibreOffice read", async () => {
    const { page, outbound } = await panePage(session.browser);
    let runSeconds = 0;
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${session.url}/taskpane.html`);
    await page
      .getByText(/works on FY2027 Sales Plan \(sample\)\.xlsx/)
      .waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: /Global Sales · FY2027/ }).waitFor();
    await screenshot(page, "01-sample-opened");

    // A team V2MOM under Global Sales.
    await page.getByRole("button", { name: /Global Sales · FY2027/ }).click();
    await page.getByRole("button", { name: "New V2MOM" }).click();
    await field(page, /^Organisation, team or person/).fill("EMEA Enterprise");
    await field(page, /^Owner$/).fill("Priya Patel");
    await field(page, /^Vision$/).fill("Make EMEA's largest accounts our most loyal");
    await page.getByRole("button", { name: "Add method" }).click();
    await page.getByRole("button", { name: "Add method" }).click();
    await field(page, /^Method 1$/).fill("Run quarterly business reviews");
    await field(page, /^Method 2$/).fill("Balance enterprise territories");
    await page
      .getByLabel("Supports (parent method)")
      .nth(1)
      .selectOption({ label: "1. Balance territories by potential" });
    // Re-rank by keyboard on the drag handle (dnd-kit: Space picks up, arrows move, Space drops).
    await page.getByRole("button", { name: /^Drag Method 2/ }).focus();
    // Each step waits for the handle's state or what a screen reader is told (from the catalog).
    await page.keyboard.press("Space");
    await page.locator('[aria-pressed="true"]').first().waitFor();
    // dnd-kit measures the rows in the frames after pick-up; an arrow pressed sooner is ignored.
    await page.waitForTimeout(300);
    await page.keyboard.press("ArrowUp");
    await page.getByText("Method 2 is over position 1.").waitFor({ state: "attached" });
    await page.keyboard.press("Space");
    await page.getByText("Method 2 dropped at position 1.").waitFor({ state: "attached" });
    await page
      .getByLabel(/^Method 1$/)
      .and(page.locator("input"))
      .first()
      .waitFor();
    expect(await field(page, /^Method 1$/).inputValue()).toBe("Balance enterprise territories");
    await page.getByRole("button", { name: "Add measure" }).click();
    const measure = page.getByRole("group", { name: "Measure 1" });
    await measure.getByLabel(/^Metric/).fill("Closed-won revenue");
    await measure.getByLabel(/^Target/).fill("20000000");
    await measure.getByLabel(/^Actual from cell or name/).fill("'PLAN Formulas'!C6");
    await measure.getByText(/Linked cell holds \d+/).waitFor();
    await screenshot(page, "02-v2mom-edited");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved to the workbook.").waitFor();
    await screenshot(page, "03-v2mom-saved");

    await page.getByRole("tab", { name: "Alignment" }).click();
    await page
      .getByText(/supports “Balance territories by potential”/)
      .first()
      .waitFor();
    await screenshot(page, "04-alignment");

    await page.getByRole("tab", { name: "Edit" }).click();
    await page.getByRole("button", { name: "Write executive summary sheet" }).click();
    await page.getByText(/now summarises 3 V2MOM/).waitFor();

    // Territories & Quotas on the sample's 2,000 accounts and 25 reps, in the page's Web Worker.
    await page.getByRole("tab", { name: "Territories & Quotas" }).click();
    await page
      .getByText(/2000 accounts and 25 reps read without problems/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "06-territories-data");
    await page.getByRole("tab", { name: "5. Quotas" }).click();
    await page.getByLabel(/^Company target/).fill("60000000");
    const started = Date.now();
    await page.getByRole("button", { name: "Balance and set quotas" }).click();
    await page.getByRole("tab", { name: "5. Quotas" }).click();
    await page.getByText(/Ties out at every level/).waitFor({ timeout: 60_000 });
    runSeconds = (Date.now() - started) / 1000;
    await screenshot(page, "07-quotas");
    await page.getByRole("tab", { name: "4. Results" }).click();
    await page.getByRole("table", { name: "Fairness" }).waitFor();
    await page.locator("svg").filter({ hasText: "R001" }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "08-results");
    await page.getByRole("tab", { name: "6. Scenarios" }).click();
    await page.getByLabel(/^Scenario$/).fill("FY27 balanced");
    await page.getByRole("button", { name: "Save as scenario" }).click();
    await page.getByText("Scenario FY27 balanced saved to the workbook.").waitFor();
    await page.getByRole("button", { name: "Write review sheet" }).click();
    await page.getByText(/now holds the review/).waitFor();
    await screenshot(page, "09-scenario-saved");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    await screenshot(page, "05-downloaded");

    // ExcelJS, through the same storage layer the CLI uses.
    const driver = await PackageDriver.fromBuffer(bytes);
    const plan = await new PlanStore(driver).load();
    expect(plan.problems).toEqual([]);
    const documents = v2momFromRows(
      plan.tables.v2momDocuments,
      plan.tables.v2momItems,
      plan.tables.v2momMeasures
    );
    const team = documents.find((d) => d.orgUnit === "EMEA Enterprise")!;
    expect(team).toMatchObject({
      parentId: "D2",
      level: "Team",
      owner: "Priya Patel",
      status: "Draft",
    });
    expect(team.methods.map((m) => [m.text, m.alignsTo])).toEqual([
      ["Balance enterprise territories", "M1"],
      ["Run quarterly business reviews", undefined],
    ]);
    expect(team.measures[0]).toMatchObject({
      metric: "Closed-won revenue",
      target: 20_000_000,
      actualLink: "'PLAN Formulas'!C6",
    });

    // LibreOffice Calc reads the same tables and recalculates the summary's linked actual.
    const csv = await sheetsAsCsv(bytes);
    const items = csv("V2MOM Items");
    expect(items).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(["D3", "Method", "1", "Balance enterprise territories"]),
      ])
    );
    const summary = csv("V2MOM Summary");
    const closedWon = csv("PLAN Formulas").find((row) => row[0] === "Closed-won revenue")![2];
    const teamMeasure = summary
      .filter((row) => row[1] === "Closed-won revenue")
      .map((row) => row[4]);
    expect(teamMeasure).toContain(closedWon);

    // The scenario, as ExcelJS and LibreOffice read it.
    const assignments = plan.tables.assignments.rows.filter((r) => r.Scenario === "FY27 balanced");
    expect(assignments).toHaveLength(2000);
    const quotas = plan.tables.quotas.rows.filter((r) => r.Scenario === "FY27 balanced");
    expect(quotas).toHaveLength(25);
    expect(plan.tables.scenarios.rows.map((r) => [r.Scenario, r.State, r.TiesOut])).toEqual([
      ["FY27 Base", "Active", null],
      ["FY27 balanced", "Draft", true],
    ]);
    // The pane started from the Active scenario's stored rules, and kept them with the new scenario.
    expect(
      plan.tables.scenarioSettings.rows.filter(
        (r) => r.Scenario === "FY27 balanced" && r.Setting === "quota.funnelRates"
      )
    ).toEqual([
      { Scenario: "FY27 balanced", Setting: "quota.funnelRates", Value: "0.6; 0.45; 0.35" },
    ]);
    const csvQuotas = csv("Quotas");
    expect(csvQuotas.slice(1).map((row) => row[0])).toEqual(Array(25).fill("FY27 balanced"));
    const annual = csvQuotas[0].indexOf("Annual");
    expect(csvQuotas.slice(1).map((row) => Number(row[annual]))).toEqual(
      quotas.map((r) => r.Annual)
    );
    expect(csv("Assignments")).toHaveLength(2001);
    console.log(
      `Territories and quotas for 2,000 accounts × 25 reps in Chromium's worker: ${runSeconds.toFixed(2)} s`
    );

    expect(errors).toEqual([]);
    // Nothing left the machine but the attempt to load Office.js.
    expect(
      outbound.filter((u) => !u.includes("appsforoffice.microsoft.com/lib/1/hosted/office.js"))
    ).toEqual([]);
  }, 240_000);

  it("follows the browser's language and dark theme: Simplified Chinese, dark, on both panes", async () => {
    const { page, outbound } = await panePage(session.browser, {
      locale: "zh-CN",
      colorScheme: "dark",
    });
    await page.goto(`${session.url}/taskpane.html`);
    await page.getByRole("heading", { name: "销售规划" }).waitFor({ timeout: 60_000 });
    await page
      .getByRole("button", { name: /Global Sales · 2027 财年/ })
      .waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    // Dark: the pane's background is dark.
    const background = await page
      .locator("main")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(80);
    await screenshot(page, "10-v2mom-zh-dark");
    await page.getByRole("tab", { name: "区域与配额" }).click();
    await page.getByText(/已读取 2000 个客户和 25 位代表，没有问题/).waitFor({ timeout: 30_000 });
    await screenshot(page, "11-territories-zh-dark");
    expect(outbound.filter((u) => !u.includes("appsforoffice.microsoft.com"))).toEqual([]);
  }, 120_000);
});
