/**
 * The Capacity Plan table through the store: a scenario's plan saved and read back, its
 * rows laid out long (a setting per row, a month per row), another scenario's rows kept, a
 * typo located at its cell, a plan saved before the table existed loading as it was, and an
 * actual factor linked to a cell kept as its link (also in a table written before Link existed).
 */
import {
  CapacityInputs,
  capacityFigures,
  capacityReview,
  capacityRows,
  emptyCapacity,
  readCapacityPlan,
  replaceCapacity,
} from "../../src/workbook/capacityTables";
import type { CellValue, PlanRow } from "../../src/workbook/rows";
import { historySpec, infoSpec, tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));

/** Two reps in seat, one hire in month 1 at half speed for a month, 100 a month each. */
const small: CapacityInputs = {
  ...emptyCapacity(),
  companyTarget: 4000,
  startHeadcount: 2,
  productivity: 100,
  ramp: [0.5],
  annualAttrition: 0,
  hires: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  bridgePlan: [1000, 0.3, 0.25, 40_000, 0.95],
  bridgeActual: [900, undefined, 0.2, undefined, undefined],
};

const assignment: PlanRow = {
  Scenario: "Base",
  AccountId: "A1",
  RepId: "R1",
  Reason: "kept",
  MovedFrom: null,
  Locked: false,
};

async function storeWith(driver = new MemoryDriver()) {
  const store = new PlanStore(driver, now);
  return { driver, store, base: await store.load() };
}

describe("the Capacity Plan table", () => {
  it("reads back the inputs a scenario saved, with the monthly plan beside its hires", async () => {
    const { driver, store, base } = await storeWith();
    await store.save(base, replaceCapacity(base, "Base", capacityRows("Base", small)), "Base");
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toEqual([]);
    const read = readCapacityPlan(loaded.tables.capacity, "Base");
    expect(read).toEqual({ inputs: small, problems: [] });
    // By hand: month 1 has 3 people, 2 + ½ ramped, 250; then 3 ramped, 300 a month.
    const rows = (await driver.readTable(tables.capacity))!;
    expect(rows.sheet).toBe("Capacity Plan");
    expect(rows.header).toEqual([
      "Scenario",
      "Setting",
      "Month",
      "Value",
      "InSeat",
      "RampedFTE",
      "CapacityRevenue",
      "Link",
    ]);
    const hires = rows.rows.filter((r) => r[1] === "hires");
    expect(hires).toHaveLength(12);
    expect(hires[0]).toEqual(["Base", "hires", 1, 1, 3, 2.5, 250, null]);
    expect(hires[11]).toEqual(["Base", "hires", 12, 0, 3, 3, 300, null]);
    expect(rows.rows).toContainEqual(["Base", "startHeadcount", null, 2, null, null, null, null]);
    expect(rows.rows).toContainEqual(["Base", "ramp", 1, 0.5, null, null, null, null]);
    expect(rows.rows).toContainEqual([
      "Base",
      "bridge.actual.leads",
      null,
      900,
      null,
      null,
      null,
      null,
    ]);
    // The year: 250 + 11 × 300 = 3,550, 450 short of 4,000.
    expect(capacityFigures(read.inputs!)).toMatchObject({ year: 3550, gap: -450 });
    // What the Territory Review shows: the months, the year, the target and the gap.
    const review = capacityReview(loaded.tables.capacity, "Base")!;
    expect(review.months[0]).toEqual({
      month: 1,
      hires: 1,
      inSeat: 3,
      rampedFte: 2.5,
      revenue: 250,
    });
    expect(review).toMatchObject({ year: 3550, target: 4000, gap: -450 });
    expect(capacityReview(loaded.tables.capacity, "Other")).toBeUndefined();
  });

  it("replaces one scenario's plan, keeping the other's rows and the old ones in history", async () => {
    const { driver, store, base } = await storeWith();
    let next = await store.save(base, replaceCapacity(base, "Base", capacityRows("Base", small)));
    next = await store.save(
      next,
      replaceCapacity(next, "Stretch", capacityRows("Stretch", { ...small, productivity: 120 }))
    );
    await store.save(
      next,
      replaceCapacity(next, "Base", capacityRows("Base", { ...small, startHeadcount: 5 }))
    );
    const loaded = await new PlanStore(driver, now).load();
    expect(readCapacityPlan(loaded.tables.capacity, "Base").inputs?.startHeadcount).toBe(5);
    expect(readCapacityPlan(loaded.tables.capacity, "Stretch").inputs?.productivity).toBe(120);
    expect(readCapacityPlan(loaded.tables.capacity, "Other")).toEqual({ problems: [] });
    const history = (await driver.readTable(historySpec(tables.capacity)))!;
    expect(history.sheet).toBe("Capacity Plan History");
    const headcounts = history.rows.filter((r) => r[4] === "startHeadcount").map((r) => r[6]);
    expect(headcounts).toEqual([2, 2, 2]);
  });

  it("says at its cell a setting it does not know and a month out of the year", async () => {
    const { driver, store, base } = await storeWith();
    await store.save(base, replaceCapacity(base, "Base", capacityRows("Base", small)));
    const raw = (await driver.readTable(tables.capacity))!;
    const at = (setting: string, month: number | null) =>
      raw.rows.findIndex((r) => r[1] === setting && r[2] === month) + 2;
    driver.setCell("Capacity Plan", `B${at("productivity", null)}`, "productivty");
    driver.setCell("Capacity Plan", `C${at("hires", 12)}`, 13);
    const loaded = await new PlanStore(driver, now).load();
    const read = readCapacityPlan(loaded.tables.capacity, "Base");
    expect(read.problems).toEqual([
      expect.objectContaining({
        sheet: "Capacity Plan",
        address: `B${at("productivity", null)}`,
        message:
          '"productivty" is not a setting the add-in knows, so it would be lost: correct it or delete the row',
      }),
      expect.objectContaining({
        address: `C${at("hires", 12)}`,
        message: "Month must be a whole month from 1 to 12, got 13",
      }),
    ]);
    expect(read.inputs?.productivity).toBeUndefined();
  });

  it("loads a plan saved before the table existed unchanged, and lays it out on the next save", async () => {
    // A version-1 plan: saved, then without the Capacity Plan sheet and at schema 1.
    const { driver, store, base } = await storeWith();
    await store.save(base, { assignments: [assignment] }, "Base");
    driver.removeSheet("Capacity Plan");
    const info = (await driver.readTable(infoSpec))!;
    const versionRow = info.rows.findIndex((r) => r[0] === "schemaVersion") + 2;
    driver.setCell("Plan Info", `B${versionRow}`, "1");
    const before = driver.state();

    const old = await new PlanStore(driver, now).load();
    expect(old.problems).toEqual([]);
    expect(old.schemaVersion).toBe(1);
    expect(old.tables.assignments.rows).toEqual([assignment]);
    expect(old.tables.capacity.rows).toEqual([]);
    expect(readCapacityPlan(old.tables.capacity, "Base")).toEqual({ problems: [] });
    expect(driver.state()).toBe(before);

    // Its first save by this version writes the table, so that a later loss of it is seen.
    await new PlanStore(driver, now).save(old, { assignments: [{ ...assignment, RepId: "R2" }] });
    expect(await driver.readTable(tables.capacity)).toBeDefined();
    const upgraded = await new PlanStore(driver, now).load();
    expect(upgraded.problems).toEqual([]);
    expect(upgraded.schemaVersion).toBe(2);
    driver.removeSheet("Capacity Plan");
    expect((await new PlanStore(driver, now).load()).problems).toEqual([
      expect.objectContaining({ code: "tableMissing", table: "PlanCapacity" }),
    ]);
  });

  it("saves a capacity plan as the first change to a plan saved before the table existed", async () => {
    const { driver, store, base } = await storeWith();
    await store.save(base, { assignments: [assignment] }, "Base");
    driver.removeSheet("Capacity Plan");
    const info = (await driver.readTable(infoSpec))!;
    driver.setCell("Plan Info", `B${info.rows.findIndex((r) => r[0] === "schemaVersion") + 2}`, 1);
    const old = await new PlanStore(driver, now).load();
    await new PlanStore(driver, now).save(
      old,
      replaceCapacity(old, "Base", capacityRows("Base", small))
    );
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toEqual([]);
    expect(readCapacityPlan(loaded.tables.capacity, "Base").inputs).toEqual(small);
    expect(loaded.tables.assignments.rows).toEqual([assignment]);
  });

  it("keeps an actual factor linked to a cell or name as its link, read back on load", async () => {
    const { driver, store, base } = await storeWith();
    const linked: CapacityInputs = {
      ...small,
      bridgeActualLinks: [undefined, "'Actuals FY27'!$C$4", undefined, "DealSizeYTD", undefined],
    };
    await store.save(base, replaceCapacity(base, "Base", capacityRows("Base", linked)), "Base");
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toEqual([]);
    expect(readCapacityPlan(loaded.tables.capacity, "Base")).toEqual({
      inputs: linked,
      problems: [],
    });
    // One setting row per link, the cell or name as text in Link, no value copied from it.
    const rows = (await driver.readTable(tables.capacity))!.rows;
    expect(rows.filter((r) => String(r[1]).startsWith("bridge.actualLink."))).toEqual([
      [
        "Base",
        "bridge.actualLink.leadToOpportunity",
        null,
        null,
        null,
        null,
        null,
        "'Actuals FY27'!$C$4",
      ],
      ["Base", "bridge.actualLink.dealSize", null, null, null, null, null, "DealSizeYTD"],
    ]);
  });

  it("reads a Capacity Plan table written before Link existed unchanged, and adds Link on save", async () => {
    const { driver, store, base } = await storeWith();
    await store.save(base, replaceCapacity(base, "Base", capacityRows("Base", small)), "Base");
    // The table as the first version-2 add-in wrote it: seven columns, no Link.
    const seven = (await driver.readTable(tables.capacity))!;
    await driver.writeTable(
      tables.capacity,
      tables.capacity.columns.slice(0, 7).map((c) => c.header),
      seven.rows.map((r) => r.slice(0, 7) as CellValue[])
    );
    expect((await driver.readTable(tables.capacity))!.header).toHaveLength(7);
    const old = await new PlanStore(driver, now).load();
    expect(old.problems).toEqual([]);
    expect(readCapacityPlan(old.tables.capacity, "Base")).toEqual({ inputs: small, problems: [] });

    const linked = {
      ...small,
      bridgeActualLinks: ["Actuals!B2", undefined, undefined, undefined, undefined],
    };
    await new PlanStore(driver, now).save(
      old,
      replaceCapacity(old, "Base", capacityRows("Base", linked))
    );
    const saved = (await driver.readTable(tables.capacity))!;
    expect(saved.header[7]).toBe("Link");
    const loaded = await new PlanStore(driver, now).load();
    expect(loaded.problems).toEqual([]);
    expect(readCapacityPlan(loaded.tables.capacity, "Base").inputs).toEqual(linked);
  });
});
