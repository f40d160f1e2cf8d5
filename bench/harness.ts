/** Small timing helpers for `npm run bench`: best-of-k wall time, printed as a table with ratios. */
import { performance } from "node:perf_hooks";

/**
 * Best of `runs` timings in milliseconds (the least disturbed by the rest of the machine).
 * No forced garbage collection between runs: a full collection also throws away compiled
 * code, which would make every run measure the interpreter (seen here: 3× slower).
 */
export function time(run: () => unknown, runs = 5): number {
  let best = Infinity;
  let sink: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink = run();
    best = Math.min(best, performance.now() - start);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return best;
}

/**
 * Best of `runs` timings of each of two runs, measured in turn (a, b, a, b…): both meet the
 * same state of the heap and of the machine, so garbage left by an earlier case or a burst
 * of load elsewhere weighs on both alike and their ratio stays fair.
 */
export function timeSideBySide(a: () => unknown, b: () => unknown, runs = 5): [number, number] {
  let bestA = Infinity;
  let bestB = Infinity;
  let sink: unknown;
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    sink = a();
    bestA = Math.min(bestA, performance.now() - start);
    start = performance.now();
    sink = b();
    bestB = Math.min(bestB, performance.now() - start);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return [bestA, bestB];
}

export interface Row {
  [column: string]: string | number;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) =>
    columns.map((c) => (typeof row[c] === "number" ? format(row[c] as number) : String(row[c])))
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((line) => line[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  console.log(line(columns));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  cells.forEach((values) => console.log(line(values)));
}

function format(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
export { seeded as random } from "../test/support/territoryInstance";
