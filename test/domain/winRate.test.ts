import fc from "fast-check";
import { columnOf } from "../../src/domain/column";
import { bayesWinRate, wilsonInterval, winRate } from "../../src/domain/winRate";

const winRateOf = (
  outcomes: string[],
  ...rest: Parameters<typeof winRate> extends [unknown, ...infer R] ? R : never
) => winRate(columnOf(outcomes), ...rest);
import { normalQuantile } from "../../src/domain/statistics";

describe("normal quantile (AS 241)", () => {
  it.each([
    // Tabulated standard normal critical values (e.g. Abramowitz & Stegun, Table 26.5).
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.001, -3.090232306167813],
  ])("Φ⁻¹(%p) = %p", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it("is symmetric and reaches the far tail", () => {
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0471, 4);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 6);
      })
    );
  });
});

describe("Wilson score interval", () => {
  // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
  // comparison of seven methods. Statistics in Medicine 17, 857–872. Table II, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i gives [%p, %p] as Newcombe publishes", (wins, closed, low, high) => {
    const [l, h] = wilsonInterval(wins, closed, 0.95);
    expect(l).toBeCloseTo(low, 4);
    expect(h).toBeCloseTo(high, 4);
  });

  it("always contains the observed rate and stays within [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, share, confidence) => {
          const wins = Math.floor(share * n);
          const [low, high] = wilsonInterval(wins, n, confidence);
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(wins / n + 1e-12);
          expect(high).toBeGreaterThanOrEqual(wins / n - 1e-12);
        }
      )
    );
  });

  it("refuses impossible counts with the right error kind", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(expect.objectContaining({ kind: "num" }));
    expect(() => wilsonInterval(0, 0)).toThrow(expect.objectContaining({ kind: "div0" }));
    expect(() => wilsonInterval(1, 2, 1)).toThrow(expect.objectContaining({ kind: "num" }));
  });
});

describe("win rate from outcomes", () => {
  it("leaves open deals out and matches labels case- and space-insensitively", () => {
    expect(winRateOf(["Won", " lost", "Open", "WON ", "", "Negotiation"], undefined)).toBe(2 / 3);
  });

  it("weights by value when amounts are given", () => {
    expect(winRateOf(["Won", "Lost", "Open"], Float64Array.of(300, 100, 5000))).toBe(0.75);
  });

  it("uses the user's own labels", () => {
    expect(
      winRateOf(
        ["Closed Won", "Closed Lost", "Closed Lost"],
        undefined,
        "closed won",
        "closed lost"
      )
    ).toBeCloseTo(1 / 3, 15);
  });

  it("says where a closed deal has no amount", () => {
    expect(() => winRateOf(["Open", "Won"], Float64Array.of(NaN, NaN))).toThrow(
      "amounts is blank in row 2"
    );
    expect(() => winRateOf(["Open", "Won"], Float64Array.of(1, -5))).toThrow(
      expect.objectContaining({ kind: "num" })
    );
  });

  it("divides by zero like COUNTIFS ratios do when nothing has closed", () => {
    expect(() => winRateOf(["Open", ""], undefined)).toThrow(
      expect.objectContaining({ kind: "div0" })
    );
  });
});

describe("Bayesian win rate", () => {
  it("is Laplace's rule of succession with the default prior", () => {
    expect(bayesWinRate(0, 0)).toBe(0.5);
    expect(bayesWinRate(3, 4)).toBe(4 / 6);
    expect(bayesWinRate(3, 4, 2, 8)).toBe(5 / 14);
  });
});
