/** How the Territories & Quotas pane shows shares, counts and the columns of a user's table. */
import * as React from "react";
import type { RawTable } from "../../workbook/rows";
import { useI18n } from "../i18n";

// Shared with the command line, which prints figures as the pane shows them.
export { METRICS, formatMetric, percent, signedWhole } from "../../i18n/figures";
export { hasResults } from "../../domain/scenario";

/** Whole numbers (counts, potential, quotas) in the pane's language. */
export function useWholeNumbers(): Intl.NumberFormat {
  const { locale } = useI18n();
  return React.useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);
}

/** The column names a user can map a field to: the table's non-blank headers. */
export const headerNames = (raw: RawTable | undefined): string[] =>
  (raw?.header ?? []).map((h) => String(h ?? "").trim()).filter(Boolean);
