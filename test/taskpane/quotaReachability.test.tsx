/**
 * The Quotas step's reachability over the sample (150 accounts, 8 reps) after a real run:
 * each rep's quota ÷ potential with its flags, the over-assignment level by level, and last
 * year's revenue as a histogram, or what is missing for it.
 */
import { fireEvent, screen, within } from "@testing-library/react";
import {
  DEFAULT_BALANCE,
  PlanRunResult,
  defaultQuotaSettings,
  runPlan,
} from "../../src/domain/planRun";
import { quotaReachability, repTerritories } from "../../src/domain/quotaPlan";
import type { Account } from "../../src/domain/territory";
import { enUS } from "../../src/i18n/en-US";
import { percent } from "../../src/i18n/figures";
import { sourceTables } from "../../src/sample/samplePlan";
import { useQuotaForm } from "../../src/taskpane/territories/hooks/useQuotaForm";
import { QuotasStep } from "../../src/taskpane/territories/steps/QuotasStep";
import {
  ACCOUNT_FIELDS,
  REP_FIELDS,
  autoMap,
  readSourceTables,
} from "../../src/workbook/sourceTables";
import { renderPane } from "../support/renderPane";
import { territoriesWorkbook } from "../support/territoriesPane";

/** The sample read as the pane reads it, run with a 12,000,000 target (10% over-assigned). */
async function sampleRun(edit?: (accounts: Account[]) => Account[]) {
  const driver = await territoriesWorkbook();
  const a = (await driver.readTable(sourceTables.accounts))!;
  const r = (await driver.readTable(sourceTables.reps))!;
  const read = readSourceTables(
    { raw: a, table: "Accounts", mapping: autoMap(ACCOUNT_FIELDS, a.header) },
    { raw: r, table: "Reps", mapping: autoMap(REP_FIELDS, r.header) }
  );
  const accounts = edit ? edit(read.accounts) : read.accounts;
  const outcome = runPlan({
    accounts,
    reps: read.reps,
    balance: DEFAULT_BALANCE,
    quota: defaultQuotaSettings(2027, 12_000_000),
  });
  if (!outcome.ok) throw new Error("the engine refused the sample");
  return { driver, accounts, result: outcome.value };
}

/** The step as the pane shows it after that run. */
function Step({ result, accounts }: { result: PlanRunResult; accounts: Account[] }) {
  const form = useQuotaForm();
  return (
    <QuotasStep
      form={form}
      onUntyped={() => undefined}
      canRun
      onRun={() => undefined}
      quotas={result.quotas}
      territory={result.territory}
      accounts={accounts}
      messages={new Map()}
    />
  );
}

const rowsOf = (name: string) =>
  within(screen.getByRole("table", { name }))
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? "")
    );

describe("Quotas step: quotas you can reach", () => {
  it("shows each rep's quota ÷ potential and flags the reps the planner should look at", async () => {
    const { driver, accounts, result } = await sampleRun();
    renderPane(<Step result={result} accounts={accounts} />, driver);
    const rows = rowsOf(enUS["territories.reach.table"]);
    expect(rows).toHaveLength(8);
    // Each ratio as the run's own quota and potential give it (divided here, not by the pane).
    for (const [repId, , , ratio] of rows) {
      const quota = result.quotas!.reps.find((q) => q.repId === repId)!.annual;
      const potential = result.territory.reps.find((s) => s.repId === repId)!.potential;
      expect(ratio).toBe((quota / potential).toFixed(2));
    }
    const byRep = new Map(rows.map((row) => [row[0], row]));
    // R001: 1,082,173.88 ÷ 2,548,900 = 0.42 (the established reps all carry 0.42).
    expect(byRep.get("R001")![3]).toBe("0.42");
    // R008 ramps in (62% of the year): 742,231.27 ÷ 2,806,500 = 0.26, while its peers (potential
    // within 2,806,500 ± 20%: R001 at 2,548,900 and R005 at 2,481,600) both carry 0.42; 0.26 is
    // below 0.42 × 0.75 = 0.32.
    expect(byRep.get("R008")![3]).toBe("0.26");
    expect(byRep.get("R008")![4]).toBe("0.42 (2)");
    expect(byRep.get("R008")!.at(-1)).toBe(enUS["territories.reach.flag.peersBelow"]);
    // No quota is above the whole potential at 12,000,000.
    expect(screen.getByText(/0 of 8 rep\(s\) have a quota above 1 ×/)).toBeInTheDocument();

    // At 0.4 × potential the five reps at 0.42 are flagged; the three ramping reps are not.
    fireEvent.change(screen.getByLabelText(enUS["territories.reach.threshold"]), {
      target: { value: "0.4" },
    });
    const flagged = rowsOf(enUS["territories.reach.table"])
      .filter((row) => row.at(-1)!.includes("Above 0.4 × potential"))
      .map((row) => row[0]);
    expect(flagged).toEqual(["R001", "R002", "R003", "R004", "R005"]);
    expect(screen.getByText(/5 of 8 rep\(s\) have a quota above 0.4 ×/)).toBeInTheDocument();
  });

  it("accumulates over-assignment level by level, as the domain computes it", async () => {
    const { driver, accounts, result } = await sampleRun();
    renderPane(<Step result={result} accounts={accounts} />, driver);
    const shown = rowsOf(enUS["territories.reach.overTable"]);
    const direct = quotaReachability(
      result.quotas!,
      repTerritories(result.territory, accounts)
    ).teams;
    const signed = (x: number | null) => (x !== null && x > 0 ? "+" : "") + percent(x);
    expect(shown).toEqual(
      direct.map((t) => [t.team, String(t.level), signed(t.own), signed(t.cumulative)])
    );
    // By hand: no hedge, so each of the three teams adds the 10% over-assignment, and that is
    // all the reps carry over the company target.
    expect(shown.map((row) => row.slice(2))).toEqual([
      ["+10.0%", "+10.0%"],
      ["+10.0%", "+10.0%"],
      ["+10.0%", "+10.0%"],
    ]);
    expect(
      screen.getByText(/→ all reps 13,200,000 \(\+10\.0% over the target\)/)
    ).toBeInTheDocument();
  });

  it("says what is missing when last year's revenue is not mapped", async () => {
    const { driver, accounts, result } = await sampleRun();
    renderPane(<Step result={result} accounts={accounts} />, driver);
    expect(screen.getByText(enUS["territories.reach.lastYearMissing"])).toBeInTheDocument();
  });

  it("counts the reps last year's revenue would have carried to this year's quota", async () => {
    // Last year's revenue at 40% of each account's potential: a rep's is 0.4 × potential.
    const { driver, accounts, result } = await sampleRun((read) =>
      read.map((a) => ({ ...a, lastYearRevenue: a.potential * 0.4 }))
    );
    renderPane(<Step result={result} accounts={accounts} />, driver);
    // 0.4 ÷ 0.42 = 95% for the five established reps (75–100%); the ramping reps carry less
    // quota per potential: R006 0.4 ÷ 0.336 = 119%, R007 0.4 ÷ 0.300 = 133%, R008 0.4 ÷ 0.264
    // = 151%. Three make it.
    expect(
      screen.getByText(/At last year's revenue .*, 3 of 8 rep\(s\) would have made/)
    ).toBeInTheDocument();
    const table = within(
      screen.getAllByRole("table", { name: enUS["territories.reach.lastYearChart"] }).at(-1)!
    );
    const counts = table
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((c) => c.textContent)
      );
    expect(counts).toEqual([
      ["below 50%", "0"],
      ["50%–75%", "0"],
      ["75%–100%", "5"],
      ["100%–125%", "1"],
      ["125%–150%", "1"],
      ["150% and over", "1"],
    ]);
    // The histogram itself loads on demand, then replaces its placeholder.
    expect(
      await screen.findByRole("figure", { name: enUS["territories.reach.lastYearChart"] })
    ).toBeInTheDocument();
  });
});
