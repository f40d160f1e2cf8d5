/**
 * Writing the Pipeline Review sheet from the pane: the period typed (it starts as the period
 * being called at the last capture, as `sales-plan pipeline review` chooses it), checked at
 * its field, and the sheet drawn through the store in the pane's language, dated by the
 * pane's clock. The figures are the workbook layer's, from the plan as stored, so the button
 * and the command line write the same sheet from the same workbook.
 */
import * as React from "react";
import { isoFromSerial, todaySerial } from "../../domain/calendar";
import { PIPELINE_REVIEW_SHEET, pipelineReview } from "../../workbook/pipelineReview";
import { reviewDeals } from "../../workbook/pipelineReviewDeals";
import {
  defaultReviewPeriod,
  pipelineReviewFigures,
  readReviewPeriod,
} from "../../workbook/pipelineReviewFigures";
import { usableLog } from "../../workbook/pipelineHistory";
import { captureDatesOf } from "../../workbook/pipelineTables";
import { useI18n } from "../i18n";
import { usePlan } from "../plan/PlanContext";

export type ReviewMessage = { intent: "success" | "error"; text: string };

export function usePipelineReview() {
  const { t, sayError, locale } = useI18n();
  const { store, snapshot } = usePlan();
  const dates = React.useMemo(() => (snapshot ? captureDatesOf(snapshot) : []), [snapshot]);
  const last = dates[dates.length - 1];
  const suggested = React.useMemo(
    () => (snapshot && last !== undefined ? defaultReviewPeriod(snapshot, last).label : ""),
    [snapshot, last]
  );
  const [typed, setPeriodText] = React.useState<string>();
  // What the user typed is theirs; until then the field follows the plan's current period.
  const periodText = typed ?? suggested;
  const period = readReviewPeriod(periodText.trim());
  const periodMessage =
    periodText.trim() === ""
      ? undefined
      : !period
        ? t("pipeline.review.periodInvalid")
        : last !== undefined && period.end < last
          ? t("pipeline.review.periodOver", {
              end: isoFromSerial(period.end),
              last: isoFromSerial(last),
            })
          : undefined;
  const [writing, setWriting] = React.useState(false);
  const [message, setMessage] = React.useState<ReviewMessage>();
  const canWrite = !!snapshot && last !== undefined && !!period && !periodMessage && !writing;

  const write = async () => {
    if (!snapshot || !period || !canWrite) return;
    setWriting(true);
    setMessage(undefined);
    try {
      // A log the store cannot read is refused with its problems, as the steps refuse it.
      usableLog(snapshot);
      const figures = pipelineReviewFigures(snapshot, period);
      const kept = await store.writeReport(
        pipelineReview(
          {
            figures,
            deals: reviewDeals(snapshot, figures),
            written: isoFromSerial(todaySerial()),
          },
          { t, sayError, locale }
        )
      );
      const written = { sheet: PIPELINE_REVIEW_SHEET, period: period.label };
      setMessage({
        intent: "success",
        // The earlier copy is named only when there was one to keep.
        text: kept
          ? t("pipeline.review.written", { ...written, previous: kept })
          : t("pipeline.review.writtenFirst", written),
      });
    } catch (error) {
      setMessage({
        intent: "error",
        text: t("pipeline.review.failed", { reason: sayError(error) }),
      });
    } finally {
      setWriting(false);
    }
  };

  return {
    periodText,
    setPeriodText,
    periodMessage,
    captured: last !== undefined,
    canWrite,
    writing,
    message,
    write,
  };
}

export type PipelineReviewState = ReturnType<typeof usePipelineReview>;
