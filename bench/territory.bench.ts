/**
 * Territory balancing at scale: 100,000 accounts × 500 reps with region and industry rules
 * and continuity, against the plain greedy baseline (largest account to the lightest
 * eligible rep per FTE) run on the same instance.
 */
import { balanceTerritories } from "../src/domain/territory";
import { Board } from "../src/domain/territory/board";
import { boundOfBoard } from "../src/domain/territory/bound";
import { territoryInstance } from "../test/support/territoryInstance";
import { greedyTerritories } from "./greedyTerritories";
import { printTable, time } from "./harness";

export function runTerritoryBench(): void {
  // σ 0.3: no account above 2% of a target (the target case); σ 1: a heavy tail of big accounts.
  for (const spread of [0.3, 1]) benchInstance(spread);
}

function benchInstance(spread: number): void {
  const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
  const reps = Number(process.env.BENCH_REPS ?? 500);
  const instance = territoryInstance({ accounts, reps, seed: 2026, spread });
  const total = instance.accounts.reduce((s, a) => s + a.potential, 0);
  const largestShare = Math.max(...instance.accounts.map((a) => a.potential)) / (total / reps);
  console.log(
    `\nTerritories: ${accounts.toLocaleString("en")} accounts × ${reps} reps, region + industry rules, log-potential σ ${spread}; ` +
      `largest account = ${(largestShare * 100).toFixed(2)}% of an average target`
  );
  const rows = [
    { name: "greedy baseline", run: () => greedyTerritories(instance) },
    { name: "engine, balance fully", run: () => balanceTerritories({ ...instance, settings: {} }) },
    {
      name: "engine, ≤10% moved",
      run: () => balanceTerritories({ ...instance, settings: { maxMovedShare: 0.1 } }),
    },
    {
      name: "engine, ±2% band",
      run: () => balanceTerritories({ ...instance, settings: { toleranceBand: 0.02 } }),
    },
  ].map(({ name, run }) => {
    const ms = time(run, 3);
    const result = run();
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    const m = result.value.metrics;
    return {
      name,
      ms,
      "max |dev| %": m.maxAbsDeviation * 100,
      "CV %": m.coefficientOfVariation * 100,
      gini: m.giniPotentialPerFte,
      "moved %": (m.accountsMoved / accounts) * 100,
      "continuity %": m.continuity * 100,
    };
  });
  const baseline = rows[0];
  printTable(
    "Territory balancing (best of 3); ratios against the greedy baseline",
    rows.map((row) => ({
      ...row,
      "time ÷ greedy": row.ms / baseline.ms,
      "dev ÷ greedy": row["max |dev| %"] / baseline["max |dev| %"],
    }))
  );
  // The floor under the largest deviation accompanies every run: its cost against the run's.
  // The engine builds the board once for both, so only the bound itself is timed here.
  const board = new Board({ ...instance, settings: {} });
  const boundMs = time(() => boundOfBoard(board, 0.05), 3);
  const floor = boundOfBoard(board, 0.05).lowestPossibleDeviation;
  const engine = rows[1];
  printTable("Deviation floor (best of 3), against the balancing run it accompanies", [
    {
      name: "floor: max-flow cuts over account groups",
      ms: boundMs,
      "floor %": floor * 100,
      "engine max |dev| %": engine["max |dev| %"],
      "engine − floor, points": engine["max |dev| %"] - floor * 100,
      "time ÷ balance fully": boundMs / engine.ms,
    },
  ]);
}

if (require.main === module) runTerritoryBench();
