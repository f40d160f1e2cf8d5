import fc from "fast-check";
import { columnOf } from "../../src/domain/column";
import {
  conversionBy as conversionByColumns,
  conversionRates,
  funnelRevenue,
  leadsNeeded,
  wholeUp,
} from "../../src/domain/funnel";

const conversionBy = (groups: string[], reached: string[], stages: string[]) =>
  conversionByColumns(columnOf(groups), columnOf(reached), stages);

describe("funnel conversion", () => {
  it("gives stage-to-stage rates (hand-worked)", () => {
    expect(Array.from(conversionRates(Float64Array.of(1000, 250, 50, 10)))).toEqual([
      0.25, 0.2, 0.2,
    ]);
  });

  it("leaves only the rate after an empty stage undefined, as Excel's =B2:B4/A1:A3 does", () => {
    // 130/1000, 0/130, then 0/0: only the last divides by zero.
    expect(conversionRates(Float64Array.of(1000, 130, 0, 0))).toEqual([0.13, 0, null]);
  });

  it("rejects counts that grow down the funnel, negative counts and fewer than two stages", () => {
    expect(() => conversionRates(Float64Array.of(10, 20))).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "stage_counts", row: 2 } })
    );
    expect(() => conversionRates(Float64Array.of(10, -1))).toThrow(
      expect.objectContaining({ kind: "num" })
    );
    expect(() => conversionRates(Float64Array.of(5))).toThrow(
      expect.objectContaining({ kind: "value" })
    );
  });
});

describe("revenue identity", () => {
  it("multiplies leads, rates, deal size and collection (hand-worked)", () => {
    // 1,000 leads × 25% to opportunity × 20% win × 50,000 × 90% collected = 2,250,000.
    expect(funnelRevenue(1000, Float64Array.of(0.25, 0.2), 50_000, 0.9)).toBeCloseTo(2_250_000, 6);
  });

  it("works back from a target, rounding up at each stage (hand-worked)", () => {
    // 1,000,000 at 20,000 a deal = 50 won; 50 / 25% = 200 opportunities; 200 / 10% = 2,000 leads.
    expect(leadsNeeded(1_000_000, Float64Array.of(0.1, 0.25), 20_000)).toEqual([2000, 200, 50]);
    // 1,000,000 at 30,000 = 33.3 → 34 won; 34 / 30% = 113.3 → 114; 114 / 10% = 1,140.
    expect(leadsNeeded(1_000_000, Float64Array.of(0.1, 0.3), 30_000)).toEqual([1140, 114, 34]);
    // Collection ratio: 900,000 collected at 90% needs 1,000,000 billed = 10 deals of 100,000.
    expect(leadsNeeded(900_000, Float64Array.of(0.5), 100_000, 0.9)).toEqual([20, 10]);
  });

  it("treats values within 1e-9 of a whole number as that number", () => {
    expect(wholeUp(2000.0000000000002)).toBe(2000);
    expect(wholeUp(2000.001)).toBe(2001);
    expect(wholeUp(0)).toBe(0);
  });

  it("the leads it asks for always reach the target", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (target, rates, deal, collection) => {
          const needed = leadsNeeded(target, Float64Array.from(rates), deal, collection);
          // Each stage feeds at least the whole number of deals the next stage needs.
          for (let i = 0; i < rates.length; i++)
            expect(needed[i] * rates[i]).toBeGreaterThanOrEqual(needed[i + 1] * (1 - 1e-9));
          expect(needed[rates.length] * deal * collection).toBeGreaterThanOrEqual(
            target * (1 - 1e-9)
          );
          needed.forEach((n) => expect(Number.isInteger(n)).toBe(true));
        }
      )
    );
  });

  it("refuses rates outside [0, 1] and a zero rate it would divide by", () => {
    expect(() => funnelRevenue(10, Float64Array.of(1.2), 5)).toThrow(
      expect.objectContaining({ kind: "num", where: { field: "rates", row: 1 } })
    );
    expect(() => leadsNeeded(100, Float64Array.of(0.5, 0), 5)).toThrow(
      expect.objectContaining({ kind: "div0" })
    );
    expect(() => leadsNeeded(100, Float64Array.of(0.5), 0)).toThrow(
      expect.objectContaining({ kind: "div0" })
    );
  });
});

describe("conversion by group", () => {
  const stages = ["Lead", "Opportunity", "Won"];

  it("counts each lead at every stage up to the furthest it reached (hand-worked)", () => {
    const table = conversionBy(
      ["Web", "web ", "Event", "Web", "Event", ""],
      ["Won", "Lead", "Opportunity", "opportunity", "Lead", "Lead"],
      stages
    );
    expect(table.header).toEqual([
      "Group",
      "Lead",
      "Opportunity",
      "Won",
      "Lead→Opportunity",
      "Opportunity→Won",
      "Lead→Won",
    ]);
    expect(table.groups.map((g) => g.group)).toEqual(["(blank)", "Event", "Web"]);
    const web = table.groups[2];
    expect(web.reached).toEqual([3, 2, 1]);
    expect(web.rates).toEqual([2 / 3, 1 / 2]);
    expect(web.overall).toBe(1 / 3);
    expect(table.groups[0].rates).toEqual([0, null]);
    expect(table.total.reached).toEqual([6, 3, 1]);
  });

  it("names an unknown stage and its row with #N/A", () => {
    expect(() => conversionBy(["Web"], ["Closed"], stages)).toThrow(
      expect.objectContaining({ kind: "na", where: { field: "stage_reached", row: 1 } })
    );
  });
});
