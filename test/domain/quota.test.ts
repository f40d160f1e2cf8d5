import fc from "fast-check";
import { serialFromIsoDate } from "../../src/domain/calendar";
import { monthlyRamp, quotaSplit } from "../../src/domain/quota";
import { boundedProportionalSplit } from "../../src/domain/quotaShares";

const split = (total: number, weights: number[], options: Parameters<typeof quotaSplit>[2] = {}) =>
  Array.from(quotaSplit(total, Float64Array.from(weights), options));
const none = NaN;

describe("quota split (hand-worked)", () => {
  it("hands the leftover units to the largest remainders", () => {
    // 10 in 1:2:4 = 1.43, 2.86, 5.71 → 1, 2, 5 and two more units to the .86 and .71.
    expect(split(10, [1, 2, 4])).toEqual([1, 3, 6]);
  });

  it("breaks ties in favour of the earlier row", () => {
    expect(split(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(split(100, [1, 1, 1], { decimals: 2 })).toEqual([33.34, 33.33, 33.33]);
  });

  it("rounds to thousands with negative decimals", () => {
    expect(split(100_000, [1, 1, 1], { decimals: -3 })).toEqual([34_000, 33_000, 33_000]);
  });

  it("holds capped and floored parts and shares the rest in proportion", () => {
    expect(split(100, [1, 1, 1, 1], { caps: Float64Array.of(10, none, none, none) })).toEqual([
      10, 30, 30, 30,
    ]);
    expect(split(100, [1, 1, 1, 1], { floors: Float64Array.of(40, none, none, none) })).toEqual([
      40, 20, 20, 20,
    ]);
    // A floor that frees a part from proportionality, then a cap that binds after redistribution.
    expect(
      split(1000, [1, 2, 7], {
        floors: Float64Array.of(200, none, none),
        caps: Float64Array.of(none, none, 600),
      })
    ).toEqual([200, 200, 600]);
  });

  it("refuses bounds that cannot be met, and totals finer than the rounding", () => {
    expect(() => split(100, [1, 1], { floors: Float64Array.of(60, 60) })).toThrow(
      expect.objectContaining({ kind: "num" })
    );
    expect(() => split(100, [1, 1], { caps: Float64Array.of(40, 40) })).toThrow(
      expect.objectContaining({ kind: "num" })
    );
    expect(() => split(100.5, [1, 1])).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "total" } })
    );
    expect(() => split(100, [0, 0])).toThrow(expect.objectContaining({ kind: "div0" }));
    expect(() => split(100, [1, -1])).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "weights", row: 2 } })
    );
  });
});

describe("quota split properties", () => {
  const weights = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), {
    minLength: 1,
    maxLength: 40,
  });
  const decimals = fc.integer({ min: 0, max: 2 });

  it("always ties out exactly and stays within one unit of the proportional share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), weights, decimals, (cents, w, d) => {
        fc.pre(w.some((x) => x > 0));
        const total = cents / 10 ** d;
        const parts = split(total, w, { decimals: d });
        const units = parts.map((p) => Math.round(p * 10 ** d));
        expect(units.reduce((a, b) => a + b, 0)).toBe(cents);
        const sumW = w.reduce((a, b) => a + b, 0);
        units.forEach((u, i) => expect(Math.abs(u - (cents * w[i]) / sumW)).toBeLessThan(1 + 1e-6));
      })
    );
  });

  it("respects every floor and cap it is given", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 100 }),
            fc.integer({ min: 0, max: 50 }),
            fc.integer({ min: 0, max: 80 })
          ),
          { minLength: 1, maxLength: 20 }
        ),
        fc.integer({ min: 0, max: 3000 }),
        (rows, total) => {
          const floors = rows.map(([, f]) => f);
          const caps = rows.map(([, f, extra]) => f + extra);
          const feasible =
            floors.reduce((a, b) => a + b, 0) <= total && total <= caps.reduce((a, b) => a + b, 0);
          const run = () =>
            split(
              total,
              rows.map(([w]) => w),
              { floors: Float64Array.from(floors), caps: Float64Array.from(caps) }
            );
          if (!feasible) {
            expect(run).toThrow();
            return;
          }
          const parts = run();
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(floors[i]);
            expect(p).toBeLessThanOrEqual(caps[i]);
          });
        }
      )
    );
  });

  it("without bounds, the continuous split is exactly proportional", () => {
    const shares = boundedProportionalSplit(
      90,
      Float64Array.of(1, 2, 6),
      new Float64Array(3),
      Float64Array.of(Infinity, Infinity, Infinity)
    );
    expect(Array.from(shares)).toEqual([10, 20, 60]);
  });
});

describe("ramp", () => {
  const date = (iso: string) => serialFromIsoDate(iso)!;

  it("prorates the start month and ramps after it (hand-worked)", () => {
    // 120,000 a year = 10,000 a month. Starts 15 Feb 2026 (28-day month): 14 of 28 days at 25%.
    const months = Array.from(
      monthlyRamp(120_000, date("2026-02-15"), date("2026-01-01"), Float64Array.of(0.25, 0.5, 0.75))
    );
    expect(months).toEqual([
      0, 1250, 5000, 7500, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });

  it("continues a ramp that began before the fiscal year", () => {
    // Started 1 Nov 2025; FY starts 1 Feb 2026: Nov, Dec, Jan were ramp months 1–3, so FY month 1 is ramp month 4.
    const months = Array.from(
      monthlyRamp(
        120_000,
        date("2025-11-01"),
        date("2026-02-01"),
        Float64Array.of(0.2, 0.4, 0.6, 0.8)
      )
    );
    expect(months[0]).toBe(8000);
    expect(months.slice(1)).toEqual(new Array(11).fill(10_000));
  });

  it("gives nothing before a start after the fiscal year", () => {
    const months = Array.from(
      monthlyRamp(120_000, date("2027-03-01"), date("2026-04-01"), Float64Array.of(0.5))
    );
    expect(months.slice(0, 11)).toEqual(new Array(11).fill(0));
    expect(months[11]).toBe(5000);
  });
});

/**
 * The bounded split as first written: sort every breakpoint, binary search for the one where
 * the sum crosses the total, solve that linear piece. The split finds that segment without a
 * sort; the shares must come out the same to the last bit.
 */
function sortedBoundedSplit(total: number, raw: number[], lower: number[], upper: number[]) {
  const largest = Math.max(...raw);
  const w = raw.map((x) => x / largest);
  const sumAt = (l: number) =>
    w.reduce(
      (s, wi, i) => s + (wi > 0 ? Math.min(upper[i], Math.max(lower[i], l * wi)) : lower[i]),
      0
    );
  const points = w.flatMap((wi, i) =>
    wi <= 0 ? [] : Number.isFinite(upper[i]) ? [lower[i] / wi, upper[i] / wi] : [lower[i] / wi]
  );
  points.sort((a, b) => a - b);
  let low = -1;
  for (let k = 0; k < points.length; k++) if (sumAt(points[k]) < total) low = k;
  const from = low >= 0 ? points[low] : 0;
  const probe = low + 1 < points.length ? (from + points[low + 1]) / 2 : from + 1;
  let fixed = 0;
  let slope = 0;
  w.forEach((wi, i) => {
    const x = wi > 0 ? probe * wi : -Infinity;
    if (wi > 0 && x > lower[i] && x < upper[i]) slope += wi;
    else fixed += wi > 0 ? Math.min(upper[i], Math.max(lower[i], x)) : lower[i];
  });
  const lambda = slope > 0 ? (total - fixed) / slope : from;
  return w.map((wi, i) =>
    wi > 0 ? Math.min(upper[i], Math.max(lower[i], lambda * wi)) : lower[i]
  );
}

describe("bounded split without a sort", () => {
  it("gives the shares of the sorted search, to the last bit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.integer({ min: 0, max: 100 }),
              fc.double({ min: 0, max: 1e3, noNaN: true })
            ),
            fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 })),
            fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined })
          ),
          { minLength: 1, maxLength: 30 }
        ),
        fc.integer({ min: 0, max: 3000 }),
        (rows, total) => {
          const weights = rows.map(([w]) => w);
          const lower = rows.map(([, f]) => f);
          const upper = rows.map(([, f, extra]) => (extra === undefined ? Infinity : f + extra));
          const sumLower = lower.reduce((a, b) => a + b, 0);
          const sumUpper = upper.reduce((a, b) => a + b, 0);
          fc.pre(weights.some((w) => w > 0) && sumLower < total && total <= sumUpper);
          const shares = boundedProportionalSplit(
            total,
            Float64Array.from(weights),
            Float64Array.from(lower),
            Float64Array.from(upper)
          );
          expect(Array.from(shares)).toEqual(sortedBoundedSplit(total, weights, lower, upper));
        }
      ),
      { numRuns: 500 }
    );
  });
});
