/**
 * Cross-check against a real spreadsheet engine: for generated deal sheets, each PLAN
 * function must agree with the native Excel formula a planner would otherwise write,
 * evaluated by HyperFormula on the same cells.
 */
import fc from "fast-check";
import * as plan from "../../src/functions/functions";
import { evaluate, rangeOf, Sheet } from "../support/hyperformula";

const stages: [string, number][] = [
  ["Lead", 0.1],
  ["Qualified", 0.3],
  ["Proposal", 0.6],
  ["Won", 1],
];
const deal = fc.record({
  outcome: fc.constantFrom("Won", "Lost", "Open", "won", "LOST"),
  amount: fc.integer({ min: 1, max: 500_000 }),
  stage: fc.constantFrom(...stages.map(([name]) => name)),
  created: fc.integer({ min: 45_000, max: 45_600 }),
  days: fc.option(fc.integer({ min: 0, max: 365 }), { nil: undefined, freq: 4 }),
  group: fc.constantFrom("Web", "Event", "Partner", "Referral"),
});
const deals = fc.array(deal, { minLength: 5, maxLength: 300 });

const column = <T>(values: T[]) => values.map((v) => [v]);
// Columns of the deal sheet: A outcome, B amount, C stage, D created, E closed, F group,
// then helpers G duration, H stage number, I stage probability.
const [A, B, F, G, H, I] = [0, 1, 5, 6, 7, 8];

/** The deal sheet with the helper columns a planner adds: duration, stage number, stage probability. */
type Deal = typeof deals extends fc.Arbitrary<(infer T)[]> ? T : never;

function dealSheet(rows: Deal[]): Sheet {
  return rows.map((d, i) => {
    const r = i + 1;
    return [
      d.outcome,
      d.amount,
      d.stage,
      d.created,
      d.days === undefined ? null : d.created + d.days,
      d.group,
      `=IF(ISBLANK(E${r}),"",E${r}-D${r})`,
      `=MATCH(C${r},stages!A1:A4,0)`,
      `=VLOOKUP(C${r},stages!A1:B4,2,0)`,
    ];
  });
}

/** Equal to 1e-9 relative: both sides do the same arithmetic in a different order. */
const close = (actual: unknown, expected: unknown) => {
  expect(typeof expected).toBe("number");
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected as number));
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(tolerance);
};

describe("PLAN functions agree with native formulas in HyperFormula", () => {
  it("WINRATE = COUNTIFS ratio; value-weighted = SUMIFS ratio; WEIGHTEDPIPELINE = SUMPRODUCT; closedmean = SUMIFS/COUNTIFS", () => {
    fc.assert(
      fc.property(deals, (rows) => {
        const n = rows.length;
        const col = (c: number) => rangeOf("data", c, n);
        const won = `COUNTIFS(${col(A)},"Won")`;
        const lost = `COUNTIFS(${col(A)},"Lost")`;
        const wonValue = `SUMIFS(${col(B)},${col(A)},"Won")`;
        const lostValue = `SUMIFS(${col(B)},${col(A)},"Lost")`;
        const native = evaluate(
          { data: dealSheet(rows), stages },
          {
            winRate: `=${won}/(${won}+${lost})`,
            valueWinRate: `=${wonValue}/(${wonValue}+${lostValue})`,
            weighted: `=SUMPRODUCT(${col(B)},${col(I)})`,
            closedMean: `=SUMIFS(${col(G)},${col(G)},">=0")/COUNTIFS(${col(G)},">=0")`,
          }
        );
        const outcomes = column(rows.map((d) => d.outcome));
        const amounts = column(rows.map((d) => d.amount));
        const closedCount = rows.filter((d) => !/open/i.test(d.outcome)).length;
        if (closedCount > 0) {
          close(plan.winrate(outcomes), native.winRate);
          close(plan.winrate(outcomes, amounts), native.valueWinRate);
        }
        close(
          plan.weightedpipeline(
            amounts,
            column(rows.map((d) => d.stage)),
            column(stages.map((s) => s[0])),
            column(stages.map((s) => s[1]))
          ),
          native.weighted
        );
        if (rows.some((d) => d.days !== undefined)) {
          const created = column(rows.map((d) => d.created));
          const closed = column(rows.map((d) => (d.days === undefined ? "" : d.created + d.days)));
          close(plan.cycletime(created, closed, "closedmean", 50_000), native.closedMean);
        }
      }),
      { numRuns: 25 }
    );
  });

  it("CONVERSION with an empty stage: #DIV/0! in the same cells as the native =A2/A1 … does", () => {
    const counts = [1000, 130, 0, 0];
    const native = evaluate(
      { deals: column(counts) },
      { r1: "=deals!A2/deals!A1", r2: "=deals!A3/deals!A2", r3: "=deals!A4/deals!A3" }
    );
    const asShown = (v: unknown) =>
      typeof v === "number"
        ? v
        : ((v as { type?: string; code?: string }).type ?? (v as { code?: string }).code);
    const ours = plan
      .conversion(column(counts))
      .map(([v]) => (v instanceof CustomFunctions.Error ? v.code : v));
    expect(ours).toEqual(
      [native.r1, native.r2, native.r3].map((v) =>
        asShown(v) === "DIV_BY_ZERO" ? CustomFunctions.ErrorCode.divisionByZero : v
      )
    );
    expect(ours).toEqual([0.13, 0, CustomFunctions.ErrorCode.divisionByZero]);
  });

  it("CONVERSIONBY counts = COUNTIFS(group, stage number ≥ j) and its rates are their ratios", () => {
    fc.assert(
      fc.property(deals, (rows) => {
        const n = rows.length;
        const col = (c: number) => rangeOf("data", c, n);
        const groups = [...new Set(rows.map((d) => d.group))].sort();
        const formulas: Record<string, string> = {};
        for (const g of groups)
          stages.forEach(
            (_, j) => (formulas[`${g}:${j}`] = `=COUNTIFS(${col(F)},"${g}",${col(H)},">=${j + 1}")`)
          );
        const native = evaluate({ data: dealSheet(rows), stages }, formulas);
        const table = plan.conversionby(
          column(rows.map((d) => d.group)),
          column(rows.map((d) => d.stage)),
          column(stages.map((s) => s[0]))
        );
        expect(table.slice(1, -1).map((r) => r[0])).toEqual(groups);
        groups.forEach((g, i) => {
          const line = table[i + 1];
          stages.forEach((_, j) => expect(line[1 + j]).toBe(native[`${g}:${j}`]));
          const first = native[`${g}:0`] as number;
          const second = native[`${g}:1`] as number;
          close(line[1 + stages.length], second / first);
        });
      }),
      { numRuns: 15 }
    );
  });

  it("with every deal closed, the Kaplan–Meier median and CLOSEDBY match SMALL and COUNTIFS on durations", () => {
    fc.assert(
      fc.property(deals, fc.integer({ min: 0, max: 365 }), (rows, days) => {
        const closedRows = rows.filter((d) => d.days !== undefined);
        fc.pre(closedRows.length > 0);
        const n = rows.length;
        const durations = rangeOf("data", G, n);
        const native = evaluate(
          { data: dealSheet(rows), stages },
          {
            median: `=SMALL(${durations},ROUNDUP(COUNT(${durations})/2,0))`,
            closedBy: `=COUNTIFS(${durations},"<=${days}")/COUNT(${durations})`,
          }
        );
        const created = column(closedRows.map((d) => d.created));
        const closed = column(closedRows.map((d) => d.created + d.days!));
        close(plan.cycletime(created, closed), native.median);
        close(plan.closedby(created, closed, days), native.closedBy);
      }),
      { numRuns: 15 }
    );
  });

  it("QUOTASPLIT sums to the total in the sheet and stays within one unit of ROUND(total × share)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        (weights, units, decimals) => {
          fc.pre(weights.some((w) => w > 0));
          const total = units / 10 ** decimals;
          const parts = plan.quotasplit(total, column(weights), decimals).map((r) => r[0]);
          const n = weights.length;
          const formulas: Record<string, string> = { sum: `=SUM(${rangeOf("split", 0, n)})` };
          weights.forEach(
            (_, i) =>
              (formulas[`r${i}`] =
                `=ROUND(${total}*data!A${i + 1}/SUM(${rangeOf("data", 0, n)}),${decimals})`)
          );
          const native = evaluate({ data: column(weights), split: column(parts) }, formulas);
          close(native.sum, total);
          parts.forEach((p, i) =>
            expect(Math.abs(p - (native[`r${i}`] as number))).toBeLessThanOrEqual(
              10 ** -decimals + 1e-9
            )
          );
        }
      ),
      { numRuns: 25 }
    );
  });

  it("FUNNELREVENUE, LEADSNEEDED, WINRATECI, RAMP's first month and the scalar metrics match their formulas", () => {
    const settings = fc.record({
      leads: fc.integer({ min: 0, max: 100_000 }),
      // Shares as whole thousandths, so the formula text carries exactly the number the function gets.
      r1: fc.integer({ min: 1, max: 1000 }).map((x) => x / 1000),
      r2: fc.integer({ min: 1, max: 1000 }).map((x) => x / 1000),
      deal: fc.integer({ min: 100, max: 200_000 }),
      collection: fc.integer({ min: 500, max: 1000 }).map((x) => x / 1000),
      target: fc.integer({ min: 1, max: 50_000_000 }),
      wins: fc.integer({ min: 0, max: 200 }),
      extra: fc.integer({ min: 1, max: 200 }),
      confidence: fc.integer({ min: 500, max: 999 }).map((x) => x / 1000),
      start: fc.integer({ min: 45_000, max: 46_000 }),
      share: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
    });
    fc.assert(
      fc.property(settings, (s) => {
        const closed = s.wins + s.extra;
        const z = `NORM.S.INV(1-(1-${s.confidence})/2)`;
        const p = `(${s.wins}/${closed})`;
        const native = evaluate(
          {},
          {
            revenue: `=${s.leads}*PRODUCT(${s.r1},${s.r2})*${s.deal}*${s.collection}`,
            won: `=ROUNDUP(${s.target}/(${s.deal}*${s.collection}),0)`,
            low: `=(${p}+${z}^2/(2*${closed})-${z}*SQRT(${p}*(1-${p})/${closed}+${z}^2/(4*${closed}^2)))/(1+${z}^2/${closed})`,
            high: `=(${p}+${z}^2/(2*${closed})+${z}*SQRT(${p}*(1-${p})/${closed}+${z}^2/(4*${closed}^2)))/(1+${z}^2/${closed})`,
            firstMonth: `=${s.share}*120000/12*(EOMONTH(${s.start},0)-${s.start}+1)/DAY(EOMONTH(${s.start},0))`,
            velocity: `=${s.leads}*${s.r2}*${s.deal}/${s.extra}`,
            bayes: `=(${s.wins}+1)/(${closed}+2)`,
          }
        );
        close(plan.funnelrevenue(s.leads, [[s.r1, s.r2]], s.deal, s.collection), native.revenue);
        const needed = plan.leadsneeded(s.target, [[s.r1, s.r2]], s.deal, s.collection)[0];
        expect(Math.abs(needed[2] - (native.won as number))).toBeLessThanOrEqual(1); // ROUNDUP has no 1e-9 tolerance
        const [low, high] = plan.winrateci(s.wins, closed, s.confidence)[0];
        close(low, Math.max(0, native.low as number));
        close(high, native.high);
        const months = plan.ramp(120_000, s.start, s.start, [[s.share]])[0];
        close(months[0], native.firstMonth);
        close(plan.velocity(s.leads, s.r2, s.deal, s.extra), native.velocity);
        close(plan.winratebayes(s.wins, closed), native.bayes);
      }),
      { numRuns: 40 }
    );
  });
});
