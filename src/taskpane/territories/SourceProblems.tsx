/** Problems in the user's tables; each address is a link that selects the cell in Excel. */
import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { PlanProblem } from "../../workbook/rows";
import { useI18n } from "../i18n";
import { usePlan } from "../plan/PlanContext";
import { useTerritoriesStyles } from "./useTerritoriesStyles.styles";

export function SourceProblems({ problems }: { problems: readonly PlanProblem[] }) {
  const styles = useTerritoriesStyles();
  const { t, say } = useI18n();
  const { store } = usePlan();
  if (!problems.length) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("territories.problems", { count: problems.length })}</MessageBarTitle>
        <ul className={styles.problems}>
          {problems.slice(0, 200).map((p, i) => (
            <li key={i}>
              {p.sheet}
              {p.address ? " · " : ""}
              {p.address && store.canSelect ? (
                <Link as="button" inline onClick={() => void store.selectCell(p.sheet, p.address!)}>
                  {p.address}
                </Link>
              ) : (
                p.address
              )}
              {p.column ? ` · ${p.column}` : ""}: {say(p)}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
