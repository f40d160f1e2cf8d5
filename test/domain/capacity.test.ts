import fc from "fast-check";
import {
  capacityPlan,
  hiresNeeded,
  revenueBridge,
  type CapacityMonth,
} from "../../src/domain/capacity";

const months = (...hires: number[]) => {
  const all = new Float64Array(12);
  all.set(hires);
  return all;
};
/** An annual attrition whose monthly survival is exactly `s` (up to rounding): 1 − s¹². */
const attritionFor = (s: number) => 1 - s ** 12;
const columns = (plan: CapacityMonth[]) => ({
  inSeat: plan.map((m) => m.inSeat),
  rampedFte: plan.map((m) => m.rampedFte),
  revenue: plan.map((m) => m.revenue),
});
const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect([i, value]).toEqual([i, expect.closeTo(expected[i], 9)]));
};
const yearOf = (plan: CapacityMonth[]) => plan.reduce((sum, m) => sum + m.revenue, 0);

describe("the capacity plan", () => {
  it("works month by month with ramp, attrition and backfill (hand-worked)", () => {
    // 10 ramped reps, 2 hires in month 2, ramp 25% then 50% then 100%, monthly survival 0.9,
    // a departure backfilled one month later (the hire starts in month t + 2), 1,000 a rep.
    // Month 1: in seat 10; FTE 10; 10,000. Leaving: 1 → a backfill starts in month 3.
    // Month 2: existing 9 + 2 new (25%) → in seat 11; FTE 9 + 0.5 = 9.5. Leaving 1.1 → month 4.
    // Month 3: existing 8.1, month-2 hires 1.8 (50%), backfill 1 (25%) → in seat 10.9;
    //          FTE 8.1 + 0.9 + 0.25 = 9.25. Leaving 1.09 → month 5.
    // Month 4: 7.29 + 1.62 (100%) + 0.9 (50%) + 1.1 (25%) → in seat 10.91;
    //          FTE 7.29 + 1.62 + 0.45 + 0.275 = 9.635. Leaving 1.091 → month 6.
    // Month 5: 6.561 + 1.458 + 0.81 (100%) + 0.99 (50%) + 1.09 (25%) → in seat 10.909;
    //          FTE 6.561 + 1.458 + 0.81 + 0.495 + 0.2725 = 9.5965.
    const plan = capacityPlan(10, months(0, 2), 1000, {
      ramp: Float64Array.of(0.25, 0.5),
      annualAttrition: attritionFor(0.9),
      backfillMonths: 1,
    });
    expect(plan).toHaveLength(12);
    const { inSeat, rampedFte, revenue } = columns(plan.slice(0, 5));
    expectClose(inSeat, [10, 11, 10.9, 10.91, 10.909]);
    expectClose(rampedFte, [10, 9.5, 9.25, 9.635, 9.5965]);
    expectClose(revenue, [10_000, 9_500, 9_250, 9_635, 9_596.5]);
  });

  it("without backfill, the leavers are simply gone (hand-worked)", () => {
    // Same team, no backfill: month 3 has 8.1 + 1.8 = 9.9 in seat, FTE 8.1 + 0.9 = 9;
    // month 4 has 7.29 + 1.62 = 8.91 in seat, all ramped.
    const plan = capacityPlan(10, months(0, 2), 1000, {
      ramp: Float64Array.of(0.25, 0.5),
      annualAttrition: attritionFor(0.9),
    });
    const { inSeat, rampedFte } = columns(plan.slice(0, 4));
    expectClose(inSeat, [10, 11, 9.9, 8.91]);
    expectClose(rampedFte, [10, 9.5, 9, 8.91]);
  });

  it("by default: no ramp, no attrition, no backfill — headcount × productivity", () => {
    // 5 reps, 1 hire in month 1 and 2 in month 12, 2,000 each: 12,000 a month, 18,000 in month 12.
    const plan = capacityPlan(5, months(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), 2000);
    expect(plan.map((m) => m.inSeat)).toEqual([6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 8]);
    expect(plan.map((m) => m.revenue)).toEqual([...Array(11).fill(12_000), 16_000]);
  });

  it("drops backfill hires who would start after the year, and empties the team at 100% attrition", () => {
    const settings = { ramp: Float64Array.of(0.5), annualAttrition: 0.3 };
    const hires = months(1, 2, 3);
    // A departure at the end of month 1 backfilled after 11 months would start in month 13.
    expect(capacityPlan(4, hires, 10, { ...settings, backfillMonths: 11 })).toEqual(
      capacityPlan(4, hires, 10, settings)
    );
    // Everyone leaves at the end of their first month: month 2 holds only its own 2 hires.
    const gone = capacityPlan(4, hires, 10, { annualAttrition: 1 });
    expect(gone.slice(0, 4).map((m) => m.inSeat)).toEqual([5, 2, 3, 0]);
  });

  it("refuses a wrong number of months and values outside what they mean, naming the field", () => {
    const refuses = (run: () => unknown, kind: string, where: object) =>
      expect(run).toThrow(expect.objectContaining({ kind, where }));
    refuses(() => capacityPlan(1, new Float64Array(11), 1), "value", { field: "hires" });
    refuses(() => capacityPlan(1, months(0, 0, -1), 1), "num", { field: "hires", row: 3 });
    refuses(() => capacityPlan(-1, months(), 1), "num", { field: "start_headcount" });
    refuses(() => capacityPlan(1, months(), -5), "num", { field: "productivity" });
    refuses(() => capacityPlan(1, months(), 1, { ramp: Float64Array.of(0.5, 1.5) }), "num", {
      field: "ramp_percentages",
      row: 2,
    });
    refuses(() => capacityPlan(1, months(), 1, { annualAttrition: 1.2 }), "num", {
      field: "annual_attrition",
    });
    for (const backfillMonths of [-1, 0.5])
      refuses(() => capacityPlan(1, months(), 1, { backfillMonths }), "num", {
        field: "backfill_months",
      });
    expect(() => capacityPlan(1, months(), 1, { backfillMonths: 0.5 })).toThrow(
      "backfill_months must be a whole number of months, 0 or more, got 0.5"
    );
  });

  const team = fc.record({
    start: fc.double({ min: 0, max: 1000, noNaN: true }),
    hires: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 12, maxLength: 12 }),
    productivity: fc.double({ min: 0, max: 1e6, noNaN: true }),
    ramp: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
    attrition: fc.double({ min: 0, max: 1, noNaN: true }),
    backfill: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
  });

  it("never exceeds the plan with no attrition and no ramp", () => {
    fc.assert(
      fc.property(team, (t) => {
        const plan = capacityPlan(t.start, Float64Array.from(t.hires), t.productivity, {
          ramp: Float64Array.from(t.ramp),
          annualAttrition: t.attrition,
          backfillMonths: t.backfill,
        });
        let everyone = t.start;
        plan.forEach((month, i) => {
          everyone += t.hires[i];
          const slack = 1 + 1e-12;
          expect(month.rampedFte).toBeLessThanOrEqual(month.inSeat * slack);
          expect(month.inSeat).toBeLessThanOrEqual(everyone * slack);
          expect(month.revenue).toBeLessThanOrEqual(everyone * t.productivity * slack);
        });
      })
    );
  });

  it("with immediate backfill keeps every seat filled: people in seat = start + hires so far", () => {
    fc.assert(
      fc.property(team, (t) => {
        const plan = capacityPlan(t.start, Float64Array.from(t.hires), t.productivity, {
          annualAttrition: t.attrition,
          backfillMonths: 0,
        });
        let everyone = t.start;
        plan.forEach((month, i) => {
          everyone += t.hires[i];
          expect(Math.abs(month.inSeat - everyone)).toBeLessThanOrEqual(1e-9 * everyone);
        });
      })
    );
  });
});

describe("hires needed for a target", () => {
  it("rounds up the gap over what one hire adds in the year (hand-worked)", () => {
    // 10 reps × 1,000 × 12 months = 120,000. A hire in month 1 at 50% then 100%:
    // 500 + 11 × 1,000 = 11,500 a year. 150,000 needs 30,000 / 11,500 = 2.6 → 3
    // (2 hires give 143,000, 3 give 154,500); 143,000 needs exactly 2.
    const ramp = Float64Array.of(0.5);
    expect(hiresNeeded(150_000, 10, 1000, { ramp })).toBe(3);
    expect(hiresNeeded(143_000, 10, 1000, { ramp })).toBe(2);
    expect(hiresNeeded(120_000, 10, 1000, { ramp })).toBe(0);
    expect(hiresNeeded(0, 0, 0)).toBe(0);
    // Hired in month 7: 500 + 5 × 1,000 = 5,500 each; 131,000 needs 11,000 / 5,500 = 2.
    expect(hiresNeeded(131_000, 10, 1000, { ramp, hireMonth: 7 })).toBe(2);
    expect(hiresNeeded(131_001, 10, 1000, { ramp, hireMonth: 7 })).toBe(3);
    // Monthly survival 0.9, hired in month 11: 1,000 + 900 = 1,900 each.
    const annualAttrition = attritionFor(0.9);
    expect(hiresNeeded(3_800, 0, 1000, { annualAttrition, hireMonth: 11 })).toBe(2);
    expect(hiresNeeded(3_801, 0, 1000, { annualAttrition, hireMonth: 11 })).toBe(3);
  });

  it("is #NUM! with a reason when no number of hires can reach the target", () => {
    const none = () => hiresNeeded(1, 0, 1000, { ramp: Float64Array.of(0), hireMonth: 12 });
    expect(none).toThrow(
      expect.objectContaining({
        kind: "num",
        said: expect.objectContaining({ code: "noHiresReach" }),
      })
    );
    expect(none).toThrow(
      "no number of hires reaches target_revenue: a hire joining in month 12 adds no capacity before the year ends"
    );
    expect(() => hiresNeeded(1, 5, 0)).toThrow(expect.objectContaining({ kind: "num" }));
  });

  it("refuses a hire month outside 1–12 or not whole", () => {
    for (const hireMonth of [0, 13, 2.5])
      expect(() => hiresNeeded(100, 1, 1, { hireMonth })).toThrow(
        expect.objectContaining({ kind: "num", where: { field: "hire_month" } })
      );
    expect(() => hiresNeeded(-1, 1, 1)).toThrow(expect.objectContaining({ kind: "num" }));
  });

  it("answers with hires that reach the target, where one fewer does not", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (target, start, productivity, rampList, annualAttrition, hireMonth) => {
          const ramp = Float64Array.from(rampList);
          const n = hiresNeeded(target, start, productivity, { ramp, annualAttrition, hireMonth });
          expect(Number.isInteger(n)).toBe(true);
          const year = (count: number) => {
            const hires = new Float64Array(12);
            hires[hireMonth - 1] = count;
            return yearOf(capacityPlan(start, hires, productivity, { ramp, annualAttrition }));
          };
          expect(year(n)).toBeGreaterThanOrEqual(target);
          if (n > 0) expect(year(n - 1)).toBeLessThan(target);
        }
      )
    );
  });
});

describe("the revenue bridge", () => {
  const bridgeOf = (plan: number[], actual: number[]) =>
    revenueBridge(Float64Array.from(plan), Float64Array.from(actual));

  it("splits the difference between three factors (hand-worked)", () => {
    // Plan 100 leads × 20% × 1,000 = 20,000; actual 120 × 25% × 800 = 24,000: +4,000.
    // ln(1.25) + ln(0.8) = ln(1) = 0, so Σ ln ratios = ln 1.2 and L = 4,000 / ln 1.2.
    // Leads: L × ln 1.2 = 4,000. Rate: 4,000 × ln 1.25 / ln 1.2 = 4,000 × 0.2231436 / 0.1823216
    // = 4,895.604; deal size: 4,000 × ln 0.8 / ln 1.2 = −4,895.604. Sum: 4,000.
    const bridge = bridgeOf([100, 0.2, 1000], [120, 0.25, 800]);
    expect(bridge.factors.map((r) => [r.plan, r.actual])).toEqual([
      [100, 120],
      [0.2, 0.25],
      [1000, 800],
    ]);
    const [leads, rate, deal] = bridge.factors.map((r) => r.contribution);
    expect(leads).toBeCloseTo(4000, 9);
    expect(rate).toBeCloseTo(4895.604343, 5);
    expect(deal).toBeCloseTo(-4895.604343, 5);
    expect(bridge.total.plan).toBeCloseTo(20_000, 9);
    expect(bridge.total.actual).toBeCloseTo(24_000, 9);
    expect(bridge.total.contribution).toBeCloseTo(4000, 9);
  });

  it("uses the limit L(x, x) = x when revenue did not change (hand-worked)", () => {
    // 2 × 3 = 3 × 2 = 6: L = 6; contributions 6 ln 1.5 = 2.4327906 and 6 ln(2/3) = −2.4327906.
    const swapped = bridgeOf([2, 3], [3, 2]);
    expect(swapped.factors[0].contribution).toBeCloseTo(2.4327906486, 9);
    expect(swapped.factors[1].contribution).toBeCloseTo(-2.4327906486, 9);
    expect(swapped.total).toEqual({ plan: 6, actual: 6, contribution: 0 });
    expect(bridgeOf([5, 0.5], [5, 0.5]).factors.map((r) => r.contribution)).toEqual([0, 0]);
  });

  it("refuses zero or negative factors with #NUM! naming the factor, and unequal lengths", () => {
    expect(() => bridgeOf([100, 0, 5], [1, 1, 1])).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "plan_factors", row: 2 } })
    );
    expect(() => bridgeOf([100, 0, 5], [1, 1, 1])).toThrow(
      "plan_factors, factor 2 is 0; every factor must be more than 0"
    );
    expect(() => bridgeOf([1, 2], [1, -2])).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "actual_factors", row: 2 } })
    );
    expect(() => bridgeOf([1, 2], [1])).toThrow(expect.objectContaining({ kind: "value" }));
    expect(() => bridgeOf([], [])).toThrow(expect.objectContaining({ kind: "value" }));
  });

  const factorPairs = fc
    .array(
      fc.tuple(
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true })
      ),
      { minLength: 1, maxLength: 7 }
    )
    .map((pairs) => ({ plan: pairs.map((p) => p[0]), actual: pairs.map((p) => p[1]) }));
  const product = (xs: number[]) => xs.reduce((a, x) => a * x, 1);

  it("sums exactly to actual − plan revenue, whatever the order of the factors", () => {
    fc.assert(
      fc.property(factorPairs, fc.integer(), ({ plan, actual }, seed) => {
        const bridge = bridgeOf(plan, actual);
        const difference = product(actual) - product(plan);
        const scale = Math.max(product(actual), product(plan));
        const sum = bridge.factors.reduce((s, r) => s + r.contribution, 0);
        expect(Math.abs(sum - difference)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(bridge.total.contribution - difference)).toBeLessThanOrEqual(1e-9 * scale);
        // Reversed and rotated, each factor keeps its contribution.
        const shift = Math.abs(seed) % plan.length;
        const rotate = <T>(xs: T[]) => [...xs.slice(shift), ...xs.slice(0, shift)].reverse();
        const again = bridgeOf(rotate(plan), rotate(actual));
        rotate(bridge.factors).forEach((row, i) =>
          expect(Math.abs(again.factors[i].contribution - row.contribution)).toBeLessThanOrEqual(
            1e-9 * scale
          )
        );
      })
    );
  });
});
