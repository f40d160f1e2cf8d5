/**
 * `sales-plan pipeline review` in process on the hand-made three-capture plan of
 * test/workbook/pipelineReviewFixture.ts: the sheet written and what the command says of it,
 * the sheet's language chosen apart from the terminal's, the previous copy kept on a second
 * run, and the refusals (exit 2) that leave the file as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { PlanStore } from "../../src/workbook/store";
import { reviewPlan } from "../workbook/pipelineReviewFixture";
import { salesPlan } from "./inProcess";
import { writtenBook } from "./reportSheets";

const dir = mkdtempSync(join(tmpdir(), "sales-plan-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => salesPlan(args);

let count = 0;
async function planFile(weeks: number): Promise<string> {
  const path = join(dir, `plan-${++count}.xlsx`);
  writeFileSync(path, await (await reviewPlan(weeks)).toBuffer());
  return path;
}

/** The text of every cell of column A of the review sheet, as written. */
async function columnA(path: string, sheet = "Pipeline Review"): Promise<string[]> {
  const xml = await (await writtenBook(readFileSync(path))).sheetXml(sheet);
  return [...xml.matchAll(/<c r="A\d+"[^>]*><is><t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
}

describe("sales-plan pipeline review", () => {
  it("writes the review of the period being called, and keeps the earlier one on a second run", async () => {
    const path = await planFile(3);
    const first = await cli("pipeline", "review", path);
    expect([first.code, first.stderr]).toEqual([0, ""]);
    expect(first.stdout).toBe(
      // No review was there before: no earlier one is spoken of.
      'The sheet "Pipeline Review" now holds the pipeline review of 2027 Q1 (2027-01-01 – 2027-03-31) as of the capture of 2027-01-11 (3 capture(s)).\n'
    );
    expect((await columnA(path)).slice(0, 2)).toEqual([
      "Pipeline review — 2027 Q1",
      "As of the capture of 2027-01-11 · period 2027-01-01 to 2027-03-31 · 3 capture(s) since 2026-12-28",
    ]);
    const second = await cli("pipeline", "review", path, "--period", "2027-01", "--json");
    expect(second.code).toBe(0);
    const data = JSON.parse(second.stdout);
    expect(data).toMatchObject({
      sheet: "Pipeline Review",
      previous: "Pipeline Review (previous)",
      period: { label: "2027-01", start: "2027-01-01", end: "2027-01-31" },
      asOf: "2027-01-11",
      captures: 3,
      lang: "en-US",
    });
    const book = await writtenBook(readFileSync(path));
    expect(book.sheets[0]).toBe("Pipeline Review");
    expect(book.sheets).toContain("Pipeline Review (previous)");
    expect((await columnA(path, "Pipeline Review (previous)"))[0]).toBe(
      "Pipeline review — 2027 Q1"
    );
    expect((await columnA(path))[0]).toBe("Pipeline review — 2027-01");
    const third = await cli("pipeline", "review", path, "--period", "2027-02");
    expect(third.stdout).toBe(
      'The sheet "Pipeline Review" now holds the pipeline review of 2027-02 (2027-02-01 – 2027-02-28) as of the capture of 2027-01-11 (3 capture(s)); the earlier one was kept as "Pipeline Review (previous)".\n'
    );
  });

  it("writes the sheet in the language asked, apart from the terminal's", async () => {
    const path = await planFile(3);
    const result = await cli("pipeline", "review", path, "--lang", "zh-CN");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The sheet "Pipeline Review" now holds');
    const words = await columnA(path);
    expect(words[0]).toBe("销售漏斗回顾 — 2027 Q1");
    expect(words).toContain("商机");
    const zh = await salesPlan(["pipeline", "review", path], {}, { LANG: "zh_CN.UTF-8" });
    expect(zh.stdout).toContain("工作表“Pipeline Review”现为 2027 Q1");
  });

  it("says what one capture cannot show yet", async () => {
    const path = await planFile(1);
    const result = await cli("pipeline", "review", path, "--period", "2027 Q1");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[1]).toBe(
      "  Only one capture so far (2026-12-28): the bridge, the weighted forecast and stalled deals show after the next capture."
    );
  });

  it("refuses, leaving the file as it was, without a capture or with a request it cannot read", async () => {
    const empty = await planFile(0);
    const before = readFileSync(empty);
    const none = await cli("pipeline", "review", empty);
    expect([none.code, none.stderr]).toEqual([
      2,
      "sales-plan: the pipeline has not been captured yet: run `sales-plan pipeline capture` first\n",
    ]);
    expect(readFileSync(empty).equals(before)).toBe(true);

    const path = await planFile(3);
    const kept = readFileSync(path);
    const period = await cli("pipeline", "review", path, "--period", "FY27 Q1");
    expect([period.code, period.stderr]).toEqual([
      2,
      "sales-plan: --period FY27 Q1: give a year, month or quarter (2027, 2027-03, 2027 Q1), or LABEL=yyyy-mm-dd..yyyy-mm-dd\n",
    ]);
    const lang = await cli("pipeline", "review", path, "--lang", "fr");
    expect([lang.code, lang.stderr]).toEqual([
      2,
      "sales-plan: --lang fr: give one of en-US, zh-CN\n",
    ]);
    const over = await cli("pipeline", "review", path, "--period", "2026-12");
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(
      "the period 2026-12 ended on 2026-12-31, before the last capture (2027-01-11)"
    );
    expect(readFileSync(path).equals(kept)).toBe(true);
    // A fiscal label with its dates is read.
    const fiscal = await cli(
      "pipeline",
      "review",
      path,
      "--period",
      "FY27 Q1=2027-01-01..2027-03-31"
    );
    expect(fiscal.code).toBe(0);
    const plan = await new PlanStore(await PackageDriver.fromBuffer(readFileSync(path))).load();
    expect(plan.problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});
