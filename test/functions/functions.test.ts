/** The PLAN functions as Excel calls them: ranges as rows of cells, errors as CustomFunctions.Error. */
import * as plan from "../../src/functions/functions";
import { column, row, excelError } from "../support/thrown";

describe("spilled results keep the orientation of their main range", () => {
  it("CONVERSION down a column and across a row", () => {
    expect(plan.conversion(column(200, 50, 10))).toEqual([[0.25], [0.2]]);
    expect(plan.conversion(row(200, 50, 10))).toEqual([[0.25, 0.2]]);
  });

  it("CONVERSION gives #DIV/0! only in the cell after an empty stage, saying which row is 0", () => {
    const [[first], [second], [third]] = plan.conversion(column(1000, 130, 0, 0));
    expect([first, second]).toEqual([0.13, 0]);
    expect(third).toBeInstanceOf(CustomFunctions.Error);
    expect(third).toMatchObject({
      code: CustomFunctions.ErrorCode.divisionByZero,
      message: "stage_counts row 3 is 0, so the rate after it divides by zero",
    });
  });

  it("LEADSNEEDED gives one more value than rates", () => {
    expect(plan.leadsneeded(1_000_000, row(0.1, 0.25), 20_000)).toEqual([[2000, 200, 50]]);
    expect(plan.leadsneeded(1_000_000, column(0.1, 0.25), 20_000)).toEqual([[2000], [200], [50]]);
  });

  it("QUOTASPLIT has the shape of weights; WINRATECI and RAMP spill across one row", () => {
    expect(plan.quotasplit(100, column(1, 1, 1))).toEqual([[34], [33], [33]]);
    expect(plan.winrateci(81, 263)[0]).toHaveLength(2);
    expect(plan.ramp(120_000, "2026-01-01", "2026-01-01", column(0.5, "", ""))).toEqual([
      [5000, ...new Array(11).fill(10_000)],
    ]);
  });
});

describe("blank cells are missing values, never zeros", () => {
  it("WINRATE ignores blank outcomes; CYCLETIME treats a blank closed date as open", () => {
    expect(plan.winrate(column("Won", "", null, "Lost"))).toBe(0.5);
    // One deal closed after 10 days, one open for 30: the median is 10 only if the open one is counted as open.
    expect(plan.cycletime(column(100, 100), column(110, ""), "median", 130)).toBe(10);
    // With two of three still open, half have not closed yet: the median is not known.
    expect(
      excelError(() => plan.cycletime(column(100, 100, 100), column(110, "", ""), "median", 130))
        .code
    ).toBe("#N/A");
    // The closed-only average would have claimed 10 days.
    expect(plan.cycletime(column(100, 100, 100), column(110, "", ""), "closedmean", 130)).toBe(10);
  });

  it("QUOTASPLIT takes a blank floor or cap as none", () => {
    expect(
      plan.quotasplit(100, column(1, 1, 1, 1), 0, column(40, "", "", ""), column("", "", "", ""))
    ).toEqual([[40], [20], [20], [20]]);
  });

  it("a blank where a number is required says where", () => {
    const error = excelError(() => plan.conversion(column(100, "", 10)));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe("stage_counts, row 2 is blank; a number is needed");
  });
});

describe("bad input gets the Excel error a user expects, with what and where", () => {
  it.each([
    [
      "text in a number range",
      () => plan.conversion(column(100, "lots")),
      "#VALUE!",
      'stage_counts, row 2 holds text "lots" where a number is needed',
    ],
    [
      "mismatched ranges",
      () => plan.winrate(column("Won", "Lost"), column(1)),
      "#VALUE!",
      "outcomes has 2 cells but amounts has 1",
    ],
    [
      "a 2-D block",
      () =>
        plan.conversion([
          [1, 2],
          [3, 4],
        ]),
      "#VALUE!",
      "stage_counts must be a single row or column, not 2×2 cells",
    ],
    [
      "an unknown statistic",
      () => plan.cycletime(column(1), column(2), "average"),
      "#VALUE!",
      'unknown statistic "average"',
    ],
    [
      "closed before created",
      () => plan.cycletime(column(100, 100), column(105, 90)),
      "#VALUE!",
      "closed date before created date in row 2",
    ],
    [
      "an impossible date",
      () => plan.cycletime(column("2025-02-29"), column("")),
      "#VALUE!",
      "not a date",
    ],
    ["a rate above 1", () => plan.funnelrevenue(100, row(0.5, 1.5), 10), "#NUM!", undefined],
    ["wins above closed", () => plan.winrateci(5, 4), "#NUM!", undefined],
    [
      "infeasible floors",
      () => plan.quotasplit(100, column(1, 1), 0, column(60, 60)),
      "#NUM!",
      undefined,
    ],
    ["a zero quota", () => plan.attainment(10, 0), "#DIV/0!", undefined],
    ["no closed deals", () => plan.winrate(column("Open", "Open")), "#DIV/0!", undefined],
    [
      "an unknown stage",
      () =>
        plan.weightedpipeline(
          column(100),
          column("Closing"),
          column("Lead", "Won"),
          column(0.1, 1)
        ),
      "#N/A",
      'unknown stage "Closing" in stages, row 1',
    ],
    [
      "a quantile never reached",
      () => plan.cycletime(column(1, 1), column(5, ""), 0.9, 10),
      "#N/A",
      "fewer than 90% of deals have closed",
    ],
  ])("%s", (_, run, code, message) => {
    const error = excelError(run);
    expect(error.code).toBe(code);
    if (message) expect(error.message).toContain(message);
  });

  it("CONVERSIONBY puts #DIV/0! only in the cells that divide by zero", () => {
    const table = plan.conversionby(
      column("Web", "Event"),
      column("Won", "Lead"),
      column("Lead", "Won", "")
    );
    expect(table[0]).toEqual(["Group", "Lead", "Won", "Lead→Won", "Lead→Won"]);
    expect(table[1]).toEqual(["Event", 1, 0, 0, 0]);
    expect(table[2]).toEqual(["Web", 1, 1, 1, 1]);
    expect(table[3]).toEqual(["Total", 2, 1, 0.5, 0.5]);
  });

  it("SURVIVAL spills its header and one row per closing day", () => {
    const table = plan.survival(column(100, 100, 100, 100), column(102, 102, 105, ""), 110);
    expect(table).toEqual([
      ["Day", "AtRisk", "Closed", "StillOpen"],
      [2, 4, 2, 0.5],
      [5, 2, 1, 0.25],
    ]);
  });
});
