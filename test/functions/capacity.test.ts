/** PLAN.CAPACITY, PLAN.HIRESNEEDED and PLAN.REVENUEBRIDGE as Excel calls them. */
import fc from "fast-check";
import * as plan from "../../src/functions/functions";
import { evaluate } from "../support/hyperformula";
import { column, row, excelError } from "../support/thrown";

const host = globalThis as { Office?: unknown };

const twelve = (...first: number[]) => [...first, ...Array(12 - first.length).fill(0)];

describe("PLAN.CAPACITY", () => {
  it("gives a row per month down a column of hires, and a column per month across a row", () => {
    // 3 reps and 1 hire in month 1 at 50% then 100%, 100 a month: FTE 3.5 then 4.
    const down = plan.capacity(3, column(...twelve(1)), 100, row(0.5));
    expect(down).toHaveLength(12);
    expect(down.slice(0, 2)).toEqual([
      [4, 3.5, 350],
      [4, 4, 400],
    ]);
    const across = plan.capacity(3, row(...twelve(1)), 100, row(0.5));
    expect(across).toHaveLength(3);
    expect(across.map((line) => line.slice(0, 2))).toEqual([
      [4, 4],
      [3.5, 4],
      [350, 400],
    ]);
  });

  it("takes its defaults when the optional arguments are left out", () => {
    const plain = plan.capacity(2, column(...twelve()), 10);
    expect(plain).toEqual(Array(12).fill([2, 2, 20]));
    expect(
      plan.capacity(2, column(...twelve()), 10, null as never, null as never, null as never)
    ).toEqual(plain);
  });

  it("says what is wrong with hires as an Excel error", () => {
    expect(excelError(() => plan.capacity(1, column(...Array(11).fill(0)), 10))).toEqual({
      code: "#VALUE!",
      message: "hires has 11 cells but 12 are needed",
    });
    expect(excelError(() => plan.capacity(1, column(0, "two", ...Array(10).fill(0)), 10))).toEqual({
      code: "#VALUE!",
      message: 'hires, row 2 holds text "two" where a number is needed',
    });
    expect(excelError(() => plan.capacity(1, column(...twelve()), 10, row(0.5), 2))).toEqual({
      code: "#NUM!",
      message: "annual_attrition must be between 0 and 1, got 2",
    });
  });

  it("matches the native SUMPRODUCT of survival and ramp factors in HyperFormula", () => {
    const setup = fc.record({
      start: fc.integer({ min: 0, max: 200 }),
      hires: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 12, maxLength: 12 }),
      productivity: fc.integer({ min: 1, max: 100_000 }),
      // Whole thousandths, so the formula text carries exactly the number the function gets.
      ramp: fc.array(
        fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
        { minLength: 1, maxLength: 6 }
      ),
      attrition: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
    });
    fc.assert(
      fc.property(setup, (s) => {
        const n = s.ramp.length;
        // tenure!A12:A1 are the ramp and survival factors of tenure 0…11 in reverse, so that
        // month t pairs hires 1…t with tenures t−1…0 in one SUMPRODUCT over plain ranges.
        const tenure = Array.from({ length: 12 }, () => [
          `=IF(13-ROW()<=${n},INDEX(ramp!A1:A${n},13-ROW()),1)`,
          `=(1-${s.attrition})^((12-ROW())/12)`,
        ]);
        const formulas: Record<string, string> = {};
        for (let t = 1; t <= 12; t++)
          formulas[`m${t}`] =
            `=${s.productivity}*(${s.start}*(1-${s.attrition})^((${t}-1)/12)` +
            `+SUMPRODUCT(hires!A1:A${t},tenure!A${13 - t}:A12,tenure!B${13 - t}:B12))`;
        const native = evaluate(
          { hires: s.hires.map((h) => [h]), ramp: s.ramp.map((r) => [r]), tenure },
          formulas
        );
        const ours = plan.capacity(
          s.start,
          column(...s.hires),
          s.productivity,
          column(...s.ramp),
          s.attrition
        );
        ours.forEach(([, , revenue], i) => {
          const expected = native[`m${i + 1}`] as number;
          expect(typeof expected).toBe("number");
          expect(Math.abs(revenue - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
        });
      }),
      { numRuns: 25 }
    );
  });
});

describe("PLAN.HIRESNEEDED", () => {
  it("answers with a whole number of hires (hand-worked in test/domain/capacity.test.ts)", () => {
    expect(plan.hiresneeded(150_000, 10, 1000, row(0.5))).toBe(3);
    expect(plan.hiresneeded(131_000, 10, 1000, row(0.5), null as never, 7)).toBe(2);
    expect(plan.hiresneeded(100, 10, 1000)).toBe(0);
  });

  it("is #NUM! with a message when no number of hires reaches the target", () => {
    expect(excelError(() => plan.hiresneeded(1e6, 1, 1000, row(0), 0, 12))).toEqual({
      code: "#NUM!",
      message:
        "no number of hires reaches target_revenue: a hire joining in month 12 adds no capacity before the year ends",
    });
    expect(excelError(() => plan.hiresneeded(1e6, 1, 1000, row(0.5), 0, 13))).toEqual({
      code: "#NUM!",
      message: "hire_month must be a whole month from 1 to 12, got 13",
    });
  });
});

describe("PLAN.REVENUEBRIDGE", () => {
  it("gives plan, actual and contribution per factor and a Total row, along the factors", () => {
    const down = plan.revenuebridge(column(100, 0.2, 1000), column(120, 0.25, 800));
    expect(down).toHaveLength(4);
    expect(down.map((r) => r.slice(0, 2))).toEqual([
      [100, 120],
      [0.2, 0.25],
      [1000, 800],
      [20_000, 24_000],
    ]);
    expect(down[0][2]).toBeCloseTo(4000, 9);
    expect(down[3][2]).toBeCloseTo(4000, 9);
    const across = plan.revenuebridge(row(100, 0.2, 1000), row(120, 0.25, 800));
    expect(across).toHaveLength(3);
    expect(across[0]).toEqual([100, 0.2, 1000, 20_000]);
  });

  it("names a zero or negative factor in a #NUM!, in English and in Chinese", () => {
    const zero = () => plan.revenuebridge(column(100, 0, 5), column(1, 1, 1));
    expect(excelError(zero)).toEqual({
      code: "#NUM!",
      message: "plan_factors, factor 2 is 0; every factor must be more than 0",
    });
    host.Office = { context: { displayLanguage: "zh-CN" } };
    try {
      expect(excelError(zero)).toEqual({
        code: "#NUM!",
        message: "plan_factors 第 2 个因子为 0；每个因子都必须大于 0",
      });
    } finally {
      delete host.Office;
    }
  });

  it("refuses factors of different lengths with #VALUE!", () => {
    expect(excelError(() => plan.revenuebridge(column(1, 2, 3), column(1, 2)))).toEqual({
      code: "#VALUE!",
      message: "actual_factors has 2 cells but 3 are needed",
    });
  });
});
