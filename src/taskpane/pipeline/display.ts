/** How the Pipeline pane shows amounts, shares and dates in the user's language. */
import * as React from "react";
import { isoFromSerial } from "../../domain/calendar";
import { useI18n } from "../i18n";

export { percent } from "../../i18n/figures";

/** Whole amounts and counts in the pane's language. */
export function useAmounts(): (value: number) => string {
  const { locale } = useI18n();
  return React.useMemo(() => {
    const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return (value: number) => format.format(value);
  }, [locale]);
}

/** A serial as yyyy-mm-dd, or a dash for none. */
export const dayText = (serial: number | null | undefined) =>
  serial === null || serial === undefined || !Number.isFinite(serial) ? "—" : isoFromSerial(serial);
