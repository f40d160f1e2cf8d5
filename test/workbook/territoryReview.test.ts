/**
 * The territory review sheet in a workbook file: reps by name under their manager, a roll-up
 * by manager and the quota tie-out at each level as formulas that LibreOffice, an independent
 * calculator, evaluates; number formats by what each figure is; and a native column chart
 * that LibreOffice finds over the sheet's own ranges.
 */
import JSZip from "jszip";
import { runPlan } from "../../src/domain/planRun";
import type { DeviationBound, FairnessMetrics, RepSummary } from "../../src/domain/territory";
import { wordsIn } from "../../src/i18n";
import {
  REVIEW_SHEET,
  ReviewInput,
  reviewLabels,
  territoryReview,
} from "../../src/workbook/territoryReview";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { convertedBy, sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";
import { territoryInstance } from "../support/territoryInstance";
import { writtenBook } from "../cli/reportSheets";

const labels = reviewLabels(wordsIn("en-US").t, "FY27 Base");

const rep = (
  repId: string,
  accounts: number,
  potential: number,
  target: number,
  deviation: number | null
): RepSummary => ({ repId, accounts, potential, workload: accounts, load: 0, target, deviation });

const metrics: FairnessMetrics = {
  maxAbsDeviation: 0.2,
  coefficientOfVariation: 0.114376941744,
  giniPotentialPerFte: 0.0875,
  maxMinRatio: 2.5,
  accountsMoved: 3,
  continuity: 0.875,
};

/**
 * Four reps whose figures are easy to add up by hand: 1,000,000 of potential, two under Kim,
 * one under Lee, one without a manager; quotas from a 1,000,000 target with 10%
 * over-assignment, where Lee's rep is 10 over what Lee's team should sum to.
 */
const handMade: ReviewInput = {
  territory: {
    reps: [
      rep("R1", 10, 400_000, 0.25, 0.1),
      rep("R2", 5, 250_000, 0.25, -0.05),
      rep("R3", 8, 300_000, 0.3, 0.02),
      rep("R4", 2, 50_000, 0.2, -0.2),
    ],
    metrics,
    unassigned: [{ accountId: "A9", reason: "no rep covers APAC" }],
  },
  reps: [
    { id: "R1", name: "Zoe Adams", manager: "Kim" },
    { id: "R2", name: "Ann Bell", manager: "Lee" },
    { id: "R3", name: "Bo Chen", manager: "Kim" },
    { id: "R4", name: "Cy Diaz" },
  ],
  quotas: {
    companyTarget: 1_000_000,
    teamTotal: 1_000_000,
    teams: [
      { team: "Kim", level: 1, quota: 600_000, childTotal: 660_000, childSum: 660_000 },
      { team: "Lee", level: 1, quota: 250_000, childTotal: 275_000, childSum: 275_010 },
      { team: "(no manager)", level: 1, quota: 150_000, childTotal: 165_000, childSum: 165_000 },
    ],
    reps: [
      { repId: "R1", annual: 300_000 },
      { repId: "R2", annual: 275_010 },
      { repId: "R3", annual: 360_000 },
      { repId: "R4", annual: 165_000 },
    ],
  },
  written: "2026-12-01",
};

async function written(input: ReviewInput) {
  const driver = await PackageDriver.blank();
  const sheet = territoryReview(input, labels);
  await driver.writeReport(sheet);
  const bytes = await driver.toBuffer();
  await expectValidWorkbook(bytes);
  const csv = (await sheetsAsCsv(bytes))(REVIEW_SHEET);
  return { sheet, bytes, csv };
}

/** The sheet's rows from the one whose first cell is `label`, for `count` rows. */
function rowsFrom(csv: string[][], label: string, count: number, after = 0) {
  const at = csv.findIndex((row, i) => i >= after && row[0] === label);
  expect([label, at]).not.toEqual([label, -1]);
  return { at, rows: csv.slice(at, at + count) };
}
/** A cell as LibreOffice's CSV gives it: unformatted, but percentages with their "%". */
const figure = (x: string) =>
  x === "" ? x : x.endsWith("%") ? Number(x.slice(0, -1)) / 100 : Number(x);
const numbers = (row: string[]) => row.slice(1).map(figure);

describe("territory review sheet", () => {
  let result: Awaited<ReturnType<typeof written>>;
  beforeAll(async () => {
    result = await written(handMade);
  }, 120_000);

  it("lists the reps by name under their manager, grouped by manager", () => {
    const { csv } = result;
    const header = rowsFrom(csv, "Rep", 6);
    expect(header.rows[0].slice(0, 7)).toEqual([
      "Rep",
      "Manager (team)",
      "Accounts",
      "Potential",
      "Target potential",
      "Deviation",
      "Quota",
    ]);
    // Kim's reps first (by name), then Lee's, then the rep with no manager; target potential is
    // the rep's share of the target × 1,000,000.
    expect(header.rows.slice(1, 6).map((r) => [r[0], r[1], ...numbers(r.slice(1, 7))])).toEqual([
      ["Bo Chen", "Kim", 8, 300_000, 300_000, 0.02, 360_000],
      ["Zoe Adams", "Kim", 10, 400_000, 250_000, 0.1, 300_000],
      ["Ann Bell", "Lee", 5, 250_000, 250_000, -0.05, 275_010],
      ["Cy Diaz", "(no manager)", 2, 50_000, 200_000, -0.2, 165_000],
      ["Total", "", 25, 1_000_000, 1_000_000, "", 1_100_010],
    ]);
    expect(csv.flat()).not.toContain("R1");
  });

  it("rolls the reps up by manager with formulas LibreOffice sums", () => {
    const { csv } = result;
    const start = rowsFrom(csv, "Total", 1).at;
    const { rows } = rowsFrom(csv, "Manager (team)", 5, start);
    expect(rows[0].slice(0, 7)).toEqual([
      "Manager (team)",
      "Reps",
      "Accounts",
      "Potential",
      "Target potential",
      "Deviation",
      "Quota",
    ]);
    const [kim, lee, none, total] = rows.slice(1).map(numbers);
    // Kim: 300,000 × 1.02 + 250,000 × 1.1 = 581,000 carried against 550,000 of target.
    expect(kim.slice(0, 4)).toEqual([2, 18, 700_000, 550_000]);
    expect(kim[4]).toBeCloseTo(581_000 / 550_000 - 1, 10);
    expect(kim[5]).toBe(660_000);
    expect(lee.slice(0, 6)).toEqual([1, 5, 250_000, 250_000, -0.05, 275_010]);
    expect(none.slice(0, 6)).toEqual([1, 2, 50_000, 200_000, -0.2, 165_000]);
    expect(total.slice(0, 4)).toEqual([4, 25, 1_000_000, 1_000_000]);
    expect(total[5]).toBe(1_100_010);
  });

  it("ties the quotas out at every level, each difference a formula", () => {
    const { csv } = result;
    const { rows } = rowsFrom(csv, "Level", 7);
    expect(rows[0]).toEqual(
      expect.arrayContaining([
        "Level",
        "Quota",
        "Level below should sum to",
        "Level below sums to",
        "Difference",
      ])
    );
    // Quota, should sum to, sums to, difference (columns D to G).
    const figures = rows.slice(1).map((r) => [r[0], ...numbers(r).slice(2, 6)]);
    expect(figures).toEqual([
      ["Company target", 1_000_000, 1_000_000, 1_000_000, 0],
      ["Kim", 600_000, 660_000, 660_000, 0],
      ["Lee", 250_000, 275_000, 275_010, 10],
      ["(no manager)", 150_000, 165_000, 165_000, 0],
      ["Sum of rep quotas", "", 1_100_000, 1_100_010, 10],
      // A quota amount under the quotas, not a break in the Difference column.
      ["Over-assignment (sum − target)", 100_010, "", "", ""],
    ]);
  });

  it("formats each figure by what it is and explains each metric under it", async () => {
    const { csv, bytes, sheet } = result;
    const formats = await (await writtenBook(bytes)).formats(REVIEW_SHEET);
    const at = (label: string, col: string, after = 0) =>
      `${col}${rowsFrom(csv, label, 1, after).at + 1}`;
    expect(formats.get(at("Largest deviation", "B"))).toBe("0.0%");
    expect(formats.get(at("Coefficient of variation", "B"))).toBe("0.000");
    expect(formats.get(at("Gini of potential per FTE", "B"))).toBe("0.000");
    expect(formats.get(at("Highest ÷ lowest potential per FTE", "B"))).toBe("0.000");
    expect(formats.get(at("Accounts moved", "B"))).toBe("#,##0");
    expect(formats.get(at("Continuity (kept owner)", "B"))).toBe("0.0%");
    expect(formats.get(at("Bo Chen", "C"))).toBe("#,##0");
    for (const col of ["D", "E", "G"]) expect(formats.get(at("Bo Chen", col))).toBe("#,##0");
    expect(formats.get(at("Bo Chen", "F"))).toBe("0.0%");
    const rollUp = rowsFrom(csv, "Total", 1).at;
    for (const col of ["B", "C", "D", "E", "G"])
      expect(formats.get(at("Kim", col, rollUp))).toBe("#,##0");
    expect(formats.get(at("Kim", "F", rollUp))).toBe("0.0%");
    expect(formats.get(at("Company target", "G"))).toBe("#,##0");

    const cv = rowsFrom(csv, "Coefficient of variation", 2).rows;
    expect(figure(cv[0][1])).toBeCloseTo(0.114376941744, 12);
    expect(cv[1][0]).toMatch(/under 0\.09 is balanced/);
    // Under each metric, the line saying what it measures.
    for (const key of Object.keys(labels.metric) as (keyof typeof labels.metric)[])
      expect(rowsFrom(csv, labels.metric[key], 2).rows[1][0]).toBe(labels.notes[key]);
    // 999,999,999 fits in every money column, with room to spare.
    expect(sheet.columnWidths.slice(3, 7).every((w) => w >= "999,999,999".length + 2)).toBe(true);
  });

  it("prints with the rep table's header repeated, the title in the header and the date given", () => {
    const { sheet, csv } = result;
    const headerRow = rowsFrom(csv, "Rep", 1).at + 1;
    expect(sheet.print).toEqual({
      titleRows: { first: headerRow, last: headerRow },
      header: "Territory & quota review — FY27 Base",
      written: "2026-12-01",
      words: { written: "Written {date}", page: "Page {page} of {pages}" },
    });
  });

  it("is a native sheet whose tie-out the engine's quota plan passes, and whose chart LibreOffice finds", async () => {
    const { accounts, reps } = territoryInstance({ accounts: 300, reps: 6, seed: 3 });
    const managed = reps.map((r, i) => ({ ...r, manager: i < 4 ? "North" : "South" }));
    const run = runPlan({
      accounts,
      reps: managed,
      balance: {},
      quota: {
        companyTarget: 1_000_000,
        method: { kind: "potential" },
        overAssignment: 0.1,
        fiscalYearStart: 46_388,
      },
    });
    if (!run.ok) throw new Error("engine refused");
    const { bytes, csv } = await written({
      territory: run.value.territory,
      reps: managed,
      quotas: run.value.quotas,
      written: "2026-12-01",
    });

    const zip = await JSZip.loadAsync(bytes);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:f>'Territory Review'!$D$");
    expect(chart).toContain('<c:barDir val="col"/>');

    // Every level's difference, as LibreOffice computes it, is 0.
    const { rows } = rowsFrom(csv, "Level", 5);
    expect(rows.slice(1).map((r) => [r[0], Number(r[6])])).toEqual([
      ["Company target", 0],
      ["North", 0],
      ["South", 0],
      ["Sum of rep quotas", 0],
    ]);
    const quotaSum = run.value.quotas!.reps.reduce((s, r) => s + r.annual, 0);
    expect(Number(rowsFrom(csv, "Over-assignment (sum − target)", 1).rows[0][3])).toBeCloseTo(
      quotaSum - 1_000_000,
      2
    );
    expect(csv.filter((row) => /^Rep \d$/.test(row[0]))).toHaveLength(6);

    const ods = await JSZip.loadAsync(convertedBy(bytes, "ods"));
    const objects = Object.keys(ods.files).filter((name) =>
      /^Object \d+\/content\.xml$/.test(name)
    );
    expect(objects).toHaveLength(1);
    const content = await ods.file(objects[0])!.async("string");
    expect(content).toContain('chart:class="chart:bar"');
    // The bars are filled (a chart with no series fill prints as empty axes in LibreOffice).
    const styles = (await ods.file(objects[0].replace("content", "styles"))?.async("string")) ?? "";
    expect(`${content}${styles}`.toLowerCase()).toMatch(/draw:fill-color="#4472c4"/);
    expect(content).toMatch(
      /chart:values-cell-range-address="&apos;Territory Review&apos;\.D\d+:&apos;Territory Review&apos;\.D\d+"/
    );
    // The chart's own data, as LibreOffice read it from the sheet, is each rep's potential by name.
    const charted = [
      ...content.matchAll(
        /<table:table-cell office:value-type="string"><text:p>(Rep \d)<\/text:p>(?:<draw:g>.*?<\/draw:g>)?<\/table:table-cell><table:table-cell office:value-type="float" office:value="([\d.]+)"/g
      ),
    ].map((m) => [m[1], Number(m[2])]);
    const potentialOf = new Map(run.value.territory.reps.map((r) => [r.repId, r.potential]));
    expect(charted).toHaveLength(6);
    for (const [name, potential] of charted)
      expect(potential).toBeCloseTo(potentialOf.get(managed.find((r) => r.name === name)!.id)!, 6);
  }, 120_000);
});

/**
 * The review with its accounts (for whether the quotas can be reached) and a stored capacity
 * plan, on the hand-made reps. Last year's revenue on each rep's accounts: Zoe 320,000 +
 * 10,000 = 330,000 against a 300,000 quota (made), Ann 200,000 against 275,010 (short), Bo
 * 360,000 against 360,000 (made, exactly), Cy none against 165,000 (short): 2 of 4.
 */
const lastYear = (id: string, revenue?: number) => ({
  id,
  region: "EMEA",
  industry: "Retail",
  sizeTier: "Mid",
  potential: 0,
  workload: 0,
  ...(revenue === undefined ? {} : { lastYearRevenue: revenue }),
});
const owned = (accountId: string, repId: string) => ({
  accountId,
  repId,
  reason: "kept" as const,
});
/**
 * Ten ramped reps at 10,000 a month (100,000), a hire joining in months 4 and 7 who produces
 * half in their first month: 105,000 in month 4, 110,000 in 5–6, 115,000 in month 7 and
 * 120,000 after. The year: 3 × 100,000 + 105,000 + 2 × 110,000 + 115,000 + 5 × 120,000 =
 * 1,340,000, 160,000 short of a 1,500,000 target.
 */
const fte = [10, 10, 10, 10.5, 11, 11, 11.5, 12, 12, 12, 12, 12];
const capacity = {
  months: fte.map((ramped, i) => ({
    month: i + 1,
    hires: i === 3 || i === 6 ? 1 : 0,
    inSeat: i < 3 ? 10 : i < 6 ? 11 : 12,
    rampedFte: ramped,
    revenue: ramped * 10_000,
  })),
  year: 1_340_000,
  target: 1_500_000,
  gap: -160_000,
};
const withReach: ReviewInput = {
  ...handMade,
  territory: {
    ...handMade.territory,
    assignments: [
      owned("A1", "R1"),
      owned("A2", "R1"),
      owned("A3", "R2"),
      owned("A4", "R3"),
      owned("A5", "R4"),
    ],
  },
  accounts: [
    lastYear("A1", 320_000),
    lastYear("A2", 10_000),
    lastYear("A3", 200_000),
    lastYear("A4", 360_000),
    lastYear("A5"),
  ],
  reachThreshold: 1.25,
  capacity,
};

describe("territory review sheet's reachability and capacity", () => {
  let result: Awaited<ReturnType<typeof written>>;
  beforeAll(async () => {
    result = await written(withReach);
  }, 120_000);
  const titles = (input: ReviewInput) =>
    territoryReview(input, labels)
      .cells.filter((c) => c.style === "heading")
      .map((c) => c.value);

  it("accumulates the over-assignment from the company target through each team, under the tie-out", () => {
    const { csv } = result;
    const overAssigned = rowsFrom(csv, "Over-assignment (sum − target)", 1).at;
    const heading = rowsFrom(csv, "Can these quotas be reached?", 1, overAssigned).at;
    expect(heading).toBe(overAssigned + 2);
    const { rows } = rowsFrom(csv, "Team", 6, heading);
    expect(rows[0].slice(0, 5)).toEqual([
      "Team",
      "",
      "Level",
      "Own over-assignment",
      "Accumulated",
    ]);
    // Own: what the level below sums to ÷ the team's quota − 1; the company's first level sums
    // to the 1,000,000 target exactly, so each team's accumulated share is its own.
    const figures = rows.slice(1).map((r) => [r[0], ...r.slice(2, 5).map(figure)]);
    expect(figures.map((f) => f.slice(0, 2))).toEqual([
      ["Company target", ""],
      ["Kim", 1],
      ["Lee", 1],
      ["(no manager)", 1],
      ["All reps: over the target", ""],
    ]);
    const own = [0, 0.1, 275_010 / 250_000 - 1, 0.1];
    figures.slice(0, 4).forEach((f, i) => {
      expect(f[2]).toBeCloseTo(own[i], 6);
      expect(f[3]).toBeCloseTo(own[i], 6);
    });
    // All reps: 1,100,010 of quotas on a 1,000,000 target.
    expect(figures[4][2]).toBe("");
    expect(figures[4][3]).toBeCloseTo(0.10001, 6);
  });

  it("sets each rep's quota against their potential, flags those above the threshold, and counts who made it last year", () => {
    const { csv } = result;
    const heading = rowsFrom(csv, "Can these quotas be reached?", 1).at;
    const note = rowsFrom(csv, "All reps: over the target", 3, heading).rows[2][0];
    // Only Cy's 165,000 is above 1.25 × 50,000; Bo's 360,000 is 1.2 × 300,000. No rep has the
    // two peers within ±20% of their potential that "far from peers" needs.
    expect(note).toMatch(
      /^1 of 4 rep\(s\) have a quota above 1\.25 × their territory's potential; 0 stand far/
    );
    const { rows } = rowsFrom(csv, "Rep", 6, heading);
    expect(rows[0].slice(0, 5)).toEqual([
      "Rep",
      "Manager (team)",
      "",
      "Quota ÷ potential",
      "Flags",
    ]);
    const reps = rows.slice(1, 5).map((r) => [r[0], r[1], figure(r[3]), r[4]]);
    expect(reps.map(([name, team, , flags]) => [name, team, flags])).toEqual([
      ["Bo Chen", "Kim", ""],
      ["Zoe Adams", "Kim", ""],
      ["Ann Bell", "Lee", ""],
      ["Cy Diaz", "(no manager)", "Above 1.25 × potential"],
    ]);
    const ratios = [360_000 / 300_000, 0.75, 275_010 / 250_000, 3.3];
    reps.forEach((r, i) => expect(r[2]).toBeCloseTo(ratios[i], 9));
    expect(rows[5][0]).toBe(
      "At last year's revenue on the accounts they now hold, 2 of 4 rep(s) would have made this year's quota."
    );
  });

  it("shows the capacity plan by month, its year as a SUM and the gap to the target as formulas LibreOffice evaluates", async () => {
    const { csv, bytes, sheet } = result;
    const at = rowsFrom(csv, "Capacity", 1).at;
    const { rows } = rowsFrom(csv, "Month", 16, at);
    expect(rows[0].slice(0, 5)).toEqual([
      "Month",
      "Planned hires",
      "In seat",
      "Ramped FTE",
      "Capacity revenue",
    ]);
    expect(rows.slice(1, 13).map((r) => r.slice(0, 5).map(figure))).toEqual(
      fte.map((ramped, i) => [
        i + 1,
        i === 3 || i === 6 ? 1 : 0,
        i < 3 ? 10 : i < 6 ? 11 : 12,
        ramped,
        ramped * 10_000,
      ])
    );
    // What a reader that does not recalculate sees: the results stored with the formulas.
    const totals = [
      ["Year", 1_340_000],
      ["Company target", 1_500_000],
      ["Gap (capacity − target)", -160_000],
    ];
    expect(rows.slice(13).map((r) => [r[0], figure(r[4])])).toEqual(totals);
    expect(sheet.cells.filter((c) => c.row > at + 14 && c.formula).map((c) => c.style)).toEqual([
      "money",
      "money",
    ]);
    // And what the formulas compute from the month cells: LibreOffice keeps a stored result,
    // so it evaluates the same sheet written without them.
    const driver = await PackageDriver.blank();
    await driver.writeReport({
      ...sheet,
      cells: sheet.cells.map(({ result: _kept, ...cell }) => cell),
    });
    const evaluated = (await sheetsAsCsv(await driver.toBuffer()))(REVIEW_SHEET);
    expect(evaluated.slice(at + 14, at + 17).map((r) => [r[0], figure(r[4])])).toEqual(totals);
    const formats = await (await writtenBook(bytes)).formats(REVIEW_SHEET);
    const month4 = at + 6;
    expect([..."BCDE"].map((col) => formats.get(`${col}${month4}`))).toEqual([
      "#,##0",
      "#,##0.00",
      "#,##0.00",
      "#,##0",
    ]);
    expect(formats.get(`E${at + 16}`)).toBe("#,##0");
    // Still one page wide: the same seven columns.
    expect(sheet.columnWidths).toHaveLength(7);
    expect(Math.max(...sheet.cells.map((c) => c.col))).toBeLessThanOrEqual(7);
  });

  it("leaves a capacity plan without a target at its year, and draws neither block without its inputs", () => {
    const { target, gap, ...untargeted } = capacity;
    expect([target, gap]).toEqual([1_500_000, -160_000]);
    const sheet = territoryReview({ ...withReach, capacity: untargeted }, labels);
    const year = sheet.cells.find((c) => c.value === "Year")!;
    expect(sheet.cells.filter((c) => c.row > year.row && c.row < year.row + 3)).toEqual([]);
    expect(sheet.cells.some((c) => c.value === "Gap (capacity − target)")).toBe(false);

    expect(titles(withReach)).toEqual(
      expect.arrayContaining(["Can these quotas be reached?", "Capacity"])
    );
    // No stored capacity plan, no accounts: neither block.
    expect(titles(handMade)).not.toContain("Capacity");
    expect(titles(handMade)).not.toContain("Can these quotas be reached?");
    // Accounts but no quotas: nothing to reach.
    expect(titles({ ...withReach, quotas: undefined })).not.toContain(
      "Can these quotas be reached?"
    );
  });

  it("flags quotas far from peers with similar potential, and without managers' quotas shows only what all reps carry", () => {
    // Potentials 100, 110, 90, 105: each within ±20% of the others, but for Cal (90) and
    // Ben (110). Quota ÷ potential 0.8, 0.8, 0.5, 1.2. Cal's peers (Ada, Dee) have a median of
    // 1.0, and 0.5 is below 1.0 × 0.75; Dee's (Ada, Ben, Cal) 0.8, and 1.2 is above 0.8 × 1.25.
    // Dee's 126 is also above 1 × 105. The reps carry 339 on a 300 target: 13% over.
    const sheet = territoryReview(
      {
        territory: {
          reps: [
            rep("P1", 1, 100, 0.25, 0),
            rep("P2", 1, 110, 0.25, 0),
            rep("P3", 1, 90, 0.25, 0),
            rep("P4", 1, 105, 0.25, 0),
          ],
          metrics,
          unassigned: [],
          assignments: [],
        },
        reps: [
          { id: "P1", name: "Ada" },
          { id: "P2", name: "Ben" },
          { id: "P3", name: "Cal" },
          { id: "P4", name: "Dee" },
        ],
        quotas: {
          companyTarget: 300,
          reps: [
            { repId: "P1", annual: 80 },
            { repId: "P2", annual: 88 },
            { repId: "P3", annual: 45 },
            { repId: "P4", annual: 126 },
          ],
        },
        accounts: [],
        written: "2026-12-01",
      },
      labels
    );
    const rowOf = (text: string, after = 0) =>
      sheet.cells.find((c) => c.col === 1 && c.value === text && c.row > after)!.row;
    const cell = (row: number, col: number) =>
      sheet.cells.find((c) => c.row === row && c.col === col)?.value;
    const heading = rowOf("Can these quotas be reached?");
    expect(sheet.cells.some((c) => c.value === "Team")).toBe(false);
    const all = rowOf("All reps: over the target");
    expect(all).toBe(heading + 1);
    expect(cell(all, 5)).toBeCloseTo(0.13, 12);
    const flags = ["Ada", "Ben", "Cal", "Dee"].map((name) => cell(rowOf(name, heading), 5));
    expect(flags).toEqual([
      undefined,
      undefined,
      "Low against peers",
      "Above 1 × potential; High against peers",
    ]);
    expect(cell(all + 2, 1)).toMatch(/^1 of 4 rep\(s\) .*; 2 stand far from their peers\./);
    // No last year's revenue mapped: no line claiming who made quota.
    expect(sheet.cells.some((c) => String(c.value).startsWith("At last year's revenue"))).toBe(
      false
    );
  });
});

describe("territory review sheet's deviation floor", () => {
  // One APAC rep of eight equal reps, APAC holding 20% of the potential: the floor is
  // 0.2 ÷ 0.125 − 1 = 60%, and within ±5% once APAC has 0.2 ÷ 1.05 of the capacity, i.e.
  // (0.190476 × 8 − 1) ÷ (1 − 0.190476) = 0.647 FTE more.
  const apac = { regions: ["APAC"], industries: null, sizeTiers: null };
  const deviationBound: DeviationBound = {
    lowestPossibleDeviation: 0.6,
    band: 0.05,
    binding: [
      {
        direction: "over",
        repIds: ["R1"],
        fte: 1,
        capacityShare: 0.125,
        loadShare: 0.2,
        potentialShare: 0.2,
        lockedShare: 0,
        deviation: 0.6,
        segment: apac,
        groups: [
          { segment: apac, accounts: 30, loadShare: 0.2, potentialShare: 0.2, repIds: ["R1"] },
        ],
      },
    ],
    remedies: [
      { kind: "addFte", fte: 0.647, steps: [{ repIds: ["R1"], fte: 0.647 }], deviationAfter: 0.05 },
    ],
  };
  const texts = (input: ReviewInput) =>
    territoryReview(input, labels)
      .cells.filter((c) => c.col === 1)
      .map((c) => c.value);

  it("says under the metrics how low the routing lets the largest deviation go, and why", () => {
    const sheet = territoryReview(
      { ...handMade, territory: { ...handMade.territory, deviationBound } },
      labels
    );
    const label = sheet.cells.find(
      (c) => c.value === "Lowest largest deviation the routing allows"
    )!;
    const unassignedNote = sheet.cells.find((c) => c.value === labels.notes.unassigned)!;
    expect(label.row).toBe(unassignedNote.row + 1);
    expect(sheet.cells.find((c) => c.row === label.row && c.col === 2)).toMatchObject({
      value: 0.6,
      style: "percent",
    });
    expect(sheet.cells.find((c) => c.row === label.row + 1 && c.col === 1)).toMatchObject({
      value:
        "No assignment the routing rules allow brings the largest deviation below 60.0%: the ±5.0% band cannot be met. " +
        "APAC accounts can go only to R1: 20.0% of the potential on 12.5% of the capacity. " +
        "Adding 0.65 FTE (0.65 to the APAC reps) would bring the floor to 5.0%.",
      style: "note",
    });
  });

  it("says nothing of it for stored results, which do not keep it", () => {
    expect(texts(handMade)).not.toContain(labels.floor);
  });
});
