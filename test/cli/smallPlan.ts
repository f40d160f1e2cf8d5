/**
 * A small plan workbook for command-line tests, built through the file adapter and the store
 * as a user's plan would be: an Accounts and a Reps table of a few rows (header in row 1,
 * column A first, so the test knows each cell's address), and one Active scenario whose
 * stored rules name them. Small, so each command runs in well under a second.
 */
import { defaultQuotaSettings, DEFAULT_BALANCE, QuotaRunSettings } from "../../src/domain/planRun";
import type { BalanceSettings } from "../../src/domain/territory";
import { sampleRun, sourceTables } from "../../src/sample/samplePlan";
import { PackageDriver } from "../../src/workbook/packageDriver";
import type { CellValue } from "../../src/workbook/rows";
import { settingsRows } from "../../src/workbook/scenarioTables";
import { PlanStore } from "../../src/workbook/store";

export const SCENARIO = "FY27 Base";

/** AccountId, Name, Region, Industry, SizeTier, Potential, Workload, Owner: rows 2–7 of the sheet. */
export const ACCOUNTS: CellValue[][] = [
  ["A1", "Acme", "EMEA", "Retail", "SMB", 100, 1, "R1"],
  ["A2", "Globex", "EMEA", "Retail", "SMB", 80, 1, "R1"],
  ["A3", "Initech", "EMEA", "Energy", "SMB", 60, 1, "R2"],
  ["A4", "Umbrella", "APAC", "Energy", "SMB", 90, 1, "R3"],
  ["A5", "Hooli", "APAC", "Retail", "SMB", 70, 1, "R3"],
  ["A6", "Soylent", "EMEA", "Energy", "SMB", 50, 1, "R2"],
];

/** RepId, Name, Manager, Regions, Industries, SizeTiers, Capacity, StartDate: rows 2–4. */
export const REPS: CellValue[][] = [
  ["R1", "Ann", "M1", "EMEA", "*", "*", 1, null],
  ["R2", "Bo", "M1", "EMEA", "*", "*", 1, null],
  ["R3", "Cy", "M1", "*", "*", "*", 0.5, null],
];

export interface SmallPlan {
  accounts?: CellValue[][];
  reps?: CellValue[][];
  balance?: BalanceSettings;
  quota?: Partial<QuotaRunSettings>;
}

const header = (spec: { columns: readonly { header: string }[] }) =>
  spec.columns.map((c) => c.header);

export async function smallPlan(options: SmallPlan = {}): Promise<Uint8Array> {
  const driver = await PackageDriver.blank();
  await driver.writeTable(
    sourceTables.accounts,
    header(sourceTables.accounts),
    options.accounts ?? ACCOUNTS
  );
  await driver.writeTable(sourceTables.reps, header(sourceTables.reps), options.reps ?? REPS);
  const run = sampleRun(options.balance ?? DEFAULT_BALANCE, {
    ...defaultQuotaSettings(2027, 1_000_000),
    ...options.quota,
  });
  const store = new PlanStore(driver);
  await store.save(await store.load(), {
    scenarios: [{ Scenario: SCENARIO, Created: 46000, Note: null, State: "Active" }],
    scenarioSettings: settingsRows(SCENARIO, run),
  });
  return driver.toBuffer();
}
