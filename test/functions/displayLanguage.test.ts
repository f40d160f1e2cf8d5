/**
 * A PLAN function's error is said in Excel's display language (Office.context.displayLanguage)
 * when the runtime knows it, with the same Excel error; English otherwise.
 */
import * as plan from "../../src/functions/functions";
import { column, row, excelError } from "../support/thrown";

const host = globalThis as { Office?: unknown };

afterEach(() => {
  delete host.Office;
});

describe("in an Excel whose display language is Chinese", () => {
  beforeEach(() => {
    host.Office = { context: { displayLanguage: "zh-CN" } };
  });

  it.each([
    [
      "text in a number range",
      () => plan.conversion(column(100, "lots")),
      { code: "#VALUE!", message: "stage_counts 第 2 行的值为文本“lots”，此处需要数字" },
    ],
    [
      "a blank single argument",
      () => plan.attainment(10, "" as unknown as number),
      { code: "#VALUE!", message: "quota 为空；此处需要数字" },
    ],
    [
      "a rate above 1",
      () => plan.funnelrevenue(100, row(0.5, 1.5), 10),
      { code: "#NUM!", message: "rates 必须在 0 到 1 之间（第 2 行），当前为 1.5" },
    ],
    ["a zero quota", () => plan.attainment(10, 0), { code: "#DIV/0!", message: "quota 为 0" }],
    [
      "an unknown stage",
      () => plan.weightedpipeline(column(100), column("Won"), column("Lead"), column(0.1)),
      { code: "#N/A", message: "stages 第 1 行中的阶段“Won”未知" },
    ],
  ])("%s: the same Excel error, said in Chinese", (_, run, expected) => {
    expect(excelError(run)).toEqual(expected);
  });
});

describe("English wherever the display language is not known to be Chinese", () => {
  const bad = () => plan.conversion(column(100, "lots"));
  const english = {
    code: "#VALUE!",
    message: 'stage_counts, row 2 holds text "lots" where a number is needed',
  };

  it("outside Excel, where there is no Office", () => {
    expect(excelError(bad)).toEqual(english);
  });

  it("before Office is ready, and in an English Excel", () => {
    host.Office = {};
    expect(excelError(bad)).toEqual(english);
    host.Office = { context: { displayLanguage: "en-US" } };
    expect(excelError(bad)).toEqual(english);
  });
});
