/**
 * Every message a user can be shown exists in both languages: each module's catalog of
 * problems is in the English catalog as written, Chinese has every key with the same
 * {placeholders}, and a message said with its values leaves none unfilled.
 */
import { fill, placeholdersOf } from "../../src/domain/problem";
import { enUS, PROBLEM_CATALOGS, type MessageKey } from "../../src/i18n/en-US";
import { zhCN } from "../../src/i18n/zh-CN";
import { wordsIn } from "../../src/i18n";
import { refusal } from "../../src/workbook/storeError";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { salesPlan } from "../cli/inProcess";
import { REPS, smallPlan } from "../cli/smallPlan";

const keys = Object.keys(enUS) as MessageKey[];
const problemCodes = Object.entries(PROBLEM_CATALOGS).flatMap(([prefix, templates]) =>
  Object.entries(templates).map(([code, english]) => ({ prefix, code, english }))
);
/** A value for each placeholder of a template, as a caller would pass. */
const valuesFor = (template: string) =>
  Object.fromEntries(placeholdersOf(template).map((name, i) => [name, `v${i}`]));
const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe("the catalogs", () => {
  it("hold every module's problems, in the English the module reports them with", () => {
    expect(problemCodes.length).toBeGreaterThan(100);
    for (const { prefix, code, english } of problemCodes)
      expect([`${prefix}${code}`, enUS[`${prefix}${code}` as MessageKey]]).toEqual([
        `${prefix}${code}`,
        english,
      ]);
  });

  it("give each problem code one meaning (a code is looked up in every catalog)", () => {
    const seen = new Map<string, string>();
    for (const { prefix, code } of problemCodes) {
      expect([code, seen.get(code)]).toEqual([code, undefined]);
      seen.set(code, prefix);
    }
  });

  it("say every English key in Chinese with the same {placeholders}", () => {
    for (const key of keys) {
      expect([key, typeof zhCN[key]]).toEqual([key, "string"]);
      expect([key, placeholdersOf(zhCN[key])]).toEqual([key, placeholdersOf(enUS[key])]);
    }
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
  });

  it("say the core's problems in Chinese, not in English", () => {
    for (const { prefix, code } of problemCodes) {
      const key = `${prefix}${code}` as MessageKey;
      // A template that is only placeholders ("{reason}") passes on words said elsewhere.
      const words = zhCN[key].replace(/\{\w+\}/g, "").replace(/[\s\p{P}]/gu, "");
      if (words && !/^[A-Z0-9]+$/.test(words))
        expect([key, hasChinese(zhCN[key])]).toEqual([key, true]);
    }
  });

  it("leave no {placeholder} unfilled once a message has its values", () => {
    for (const key of keys)
      for (const catalog of [enUS, zhCN]) {
        const said = fill(catalog[key], valuesFor(enUS[key]));
        expect([key, said]).not.toEqual([key, expect.stringMatching(/\{\w+\}/)]);
      }
  });
});

describe("one lookup says a problem in the reader's language", () => {
  const problem = {
    severity: "error" as const,
    sheet: "Accounts",
    table: "Accounts",
    row: 7,
    address: "C7",
    column: "Potential",
    code: "notANumber",
    values: { column: "Potential", value: "lots" },
    message: "Potential holds lots where a number is needed",
  };

  it("with the problem's place formatted once for panes and command line", () => {
    expect(wordsIn("en-US").place(problem)).toBe("Accounts · C7 · Potential");
    expect(wordsIn("zh-CN").place({ sheet: "Accounts", row: 7 })).toBe("Accounts · 第 7 行");
  });

  it("including the problems inside a refusal", () => {
    const refused = refusal([problem, { ...problem, row: 8, address: "C8" }]);
    expect(refused.message).toBe(
      "nothing was saved: Accounts C7: Potential holds lots where a number is needed (and 1 more problem(s))"
    );
    expect(wordsIn("en-US").say(refused.said)).toBe(refused.message);
    expect(wordsIn("zh-CN").say(refused.said)).toBe(
      "未保存任何内容：Accounts C7：Potential 的值为 lots，此处需要数字（另有 1 个问题）"
    );
  });
});

describe("the command line speaks the language of LC_ALL, LC_MESSAGES or LANG", () => {
  const missing = "/nonexistent/plan.xlsx";

  it("English by default", async () => {
    const run = await salesPlan(["validate", missing]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `sales-plan: ${missing}: no such file\n` });
  });

  it("Chinese when the locale is Chinese, with the same exit code", async () => {
    const run = await salesPlan(["validate", missing], {}, { LANG: "zh_CN.UTF-8" });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `sales-plan: ${missing}：没有此文件\n` });
  });

  it("LC_ALL before LC_MESSAGES before LANG", async () => {
    const env = { LC_ALL: "en_US.UTF-8", LC_MESSAGES: "zh_CN.UTF-8", LANG: "zh_CN.UTF-8" };
    expect((await salesPlan(["validate", missing], {}, env)).stderr).toContain("no such file");
    const messages = { LC_MESSAGES: "zh_TW.UTF-8", LANG: "en_GB.UTF-8" };
    expect((await salesPlan(["validate", missing], {}, messages)).stderr).toContain("没有此文件");
  });

  it("reports in Chinese what the engines refuse, at the same places, with the same exit code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sales-plan-zh-"));
    try {
      const path = join(dir, "plan.xlsx");
      const reps = REPS.map((row, i) => (i === 0 ? [...row.slice(0, 6), 7, row[7]] : row));
      writeFileSync(
        path,
        await smallPlan({ reps, balance: { toleranceBand: 2, maxMovedShare: 0.2 } })
      );
      const english = await salesPlan(["validate", path]);
      const chinese = await salesPlan(["validate", path], {}, { LANG: "zh_CN.UTF-8" });
      expect([english.code, chinese.code]).toEqual([1, 1]);
      expect(english.stdout).toContain("capacity must be between 0 and 1, got 7");
      expect(english.stdout).toContain(
        "Scenario Settings · balance.toleranceBand: FY27 Base: toleranceBand must be between 0 and 1, got 2"
      );
      expect(chinese.stdout).toMatch(/^\d+ 个问题，其中 \d+ 个错误：\n/);
      expect(chinese.stdout).toContain(
        "  错误  Reps · G2 · Capacity: 产能必须在 0 到 1 之间，当前为 7"
      );
      expect(chinese.stdout).toContain(
        "Scenario Settings · balance.toleranceBand: FY27 Base：toleranceBand 必须在 0 到 1 之间，当前为 2"
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
