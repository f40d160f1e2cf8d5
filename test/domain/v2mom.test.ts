import fc from "fast-check";
import {
  V2mom,
  alignmentWarnings,
  diffV2mom,
  isCellLink,
  isStale,
  measureStatus,
  newV2mom,
  nextId,
  reorder,
  startMidYearRefresh,
  validateV2mom,
} from "../../src/domain/v2mom";

const company: V2mom = {
  id: "C",
  orgUnit: "Acme",
  level: "Company",
  fiscalYear: 2027,
  version: "Annual",
  status: "Published",
  vision: "Every customer plans in their own workbook.",
  values: [
    { id: "v1", text: "Trust" },
    { id: "v2", text: "Customer success" },
  ],
  methods: [
    { id: "m1", text: "Grow enterprise revenue 30%" },
    { id: "m2", text: "Launch in APAC" },
  ],
  obstacles: [{ id: "o1", text: "Hiring in APAC", methodId: "m2" }],
  measures: [
    {
      id: "k1",
      methodId: "m1",
      metric: "Enterprise ARR",
      unit: "USD",
      target: 13_000_000,
      actual: 9_000_000,
    },
  ],
};
const sales: V2mom = {
  ...company,
  id: "S",
  orgUnit: "Sales",
  level: "Organisation",
  parentId: "C",
  methods: [
    { id: "s1", text: "Hire 12 enterprise reps", alignsTo: "m1" },
    { id: "s2", text: "Win 5 logos in Japan" },
  ],
};

describe("V2MOM rules", () => {
  it("asks for the vision and a method before publishing, and names dangling references", () => {
    const draft = { ...company, vision: " ", methods: [], status: "Draft" as const };
    expect(validateV2mom(draft).map((i) => i.field)).toEqual(["obstacles", "measures"]);
    expect(validateV2mom(draft, true).map((i) => i.field)).toEqual([
      "vision",
      "methods",
      "obstacles",
      "measures",
    ]);
    expect(
      validateV2mom({ ...company, measures: [{ id: "k", metric: "ARR", target: Number.NaN }] })
    ).toEqual([
      {
        code: "targetNotNumber",
        field: "measures",
        itemId: "k",
        message: "The target must be a number.",
      },
    ]);
  });

  it("computes measure status from actual against target with the user's thresholds", () => {
    const measure = { id: "k", metric: "ARR", target: 100 };
    expect(measureStatus(measure, 96)).toBe("On track");
    expect(measureStatus(measure, 85)).toBe("At risk");
    expect(measureStatus(measure, 50)).toBe("Off track");
    expect(measureStatus(measure, 85, { onTrack: 0.8, atRisk: 0.5 })).toBe("On track");
    expect(measureStatus(measure, undefined)).toBeUndefined();
    expect(isStale({ ...measure, lastChecked: 46_000 }, 46_040)).toBe(true);
    expect(isStale({ ...measure, lastChecked: 46_030 }, 46_040)).toBe(false);
  });

  it("warns about parent methods nobody supports and child methods aligned to nothing", () => {
    expect(alignmentWarnings([company, sales])).toEqual([
      {
        documentId: "C",
        methodId: "m2",
        kind: "unsupported",
        message: 'No organisation supports "Launch in APAC".',
      },
      {
        documentId: "S",
        methodId: "s2",
        kind: "unaligned",
        message: '"Win 5 logos in Japan" is not aligned to a method of Acme.',
      },
    ]);
  });

  it("refreshes mid-year into a Draft copy and leaves the Annual version as it was", () => {
    const refresh = startMidYearRefresh(company, "C-H2");
    expect(refresh).toMatchObject({
      id: "C-H2",
      version: "Mid-year refresh",
      status: "Draft",
      vision: company.vision,
    });
    refresh.methods[0].text = "Grow enterprise revenue 25%";
    expect(company.methods[0].text).toBe("Grow enterprise revenue 30%");
    expect(() => startMidYearRefresh({ ...company, status: "Draft" }, "x")).toThrow(
      "Only a published Annual V2MOM"
    );
  });

  it("diffs versions: added, removed, reworded, re-ranked", () => {
    const after: V2mom = {
      ...company,
      values: [...company.values].reverse(),
      methods: [
        { id: "m2", text: "Launch in APAC and Japan" },
        { id: "m3", text: "Partner channel" },
      ],
    };
    expect(diffV2mom(company, after)).toEqual({
      visionChanged: false,
      changes: [
        { section: "values", id: "v2", kind: "re-ranked", before: "2", after: "1" },
        { section: "values", id: "v1", kind: "re-ranked", before: "1", after: "2" },
        { section: "methods", id: "m3", kind: "added", after: "Partner channel" },
        { section: "methods", id: "m1", kind: "removed", before: "Grow enterprise revenue 30%" },
        {
          section: "methods",
          id: "m2",
          kind: "reworded",
          before: "Launch in APAC",
          after: "Launch in APAC and Japan",
        },
      ],
    });
  });

  it("reordering keeps every item exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 20 }),
        fc.integer({ min: -3, max: 25 }),
        fc.integer({ min: -3, max: 25 }),
        (items, from, to) => {
          const next = reorder(items, from, to);
          expect([...next].sort()).toEqual([...items].sort());
          if (from >= 0 && from < items.length)
            expect(next[Math.max(0, Math.min(items.length - 1, to))]).toBe(items[from]);
        }
      )
    );
  });
});

describe("links and ids", () => {
  it.each([
    ["Sheet1!B2", true],
    ["'Pipeline FY27'!$C$4", true],
    ["'O''Brien'!A1", true],
    ["ClosedWonYTD", true],
    ["销售!B2", true],
    ["B2", false],
    ["Sheet1!", false],
    ['A1)+HYPERLINK("http://x")', false],
    ["=Sheet1!B2", false],
    ["'Bad:Name'!A1", false],
  ])("%s is a cell link: %s", (link, ok) => {
    expect(isCellLink(link)).toBe(ok);
  });

  it("draws the next id after the highest of its prefix", () => {
    expect(nextId("M", ["M1", "M3", "V9", "Mx"])).toBe("M4");
    expect(nextId("D", [])).toBe("D1");
  });

  it("refuses thresholds where at-risk is above on-track", () => {
    const doc = {
      ...company,
      measures: [{ id: "K1", metric: "ARR", onTrackAt: 0.7, atRiskAt: 0.9 }],
    };
    expect(validateV2mom(doc).map((i) => i.code)).toEqual(["thresholds"]);
  });
});

describe("new V2MOMs", () => {
  it("cascade one level down from their parent, in its fiscal year, as drafts", () => {
    const child = newV2mom("D9", { ...company, level: "Organisation" }, 2030);
    expect(child).toMatchObject({
      id: "D9",
      level: "Team",
      parentId: "C",
      fiscalYear: 2027,
      status: "Draft",
      version: "Annual",
    });
    expect(newV2mom("D1", undefined, 2030)).toMatchObject({ level: "Company", fiscalYear: 2030 });
    expect(newV2mom("D2", { ...company, level: "Person" }, 2030).level).toBe("Person");
  });
});
