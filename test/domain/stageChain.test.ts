import fc from "fast-check";
import { columnOf } from "../../src/domain/column";
import { PlanError } from "../../src/domain/errors";
import { stageChain, StageOdds } from "../../src/domain/stageChain";
import { planError } from "../support/thrown";

/** Steps as "From>To" strings, repeated `times`. */
const steps = (...spec: [string, string, number][]) => {
  const from: string[] = [];
  const to: string[] = [];
  for (const [a, b, times] of spec)
    for (let i = 0; i < times; i++) {
      from.push(a);
      to.push(b);
    }
  return [columnOf(from), columnOf(to)] as const;
};

describe("the absorbing chain, worked by hand", () => {
  // Lead: 2 stay, 2 → Proposal, 1 → Lost (of 5): Q_LL = 0.4, Q_LP = 0.4, R_L,lost = 0.2.
  // Proposal: 1 stays, 3 → Won, 1 → Lost (of 5): Q_PP = 0.2, R_P,won = 0.6, R_P,lost = 0.2.
  // b_P = 0.2·b_P + 0.6 → b_P = 0.75;  t_P = 1 + 0.2·t_P → t_P = 1.25.
  // b_L = 0.4·b_L + 0.4·0.75 → 0.6·b_L = 0.3 → b_L = 0.5;
  // t_L = 1 + 0.4·t_L + 0.4·1.25 → 0.6·t_L = 1.5 → t_L = 2.5.
  const [from, to] = steps(
    ["Lead", "Lead", 2],
    ["Lead", "proposal ", 2],
    ["Lead", "Lost", 1],
    ["Proposal", "Proposal", 1],
    ["Proposal", "Won", 3],
    ["Proposal", "LOST", 1]
  );

  it("gives each open stage its win probability and expected steps", () => {
    const rows = stageChain(from, to, ["Lead", "Proposal"]);
    expect(rows.map((r) => r.stage)).toEqual(["Lead", "Proposal"]);
    const [lead, proposal] = rows.map((r) => r.odds as StageOdds);
    expect(lead.win).toBeCloseTo(0.5, 12);
    expect(lead.loss).toBeCloseTo(0.5, 12);
    expect(lead.steps).toBeCloseTo(2.5, 12);
    expect(proposal.win).toBeCloseTo(0.75, 12);
    expect(proposal.loss).toBeCloseTo(0.25, 12);
    expect(proposal.steps).toBeCloseTo(1.25, 12);
  });

  it("skips blank rows and steps from a closed deal, which the chain treats as absorbed", () => {
    const [f, t] = steps(["Lead", "Won", 1], ["", "", 3], ["Won", "Lead", 4]);
    const [lead] = stageChain(f, t, ["Lead"]);
    expect(lead.odds).toEqual({ win: 1, loss: 0, steps: 1 });
  });
});

describe("stages the data cannot answer for", () => {
  it("gives #N/A to a stage never left, and to the stages that lead to it", () => {
    // Proposal only ever stays put; Lead moves on to Proposal; Demo closes on its own.
    const [from, to] = steps(
      ["Lead", "Proposal", 2],
      ["Proposal", "Proposal", 3],
      ["Demo", "Won", 1]
    );
    const rows = stageChain(from, to, ["Lead", "Proposal", "Demo", "Contract"]);
    const kinds = rows.map((r) => (r.odds instanceof PlanError ? r.odds.kind : "ok"));
    expect(kinds).toEqual(["na", "na", "ok", "na"]);
    expect((rows[0].odds as PlanError).message).toBe(
      'stage "Lead" leads to "Proposal", which is never left in the data, so its odds are not known'
    );
    expect((rows[3].odds as PlanError).message).toBe(
      'stage "Contract" is never left in the data, so its odds are not known'
    );
  });

  it("gives #NUM! to stages that cannot reach won or lost, and to those that may fall into them", () => {
    // A ↔ B forever; C goes to A half the time, else wins.
    const [from, to] = steps(["A", "B", 1], ["B", "A", 1], ["C", "A", 1], ["C", "Won", 1]);
    const rows = stageChain(from, to, ["A", "B", "C"]);
    expect(rows.map((r) => (r.odds as PlanError).kind)).toEqual(["num", "num", "num"]);
    expect((rows[2].odds as PlanError).message).toBe(
      'stage "C" leads to "A", which never reaches won or lost in the data'
    );
  });
});

describe("bad steps", () => {
  const [from, to] = steps(["Lead", "Won", 1]);

  it("says which row holds an unknown stage", () => {
    const [f, t] = steps(["Lead", "Won", 1], ["Lead", "Negotiation", 1]);
    const error = planError(() => stageChain(f, t, ["Lead"]));
    expect([error.kind, error.where]).toEqual(["na", { field: "to_stages", row: 2 }]);
  });

  it("refuses half a step, a closed label among the open stages and the same label twice", () => {
    const [f, t] = steps(["Lead", "", 1]);
    expect(planError(() => stageChain(f, t, ["Lead"])).where).toEqual({
      field: "to_stages",
      row: 1,
    });
    expect(planError(() => stageChain(from, to, ["Lead", "won"])).said.code).toBe("stageIsOutcome");
    expect(planError(() => stageChain(from, to, ["Lead"], "Lost")).said.code).toBe(
      "outcomeLabelsSame"
    );
    expect(planError(() => stageChain(from, to, [])).kind).toBe("value");
  });
});

describe("absorption properties", () => {
  const names = ["S0", "S1", "S2", "S3"];
  const target = fc.constantFrom(...names, "Won", "Lost");
  // Every stage is left at least once toward won or lost, so every stage can close.
  const data = fc.array(fc.tuple(fc.constantFrom(...names), target), { maxLength: 60 });

  it("keeps each probability in [0, 1] with win + loss = 1, and steps ≥ 1", () => {
    fc.assert(
      fc.property(data, fc.constantFrom("Won", "Lost"), (extra, exit) => {
        const spec: [string, string, number][] = [
          ...names.map((name): [string, string, number] => [name, exit, 1]),
          ...extra.map(([a, b]): [string, string, number] => [a, b, 1]),
        ];
        const [from, to] = steps(...spec);
        for (const { odds } of stageChain(from, to, names)) {
          const o = odds as StageOdds;
          expect(o.win).toBeGreaterThanOrEqual(0);
          expect(o.win).toBeLessThanOrEqual(1);
          expect(o.loss).toBeGreaterThanOrEqual(0);
          expect(o.loss).toBeLessThanOrEqual(1);
          expect(Math.abs(o.win + o.loss - 1)).toBeLessThan(1e-9);
          expect(o.steps).toBeGreaterThanOrEqual(1 - 1e-9);
        }
      })
    );
  });
});
