/**
 * The win-rate functions (src/domain/winRate.ts): the observed rate, its Wilson interval
 * and a rate shrunk toward a prior. Each function's parameter table comes just before its
 * JSDoc, named as Excel spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { LabelCodes } from "../domain/column";
import {
  bayesWinRate,
  outcomeOfStage,
  LOST,
  OPEN,
  WON,
  wilsonInterval,
  winRate,
  winRateOf,
} from "../domain/winRate";
import { fastOr, parameters, runFunction } from "./arguments";
import { cellOfRow, columnRows, isBlank, isOmitted, plainLabel } from "./cells";

const WINRATE = parameters([
  { name: "outcomes", kind: "labelColumn" },
  { name: "amounts", kind: "numbersWithBlanks", optional: true, pairedWith: "outcomes" },
  { name: "won_label", kind: "text", optional: true, default: "Won" },
  { name: "lost_label", kind: "text", optional: true, default: "Lost" },
]);

/** A label argument as the text reader takes it: its default when left out, undefined if not plain text. */
function plainText(argument: unknown, fallback: string): string | undefined {
  if (isOmitted(argument)) return fallback;
  return typeof argument === "string" && !isBlank(argument) ? argument : undefined;
}

/** 1 where a deal of that kind (OPEN, WON, LOST) counts toward the closed or the won total. */
const CLOSED_WEIGHT = Float64Array.of(0, 1, 1);
const WON_WEIGHT = Float64Array.of(0, 1, 0);

/**
 * WINRATE in one read of Excel's cells: outcomes (and amounts) single columns of the same
 * length, every cell one the general reader takes, every closed deal with an amount ≥ 0.
 * Anything else is undefined, for the general route to read and report (see fastOr).
 */
function winRateFromCells(
  outcomes: unknown,
  amounts: unknown,
  wonLabel: unknown,
  lostLabel: unknown
): number | undefined {
  const rows = columnRows(outcomes);
  const weighted = !isOmitted(amounts);
  const values = weighted ? columnRows(amounts) : undefined;
  const won = plainText(wonLabel, "Won");
  const lost = plainText(lostLabel, "Lost");
  if (!rows || won === undefined || lost === undefined) return undefined;
  if (weighted && (!values || values.length !== rows.length)) return undefined;
  const outcomeOf = outcomeOfStage(won, lost);
  const classOf = new LabelCodes((label) => outcomeOf.get(label));
  let wonTotal = 0;
  let closedTotal = 0;
  if (!values) {
    // Deals counted by kind, without a branch on it (outcomes come in no order): whole
    // numbers, so the same totals as counting one at a time.
    const deals = new Float64Array(3);
    for (let i = 0; i < rows.length; i++) {
      const cell = cellOfRow(rows[i]);
      const label = typeof cell === "string" ? cell : plainLabel(cell);
      if (label === undefined) return undefined;
      deals[classOf.get(label)] += 1;
    }
    wonTotal = deals[WON];
    closedTotal = deals[WON] + deals[LOST];
  } else {
    for (let i = 0; i < rows.length; i++) {
      const cell = cellOfRow(rows[i]);
      const label = typeof cell === "string" ? cell : plainLabel(cell);
      if (label === undefined) return undefined;
      // Every amount is read, as the general reader reads them all before the outcomes.
      const amount = cellOfRow(values[i]);
      let weight: number;
      if (typeof amount === "number") {
        if (!Number.isFinite(amount)) return undefined;
        weight = amount;
      } else if (isBlank(amount)) weight = NaN;
      else return undefined;
      const kind = classOf.get(label);
      if (!(weight >= 0)) {
        if (kind !== OPEN) return undefined; // a closed deal's amount blank or negative
        weight = 0; // an open deal's blank or negative amount counts nowhere
      }
      // Weighed by 1 or 0 by its kind rather than branched on it (outcomes come in no order):
      // adding 0 leaves a total as it was, so the sums are those of adding in row order.
      closedTotal += weight * CLOSED_WEIGHT[kind];
      wonTotal += weight * WON_WEIGHT[kind];
    }
  }
  return winRateOf(wonTotal, closedTotal, weighted, won, lost);
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
  return fastOr(
    () => winRateFromCells(outcomes, amounts, won_label, lost_label),
    () =>
      runFunction(
        WINRATE,
        [outcomes, amounts, won_label, lost_label],
        ({ outcomes, amounts, won_label, lost_label }) =>
          winRate(outcomes, amounts, won_label, lost_label)
      )
  );
}

const WINRATECI = parameters([
  { name: "wins", kind: "number" },
  { name: "closed", kind: "number" },
  { name: "confidence", kind: "number", optional: true, default: 0.95 },
]);

/**
 * Wilson score confidence interval for a win rate, honest for small samples.
 * @customfunction WINRATECI WINRATECI
 * @param wins Number of won deals.
 * @param closed Number of closed deals (won + lost).
 * @param [confidence] Confidence level between 0 and 1 (default 0.95).
 * @returns Low and high ends of the interval, in one row.
 */
export function winrateci(wins: number, closed: number, confidence?: number): number[][] {
  return runFunction(WINRATECI, [wins, closed, confidence], ({ wins, closed, confidence }) => [
    wilsonInterval(wins, closed, confidence),
  ]);
}

const WINRATEBAYES = parameters([
  { name: "wins", kind: "number" },
  { name: "closed", kind: "number" },
  { name: "prior_wins", kind: "number", optional: true, default: 1 },
  { name: "prior_losses", kind: "number", optional: true, default: 1 },
]);

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
  return runFunction(
    WINRATEBAYES,
    [wins, closed, prior_wins, prior_losses],
    ({ wins, closed, prior_wins, prior_losses }) =>
      bayesWinRate(wins, closed, prior_wins, prior_losses)
  );
}
