/**
 * The territory review sheet in a workbook file: per-rep summary, metrics, tie-out formulas,
 * and a native column chart — which LibreOffice, as an independent reader, finds as a chart
 * over the sheet's own ranges.
 */
import JSZip from "jszip";
import { runPlan } from "../../src/domain/planRun";
import { REVIEW_SHEET, ReviewLabels, territoryReview } from "../../src/workbook/territoryReview";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { convertedBy, sheetsAsCsv } from "../support/libreoffice";
import { expectValidWorkbook } from "../support/ooxml";
import { territoryInstance } from "../support/territoryInstance";

const labels: ReviewLabels = {
  title: "Review",
  metrics: "Fairness",
  metric: {
    maxAbsDeviation: "Largest deviation",
    coefficientOfVariation: "CV",
    giniPotentialPerFte: "Gini",
    maxMinRatio: "Max/min",
    accountsMoved: "Moved",
    continuity: "Continuity",
    unassigned: "Unassigned",
  },
  reps: "Reps",
  columns: {
    rep: "Rep",
    accounts: "Accounts",
    potential: "Potential",
    target: "Target",
    deviation: "Deviation",
    quota: "Quota",
  },
  tieOut: "Tie-out",
  companyTarget: "Company target",
  quotaSum: "Sum of quotas",
  difference: "Over-assignment",
  chart: "Potential vs target",
};

describe("territory review sheet", () => {
  it("is a native sheet whose tie-out formulas LibreOffice computes and whose chart it finds", async () => {
    const { accounts, reps } = territoryInstance({ accounts: 300, reps: 6, seed: 3 });
    const run = runPlan({
      accounts,
      reps,
      balance: {},
      quota: {
        companyTarget: 1_000_000,
        method: { kind: "potential" },
        overAssignment: 0.1,
        fiscalYearStart: 46_388,
      },
    });
    if (!run.ok) throw new Error("engine refused");
    const driver = await PackageDriver.blank();
    await driver.writeReport(territoryReview(run.value.territory, run.value.quotas, labels));
    const bytes = await driver.toBuffer();
    await expectValidWorkbook(bytes);

    const zip = await JSZip.loadAsync(bytes);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:f>'Territory Review'!$C$");
    expect(chart).toContain('<c:barDir val="col"/>');

    const csv = (await sheetsAsCsv(bytes))(REVIEW_SHEET);
    const value = (label: string) => Number(csv.find((row) => row[0] === label)![1]);
    const quotaSum = run.value.quotas!.reps.reduce((s, r) => s + r.annual, 0);
    expect(value("Sum of quotas")).toBeCloseTo(quotaSum, 2);
    expect(value("Over-assignment")).toBeCloseTo(quotaSum - 1_000_000, 2);
    expect(csv.filter((row) => /^R\d{4}$/.test(row[0]))).toHaveLength(6);

    const ods = await JSZip.loadAsync(convertedBy(bytes, "ods"));
    const objects = Object.keys(ods.files).filter((name) =>
      /^Object \d+\/content\.xml$/.test(name)
    );
    expect(objects).toHaveLength(1);
    const content = await ods.file(objects[0])!.async("string");
    expect(content).toContain('chart:class="chart:bar"');
    expect(content).toMatch(
      /chart:values-cell-range-address="&apos;Territory Review&apos;\.C\d+:&apos;Territory Review&apos;\.C\d+"/
    );
    // The chart's own data, as LibreOffice read it from the sheet, is each rep's potential.
    const charted = [
      ...content.matchAll(
        /<table:table-cell office:value-type="string"><text:p>(R\d{4})<\/text:p>(?:<draw:g>.*?<\/draw:g>)?<\/table:table-cell><table:table-cell office:value-type="float" office:value="([\d.]+)"/g
      ),
    ].map((m) => [m[1], Number(m[2])]);
    expect(charted).toEqual(run.value.territory.reps.map((r) => [r.repId, r.potential]));
  }, 120_000);
});
