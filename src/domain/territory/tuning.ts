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
 * On a large board, a rep no move or swap across target helps swaps with one of the
 * ALONGSIDE_PARTNERS reps sharing a routing cell with it furthest from it on its own side of
 * target (moves.ts, bestSwapAlongside).
 */
export const ALONGSIDE_PARTNERS = 4;

/**
 * On a large board an overloaded rep offers each account only to the RECEIVERS_PER_CELL reps
 * of its routing cell furthest below target (and back to its owner), and a rep below target
 * pulls only from the DONORS_TO_PULL_FROM reps furthest above it: the moves that win are
 * almost always among these.
 */
export const RECEIVERS_PER_CELL = 2;
export const DONORS_TO_PULL_FROM = 4;

/**
 * Evening out on a large board offers each account to the EVEN_OUT_RECEIVERS reps of its
 * routing cell furthest below target (and back to its owner) rather than to every eligible
 * rep: the one that gains most is almost always among them.
 */
export const EVEN_OUT_RECEIVERS = 4;

/**
 * The repair pass takes at most REPAIR_STEPS_PER_ACCOUNT × accounts + REPAIR_STEPS_MIN steps:
 * a bound against an endless run that a converging pass ends far short of.
 */
export const REPAIR_STEPS_PER_ACCOUNT = 20;
export const REPAIR_STEPS_MIN = 1000;

/**
 * A large board's repair stops once the largest deviation is within this of the floor
 * (bound.ts), which no assignment can go below: 0.01 percentage points, where the last steps
 * would search for a great many swaps that each gain next to nothing.
 */
export const CLOSE_ENOUGH_TO_FLOOR = 1e-4;

/** An improvement in a deviation smaller than this is floating-point noise; taking it could cycle. */
export const IMPROVEMENT_EPSILON = 1e-12;

/**
 * Sending moved accounts home (sendHome.ts) goes round at most SEND_HOME_ROUNDS times (a
 * round that sends none home ends it sooner), and on a small board an account that cannot go
 * home alone looks for a companion among the SEND_HOME_RECEIVERS lightest reps of a cell and
 * as many of the heaviest reps sharing a cell with the rep it leaves.
 */
export const SEND_HOME_ROUNDS = 8;
export const SEND_HOME_RECEIVERS = 4;

/**
 * Exchanges between two reps that send accounts home (sendHomeExchanges.ts), small boards
 * only: sets of up to EXCHANGE_SET_SIZE accounts each way, drawn from the first
 * EXCHANGE_CHEAP_ACCOUNTS of a rep's accounts that cost no continuity to move (those going
 * home first) and EXCHANGE_DEAR_ACCOUNTS of those that would leave home; at most
 * EXCHANGE_ROUNDS rounds over the pairs of reps.
 */
export const EXCHANGE_SET_SIZE = 4;
export const EXCHANGE_DEAR_COMPANIONS = 1;
export const EXCHANGE_CHEAP_ACCOUNTS = 24;
export const EXCHANGE_DEAR_ACCOUNTS = 128;
export const EXCHANGE_ROUNDS = 8;

/**
 * Refitting a region (sendHomeRefit.ts), small boards only: its exchanges move up to
 * REFIT_SET_SIZE accounts each way, with whichever of the REFIT_PARTNERS reps with most room
 * helps most, for at most REFIT_STEPS_PER_REP × the region's reps exchanges.
 */
export const REFIT_SET_SIZE = 3;
/**
 * Rounds of "reps above their caps hand over accounts, which are placed" before those
 * exchanges: each count is tried, and the refit moving fewest accounts kept. One round leaves
 * the exchanges more accounts that cost nothing to move; more rounds move fewer to start with.
 */
export const REFIT_SHED_ROUNDS: readonly number[] = [1, 3];
export const REFIT_PARTNERS = 6;
export const REFIT_STEPS_PER_REP = 10;
