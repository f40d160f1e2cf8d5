/**
 * Driving the Territories pane in tests over a real .xlsx: the sample's accounts and reps in a
 * workbook file, and the clicks a user makes (a step's tab, a button, a run).
 */
import { act, fireEvent, screen } from "@testing-library/react";
import { sampleData, sourceTables } from "../../src/sample/samplePlan";
import { enUS } from "../../src/i18n/en-US";
import { PackageDriver } from "../../src/workbook/packageDriver";
import type { CellValue } from "../../src/workbook/rows";
import type { TableSpec } from "../../src/workbook/schema";

export const header = (spec: TableSpec) => spec.columns.map((c) => c.header);

/** 150 sample accounts and 8 reps in a workbook file, edited and re-headed as a test needs. */
export async function territoriesWorkbook(
  edit?: (accounts: CellValue[][], reps: CellValue[][]) => void,
  headers?: { accounts?: string[]; reps?: string[] }
) {
  const data = sampleData(7, { accounts: 150, reps: 8, opportunities: 0 });
  edit?.(data.accounts, data.reps);
  const driver = await PackageDriver.blank();
  await driver.writeTable(
    sourceTables.accounts,
    headers?.accounts ?? header(sourceTables.accounts),
    data.accounts
  );
  await driver.writeTable(sourceTables.reps, headers?.reps ?? header(sourceTables.reps), data.reps);
  return PackageDriver.fromBuffer(await driver.toBuffer());
}

export const step = async (name: string) =>
  act(async () => {
    fireEvent.click(screen.getByRole("tab", { name: new RegExp(`^\\d\\. ${name}$`) }));
  });

export const click = async (name: string | RegExp) =>
  act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });

/** The data step once both tables are read without problems. */
export const ready = () =>
  screen.findByText(/150 accounts and 8 reps read without problems/, {}, { timeout: 5000 });

export async function runAndWait() {
  await step("Rules");
  await click(enUS["territories.run"]);
  await screen.findByRole("table", { name: enUS["territories.metrics"] }, { timeout: 10_000 });
}

/** Rules that let the engine move every account for balance: no band, no limit on moves. */
export async function rebalanceFully() {
  await step("Rules");
  fireEvent.change(screen.getByLabelText(enUS["territories.maxMovedShare"]), {
    target: { value: "1" },
  });
  fireEvent.change(screen.getByLabelText(enUS["territories.toleranceBand"]), {
    target: { value: "0" },
  });
}
