/**
 * The lowest largest deviation any assignment could reach (src/domain/territory/bound.ts):
 * equal to the optimum of the linear programme HiGHS solves on the accounts themselves, never
 * above what the engine reaches, right on a board worked by hand and on the sample plan.
 */
import {
  type Account,
  balanceTerritories,
  type BalanceSettings,
  isEligible,
  lowestPossibleDeviation,
  type Rep,
  type TerritoryInput,
} from "../../src/domain/territory";
import type { DeviationBound } from "../../src/domain/territory/bound";
import { sampleData, sampleRun, sourceTables } from "../../src/sample/samplePlan";
import { DEFAULT_BALANCE } from "../../src/domain/planRun";
import { readSourceTables } from "../../src/workbook/sourceTables";
import { seeded } from "../support/territoryInstance";

type Highs = { solve(model: string): { Status: string; ObjectiveValue: number } };
let solver: Promise<Highs> | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const highs = () => (solver ??= (require("highs") as () => Promise<Highs>)());

/**
 * The LP written from the accounts, not from the bound's groups: x_a_r ≥ 0 the share of
 * account a on eligible rep r, Σ_r x_a_r = 1, locked accounts fixed on their owner, and for
 * each rep with a target |load − target| ≤ z·target; minimise z.
 */
async function lpOptimum({ accounts, reps, settings = {} }: TerritoryInput): Promise<number> {
  const w = settings.workloadWeight ?? 0;
  const P = accounts.reduce((s, a) => s + a.potential, 0);
  const W = accounts.reduce((s, a) => s + a.workload, 0);
  const load = accounts.map(
    (a) => (1 - w) * (P > 0 ? a.potential / P : 0) + w * (W > 0 ? a.workload / W : 0)
  );
  const eligible = accounts.map((a) =>
    reps.map((rep, r) => (isEligible(rep, a) ? r : -1)).filter((r) => r >= 0)
  );
  const owner = (a: Account) => reps.findIndex((rep) => rep.id === a.currentOwner);
  const routed = accounts.reduce(
    (s, a, i) => s + (a.locked || eligible[i].length ? load[i] : 0),
    0
  );
  const fte = reps.reduce((s, rep) => s + rep.capacity, 0);
  const scale = 1e6;
  const fixed = reps.map(() => 0);
  const terms: string[][] = reps.map(() => []);
  const rows: string[] = [];
  accounts.forEach((a, i) => {
    const l = load[i] * scale;
    if (a.locked) fixed[owner(a)] += l;
    else if (eligible[i].length) {
      rows.push(` assign_${i}: ${eligible[i].map((r) => `x_${i}_${r}`).join(" + ")} = 1`);
      eligible[i].forEach((r) => terms[r].push(`${l.toFixed(9)} x_${i}_${r}`));
    }
  });
  reps.forEach((rep, r) => {
    const t = (rep.capacity / fte) * routed * scale;
    if (!(t > 0)) return;
    const sum = terms[r].length ? terms[r].join(" + ") : "0 z";
    rows.push(` over_${r}: ${sum} - ${t.toFixed(9)} z <= ${(t - fixed[r]).toFixed(9)}`);
    rows.push(` under_${r}: ${sum} + ${t.toFixed(9)} z >= ${(t - fixed[r]).toFixed(9)}`);
  });
  const model = ["Minimize", " obj: z", "Subject To", ...rows, "Bounds", " z >= 0", "End"];
  const solution = (await highs()).solve(model.join("\n"));
  expect(solution.Status).toBe("Optimal");
  return solution.ObjectiveValue;
}

const REGIONS = ["East", "West", "North"];
const INDUSTRIES = ["Retail", "Energy", "Banking"];
const TIERS = ["SMB", "Enterprise"];

/** A small random board: reps covering random parts of the map, some locked and unroutable accounts. */
function randomBoard(seed: number): TerritoryInput {
  const next = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const some = (list: readonly string[]) => {
    const chosen = list.filter(() => next() < 0.5);
    return next() < 0.25 ? ["*"] : chosen.length ? chosen : [pick(list)];
  };
  const reps: Rep[] = Array.from({ length: 2 + Math.floor(next() * 5) }, (_, r) => ({
    id: `R${r}`,
    regions: some(REGIONS),
    industries: some(INDUSTRIES),
    sizeTiers: next() < 0.6 ? [] : some(TIERS),
    capacity: pick([1, 1, 0.8, 0.5, 0.3, 0]),
  }));
  if (reps.every((rep) => rep.capacity === 0)) reps[0].capacity = 1;
  const accounts: Account[] = Array.from({ length: 5 + Math.floor(next() * 30) }, (_, a) => {
    const account: Account = {
      id: `A${a}`,
      region: pick(REGIONS),
      industry: pick(INDUSTRIES),
      sizeTier: pick(TIERS),
      potential: Math.round(Math.exp(3 + next() * 2)),
      workload: 1 + Math.floor(next() * 5),
    };
    if (next() < 0.5) account.currentOwner = pick(reps).id;
    if (account.currentOwner && next() < 0.15) account.locked = true;
    return account;
  });
  const settings: BalanceSettings = pick([
    {},
    { workloadWeight: 0.4 },
    { toleranceBand: 0.05, maxMovedShare: 0.3 },
  ]);
  return { accounts, reps, settings };
}

/** Every number in a result, however deep. */
const numbersIn = (value: unknown): number[] =>
  typeof value === "number"
    ? [value]
    : value && typeof value === "object"
      ? Object.values(value).flatMap(numbersIn)
      : [];

function bound(input: TerritoryInput, band?: number): DeviationBound {
  const outcome = lowestPossibleDeviation(input, band);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.value;
}

describe("lowest possible largest deviation", () => {
  const seeds = Array.from({ length: 60 }, (_, i) => i + 1);

  it("equals the HiGHS optimum of the fractional assignment on small random boards", async () => {
    for (const seed of seeds) {
      const input = randomBoard(seed);
      const optimum = await lpOptimum(input);
      const found = bound(input).lowestPossibleDeviation;
      if (Math.abs(found - optimum) > 1e-6) throw new Error(`seed ${seed}: ${found} vs ${optimum}`);
    }
  }, 60_000);

  it("is never above what the engine reaches", () => {
    for (const seed of seeds) {
      const input = randomBoard(seed);
      const run = balanceTerritories(input);
      if (!run.ok) throw new Error(JSON.stringify(run.issues));
      const floor = bound(input).lowestPossibleDeviation;
      if (run.value.metrics.maxAbsDeviation < floor - 1e-12)
        throw new Error(`seed ${seed}: engine ${run.value.metrics.maxAbsDeviation} < ${floor}`);
    }
  });

  // East accounts E1 = 30 and E2 = 30, West W1 = 40: loads 0.3, 0.3, 0.4 of 100.
  const east = (id: string, extra: Partial<Account> = {}): Account => ({
    id,
    region: "East",
    industry: "Retail",
    sizeTier: "SMB",
    potential: 30,
    workload: 1,
    ...extra,
  });
  const west: Account = { ...east("W1"), region: "West", potential: 40 };
  const rep = (id: string, regions: string[], capacity: number): Rep => ({
    id,
    regions,
    industries: [],
    sizeTiers: [],
    capacity,
  });

  it("is worked out by hand on a two-region board", () => {
    // A covers East, B West, 1 FTE each: targets 0.5 and 0.5. East (0.6) can only go to A:
    // 0.6 ÷ 0.5 − 1 = 20% over; West (0.4) is all B may take: 1 − 0.4 ÷ 0.5 = 20% under.
    const two = bound({
      accounts: [east("E1"), east("E2"), west],
      reps: [rep("A", ["East"], 1), rep("B", ["West"], 1)],
    });
    expect(two.lowestPossibleDeviation).toBeCloseTo(0.2, 12);
    expect(two.binding.map((b) => [b.direction, b.repIds, b.loadShare, b.capacityShare])).toEqual([
      ["over", ["A"], expect.closeTo(0.6, 12), 0.5],
      ["under", ["B"], expect.closeTo(0.4, 12), 0.5],
    ]);
    expect(two.binding[0].segment).toEqual({
      regions: ["East"],
      industries: null,
      sizeTiers: null,
    });

    // C (0.5 FTE) covers both regions: targets A 0.4, B 0.4, C 0.2, and A 0.4 East, C 0.2
    // East, B 0.4 West balances exactly. Lock E1 to B: B carries 0.3 whatever happens, and A
    // can only get E2, 0.3 for a target of 0.4: 1 − 0.3 ÷ 0.4 = 25% under, on 1 ÷ 2.5 = 40% of
    // the capacity. (B and C must carry 0.3 + 0.4 = 0.7 on 0.6: only 1/6 over.)
    const reps = [rep("A", ["East"], 1), rep("B", ["West"], 1), rep("C", ["*"], 0.5)];
    expect(
      bound({ accounts: [east("E1"), east("E2"), west], reps }).lowestPossibleDeviation
    ).toBeCloseTo(0, 12);
    const locked = bound(
      { accounts: [east("E1", { currentOwner: "B", locked: true }), east("E2"), west], reps },
      0.05
    );
    expect(locked.lowestPossibleDeviation).toBeCloseTo(0.25, 12);
    expect(locked.binding).toHaveLength(1);
    expect(locked.binding[0]).toMatchObject({
      direction: "under",
      repIds: ["A"],
      fte: 1,
      capacityShare: 0.4,
      lockedShare: 0,
    });
    expect(locked.binding[0].loadShare).toBeCloseTo(0.3, 12);
    // Within a 5% band A's share of capacity must fall to q = 0.3 ÷ 0.95: adding Δ to B and C,
    // 1 ÷ (2.5 + Δ) = q gives Δ = 0.95 ÷ 0.3 − 2.5 = 2/3; moving m out of A, (1 − m) ÷ 2.5 = q
    // gives m = 1 − 2.5 × 0.3 ÷ 0.95 = 4/19. Either leaves A exactly at −5%, and B with C
    // at 13/19 of the capacity for 0.7 of the load: 0.7 × 19 ÷ 13 − 1 ≈ 2.3% over, inside.
    const add = locked.remedies.find((r) => r.kind === "addFte");
    const move = locked.remedies.find((r) => r.kind === "moveFte");
    expect(add).toMatchObject({ steps: [{ repIds: ["B", "C"] }] });
    expect(add?.fte).toBeCloseTo(2 / 3, 9);
    expect(add?.deviationAfter).toBeCloseTo(0.05, 9);
    expect(move).toMatchObject({ steps: [{ fromRepIds: ["A"], toRepIds: ["B", "C"] }] });
    expect(move?.fte).toBeCloseTo(4 / 19, 9);
    expect(move?.deviationAfter).toBeCloseTo(0.05, 9);
    // No remedies when the floor is already within the band.
    expect(bound({ accounts: [east("E1"), east("E2"), west], reps }, 0.3).remedies).toEqual([]);
  });

  it("gives a clear answer on degenerate boards, never NaN", () => {
    const cases: [string, TerritoryInput, number][] = [
      ["no accounts", { accounts: [], reps: [rep("A", [], 1)] }, 0],
      ["one rep", { accounts: [east("E1"), west], reps: [rep("A", [], 1)] }, 0],
      ["nobody covers any account", { accounts: [west], reps: [rep("A", ["East"], 1)] }, 0],
      // A staffed rep who may take nothing gets nothing: 100% under, as the engine reports.
      [
        "a staffed rep covering nothing there is",
        { accounts: [east("E1")], reps: [rep("A", ["East"], 1), rep("B", ["South"], 1)] },
        1,
      ],
      [
        "everything locked",
        {
          accounts: [
            east("E1", { currentOwner: "A", locked: true }),
            east("E2", { currentOwner: "B", locked: true }),
          ],
          reps: [rep("A", [], 1), rep("B", [], 1)],
        },
        0,
      ],
      // E1 locked on a rep with no capacity: counted in the targets, carried by nobody who has one.
      [
        "locked to a rep without capacity",
        {
          accounts: [east("E1", { currentOwner: "Z", locked: true }), east("E2")],
          reps: [rep("A", [], 1), rep("Z", [], 0)],
        },
        0.5,
      ],
      [
        "zero potential everywhere",
        { accounts: [east("E1", { potential: 0 })], reps: [rep("A", [], 1)] },
        0,
      ],
    ];
    for (const [name, input, expected] of cases) {
      const found = bound(input);
      expect([name, found.lowestPossibleDeviation]).toEqual([name, expect.closeTo(expected, 12)]);
      expect([name, numbersIn(found).every(Number.isFinite)]).toEqual([name, true]);
      const run = balanceTerritories(input);
      if (run.ok)
        expect(run.value.metrics.maxAbsDeviation).toBeGreaterThanOrEqual(
          found.lowestPossibleDeviation - 1e-12
        );
    }
    expect(lowestPossibleDeviation({ accounts: [], reps: [] }).ok).toBe(false);
    expect(lowestPossibleDeviation({ accounts: [], reps: [rep("A", [], 2)] }).ok).toBe(false);
  });

  it("says on the sample plan why 15.3% is the floor: APAC accounts can only go to APAC reps", () => {
    const data = sampleData();
    const raw = (spec: { sheet: string; columns: { header: string }[] }, rows: unknown[][]) => ({
      sheet: spec.sheet,
      header: spec.columns.map((c) => c.header),
      rows,
      headerRow: 1,
      firstColumn: 0,
    });
    const a = raw(sourceTables.accounts, data.accounts);
    const r = raw(sourceTables.reps, data.reps);
    // The sample scenario's own column mapping, as a run reads the tables.
    const run = sampleRun(DEFAULT_BALANCE, undefined);
    const { accounts, reps } = readSourceTables(
      { raw: a, table: "Accounts", mapping: run.accountColumns },
      { raw: r, table: "Reps", mapping: run.repColumns }
    );
    const input = { accounts, reps, settings: DEFAULT_BALANCE };
    const found = bound(input);
    expect(found.lowestPossibleDeviation).toBeCloseTo(0.1533, 4);
    expect(found.binding).toHaveLength(1);
    const apac = found.binding[0];
    expect(apac.direction).toBe("over");
    expect(apac.segment).toEqual({ regions: ["APAC"], industries: null, sizeTiers: null });
    expect(apac.repIds).toEqual(reps.filter((rep) => rep.regions[0] === "APAC").map((x) => x.id));
    // 4.3 of the 22.7 FTE; APAC's potential share, counted straight from the accounts.
    const total = accounts.reduce((s, x) => s + x.potential, 0);
    const apacPotential = accounts
      .filter((x) => x.region === "APAC")
      .reduce((s, x) => s + x.potential, 0);
    expect(apac.fte).toBeCloseTo(4.3, 12);
    expect(apac.capacityShare).toBeCloseTo(4.3 / 22.7, 12);
    expect(apac.potentialShare).toBeCloseTo(apacPotential / total, 12);
    expect(apac.potentialShare).toBeCloseTo(0.2185, 4);
    expect(found.lowestPossibleDeviation).toBeCloseTo(apacPotential / total / (4.3 / 22.7) - 1, 12);
    // Whatever the settings, the engine cannot go below it.
    for (const settings of [DEFAULT_BALANCE, {}]) {
      const result = balanceTerritories({ accounts, reps, settings });
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.metrics.maxAbsDeviation).toBeGreaterThanOrEqual(
        found.lowestPossibleDeviation - 1e-12
      );
    }
    // Within the 5% band, hires for APAC and then EMEA (the next region short of capacity).
    const add = found.remedies.find((x) => x.kind === "addFte");
    expect(add?.deviationAfter).toBeLessThanOrEqual(0.05 + 1e-9);
  });
});
