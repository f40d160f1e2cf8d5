/**
 * The Territories & Quotas pane in Chromium at Excel's task-pane widths (320 and 420 px), in
 * light and dark: it never scrolls sideways, each setting's problem sits at its field, a
 * failed run keeps the last results, and leaving with unsaved changes asks first.
 * Screenshots go to test-artifacts/e2e/ (pane-*.png).
 */
import type { Page } from "playwright-core";
import { expectNoSideways, panePage, screenshot, sideways, useBrowserSession } from "./support";

const session = useBrowserSession();

async function openSample(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${session.url}/taskpane.html`);
  await page.getByText(/works on FY2027 Sales Plan \(sample\)\.xlsx/).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: /Global Sales · FY2027/ }).waitFor();
}

const step = (page: Page, name: string) =>
  page.getByRole("tab", { name: new RegExp(`^\\d\\. ${name}$`) }).click();

async function territoriesRun(page: Page) {
  await page.getByRole("tab", { name: "Territories & Quotas" }).click();
  await step(page, "Data");
  await page.getByText(/accounts and \d+ reps read without problems/).waitFor({ timeout: 30_000 });
  await step(page, "Rules");
  await page.getByRole("button", { name: "Balance territories" }).click();
  await page.getByRole("table", { name: "Fairness" }).waitFor({ timeout: 60_000 });
}

/** The V2MOM pane is another engineer's: its width is measured and reported, not fixed here. */
const v2momWidths: Record<string, Awaited<ReturnType<typeof sideways>>> = {};

describe("the panes at task-pane widths", () => {
  for (const [width, scheme] of [
    [320, "light"],
    [320, "dark"],
    [420, "light"],
  ] as const) {
    it(`never scroll sideways at ${width} px (${scheme})`, async () => {
      const { page } = await panePage(session.browser, { colorScheme: scheme });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await openSample(page, width);
      v2momWidths[`${width}-${scheme}`] = await sideways(page);
      await screenshot(page, `pane-${width}-${scheme}-v2mom`);
      await territoriesRun(page);
      await expectNoSideways(page, "results");
      await screenshot(page, `pane-${width}-${scheme}-results`);
      for (const name of ["Capacity", "Data", "Rules", "Quotas", "Scenarios"]) {
        await step(page, name);
        await expectNoSideways(page, name);
      }
      await step(page, "Quotas");
      await page.getByLabel("Company target").fill("12,000,000");
      await page.getByRole("button", { name: "Balance and set quotas" }).click();
      // The earlier results stay on screen while this run goes: wait for its own tie-out.
      await step(page, "Quotas");
      await page
        .getByText(/^Ties out at every level: company target 12,000,000/)
        .waitFor({ timeout: 60_000 });
      await expectNoSideways(page, "quotas with results");
      await screenshot(page, `pane-${width}-${scheme}-quotas`);
      await step(page, "Scenarios");
      await page.getByRole("button", { name: "Save as scenario" }).click();
      await page.getByText(/Scenario .+ (saved to the workbook|replaced)/).waitFor();
      await expectNoSideways(page, "scenarios after save");
      await screenshot(page, `pane-${width}-${scheme}-scenarios`);
      // The Pipeline pane on the sample's twelve captures, step by step.
      await page.getByRole("tab", { name: "Pipeline" }).click();
      for (const name of ["Capture", "Movement", "Forecast", "Accuracy", "Funnel shape"]) {
        await step(page, name);
        await expectNoSideways(page, `pipeline ${name}`);
        await screenshot(
          page,
          `pane-${width}-${scheme}-pipeline-${name.toLowerCase().replace(/ /g, "-")}`
        );
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }, 240_000);
  }

  afterAll(() => {
    // Reported for the V2MOM pane's owner; asserted loosely so the measurement is on record.
    console.log(`V2MOM pane widths: ${JSON.stringify(v2momWidths, null, 1)}`);
  });
});

describe("the Territories pane says why, in a real browser", () => {
  it("puts each setting's problem at its field, and a failed run keeps the results", async () => {
    const { page } = await panePage(session.browser);
    await openSample(page, 360);
    // The sample's Active scenario has rules but no stored results yet.
    await page.getByRole("tab", { name: "Territories & Quotas" }).click();
    await step(page, "Scenarios");
    await page.getByRole("table", { name: "Scenarios" }).getByText("not run yet").waitFor();
    await territoriesRun(page);
    const rows = await page.getByRole("table", { name: "Reps" }).getByRole("row").count();
    expect(rows).toBeGreaterThan(1);

    await step(page, "Rules");
    await page.getByLabel(/^Tolerance band/).fill("500%");
    const band = page.locator(".fui-Field", { has: page.getByLabel(/^Tolerance band/) });
    await band.getByText("The tolerance band must be between 0% and 100%.").waitFor();
    expect(await page.getByRole("button", { name: "Balance territories" }).isDisabled()).toBe(true);
    await page.getByLabel(/^Tolerance band/).fill("5%");

    await step(page, "Quotas");
    await page.getByLabel("Company target").fill("-5");
    const target = page.locator(".fui-Field", { has: page.getByLabel("Company target") });
    await target
      .getByText("The company target must be a number above 0 (or 0 for no quotas).")
      .waitFor();
    await page.getByLabel("Company target").fill("12000000");
    await page.getByLabel("Over-assignment", { exact: true }).fill("500%");
    const over = page.locator(".fui-Field", {
      has: page.getByLabel("Over-assignment", { exact: true }),
    });
    await over.getByText("Over-assignment must be between 0% and 100%.").waitFor();
    expect(await page.getByText(/overAssignment/).count()).toBe(0);
    await page.getByLabel("Quota method").selectOption("expression");
    await page.getByLabel("Weight formula").fill("potential * bonus");
    const formula = page.locator(".fui-Field", { has: page.getByLabel("Weight formula") });
    await formula.getByText(/^This formula cannot be used: /).waitFor();
    await screenshot(page, "pane-360-setting-errors");
    await page.getByLabel("Weight formula").fill("potential * capacity");
    await page.getByLabel("Over-assignment", { exact: true }).fill("10%");

    // The engine's worker breaks on the next run: the last results stay on screen.
    await page.route("**/planWorker.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: 'throw new Error("the engine broke")',
      })
    );
    await step(page, "Rules");
    await page.getByRole("button", { name: "Balance territories" }).click();
    await page
      .getByText(/^The engine stopped: .*The results shown are still those of the last run/)
      .waitFor({ timeout: 30_000 });
    expect(await page.getByRole("table", { name: "Reps" }).getByRole("row").count()).toBe(rows);
    await screenshot(page, "pane-360-failed-run-keeps-results");
    await page.context().close();
  }, 240_000);

  it("asks before the page is left with changes not downloaded", async () => {
    const { page } = await panePage(session.browser);
    await openSample(page, 420);
    await territoriesRun(page);
    await step(page, "Scenarios");
    await page.getByRole("button", { name: "Save as scenario" }).click();
    await page.getByText(/Saved to this browser's copy of FY2027 Sales Plan/).waitFor();
    await page.getByRole("button", { name: "Download", exact: true }).waitFor();
    await screenshot(page, "pane-420-saved-offers-download");
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      })
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
  }, 240_000);
});
