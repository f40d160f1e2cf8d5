import fc from "fast-check";
import {
  Account,
  Rep,
  balanceTerritories,
  gini,
  validateBalanceSettings,
  validateTerritoryInput,
} from "../../src/domain/territory";
import { territoryInstance } from "../support/territoryInstance";

const rep = (
  id: string,
  regions: string[],
  industries: string[] = [],
  sizeTiers: string[] = [],
  capacity = 1
): Rep => ({
  id,
  regions,
  industries,
  sizeTiers,
  capacity,
});
const account = (
  id: string,
  region: string,
  potential: number,
  extra: Partial<Account> = {}
): Account => ({
  id,
  region,
  industry: "Retail",
  sizeTier: "SMB",
  potential,
  workload: 1,
  ...extra,
});

function run(...args: Parameters<typeof balanceTerritories>) {
  const result = balanceTerritories(...args);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("routing rules", () => {
  it("lists an account no rep may cover, with the reason, instead of dropping it", () => {
    const result = run({
      reps: [rep("east", ["East"], ["Retail"], ["SMB"])],
      accounts: [
        account("a1", "East", 10),
        account("a2", "West", 10),
        account("a3", "East", 10, { industry: "Banking" }),
        account("a4", "East", 10, { sizeTier: "Key Account" }),
      ],
    });
    expect(result.assignments.map((a) => a.accountId)).toEqual(["a1"]);
    expect(result.unassigned.map(({ accountId, reason }) => ({ accountId, reason }))).toEqual([
      { accountId: "a2", reason: 'no rep covers region "West"' },
      { accountId: "a3", reason: 'no rep in region "East" covers industry "Banking"' },
      {
        accountId: "a4",
        reason: 'no rep in region "East" and industry "Retail" covers size tier "Key Account"',
      },
    ]);
  });

  it("matches regions, industries and tiers regardless of case and spaces; * covers all", () => {
    const result = run({
      reps: [rep("r", ["east "]), rep("any", ["*"])],
      accounts: [account("a", "East", 1)],
    });
    expect(result.unassigned).toEqual([]);
  });
});

describe("balancing", () => {
  it("splits potential in proportion to capacity (hand-worked)", () => {
    // 60 units to a full-time rep and 30 to a half-time one: 2:1, exactly.
    const result = run({
      reps: [rep("full", []), rep("half", [], [], [], 0.5)],
      accounts: [30, 20, 10, 10, 10, 10].map((p, i) => account(`a${i}`, "X", p)),
    });
    const byRep = Object.fromEntries(result.reps.map((r) => [r.repId, r.potential]));
    expect(byRep).toEqual({ full: 60, half: 30 });
    expect(result.metrics.maxAbsDeviation).toBeCloseTo(0, 12);
  });

  it("keeps current owners inside the tolerance band and moves only what balance needs", () => {
    const accounts = [...Array(10)].map((_, i) =>
      account(`a${i}`, "X", 10, { currentOwner: i < 7 ? "r1" : "r2" })
    );
    const result = run({
      reps: [rep("r1", []), rep("r2", [])],
      accounts,
      settings: { toleranceBand: 0.05 },
    });
    expect(result.metrics.accountsMoved).toBe(2);
    expect(result.metrics.continuity).toBeCloseTo(0.8, 12);
    expect(
      result.assignments.filter((a) => a.reason === "moved").every((a) => a.movedFrom === "r1")
    ).toBe(true);
  });

  it("never moves more than the share of accounts the user allows", () => {
    const accounts = [...Array(20)].map((_, i) =>
      account(`a${i}`, "X", 10, { currentOwner: "r1" })
    );
    const result = run({
      reps: [rep("r1", []), rep("r2", [])],
      accounts,
      settings: { maxMovedShare: 0.25 },
    });
    expect(result.metrics.accountsMoved).toBe(5);
  });

  it("respects a maximum number of accounts per rep", () => {
    const accounts = [...Array(6)].map((_, i) => account(`a${i}`, "X", i === 0 ? 100 : 1));
    const result = run({
      reps: [rep("r1", []), rep("r2", [])],
      accounts,
      settings: { maxAccountsPerRep: 3 },
    });
    expect(result.reps.map((r) => r.accounts)).toEqual([3, 3]);
  });

  it("can weigh workload alongside potential", () => {
    const accounts = [
      account("big", "X", 100, { workload: 1 }),
      account("busy", "X", 1, { workload: 100 }),
    ];
    const result = run({
      reps: [rep("r1", []), rep("r2", [])],
      accounts,
      settings: { workloadWeight: 0.5 },
    });
    expect(new Set(result.assignments.map((a) => a.repId)).size).toBe(2);
  });
});

describe("bad input is reported row by row, with nothing run", () => {
  it("lists every offending row", () => {
    const issues = validateTerritoryInput({
      reps: [rep("r1", []), rep("r1", []), rep("r3", [], [], [], 1.5)],
      accounts: [
        account("a1", "X", -5),
        account("a1", "X", 1, { currentOwner: "ghost" }),
        account("a3", "X", 1, { workload: Number.NaN, locked: true }),
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: "reps", row: 2, field: "id" }),
        expect.objectContaining({ table: "reps", row: 3, field: "capacity" }),
        expect.objectContaining({ table: "accounts", row: 1, field: "potential" }),
        expect.objectContaining({ table: "accounts", row: 2, field: "id" }),
        expect.objectContaining({
          table: "accounts",
          row: 2,
          field: "currentOwner",
          message: 'current owner "ghost" is not a rep',
        }),
        expect.objectContaining({ table: "accounts", row: 3, field: "workload" }),
        expect.objectContaining({ table: "accounts", row: 3, field: "locked" }),
      ])
    );
    expect(balanceTerritories({ reps: [rep("r", [], [], [], 0)], accounts: [] })).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          field: "capacity",
          message: expect.stringContaining("add up to 0"),
        }),
      ],
    });
  });
});

describe("balancing rules are checked on their own", () => {
  it("names each rule out of range, and nothing when the rules are sound or absent", () => {
    expect(
      validateBalanceSettings({
        workloadWeight: 1.2,
        toleranceBand: -0.1,
        maxMovedShare: 0.5,
        maxAccountsPerRep: 2.5,
      })
    ).toEqual([
      expect.objectContaining({
        table: "settings",
        field: "workloadWeight",
        message: "workloadWeight must be between 0 and 1, got 1.2",
      }),
      expect.objectContaining({
        table: "settings",
        field: "toleranceBand",
        message: "toleranceBand must be between 0 and 1, got -0.1",
      }),
      expect.objectContaining({
        table: "settings",
        field: "maxAccountsPerRep",
        message: "maxAccountsPerRep must be a whole number ≥ 1",
      }),
    ]);
    expect(validateBalanceSettings({ maxMovedShare: Number.NaN })).toEqual([
      expect.objectContaining({ field: "maxMovedShare", code: "settingShare" }),
    ]);
    expect(
      validateBalanceSettings({
        workloadWeight: 0,
        toleranceBand: 1,
        maxMovedShare: 0.1,
        maxAccountsPerRep: 1,
      })
    ).toEqual([]);
    expect(validateBalanceSettings({})).toEqual([]);
    expect(validateBalanceSettings(undefined)).toEqual([]);
  });
});

describe("territory properties", () => {
  const instances = fc.record({
    accounts: fc.integer({ min: 1, max: 150 }),
    reps: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 1, max: 1e6 }),
    spread: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
    owned: fc.double({ min: 0, max: 1, noNaN: true }),
    lockEvery: fc.integer({ min: 2, max: 10 }),
    band: fc.constantFrom(undefined, 0.02, 0.1),
    maxMovedShare: fc.constantFrom(undefined, 0, 0.1, 0.5),
  });

  it("assigns every account exactly once or reports it, to an eligible rep, never moving a locked one", () => {
    fc.assert(
      fc.property(instances, (options) => {
        const instance = territoryInstance(options);
        instance.accounts.forEach(
          (a, i) => (a.locked = Boolean(a.currentOwner) && i % options.lockEvery === 0)
        );
        const result = run({
          ...instance,
          settings: { toleranceBand: options.band, maxMovedShare: options.maxMovedShare },
        });
        const seen = [
          ...result.assignments.map((a) => a.accountId),
          ...result.unassigned.map((u) => u.accountId),
        ];
        expect(seen.sort()).toEqual(instance.accounts.map((a) => a.id).sort());
        const reps = new Map(instance.reps.map((r) => [r.id, r]));
        const accounts = new Map(instance.accounts.map((a) => [a.id, a]));
        for (const assignment of result.assignments) {
          const a = accounts.get(assignment.accountId)!;
          const r = reps.get(assignment.repId)!;
          if (a.locked) expect(assignment.repId).toBe(a.currentOwner);
          else {
            expect(r.regions).toContain(a.region);
            expect(r.industries).toContain(a.industry);
          }
        }
        const owned = instance.accounts.filter((a) => a.currentOwner).length;
        if (options.maxMovedShare !== undefined)
          expect(result.metrics.accountsMoved).toBeLessThanOrEqual(
            Math.floor(options.maxMovedShare * owned + 1e-9)
          );
      }),
      { numRuns: 150 }
    );
  });
});

describe("fairness metrics", () => {
  it("Gini is 0 for equal shares and (n−1)/n when one holds everything", () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75, 12);
  });

  it("reports deviation, CV, Gini and max/min ratio as recomputed from the assignments", () => {
    const instance = territoryInstance({ accounts: 300, reps: 6, seed: 9 });
    const result = run(instance);
    // Recompute from the raw inputs and the assignments alone (workload weight 0: load = potential share).
    const potential = new Map(instance.accounts.map((a) => [a.id, a.potential]));
    const perRep = new Map(instance.reps.map((r) => [r.id, 0]));
    for (const a of result.assignments)
      perRep.set(a.repId, perRep.get(a.repId)! + potential.get(a.accountId)!);
    const routed = [...perRep.values()].reduce((a, b) => a + b, 0);
    const capacity = instance.reps.reduce((s, r) => s + r.capacity, 0);
    const ratios = instance.reps.map((r) => perRep.get(r.id)! / routed / (r.capacity / capacity));
    const deviations = ratios.map((x) => x - 1);
    expect(result.metrics.maxAbsDeviation).toBeCloseTo(Math.max(...deviations.map(Math.abs)), 9);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / ratios.length);
    expect(result.metrics.coefficientOfVariation).toBeCloseTo(sd / mean, 9);
    const perFte = instance.reps.map((r) => perRep.get(r.id)! / r.capacity);
    expect(result.metrics.maxMinRatio).toBeCloseTo(Math.max(...perFte) / Math.min(...perFte), 9);
    // Gini by the mean-absolute-difference definition, independent of the sorted formula used in the code.
    let pairs = 0;
    for (const x of perFte) for (const y of perFte) pairs += Math.abs(x - y);
    const meanFte = perFte.reduce((a, b) => a + b, 0) / perFte.length;
    expect(result.metrics.giniPotentialPerFte).toBeCloseTo(
      pairs / (2 * perFte.length ** 2 * meanFte),
      9
    );
    expect(result.reps.reduce((s, r) => s + r.accounts, 0) + result.unassigned.length).toBe(300);
  });
});
