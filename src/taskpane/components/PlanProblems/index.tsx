import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from "@fluentui/react-components";
import type { PlanProblem } from "../../../workbook/rows";
import { useI18n } from "../../i18n";
import { messageList } from "../messageList.styles";

const useStyles = makeStyles({ list: messageList });

/** Problems found in the workbook's plan tables, each with its place. */
export function PlanProblems({ problems }: { problems: readonly PlanProblem[] }) {
  const styles = useStyles();
  const { t, say, place } = useI18n();
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <MessageBar intent={errors ? "error" : "warning"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("plan.problems", { count: problems.length })}</MessageBarTitle>
        <ul className={styles.list}>
          {problems.map((p, i) => (
            <li key={i}>
              {place(p)}: {say(p)}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
