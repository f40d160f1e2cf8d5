import fc from "fast-check";
import { serialFromIsoDate } from "../../src/domain/calendar";
import {
  QuotaPlan,
  QuotaRep,
  QuotaSettings,
  RepTerritory,
  planQuotas,
  quotaReachability,
  repTerritories,
} from "../../src/domain/quotaPlan";
import type { Account, TerritoryResult } from "../../src/domain/territory";

const fy = serialFromIsoDate("2027-01-01")!;
const rep = (repId: string, potential: number, manager: string): QuotaRep => ({
  repId,
  manager,
  capacity: 1,
  potential,
  history: 0,
  accounts: 1,
  workload: 1,
});
function plan(reps: QuotaRep[], s: Partial<QuotaSettings>): QuotaPlan {
  const result = planQuotas(reps, {
    companyTarget: 1000,
    method: { kind: "potential" },
    fiscalYearStart: fy,
    ...s,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}
const potentials = (pairs: [string, number][]) =>
  new Map<string, RepTerritory>(pairs.map(([id, potential]) => [id, { potential }]));

/** A plan given by hand: one team, the quotas as listed (reachability never re-plans them). */
function handPlan(quotas: [string, number][]): QuotaPlan {
  const sum = quotas.reduce((s, [, q]) => s + q, 0);
  return {
    companyTarget: sum,
    teamTotal: sum,
    teamSum: sum,
    teams: [{ team: "T", level: 1, quota: sum, childTotal: sum, childSum: sum }],
    reps: quotas.map(([repId, annual]) => ({
      repId,
      team: "T",
      weight: 1,
      rampFactor: 1,
      annual,
      monthly: [],
      quarterly: [],
    })),
    tiesOut: true,
  };
}

describe("quota reachability (hand-worked)", () => {
  // Target 1000; VP over M1 (reps a, b: potential 400 each) and M2 (rep c: 200).
  // Hedge 10% at level 1, 5% at level 2, over-assignment 20%:
  //   VP quota = 1000 × 1.10 = 1100; VP's managers sum to 1100 × 1.05 = 1155,
  //   M1 = 1155 × 800/1000 = 924, M2 = 1155 × 200/1000 = 231;
  //   M1's reps sum to 924 × 1.2 = 1108.8 (a = b = 554.4), M2's to 231 × 1.2 = 277.2 (c).
  const tree = () =>
    plan([rep("a", 400, "M1"), rep("b", 400, "M1"), rep("c", 200, "M2")], {
      managers: [{ id: "VP" }, { id: "M1", parent: "VP" }, { id: "M2", parent: "VP" }],
      managerHedge: [0.1, 0.05],
      overAssignment: 0.2,
    });
  const territories = potentials([
    ["a", 400],
    ["b", 400],
    ["c", 200],
  ]);

  it("accumulates over-assignment level by level from the company to the reps", () => {
    const r = quotaReachability(tree(), territories);
    // Company → VP: 1100 / 1000 − 1 = 10%.
    expect(r.companyOver).toBeCloseTo(0.1, 12);
    const team = (id: string) => r.teams.find((t) => t.team === id)!;
    // VP: own 1155 / 1100 − 1 = 5%; accumulated 1.10 × 1.05 − 1 = 15.5%.
    expect(team("VP")).toMatchObject({ level: 1, quota: 1100, below: 1155 });
    expect(team("VP").own).toBeCloseTo(0.05, 12);
    expect(team("VP").cumulative).toBeCloseTo(0.155, 12);
    // M1: own 1108.8 / 924 − 1 = 20%; accumulated 1.155 × 1.2 − 1 = 38.6%. M2 the same.
    expect(team("M1")).toMatchObject({ level: 2, parent: "VP", quota: 924, below: 1108.8 });
    expect(team("M1").own).toBeCloseTo(0.2, 12);
    expect(team("M1").cumulative).toBeCloseTo(0.386, 12);
    expect(team("M2").cumulative).toBeCloseTo(0.386, 12);
    // All reps: (554.4 + 554.4 + 277.2) / 1000 − 1 = 1386 / 1000 − 1 = 38.6%.
    expect(r.repsOver).toBeCloseTo(0.386, 12);
  });

  it("divides each quota by its territory's potential and flags those above the threshold", () => {
    // a: 554.4 / 400 = 1.386, c: 277.2 / 200 = 1.386.
    const r = quotaReachability(tree(), territories);
    expect(r.threshold).toBe(1);
    expect(r.reps.map((x) => [x.repId, x.quotaPerPotential])).toEqual([
      ["a", 1.386],
      ["b", 1.386],
      ["c", 1.386],
    ]);
    expect(r.reps.every((x) => x.aboveThreshold)).toBe(true);
    // At 1.5 × potential (600 for a, 300 for c) none is above.
    expect(
      quotaReachability(tree(), territories, { threshold: 1.5 }).reps.some((x) => x.aboveThreshold)
    ).toBe(false);
  });

  // Quotas and potentials: a 80/100, b 88/110, c 114/95, d 50/100, e 240/300, f 10/0.
  // Ratios: a 0.8, b 0.8, c 1.2, d 0.5, e 0.8, f none.
  const peersPlan = handPlan([
    ["a", 80],
    ["b", 88],
    ["c", 114],
    ["d", 50],
    ["e", 240],
    ["f", 10],
  ]);
  const peerTerritories = new Map<string, RepTerritory>([
    ["a", { potential: 100, lastYearRevenue: 80 }],
    ["b", { potential: 110, lastYearRevenue: 44 }],
    ["c", { potential: 95, lastYearRevenue: 57 }],
    ["d", { potential: 100, lastYearRevenue: 100 }],
    ["e", { potential: 300, lastYearRevenue: 120 }],
    ["f", { potential: 0, lastYearRevenue: 0 }],
  ]);

  it("compares each rep with the reps whose potential is within ±20% of theirs", () => {
    const r = quotaReachability(peersPlan, peerTerritories);
    const of = (id: string) => r.reps.find((x) => x.repId === id)!;
    // d (100 → 80..120): peers a, b, c; ratios 0.8, 0.8, 1.2 → median 0.8;
    // 0.5 < 0.8 × 0.75 = 0.6: below.
    expect(of("d")).toMatchObject({ peers: 3, peerMedian: 0.8, farFromPeers: "below" });
    // c (95 → 76..114): peers a, b, d; 0.8, 0.8, 0.5 → 0.8; 1.2 > 0.8 × 1.25 = 1.0: above.
    expect(of("c")).toMatchObject({ peers: 3, peerMedian: 0.8, farFromPeers: "above" });
    // a (100): peers b, c, d → median 0.8, a's own 0.8: not far.
    expect(of("a")).toMatchObject({ peers: 3, peerMedian: 0.8 });
    expect(of("a").farFromPeers).toBeUndefined();
    // e (300 → 240..360): nobody; f has no potential, so no ratio.
    expect(of("e")).toMatchObject({ peers: 0, peerMedian: null });
    expect(of("f")).toMatchObject({ quotaPerPotential: null, aboveThreshold: true, peers: 0 });
    // Above 1 × potential: c (114 > 95) and f (10 > 0).
    expect(r.reps.filter((x) => x.aboveThreshold).map((x) => x.repId)).toEqual(["c", "f"]);
  });

  it("counts the reps last year's revenue would have carried to this year's quota", () => {
    // a 80/80 = 1.0, b 44/88 = 0.5, c 57/114 = 0.5, d 100/50 = 2.0, e 120/240 = 0.5, f 0/10 = 0.
    const r = quotaReachability(peersPlan, peerTerritories);
    expect(r.lastYear).toEqual({
      counted: 6,
      made: 2,
      buckets: [
        { from: null, to: 0.5, count: 1 },
        { from: 0.5, to: 0.75, count: 3 },
        { from: 0.75, to: 1, count: 0 },
        { from: 1, to: 1.25, count: 1 },
        { from: 1.25, to: 1.5, count: 0 },
        { from: 1.5, to: null, count: 1 },
      ],
    });
  });

  it("has no last-year figures when no revenue is mapped", () => {
    expect(quotaReachability(tree(), territories).lastYear).toBeUndefined();
  });

  it("sums last year's revenue over the accounts each rep now holds, or none when unmapped", () => {
    const territory = {
      assignments: [
        { accountId: "A1", repId: "r1", reason: "kept" },
        { accountId: "A2", repId: "r1", reason: "moved" },
        { accountId: "A3", repId: "r2", reason: "placed" },
      ],
      unassigned: [],
      reps: [
        { repId: "r1", potential: 30 },
        { repId: "r2", potential: 5 },
      ],
    } as unknown as TerritoryResult;
    const account = (id: string, lastYearRevenue?: number): Account => ({
      id,
      region: "R",
      industry: "I",
      sizeTier: "S",
      potential: 1,
      workload: 1,
      ...(lastYearRevenue === undefined ? {} : { lastYearRevenue }),
    });
    // r1: 7 + 0 (A2 blank) = 7; r2: 11.
    expect(repTerritories(territory, [account("A1", 7), account("A2"), account("A3", 11)])).toEqual(
      new Map([
        ["r1", { potential: 30, lastYearRevenue: 7 }],
        ["r2", { potential: 5, lastYearRevenue: 11 }],
      ])
    );
    expect(repTerritories(territory, [account("A1"), account("A2"), account("A3")])).toEqual(
      new Map([
        ["r1", { potential: 30 }],
        ["r2", { potential: 5 }],
      ])
    );
  });
});

describe("quota reachability (properties)", () => {
  // A uniform tree: `depth` manager levels, each manager with `fan` sub-managers, reps at the
  // bottom; any hedges per level and any over-assignment.
  const uniform = fc.record({
    depth: fc.integer({ min: 1, max: 3 }),
    fan: fc.integer({ min: 1, max: 3 }),
    repsPerTeam: fc.integer({ min: 1, max: 3 }),
    hedges: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 3, maxLength: 3 }),
    over: fc.double({ min: 0, max: 0.3, noNaN: true }),
    potentials: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 30, maxLength: 30 }),
  });

  it("accumulates to Π(1 + o_level) − 1 along every path, and the reps' total to the same", () => {
    fc.assert(
      fc.property(uniform, ({ depth, fan, repsPerTeam, hedges, over, potentials }) => {
        const managers: { id: string; parent?: string }[] = [];
        let level = ["M"];
        managers.push({ id: "M" });
        for (let d = 2; d <= depth; d++) {
          level = level.flatMap((p) => Array.from({ length: fan }, (_, i) => `${p}.${i}`));
          for (const id of level) managers.push({ id, parent: id.slice(0, id.lastIndexOf(".")) });
        }
        let k = 0;
        const reps = level.flatMap((m) =>
          Array.from({ length: repsPerTeam }, () => {
            const potential = potentials[k % potentials.length];
            return rep(`r${k++}`, potential, m);
          })
        );
        const p = plan(reps, {
          companyTarget: 1_000_000,
          managers,
          managerHedge: hedges.slice(0, depth),
          overAssignment: over,
        });
        const r = quotaReachability(p, new Map());
        // The settings' own figure: every level's hedge, then the over-assignment.
        const expected = hedges.slice(0, depth).reduce((f, h) => f * (1 + h), 1 + over) - 1;
        // Rounding to the cent at each of at most four splits of ≥ 1,000,000 / 27 moves a
        // share by at most ~1e-6.
        for (const t of r.teams.filter((x) => x.level === depth))
          expect(Math.abs(t.cumulative! - expected)).toBeLessThan(1e-5);
        expect(Math.abs(r.repsOver! - expected)).toBeLessThan(1e-5);
      })
    );
  });

  it("flags the same reps far from their peers when every quota is scaled alike", () => {
    // A different company target moves every quota by one factor: nobody moves against
    // their peers. Powers of two scale exactly, so no comparison flips on rounding.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom(0.25, 0.5, 2, 8),
        (pairs, factor) => {
          const terr = potentials(pairs.map(([, pot], i): [string, number] => [`r${i}`, pot]));
          const flags = (scale: number) =>
            quotaReachability(
              handPlan(pairs.map(([q], i): [string, number] => [`r${i}`, q * scale])),
              terr
            ).reps.map((x) => x.farFromPeers);
          expect(flags(factor)).toEqual(flags(1));
          // Against the threshold: a quota above potential × t is above (potential × t) × factor.
          const r = quotaReachability(
            handPlan(pairs.map(([q], i): [string, number] => [`r${i}`, q * factor])),
            terr,
            { threshold: factor }
          );
          r.reps.forEach((x, i) => expect(x.aboveThreshold).toBe(pairs[i][0] > pairs[i][1]));
        }
      )
    );
  });
});
