import { balanceTerritories } from "../../src/domain/territory";
import { Scenario, compareScenarios, promoteScenario } from "../../src/domain/scenario";
import { territoryInstance } from "../support/territoryInstance";

function scenario(name: string, settings = {}): Scenario {
  const input = { ...territoryInstance({ accounts: 200, reps: 6, seed: 11 }), settings };
  const result = balanceTerritories(input);
  if (!result.ok) throw new Error("bad instance");
  return {
    name,
    state: "Draft",
    created: "2026-11-27T00:00:00Z",
    territoryInput: input,
    territory: result.value,
  };
}

describe("scenario comparison", () => {
  const keep = scenario("Keep owners", { toleranceBand: 0.1 });
  const balance = scenario("Balance fully");

  it("lists exactly the accounts whose owner differs", () => {
    const diff = compareScenarios(keep, balance);
    const ownerA = new Map(keep.territory.assignments.map((x) => [x.accountId, x.repId]));
    const ownerB = new Map(balance.territory.assignments.map((x) => [x.accountId, x.repId]));
    const expected = [...ownerA.keys()].filter((id) => ownerA.get(id) !== ownerB.get(id)).sort();
    expect(diff.moves.map((m) => m.accountId)).toEqual(expected);
    for (const m of diff.moves)
      expect([m.fromRep, m.toRep]).toEqual([ownerA.get(m.accountId), ownerB.get(m.accountId)]);
  });

  it("gives per-rep potential deltas that sum to zero and metric deltas", () => {
    const diff = compareScenarios(keep, balance);
    expect(diff.reps.reduce((s, r) => s + r.potentialDelta, 0)).toBeCloseTo(0, 6);
    const maxDev = diff.metrics.find((m) => m.metric === "maxAbsDeviation")!;
    expect(maxDev.delta).toBeCloseTo(
      balance.territory.metrics.maxAbsDeviation - keep.territory.metrics.maxAbsDeviation,
      12
    );
  });

  it("a scenario compared with itself shows no change", () => {
    const diff = compareScenarios(keep, keep);
    expect(diff.moves).toEqual([]);
    expect(diff.metrics.every((m) => m.delta === 0 || m.delta === null)).toBe(true);
  });

  it("promotes one scenario to Active and demotes the previous one", () => {
    const promoted = promoteScenario(
      promoteScenario([keep, balance], "Keep owners"),
      "Balance fully"
    );
    expect(promoted.map((s) => s.state)).toEqual(["Draft", "Active"]);
    expect(() => promoteScenario([keep], "Nope")).toThrow('no scenario named "Nope"');
  });
});
