import fc from "fast-check";
import { forecastError, parseForecastMetric } from "../../src/domain/forecastError";
import { planError } from "../support/thrown";

const f64 = (...values: (number | null)[]) => Float64Array.from(values, (v) => v ?? NaN);

describe("forecast error, worked by hand", () => {
  // Forecast 110, 90, 50, — ; actual 100, 100, 0, 70 (the last pair has a blank: skipped).
  // |A − F| = 10, 10, 50 → 70; Σ|A| = 200 → WAPE = 0.35, accuracy = 0.65.
  // Σ(F − A) = 10 − 10 + 50 = 50; ΣA = 200 → bias = 0.25.
  // MAPE over A ≠ 0: (10/100 + 10/100) / 2 = 0.1.
  const forecasts = f64(110, 90, 50, null);
  const actuals = f64(100, 100, 0, 70);

  it.each([
    ["wape", 0.35],
    ["accuracy", 0.65],
    ["bias", 0.25],
    ["mape", 0.1],
  ] as const)("%s", (metric, expected) => {
    expect(forecastError(forecasts, actuals, metric)).toBeCloseTo(expected, 12);
  });

  it("reads the metric's name in any case, WAPE by default", () => {
    expect(parseForecastMetric(undefined)).toBe("wape");
    expect(parseForecastMetric(" Accuracy ")).toBe("accuracy");
    expect(planError(() => parseForecastMetric("rmse")).message).toBe(
      'unknown metric "rmse": use "wape", "bias", "mape" or "accuracy"'
    );
  });
});

describe("nothing to measure against", () => {
  it("is #DIV/0! with no actuals, or actuals that are all 0", () => {
    expect(planError(() => forecastError(f64(1, null), f64(null, 2))).kind).toBe("div0");
    expect(planError(() => forecastError(f64(), f64())).said.code).toBe("noForecastPairs");
    expect(planError(() => forecastError(f64(5), f64(0), "mape")).kind).toBe("div0");
    expect(planError(() => forecastError(f64(5, 5), f64(3, -3), "bias")).said.code).toBe(
      "actualsSumZero"
    );
    expect(forecastError(f64(5, 5), f64(3, -3))).toBeCloseTo(10 / 6, 12); // (|3 − 5| + |−3 − 5|) ÷ (3 + 3)
  });
});

describe("properties", () => {
  const pairs = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 })),
    { minLength: 1, maxLength: 30 }
  );
  it("a perfect forecast has no error; accuracy is 1 − WAPE; bias is within ±WAPE", () => {
    fc.assert(
      fc.property(pairs, (rows) => {
        const f = Float64Array.from(rows, (r) => r[0]);
        const a = Float64Array.from(rows, (r) => r[1]);
        expect(forecastError(a, a)).toBe(0);
        const wape = forecastError(f, a);
        expect(forecastError(f, a, "accuracy")).toBeCloseTo(1 - wape, 12);
        expect(Math.abs(forecastError(f, a, "bias"))).toBeLessThanOrEqual(wape + 1e-12);
      })
    );
  });
});
