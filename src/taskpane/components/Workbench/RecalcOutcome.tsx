/**
 * What recalculating the open workbook's PLAN formulas did: how many were written with their
 * values, which show #SPILL!, and which were left as they were, each at its cell with the
 * reason in the user's language.
 */
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from "@fluentui/react-components";
import { errorText } from "../../../domain/problem";
import type { RecalcReport } from "../../../workbook/package/recalc";
import type { WorkbookFile } from "../../../workbook/package/workbookFile";
import { useI18n } from "../../i18n";
import { messageList } from "../messageList.styles";

const useStyles = makeStyles({ list: messageList });

/**
 * Recalculates the PLAN formulas of a workbook file on request, telling `onWrite` when the
 * browser's copy changed (or may have, after a failure), as every other write does.
 */
export function useRecalc(onWrite: (ok: boolean) => void) {
  const { t } = useI18n();
  const [report, setReport] = React.useState<RecalcReport>();
  const [failure, setFailure] = React.useState<string>();
  const [running, setRunning] = React.useState(false);
  const recalculate = React.useCallback(
    async (file: WorkbookFile) => {
      setRunning(true);
      setReport(undefined);
      setFailure(undefined);
      try {
        // Loaded on first use, like the file adapter itself.
        const { recalculatePlanFormulas } = await import("../../../workbook/package/recalc");
        const done = await recalculatePlanFormulas(file);
        setReport(done);
        if (done.changed) onWrite(true);
      } catch (error) {
        setFailure(t("workbench.recalcFailed", { reason: errorText(error) }));
        onWrite(false);
      } finally {
        setRunning(false);
      }
    },
    [onWrite, t]
  );
  /** A newly opened file starts with no outcome shown. */
  const forget = React.useCallback(() => {
    setReport(undefined);
    setFailure(undefined);
  }, []);
  return { report, failure, running, recalculate, forget };
}

export function RecalcOutcome({ report }: { report: RecalcReport }) {
  const styles = useStyles();
  const { t, say } = useI18n();
  if (!report.evaluated && !report.unevaluable.length)
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("workbench.recalcNone")}</MessageBarBody>
      </MessageBar>
    );
  const whole = !report.blocked.length && !report.unevaluable.length;
  return (
    <MessageBar intent={whole ? "success" : "warning"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {t("workbench.recalcDone", { count: report.evaluated, spilled: report.spilled })}
        </MessageBarTitle>
        {report.blocked.length > 0 && (
          <ul className={styles.list}>
            {report.blocked.map(({ cell, by }) => (
              <li key={cell}>
                {by
                  ? t("workbench.recalcBlocked", { cell, by })
                  : t("workbench.recalcBlockedEdge", { cell })}
              </li>
            ))}
          </ul>
        )}
        {report.unevaluable.length > 0 && (
          <>
            <div>{t("workbench.recalcLeft", { count: report.unevaluable.length })}</div>
            <ul className={styles.list}>
              {report.unevaluable.map(({ cell, said }) => (
                <li key={cell}>{t("workbench.recalcLeftCell", { cell, reason: say(said) })}</li>
              ))}
            </ul>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
