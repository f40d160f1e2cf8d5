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
