/**
 * Whatever a user selects, a PLAN function answers with a value or a proper Excel error:
 * never a raw exception, never NaN or ±Infinity, never a hang. fast-check feeds every
 * function Excel-shaped arguments: numbers of every magnitude, text, logicals, blanks,
 * error cells, dates, rows, columns, ragged and empty ranges.
 */
import fc from "fast-check";
import * as plan from "../../src/functions/functions";

const errorCell = fc
  .constantFrom("#VALUE!", "#N/A", "#DIV/0!")
  .map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode));
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 60_000 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 1e-300, Number.MAX_SAFE_INTEGER) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "Won",
      "Lost",
      "Open",
      "won ",
      "Lead",
      "Opportunity",
      "median",
      "mean",
      "closedmean",
      "0.9"
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom("2026-01-31", "2025-02-29", "=1+1", "  ", "区域") },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constantFrom("", null) },
  { weight: 1, arbitrary: errorCell }
);
const column = fc.array(cell, { maxLength: 12 }).map((cells) => cells.map((c) => [c]));
const row = fc.array(cell, { maxLength: 12 }).map((cells) => [cells]);
const block = fc.array(fc.array(cell, { minLength: 2, maxLength: 3 }), {
  minLength: 2,
  maxLength: 4,
});
const ragged = fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 4 });
const argument = fc.oneof(
  { weight: 5, arbitrary: column },
  { weight: 3, arbitrary: row },
  { weight: 4, arbitrary: cell },
  { weight: 1, arbitrary: block },
  { weight: 1, arbitrary: ragged },
  { weight: 1, arbitrary: fc.constantFrom(undefined, [], [[]]) }
);

function checkCell(value: unknown) {
  if (value instanceof CustomFunctions.Error) return;
  if (typeof value === "number") {
    expect(Number.isFinite(value)).toBe(true);
    return;
  }
  expect(["string", "boolean"]).toContain(typeof value);
}

const functions = Object.entries(plan).filter(([, fn]) => typeof fn === "function") as [
  string,
  (...args: unknown[]) => unknown,
][];

describe("every PLAN function on arbitrary Excel input", () => {
  it("covers all twenty-three functions", () => {
    expect(functions).toHaveLength(23);
  });

  it.each(functions)("%s returns a clean value or an Excel error", (_, fn) => {
    fc.assert(
      fc.property(
        fc.array(argument, { minLength: fn.length, maxLength: fn.length + 2 }),
        (args) => {
          let result: unknown;
          try {
            result = fn(...args);
          } catch (error) {
            expect(error).toBeInstanceOf(CustomFunctions.Error);
            const code = (error as CustomFunctions.Error).code;
            expect(["#VALUE!", "#N/A", "#NUM!", "#DIV/0!"]).toContain(code);
            if (code === "#VALUE!" || code === "#N/A")
              expect((error as CustomFunctions.Error).message).toBeTruthy();
            return;
          }
          if (Array.isArray(result)) {
            expect(result.length).toBeGreaterThan(0);
            const width = (result[0] as unknown[]).length;
            for (const line of result as unknown[][]) {
              expect(line).toHaveLength(width);
              line.forEach(checkCell);
            }
          } else {
            checkCell(result);
          }
        }
      ),
      { numRuns: 400 }
    );
  });
});

/** Arguments of the right shape and type, with extreme values: this reaches the arithmetic. */
describe("every PLAN function on well-formed input with extreme values", () => {
  const anyNumber = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 0, max: 1000 }),
    fc.constantFrom(0, 1, 1e308, 5e-324, -1)
  );
  const fraction = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.constantFrom(0, 1, 5e-324)
  );
  const date = fc.oneof(
    fc.integer({ min: 40_000, max: 50_000 }),
    fc.constantFrom("2026-02-28", "")
  );
  const kinds = (n: number) => ({
    num: anyNumber,
    frac: fraction,
    nums: fc.array(anyNumber, { minLength: n, maxLength: n }).map((c) => c.map((x) => [x])),
    numsOrBlank: fc
      .array(fc.oneof(anyNumber, fc.constant("")), { minLength: n, maxLength: n })
      .map((c) => c.map((x) => [x])),
    fracs: fc.array(fraction, { minLength: 1, maxLength: 4 }).map((c) => [c]),
    labels: fc
      .array(fc.constantFrom("Won", "Lost", "Open", ""), { minLength: n, maxLength: n })
      .map((c) => c.map((x) => [x])),
    stages: fc
      .array(fc.constantFrom("Lead", "Opportunity", "Won", ""), { minLength: n, maxLength: n })
      .map((c) => c.map((x) => [x])),
    stageNames: fc.constant([["Lead"], ["Opportunity"], ["Won"]]),
    stageOdds: fc.array(fraction, { minLength: 3, maxLength: 3 }).map((c) => c.map((x) => [x])),
    dates: fc.array(date, { minLength: n, maxLength: n }).map((c) => c.map((x) => [x])),
    date,
    statistic: fc.oneof(fc.constantFrom("median", "mean", "closedmean"), fraction),
    decimals: fc.integer({ min: -3, max: 4 }),
    months: fc.array(anyNumber, { minLength: 12, maxLength: 12 }).map((c) => c.map((x) => [x])),
    month: fc.oneof(fc.integer({ min: -1, max: 14 }), anyNumber),
    // Pipeline flow: blocks of four columns, a row per deal or stay, and the open stages.
    snapshot: fc.array(
      fc.tuple(
        fc.constantFrom("d1", "d2", "d3", 4, ""),
        fc.constantFrom("Lead", "Opportunity", "Won", "Lost", ""),
        fc.oneof(anyNumber, fc.constant("")),
        date
      ),
      { minLength: n, maxLength: n }
    ),
    history: fc.array(
      fc.tuple(
        fc.constantFrom("d1", "d2", "d3", ""),
        fc.constantFrom("Lead", "Opportunity"),
        date,
        date
      ),
      { minLength: n, maxLength: n }
    ),
    steps: fc
      .array(fc.constantFrom("Lead", "Opportunity", "Won", "Lost", ""), {
        minLength: n,
        maxLength: n,
      })
      .map((c) => c.map((x) => [x])),
    openStages: fc.constant([["Lead"], ["Opportunity"]]),
    openOdds: fc.array(fraction, { minLength: 2, maxLength: 2 }).map((c) => c.map((x) => [x])),
    metric: fc.constantFrom("wape", "bias", "mape", "accuracy"),
  });
  type Kind = keyof ReturnType<typeof kinds>;
  const signatures: Record<string, Kind[]> = {
    conversion: ["nums"],
    funnelrevenue: ["num", "fracs", "num", "frac"],
    leadsneeded: ["num", "fracs", "num", "frac"],
    conversionby: ["labels", "stages", "stageNames"],
    winrate: ["labels", "numsOrBlank"],
    winrateci: ["num", "num", "frac"],
    winratebayes: ["num", "num", "num", "num"],
    cycletime: ["dates", "dates", "statistic", "date"],
    closedby: ["dates", "dates", "num", "date"],
    survival: ["dates", "dates", "date"],
    velocity: ["num", "frac", "num", "num"],
    coverage: ["num", "num"],
    weightedpipeline: ["numsOrBlank", "stages", "stageNames", "stageOdds"],
    quotasplit: ["num", "nums", "decimals", "numsOrBlank", "numsOrBlank"],
    ramp: ["num", "date", "date", "fracs"],
    attainment: ["num", "num"],
    capacity: ["num", "months", "num", "fracs", "frac", "month"],
    hiresneeded: ["num", "num", "num", "fracs", "frac", "month"],
    revenuebridge: ["nums", "nums"],
    pipelinemoves: ["snapshot", "snapshot", "date"],
    stagewin: ["steps", "steps", "openStages"],
    forecasterror: ["numsOrBlank", "numsOrBlank", "metric"],
    pipelineforecast: ["snapshot", "date", "openStages", "openOdds", "labels", "history", "date"],
  };

  it("has a signature for every function", () => {
    expect(Object.keys(signatures).sort()).toEqual(functions.map(([name]) => name).sort());
  });

  it.each(functions)("%s stays finite or errs properly", (name, fn) => {
    const args = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc.tuple(...signatures[name].map((kind) => kinds(n)[kind] as fc.Arbitrary<unknown>))
      );
    fc.assert(
      fc.property(args, (values) => {
        try {
          const result = fn(...values);
          if (Array.isArray(result))
            (result as unknown[][]).forEach((line) => line.forEach(checkCell));
          else checkCell(result);
        } catch (error) {
          expect(error).toBeInstanceOf(CustomFunctions.Error);
        }
      }),
      { numRuns: 300 }
    );
  });
});
