import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { PlanProblems } from "../components/PlanProblems";
import { useI18n } from "../i18n";
import { usePlan } from "./PlanContext";

/** Whether the plan could be read, and what is wrong in its tables. */
export function PlanStatus() {
  const { t } = useI18n();
  const { loading, loadError, snapshot } = usePlan();
  if (loading && !snapshot) return <Spinner size="tiny" label={t("plan.loading")} />;
  if (loadError) {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{t("plan.loadError", { reason: loadError })}</MessageBarBody>
      </MessageBar>
    );
  }
  return <PlanProblems problems={snapshot?.problems ?? []} />;
}
