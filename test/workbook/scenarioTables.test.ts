import type { QuotaPlan } from "../../src/domain/quotaPlan";
import type { TerritoryResult } from "../../src/domain/territory";
import { RawTable } from "../../src/workbook/rows";
import {
  ScenarioWrite,
  replaceScenario,
  scenarioRows,
  storedScenarios,
} from "../../src/workbook/scenarioTables";
import { TableName, tables } from "../../src/workbook/schema";
import { PlanStore } from "../../src/workbook/store";
import { MemoryDriver } from "../support/memoryDriver";

const now = () => new Date(Date.UTC(2026, 10, 27, 9, 30));

const territory = (reps: string[]): TerritoryResult => ({
  assignments: ["C1", "C2", "C3"].map((accountId, i) => ({
    accountId,
    repId: reps[i % reps.length],
    reason: "placed",
  })),
  unassigned: [],
  reps: reps.map((repId) => ({
    repId,
    accounts: 1,
    potential: 100,
    workload: 1,
    load: 0.5,
    target: 0.5,
    deviation: 0,
  })),
  metrics: {
    maxAbsDeviation: 0.1,
    coefficientOfVariation: 0.2,
    giniPotentialPerFte: 0.3,
    maxMinRatio: 1.5,
    accountsMoved: 1,
    continuity: 0.9,
  },
});

const quotas = (reps: string[], total: number): QuotaPlan => ({
  companyTarget: total,
  teamTotal: total,
  teamSum: total,
  teams: [],
  reps: reps.map((repId) => ({
    repId,
    team: "T",
    weight: 1,
    rampFactor: 1,
    annual: total / reps.length,
    monthly: Array(12).fill(total / reps.length / 12),
    quarterly: [],
  })),
  tiesOut: true,
});

const run = (
  name: string,
  reps: string[],
  created: number,
  withQuotas: boolean
): ScenarioWrite => ({
  name,
  state: "Draft",
  created,
  territory: territory(reps),
  quotas: withQuotas ? quotas(reps, 1_000_000) : undefined,
  quotaMethod: withQuotas ? "potential" : undefined,
  run: {
    accountsTable: { name: "Accounts", sheet: "Accounts" },
    repsTable: { name: "Reps", sheet: "Reps" },
    accountColumns: { id: "Id" },
    repColumns: { id: "Id" },
    balance: { toleranceBand: 0.1 },
    quota: withQuotas
      ? { companyTarget: 1_000_000, method: { kind: "potential" }, fiscalYearStart: 46_023 }
      : undefined,
  },
});

async function saveRun(store: PlanStore, write: ScenarioWrite) {
  const plan = await store.load();
  const changes = replaceScenario(plan, write.name, scenarioRows(write));
  return store.save(plan, changes, write.name);
}

const SCENARIO_TABLES: TableName[] = [
  "scenarios",
  "scenarioSettings",
  "assignments",
  "repSummary",
  "quotas",
];

/** The rows of one scenario in a table exactly as its cells are stored (Scenario is the first column). */
const rowsOf = (raw: RawTable | undefined, name: string) =>
  (raw?.rows ?? []).filter((cells) => cells[0] === name);

describe("replacing one scenario's rows", () => {
  async function twoScenarios() {
    const driver = new MemoryDriver();
    const store = new PlanStore(driver, now);
    await saveRun(store, run("A", ["R1", "R2"], 46_000, true));
    await saveRun(store, run("B", ["R3"], 46_001, true));
    return { driver, store };
  }

  it("leaves every cell of the other scenarios' rows as it was, hand edits included", async () => {
    const { driver, store } = await twoScenarios();
    // Hand edits in B's rows: text the schema cannot read, a number where text goes, a blank, a user column.
    driver.setCell("Assignments", "F5", "maybe"); // B's Locked
    driver.setCell("Assignments", "C6", 7); // B's RepId as a number
    driver.setCell("Assignments", "D7", null); // B's Reason cleared
    driver.setCell("Scenarios", "C3", "agreed with finance"); // B's Note
    driver.setCell("Quotas", "F4", "tbd"); // B's Annual: text in a required number column
    const raw = (await driver.readTable(tables.repSummary))!;
    await driver.writeTable(
      tables.repSummary,
      [...raw.header.map(String), "Comment"],
      raw.rows.map((cells) => [
        ...(cells as (string | number | null)[]),
        cells[0] === "B" ? "new hire" : null,
      ])
    );
    const before = new Map<TableName, RawTable | undefined>();
    for (const name of SCENARIO_TABLES) before.set(name, await driver.readTable(tables[name]));

    await saveRun(store, run("A", ["R1", "R2", "R4"], 46_100, true));

    for (const name of SCENARIO_TABLES) {
      // Today B's Locked "maybe" and Reason are blanked, 7 becomes "7", and the save is refused over B's Annual.
      expect([name, rowsOf(await driver.readTable(tables[name]), "B")]).toEqual([
        name,
        rowsOf(before.get(name), "B"),
      ]);
    }
    const repSummary = (await driver.readTable(tables.repSummary))!;
    expect(rowsOf(repSummary, "A").map((r) => r[1])).toEqual(["R1", "R2", "R4"]);
  });

  it("keeps the rows where they were: the scenario's own rows replace it in place", async () => {
    const { driver, store } = await twoScenarios();
    await saveRun(store, run("A", ["R5"], 46_100, true));
    const scenarios = (await driver.readTable(tables.scenarios))!;
    expect(scenarios.rows.map((r) => r[0])).toEqual(["A", "B"]);
    const assignments = (await driver.readTable(tables.assignments))!;
    expect(assignments.rows.map((r) => r[0])).toEqual(["A", "A", "A", "B", "B", "B"]);
  });

  it("keeps a scenario's Created date and its quotas when only its territories are run again", async () => {
    const { driver, store } = await twoScenarios();
    const quotasBefore = rowsOf(await driver.readTable(tables.quotas), "A");
    const settingsBefore = rowsOf(await driver.readTable(tables.scenarioSettings), "A").filter(
      (r) => String(r[1]).startsWith("quota.")
    );
    await saveRun(store, run("A", ["R1", "R9"], 46_200, false));
    const [a] = storedScenarios(await store.load());
    // Today Created becomes the re-run's date and the quota figures are blanked.
    expect(a.created).toBe(46_000);
    expect([a.companyTarget, a.quotaTotal, a.tiesOut]).toEqual([1_000_000, 1_000_000, true]);
    expect(rowsOf(await driver.readTable(tables.quotas), "A")).toEqual(quotasBefore);
    const settingsAfter = rowsOf(await driver.readTable(tables.scenarioSettings), "A").filter((r) =>
      String(r[1]).startsWith("quota.")
    );
    expect(settingsAfter).toEqual(settingsBefore);
    expect(a.territory.reps.map((r) => r.repId)).toEqual(["R1", "R9"]);
  });

  it("replaces the quota figures when the run sets quotas, keeping Created and the note", async () => {
    const { store } = await twoScenarios();
    let plan = await store.load();
    const noted = plan.tables.scenarios.rows.map((r) =>
      r.Scenario === "A" ? { ...r, Note: "first cut" } : r
    );
    plan = await store.save(plan, { scenarios: noted });
    const write = run("A", ["R1"], 46_300, true);
    write.quotas = quotas(["R1"], 2_000_000);
    await store.save(plan, replaceScenario(plan, "A", scenarioRows(write)), "A");
    const [a] = storedScenarios(await store.load());
    expect([a.created, a.note, a.companyTarget, a.quotaTotal]).toEqual([
      46_000,
      "first cut",
      2_000_000,
      2_000_000,
    ]);
  });
});

describe("reading a scenario's settings after a user edited them", () => {
  // A's settings, rows 2–11: accounts.table, accounts.sheet, reps.table, reps.sheet,
  // accounts.column.id, reps.column.id, balance.toleranceBand, quota.companyTarget (C9),
  // quota.method (C10), quota.fiscalYearStart (C11).
  async function editedA(edits: [string, string][]) {
    const driver = new MemoryDriver();
    const store = new PlanStore(driver, now);
    await saveRun(store, run("A", ["R1", "R2"], 46_000, true));
    for (const [address, value] of edits) driver.setCell("Scenario Settings", address, value);
    return storedScenarios(await store.load())[0];
  }

  it("reads a method in any letter case and a date typed as a date", async () => {
    const a = await editedA([
      ["C10", "Blend"],
      ["C11", "2026-01-01"],
    ]);
    expect(a.settingsProblems).toEqual([]);
    expect(a.run?.quota?.method).toEqual({ kind: "blend", potentialShare: 0.5 });
    expect(a.run?.quota?.fiscalYearStart).toBe(46_023);
  });

  it("reports each value that does not read, and a misspelt setting, at its cell", async () => {
    const a = await editedA([
      ["C8", "five percent"],
      ["C10", "guess"],
      ["C11", "next January"],
      ["B7", "reps.colum.id"],
    ]);
    const at = { severity: "error", sheet: "Scenario Settings", table: "PlanScenarioSettings" };
    expect(a.settingsProblems).toEqual([
      {
        ...at,
        row: 7,
        address: "B7",
        column: "reps.colum.id",
        field: "reps.colum.id",
        code: "settingUnknownNear",
        values: { key: "reps.colum.id", suggestion: "reps.column.id" },
        message:
          '"reps.colum.id" is not a setting the add-in knows: did you mean "reps.column.id"?',
      },
      {
        ...at,
        row: 8,
        address: "C8",
        column: "balance.toleranceBand",
        field: "balance.toleranceBand",
        code: "settingNotANumber",
        values: { key: "balance.toleranceBand", value: "five percent" },
        message: 'balance.toleranceBand holds "five percent" where a number is needed',
      },
      {
        ...at,
        row: 10,
        address: "C10",
        column: "quota.method",
        field: "quota.method",
        code: "settingNotAMethod",
        values: {
          key: "quota.method",
          value: "guess",
          methods: "potential, history, blend, expression",
        },
        message:
          'quota.method holds "guess", which is not a quota method: use one of potential, history, blend, expression',
      },
      {
        ...at,
        row: 11,
        address: "C11",
        column: "quota.fiscalYearStart",
        field: "quota.fiscalYearStart",
        code: "settingNotADate",
        values: { key: "quota.fiscalYearStart", value: "next January" },
        message:
          'quota.fiscalYearStart holds "next January" where a date is needed (a date such as 2027-01-01, or its Excel serial)',
      },
    ]);
    // The scenario is still shown (nothing a pane reads is missing), without the values.
    expect(a.run?.balance).toEqual({});
  });

  it("keeps the reach threshold with the quota settings, and reads none where it was never set", async () => {
    const driver = new MemoryDriver();
    const store = new PlanStore(driver, now);
    const write = run("A", ["R1", "R2"], 46_000, true);
    await saveRun(store, {
      ...write,
      run: { ...write.run, quota: { ...write.run.quota!, reachThreshold: 0.8 } },
    });
    await saveRun(store, run("B", ["R1"], 46_000, true));
    const [a, b] = storedScenarios(await store.load());
    expect(a.run?.quota?.reachThreshold).toBe(0.8);
    expect(b.run?.quota?.reachThreshold).toBeUndefined();
  });

  it("finds nothing wrong in settings as the add-in writes them", async () => {
    const a = await editedA([]);
    expect(a.settingsProblems).toEqual([]);
  });
});
