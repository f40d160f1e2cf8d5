/** Quota plan for 10,000 reps in 400 teams with ramps, seasonality and funnel checks (target: ≤ 50 ms). */
import { planQuotas, QuotaRep } from "../src/domain/quotaPlan";
import { serialFromIsoDate } from "../src/domain/calendar";
import { printTable, random, time } from "./harness";

export function runQuotaBench(): void {
  const reps = Number(process.env.BENCH_QUOTA_REPS ?? 10_000);
  const next = random(42);
  const fy = serialFromIsoDate("2027-01-01")!;
  const input: QuotaRep[] = Array.from({ length: reps }, (_, r) => ({
    repId: `R${r}`,
    manager: `M${r % 400}`,
    capacity: next() < 0.1 ? 0.5 : 1,
    startDate: next() < 0.15 ? fy + Math.floor(next() * 300) : undefined,
    potential: Math.exp(13 + 0.5 * next()),
    history: Math.exp(13 + 0.5 * next()),
    accounts: 20 + Math.floor(next() * 200),
    workload: 100 + Math.floor(next() * 1000),
    floor: next() < 0.05 ? 100_000 : undefined,
  }));
  const settings = {
    companyTarget: 2_500_000_000,
    fiscalYearStart: fy,
    overAssignment: 0.1,
    managerHedge: 0.05,
    rampSchedule: [0.25, 0.5, 0.75],
    seasonality: [0.7, 0.8, 1.2, 0.8, 0.9, 1.2, 0.7, 0.8, 1.3, 0.9, 1, 1.7],
    funnel: { rates: [0.12, 0.3, 0.25], avgDealSize: 45_000 },
  };
  const rows = (["potential", "blend", "expression"] as const).map((kind) => {
    const method =
      kind === "potential"
        ? { kind }
        : kind === "blend"
          ? { kind, potentialShare: 0.6 }
          : { kind, formula: "0.7 * potential + 0.3 * history * capacity" };
    const run = () => planQuotas(input, { ...settings, method });
    const result = run();
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    return {
      method: kind,
      ms: time(run, 5),
      "ties out": result.value.tiesOut ? "yes" : "NO",
      target: "≤ 50",
    };
  });
  printTable(
    `\nQuota plan: ${reps.toLocaleString("en")} reps, 400 teams, ramps, seasonality, funnel check (best of 5)`,
    rows
  );
}

if (require.main === module) runQuotaBench();
