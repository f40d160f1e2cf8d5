/** How the Territories & Quotas pane shows shares, counts and the columns of a user's table. */
import * as React from "react";
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
