/**
 * A funnel's shape: today's mix of open deals across the stages against the mix the
 * observed transitions imply in the long run (the seed's "a pregnant funnel means the team
 * is ill"), and which stage bulges and why. For the Pipeline pane's Funnel shape step, the
 * Pipeline Review sheet and the command line alike.
 *
 * With the observed arrivals λ (new deals per capture interval, by the stage they arrive in)
 * and the chain's open-to-open transitions Q, a funnel in steady state holds x = λ·(I − Q)⁻¹
 * deals in each stage (Kemeny and Snell's fundamental matrix N, weighted by where deals
 * enter). stageChain.ts solves N·b for its columns; this needs the row λ·N, the same LU
 * solve (mathjs) of the transposed system.
 */
import { create, lupDependencies, lusolveDependencies } from "mathjs";
import { entriesById, observedSteps, type FunnelStages } from "./dealHistory";
import { labelKey } from "./labels";
import { captureDates, type LogEntry, type Opportunity } from "./pipelineLog";

const math = create({ lupDependencies, lusolveDependencies });

export interface StageShare {
  stage: string;
  /** Share of today's open deals in this stage. */
  today: number;
  /** Share in the steady state the transitions imply; undefined when they imply none. */
  steady?: number;
}

export interface Diagnosis {
  stage: string;
  today: number;
  steady: number;
  /**
   * "inflow": more deals entered it lately than usual; "conversion": deals leave it slower
   * than usual; "earlier": both as usual, so the deals piled up before the last interval.
   */
  cause: "inflow" | "conversion" | "earlier";
  recent: number;
  usual: number;
}

/** A pivot this small means I − Q is singular: some stages hold deals and never let them go. */
const SINGULAR = 1e-12;

/** Solves xᵀ·A = b (A square) by LU with partial pivoting; undefined when A is singular. */
function solveLeft(a: readonly (readonly number[])[], b: readonly number[]): number[] | undefined {
  // xᵀA = b is Aᵀx = b.
  const transposed = a.map((_, i) => a.map((row) => row[i]));
  const lu = math.lup(transposed);
  const u = lu.U as number[][];
  if (u.some((row, i) => Math.abs(row[i]) < SINGULAR)) return undefined;
  return (math.lusolve(lu, [...b]).valueOf() as number[][]).map(([x]) => x);
}

/** The mix today and in the steady state, and the diagnosis of the stage that bulges most. */
export function funnelShape(
  log: readonly LogEntry[],
  today: readonly Opportunity[],
  stages: FunnelStages
): { shares: StageShare[]; diagnosis?: Diagnosis } {
  const n = stages.stages.length;
  const position = new Map(stages.stages.map((s, i) => [labelKey(s), i]));
  const counts = new Array<number>(n).fill(0);
  for (const o of today) {
    const i = position.get(labelKey(o.stage ?? ""));
    if (i !== undefined) counts[i]++;
  }
  const open = counts.reduce((s, c) => s + c, 0);

  // Q by counting the steps; λ by counting each deal's first capture, per interval.
  const { from, to, starts } = observedSteps(log);
  const dates = captureDates(log);
  const intervals = Math.max(1, dates.length - 1);
  const lastStart = dates.length >= 2 ? dates[dates.length - 2] : undefined;
  const q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const totals = new Array<number>(n).fill(0);
  const leaving = new Array<number>(n).fill(0);
  const entering = new Array<number>(n).fill(0);
  // The same counts for the last interval only: what changed lately.
  const lastTotals = new Array<number>(n).fill(0);
  const lastLeaving = new Array<number>(n).fill(0);
  const lastEntering = new Array<number>(n).fill(0);
  from.forEach((f, k) => {
    const i = position.get(labelKey(f));
    if (i === undefined) return;
    const j = position.get(labelKey(to[k]));
    const recent = starts[k] === lastStart;
    totals[i]++;
    if (recent) lastTotals[i]++;
    if (j !== undefined) q[i][j]++;
    if (j === i) return;
    leaving[i]++;
    if (recent) lastLeaving[i]++;
    if (j !== undefined) {
      entering[j]++;
      if (recent) lastEntering[j]++;
    }
  });
  const arrivals = new Array<number>(n).fill(0);
  const last = dates[dates.length - 1];
  for (const entries of entriesById(log).values()) {
    const first = entries[0];
    if (first.asOf === dates[0]) continue; // in the first capture: there already, not arriving
    const i = position.get(labelKey(first.stage ?? ""));
    if (i === undefined) continue;
    arrivals[i]++;
    entering[i]++;
    if (first.asOf === last) lastEntering[i]++;
  }
  const lambda = arrivals.map((a) => a / intervals);
  const iMinusQ = q.map((row, i) =>
    row.map((c, j) => (i === j ? 1 : 0) - (totals[i] ? c / totals[i] : 0))
  );
  const steadyCounts = lambda.some((l) => l > 0) ? solveLeft(iMinusQ, lambda) : undefined;
  const steadyTotal = steadyCounts?.reduce((s, x) => s + x, 0) ?? 0;
  const shares: StageShare[] = stages.stages.map((stage, i) => ({
    stage,
    today: open ? counts[i] / open : 0,
    steady: steadyCounts && steadyTotal > 0 ? steadyCounts[i] / steadyTotal : undefined,
  }));

  // The bulge: the stage holding the most more than its steady share (5 points at least).
  let bulge = -1;
  shares.forEach((s, i) => {
    const excess = s.steady === undefined ? 0 : s.today - s.steady;
    if (excess > 0.05 && (bulge < 0 || excess > shares[bulge].today - shares[bulge].steady!))
      bulge = i;
  });
  if (bulge < 0) return { shares };
  // A stage's stock grows when more comes in or less leaves than usual: compare the last
  // interval's entries and exit rate with the whole log's; the larger departure explains
  // the bulge, and neither (both as usual) means the deals piled up before.
  const usualInflow = entering[bulge] / intervals;
  const recentInflow = lastEntering[bulge];
  const usualExit = totals[bulge] ? leaving[bulge] / totals[bulge] : 0;
  const recentExit = lastTotals[bulge] ? lastLeaving[bulge] / lastTotals[bulge] : usualExit;
  const inflowFactor = usualInflow > 0 ? recentInflow / usualInflow : 0;
  const exitFactor = recentExit > 0 ? usualExit / recentExit : usualExit > 0 ? Infinity : 0;
  const { today: t, steady } = shares[bulge];
  const base = { stage: stages.stages[bulge], today: t, steady: steady! };
  const EPSILON = 1e-9;
  const diagnosis: Diagnosis =
    Math.max(inflowFactor, exitFactor) <= 1 + EPSILON
      ? { ...base, cause: "earlier", recent: recentInflow, usual: usualInflow }
      : inflowFactor >= exitFactor
        ? { ...base, cause: "inflow", recent: recentInflow, usual: usualInflow }
        : { ...base, cause: "conversion", recent: recentExit, usual: usualExit };
  return { shares, diagnosis };
}
