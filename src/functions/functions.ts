/**
 * The PLAN.* worksheet functions. Each is a thin wrapper: read Excel's arguments into
 * typed values (arguments.ts), call the planning core (src/domain), and let
 * excelResult turn any failure into the Excel error a user expects.
 *
 * The JSDoc blocks are the functions' public contract: custom-functions-metadata
 * generates functions.json (names, descriptions, parameters) from them at build time
 * and appends the CustomFunctions.associate calls, so none appear here. Range
 * parameters are typed `any[][]` because that is what Excel passes; they go straight
 * into arguments.ts and never further.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  cycleObservations,
  cycleTime,
  closedWithin,
  kaplanMeier,
  parseCycleStatistic,
} from "../domain/cycleTime";
import { div0Error, valueError } from "../domain/errors";
import { conversionBy, conversionRates, funnelRevenue, leadsNeeded } from "../domain/funnel";
import {
  attainment as attainmentOf,
  coverage as coverageOf,
  velocity as velocityOf,
  weightedPipeline,
} from "../domain/pipeline";
import { monthlyRamp, quotaSplit } from "../domain/quota";
import { bayesWinRate, wilsonInterval, winRate } from "../domain/winRate";
import {
  datesWithBlanks,
  isBlank,
  isOmitted,
  labels,
  labelColumn,
  leadingNumbers,
  line,
  numbers,
  numbersWithBlanks,
  optionalDate,
  optionalNumbers,
  optionalScalar,
  optionalText,
  sameLength,
  scalar,
  scalarDate,
  shaped,
} from "./arguments";
import { excelResult } from "./excelErrors";

const divideByZeroCell = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);

/**
 * Stage-to-stage conversion rates from the number of deals that reached each stage.
 * @customfunction CONVERSION CONVERSION
 * @param stage_counts Deals that reached each stage, in funnel order (a row or a column).
 * @returns One rate fewer than stages, in the same orientation.
 */
export function conversion(stage_counts: any[][]): number[][] {
  return excelResult(() => {
    const counts = numbers(stage_counts, "stage_counts");
    return shaped(conversionRates(counts.values), counts.orientation);
  });
}

/**
 * Revenue collected from leads: leads × each conversion rate × average deal size × collection ratio.
 * @customfunction FUNNELREVENUE FUNNELREVENUE
 * @param leads Number of leads entering the funnel.
 * @param rates Conversion rates from stage to stage, ending with the win rate.
 * @param avg_deal_size Average value of a won deal.
 * @param [collection_ratio] Share of won value actually collected (default 1).
 * @returns Revenue collected.
 */
export function funnelrevenue(
  leads: number,
  rates: any[][],
  avg_deal_size: number,
  collection_ratio?: number
): number {
  return excelResult(() =>
    funnelRevenue(
      scalar(leads, "leads"),
      numbers(rates, "rates").values,
      scalar(avg_deal_size, "avg_deal_size"),
      optionalScalar(collection_ratio, "collection_ratio", 1)
    )
  );
}

/**
 * Reverse funnel: whole-number volume needed at each stage, from leads down to won deals, to reach a revenue target.
 * @customfunction LEADSNEEDED LEADSNEEDED
 * @param target_revenue Revenue to collect.
 * @param rates Conversion rates from stage to stage, ending with the win rate.
 * @param avg_deal_size Average value of a won deal.
 * @param [collection_ratio] Share of won value actually collected (default 1).
 * @returns One more value than rates: leads first, won deals last, each rounded up.
 */
export function leadsneeded(
  target_revenue: number,
  rates: any[][],
  avg_deal_size: number,
  collection_ratio?: number
): number[][] {
  return excelResult(() => {
    const funnelRates = numbers(rates, "rates");
    const needed = leadsNeeded(
      scalar(target_revenue, "target_revenue"),
      funnelRates.values,
      scalar(avg_deal_size, "avg_deal_size"),
      optionalScalar(collection_ratio, "collection_ratio", 1)
    );
    return shaped(needed, funnelRates.orientation);
  });
}

/**
 * Funnel conversion per group (such as lead source): leads reaching each stage, stage-to-stage and top-to-bottom rates, with a Total row.
 * @customfunction CONVERSIONBY CONVERSIONBY
 * @param groups The group of each lead, such as its lead source.
 * @param stage_reached The furthest stage each lead reached, one of stage_names.
 * @param stage_names The funnel's stages in order, first stage first.
 * @returns A table with a header row, one row per group sorted by name, and a Total row.
 */
export function conversionby(
  groups: any[][],
  stage_reached: any[][],
  stage_names: any[][]
): any[][] {
  return excelResult(() => {
    const groupLabels = labelColumn(groups, "groups");
    const stages = labelColumn(stage_reached, "stage_reached");
    sameLength(groupLabels.line, stages.line);
    const table = conversionBy(
      groupLabels.column,
      stages.column,
      labels(stage_names, "stage_names").values
    );
    const body = [...table.groups, table.total].map((row) => [
      row.group,
      ...row.reached,
      ...row.rates.map((rate) => (rate === null ? divideByZeroCell() : rate)),
      row.overall === null ? divideByZeroCell() : row.overall,
    ]);
    return [table.header, ...body];
  });
}

/**
 * Win rate: won ÷ (won + lost); open deals are left out. Value-weighted when amounts are given.
 * @customfunction WINRATE WINRATE
 * @param outcomes Outcome of each deal, such as Won, Lost or Open.
 * @param [amounts] Deal values, to weight the win rate by value.
 * @param [won_label] Text that marks a won deal (default "Won"; case and spaces ignored).
 * @param [lost_label] Text that marks a lost deal (default "Lost"; case and spaces ignored).
 * @returns Win rate between 0 and 1.
 */
export function winrate(
  outcomes: any[][],
  amounts?: any[][],
  won_label?: string,
  lost_label?: string
): number {
  return excelResult(() => {
    const outcomeLabels = labelColumn(outcomes, "outcomes");
    let values: Float64Array | undefined;
    if (!isOmitted(amounts)) {
      const amountCells = numbersWithBlanks(amounts, "amounts");
      sameLength(outcomeLabels.line, amountCells.line);
      values = amountCells.values;
    }
    return winRate(
      outcomeLabels.column,
      values,
      optionalText(won_label, "won_label", "Won"),
      optionalText(lost_label, "lost_label", "Lost")
    );
  });
}

/**
 * Wilson score confidence interval for a win rate, honest for small samples.
 * @customfunction WINRATECI WINRATECI
 * @param wins Number of won deals.
 * @param closed Number of closed deals (won + lost).
 * @param [confidence] Confidence level between 0 and 1 (default 0.95).
 * @returns Low and high ends of the interval, in one row.
 */
export function winrateci(wins: number, closed: number, confidence?: number): number[][] {
  return excelResult(() => [
    wilsonInterval(
      scalar(wins, "wins"),
      scalar(closed, "closed"),
      optionalScalar(confidence, "confidence", 0.95)
    ),
  ]);
}

/**
 * Win rate shrunk toward a prior: (wins + prior_wins) ÷ (closed + prior_wins + prior_losses).
 * @customfunction WINRATEBAYES WINRATEBAYES
 * @param wins Number of won deals.
 * @param closed Number of closed deals (won + lost).
 * @param [prior_wins] Prior wins, as if already observed (default 1).
 * @param [prior_losses] Prior losses, as if already observed (default 1).
 * @returns Posterior mean win rate.
 */
export function winratebayes(
  wins: number,
  closed: number,
  prior_wins?: number,
  prior_losses?: number
): number {
  return excelResult(() =>
    bayesWinRate(
      scalar(wins, "wins"),
      scalar(closed, "closed"),
      optionalScalar(prior_wins, "prior_wins", 1),
      optionalScalar(prior_losses, "prior_losses", 1)
    )
  );
}

function observations(created: unknown, closed: unknown, as_of: unknown) {
  const createdDates = datesWithBlanks(created, "created");
  const closedDates = datesWithBlanks(closed, "closed");
  sameLength(createdDates.line, closedDates.line);
  return cycleObservations(createdDates.values, closedDates.values, optionalDate(as_of, "as_of"));
}

/**
 * Sales-cycle days by Kaplan–Meier, counting deals with a blank closed date as still open.
 * @customfunction CYCLETIME CYCLETIME
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param [statistic] "median" (default), "mean" (restricted mean), "closedmean" (closed deals only), or a fraction such as 0.9 for the day by which 90% have closed.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Days.
 */
export function cycletime(created: any[][], closed: any[][], statistic?: any, as_of?: any): number {
  return excelResult(() => {
    let choice: string | number | undefined;
    if (!isOmitted(statistic)) {
      const cells = line(statistic, "statistic");
      const cell = cells.length === 1 ? cells.at(0) : undefined;
      if (typeof cell === "string" || typeof cell === "number")
        choice = isBlank(cell) ? undefined : cell;
      else
        throw valueError(
          'statistic must be "median", "mean", "closedmean" or a number between 0 and 1',
          { field: "statistic" }
        );
    }
    return cycleTime(observations(created, closed, as_of), parseCycleStatistic(choice));
  });
}

/**
 * Probability that a deal closes within a number of days, by Kaplan–Meier.
 * @customfunction CLOSEDBY CLOSEDBY
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param days Number of days since creation.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Probability between 0 and 1.
 */
export function closedby(created: any[][], closed: any[][], days: number, as_of?: any): number {
  return excelResult(() =>
    closedWithin(kaplanMeier(observations(created, closed, as_of)), scalar(days, "days"))
  );
}

/**
 * The Kaplan–Meier table of deals still open by day since creation.
 * @customfunction SURVIVAL SURVIVAL
 * @param created Date each deal was created.
 * @param closed Date each deal closed; blank while it is open.
 * @param [as_of] Date the data were taken (default: the latest date in either range).
 * @returns Header row, then per closing day: Day, AtRisk, Closed, StillOpen (probability).
 */
export function survival(created: any[][], closed: any[][], as_of?: any): any[][] {
  return excelResult(() => {
    const table = kaplanMeier(observations(created, closed, as_of));
    if (table.day.length === 0) throw div0Error("no deal has closed yet");
    const rows: (string | number)[][] = [["Day", "AtRisk", "Closed", "StillOpen"]];
    for (let i = 0; i < table.day.length; i++)
      rows.push([table.day[i], table.atRisk[i], table.closed[i], table.stillOpen[i]]);
    return rows;
  });
}

/**
 * Sales velocity: expected revenue per day from open opportunities.
 * @customfunction VELOCITY VELOCITY
 * @param open_opportunities Number of open opportunities in the pipeline.
 * @param win_rate Win rate as a fraction between 0 and 1.
 * @param avg_deal_size Average deal size.
 * @param cycle_days Average sales cycle in days.
 * @returns Revenue per day.
 */
export function velocity(
  open_opportunities: number,
  win_rate: number,
  avg_deal_size: number,
  cycle_days: number
): number {
  return excelResult(() =>
    velocityOf(
      scalar(open_opportunities, "open_opportunities"),
      scalar(win_rate, "win_rate"),
      scalar(avg_deal_size, "avg_deal_size"),
      scalar(cycle_days, "cycle_days")
    )
  );
}

/**
 * Pipeline coverage: open pipeline divided by the quota still to close.
 * @customfunction COVERAGE COVERAGE
 * @param pipeline Open pipeline value.
 * @param remaining_quota Quota still to close in the period.
 * @returns Coverage ratio (3 means the pipeline is three times the remaining quota).
 */
export function coverage(pipeline: number, remaining_quota: number): number {
  return excelResult(() =>
    coverageOf(scalar(pipeline, "pipeline"), scalar(remaining_quota, "remaining_quota"))
  );
}

/**
 * Weighted pipeline: the sum of each deal's amount times the probability of its stage.
 * @customfunction WEIGHTEDPIPELINE WEIGHTEDPIPELINE
 * @param amounts Value of each open deal.
 * @param stages Stage of each deal, one of stage_names.
 * @param stage_names The stages, in any order.
 * @param stage_probabilities Probability of winning from each stage, between 0 and 1.
 * @returns Weighted pipeline value.
 */
export function weightedpipeline(
  amounts: any[][],
  stages: any[][],
  stage_names: any[][],
  stage_probabilities: any[][]
): number {
  return excelResult(() => {
    const values = numbersWithBlanks(amounts, "amounts");
    const stageLabels = labelColumn(stages, "stages");
    sameLength(values.line, stageLabels.line);
    const names = labels(stage_names, "stage_names").values;
    const probabilities = numbers(stage_probabilities, "stage_probabilities").values;
    return weightedPipeline(values.values, stageLabels.column, names, probabilities);
  });
}

/**
 * Splits a total in proportion to weights, rounded, summing exactly to the total (largest remainder; floors and caps respected).
 * @customfunction QUOTASPLIT QUOTASPLIT
 * @param total The amount to split, such as the company target.
 * @param weights Weight of each part, such as potential or last year's revenue.
 * @param [decimals] Digits to round to (default 0; negative rounds to tens, hundreds…).
 * @param [floors] Minimum for each part; blank for none.
 * @param [caps] Maximum for each part; blank for none.
 * @returns The parts, in the shape of weights.
 */
export function quotasplit(
  total: number,
  weights: any[][],
  decimals?: number,
  floors?: any[][],
  caps?: any[][]
): number[][] {
  return excelResult(() => {
    const parts = numbers(weights, "weights");
    const split = quotaSplit(scalar(total, "total"), parts.values, {
      decimals: optionalScalar(decimals, "decimals", 0),
      floors: optionalNumbers(floors, "floors", parts.values.length),
      caps: optionalNumbers(caps, "caps", parts.values.length),
    });
    return shaped(split, parts.orientation);
  });
}

/**
 * Twelve monthly quotas for a new hire's fiscal year, with a ramp from the start date.
 * @customfunction RAMP RAMP
 * @param annual_quota Fully ramped annual quota.
 * @param start_date The rep's start date.
 * @param fiscal_year_start First day of the fiscal year.
 * @param ramp_percentages Share of the full monthly quota in ramp months 1, 2, 3… (such as 0.25, 0.5, 0.75).
 * @returns Twelve monthly quotas in one row.
 */
export function ramp(
  annual_quota: number,
  start_date: any,
  fiscal_year_start: any,
  ramp_percentages: any[][]
): number[][] {
  return excelResult(() => {
    return [
      Array.from(
        monthlyRamp(
          scalar(annual_quota, "annual_quota"),
          scalarDate(start_date, "start_date"),
          scalarDate(fiscal_year_start, "fiscal_year_start"),
          leadingNumbers(ramp_percentages, "ramp_percentages")
        )
      ),
    ];
  });
}

/**
 * Quota attainment: actual divided by quota.
 * @customfunction ATTAINMENT ATTAINMENT
 * @param actual Actual bookings or revenue for the period.
 * @param quota Quota for the same period.
 * @returns Attainment as a fraction (1 means 100%).
 */
export function attainment(actual: number, quota: number): number {
  return excelResult(() => attainmentOf(scalar(actual, "actual"), scalar(quota, "quota")));
}
