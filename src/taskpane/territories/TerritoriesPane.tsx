/**
 * The Territories & Quotas pane: pick the accounts and reps tables and map their columns,
 * set the rules, run the engine (in a Web Worker, with progress and Cancel), read the
 * results, set quotas, and keep each run as a named scenario to compare, promote, write back
 * into the user's own table (previous values kept) and review on a native sheet.
 *
 * This file composes the steps (steps/) with the hooks that hold their state and actions
 * (hooks/); the styles are in useTerritoriesStyles.styles.ts.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { DEFAULT_BALANCE } from "../../domain/planRun";
import type { BalanceSettings } from "../../domain/territory";
import { storedScenarios } from "../../workbook/scenarioTables";
import { useUntypedFields } from "../components/NumberField";
import { StepTabs } from "../components/StepTabs";
import { useI18n } from "../i18n";
import { usePlan } from "../plan/PlanContext";
import { PlanStatus } from "../plan/PlanStatus";
import { headerNames } from "./display";
import { useCapacityPlan } from "./hooks/useCapacityPlan";
import { useFeedback } from "./hooks/useFeedback";
import { useQuotaForm } from "./hooks/useQuotaForm";
import { useRun } from "./hooks/useRun";
import { useScenarioActions } from "./hooks/useScenarioActions";
import { useScenarioComparison } from "./hooks/useScenarioComparison";
import { PlanRunner, defaultRunner } from "./runner";
import { CapacityStep } from "./steps/CapacityStep";
import { ACCOUNTS_TABLE_ID, DataStep, REVENUE_MAPPING_ID } from "./steps/DataStep";
import { QuotasStep } from "./steps/QuotasStep";
import { ResultsStep } from "./steps/ResultsStep";
import { RulesStep } from "./steps/RulesStep";
import { useSettingCheck } from "./settingChecks";
import { ScenariosStep } from "./steps/ScenariosStep";
import { useSourceData } from "./useSourceData";
import { useTerritoriesStyles } from "./useTerritoriesStyles.styles";

const STEPS = ["capacity", "data", "rules", "results", "quotas", "scenarios"] as const;
type Step = (typeof STEPS)[number];

export function TerritoriesPane({ runner = defaultRunner() }: { runner?: PlanRunner }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const { store, snapshot } = usePlan();
  const scenarios = React.useMemo(() => (snapshot ? storedScenarios(snapshot) : []), [snapshot]);
  // The pane starts from the rules of the Active scenario (else the first), when the workbook has one.
  const startingScenario = scenarios.find((sc) => sc.state === "Active") ?? scenarios[0];
  const source = useSourceData(startingScenario?.run);
  const [step, setStep] = React.useState<Step>("data");
  const [balance, setBalance] = React.useState<BalanceSettings>(DEFAULT_BALANCE);
  const quotaForm = useQuotaForm();
  const feedback = useFeedback();
  const runs = useRun(runner, feedback, () => setStep("results"));
  const result = runs.result;
  // A saved scenario records the rules its result came from, not what the fields hold since.
  const actions = useScenarioActions(
    {
      result,
      scenarios,
      source,
      balance: runs.ran?.balance ?? balance,
      quota: runs.ran?.quota ?? quotaForm.quota,
    },
    feedback
  );
  const pair = useScenarioComparison(scenarios);
  // Capacity is planned for the scenario being named, from its target and funnel when stored.
  const capacityScenario = actions.name.trim();
  const namedRun = scenarios.find((sc) => sc.name === capacityScenario)?.run;
  const repsFte = source.read?.reps.reduce((sum, r) => sum + r.capacity, 0);
  const capacity = useCapacityPlan(
    {
      scenario: capacityScenario,
      companyTarget: namedRun?.quota?.companyTarget ?? (quotaForm.quota.companyTarget || undefined),
      repsFte,
      funnel: namedRun?.quota?.funnel,
    },
    feedback
  );

  // The rules too start from that scenario, once (the tables and columns: useSourceData).
  const prefilled = React.useRef(false);
  const { setName } = actions;
  const { prefill } = quotaForm;
  React.useEffect(() => {
    if (prefilled.current || !startingScenario?.run) return;
    prefilled.current = true;
    setName(startingScenario.name);
    setBalance(startingScenario.run.balance);
    if (startingScenario.run.quota) prefill(startingScenario.run.quota);
  }, [startingScenario, setName, prefill]);

  // Fields whose text is not a number yet: nothing runs until they are.
  const [untyped, typed] = useUntypedFields();
  const read = source.read;
  // The engine's and the quota planner's own checks of every setting, each shown at its field.
  const checks = useSettingCheck(balance, quotaForm.quota, {
    revenueMapped: !!source.accounts.mapping.lastYearRevenue,
    read: read?.accounts,
  });
  // Quota settings matter only when the run plans quotas (a company target is given).
  const blockingSettings = [...checks.steps].filter(
    (s) => s === "rules" || quotaForm.quota.companyTarget !== 0
  );
  const dataReady = !!read && !read.problems.length;
  const ready = dataReady && !untyped.size && !blockingSettings.length;
  const blockedBy = !dataReady
    ? t("territories.fixDataFirst")
    : blockingSettings.length
      ? t("territories.check.fixSettings", {
          steps: blockingSettings.map((s) => t(`territories.step.${s}`)).join(", "),
        })
      : undefined;
  // "Map the column" on the Quotas step: the Data step, with focus on last year's revenue.
  const [focusMapping, setFocusMapping] = React.useState(false);
  React.useEffect(() => {
    if (!focusMapping || step !== "data") return;
    setFocusMapping(false);
    const target =
      document.getElementById(REVENUE_MAPPING_ID) ?? document.getElementById(ACCOUNTS_TABLE_ID);
    target?.focus();
  }, [focusMapping, step]);
  const run = () => {
    if (!read || !ready) return;
    const input = {
      accounts: read.accounts,
      reps: read.reps,
      balance,
      quota: quotaForm.runSettings(),
    };
    void runs.start(input, read.locate);
  };

  return (
    <div className={styles.root}>
      <PlanStatus />
      <Text as="p">{t("territories.intro")}</Text>
      <StepTabs
        steps={STEPS}
        selected={step}
        onSelect={setStep}
        label={(s) => t(`territories.step.${s}`)}
      />
      {feedback.message && (
        <MessageBar intent={feedback.message.intent} layout="multiline">
          <MessageBarBody>{feedback.message.text}</MessageBarBody>
        </MessageBar>
      )}
      {source.loadError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {t("territories.readFailed", { reason: source.loadError })}
          </MessageBarBody>
        </MessageBar>
      )}
      {step === "capacity" && (
        <CapacityStep plan={capacity} scenario={capacityScenario} repsFte={repsFte} />
      )}
      {step === "data" && <DataStep source={source} ready={ready} canSelect={store.canSelect} />}
      {step === "rules" && (
        <RulesStep
          balance={balance}
          onChange={(key, value, invalid) => {
            typed(key, invalid);
            setBalance((b) => ({ ...b, [key]: value }));
          }}
          messages={checks.messages}
          ready={ready}
          blockedBy={blockedBy}
          running={runs.running}
          onRun={run}
        />
      )}
      {step === "results" && (
        <ResultsStep
          progress={runs.progress}
          onCancel={runs.cancel}
          territory={result?.territory}
          balance={runs.ran?.balance}
          ready={ready}
          onRun={run}
          problems={feedback.problems}
        />
      )}
      {step === "quotas" && (
        <QuotasStep
          form={quotaForm}
          onUntyped={typed}
          canRun={ready && !runs.running}
          onRun={run}
          quotas={result?.quotas}
          territory={result?.territory}
          accounts={runs.ran?.accounts}
          messages={checks.messages}
          onMapRevenue={
            checks.needsRevenueColumn
              ? () => {
                  setStep("data");
                  setFocusMapping(true);
                }
              : undefined
          }
        />
      )}
      {step === "scenarios" && (
        <ScenariosStep
          actions={actions}
          hasResult={!!result}
          columns={headerNames(source.accounts.raw)}
          fromSelection={source.accounts.source?.kind === "selection"}
          problems={feedback.problems}
          scenarios={scenarios}
          pair={pair}
        />
      )}
    </div>
  );
}
