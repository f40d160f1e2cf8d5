/**
 * The Territories & Quotas pane says why: each setting checked at its own field before a run,
 * a quota method that needs an unmapped column, a failed run that keeps the last results,
 * a write-back that reconciles with Results, and a comparison formatted as Results is.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { PlanRunResult } from "../../src/domain/planRun";
import type { Outcome } from "../../src/domain/territory";
import { enUS } from "../../src/i18n/en-US";
import { PlanRunner, inPageRunner } from "../../src/taskpane/territories/runner";
import { TerritoriesPane } from "../../src/taskpane/territories/TerritoriesPane";
import { sourceTables } from "../../src/sample/samplePlan";
import { renderPane } from "../support/renderPane";
import {
  click,
  header,
  ready,
  rebalanceFully,
  runAndWait,
  step,
  territoriesWorkbook,
} from "../support/territoriesPane";

/** The Field (label, input and message) around the input labelled `label`. */
const fieldOf = (label: string | RegExp) =>
  screen.getByLabelText(label).closest(".fui-Field") as HTMLElement;

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("Territories & Quotas pane says why", () => {
  it("says what is wrong with each quota setting at its field and runs nothing meanwhile", async () => {
    renderPane(<TerritoriesPane runner={inPageRunner} />, await territoriesWorkbook());
    await ready();
    await step("Quotas");
    type(enUS["territories.companyTarget"], "-5000");
    expect(
      within(fieldOf(enUS["territories.companyTarget"])).getByText(
        "The company target must be a number above 0 (or 0 for no quotas)."
      )
    ).toBeInTheDocument();
    type(enUS["territories.companyTarget"], "5000000");
    expect(screen.queryByText(/company target must be/)).not.toBeInTheDocument();

    type(enUS["territories.overAssignment"], "500%");
    expect(
      within(fieldOf(enUS["territories.overAssignment"])).getByText(
        "Over-assignment must be between 0% and 100%."
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.runWithQuotas"] })).toBeDisabled();
    // Never the engine's key under the tables' problems.
    expect(screen.queryByText(/overAssignment/)).not.toBeInTheDocument();
    expect(screen.queryByText(/problem\(s\) in the chosen tables/)).not.toBeInTheDocument();
    // The Rules step says where to look.
    await step("Rules");
    expect(screen.getByText("Fix the settings marked under Quotas first.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.run"] })).toBeDisabled();
    await step("Quotas");
    type(enUS["territories.overAssignment"], "10%");

    type(enUS["territories.floor"], "900000");
    type(enUS["territories.cap"], "100000");
    expect(
      within(fieldOf(enUS["territories.floor"])).getByText(
        "The floor is above the cap; lower the floor or raise the cap."
      )
    ).toBeInTheDocument();
    type(enUS["territories.cap"], "");

    fireEvent.change(screen.getByLabelText(enUS["territories.method"]), {
      target: { value: "expression" },
    });
    type(enUS["territories.formula"], "potential * bonus");
    expect(
      await within(fieldOf(enUS["territories.formula"])).findByText(
        /^This formula cannot be used: .*"bonus"/
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.runWithQuotas"] })).toBeDisabled();
    type(enUS["territories.formula"], "potential * capacity");
    await waitFor(() =>
      expect(screen.queryByText(/formula cannot be used/)).not.toBeInTheDocument()
    );
    expect(screen.getByRole("button", { name: enUS["territories.runWithQuotas"] })).toBeEnabled();
  });

  it("says a history method needs last year's revenue and moves focus to that mapping", async () => {
    renderPane(<TerritoriesPane runner={inPageRunner} />, await territoriesWorkbook());
    await ready();
    await step("Quotas");
    type(enUS["territories.companyTarget"], "5000000");
    fireEvent.change(screen.getByLabelText(enUS["territories.method"]), {
      target: { value: "history" },
    });
    expect(
      within(fieldOf(enUS["territories.method"])).getByText(
        /^By last year's revenue needs last year's revenue, and no column of the accounts table is mapped to it\./
      )
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.runWithQuotas"] })).toBeDisabled();
    await click("Map the column under Data");
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText(/^Last year's revenue/))
    );
  });

  it("will not let a blend without any revenue pass for a split by potential", async () => {
    const revenueHeader = [...header(sourceTables.accounts), "LastYearRevenue"];
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook((accounts) => accounts.forEach((row) => row.push(0)), {
        accounts: revenueHeader,
      })
    );
    await ready();
    expect(screen.getByLabelText(/^Last year's revenue/)).toHaveValue("LastYearRevenue");
    await step("Quotas");
    type(enUS["territories.companyTarget"], "5000000");
    fireEvent.change(screen.getByLabelText(enUS["territories.method"]), {
      target: { value: "blend" },
    });
    expect(
      within(fieldOf(enUS["territories.method"])).getByText(
        /^Blend of potential and history needs last year's revenue, and no account has any/
      )
    ).toBeInTheDocument();
    // The column is mapped: there is nothing to link to.
    expect(screen.queryByRole("button", { name: "Map the column under Data" })).toBeNull();
    expect(screen.getByRole("button", { name: enUS["territories.runWithQuotas"] })).toBeDisabled();
  });

  it("says how low the routing lets the largest deviation go, what forces it and what would lift it", async () => {
    // One APAC rep of eight equal reps, and 30 of 150 equal accounts in APAC: APAC holds 20% of
    // the potential on 12.5% of the capacity, so no assignment gets below 0.2 ÷ 0.125 − 1 = 60%.
    // Within ±5%: APAC needs a capacity share of 0.2 ÷ 1.05 = 0.190476…, i.e. adding
    // (0.190476 × 8 − 1) ÷ (1 − 0.190476) = 0.647 FTE to it, or moving 0.190476 × 8 − 1 = 0.524.
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook((accounts, reps) => {
        reps.forEach((rep, i) => {
          rep.splice(3, 5, i === 0 ? "APAC" : "EMEA", "*", "*", 1, null);
        });
        accounts.forEach((account, i) => {
          account[2] = i < 30 ? "APAC" : "EMEA";
          account[3] = "Software";
          account[5] = 100;
          account[7] = null;
        });
      })
    );
    await ready();
    await runAndWait();
    const floor = enUS["territories.floor.label"];
    const why = within(screen.getByRole("list", { name: floor })).getAllByRole("listitem");
    expect(
      screen.getByText(
        "No assignment the routing rules allow brings the largest deviation below 60.0%: the ±5.0% band cannot be met."
      )
    ).toBeInTheDocument();
    expect(why.map((li) => li.textContent)).toEqual([
      "APAC accounts can go only to R001: 20.0% of the potential on 12.5% of the capacity.",
      "Adding 0.65 FTE (0.65 to the APAC reps) would bring the floor to 5.0%.",
      "Moving 0.52 FTE (0.52 from R002, R003, R004 and 4 more to the APAC reps) would bring it to 5.0%.",
      "Letting R002, R003, R004 and 4 more also cover APAC accounts would bring it to 0.0%.",
    ]);
  });

  it("keeps the last results on screen when a later run fails or is cancelled", async () => {
    let next: "real" | "fail" | "cancel" = "real";
    const runner: PlanRunner = (input, onProgress) => {
      if (next === "real") return inPageRunner(input, onProgress);
      const outcome: Outcome<PlanRunResult> | "cancelled" =
        next === "cancel"
          ? "cancelled"
          : {
              ok: false,
              issues: [{ table: "reps", row: 1, field: "capacity", message: "broken" }],
            };
      return { result: Promise.resolve(outcome), cancel: () => undefined };
    };
    renderPane(<TerritoriesPane runner={runner} />, await territoriesWorkbook());
    await ready();
    await runAndWait();
    const repsRows = () =>
      within(screen.getByRole("table", { name: enUS["territories.reps"] })).getAllByRole("row");
    expect(repsRows()).toHaveLength(9);

    next = "fail";
    await step("Rules");
    await click(enUS["territories.run"]);
    expect(
      await screen.findByText(
        "The run found 1 problem(s) in the input; nothing was changed. The results shown are still those of the last run that finished."
      )
    ).toBeInTheDocument();
    expect(repsRows()).toHaveLength(9);

    next = "cancel";
    await step("Rules");
    await click(enUS["territories.run"]);
    expect(
      await screen.findByText(
        "The run was cancelled; nothing was changed. The results shown are still those of the last run that finished."
      )
    ).toBeInTheDocument();
    expect(repsRows()).toHaveLength(9);
    // And the kept result can still be saved.
    await step("Scenarios");
    expect(screen.getByRole("button", { name: enUS["territories.saveScenario"] })).toBeEnabled();
  });

  it("lists newly assigned accounts beside the moved ones, and the write-back counts both", async () => {
    // Three more accounts without an owner, in the sample's Owner column (the 8th).
    const blank = ["A00003", "A00005", "A00008"];
    const driver = await territoriesWorkbook((accounts) => {
      for (const row of accounts) if (blank.includes(String(row[0]))) row[7] = null;
    });
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await rebalanceFully();
    await runAndWait();
    const placedList = screen.getByRole("list", {
      name: /^Newly assigned accounts, blank owner before \(\d+\)$/,
    });
    const placedIds = within(placedList)
      .getAllByRole("listitem")
      .map((li) => li.textContent?.split(":")[0]);
    expect(placedIds).toEqual(expect.arrayContaining(blank));
    const placed = placedIds.length;
    const movedList = screen.getByRole("list", { name: /^Moved accounts \((\d+)\)$/ });
    const moved = within(movedList).queryAllByRole("listitem").length;
    await step("Scenarios");
    await click(enUS["territories.writeBack"]);
    expect(
      await screen.findByText(
        `${moved + placed} cell(s) of Owner in Accounts updated; the previous values are kept. That is ${moved} moved and ${placed} newly assigned account(s), as listed under Results.`
      )
    ).toBeInTheDocument();
    const owners = (await driver.readTable(sourceTables.accounts))!;
    for (const id of blank) {
      const row = owners.rows.find((r) => r[0] === id)!;
      expect(String(row[7])).toMatch(/^R\d{3}$/);
    }
  });

  it("compares scenarios with Results' formatting and names the accounts that moved", async () => {
    renderPane(<TerritoriesPane runner={inPageRunner} />, await territoriesWorkbook());
    await ready();
    await runAndWait();
    await step("Scenarios");
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Base saved to the workbook.");
    await rebalanceFully();
    await runAndWait();
    await step("Scenarios");
    type(enUS["territories.scenarioName"], "Full rebalance");
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Full rebalance saved to the workbook.");
    const metrics = screen.getByRole("table", { name: enUS["territories.compareMetrics"] });
    const row = (name: string) =>
      within(metrics).getByText(name).closest("tr")!.querySelectorAll("td");
    const deviation = [...row("Largest deviation")].map((td) => td.textContent);
    expect(deviation[1]).toMatch(/^\d+\.\d%$/);
    expect(deviation[2]).toMatch(/^\d+\.\d%$/);
    expect(deviation[3]).toMatch(/^[+-]?\d+\.\d%$/);
    expect(row("Coefficient of variation")[1].textContent).toMatch(/^\d\.\d{3}$/);
    // Neither scenario has quotas: no quota difference, rather than a difference of 0.
    const reps = screen.getByRole("table", { name: enUS["territories.compareReps"] });
    const quotaCells = within(reps)
      .getAllByRole("row")
      .slice(1)
      .map((tr) => tr.querySelectorAll("td")[2].textContent);
    expect(quotaCells.length).toBeGreaterThan(0);
    expect(new Set(quotaCells)).toEqual(new Set(["—"]));
    // What moved, by account.
    const count = Number(
      /^(\d+) account\(s\) have a different rep/.exec(
        screen.getByText(/account\(s\) have a different rep in Full rebalance than in Base/)
          .textContent!
      )![1]
    );
    const moves = screen.getByRole("list", { name: "Accounts with a different rep" });
    expect(within(moves).getAllByRole("listitem")).toHaveLength(Math.min(count, 200));
    expect(within(moves).getAllByRole("listitem")[0].textContent).toMatch(
      /^A\d{5}: R\d{3} → R\d{3}$/
    );
  });
});
