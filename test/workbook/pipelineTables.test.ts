/**
 * The pipeline's plan tables through the store: log entries and forecast calls read back as
 * they were written, a capture of a hand-made opportunities table (its mapping kept in the
 * workbook), a second capture appending only what changed, bad cells and refusals located
 * with nothing written, and a plan saved before the pipeline tables existed.
 */
import type { ForecastCall } from "../../src/domain/forecastCalls";
import type { LogEntry } from "../../src/domain/pipelineLog";
import {
  PIPELINE_SETTINGS,
  callsFromRows,
  capturePipeline,
  guessPipelineMapping,
  logFromRows,
  pipelineLogOf,
  readPipelineSettings,
  rowsFromCalls,
  rowsFromLog,
  snapshotAsOf,
  submitCall,
  type PipelineSource,
} from "../../src/workbook/pipelineTables";
import { PlanStoreError } from "../../src/workbook/storeError";
import { historySpec, infoSpec, tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import type { CellValue } from "../../src/workbook/rows";
import { MemoryDriver } from "../support/memoryDriver";

// The store's clock: after every capture date below (the latest is 2027-01-18).
const now = () => new Date(Date.UTC(2027, 0, 31, 9, 30));
// Excel serials, by hand: 2027-01-01 is 46388 (2026-01-01 is 46023, plus 365 days).
const JAN_4 = 46391;
const JAN_11 = 46398;
const MAR_31 = 46477;
const APR_30 = 46507;

const HEADER = ["Opp ID", "Deal Name", "Rep", "Stage", "Amount", "Close Date", "Category"];
/** Rows 2–4 of sheet Deals, table Opportunities (header in A1). */
const DEALS: CellValue[][] = [
  ["O1", "Acme renewal", "Ann", "Qualify", 1000, MAR_31, "Pipeline"],
  ["O2", "Globex new", "Bo", "Propose", 2500, MAR_31, "Best Case"],
  ["O3", "Initech", "Ann", "Propose", 400, APR_30, "Commit"],
];

const SOURCE: PipelineSource = {
  table: { name: "Opportunities", sheet: "Deals" },
  mapping: {
    id: "Opp ID",
    name: "Deal Name",
    owner: "Rep",
    stage: "Stage",
    amount: "Amount",
    closeDate: "Close Date",
    forecastCategory: "Category",
  },
};

function workbook(rows: CellValue[][] = DEALS) {
  const driver = new MemoryDriver();
  driver.addTable("Deals", "Opportunities", "A1", HEADER, rows);
  return { driver, store: new PlanStore(driver, now) };
}

const refused = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(PlanStoreError);
  return error as PlanStoreError;
};

describe("the Pipeline Log and Forecast Calls rows", () => {
  const entry: LogEntry = {
    asOf: JAN_4,
    id: "O1",
    change: "Changed",
    changedFields: "Stage, Amount",
    name: "Acme",
    owner: "Ann",
    stage: "Propose",
    amount: 1200.5,
    closeDate: MAR_31,
    createdDate: null,
    forecastCategory: "Commit",
    leadSource: null,
  };
  const call: ForecastCall = {
    callId: "FC-0001",
    period: "2027-Q1",
    owner: "Ann",
    category: "Best Case",
    kind: "Call",
    adjusts: null,
    amount: 5000,
    note: "two big ones",
    submittedAt: JAN_4 + 0.5,
    submittedBy: "Ann",
  };

  it("read back through the store as they were written", async () => {
    const { driver, store } = workbook();
    const base = await store.load();
    await store.save(base, {
      pipelineLog: rowsFromLog([entry]),
      forecastCalls: rowsFromCalls([call]),
    });
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toEqual([]);
    expect(logFromRows(loaded.tables.pipelineLog).entries).toEqual([entry]);
    expect(callsFromRows(loaded.tables.forecastCalls).calls).toEqual([call]);
  });

  it("a Change the log cannot read is located, not guessed", async () => {
    const { driver, store } = workbook();
    await store.save(await store.load(), {
      pipelineLog: rowsFromLog([entry, { ...entry, asOf: JAN_11 }]),
    });
    driver.setCell("Pipeline Log", "C3", "Moved");
    const log = pipelineLogOf(await new PlanStore(driver, now).load());
    expect(log.entries).toEqual([entry]);
    expect(log.problems).toEqual([
      expect.objectContaining({ sheet: "Pipeline Log", address: "C3", code: "changeUnknown" }),
    ]);
  });

  it("submits a manager's adjustment beside the call, keeping the call", async () => {
    const { store } = workbook();
    let plan = (
      await submitCall(store, await store.load(), {
        period: "2027-Q1",
        owner: "Ann",
        category: "Commit",
        amount: 4000,
        note: null,
        submittedAt: JAN_4,
        submittedBy: "Ann",
      })
    ).plan;
    plan = (
      await submitCall(store, plan, {
        adjusts: "FC-0001",
        amount: 3500,
        note: "pushing O3",
        submittedAt: JAN_11,
        submittedBy: "Mia",
      })
    ).plan;
    const { calls } = callsFromRows(plan.tables.forecastCalls);
    expect(calls.map((c) => [c.callId, c.kind, c.adjusts, c.owner, c.amount])).toEqual([
      ["FC-0001", "Call", null, "Ann", 4000],
      ["FC-0002", "Adjustment", "FC-0001", "Ann", 3500],
    ]);
    const error = await refused(
      submitCall(store, plan, {
        adjusts: "FC-0009",
        amount: 1,
        note: null,
        submittedAt: JAN_11,
        submittedBy: "Mia",
      })
    );
    expect(error.problems[0]).toMatchObject({ code: "adjustsMissing", column: "Adjusts" });
  });
});

describe("capturing the opportunities table", () => {
  it("recognises its columns by their headers", () => {
    expect(guessPipelineMapping(HEADER)).toEqual(SOURCE.mapping);
    expect(guessPipelineMapping(["商机编号", "阶段", "金额", "预计成交日期"])).toEqual({
      id: "商机编号",
      stage: "阶段",
      amount: "金额",
      closeDate: "预计成交日期",
    });
  });

  it("logs every deal once, keeps the mapping, then appends only what changed", async () => {
    const { driver, store } = workbook();
    const first = await capturePipeline(store, JAN_4, { source: SOURCE });
    expect(first.summary).toMatchObject({ new: 3, changed: 0, removed: 0, unchanged: 0 });
    expect(first.appended).toBe(3);
    const log = (await driver.readTable(tables.pipelineLog))!;
    expect(log.rows.map((r) => r.slice(0, 4))).toEqual([
      [JAN_4, "O1", "New", null],
      [JAN_4, "O2", "New", null],
      [JAN_4, "O3", "New", null],
    ]);

    // A week on: O1 advanced, O2 grew, O3 is gone from the table.
    driver.setCell("Deals", "D2", "Propose");
    driver.setCell("Deals", "E3", 3000);
    for (const column of "ABCDEFG") driver.setCell("Deals", `${column}4`, null);
    // The stored mapping is used: nothing is passed but the date.
    const second = await capturePipeline(store, JAN_11);
    expect(second.summary).toMatchObject({ new: 0, changed: 2, removed: 1, unchanged: 0 });
    expect(second.summary.byField).toMatchObject({ stage: 1, amount: 1, closeDate: 0 });
    const after = (await driver.readTable(tables.pipelineLog))!;
    expect(after.rows.slice(3).map((r) => r.slice(0, 7))).toEqual([
      [JAN_11, "O1", "Changed", "Stage", "Acme renewal", "Ann", "Propose"],
      [JAN_11, "O2", "Changed", "Amount", "Globex new", "Bo", "Propose"],
      [JAN_11, "O3", "Removed", null, "Initech", "Ann", "Propose"],
    ]);

    const plan = await new PlanStore(driver, now).load();
    expect(plan.problems).toEqual([]);
    expect(readPipelineSettings(plan).source).toEqual(SOURCE);
    const settings = plan.tables.scenarioSettings.rows.filter(
      (r) => r.Scenario === PIPELINE_SETTINGS
    );
    expect(settings.map((r) => [r.Setting, r.Value])).toContainEqual([
      "pipeline.table",
      "Opportunities",
    ]);
    // The week before, as it was captured; and now.
    expect(snapshotAsOf(plan, JAN_4).map((o) => [o.id, o.stage, o.amount])).toEqual([
      ["O1", "Qualify", 1000],
      ["O2", "Propose", 2500],
      ["O3", "Propose", 400],
    ]);
    expect(snapshotAsOf(plan, JAN_11).map((o) => [o.id, o.stage, o.amount])).toEqual([
      ["O1", "Propose", 1000],
      ["O2", "Propose", 3000],
    ]);
    // Nothing changed since: nothing appended, nothing saved.
    const third = await capturePipeline(store, JAN_11 + 7, { plan });
    expect([third.appended, third.plan.revision]).toEqual([0, plan.revision]);
  });

  it("replaces a day's rows when the same day is captured again after a correction", async () => {
    const { driver, store } = workbook();
    await capturePipeline(store, JAN_4, { source: SOURCE });
    // The amount was typed wrong; fixed, then captured again the same day.
    driver.setCell("Deals", "E2", 1100);
    const again = await capturePipeline(store, JAN_4);
    expect([again.appended, again.replaced]).toEqual([3, 3]);
    const log = (await driver.readTable(tables.pipelineLog))!;
    // Every row of that day is replaced by the corrected capture (Amount is column H).
    expect(log.rows.map((r) => [r[1], r[2], r[7]])).toEqual([
      ["O1", "New", 1100],
      ["O2", "New", 2500],
      ["O3", "New", 400],
    ]);
    const history = await driver.readTable(historySpec(tables.pipelineLog));
    expect(history?.rows.length).toBe(3);
  });

  it("refuses a cell it cannot read, at its address, writing nothing", async () => {
    const rows = DEALS.map((r) => [...r]);
    rows[1][4] = "lots";
    const { driver, store } = workbook(rows);
    const error = await refused(capturePipeline(store, JAN_4, { source: SOURCE }));
    expect(error.problems).toEqual([
      expect.objectContaining({ sheet: "Deals", table: "Opportunities", row: 3, address: "E3" }),
    ]);
    expect(await driver.readTable(tables.pipelineLog)).toBeUndefined();
  });

  it("refuses a repeated id at its cell, a date before the last capture, and a table gone", async () => {
    const { driver, store } = workbook();
    await capturePipeline(store, JAN_11, { source: SOURCE });
    const before = (await driver.readTable(tables.pipelineLog))!.rows;

    const early = await refused(capturePipeline(store, JAN_4));
    expect(early.problems[0]).toMatchObject({ code: "captureBeforeLast" });

    driver.setCell("Deals", "A3", "O1");
    const twice = await refused(capturePipeline(store, JAN_11 + 7));
    // O1 is in A2 already (the first data row): the message names sheet row 2, as A3 is row 3.
    expect(twice.problems).toEqual([
      expect.objectContaining({
        code: "captureIdTwice",
        row: 3,
        address: "A3",
        message: 'opportunity id "O1" is also in row 2',
      }),
    ]);

    driver.removeSheet("Deals");
    const gone = await refused(capturePipeline(store, JAN_11 + 7));
    expect(gone.problems[0]).toMatchObject({ code: "pipelineTableGone", table: "Opportunities" });
    expect((await driver.readTable(tables.pipelineLog))!.rows).toEqual(before);
  });

  it("refuses to capture with no table chosen", async () => {
    const { store } = workbook();
    const error = await refused(capturePipeline(store, JAN_4));
    expect(error.problems[0]).toMatchObject({ code: "pipelineNoTable" });
  });

  it("captures into a plan saved before the pipeline tables existed", async () => {
    const { driver, store } = workbook();
    await store.save(await store.load(), {
      scenarios: [{ Scenario: "Base", Created: JAN_4, Note: null, State: "Active" }],
    });
    driver.removeSheet("Pipeline Log");
    driver.removeSheet("Forecast Calls");
    const info = (await driver.readTable(infoSpec))!;
    const versionRow = info.rows.findIndex((r) => r[0] === "schemaVersion") + 2;
    driver.setCell("Plan Info", `B${versionRow}`, "1");

    const old = await new PlanStore(driver, now).load();
    expect(old.problems).toEqual([]);
    expect(snapshotAsOf(old, JAN_11)).toEqual([]);
    const captured = await capturePipeline(store, JAN_4, { plan: old, source: SOURCE });
    expect(captured.appended).toBe(3);
    const after = await new PlanStore(driver, now).load();
    expect(after.problems).toEqual([]);
    expect(after.tables.scenarios.rows.map((r) => r.Scenario)).toEqual(["Base"]);
    expect(snapshotAsOf(after, JAN_4).map((o) => o.id)).toEqual(["O1", "O2", "O3"]);
  });
});
