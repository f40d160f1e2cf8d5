/**
 * The accuracy trend: the least-squares slope over the periods, worked by hand, and the
 * words it is said in (improving, worsening, steady).
 */
import fc from "fast-check";
import { accuracyTrend } from "../../src/domain/accuracyTrend";

describe("the accuracy trend", () => {
  it("is the least-squares slope over the periods in order", () => {
    // x = 0..3, mean 1.5; y mean 0.86. Σ(x − x̄)(y − ȳ) = (−1.5)(−0.06) + (−0.5)(−0.01) +
    // 0.5·0 + 1.5·0.07 = 0.2; Σ(x − x̄)² = 5. Slope 0.04: four points a period better.
    const trend = accuracyTrend([0.8, 0.85, 0.86, 0.93]);
    expect(trend).toEqual({
      slope: expect.closeTo(0.04, 12),
      direction: "improving",
      periods: 4,
      latest: 0.93,
    });
  });

  it("skips a period without an accuracy but keeps its place", () => {
    // Points (0, 0.95) and (2, 0.85): slope −0.10 / 2 = −0.05 a period.
    expect(accuracyTrend([0.95, null, 0.85])).toEqual({
      slope: expect.closeTo(-0.05, 12),
      direction: "worsening",
      periods: 2,
      latest: 0.85,
    });
  });

  it("calls less than a point a period either way steady", () => {
    // 0.90, 0.92, 0.90: the deviations of y, −0.0067, +0.0133, −0.0067, cancel at x = 0
    // and 2, so the slope is 0. And 0.90 → 0.905 is half a point a period.
    expect(accuracyTrend([0.9, 0.92, 0.9])?.direction).toBe("steady");
    expect(accuracyTrend([0.9, 0.905])).toMatchObject({ direction: "steady" });
    expect(accuracyTrend([0.9, 0.911])).toMatchObject({ direction: "improving" });
  });

  it("needs two periods with an accuracy", () => {
    expect(accuracyTrend([])).toBeUndefined();
    expect(accuracyTrend([0.9])).toBeUndefined();
    expect(accuracyTrend([null, 0.8, null])).toBeUndefined();
  });

  it("recovers the slope of points on a line", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.integer({ min: 2, max: 24 }),
        (start, step, n) => {
          const ys = Array.from({ length: n }, (_, x) => start + step * x);
          expect(accuracyTrend(ys)!.slope).toBeCloseTo(step, 9);
        }
      )
    );
  });
});
