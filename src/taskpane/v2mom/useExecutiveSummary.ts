/**
 * Writing the executive summary sheet from the saved V2MOMs, in the pane's language, dated
 * today by the pane's clock (the sheet builder reads no clock).
 */
import { isoFromSerial, todaySerial } from "../../domain/calendar";
import { errorText } from "../../domain/problem";
import type { V2mom } from "../../domain/v2mom";
import type { PlanStore } from "../../workbook/store";
import { V2MOM_SUMMARY_SHEET, summaryLabels, v2momSummary } from "../../workbook/v2momSummary";
import { useI18n } from "../i18n";

export type PaneMessage = { intent: "success" | "error" | "info" | "warning"; text: string };

export function useExecutiveSummary(
  store: Pick<PlanStore, "writeReport">,
  say: (message: PaneMessage) => void,
  setBusy: (busy: boolean) => void
) {
  const { t } = useI18n();
  const labels = summaryLabels(t);

  /** Writes the summary of `documents` (as saved in the workbook). */
  return async (documents: readonly V2mom[]) => {
    setBusy(true);
    try {
      const kept = await store.writeReport(
        v2momSummary(documents, labels, isoFromSerial(todaySerial()))
      );
      const values = { sheet: V2MOM_SUMMARY_SHEET, count: documents.length };
      say({
        intent: "success",
        // The earlier copy is named only when there was one to keep.
        text: kept
          ? t("v2mom.summaryWritten", { ...values, previous: kept })
          : t("v2mom.summaryWrittenFirst", values),
      });
    } catch (error) {
      say({ intent: "error", text: t("v2mom.saveFailed", { reason: errorText(error) }) });
    } finally {
      setBusy(false);
    }
  };
}
