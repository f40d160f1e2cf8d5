/**
 * Where the Territories pane's accounts and reps come from, over real .xlsx workbooks: the
 * same column mapping as the command line, the selection in place of a table, and a
 * write-back shown from what the store returned, without reading the plan again.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { defaultRun } from "../../src/cli/scenarioInputs";
import { sourceTables } from "../../src/sample/samplePlan";
import { enUS } from "../../src/i18n/en-US";
import { inPageRunner } from "../../src/taskpane/territories/runner";
import { TerritoriesPane } from "../../src/taskpane/territories/TerritoriesPane";
import { tableNames, tables } from "../../src/workbook/schema";
import { storedScenarios } from "../../src/workbook/scenarioTables";
import { PlanStore } from "../../src/workbook/store";
import { renderPane, reopened } from "../support/renderPane";
import {
  click,
  ready,
  rebalanceFully,
  runAndWait,
  step,
  territoriesWorkbook,
} from "../support/territoriesPane";

/** The column chosen for a field; a label both sides have ("Name") is the accounts' first. */
function mapped(side: "accounts" | "reps", field: string): string {
  const label = enUS[`territories.field.${side}.${field}` as keyof typeof enUS].replace(
    /[()']/g,
    "\\$&"
  );
  const found = screen.getAllByLabelText(new RegExp(`^${label}\\*?$`)) as HTMLSelectElement[];
  return found[side === "accounts" ? 0 : found.length - 1].value;
}

/** The owner column of the data step's preview (its first accounts). */
const previewOwners = () =>
  within(screen.getByRole("table", { name: enUS["territories.preview"] }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell").at(-1)!.textContent);

describe("Territories pane sources", () => {
  it("maps unusual headers the same way as the command line does", async () => {
    const accounts = [
      "Account Number",
      "Company",
      "Geo",
      "Vertical",
      "Segment",
      "Revenue Potential",
      "Effort",
      "Account Owner",
    ];
    const reps = [
      "Employee ID",
      "Rep Name",
      "Team",
      "Region",
      "Industry",
      "Size",
      "FTE",
      "Hire Date",
    ];
    const driver = await territoriesWorkbook(undefined, { accounts, reps });
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    const accountColumns = {
      id: "Account Number",
      name: "Company",
      region: "Geo",
      industry: "Vertical",
      sizeTier: "Segment",
      potential: "Revenue Potential",
      workload: "Effort",
      currentOwner: "Account Owner",
    };
    const repColumns = {
      id: "Employee ID",
      name: "Rep Name",
      manager: "Team",
      regions: "Region",
      industries: "Industry",
      sizeTiers: "Size",
      capacity: "FTE",
      startDate: "Hire Date",
    };
    for (const [field, column] of Object.entries(accountColumns))
      expect([field, mapped("accounts", field)]).toEqual([field, column]);
    for (const [field, column] of Object.entries(repColumns))
      expect([field, mapped("reps", field)]).toEqual([field, column]);
    const run = await defaultRun(new PlanStore(driver));
    expect(run?.accountColumns).toEqual(accountColumns);
    expect(run?.repColumns).toEqual(repColumns);
  });

  it("after a write-back shows the written owners and offers Undo without reading the plan again", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    const before = previewOwners();
    const ownersBefore = (await driver.readTable(sourceTables.accounts))!.rows.map((r) =>
      String(r[7])
    );
    await rebalanceFully();
    await runAndWait();
    await step("Scenarios");
    // Saved once, so the plan's tables are laid out: the write-back's save writes only its log.
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Base saved to the workbook.");
    const reads = jest.spyOn(driver, "readTable");
    await click(enUS["territories.writeBack"]);
    await screen.findByText(/cell\(s\) of Owner in Accounts updated/);
    expect(screen.getByRole("button", { name: enUS["territories.restore"] })).toBeEnabled();
    const readOf = (table: string) =>
      reads.mock.calls.filter(([spec]) => spec.table === table).length;
    // The store saves and re-reads only the write-back log; the other plan tables are not read again.
    for (const name of tableNames.filter((n) => n !== "writeBacks"))
      expect([name, readOf(tables[name].table)]).toEqual([name, 0]);
    // The accounts table: once by the store to write into it, once by the pane to show it.
    expect(readOf("Accounts")).toBe(2);
    reads.mockRestore();

    const { driver: file } = await reopened(driver);
    const ownersAfter = (await file.readTable(sourceTables.accounts))!.rows.map((r) =>
      String(r[7])
    );
    // Balancing keeps the preview's first accounts with their owners (issue 18 sends home every
    // move the balance does not need), so the change is looked for in the whole column.
    expect(ownersAfter).not.toEqual(ownersBefore);
    expect(before).toEqual(ownersBefore.slice(0, before.length));
    await step("Data");
    expect(previewOwners()).toEqual(ownersAfter.slice(0, before.length));
  });

  it("reads the accounts from the selection, never writes back into it, and reopens on it", async () => {
    const driver = await territoriesWorkbook();
    const selected = (await driver.readTable(sourceTables.accounts))!;
    const withSelection = Object.assign(driver, {
      readSelection: async () => selected,
      selectCell: async () => undefined,
    });
    const first = renderPane(<TerritoriesPane runner={inPageRunner} />, withSelection);
    await ready();
    const select = screen.getByLabelText(enUS["territories.accountsTable"]) as HTMLSelectElement;
    const option = within(select).getByRole("option", {
      name: enUS["territories.selection"],
    }) as HTMLOptionElement;
    await act(async () => {
      fireEvent.change(select, { target: { value: option.value } });
    });
    expect(select.selectedOptions[0]).toHaveTextContent(enUS["territories.selection"]);
    await ready();
    await runAndWait();
    await step("Scenarios");
    expect(screen.getByRole("button", { name: enUS["territories.writeBack"] })).toBeDisabled();
    expect(screen.getByRole("button", { name: enUS["territories.restore"] })).toBeDisabled();
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Base saved to the workbook.");
    const [base] = storedScenarios((await reopened(driver)).plan);
    // Scenario Settings keep naming the selection as scenarios saved before did.
    expect(base.run?.accountsTable.name).toBe("(selection)");
    expect(base.run?.repsTable.name).toBe("Reps");
    first.unmount();
    renderPane(<TerritoriesPane runner={inPageRunner} />, withSelection);
    await ready();
    const again = screen.getByLabelText(enUS["territories.accountsTable"]) as HTMLSelectElement;
    expect(again.selectedOptions[0]).toHaveTextContent(enUS["territories.selection"]);
  });
});
