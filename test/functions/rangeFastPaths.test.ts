/**
 * The range functions' fast paths (Kaplan–Meier by counting whole days, QUOTASPLIT without a
 * sort) against small, obviously correct references written here: sort the durations and
 * walk them; sort the remainders and hand out units. Random cells include what the fast
 * paths hand on to the general route (times of day, text, negative durations, bad rows),
 * so both routes are checked against the same reference.
 */
import fc from "fast-check";
import * as plan from "../../src/functions/functions";
import { column } from "../support/thrown";

type Cell = number | string | null;
const isBlank = (c: Cell) => c === null || (typeof c === "string" && c.trim() === "");

/** Kaplan–Meier as a textbook does it: sorted durations, one row per distinct closing day. */
function referenceSurvival(created: Cell[], closed: Cell[], asOf?: number) {
  const dates = [...created, ...closed].filter((c) => !isBlank(c));
  if (dates.some((c) => typeof c !== "number" || c < 0)) return "error";
  const cutoff = asOf ?? Math.max(...(dates as number[]));
  const closedDays: number[] = [];
  const openDays: number[] = [];
  for (let i = 0; i < created.length; i++) {
    const start = isBlank(created[i]) ? undefined : (created[i] as number);
    const end = isBlank(closed[i]) ? undefined : (closed[i] as number);
    if (start === undefined && end === undefined) continue;
    if (start === undefined) return "error";
    if (end !== undefined && end < start) return "error";
    if (end !== undefined && end <= cutoff) closedDays.push(end - start);
    else if (start > cutoff) return "error";
    else openDays.push(cutoff - start);
  }
  const deals = closedDays.length + openDays.length;
  const rows: number[][] = [];
  let survival = 1;
  for (const day of [...new Set(closedDays)].sort((a, b) => a - b)) {
    const atRisk =
      closedDays.filter((d) => d >= day).length + openDays.filter((d) => d >= day).length;
    const events = closedDays.filter((d) => d === day).length;
    survival *= 1 - events / atRisk;
    rows.push([day, atRisk, events, survival]);
  }
  const horizon = Math.max(0, ...closedDays, ...openDays);
  return { rows, deals, closedDays, horizon };
}

/** Dates of deals as a CRM export has them: whole days, blanks, and now and then something else. */
const dealCells = (odd: boolean) => {
  const day = fc.integer({ min: 45_000, max: 45_040 });
  const oddCell = fc.oneof(
    fc.constant<Cell>("n/a"),
    fc.constant<Cell>(-3),
    fc.integer({ min: 0, max: 40 }).map((d) => 45_000 + d + 0.25)
  );
  const cell = odd
    ? fc.oneof(
        { weight: 8, arbitrary: day as fc.Arbitrary<Cell> },
        { weight: 2, arbitrary: fc.constantFrom<Cell>("", null, "  ") },
        { weight: 1, arbitrary: oddCell }
      )
    : fc.oneof(
        { weight: 8, arbitrary: day as fc.Arbitrary<Cell> },
        { weight: 2, arbitrary: fc.constantFrom<Cell>("", null, "  ") }
      );
  const start = fc.oneof(
    { weight: 12, arbitrary: day as fc.Arbitrary<Cell> },
    { weight: 1, arbitrary: odd ? cell : (day as fc.Arbitrary<Cell>) }
  );
  return fc
    .array(fc.tuple(start, cell), { minLength: 1, maxLength: 40 })
    .chain((pairs) =>
      fc.constant({ created: pairs.map(([c]) => c), closed: pairs.map(([, e]) => e) })
    );
};

describe("Kaplan–Meier functions agree with a sort-based reference", () => {
  const asOfs = fc.option(fc.integer({ min: 45_010, max: 45_060 }), { nil: undefined });

  it.each([false, true])("SURVIVAL (with odd cells: %s)", (odd) => {
    fc.assert(
      fc.property(dealCells(odd), asOfs, ({ created, closed }, asOf) => {
        const expected = referenceSurvival(created, closed, asOf);
        const run = () => plan.survival(column(...created), column(...closed), asOf);
        if (expected === "error" || expected.deals === 0 || expected.rows.length === 0) {
          expect(run).toThrow(CustomFunctions.Error);
          return;
        }
        const [header, ...rows] = run();
        expect(header).toEqual(["Day", "AtRisk", "Closed", "StillOpen"]);
        expect(rows).toEqual(expected.rows);
      }),
      { numRuns: 300 }
    );
  });

  it.each([false, true])("CYCLETIME, CLOSEDBY (with odd cells: %s)", (odd) => {
    fc.assert(
      fc.property(
        dealCells(odd),
        asOfs,
        fc.integer({ min: 0, max: 50 }),
        ({ created, closed }, asOf, days) => {
          const expected = referenceSurvival(created, closed, asOf);
          const c = column(...created);
          const e = column(...closed);
          if (expected === "error" || expected.deals === 0) {
            expect(() => plan.cycletime(c, e, "mean", asOf)).toThrow(CustomFunctions.Error);
            expect(() => plan.closedby(c, e, days, asOf)).toThrow(CustomFunctions.Error);
            return;
          }
          const { rows, closedDays, horizon } = expected;
          // Restricted mean: the area under the step curve up to the horizon.
          let area = 0;
          let previous = 0;
          let survival = 1;
          for (const [day, , , s] of rows) {
            area += survival * (day - previous);
            previous = day;
            survival = s;
          }
          expect(plan.cycletime(c, e, "mean", asOf)).toBe(area + survival * (horizon - previous));
          const median = rows.find((r) => r[3] <= 0.5 + 1e-12);
          if (median) expect(plan.cycletime(c, e, "median", asOf)).toBe(median[0]);
          else expect(() => plan.cycletime(c, e, "median", asOf)).toThrow(CustomFunctions.Error);
          const within = rows.filter((r) => r[0] <= days);
          expect(plan.closedby(c, e, days, asOf)).toBe(
            1 - (within.length ? within[within.length - 1][3] : 1)
          );
          if (closedDays.length) {
            const mean = closedDays.reduce((a, b) => a + b, 0) / closedDays.length;
            expect(plan.cycletime(c, e, "closedmean", asOf)).toBeCloseTo(mean, 9);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it("counts and sorts alike on a hand-checked case with a time of day", () => {
    // Deals of 2, 2, 5 days and one open 10 days at as_of: S = 1 − 2/4 at day 2, then × (1 − 1/2) at day 5.
    const created = column(100, 100, 100, 100);
    const closed = column(102, 102, 105, "");
    expect(plan.survival(created, closed, 110)).toEqual([
      ["Day", "AtRisk", "Closed", "StillOpen"],
      [2, 4, 2, 0.5],
      [5, 2, 1, 0.25],
    ]);
    // The same deals with a closing time of day: 2.5 days instead of 2, through the sort.
    const timed = column(102.5, 102.5, 105, "");
    expect(plan.survival(created, timed, 110)).toEqual([
      ["Day", "AtRisk", "Closed", "StillOpen"],
      [2.5, 4, 2, 0.5],
      [5, 2, 1, 0.25],
    ]);
  });
});

/** Largest remainder as a textbook does it: sort the rows by remainder, ties to the earlier row. */
function referenceSplit(totalUnits: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (w > 0 ? totalUnits * (w / sum) : 0));
  const whole = shares.map(Math.floor);
  let left = totalUnits - whole.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, r: s - Math.floor(s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) if (left-- > 0) whole[i]++;
  return whole;
}

describe("QUOTASPLIT agrees with a sort-based largest remainder", () => {
  it("on random weights, with many ties", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.array(
          fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e4, noNaN: true })),
          {
            minLength: 1,
            maxLength: 60,
          }
        ),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = plan.quotasplit(total, column(...weights)).map(([p]) => p);
          expect(parts).toEqual(referenceSplit(total, weights));
        }
      ),
      { numRuns: 500 }
    );
  });
});
