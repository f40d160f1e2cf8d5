/**
 * Step 3, Results: the run's progress with Cancel, then fairness metrics, each rep against
 * target, the accounts moved and those left unassigned, with their reasons.
 */
import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { DismissRegular, PlayRegular } from "@fluentui/react-icons";
import type { BalanceSettings, DeviationBound, TerritoryResult } from "../../../domain/territory";
import { floorWords } from "../../../i18n/floorWords";
import type { PlanProblem } from "../../../workbook/rows";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { METRICS, formatMetric, percent, useWholeNumbers } from "../display";
import { SourceProblems } from "../SourceProblems";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

const PotentialChart = React.lazy(() => import("../PotentialChart"));

export interface ResultsStepProps {
  /** Share done while a run is under way. */
  progress?: number;
  onCancel(): void;
  territory?: TerritoryResult;
  /** The rules `territory` was balanced with. */
  balance?: BalanceSettings;
  ready: boolean;
  onRun(): void;
  /** Where the last run (or save) was refused. */
  problems: readonly PlanProblem[];
}

export function ResultsStep(props: ResultsStepProps) {
  const { progress, onCancel, territory, balance, ready, onRun, problems } = props;
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
      {territory && <BandOutcome territory={territory} balance={balance} />}
      {territory && <TerritoryResults territory={territory} />}
    </section>
  );
}

/**
 * Whether the tolerance band was met, in words and the result's own numbers: the largest
 * deviation against the band, whether the move limit was used up, and how low the routing
 * lets the largest deviation go (with what forces it); or that the band left every owner in
 * place.
 */
function BandOutcome({
  territory,
  balance,
}: {
  territory: TerritoryResult;
  balance?: BalanceSettings;
}) {
  const { t } = useI18n();
  const band = balance?.toleranceBand ?? 0;
  const { maxAbsDeviation, accountsMoved } = territory.metrics;
  const bound = territory.deviationBound;
  if (!(band > 0))
    return bound && bound.lowestPossibleDeviation > 0 ? (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <FloorExplained bound={bound} />
        </MessageBarBody>
      </MessageBar>
    ) : null;
  if (maxAbsDeviation <= band) {
    if (accountsMoved > 0) return null;
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("territories.band.noEffect", { band: percent(band) })}</MessageBarBody>
      </MessageBar>
    );
  }
  // The accounts that had an owner: the move limit is a share of them.
  const owned = territory.assignments.filter((a) => a.reason !== "placed").length;
  const share = balance?.maxMovedShare;
  const limit = share === undefined || share >= 1 ? undefined : Math.floor(share * owned);
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {t("territories.band.missed", {
          band: percent(band),
          deviation: percent(maxAbsDeviation),
        })}
        {limit !== undefined && accountsMoved >= limit
          ? ` ${t("territories.band.moveLimit", { moved: accountsMoved, share: percent(share, 0) })}`
          : ""}
        {bound && <FloorExplained bound={bound} />}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The floor under the largest deviation, the sets of reps forcing it and what would lift it. */
function FloorExplained({ bound }: { bound: DeviationBound }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const said = floorWords(bound, (phrase, values) => t(`territories.floor.${phrase}`, values));
  const why = said.aboveBand ? [...said.causes, ...said.remedies] : [];
  return (
    <>
      <Text as="p" block>
        {said.headline}
      </Text>
      {why.length > 0 && (
        <ul className={styles.problems} aria-label={t("territories.floor.label")}>
          {why.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function TerritoryResults({ territory }: { territory: TerritoryResult }) {
  const styles = useTerritoriesStyles();
  const { t, say } = useI18n();
  const fmt = useWholeNumbers();
  const { metrics } = territory;
  const moved = t("territories.moved", { count: metrics.accountsMoved });
  // Accounts that had no owner before: a write-back fills their blank cells too.
  const newlyAssigned = territory.assignments.filter((a) => a.reason === "placed");
  const placed = t("territories.placed", { count: newlyAssigned.length });
  return (
    <>
      <Subtitle2 as="h2">{t("territories.metrics")}</Subtitle2>
      <DataTable
        label={t("territories.metrics")}
        rows={METRICS.map((key) => ({
          key,
          cells: [t(`territories.metric.${key}`), formatMetric(key, metrics[key], fmt)],
        }))}
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
      {/* Wider than a narrow pane with many reps: it scrolls on its own, the pane does not. */}
      <div className={styles.chart}>
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
      </div>
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
      <Subtitle2 as="h2">{placed}</Subtitle2>
      <ul className={styles.problems} aria-label={placed}>
        {newlyAssigned.slice(0, 200).map((a) => (
          <li key={a.accountId}>
            {t("territories.placedLine", { account: a.accountId, to: a.repId })}
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
