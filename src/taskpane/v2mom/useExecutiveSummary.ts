/**
 * Writing the executive summary sheet from the saved V2MOMs, in the pane's language, dated
 * today by the pane's clock (the sheet builder reads no clock).
 */
import { isoFromSerial, todaySerial } from "../../domain/calendar";
import { errorText } from "../../domain/problem";
import type { V2mom } from "../../domain/v2mom";
import { previousSheetName } from "../../workbook/report";
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
      await store.writeReport(v2momSummary(documents, labels, isoFromSerial(todaySerial())));
      say({
        intent: "success",
        text: t("v2mom.summaryWritten", {
          sheet: V2MOM_SUMMARY_SHEET,
          count: documents.length,
          previous: previousSheetName(V2MOM_SUMMARY_SHEET),
        }),
      });
    } catch (error) {
      say({ intent: "error", text: t("v2mom.saveFailed", { reason: errorText(error) }) });
    } finally {
      setBusy(false);
    }
  };
}
