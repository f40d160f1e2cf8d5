/**
 * Step 3, Results: the run's progress with Cancel, then fairness metrics, each rep against
 * target, the accounts moved and those left unassigned, with their reasons.
 */
import * as React from "react";
import { Button, Field, ProgressBar, Subtitle2, Text } from "@fluentui/react-components";
import { DismissRegular, PlayRegular } from "@fluentui/react-icons";
import type { TerritoryResult } from "../../../domain/territory";
import type { PlanProblem } from "../../../workbook/rows";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { percent, useWholeNumbers } from "../display";
import { SourceProblems } from "../SourceProblems";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

const PotentialChart = React.lazy(() => import("../PotentialChart"));

export interface ResultsStepProps {
  /** Share done while a run is under way. */
  progress?: number;
  onCancel(): void;
  territory?: TerritoryResult;
  ready: boolean;
  onRun(): void;
  /** Where the last run (or save) was refused. */
  problems: readonly PlanProblem[];
}

export function ResultsStep(props: ResultsStepProps) {
  const { progress, onCancel, territory, ready, onRun, problems } = props;
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  return (
    <section className={styles.step} aria-label={t("territories.step.results")}>
      {progress !== undefined && (
        <div className={styles.row}>
          <Field
            label={t("territories.running")}
            validationMessage={percent(progress, 0)}
            validationState="none"
            style={{ flexGrow: 1 }}
          >
            <ProgressBar value={progress} max={1} />
          </Field>
          <Button icon={<DismissRegular />} onClick={onCancel}>
            {t("territories.cancel")}
          </Button>
        </div>
      )}
      {!territory && progress === undefined && (
        <Button appearance="primary" icon={<PlayRegular />} disabled={!ready} onClick={onRun}>
          {t("territories.run")}
        </Button>
      )}
      <SourceProblems problems={problems} />
      {territory && <TerritoryResults territory={territory} />}
    </section>
  );
}

function TerritoryResults({ territory }: { territory: TerritoryResult }) {
  const styles = useTerritoriesStyles();
  const { t, say } = useI18n();
  const fmt = useWholeNumbers();
  const { metrics } = territory;
  const moved = t("territories.moved", { count: metrics.accountsMoved });
  return (
    <>
      <Subtitle2 as="h2">{t("territories.metrics")}</Subtitle2>
      <DataTable
        label={t("territories.metrics")}
        rows={(
          [
            ["maxAbsDeviation", percent(metrics.maxAbsDeviation)],
            ["coefficientOfVariation", metrics.coefficientOfVariation.toFixed(3)],
            ["giniPotentialPerFte", metrics.giniPotentialPerFte.toFixed(3)],
            ["maxMinRatio", metrics.maxMinRatio === null ? "—" : metrics.maxMinRatio.toFixed(2)],
            ["accountsMoved", fmt.format(metrics.accountsMoved)],
            ["continuity", percent(metrics.continuity)],
          ] as const
        ).map(([key, value]) => ({ key, cells: [t(`territories.metric.${key}`), value] }))}
      />
      <Subtitle2 as="h2">{t("territories.reps")}</Subtitle2>
      <div className={styles.scroll}>
        <DataTable
          label={t("territories.reps")}
          columns={[
            t("territories.col.rep"),
            t("territories.col.accounts"),
            t("territories.col.potential"),
            t("territories.col.deviation"),
          ]}
          rows={territory.reps.map((r) => ({
            key: r.repId,
            cells: [
              r.repId,
              fmt.format(r.accounts),
              fmt.format(r.potential),
              <>
                <span
                  aria-hidden
                  className={`${styles.bar} ${(r.deviation ?? 0) > 0 ? styles.over : styles.under}`}
                  style={{ width: `${Math.min(60, Math.abs(r.deviation ?? 0) * 300)}px` }}
                />{" "}
                {percent(r.deviation)}
              </>,
            ],
          }))}
        />
      </div>
      <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
        <PotentialChart
          reps={territory.reps}
          title={t("territories.chart")}
          labels={{
            potential: t("territories.col.potential"),
            target: t("territories.col.target"),
          }}
        />
      </React.Suspense>
      <Subtitle2 as="h2">{moved}</Subtitle2>
      <ul className={styles.problems} aria-label={moved}>
        {territory.assignments
          .filter((a) => a.reason === "moved")
          .slice(0, 200)
          .map((a) => (
            <li key={a.accountId}>
              {t("territories.moveLine", {
                account: a.accountId,
                from: a.movedFrom ?? "—",
                to: a.repId,
              })}
            </li>
          ))}
      </ul>
      <Subtitle2 as="h2">
        {t("territories.unassigned")}: {territory.unassigned.length}
      </Subtitle2>
      <ul className={styles.problems} aria-label={t("territories.unassigned")}>
        {territory.unassigned.slice(0, 200).map((u) => (
          <li key={u.accountId}>
            {u.accountId}: {say({ code: u.code, values: u.values, message: u.reason })}
          </li>
        ))}
      </ul>
    </>
  );
}
