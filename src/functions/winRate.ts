/**
 * The win-rate functions (src/domain/winRate.ts): the observed rate, its Wilson interval
 * and a rate shrunk toward a prior. Each function's parameter table comes just before its
 * JSDoc, named as Excel spells the function (see functions.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { bayesWinRate, wilsonInterval, winRate } from "../domain/winRate";
import { parameters, runFunction } from "./arguments";

const WINRATE = parameters([
  { name: "outcomes", kind: "labelColumn" },
  { name: "amounts", kind: "numbersWithBlanks", optional: true, pairedWith: "outcomes" },
  { name: "won_label", kind: "text", optional: true, default: "Won" },
  { name: "lost_label", kind: "text", optional: true, default: "Lost" },
]);

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
  return runFunction(
    WINRATE,
    [outcomes, amounts, won_label, lost_label],
    ({ outcomes, amounts, won_label, lost_label }) =>
      winRate(outcomes, amounts, won_label, lost_label)
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
