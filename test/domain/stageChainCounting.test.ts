/**
 * STAGEWIN's counting pass (a small hashed table of spellings, a flat count matrix) against
 * a plain reference written here from the rule users rely on: a label matches a stage, won
 * or lost after trimming and ignoring case, as WINRATE matches outcomes.
 */
import fc from "fast-check";
import { columnOf } from "../../src/domain/column";
import { countSteps, stageChain } from "../../src/domain/stageChain";
import { planError } from "../support/thrown";

// Names of equal length and equal last letter, so that lookups collide in the table.
const POOL = ["Lead", "Lost deal", "Stage 1", "Stage 2", "Stage 3", "Proposal", "Demo", "Trial"];

/** Where a row goes: an open stage's index, WON, LOST, or BOTH_BLANK (a row past the data). */
const WON = -10;
const LOST = -11;
const BOTH_BLANK = -12;

interface Case {
  names: string[];
  won: string;
  lost: string;
  rows: [number, number][];
}

const messy = (label: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: label.length, maxLength: label.length }),
      fc.constantFrom("", " ", "  ", "\t"),
      fc.constantFrom("", " ", "\t ")
    )
    .map(
      ([upper, before, after]) =>
        before +
        [...label].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join("") +
        after
    );

const cases: fc.Arbitrary<Case> = fc
  .tuple(
    fc.shuffledSubarray(POOL, { minLength: 1, maxLength: 6 }),
    fc.constantFrom(["Won", "Lost"], ["Closed won", "Closed lost"], ["W", "L"])
  )
  .chain(([names, [won, lost]]) => {
    const from = fc.oneof(
      { weight: 6, arbitrary: fc.nat({ max: names.length - 1 }) },
      { weight: 1, arbitrary: fc.constantFrom(WON, LOST) }
    );
    const to = fc.oneof(
      { weight: 4, arbitrary: fc.nat({ max: names.length - 1 }) },
      { weight: 2, arbitrary: fc.constantFrom(WON, LOST) }
    );
    const row = fc.oneof(
      { weight: 12, arbitrary: fc.tuple(from, to) },
      { weight: 1, arbitrary: fc.constant<[number, number]>([BOTH_BLANK, BOTH_BLANK]) }
    );
    return fc.record({
      names: fc.constant(names),
      won: fc.constant(won),
      lost: fc.constant(lost),
      rows: fc.array(row, { maxLength: 300 }),
    });
  });

/** Each row's two cells, spelled the way a person might type them. */
const spelled = (c: Case) => {
  const labelOf = (where: number) =>
    where === WON ? c.won : where === LOST ? c.lost : c.names[where];
  const cell = (where: number) =>
    where === BOTH_BLANK ? fc.constantFrom("", " ", "   ") : messy(labelOf(where));
  return fc.tuple(...c.rows.map(([a, b]) => fc.tuple(cell(a), cell(b))));
};

const steps = fc.tuple(cases).chain(([c]) => fc.tuple(fc.constant(c), spelled(c)));

/** The reference: every row read on its own, the n × (n + 2) counts as nested arrays. */
function referenceCounts(cells: [string, string][], c: Case): number[][] {
  const key = (label: string) => label.trim().toLowerCase();
  const n = c.names.length;
  const state = (label: string) => {
    const k = key(label);
    if (k === key(c.won)) return n;
    if (k === key(c.lost)) return n + 1;
    if (k === "") return -1;
    return c.names.findIndex((name) => key(name) === k);
  };
  const counts = c.names.map(() => new Array<number>(n + 2).fill(0));
  for (const [a, b] of cells) {
    const s = state(a);
    const t = state(b);
    if (s === -1 && t === -1) continue;
    if (s < n) counts[s][t] += 1;
  }
  return counts;
}

const rowsOf = (flat: Float64Array, n: number) =>
  Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * (n + 2), (i + 1) * (n + 2))));

describe("counting the observed steps", () => {
  it("counts exactly what a row-by-row reference counts, however the labels are typed", () => {
    fc.assert(
      fc.property(steps, ([c, cells]) => {
        const from = columnOf(cells.map(([a]) => a));
        const to = columnOf(cells.map(([, b]) => b));
        const counts = countSteps(from, to, c.names, c.won, c.lost);
        expect(rowsOf(counts, c.names.length)).toEqual(referenceCounts(cells, c));
      }),
      { numRuns: 200 }
    );
  });

  it("gives the same odds for messy labels as for the stage names typed cleanly", () => {
    fc.assert(
      fc.property(steps, ([c, cells]) => {
        const clean = (where: number) =>
          where === WON
            ? c.won
            : where === LOST
              ? c.lost
              : where === BOTH_BLANK
                ? ""
                : c.names[where];
        const tidy = stageChain(
          columnOf(c.rows.map(([a]) => clean(a))),
          columnOf(c.rows.map(([, b]) => clean(b))),
          c.names,
          c.won,
          c.lost
        );
        const typed = stageChain(
          columnOf(cells.map(([a]) => a)),
          columnOf(cells.map(([, b]) => b)),
          c.names,
          c.won,
          c.lost
        );
        expect(typed).toEqual(tidy);
      }),
      { numRuns: 100 }
    );
  });

  it("keeps counting right past the spellings its table holds", () => {
    // 40 spellings of "Lead" (each letter's case) and of "Won": more than the table keeps.
    const spellings = (label: string) =>
      Array.from(
        { length: 40 },
        (_, k) =>
          [...label].map((ch, i) => ((k >> i) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join("") +
          " ".repeat(k % 3)
      );
    const leads = spellings("Lead");
    const wins = spellings("Won");
    const from = columnOf([...leads, ...leads]);
    const to = columnOf([...wins, ...leads]);
    expect(Array.from(countSteps(from, to, ["Lead"]))).toEqual([40, 40, 0]);
  });

  it("names the first bad row as a row-by-row reading would", () => {
    // A row with an unknown stage or only one cell filled, dropped at a random place.
    const bad = fc.constantFrom<[string, string, string]>(
      ["Lead", "Negotiation", "to_stages"],
      ["Negotiation", "Won", "from_stages"],
      ["", "Lead", "from_stages"],
      ["Lead", " ", "to_stages"],
      ["Won", "Elsewhere", "to_stages"]
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("Lead", "won", ""), fc.constantFrom("LOST", "lead ")), {
          maxLength: 50,
        }),
        fc.nat(),
        bad,
        (good, at, [a, b, field]) => {
          // Keep the good rows whole: a blank only pairs with a blank.
          const rows = good.map(([x, y]): [string, string] => (x === "" ? ["", ""] : [x, y]));
          const position = at % (rows.length + 1);
          rows.splice(position, 0, [a, b]);
          const error = planError(() =>
            countSteps(columnOf(rows.map((r) => r[0])), columnOf(rows.map((r) => r[1])), ["Lead"])
          );
          expect(error.where).toEqual({ field, row: position + 1 });
        }
      )
    );
  });
});
