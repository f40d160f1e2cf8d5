/**
 * Step 5, Scenarios: save the run under a name, draw the review sheet, write the assigned
 * reps into the user's accounts table (and undo that), list the stored scenarios with their
 * states, and compare two of them.
 */
import { Button, Field, Input, Select, Subtitle2, Text } from "@fluentui/react-components";
import type { PlanProblem } from "../../../workbook/rows";
import type { StoredScenario } from "../../../workbook/scenarioTables";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import { formatMetric, hasResults, signedWhole, useWholeNumbers } from "../display";
import type { ScenarioActions } from "../hooks/useScenarioActions";
import type { ScenarioPair } from "../hooks/useScenarioComparison";
import { SourceProblems } from "../SourceProblems";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

export interface ScenariosStepProps {
  actions: ScenarioActions;
  /** A run's result exists to save, review or write back. */
  hasResult: boolean;
  /** The accounts table's columns a write-back can fill. */
  columns: readonly string[];
  /** The accounts come from the selection, which cannot be written back to. */
  fromSelection: boolean;
  /** Where a save, a write-back or an undo was refused. */
  problems: readonly PlanProblem[];
  scenarios: readonly StoredScenario[];
  pair: ScenarioPair;
}

export function ScenariosStep(props: ScenariosStepProps) {
  const { actions, hasResult, columns, fromSelection, problems, scenarios, pair } = props;
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  return (
    <section className={styles.step} aria-label={t("territories.step.scenarios")}>
      <div className={styles.grid}>
        <Field label={t("territories.scenarioName")}>
          <Input value={actions.name} onChange={(_, d) => actions.setName(d.value)} />
        </Field>
        <Field label={t("territories.note")}>
          <Input value={actions.note} onChange={(_, d) => actions.setNote(d.value)} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!hasResult} onClick={() => void actions.save()}>
          {t("territories.saveScenario")}
        </Button>
        <Button disabled={!hasResult} onClick={() => void actions.writeReview()}>
          {t("territories.writeReview")}
        </Button>
      </div>
      {!hasResult && <Text size={200}>{t("territories.runFirst")}</Text>}
      <Subtitle2 as="h2">{t("territories.writeBackHeading")}</Subtitle2>
      <Text size={200}>{t("territories.writeBackHint")}</Text>
      <div className={styles.row}>
        <Field label={t("territories.writeBackColumn")}>
          <Select
            value={actions.targetColumn ?? ""}
            onChange={(_, d) => actions.chooseColumn(d.value || undefined)}
          >
            <option value="">{t("territories.notMapped")}</option>
            {columns.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          disabled={!hasResult || !actions.targetColumn || fromSelection}
          onClick={() => void actions.writeBack()}
        >
          {t("territories.writeBack")}
        </Button>
        <Button disabled={!actions.undoable.length} onClick={() => void actions.restore()}>
          {t("territories.restore")}
        </Button>
      </div>
      {/* Where a save, a write-back or an undo was refused, at each cell. */}
      <SourceProblems problems={problems} />
      <Subtitle2 as="h2">{t("territories.scenarios")}</Subtitle2>
      {scenarios.length === 0 ? (
        <Text>{t("territories.noScenarios")}</Text>
      ) : (
        <div className={styles.scroll}>
          <DataTable
            label={t("territories.scenarios")}
            columns={[
              t("territories.scenarioName"),
              t("territories.state"),
              t("territories.metric.maxAbsDeviation"),
              "",
            ]}
            rows={scenarios.map((s) => ({
              key: s.name,
              cells: [
                s.name,
                t(`territories.state.${s.state}`),
                // Rules saved without a run have no deviation to show, not a deviation of 0.
                hasResults(s)
                  ? formatMetric("maxAbsDeviation", s.territory.metrics.maxAbsDeviation, fmt)
                  : t("territories.notRunYet"),
                s.state !== "Active" && (
                  <Button
                    size="small"
                    onClick={() => void actions.promote(s.name)}
                    aria-label={t("territories.promoteNamed", { name: s.name })}
                  >
                    {t("territories.promote")}
                  </Button>
                ),
              ],
            }))}
          />
        </div>
      )}
      {scenarios.length >= 2 && <Comparison scenarios={scenarios} pair={pair} />}
    </section>
  );
}

/** Two scenarios side by side: how many accounts change rep, each metric, each rep's change. */
function Comparison({
  scenarios,
  pair,
}: {
  scenarios: readonly StoredScenario[];
  pair: ScenarioPair;
}) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  const { comparison } = pair;
  const first = scenarios.find((s) => s.name === pair.a);
  const second = scenarios.find((s) => s.name === pair.b);
  const options = scenarios.map((s) => <option key={s.name}>{s.name}</option>);
  return (
    <>
      <div className={styles.grid}>
        <Field label={t("territories.compareA")}>
          <Select value={pair.a} onChange={(_, d) => pair.setA(d.value)}>
            {options}
          </Select>
        </Field>
        <Field label={t("territories.compareB")}>
          <Select value={pair.b} onChange={(_, d) => pair.setB(d.value)}>
            {options}
          </Select>
        </Field>
      </div>
      {comparison && first && second && (
        <>
          <Text>
            {t("territories.comparison", {
              moves: comparison.moves.length,
              a: comparison.a,
              b: comparison.b,
            })}
          </Text>
          {comparison.moves.length > 0 && (
            <ul className={styles.problems} aria-label={t("territories.compareMoves")}>
              {comparison.moves.slice(0, 200).map((m) => (
                <li key={m.accountId}>
                  {t("territories.moveLine", {
                    account: m.accountId,
                    from: m.fromRep ?? "—",
                    to: m.toRep ?? "—",
                  })}
                </li>
              ))}
            </ul>
          )}
          <div className={styles.scroll}>
            <DataTable
              label={t("territories.compareMetrics")}
              columns={[t("territories.metric"), comparison.a, comparison.b, "Δ"]}
              rows={comparison.metrics.map((m) => {
                // A side never run has no metric: "—", and so no difference.
                const a = hasResults(first) ? m.a : null;
                const b = hasResults(second) ? m.b : null;
                const delta = a === null || b === null ? null : m.delta;
                return {
                  key: m.metric,
                  cells: [
                    t(`territories.metric.${m.metric}`),
                    formatMetric(m.metric, a, fmt),
                    formatMetric(m.metric, b, fmt),
                    formatMetric(m.metric, delta, fmt, true),
                  ],
                };
              })}
            />
            <DataTable
              label={t("territories.compareReps")}
              columns={[
                t("territories.col.rep"),
                `Δ ${t("territories.col.potential")}`,
                `Δ ${t("territories.col.quota")}`,
              ]}
              rows={comparison.reps
                .filter((r) => r.potentialDelta !== 0 || (r.quotaDelta ?? 0) !== 0)
                .map((r) => ({
                  key: r.repId,
                  cells: [
                    r.repId,
                    signedWhole(r.potentialDelta, fmt),
                    // Quotas differ only when both scenarios have them.
                    r.quotaDelta === undefined || !first.quotas || !second.quotas
                      ? "—"
                      : signedWhole(r.quotaDelta, fmt),
                  ],
                }))}
            />
          </div>
        </>
      )}
    </>
  );
}
