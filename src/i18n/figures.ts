/**
 * Figures as the pane and the command line show them, in either language: shares as
 * percentages, the fairness metrics to their decimals, signed differences. Pure (no React),
 * so `sales-plan compare` prints what the pane's Results and Comparison show.
 */
import type { FairnessMetrics } from "../domain/territory";
import type { MessageKey } from "./index";

/** A share as a percentage, "—" where there is none. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;

/** The fairness metrics in the order Results and Comparison list them. */
export const METRICS = [
  "maxAbsDeviation",
  "coefficientOfVariation",
  "giniPotentialPerFte",
  "maxMinRatio",
  "accountsMoved",
  "continuity",
] as const satisfies readonly (keyof FairnessMetrics)[];

/**
 * A fairness metric as Results shows it (shares as percentages, ratios to 2–3 decimals,
 * counts whole); `signed` for a difference between two scenarios.
 */
export function formatMetric(
  metric: keyof FairnessMetrics,
  value: number | null | undefined,
  whole: Intl.NumberFormat,
  signed = false
): string {
  if (value === null || value === undefined) return "—";
  const sign = signed && value > 0 ? "+" : "";
  switch (metric) {
    case "maxAbsDeviation":
    case "continuity":
      return sign + percent(value);
    case "coefficientOfVariation":
    case "giniPotentialPerFte":
      return sign + value.toFixed(3);
    case "maxMinRatio":
      return sign + value.toFixed(2);
    case "accountsMoved":
      return sign + whole.format(value);
  }
}

/** A whole-number difference with its sign: "+1,200", "−300", "0". */
export const signedWhole = (value: number, whole: Intl.NumberFormat) =>
  (value > 0 ? "+" : "") + whole.format(value);

/**
 * Names or labels as a list in the reader's language ("Ann, Bo"; in Chinese "Ann、Bo"), for
 * the sheet, the pane and the command line alike.
 */
export const listed = (t: (key: MessageKey) => string, items: readonly string[]) =>
  items.join(t("pipeline.listSeparator"));
