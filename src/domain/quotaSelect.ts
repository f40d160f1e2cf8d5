/**
 * The two searches of an exact quota split (quota.ts), done without sorting a million rows:
 * where the bounded split's sum crosses the total, and the remainder at which largest-
 * remainder rounding stops handing out units. Each gives exactly what the sort did.
 */

/**
 * The segment between consecutive `breakpoints` (≥ 0, any order) where `sumAt`, a
 * non-decreasing function of λ, crosses `total`: `from` is the largest breakpoint whose sum
 * is below the total (0 when none is), `to` the next one up (undefined past the last).
 * `sumAtZero` is the sum at 0, below the total. That segment is unique, so this finds what
 * a binary search over the sorted breakpoints finds; but the sum is piecewise linear, so each
 * probe goes where the chord between the bracket's sums meets the total (a few probes), and
 * only the breakpoints still inside the bracket are kept, so nothing is sorted. When a probe
 * fails to halve them, the next takes one from the middle of those left. The breakpoints are
 * kept in place: the array is scratch space, left reordered (no second copy of 2n values).
 */
export function crossingSegment(
  breakpoints: Float64Array,
  sumAt: (lambda: number) => number,
  total: number,
  sumAtZero: number
): { from: number; to: number | undefined } {
  const inside = breakpoints;
  let left = inside.length;
  let highest = -Infinity;
  for (let i = 0; i < left; i++) if (inside[i] > highest) highest = inside[i];
  let from = 0;
  let sumFrom = sumAtZero;
  const sumHighest = sumAt(highest);
  if (sumHighest < total) return { from: highest, to: undefined };
  let to = highest;
  let sumTo = sumHighest;
  left = keep(inside, left, from, to);
  let halve = false;
  while (left > 0) {
    let probe: number;
    if (halve) probe = inside[left >> 1];
    else {
      const guess =
        sumTo > sumFrom ? from + ((total - sumFrom) * (to - from)) / (sumTo - sumFrom) : to;
      // The first breakpoint left at or after the guess (else the last one before it).
      let atOrAfter = Infinity;
      let before = -Infinity;
      for (let i = 0; i < left; i++) {
        const b = inside[i];
        if (b >= guess) {
          if (b < atOrAfter) atOrAfter = b;
        } else if (b > before) before = b;
      }
      probe = atOrAfter < Infinity ? atOrAfter : before;
    }
    const sum = sumAt(probe);
    if (sum < total) {
      from = probe;
      sumFrom = sum;
    } else {
      to = probe;
      sumTo = sum;
    }
    const was = left;
    left = keep(inside, left, from, to);
    halve = !halve && 2 * left > was;
  }
  return { from, to };
}

/** Compacts the first `count` values to those strictly between `from` and `to`; how many. */
function keep(values: Float64Array, count: number, from: number, to: number): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v > from && v < to) values[kept++] = v;
  }
  return kept;
}

/** Remainders (in [0, 1)) are bucketed this finely to find the one at a rank without a sort. */
const REMAINDER_BUCKETS = 1 << 12;
const bucketOf = (remainder: number) =>
  Math.min(REMAINDER_BUCKETS - 1, Math.floor(remainder * REMAINDER_BUCKETS));

/**
 * The `rank`-th largest of the remainders ≥ 0 (others mark parts that take no unit), and how
 * many are larger than it: what sorting them all would give, found by counting remainders
 * per bucket of [0, 1) and sorting only the bucket that holds it (a few hundred of a million
 * rows). Undefined when fewer than `rank` remainders are ≥ 0.
 */
export function largestAt(
  remainders: Float64Array,
  rank: number
): { threshold: number; above: number } | undefined {
  const n = remainders.length;
  const counts = new Int32Array(REMAINDER_BUCKETS);
  for (let i = 0; i < n; i++) {
    const r = remainders[i];
    if (r >= 0) counts[bucketOf(r)]++;
    else if (r !== r) return sortedLargestAt(remainders, rank); // NaN: sorted last, as ever
  }
  let larger = 0;
  let bucket = REMAINDER_BUCKETS - 1;
  while (bucket >= 0 && larger + counts[bucket] < rank) larger += counts[bucket--];
  if (bucket < 0) return undefined;
  const inBucket = new Float64Array(counts[bucket]);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = remainders[i];
    if (r >= 0 && bucketOf(r) === bucket) inBucket[k++] = r;
  }
  inBucket.sort();
  const threshold = inBucket[inBucket.length - (rank - larger)];
  let above = larger;
  for (let j = inBucket.length - 1; j >= 0 && inBucket[j] > threshold; j--) above++;
  return { threshold, above };
}

/** largestAt by sorting every remainder: for the odd case a bucket cannot hold. */
function sortedLargestAt(
  remainders: Float64Array,
  rank: number
): { threshold: number; above: number } | undefined {
  const sorted = remainders.slice().sort();
  const threshold = sorted[sorted.length - rank];
  if (!(threshold >= 0)) return undefined;
  let above = 0;
  for (let i = sorted.length - rank; i < sorted.length; i++) if (sorted[i] > threshold) above++;
  return { threshold, above };
}
