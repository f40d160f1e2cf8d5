/** How the Territories & Quotas pane shows shares, counts and the columns of a user's table. */
import * as React from "react";
import type { FairnessMetrics } from "../../domain/territory";
import type { ScenarioResults } from "../../domain/scenario";
import type { RawTable } from "../../workbook/rows";
import { useI18n } from "../i18n";

/** A share as a percentage, "—" where there is none. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;

/** Whole numbers (counts, potential, quotas) in the pane's language. */
export function useWholeNumbers(): Intl.NumberFormat {
  const { locale } = useI18n();
  return React.useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);
}

/** The column names a user can map a field to: the table's non-blank headers. */
export const headerNames = (raw: RawTable | undefined): string[] =>
  (raw?.header ?? []).map((h) => String(h ?? "").trim()).filter(Boolean);

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

/** A stored scenario without results (its rules saved, never run): nothing to show or compare. */
export const hasResults = (s: ScenarioResults) =>
  s.territory.reps.length > 0 ||
  s.territory.assignments.length > 0 ||
  s.territory.unassigned.length > 0;
