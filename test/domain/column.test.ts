/**
 * LabelCodes, the lookup the fast paths use for every label cell: whatever the spellings and
 * their order, each label gets the code its classification gives, and the classification
 * runs once per spelling.
 */
import fc from "fast-check";
import { LabelCodes } from "../../src/domain/column";

describe("LabelCodes", () => {
  it("gives each label its own code, including spellings that share a lookup slot", () => {
    // Same length and first letter ("Stage 1", "Stage 2"), and also the same last letter
    // ("AxB", "AyB"): the second table and then the map must tell them apart.
    const spellings = ["Stage 1", "Stage 2", "Stage 3", "AxB", "AyB", "AzB", "", " ", "Won", "won"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...spellings), { maxLength: 200 }), (labels) => {
        const calls = new Map<string, number>();
        const codes = new LabelCodes((label) => {
          calls.set(label, (calls.get(label) ?? 0) + 1);
          return spellings.indexOf(label);
        });
        for (const label of labels) expect(codes.get(label)).toBe(spellings.indexOf(label));
        for (const count of calls.values()) expect(count).toBe(1);
      })
    );
  });

  it("reads a label built at run time like the same text typed in", () => {
    const codes = new LabelCodes((label) => label.length);
    expect(codes.get("Closed Won")).toBe(10);
    expect(codes.get(["Closed", "Won"].join(" "))).toBe(10);
  });
});
