/**
 * The engine's tuning: how hard each pass searches on a board of each size, and the
 * tolerance of its comparisons. Every figure here changes results; the optimality test
 * (test/domain/territoryOptimality.test.ts) and the benchmark (bench/territory.bench.ts)
 * measure what a change gains and costs. The tie-break and the tolerances that only one
 * pass uses sit beside it (moves.ts, passes.ts).
 */

/**
 * Up to this many accounts a board is small: moves are searched exhaustively, the
 * two-for-one exchange is tried and repair runs up to REPAIR_ROUNDS_SMALL_BOARD rounds, all
 * cheap at this size. Above it the search looks only at the most promising reps, which finds
 * the same moves in practice and keeps 100,000 accounts within seconds.
 */
export const SMALL_BOARD_ACCOUNTS = 5000;

/**
 * Rounds of "repair the largest deviation, then even out the rest". A small board keeps
 * gaining for many rounds; on a large one the first few take nearly all the gain and each
 * further round costs a full pass over every account.
 */
export const REPAIR_ROUNDS_SMALL_BOARD = 40;
export const REPAIR_ROUNDS_LARGE_BOARD = 3;

/** Evening out also tries every pair of accounts for a swap, which is quadratic: up to this many accounts only. */
export const PAIR_SWAP_MAX_ACCOUNTS = 2000;

/**
 * With up to this many reps, a rep that no move helps tries a swap with every rep on the
 * other side of target; with more, only with the SWAP_PARTNERS furthest from it, where the
 * useful swaps are.
 */
export const SWAP_ALL_PARTNERS_MAX_REPS = 50;
export const SWAP_PARTNERS = 8;

/**
 * On a large board an overloaded rep offers each account only to the RECEIVERS_PER_CELL reps
 * of its routing cell furthest below target (and back to its owner), and a rep below target
 * pulls only from the DONORS_TO_PULL_FROM reps furthest above it: the moves that win are
 * almost always among these.
 */
export const RECEIVERS_PER_CELL = 2;
export const DONORS_TO_PULL_FROM = 4;

/**
 * The repair pass takes at most REPAIR_STEPS_PER_ACCOUNT × accounts + REPAIR_STEPS_MIN steps:
 * a bound against an endless run that a converging pass ends far short of.
 */
export const REPAIR_STEPS_PER_ACCOUNT = 20;
export const REPAIR_STEPS_MIN = 1000;

/** An improvement in a deviation smaller than this is floating-point noise; taking it could cycle. */
export const IMPROVEMENT_EPSILON = 1e-12;
