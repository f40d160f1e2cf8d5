/**
 * What the worksheet functions (PLAN.*) can refuse, in English; the catalogs in src/i18n say
 * them in Excel's display language. {field} is an argument's name as the function's help
 * shows it (stage_counts, amounts…), which stays as typed in every language.
 */
import { wordsFrom, type WordValues, type Worded } from "./problem";

export const FUNCTION_PROBLEMS = {
  // Arguments as read from cells (src/functions/arguments.ts, cells.ts).
  argumentShape: "{field} must be {shape}",
  argumentBlank: "{field} is blank; {needed} is needed",
  rangeBlank: "{field} is blank",
  cellsNeeded: "{field} has {count} cells but {needed} are needed",
  cellsPaired: "{records} has {recordCount} cells but {field} has {count}",
  notRectangular: "{field} is not a rectangular range (row {row} differs)",
  notALine: "{field} must be a single row or column, not {rows}×{width} cells",
  cellBlankNumber: "{field} is blank; a number is needed",
  cellBlankNumberRow: "{field}, row {row} is blank; a number is needed",
  cellNotFinite: "{field} is not a finite number",
  cellNotFiniteRow: "{field}, row {row} is not a finite number",
  cellNotNumber: "{field} holds {cell} where a number is needed",
  cellNotNumberRow: "{field}, row {row} holds {cell} where a number is needed",
  cellNotDate: "{field} holds {cell}, not a date (use a date cell or yyyy-mm-dd)",
  cellNotDateRow: "{field}, row {row} holds {cell}, not a date (use a date cell or yyyy-mm-dd)",
  cellNegativeDate: "{field} is a negative date",
  cellNegativeDateRow: "{field}, row {row} is a negative date",
  cellNotLabel: "{field} holds {cell}",
  cellNotLabelRow: "{field}, row {row} holds {cell}",
  // Shared checks (checks.ts, labels.ts) and the results handed back.
  mustNotBeNegative: "{field} must not be negative",
  mustNotBeNegativeRow: "{field} must not be negative (row {row})",
  mustBeFraction: "{field} must be between 0 and 1, got {value}",
  mustBeFractionRow: "{field} must be between 0 and 1 (row {row}), got {value}",
  tooLarge: "{what} is too large to represent",
  resultTooLarge: "the result is too large to represent",
  resultEmpty: "the result is empty",
  blankName: "{field} has a blank name in row {row}",
  nameTwice: '{field} lists "{name}" twice (row {row})',
  unknownStage: 'unknown stage "{label}" in {field}, row {row}',
  rowsDiffer: "{first} has {firstCount} rows but {field} has {count}",
  blankInRow: "{field} is blank in row {row}",
  isZero: "{field} is 0",
  // Funnel.
  twoStagesNeeded: "{field} needs at least two stages",
  countsGrow:
    "stage_counts row {row} ({to}) is more than the stage before it ({from}); counts must not grow down the funnel",
  countZero: "stage_counts row {row} is 0, so the rate after it divides by zero",
  noRates: "rates needs at least one conversion rate",
  dealValueZero: "avg_deal_size × collection_ratio is 0, so no number of deals reaches the target",
  rateZero: "rates row {row} is 0, so no volume above it reaches the target",
  noLeads: "no leads: every row of groups and stage_reached is blank",
  // Win rate.
  outcomeLabelsBlank: "won_label and lost_label must not be blank",
  outcomeLabelsSame: 'won_label and lost_label are both "{label}"',
  closedAmountBlank: "amounts is blank in row {row}, a closed deal",
  closedWithoutValue: "closed deals have no value",
  noClosedDeals: 'no closed deals (no "{won}" or "{lost}")',
  winsAboveClosed: "wins ({wins}) is more than closed ({closed})",
  noDealsToRate: "closed is 0: no deals to estimate a win rate from",
  noDealsOrPriors: "closed + prior_wins + prior_losses is 0",
  // Cycle time.
  createdBlank: "created date is blank in row {row}, which has a closed date",
  closedBeforeCreated: "closed date before created date in row {row}",
  createdAfterAsOf: "created date is after as_of in row {row}",
  noDeals: "no deals: every created and closed cell is blank",
  quantileRange: "the quantile must be between 0 and 1, got {value}",
  quantileNotReached:
    "fewer than {percent}% of deals have closed, so that point of the cycle is not known yet",
  noClosedToAverage: "no closed deals to average",
  statisticQuantile: "statistic as a quantile must be between 0 and 1, got {value}",
  unknownStatistic:
    'unknown statistic "{statistic}": use "median", "mean", "closedmean" or a number between 0 and 1',
  noneClosedYet: "no deal has closed yet",
  // Pipeline.
  nothingToCover: "remaining_quota is 0: nothing left to cover",
  entriesDiffer: "{first} has {firstCount} entries but {field} has {count}",
  // Quota splits.
  weightsAddToZero: "the weights add up to 0, so there is nothing to split in proportion to",
  floorAboveCapRow: "floor is above cap in row {row}",
  floorsAboveTotal: "the floors add up to {sum}, more than the total {total}",
  capsBelowTotal: "the caps add up to {sum}, less than the total {total}",
  cannotRound: "the parts cannot be rounded to add up to the total",
  cannotRoundWithinCaps: "the total cannot be rounded within the caps",
  decimalsRange: "decimals must be a whole number from -9 to 9, got {value}",
  isEmpty: "{field} is empty",
  tooManyDigits:
    "total {total} has more digits than decimals = {decimals} allows, so no rounded split can add up to it",
  tooLargeToSplit: "total is too large to split to that many decimals",
  // The words the messages above are made of ({cell}, {shape}, {needed}, {what}).
  cellText: 'text "{text}"',
  cellLogical: "the logical value {value}",
  cellNumber: "the number {value}",
  cellErrorValue: "an error value",
  shapeSingleValue: "a single value",
  shapeSingleDate: "a single date",
  shapeTextOrNumber: "text or a number",
  shapeStatistic: '"median", "mean", "closedmean" or a number between 0 and 1',
  neededNumber: "a number",
  neededDate: "a date",
  neededText: "text",
  neededValue: "a value",
  resultVelocity: "velocity",
  resultCoverage: "coverage",
  resultAttainment: "attainment",
  resultWeightedPipeline: "weighted pipeline",
  resultWinRate: "win rate",
  resultFunnelRevenue: "funnel revenue",
  resultWonDealsNeeded: "won deals needed",
  resultVolumeNeeded: "volume needed",
  // Capacity (capacity.ts).
  mustBeWholeMonths: "{field} must be a whole number of months, 0 or more, got {value}",
  monthRange: "{field} must be a whole month from 1 to {high}, got {value}",
  noHiresReach:
    "no number of hires reaches target_revenue: a hire joining in month {month} adds no capacity before the year ends",
  factorNotPositive: "{field}, factor {row} is {value}; every factor must be more than 0",
  resultCapacity: "capacity",
  resultHiresNeeded: "hires needed",
  resultRevenue: "revenue",
  // Pipeline flow (pipelineMoves.ts, stageChain.ts, forecastError.ts, pipelineForecast.ts).
  snapshotColumns:
    "{field} must have 4 columns (opportunity id, stage, amount, close date), not {width}",
  stageHistoryColumns:
    "{field} must have 4 columns (opportunity id, stage, entered, left), not {width}",
  snapshotIdBlank: "{field}, row {row} has no opportunity id",
  snapshotIdTwice: '{field} lists opportunity "{id}" twice (rows {first} and {row})',
  closeDateNeeded:
    "{field} is blank in row {row}; an open deal needs a close date to tell whether it closes by period_end",
  stageIsOutcome:
    'stage_names lists "{name}" (row {row}), the won or lost label; list only the open stages',
  stageNeverLeft: 'stage "{stage}" is never left in the data, so its odds are not known',
  stageLeadsToNeverLeft:
    'stage "{stage}" leads to "{other}", which is never left in the data, so its odds are not known',
  stageNeverCloses: 'stage "{stage}" never reaches won or lost in the data',
  stageMayNeverClose:
    'stage "{stage}" leads to "{other}", which never reaches won or lost in the data',
  chainNotSolvable: "the stage transitions cannot be solved for win probabilities",
  unknownForecastMetric: 'unknown metric "{metric}": use "wape", "bias", "mape" or "accuracy"',
  noForecastPairs: "no actuals: every pair of forecast and actual has a blank",
  actualsAllZero: "the actuals are all 0, so the error divides by zero",
  actualsSumZero: "the actuals add up to 0, so the bias divides by zero",
  stayEndsBeforeStart: "stage_history, row {row} leaves the stage before it entered it",
  stayAfterAsOf: "stage_history, row {row} enters the stage after as_of",
  stayOpenTwice: 'stage_history has "{id}" still in a stage twice (rows {first} and {row})',
  noOpenStay: 'stage_history has no open stay of "{id}" in "{stage}" (snapshot row {row})',
  resultForecastError: "forecast error",
} as const;

export type FunctionProblemCode = keyof typeof FUNCTION_PROBLEMS;
export const functionProblem = wordsFrom(FUNCTION_PROBLEMS);

/** The words a result is named by in "{what} is too large to represent". */
export type ResultName = Extract<FunctionProblemCode, `result${string}`>;

/**
 * A problem whose values are words of the catalog themselves (a cell's description, the
 * shape an argument needs…): its English says their English, and a catalog says each part
 * in the reader's language too.
 */
export function functionProblemWith<C extends FunctionProblemCode>(
  code: C,
  values: WordValues,
  parts: Record<string, Worded>
): Worded<C> & { parts: Record<string, Worded> } {
  const english = Object.fromEntries(
    Object.entries(parts).map(([name, part]) => [name, part.message])
  );
  return { ...functionProblem(code, { ...values, ...english }), parts };
}
