import fc from "fast-check";
import {
  closedMean,
  closedWithin,
  closingQuantile,
  cycleObservations,
  cycleTime,
  kaplanMeier,
  parseCycleStatistic,
  restrictedMean,
} from "../../src/domain/cycleTime";
import { PlanError } from "../../src/domain/errors";

/**
 * Freireich et al. (1963), 6-MP arm: weeks of remission for 21 leukaemia patients, "+" =
 * censored. The Kaplan–Meier table below is the one published for it in Kleinbaum & Klein,
 * Survival Analysis (3rd ed., 2012), ch. 2, and in Collett, Modelling Survival Data, ch. 2.
 */
const sixMP = {
  closed: [6, 6, 6, 7, 10, 13, 16, 22, 23],
  open: [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35],
};
const published = [
  { day: 6, atRisk: 21, closed: 3, stillOpen: 0.857 },
  { day: 7, atRisk: 17, closed: 1, stillOpen: 0.807 },
  { day: 10, atRisk: 15, closed: 1, stillOpen: 0.753 },
  { day: 13, atRisk: 12, closed: 1, stillOpen: 0.69 },
  { day: 16, atRisk: 11, closed: 1, stillOpen: 0.627 },
  { day: 22, atRisk: 7, closed: 1, stillOpen: 0.538 },
  { day: 23, atRisk: 6, closed: 1, stillOpen: 0.448 },
];

/** Lays the durations out as dates the way a CRM export has them, observed on day 45000. */
function asDates(durations: { closed: number[]; open: number[] }, asOf = 45000) {
  const created: number[] = [];
  const closed: number[] = [];
  durations.closed.forEach((days, i) => {
    created.push(asOf - 40 - i);
    closed.push(asOf - 40 - i + days);
  });
  durations.open.forEach((days) => {
    created.push(asOf - days);
    closed.push(NaN);
  });
  return { created: Float64Array.from(created), closed: Float64Array.from(closed), asOf };
}

describe("Kaplan–Meier on the 6-MP remission data", () => {
  const { created, closed, asOf } = asDates(sixMP);
  const table = kaplanMeier(cycleObservations(created, closed, asOf));

  it("reproduces the published table", () => {
    expect(Array.from(table.day)).toEqual(published.map((r) => r.day));
    expect(Array.from(table.atRisk)).toEqual(published.map((r) => r.atRisk));
    expect(Array.from(table.closed)).toEqual(published.map((r) => r.closed));
    table.stillOpen.forEach((s, i) => expect(s).toBeCloseTo(published[i].stillOpen, 3));
  });

  it("gives the published median of 23 weeks", () => {
    expect(closingQuantile(table, 0.5)).toBe(23);
  });

  it("gives the restricted mean R's survival package prints for it (23.29 up to 35)", () => {
    expect(restrictedMean(table)).toBeCloseTo(23.287, 3);
  });

  it("answers #N/A for a quantile the data never reach", () => {
    expect(() => closingQuantile(table, 0.75)).toThrow(expect.objectContaining({ kind: "na" }));
  });

  it("gives the probability of closing within a number of days from the table", () => {
    expect(closedWithin(table, 5)).toBe(0);
    expect(closedWithin(table, 10)).toBeCloseTo(1 - 0.753, 3);
    expect(closedWithin(table, 100)).toBeCloseTo(1 - 0.448, 3);
  });

  it("shows why the closed-only average misleads: it is far shorter", () => {
    const closedOnly = closedMean(cycleObservations(created, closed, asOf));
    expect(closedOnly).toBeCloseTo(109 / 9, 10);
    expect(closedOnly).toBeLessThan(restrictedMean(table) / 1.5);
  });
});

describe("cycle observations from dates", () => {
  it("counts a deal closed after as_of as open at as_of", () => {
    const obs = cycleObservations(Float64Array.of(100, 100), Float64Array.of(110, 130), 120);
    expect(Array.from(obs.closedDays)).toEqual([10]);
    expect(Array.from(obs.openDays)).toEqual([20]);
  });

  it("defaults as_of to the latest date in either column", () => {
    const obs = cycleObservations(Float64Array.of(100, 105), Float64Array.of(110, NaN));
    expect(Array.from(obs.openDays)).toEqual([5]);
  });

  it("skips rows with both dates blank and locates bad rows", () => {
    const obs = cycleObservations(Float64Array.of(NaN, 100), Float64Array.of(NaN, 101), 200);
    expect(obs.closedDays.length + obs.openDays.length).toBe(1);
    const bad = () =>
      cycleObservations(Float64Array.of(100, 100, 100), Float64Array.of(101, 101, 99), 200);
    expect(bad).toThrow("closed date before created date in row 3");
    expect(bad).toThrow(
      expect.objectContaining({ kind: "value", where: { field: "closed", row: 3 } })
    );
    expect(() => cycleObservations(Float64Array.of(NaN), Float64Array.of(5))).toThrow(
      "created date is blank in row 1"
    );
  });

  it("reads the statistic argument", () => {
    expect(parseCycleStatistic(undefined)).toEqual({ kind: "median" });
    expect(parseCycleStatistic(" Mean ")).toEqual({ kind: "mean" });
    expect(parseCycleStatistic(0.9)).toEqual({ kind: "quantile", p: 0.9 });
    expect(() => parseCycleStatistic("average")).toThrow(PlanError);
    expect(() => parseCycleStatistic(1.5)).toThrow(PlanError);
  });
});

describe("Kaplan–Meier properties", () => {
  const durations = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 });

  it("with no open deals, the median is the lower median of the closed cycles", () => {
    fc.assert(
      fc.property(durations, (days) => {
        const obs = { closedDays: Float64Array.from(days).sort(), openDays: new Float64Array(0) };
        const sorted = [...days].sort((a, b) => a - b);
        expect(cycleTime(obs, { kind: "median" })).toBe(sorted[Math.ceil(sorted.length / 2) - 1]);
        // …and the restricted mean is the plain mean.
        expect(cycleTime(obs, { kind: "mean" })).toBeCloseTo(
          days.reduce((a, b) => a + b, 0) / days.length,
          8
        );
      })
    );
  });

  it("survival never rises, stays in [0, 1], and counts every closed deal once", () => {
    fc.assert(
      fc.property(durations, durations, (closedDays, openDays) => {
        const table = kaplanMeier({
          closedDays: Float64Array.from(closedDays).sort(),
          openDays: Float64Array.from(openDays).sort(),
        });
        let previous = 1;
        for (const s of table.stillOpen) {
          expect(s).toBeLessThanOrEqual(previous);
          expect(s).toBeGreaterThanOrEqual(0);
          previous = s;
        }
        expect(table.closed.reduce((a, b) => a + b, 0)).toBe(closedDays.length);
      })
    );
  });

  it("open deals only ever lengthen the estimated cycle compared with dropping them", () => {
    fc.assert(
      fc.property(durations, durations, (closedDays, openDays) => {
        const closedOnly = {
          closedDays: Float64Array.from(closedDays).sort(),
          openDays: new Float64Array(0),
        };
        const withOpen = { ...closedOnly, openDays: Float64Array.from(openDays).sort() };
        const horizon = Math.max(...closedDays, ...openDays);
        // Compare survival at every day: censoring can only keep more deals open.
        for (let day = 0; day <= horizon; day += 7) {
          expect(closedWithin(kaplanMeier(withOpen), day)).toBeLessThanOrEqual(
            closedWithin(kaplanMeier(closedOnly), day) + 1e-12
          );
        }
      })
    );
  });
});
