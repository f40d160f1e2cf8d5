/**
 * The fast paths of WINRATE, WEIGHTEDPIPELINE, CONVERSIONBY, CONVERSION and QUOTASPLIT read
 * Excel's cells in place; each must give exactly what the general route gives, value and
 * error alike. The reference here is that general route forced: the same parameter tables
 * read by runFunction into columns, handed to the domain functions, as before the fast paths.
 * Random ranges are messy on purpose: blanks, spaces and case in labels, numbers as text,
 * logicals, error values, non-finite numbers, ragged rows and ranges of different lengths.
 */
import fc from "fast-check";
import { conversionBy, conversionRates, zeroStageError } from "../../src/domain/funnel";
import { weightedPipeline } from "../../src/domain/pipeline";
import { quotaSplit } from "../../src/domain/quota";
import { winRate } from "../../src/domain/winRate";
import { parameters, runFunction } from "../../src/functions/arguments";
import { shaped } from "../../src/functions/cells";
import { toExcelError } from "../../src/functions/excelErrors";
import * as plan from "../../src/functions/functions";

/** What a call gave: its value, or the Excel error's code and message. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    const { code, message } = error as CustomFunctions.Error;
    return { code, message };
  }
}

const errorCell = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable);

/** A label cell as people leave them. */
const labelCell = (labels: string[]) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom<unknown>(...labels) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...labels)
        .chain((l) => fc.constantFrom<unknown>(` ${l}`, `${l.toUpperCase()} `, l.toLowerCase())),
    },
    { weight: 3, arbitrary: fc.constantFrom<unknown>("", "  ", null, undefined) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(12, "12", true, false, "Negotiation") },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity) },
    { weight: 1, arbitrary: fc.constant(null).map(errorCell) }
  );

/** A number cell as people leave them. */
const numberCell = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 100_000 }) as fc.Arbitrary<unknown> },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) as fc.Arbitrary<unknown> },
  { weight: 3, arbitrary: fc.constantFrom<unknown>("", "  ", null, 0, -0) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-5, "100", true, NaN, Infinity, -Infinity) },
  { weight: 1, arbitrary: fc.constant(null).map(errorCell) }
);

/**
 * A range of cells: mostly a column, now and then a row, a ragged row or a stray bare cell
 * inside, a ragged last row, or a single scalar.
 */
const range = (cell: fc.Arbitrary<unknown>, minLength = 0) =>
  fc
    .tuple(
      fc.array(cell, { minLength, maxLength: 30 }),
      fc.nat(19),
      fc.nat(29),
      fc.option(cell, { nil: undefined })
    )
    .map(([cells, shape, at, extra]) => {
      const rows: unknown[] = cells.map((c) => [c]);
      if (shape === 0) return [cells];
      if (shape === 1 && rows.length > 0) rows[at % rows.length] = [cells[at % rows.length], extra];
      if (shape === 2 && rows.length > 0) rows[at % rows.length] = cells[at % rows.length];
      if (shape === 3 && rows.length > 0) rows[rows.length - 1] = [extra, extra];
      if (shape === 4) return cells[0];
      return rows;
    });

/** Two ranges describing the same records, usually of the same length. */
const pairedRanges = (first: fc.Arbitrary<unknown>, second: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(fc.tuple(first, second), { minLength: 1, maxLength: 30 })
        .map((pairs) => [pairs.map(([a]) => [a]), pairs.map(([, b]) => [b])] as const),
    },
    { weight: 2, arbitrary: fc.tuple(range(first), range(second)) }
  );

const outcomeLabels = ["Won", "Lost", "Open"];

describe("fast paths equal the general route on messy ranges", () => {
  const WINRATE = parameters([
    { name: "outcomes", kind: "labelColumn" },
    { name: "amounts", kind: "numbersWithBlanks", optional: true, pairedWith: "outcomes" },
    { name: "won_label", kind: "text", optional: true, default: "Won" },
    { name: "lost_label", kind: "text", optional: true, default: "Lost" },
  ]);
  const generalWinRate = (...raw: [unknown, unknown, unknown, unknown]) =>
    runFunction(WINRATE, raw, ({ outcomes, amounts, won_label, lost_label }) =>
      winRate(outcomes, amounts, won_label, lost_label)
    );

  it("WINRATE, by count and by value", () => {
    const labelArgument = fc.constantFrom<unknown>(
      undefined,
      null,
      "won",
      " Lost ",
      "Open",
      "",
      7,
      [["Won"]]
    );
    fc.assert(
      fc.property(
        pairedRanges(labelCell(outcomeLabels), numberCell),
        fc.boolean(),
        labelArgument,
        labelArgument,
        ([outcomes, amounts], weighted, won, lost) => {
          const args = [outcomes, weighted ? amounts : undefined, won, lost] as const;
          expect(outcome(() => plan.winrate(...(args as [never, never, never, never])))).toEqual(
            outcome(() => generalWinRate(...args))
          );
        }
      ),
      { numRuns: 1500 }
    );
  });

  const WEIGHTEDPIPELINE = parameters([
    { name: "amounts", kind: "numbersWithBlanks" },
    { name: "stages", kind: "labelColumn", pairedWith: "amounts" },
    { name: "stage_names", kind: "labels" },
    { name: "stage_probabilities", kind: "numbers" },
  ]);
  const stageNames = ["Lead", "Qualified", "Proposal", "Won"];

  it("WEIGHTEDPIPELINE", () => {
    const names = fc.constantFrom<unknown>(
      stageNames.map((n) => [n]),
      [["Lead"], ["lead "], ["Won"]],
      [["Lead"], [""], ["Won"]],
      [["Lead"], ["Qualified"]]
    );
    const odds = fc.constantFrom<unknown>(
      [[0.1], [0.3], [0.6], [1]],
      [[0.1], [0.3], [1.5], [1]],
      [[0.1], [""], [0.6], [1]],
      [[0.5], [1]]
    );
    fc.assert(
      fc.property(
        pairedRanges(numberCell, labelCell(stageNames)),
        names,
        odds,
        ([amounts, stages], n, p) => {
          expect(
            outcome(() =>
              plan.weightedpipeline(amounts as never, stages as never, n as never, p as never)
            )
          ).toEqual(
            outcome(() =>
              runFunction(
                WEIGHTEDPIPELINE,
                [amounts, stages, n, p],
                ({ amounts, stages, stage_names, stage_probabilities }) =>
                  weightedPipeline(amounts, stages, stage_names, stage_probabilities.values)
              )
            )
          );
        }
      ),
      { numRuns: 1500 }
    );
  });

  const CONVERSIONBY = parameters([
    { name: "groups", kind: "labelColumn" },
    { name: "stage_reached", kind: "labelColumn", pairedWith: "groups" },
    { name: "stage_names", kind: "labels" },
  ]);
  const divideByZeroCell = () =>
    new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);

  it("CONVERSIONBY", () => {
    const names = fc.constantFrom<unknown>(
      stageNames.map((n) => [n]),
      [["Lead"], ["Won"], [""]],
      [["Lead"], ["LEAD"]],
      [["Lead"]]
    );
    // Now and then more groups than the fast path's first table holds, with spellings that
    // share a lookup slot (same length, first and last letter: "Region 1x1", "Region 2x1").
    const manyGroups = Array.from({ length: 14 }, (_, i) => `Region ${i % 7}x${i < 7 ? 1 : 2}`);
    const groupCell = fc.oneof(
      { weight: 3, arbitrary: labelCell(["Web", "Event", "Partner"]) },
      { weight: 1, arbitrary: labelCell(manyGroups) }
    );
    fc.assert(
      fc.property(pairedRanges(groupCell, labelCell(stageNames)), names, ([groups, stages], n) => {
        expect(
          outcome(() => plan.conversionby(groups as never, stages as never, n as never))
        ).toEqual(
          outcome(() =>
            runFunction(
              CONVERSIONBY,
              [groups, stages, n],
              ({ groups, stage_reached, stage_names }) => {
                const table = conversionBy(groups, stage_reached, stage_names);
                return [
                  table.header,
                  ...[...table.groups, table.total].map((row) => [
                    row.group,
                    ...row.reached,
                    ...row.rates.map((rate) => (rate === null ? divideByZeroCell() : rate)),
                    row.overall === null ? divideByZeroCell() : row.overall,
                  ]),
                ];
              }
            )
          )
        );
      }),
      { numRuns: 1500 }
    );
  });

  const CONVERSION = parameters([{ name: "stage_counts", kind: "numbers" }]);

  it("CONVERSION", () => {
    // Mostly falling counts (as a funnel has them), with zeros, growth and odd cells.
    const counts = fc
      .array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 30 })
      .chain((drops) =>
        fc.tuple(fc.constant(drops), fc.integer({ min: 0, max: 60 }), fc.nat(40), numberCell)
      )
      .map(([drops, start, at, odd]) => {
        let count = start;
        const cells: unknown[] = drops.map((drop) => (count = Math.max(0, count - drop)));
        if (at < cells.length) cells[at] = odd;
        return cells.map((c) => [c]);
      });
    fc.assert(
      fc.property(
        fc.oneof({ weight: 6, arbitrary: counts }, { weight: 1, arbitrary: range(numberCell) }),
        (cells) => {
          expect(outcome(() => plan.conversion(cells as never))).toEqual(
            outcome(() =>
              runFunction(CONVERSION, [cells], ({ stage_counts }) =>
                shaped(
                  conversionRates(stage_counts.values).map((rate, i) =>
                    rate === null ? toExcelError(zeroStageError(i + 1)) : rate
                  ),
                  stage_counts.orientation
                )
              )
            )
          );
        }
      ),
      { numRuns: 1500 }
    );
  });

  const QUOTASPLIT = parameters([
    { name: "total", kind: "number" },
    { name: "weights", kind: "numbers" },
    { name: "decimals", kind: "number", optional: true, default: 0 },
    { name: "floors", kind: "numbersWithBlanks", optional: true, onePer: "weights" },
    { name: "caps", kind: "numbersWithBlanks", optional: true, onePer: "weights" },
  ]);

  it("QUOTASPLIT, with and without floors and caps", () => {
    const total = fc.constantFrom<unknown>(1000, 0, 99.5, 1e7, -5, "1000", NaN, [[1000]], null);
    const decimals = fc.constantFrom<unknown>(undefined, null, 0, 2, -1, 1.5, 12, "2", "");
    const boundCell = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom<unknown>("", null, "  ") },
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 200 }) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: numberCell }
    );
    // Mostly plain weights, so that most draws split (an odd cell anywhere refuses them all).
    const weightCell = fc.oneof(
      { weight: 40, arbitrary: fc.integer({ min: 0, max: 1000 }) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: numberCell }
    );
    const split = fc
      .array(fc.tuple(weightCell, boundCell, boundCell), { minLength: 1, maxLength: 30 })
      .map((rows) => rows.map(([w, f, c]) => [[w], [f], [c]]));
    const withBounds = fc.tuple(split, fc.nat(3)).map(([rows, which]) => ({
      weights: rows.map(([w]) => w) as unknown,
      floors: which & 1 ? (rows.map(([, f]) => f) as unknown) : undefined,
      caps: which & 2 ? (rows.map(([, , c]) => c) as unknown) : undefined,
    }));
    const parts = fc.oneof(
      { weight: 6, arbitrary: withBounds },
      {
        weight: 1,
        arbitrary: fc
          .tuple(range(numberCell, 1), range(boundCell), range(boundCell))
          .map(([weights, floors, caps]) => ({ weights, floors, caps })),
      }
    );
    const splits = { total: 0, values: 0 };
    fc.assert(
      fc.property(total, decimals, parts, (t, d, { weights, floors, caps }) => {
        const raw = [t, weights, d, floors, caps] as const;
        splits.total++;
        const fast = outcome(() =>
          plan.quotasplit(t as never, weights as never, d as never, floors as never, caps as never)
        );
        if ("value" in (fast as object)) splits.values++;
        expect(fast).toEqual(
          outcome(() =>
            runFunction(QUOTASPLIT, raw, ({ total, weights, decimals, floors, caps }) =>
              shaped(
                quotaSplit(total, weights.values, { decimals, floors, caps }),
                weights.orientation
              )
            )
          )
        );
      }),
      { numRuns: 1500 }
    );
    // The fast path's own results, not only its refusals, are what this compares.
    expect(splits.values).toBeGreaterThan(splits.total / 10);
  });
});
