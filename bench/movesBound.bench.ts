/**
 * Accounts moved against the fewest any assignment needs (issue 18): on 5,000 accounts ×
 * 50 reps with region + industry rules (the territory bench's generator, σ 0.3 and σ 1),
 * the engine's largest deviation D and accounts moved M, against the fewest moves that
 * reach a largest deviation ≤ D — a lower bound from the linear relaxation over account
 * groups (cross-checked by the same relaxation per account) and, where HiGHS proves it in
 * the time allowed, the exact minimum from the MIP. "Sent home" is the engine's assignment
 * after sending moved accounts back to their owners wherever the deviation stays ≤ D: a
 * feasible assignment, so the fewest moves lie between the bound and it; the MIP starts there.
 * Target: M ≤ 1.1 × that minimum. The bound reported is the best one proven: the MIP's
 * optimum when it is proved, else the larger of the LP bound and the MIP's dual bound,
 * rounded up (a count of accounts is whole).
 *
 * Not part of `npm run bench` yet. Run: `npx tsc -p tsconfig.bench.json --outDir DIR` and
 * `node DIR/bench/movesBound.bench.js`; BENCH_MOVES_ACCOUNTS, BENCH_MOVES_REPS and
 * BENCH_MIP_SECONDS (0 skips the MIP) change the size and the MIP's time limit.
 */
import type { Highs } from "highs";
import { performance } from "node:perf_hooks";
import { balanceTerritories } from "../src/domain/territory";
import { Board } from "../src/domain/territory/board";
import type { BalanceSettings } from "../src/domain/territory/types";
import { territoryInstance } from "../test/support/territoryInstance";
import { printTable, Row } from "./harness";
import { accountModel, groupModel, movesOf, problemOf, returnHome, solve } from "./movesBoundModel";

const ACCOUNTS = Number(process.env.BENCH_MOVES_ACCOUNTS ?? 5_000);
const REPS = Number(process.env.BENCH_MOVES_REPS ?? 50);
const MIP_SECONDS = Number(process.env.BENCH_MIP_SECONDS ?? 60);
const LP_SECONDS = 120;
/** Issue 18's target: moves ≤ 1.1 × the fewest that reach the same largest deviation. */
const TARGET_RATIO = 1.1;
/** Below this, a solver's value counts as the whole number it rounds to. */
const WHOLE = 1e-6;

/** The engine's settings measured: balancing fully, and what a new plan in the pane starts from. */
const RUNS: { name: string; settings: BalanceSettings }[] = [
  { name: "balance fully", settings: {} },
  { name: "±5% band, ≤20% moved", settings: { toleranceBand: 0.05, maxMovedShare: 0.2 } },
];

export async function runMovesBoundBench(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const highs = await (require("highs") as () => Promise<Highs>)();
  for (const spread of [0.3, 1]) await benchInstance(highs, spread);
}

async function benchInstance(highs: Highs, spread: number): Promise<void> {
  const instance = territoryInstance({ accounts: ACCOUNTS, reps: REPS, seed: 2026, spread });
  const owned = instance.accounts.filter((a) => a.currentOwner).length;
  console.log(
    `\nAccounts moved against the fewest possible: ${ACCOUNTS.toLocaleString("en")} accounts × ${REPS} reps, ` +
      `region + industry rules, log-potential σ ${spread}; ${owned.toLocaleString("en")} with a current owner`
  );
  const rows: Row[] = [];
  for (const { name, settings } of RUNS) {
    const began = performance.now();
    const result = balanceTerritories({ ...instance, settings });
    const engineMs = performance.now() - began;
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    const {
      maxAbsDeviation: deviation,
      accountsMoved: moved,
      coefficientOfVariation: cv,
    } = result.value.metrics;
    const board = new Board({ ...instance, settings });
    const repIndex = new Map(instance.reps.map((rep, r) => [rep.id, r]));
    const accountIndex = new Map(instance.accounts.map((a, i) => [a.id, i]));
    const engineRep = new Int32Array(instance.accounts.length).fill(-1);
    for (const { accountId, repId } of result.value.assignments)
      engineRep[accountIndex.get(accountId)!] = repIndex.get(repId)!;
    const problem = problemOf(board, deviation);
    if (movesOf(problem, engineRep) !== moved)
      throw new Error("the bench counts moves differently from metrics.ts");
    // A feasible assignment with fewer moves, if sending accounts home allows one: the MIP starts there.
    const home = returnHome(problem, engineRep);
    const grouped = groupModel(problem);
    const lp = solve(highs, grouped.model, LP_SECONDS);
    const perAccount = solve(highs, accountModel(problem, false).model, LP_SECONDS);
    const mipModel = accountModel(problem, true, home.rep);
    const mip =
      MIP_SECONDS > 0 ? solve(highs, mipModel.model, MIP_SECONDS, mipModel.start) : undefined;
    const mipProved = mip?.status === "optimal";
    // A MIP stopped before its first dual bound reports none (−∞ or NaN): the LP's stands.
    const mipBound = mip && Number.isFinite(mip.lowerBound) ? mip.lowerBound : 0;
    const proven = Math.max(lp.lowerBound, mipBound);
    const bound = mipProved ? Math.round(mip.value) : Math.ceil(proven - WHOLE);
    const ratio = moved / bound;
    rows.push({
      σ: spread,
      engine: name,
      "engine ms": engineMs,
      "max |dev| %": deviation * 100,
      "CV %": cv * 100,
      "moved M": moved,
      "sent home": home.moves,
      "LP bound": lp.lowerBound,
      "LP groups": grouped.groups,
      "LP s": lp.seconds,
      "per-account LP": perAccount.lowerBound,
      "per-account LP s": perAccount.seconds,
      MIP: mip ? `${mip.status}: ${fmt(mip.value)} ≥ ${fmt(mip.lowerBound)}` : "skipped",
      "MIP s": mip?.seconds ?? Number.NaN,
      "fewest moves ≥": `${bound}${mipProved ? " (MIP optimum)" : ""}`,
      "M ÷ fewest": ratio,
      [`≤ ${TARGET_RATIO}×`]: ratio <= TARGET_RATIO + WHOLE ? "met" : "not met",
    });
    // The two relaxations are the same LP written two ways, and a bound above an assignment
    // that exists would be a wrong model, not a finding.
    if (Math.abs(lp.lowerBound - perAccount.lowerBound) > WHOLE * 100 * Math.max(1, lp.lowerBound))
      throw new Error(`LP over groups ${lp.lowerBound} ≠ per account ${perAccount.lowerBound}`);
    if (proven > home.moves + WHOLE)
      throw new Error(
        `lower bound ${proven} above an assignment's ${home.moves} moves: the model is wrong`
      );
  }
  printTable(
    `Accounts moved (σ ${spread}): engine against the fewest moves reaching its largest deviation`,
    rows
  );
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");

if (require.main === module)
  runMovesBoundBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
