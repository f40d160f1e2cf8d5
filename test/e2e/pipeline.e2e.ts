/**
 * The Pipeline pane in Chromium on the sample's twelve weekly captures (issue 17), in English
 * and Simplified Chinese at a 320 px pane: the Accuracy step draws accuracy by period between
 * the 90% and 95% target lines, each where the axis puts it, and says the trend the table's
 * figures give; "Write Pipeline Review sheet" writes the executives' sheet, which the
 * downloaded workbook then holds in the pane's language beside every sheet it had. Nothing
 * scrolls sideways. Screenshots go to test-artifacts/e2e/ (pipeline-*.png).
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { PlanStore } from "../../src/workbook/store";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { writtenBook } from "../cli/reportSheets";
import { expectNoSideways, panePage, screenshot, screenshotOf, useBrowserSession } from "./support";

const session = useBrowserSession();

/** What the pane says, in each language (literal, as a user reads it). */
const LOCALES = {
  "en-US": {
    pipeline: "Pipeline",
    accuracy: /^4\. Accuracy$/,
    trendHeading: "Accuracy over time",
    chartTitle: "Accuracy by period against the 90%–95% target",
    legends: ["Accuracy", "Target up to 95%", "Target from 90%"],
    table: "Accuracy by period",
    // The trend sentence: direction, slope in points a period, periods, latest accuracy.
    trend:
      /^Accuracy is (improving|worsening): (?:up|down) (\d+\.\d) points a period on the least-squares line through (\d+) periods, (\d+\.\d)% in the latest, against the 90%–95% target\.$/,
    improving: "improving",
    worsening: "worsening",
    write: "Write Pipeline Review sheet",
    // The sample has no Pipeline Review: no earlier one is spoken of.
    written: 'The sheet "Pipeline Review" now holds the pipeline review of 2026-11.',
    download: "Download workbook",
    sheetTitle: "Pipeline review — 2026-11",
  },
  "zh-CN": {
    pipeline: "销售漏斗",
    accuracy: /^4\. 准确率$/,
    trendHeading: "准确率走势",
    chartTitle: "各期间准确率与 90%–95% 目标对比",
    legends: ["准确率", "目标上限 95%", "目标下限 90%"],
    table: "按期间的准确率",
    trend:
      /^准确率在(提升|下降)：按 (\d+) 个期间的最小二乘趋势线，每期(?:提高|降低) (\d+\.\d) 个百分点；最近一期为 (\d+\.\d)%，目标为 90%–95%。$/,
    improving: "提升",
    worsening: "下降",
    write: "生成销售漏斗回顾工作表",
    written: "工作表“Pipeline Review”现为 2026-11 的销售漏斗回顾。",
    download: "下载工作簿",
    sheetTitle: "销售漏斗回顾 — 2026-11",
  },
} as const;

type Locale = keyof typeof LOCALES;

/** The workbook as the pane would save it now, through its Download button. */
async function downloaded(page: Page, label: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: label, exact: true }).click(),
  ]);
  return readFileSync((await download.path())!);
}

/** The accuracy column of the Accuracy by period table (the last column), as numbers. */
async function tableAccuracies(page: Page, table: string): Promise<number[]> {
  const rows = page.getByRole("table", { name: table }).getByRole("row");
  const texts = await rows.evaluateAll((trs) =>
    trs.slice(1).map((tr) => [...tr.querySelectorAll("td")].pop()?.textContent ?? "")
  );
  return texts.map((t) => Number(t.replace("%", "")));
}

/** Least-squares slope through (0, y0), (1, y1), … by hand (no period is left out here). */
function slopeOf(ys: number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxy = ys.reduce((s, y, x) => s + (x - mx) * (y - my), 0);
  const sxx = ys.reduce((s, _, x) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/**
 * The chart's drawing, read from its SVG in page coordinates: the height of each labelled
 * y-axis tick (its gridline), the x of each period's tick, and every line drawn (dashed or
 * solid) with its two ends.
 */
async function chartDrawing(page: Page, title: string) {
  const svg = page.locator(`svg[aria-label^="${title}"]`);
  await svg.waitFor({ timeout: 30_000 });
  return svg.evaluate((el) => {
    const onPage = (e: SVGGraphicsElement, x: number, y: number) =>
      new DOMPoint(x, y).matrixTransform(e.getScreenCTM()!);
    const ticks: Record<string, number> = {};
    const xTicks: number[] = [];
    for (const text of el.querySelectorAll("g.tick text")) {
      const grid = text.parentElement!.querySelector("line")!;
      const label = text.textContent ?? "";
      if (/^-?\d+%$/.test(label)) ticks[label] = onPage(grid, 0, 0).y;
      else xTicks.push(onPage(grid, 0, 0).x);
    }
    // The series' lines (Fluent gives them ids); the hover guide is hidden.
    const lines = [...el.querySelectorAll<SVGLineElement>("line[id]")]
      .filter((l) => getComputedStyle(l).visibility !== "hidden")
      .map((l) => {
        const a = onPage(l, l.x1.baseVal.value, l.y1.baseVal.value);
        const b = onPage(l, l.x2.baseVal.value, l.y2.baseVal.value);
        return {
          dashed: l.getAttribute("stroke-dasharray"),
          opacity: getComputedStyle(l).opacity,
          left: Math.min(a.x, b.x),
          right: Math.max(a.x, b.x),
          y1: a.x <= b.x ? a.y : b.y,
          y2: a.x <= b.x ? b.y : a.y,
        };
      });
    const box = el.getBoundingClientRect();
    return { width: box.width, height: box.height, ticks, xTicks, lines };
  });
}

async function openPipelineAccuracy(page: Page, l: (typeof LOCALES)[Locale]) {
  await page.goto(`${session.url}/taskpane.html`);
  await page.getByRole("tab", { name: l.pipeline, exact: true }).click({ timeout: 60_000 });
  await page.getByRole("tab", { name: l.accuracy }).click();
  await page.getByRole("heading", { name: l.trendHeading }).waitFor({ timeout: 30_000 });
}

describe("the Pipeline pane in a real browser", () => {
  for (const locale of ["en-US", "zh-CN"] as const) {
    const l = LOCALES[locale];
    it(`draws the accuracy trend and writes the Pipeline Review sheet (${locale}, 320 px)`, async () => {
      const { page, outbound } = await panePage(session.browser, { locale });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setViewportSize({ width: 320, height: 900 });
      await openPipelineAccuracy(page, l);
      const before = await writtenBook(await downloaded(page, l.download));

      // The chart: the y-axis's ticks, the two target lines where 90% and 95% are, and a line
      // through each period's accuracy as the table gives it.
      const accuracies = await tableAccuracies(page, l.table);
      expect(accuracies.length).toBeGreaterThanOrEqual(2);
      const chart = await chartDrawing(page, l.chartTitle);
      expect(chart.width).toBeGreaterThan(200);
      expect(chart.height).toBeGreaterThan(150);
      // The axis from its lowest labelled tick to 100%: it starts below every accuracy and
      // the 90% target, not at 0%, so the target band is tall enough to see.
      const labelled = Object.keys(chart.ticks).map((label) => parseFloat(label));
      const bottom = Math.min(...labelled);
      expect(Math.max(...labelled)).toBe(100);
      expect(bottom).toBeLessThanOrEqual(Math.min(90, ...accuracies) - 10);
      const hundred = chart.ticks["100%"];
      const atBottom = chart.ticks[`${bottom}%`];
      expect(atBottom - hundred).toBeGreaterThan(100);
      const yOf = (pct: number) =>
        atBottom + ((hundred - atBottom) * (pct - bottom)) / (100 - bottom);
      expect(yOf(90) - yOf(95)).toBeGreaterThan(15);
      expect(chart.lines.map((line) => line.opacity)).not.toContain("0.1");
      const solid = chart.lines.filter((line) => line.dashed === null);
      const dashed = chart.lines.filter((line) => line.dashed !== null);
      // One dashed line at 95%, one at 90%, across every period.
      expect(dashed).toHaveLength(2);
      const [high, low] = [...dashed].sort((a, b) => a.y1 - b.y1);
      for (const [line, pct] of [
        [high, 95],
        [low, 90],
      ] as const) {
        expect({ pct, y1: Math.abs(line.y1 - yOf(pct)) < 1.5 }).toEqual({ pct, y1: true });
        expect(Math.abs(line.y2 - line.y1)).toBeLessThan(0.5);
        expect(line.left).toBeLessThanOrEqual(chart.xTicks[0] + 1);
        expect(line.right).toBeGreaterThanOrEqual(chart.xTicks[chart.xTicks.length - 1] - 1);
      }
      expect(high.dashed).not.toBe(low.dashed);
      // The accuracy line: a segment between each two periods, from one accuracy to the next.
      expect(solid).toHaveLength(accuracies.length - 1);
      const bySegment = [...solid].sort((a, b) => a.left - b.left);
      bySegment.forEach((segment, i) => {
        // The table rounds to 0.1%: a fraction of a pixel on this axis.
        expect({ i, from: Math.abs(segment.y1 - yOf(accuracies[i])) < 1.5 }).toEqual({
          i,
          from: true,
        });
        expect({ i, to: Math.abs(segment.y2 - yOf(accuracies[i + 1])) < 1.5 }).toEqual({
          i,
          to: true,
        });
        expect(segment.right - segment.left).toBeGreaterThan(20);
      });
      // Every series is named under the chart, none folded away.
      // (Fluent's legend is a listbox it names in English whatever the language.)
      const legends = page.getByRole("listbox", { name: "Legends" });
      for (const legend of l.legends)
        expect(await legends.getByRole("option", { name: legend, exact: true }).isVisible()).toBe(
          true
        );
      // Fluent folds legends it has no room for into "+1 more" (signed biases like "+7.1%" are not that).
      expect(await page.getByText(/^\+\d+ more/).count()).toBe(0);

      // The sentence: the least-squares slope through the table's accuracies, and the latest.
      const sentence = (await page.getByText(l.trend).textContent()) ?? "";
      const said = l.trend.exec(sentence);
      expect(said).not.toBeNull();
      const [direction, slope, count, latest] =
        locale === "zh-CN"
          ? [said![1], Number(said![3]), Number(said![2]), Number(said![4])]
          : [said![1], Number(said![2]), Number(said![3]), Number(said![4])];
      const expected = slopeOf(accuracies);
      expect(direction).toBe(expected > 0 ? l.improving : l.worsening);
      // Each accuracy rounded by up to 0.05 points moves the slope by at most 0.1.
      expect(Math.abs(slope - Math.abs(expected))).toBeLessThanOrEqual(0.11);
      expect(count).toBe(accuracies.length);
      expect(latest).toBe(accuracies[accuracies.length - 1]);
      await expectNoSideways(page, `${locale} accuracy`);
      await screenshot(page, `pipeline-${locale}-320-accuracy`);
      const heading = page.getByRole("heading", { name: l.trendHeading });
      // The chart close up: the box under its heading.
      await screenshotOf(
        heading.locator("xpath=following-sibling::div[1]"),
        `pipeline-${locale}-320-accuracy-chart`
      );

      // The review sheet, from the button under the steps.
      await page.getByRole("button", { name: l.write }).click();
      await page.getByText(l.written).waitFor({ timeout: 60_000 });
      await expectNoSideways(page, `${locale} review written`);
      await page.getByText(l.written).scrollIntoViewIfNeeded();
      await screenshot(page, `pipeline-${locale}-320-review-written`);

      const bytes = await downloaded(page, l.download);
      const after = await writtenBook(bytes);
      expect(before.sheets).not.toContain("Pipeline Review");
      expect(after.sheets).toContain("Pipeline Review");
      // Nothing the workbook had is gone.
      expect(after.sheets).toEqual(expect.arrayContaining(before.sheets));
      expect(await after.sheetXml("Pipeline Review")).toContain(l.sheetTitle);
      const plan = await new PlanStore(await PackageDriver.fromBuffer(bytes)).load();
      expect(plan.problems).toEqual([]);

      expect(errors).toEqual([]);
      expect(outbound.filter((u) => !u.includes("appsforoffice.microsoft.com"))).toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
