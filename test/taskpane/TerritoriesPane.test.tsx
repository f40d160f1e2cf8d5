/**
 * The Territories & Quotas pane over real .xlsx workbooks (the file adapter): each step, a
 * cancelled run, a failed write, and every result read back from the file's bytes.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { DEFAULT_BALANCE, PlanRunInput, runPlan } from "../../src/domain/planRun";
import {
  ACCOUNT_FIELDS,
  REP_FIELDS,
  autoMap,
  readSourceTables,
} from "../../src/workbook/sourceTables";
import { sourceTables } from "../../src/sample/samplePlan";
import { enUS } from "../../src/i18n/en-US";
import { PlanRunner, inPageRunner } from "../../src/taskpane/territories/runner";
import { TerritoriesPane } from "../../src/taskpane/territories/TerritoriesPane";
import { storedScenarios } from "../../src/workbook/scenarioTables";
import { PackageDriver } from "../../src/workbook/packageDriver";
import { readByExcelJs } from "../support/handEdits";
import { renderPane, reopened } from "../support/renderPane";
import {
  click,
  ready,
  rebalanceFully,
  runAndWait,
  step,
  territoriesWorkbook,
} from "../support/territoriesPane";

describe("Territories & Quotas pane", () => {
  it("finds the accounts and reps tables, maps English columns, and is ready to run", async () => {
    renderPane(<TerritoriesPane runner={inPageRunner} />, await territoriesWorkbook());
    await ready();
    expect(screen.getByLabelText(enUS["territories.accountsTable"])).toHaveValue("Accounts");
    expect(screen.getByLabelText(/^Potential/)).toHaveValue("Potential");
    expect(screen.getByLabelText(/^Current owner/)).toHaveValue("Owner");
    // The preview shows the first accounts as mapped.
    const preview = screen.getByRole("table", { name: enUS["territories.preview"] });
    expect(within(preview).getAllByRole("row")).toHaveLength(6);
    expect(within(preview).getAllByRole("row")[1]).toHaveTextContent(/^A00001/);
  });

  it("recognises Chinese headers", async () => {
    const accountsZh = ["客户编号", "客户名称", "区域", "行业", "规模", "潜力", "工作量", "负责人"];
    const repsZh = ["销售代表编号", "姓名", "经理", "区域", "行业", "规模", "产能", "入职日期"];
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook(undefined, { accounts: accountsZh, reps: repsZh })
    );
    await ready();
    expect(screen.getByLabelText(/^Region\*?$/)).toHaveValue("区域");
    expect(screen.getByLabelText(/^Capacity/)).toHaveValue("产能");
  });

  it("lists each problem in the user's tables at its cell and will not run until they are fixed", async () => {
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook((accounts) => {
        accounts[2][5] = "lots";
      })
    );
    expect(await screen.findByText("1 problem(s) in the chosen tables")).toBeInTheDocument();
    expect(
      screen.getByText(/F4 · Potential: Potential holds "lots" where a number is needed/)
    ).toBeInTheDocument();
    await step("Rules");
    expect(screen.getByRole("button", { name: enUS["territories.run"] })).toBeDisabled();
  });

  it("says the problems in the user's tables in Simplified Chinese, at their cells", async () => {
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook((accounts) => {
        accounts[2][5] = "lots";
      }),
      "zh-CN"
    );
    expect(
      await screen.findByText(/F4 · Potential: Potential 的值为 "lots"，此处需要数字/)
    ).toBeInTheDocument();
  });

  it("checks the rules next to their fields and runs nothing while one is out of range", async () => {
    renderPane(<TerritoriesPane runner={inPageRunner} />, await territoriesWorkbook());
    await ready();
    await step("Rules");
    fireEvent.change(screen.getByLabelText(enUS["territories.toleranceBand"]), {
      target: { value: "5" },
    });
    expect(screen.getByText("The tolerance band must be between 0% and 100%.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.run"] })).toBeDisabled();
    fireEvent.change(screen.getByLabelText(enUS["territories.toleranceBand"]), {
      target: { value: "5%" },
    });
    expect(screen.queryByText(/tolerance band must be/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: enUS["territories.run"] })).toBeEnabled();
  });

  it("names engine-level problems (an owner who is not a rep, a duplicate rep id) with their cells", async () => {
    renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook((accounts, reps) => {
        accounts[4][7] = "R999";
        reps[1][0] = reps[0][0];
      })
    );
    expect(await screen.findByText(/problem\(s\) in the chosen tables/)).toBeInTheDocument();
    expect(screen.getByText(/H6 · Owner: current owner "R999" is not a rep/)).toBeInTheDocument();
    expect(screen.getByText(/A3 · RepId: rep id "R001" also used in row 2/)).toBeInTheDocument();
  });

  it("runs, shows fairness and per-rep results, and saves them as a scenario the workbook keeps", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await runAndWait();
    const metrics = screen.getByRole("table", { name: enUS["territories.metrics"] });
    expect(within(metrics).getByText(enUS["territories.metric.continuity"])).toBeInTheDocument();
    expect(
      within(screen.getByRole("table", { name: enUS["territories.reps"] })).getAllByRole("row")
    ).toHaveLength(9);
    await step("Scenarios");
    await click(enUS["territories.saveScenario"]);
    expect(await screen.findByText("Scenario Base saved to the workbook.")).toBeInTheDocument();

    const { plan } = await reopened(driver);
    const [base] = storedScenarios(plan);
    expect(base.name).toBe("Base");
    // The file holds what the engine computes from the same tables.
    const expected = runPlan(await inputFrom(driver));
    if (!expected.ok) throw new Error("engine refused the sample");
    expect(base.territory.assignments.length + base.territory.unassigned.length).toBe(150);
    expect(base.territory.metrics.maxAbsDeviation).toBeCloseTo(
      expected.value.territory.metrics.maxAbsDeviation,
      10
    );
    expect(new Map(base.territory.assignments.map((a) => [a.accountId, a.repId]))).toEqual(
      new Map(expected.value.territory.assignments.map((a) => [a.accountId, a.repId]))
    );
    expect(base.run).toMatchObject({
      accountsTable: { name: "Accounts" },
      accountColumns: { potential: "Potential" },
      balance: { toleranceBand: 0.05 },
    });
  });

  it("cancels a run in progress and leaves the workbook as it was", async () => {
    const driver = await territoriesWorkbook();
    let cancelled = false;
    const slow: PlanRunner = () => ({
      result: new Promise((resolve) => (stop = () => resolve("cancelled"))),
      cancel: () => ((cancelled = true), stop()),
    });
    let stop = () => undefined as void;
    renderPane(<TerritoriesPane runner={slow} />, driver);
    await ready();
    await step("Rules");
    await click(enUS["territories.run"]);
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    await click(enUS["territories.cancel"]);
    expect(cancelled).toBe(true);
    expect(await screen.findByText(enUS["territories.cancelled"])).toBeInTheDocument();
    expect((await reopened(driver)).plan.tables.scenarios.rows).toEqual([]);
  });

  it("cancels the in-page engine between progress reports", async () => {
    const input = await inputFrom(await territoriesWorkbook());
    const reports: number[] = [];
    const run = inPageRunner(input, (done) => {
      reports.push(done);
      if (done >= 0.3) run.cancel();
    });
    expect(await run.result).toBe("cancelled");
    expect(reports.at(-1)).toBeLessThan(1);
  });

  it("keeps the workbook unchanged and says so when saving a scenario fails", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await runAndWait();
    await step("Scenarios");
    const write = jest.spyOn(driver, "writeTable").mockRejectedValueOnce(new Error("disk full"));
    await click(enUS["territories.saveScenario"]);
    expect(
      await screen.findByText(
        /Not saved: saving failed \(disk full\); your previous plan is unchanged/
      )
    ).toBeInTheDocument();
    write.mockRestore();
    expect((await reopened(driver)).plan.tables.assignments.rows).toEqual([]);
  });

  it("sets quotas that tie out, with ramps for new hires, and stores them with the scenario", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await step("Quotas");
    fireEvent.change(screen.getByLabelText(enUS["territories.companyTarget"]), {
      target: { value: "12,000,000" },
    });
    await click(enUS["territories.runWithQuotas"]);
    await step("Quotas");
    expect(
      await screen.findByText(/Ties out at every level: company target 12,000,000/)
    ).toBeInTheDocument();
    await step("Scenarios");
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Base saved to the workbook.");
    const { plan } = await reopened(driver);
    const quotas = plan.tables.quotas.rows;
    expect(quotas).toHaveLength(8);
    // Each team's reps sum exactly to the team quota × 1.1 (over-assignment 10% by default),
    // as the tie-out table shows; across the three teams that is the target × 1.1 up to a
    // cent of rounding per team.
    const cents = (r: (typeof quotas)[number]) => Math.round(Number(r.Annual) * 100);
    const byTeam = new Map<string, number>();
    for (const r of quotas)
      byTeam.set(String(r.Team), (byTeam.get(String(r.Team)) ?? 0) + cents(r));
    expect(byTeam.size).toBe(3);
    expect(
      Math.abs([...byTeam.values()].reduce((a, b) => a + b, 0) - 1_320_000_000)
    ).toBeLessThanOrEqual(byTeam.size);
    await step("Quotas");
    const teams = within(screen.getByRole("table", { name: enUS["territories.quotaTable"] }))
      .getAllByRole("row")
      .slice(1);
    expect(teams).toHaveLength(byTeam.size);
    for (const row of teams) {
      const [team, , childSum] = within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? "");
      const [sum, should] = childSum.split(" / ");
      expect(sum).toBe(should);
      // Every team in the tie-out has reps in the file, summing (to the rounding shown) to it.
      expect(byTeam.has(team)).toBe(true);
      expect(Number(sum.replace(/,/g, ""))).toBeCloseTo(byTeam.get(team)! / 100, -1);
    }
    for (const r of quotas) {
      const months = Array.from({ length: 12 }, (_, m) => Math.round(Number(r[`M${m + 1}`]) * 100));
      expect(months.reduce((a, b) => a + b, 0)).toBe(Math.round(Number(r.Annual) * 100));
    }
    // The method is stored as its code, whatever the pane's language.
    expect(new Set(quotas.map((r) => r.Method))).toEqual(new Set(["potential"]));
    // The three new hires ramp.
    expect(quotas.filter((r) => Number(r.RampFactor) < 1)).toHaveLength(3);
  });

  it("compares two scenarios and promotes one to Active", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await runAndWait();
    await step("Scenarios");
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Base saved to the workbook.");
    await rebalanceFully();
    await runAndWait();
    await step("Scenarios");
    fireEvent.change(screen.getByLabelText(enUS["territories.scenarioName"]), {
      target: { value: "Full rebalance" },
    });
    await click(enUS["territories.saveScenario"]);
    await screen.findByText("Scenario Full rebalance saved to the workbook.");
    expect(
      await screen.findByText(/account\(s\) have a different rep in Full rebalance than in Base/)
    ).toBeInTheDocument();
    const [base, full] = storedScenarios((await reopened(driver)).plan);
    const moved = [
      ...new Map(base.territory.assignments.map((a) => [a.accountId, a.repId])),
    ].filter(
      ([id, rep]) => full.territory.assignments.find((a) => a.accountId === id)?.repId !== rep
    ).length;
    expect(
      screen.getByText(`${moved} account(s) have a different rep in Full rebalance than in Base.`)
    ).toBeInTheDocument();
    await click("Make Full rebalance the active scenario");
    await screen.findByText("Full rebalance is now the active scenario.");
    expect(storedScenarios((await reopened(driver)).plan).map((s) => [s.name, s.state])).toEqual([
      ["Base", "Draft"],
      ["Full rebalance", "Active"],
    ]);
  });

  it("writes the assigned reps into the user's accounts table only on request, and puts the old owners back", async () => {
    const driver = await territoriesWorkbook();
    const ownersBefore = (await driver.readTable(sourceTables.accounts))!.rows.map((r) => r[7]);
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await rebalanceFully();
    await runAndWait();
    await step("Scenarios");
    expect((await driver.readTable(sourceTables.accounts))!.rows.map((r) => r[7])).toEqual(
      ownersBefore
    );
    await click(enUS["territories.writeBack"]);
    const written = await screen.findByText(
      /cell\(s\) of Owner in Accounts updated; the previous values are kept/
    );
    const count = Number(/^(\d+)/.exec(written.textContent!)![1]);
    expect(count).toBeGreaterThan(0);
    const { driver: file, plan } = await reopened(driver);
    const owners = (await file.readTable(sourceTables.accounts))!.rows.map((r) => r[7]);
    expect(owners.filter((o, i) => o !== ownersBefore[i])).toHaveLength(count);
    expect(plan.tables.writeBacks.rows).toHaveLength(count);
    await click(enUS["territories.restore"]);
    await screen.findByText(/put back as they were/);
    const restored = (await (
      await reopened(driver)
    ).driver.readTable(sourceTables.accounts))!.rows.map((r) => r[7]);
    expect(restored).toEqual(ownersBefore);
  });

  it("writes a review sheet with the per-rep summary, metrics and tie-out formulas", async () => {
    const driver = await territoriesWorkbook();
    renderPane(<TerritoriesPane runner={inPageRunner} />, driver);
    await ready();
    await step("Quotas");
    fireEvent.change(screen.getByLabelText(enUS["territories.companyTarget"]), {
      target: { value: "5000000" },
    });
    await click(enUS["territories.runWithQuotas"]);
    await step("Scenarios");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: enUS["territories.writeReview"] })).toBeEnabled()
    );
    await click(enUS["territories.writeReview"]);
    // The workbook had no review: no earlier one is spoken of.
    await screen.findByText('The sheet "Territory Review" now holds the review.');
    const sheet = (await readByExcelJs(driver)).getWorksheet("Territory Review")!;
    const column = (c: number) =>
      (sheet.getColumn(c).values as unknown[]).map((v) =>
        v && typeof v === "object" && "formula" in v ? `=${v.formula}` : v
      );
    // Reps by name (as executives read them), not by id; the tie-out sums by formula.
    const reps = (await driver.readTable(sourceTables.reps))!.rows;
    expect(column(1)).toEqual(
      expect.arrayContaining([reps[0][1], reps[7][1], enUS["territories.quotaSum"]])
    );
    expect(column(1)).not.toContain("R001");
    expect(
      column(7).some((v) => typeof v === "string" && /^=SUM\(\$G\$\d+:\$G\$\d+\)$/.test(v))
    ).toBe(true);
  });

  it("has no axe violations on the data step", async () => {
    const { container } = renderPane(
      <TerritoriesPane runner={inPageRunner} />,
      await territoriesWorkbook()
    );
    await ready();
    const results = await axe(container);
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
    ).toEqual([]);
  });
});

async function inputFrom(driver: PackageDriver): Promise<PlanRunInput> {
  const a = (await driver.readTable(sourceTables.accounts))!;
  const r = (await driver.readTable(sourceTables.reps))!;
  const { accounts, reps } = readSourceTables(
    { raw: a, table: "Accounts", mapping: autoMap(ACCOUNT_FIELDS, a.header) },
    { raw: r, table: "Reps", mapping: autoMap(REP_FIELDS, r.header) }
  );
  return { accounts, reps, balance: DEFAULT_BALANCE };
}
