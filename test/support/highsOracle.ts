/**
 * The exact optimum of territory balancing from HiGHS (MIT; the HiGHS MIP solver compiled
 * to WebAssembly), as an oracle for small instances: minimise z, the largest |load − target|
 * ÷ target, with every routable account on exactly one eligible rep and locked accounts fixed.
 */
import { Account, Rep, isEligible } from "../../src/domain/territory";

type Highs = { solve(model: string, options?: Record<string, unknown>): HighsSolution };
interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
}

let solver: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  solver ??= (require("highs") as () => Promise<Highs>)();
  return solver;
}

export async function optimalMaxDeviation(
  accounts: Account[],
  reps: Rep[],
  timeLimitSeconds = 20
): Promise<{ status: string; maxDeviation: number }> {
  const total = accounts.reduce((s, a) => s + a.potential, 0);
  // Routing is the engine's own rule; what the solver checks is the balancing.
  const eligible = accounts.map((a) =>
    reps.map((rep, r) => (isEligible(rep, a) ? r : -1)).filter((r) => r >= 0)
  );
  const routed = accounts.filter((a, i) => eligible[i].length > 0 || a.locked);
  const routedLoad = routed.reduce((s, a) => s + a.potential / total, 0);
  const capacity = reps.reduce((s, rep) => s + rep.capacity, 0);
  const target = reps.map((rep) => (rep.capacity / capacity) * routedLoad);
  const scale = 1e6; // loads as shares of the total are small; scale them for the solver's tolerances
  const fixed = reps.map(() => 0);
  const terms: string[][] = reps.map(() => []);
  const rows: string[] = [];
  const binaries: string[] = [];
  accounts.forEach((a, i) => {
    const load = (a.potential / total) * scale;
    if (a.locked && a.currentOwner) {
      fixed[reps.findIndex((rep) => rep.id === a.currentOwner)] += load;
      return;
    }
    if (eligible[i].length === 0) return;
    const vars = eligible[i].map((r) => `x_${i}_${r}`);
    binaries.push(...vars);
    rows.push(` assign_${i}: ${vars.join(" + ")} = 1`);
    eligible[i].forEach((r) => terms[r].push(`${load.toFixed(6)} x_${i}_${r}`));
  });
  reps.forEach((_, r) => {
    const t = target[r] * scale;
    if (t === 0) return;
    const sum = terms[r].length ? terms[r].join(" + ") : "0 z";
    rows.push(` over_${r}: ${sum} - ${t.toFixed(6)} z <= ${(t - fixed[r]).toFixed(6)}`);
    rows.push(` under_${r}: ${sum} + ${t.toFixed(6)} z >= ${(t - fixed[r]).toFixed(6)}`);
  });
  const model = [
    "Minimize",
    " obj: z",
    "Subject To",
    ...rows,
    "Bounds",
    " z >= 0",
    "Binary",
    ...binaries.map((b) => ` ${b}`),
    "End",
  ].join("\n");
  const solution = (await highs()).solve(model, { time_limit: timeLimitSeconds, mip_rel_gap: 0 });
  return { status: solution.Status, maxDeviation: solution.ObjectiveValue };
}
