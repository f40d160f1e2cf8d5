/**
 * The sample's pipeline history (issue 17): twelve weekly captures ending on the sample's
 * as-of date, the last of them the opportunities table itself (so capturing it again finds
 * nothing new), with every kind of move in them and forecast calls that hold together.
 */
import { serialFromDate } from "../../src/domain/calendar";
import { checkCalls } from "../../src/domain/forecastCalls";
import { writeSamplePlan } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { pipelineBridge } from "../../src/workbook/pipelineHistory";
import {
  capturePipeline,
  captureDatesOf,
  forecastCallsOf,
} from "../../src/workbook/pipelineTables";
import { PlanStore } from "../../src/workbook/store";

const asOf = serialFromDate({ year: 2026, month: 11, day: 27 });

describe("the sample's pipeline history", () => {
  let store: PlanStore;
  beforeAll(async () => {
    const driver = await PackageDriver.blank();
    await writeSamplePlan(driver);
    store = new PlanStore(driver);
  }, 120_000);

  it("has twelve weekly captures to the as-of date, the last one the table as it stands", async () => {
    const plan = await store.load();
    const dates = captureDatesOf(plan);
    expect(dates).toEqual(Array.from({ length: 12 }, (_, w) => asOf - 7 * (11 - w)));
    // Capturing the table again that day is a correction of the day: it finds the same rows.
    const again = await capturePipeline(store, asOf, { plan });
    expect(again.replaced).toBe(again.appended);
    expect((await store.load()).tables.pipelineLog.rows).toEqual(plan.tables.pipelineLog.rows);
  });

  it("shows every kind of move over the twelve weeks", async () => {
    const plan = await store.load();
    const [first] = captureDatesOf(plan);
    const count = (periodEnd?: number) =>
      Object.fromEntries(
        pipelineBridge(plan, first, asOf, periodEnd).rows.map((r) => [r.label, r.deals])
      );
    const open = count();
    for (const label of ["New", "Increased", "Decreased", "Won", "Lost"])
      expect(open[label]).toBeGreaterThan(0);
    // With a period end, deals move in and out of it as their close dates change.
    const quarter = count(serialFromDate({ year: 2026, month: 12, day: 31 }));
    expect(quarter["Pushed out"]).toBeGreaterThan(0);
  });

  it("keeps forecast calls with managers' adjustments beside them, all consistent", async () => {
    const { calls, problems } = forecastCallsOf(await store.load());
    expect(problems).toEqual([]);
    expect(checkCalls(calls)).toEqual([]);
    expect(calls.filter((c) => c.kind === "Call").length).toBeGreaterThan(20);
    expect(calls.some((c) => c.kind === "Adjustment")).toBe(true);
  });
});
