/**
 * Win rate: won ÷ (won + lost), with deals still open left out, and honest intervals for
 * the small samples planners really have (a rep's 12 deals, a new segment's first quarter).
 */
import { finiteResult, requireNonNegative } from "./checks";
import { Column, LabelMemo } from "./column";
import { div0Error, numError, valueError } from "./errors";
import { functionProblem } from "./functionProblems";
import { labelKey } from "./labels";
import { normalQuantile } from "./statistics";

export const OPEN = 0;
export const WON = 1;
export const LOST = 2;
export type Outcome = typeof OPEN | typeof WON | typeof LOST;

/**
 * Tells open deals from won and lost ones by their label, matched as WINRATE matches them
 * (labelKey: case and surrounding spaces ignored); blank labels, or the same label for both,
 * are refused. The pipeline functions classify stages with it too.
 */
export function outcomeOfStage(wonLabel = "Won", lostLabel = "Lost"): LabelMemo<Outcome> {
  const won = labelKey(wonLabel);
  const lost = labelKey(lostLabel);
  if (won === "" || lost === "") throw valueError(functionProblem("outcomeLabelsBlank"));
  if (won === lost) throw valueError(functionProblem("outcomeLabelsSame", { label: wonLabel }));
  return new LabelMemo((label) => {
    const key = labelKey(label);
    return key === won ? WON : key === lost ? LOST : OPEN;
  });
}

/**
 * Win rate from a column of outcomes. Outcomes match the labels case-insensitively after
 * trimming; anything else (Open, blank, Negotiation…) is not closed and is left out.
 * With amounts, the rate is value-weighted: won value ÷ closed value.
 */
export function winRate(
  outcomes: Column<string>,
  amounts: Float64Array | undefined,
  wonLabel = "Won",
  lostLabel = "Lost"
): number {
  const classOf = outcomeOfStage(wonLabel, lostLabel);
  if (amounts && amounts.length !== outcomes.length) {
    throw valueError(
      functionProblem("rowsDiffer", {
        first: "outcomes",
        firstCount: outcomes.length,
        field: "amounts",
        count: amounts.length,
      }),
      { field: "amounts" }
    );
  }
  let wonTotal = 0;
  let closedTotal = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const kind = classOf.get(outcomes.get(i));
    if (kind === OPEN) continue;
    let weight = 1;
    if (amounts) {
      weight = amounts[i];
      if (Number.isNaN(weight))
        throw valueError(functionProblem("closedAmountBlank", { row: i + 1 }), {
          field: "amounts",
          row: i + 1,
        });
      if (weight < 0)
        throw numError(functionProblem("mustNotBeNegativeRow", { field: "amounts", row: i + 1 }), {
          field: "amounts",
          row: i + 1,
        });
    }
    closedTotal += weight;
    if (kind === WON) wonTotal += weight;
  }
  return winRateOf(wonTotal, closedTotal, amounts !== undefined, wonLabel, lostLabel);
}

/**
 * The rate from the won and closed totals (counts, or values when `weighted`): shared by
 * winRate and the worksheet function's fast path over Excel's cells.
 */
export function winRateOf(
  wonTotal: number,
  closedTotal: number,
  weighted: boolean,
  wonLabel: string,
  lostLabel: string
): number {
  if (closedTotal === 0)
    throw div0Error(
      weighted
        ? functionProblem("closedWithoutValue")
        : functionProblem("noClosedDeals", { won: wonLabel, lost: lostLabel })
    );
  return finiteResult(wonTotal / closedTotal, "resultWinRate");
}

function checkCounts(wins: number, closed: number) {
  requireNonNegative(wins, "wins");
  requireNonNegative(closed, "closed");
  if (wins > closed) throw numError(functionProblem("winsAboveClosed", { wins, closed }));
}

/**
 * Wilson score interval for a proportion (Wilson 1927; method 3 in Newcombe 1998). Unlike
 * the textbook p ± z·√(p(1−p)/n), it stays inside [0, 1] and is not zero-width at 0 or n wins.
 */
export function wilsonInterval(wins: number, closed: number, confidence = 0.95): [number, number] {
  checkCounts(wins, closed);
  if (!(confidence > 0 && confidence < 1))
    throw numError(functionProblem("mustBeFraction", { field: "confidence", value: confidence }));
  if (closed === 0) throw div0Error(functionProblem("noDealsToRate"));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = wins / closed;
  const z2n = (z * z) / closed;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth =
    (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / closed + (z * z) / (4 * closed * closed));
  // Rounding can push an endpoint a hair outside [0, 1] at 0 or n wins.
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}

/** Posterior mean win rate under a Beta(prior_wins, prior_losses) prior. */
export function bayesWinRate(wins: number, closed: number, priorWins = 1, priorLosses = 1): number {
  checkCounts(wins, closed);
  requireNonNegative(priorWins, "prior_wins");
  requireNonNegative(priorLosses, "prior_losses");
  const denominator = closed + priorWins + priorLosses;
  if (denominator === 0) throw div0Error(functionProblem("noDealsOrPriors"));
  return finiteResult((wins + priorWins) / denominator, "resultWinRate");
}
