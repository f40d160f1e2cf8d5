/**
 * Whether the quotas can be reached, beside the tie-out: over-assignment level by level from
 * the company target to the reps, each rep's quota against their territory's potential with
 * the flags a planner looks for (above a threshold they set, far from peers), and, where last
 * year's revenue is mapped, how many reps it would have carried to this year's quota.
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Subtitle2, Text } from "@fluentui/react-components";
import {
  DEFAULT_PEER_BAND,
  DEFAULT_PEER_GAP,
  DEFAULT_REACH_THRESHOLD,
  QuotaPlan,
  QuotaReachability as Reachability,
  RepReach,
  quotaReachability,
  repTerritories,
} from "../../../domain/quotaPlan";
import type { Account, TerritoryResult } from "../../../domain/territory";
import { DataTable } from "../../components/DataTable";
import { NumberField } from "../../components/NumberField";
import { useI18n } from "../../i18n";
import { percent, useWholeNumbers } from "../display";
import { useTerritoriesStyles } from "../useTerritoriesStyles.styles";

const AttainmentChart = React.lazy(() => import("./AttainmentChart"));

export interface QuotaReachabilityProps {
  quotas: QuotaPlan;
  /** The run the quotas came from: each rep's territory and its accounts. */
  territory: TerritoryResult;
  accounts: readonly Account[];
  /** The scenario's threshold (stored with its quota settings), and how it changes. */
  threshold: number | undefined;
  onThresholdChange: (threshold: number) => void;
}

export function QuotaReachability(props: QuotaReachabilityProps) {
  const { quotas, territory, accounts, onThresholdChange } = props;
  const threshold = props.threshold ?? DEFAULT_REACH_THRESHOLD;
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const [invalid, setInvalid] = React.useState(false);
  const territories = React.useMemo(
    () => repTerritories(territory, accounts),
    [territory, accounts]
  );
  const reach = React.useMemo(
    () => quotaReachability(quotas, territories, { threshold }),
    [quotas, territories, threshold]
  );
  const above = reach.reps.filter((r) => r.aboveThreshold).length;
  const far = reach.reps.filter((r) => r.farFromPeers).length;
  return (
    <>
      <Subtitle2 as="h2">{t("territories.reach.title")}</Subtitle2>
      <OverAssignment reach={reach} quotas={quotas} />
      <div className={styles.grid}>
        <NumberField
          label={t("territories.reach.threshold")}
          hint={t("territories.reach.thresholdHint")}
          value={threshold}
          invalidMessage={t("v2mom.notNumber")}
          validationMessage={invalid ? t("territories.reach.thresholdInvalid") : undefined}
          onChange={(v, notNumber) => {
            const usable = v !== undefined && v > 0;
            setInvalid(!notNumber && !usable);
            if (usable) onThresholdChange(v);
          }}
        />
      </div>
      <Text as="p">
        {t("territories.reach.summary", {
          above,
          reps: reach.reps.length,
          threshold: String(reach.threshold),
          far,
        })}{" "}
        {t("territories.reach.peersHint", {
          band: percent(DEFAULT_PEER_BAND, 0),
          gap: percent(DEFAULT_PEER_GAP, 0),
        })}
      </Text>
      <RepTable reach={reach} />
      <LastYear reach={reach} />
    </>
  );
}

/** The company → managers → reps chain in one sentence, then each team's own and accumulated share. */
function OverAssignment({ reach, quotas }: { reach: Reachability; quotas: QuotaPlan }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  const signed = (share: number | null) =>
    (share !== null && share > 0 ? "+" : "") + percent(share);
  const repSum = quotas.reps.reduce((sum, r) => sum + r.annual, 0);
  return (
    <>
      <Text as="p">
        {t("territories.reach.overSummary", {
          target: fmt.format(quotas.companyTarget),
          teams: fmt.format(quotas.teamSum),
          company: signed(reach.companyOver),
          reps: fmt.format(repSum),
          total: signed(reach.repsOver),
        })}
      </Text>
      <div className={styles.scroll}>
        <DataTable
          label={t("territories.reach.overTable")}
          columns={[
            t("territories.col.team"),
            t("territories.reach.col.level"),
            t("territories.reach.col.own"),
            t("territories.reach.col.cumulative"),
          ]}
          rows={reach.teams.map((team) => ({
            key: team.team,
            cells: [team.team, String(team.level), signed(team.own), signed(team.cumulative)],
          }))}
        />
      </div>
    </>
  );
}

function flagsOf(rep: RepReach, threshold: number, t: ReturnType<typeof useI18n>["t"]): string {
  const flags: string[] = [];
  if (rep.aboveThreshold)
    flags.push(
      rep.quotaPerPotential === null
        ? t("territories.reach.flag.noPotential")
        : t("territories.reach.flag.above", { threshold: String(threshold) })
    );
  if (rep.farFromPeers === "above") flags.push(t("territories.reach.flag.peersAbove"));
  if (rep.farFromPeers === "below") flags.push(t("territories.reach.flag.peersBelow"));
  return flags.join("; ") || "—";
}

/** Each rep's quota against potential, their peers' median, last year's share and the flags. */
function RepTable({ reach }: { reach: Reachability }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const fmt = useWholeNumbers();
  const ratio = (x: number | null | undefined) =>
    x === null || x === undefined ? "—" : x.toFixed(2);
  return (
    <div className={styles.scroll}>
      <DataTable
        label={t("territories.reach.table")}
        columns={[
          t("territories.col.rep"),
          t("territories.col.quota"),
          t("territories.col.potential"),
          t("territories.reach.col.perPotential"),
          t("territories.reach.col.peers"),
          ...(reach.lastYear ? [t("territories.reach.col.lastYear")] : []),
          t("territories.reach.col.flags"),
        ]}
        rows={reach.reps.map((r) => ({
          key: r.repId,
          cells: [
            r.repId,
            fmt.format(r.quota),
            fmt.format(r.potential),
            ratio(r.quotaPerPotential),
            r.peerMedian === null ? "—" : `${ratio(r.peerMedian)} (${r.peers})`,
            ...(reach.lastYear ? [percent(r.lastYearAttainment, 0)] : []),
            flagsOf(r, reach.threshold, t),
          ],
        }))}
      />
    </div>
  );
}

/** How many reps last year's revenue would have carried, as a histogram; or what is missing. */
function LastYear({ reach }: { reach: Reachability }) {
  const styles = useTerritoriesStyles();
  const { t } = useI18n();
  const lastYear = reach.lastYear;
  if (!lastYear)
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t("territories.reach.lastYearMissing")}</MessageBarBody>
      </MessageBar>
    );
  const edge = (x: number) => percent(x, 0);
  const bars = lastYear.buckets.map((b) => ({
    label:
      b.from === null
        ? t("territories.reach.bucket.below", { to: edge(b.to!) })
        : b.to === null
          ? t("territories.reach.bucket.above", { from: edge(b.from) })
          : t("territories.reach.bucket.between", { from: edge(b.from), to: edge(b.to) }),
    count: b.count,
    // Buckets from 100% up made the quota (1 is one of the edges).
    made: b.from !== null && b.from >= 1,
  }));
  const title = t("territories.reach.lastYearChart");
  return (
    <>
      <Text as="p">
        {t("territories.reach.lastYear", { made: lastYear.made, counted: lastYear.counted })}
      </Text>
      <div className={styles.chart}>
        <React.Suspense fallback={<Text size={200}>{t("plan.loading")}</Text>}>
          <AttainmentChart
            bars={bars}
            title={title}
            legend={{
              made: t("territories.reach.made"),
              missed: t("territories.reach.missed"),
            }}
          />
        </React.Suspense>
      </div>
      {/* The same counts as a table: read by screen readers and kept when the chart cannot draw. */}
      <DataTable
        label={title}
        columns={[t("territories.reach.col.lastYear"), t("territories.reps")]}
        rows={bars.map((b) => ({ key: b.label, cells: [b.label, String(b.count)] }))}
      />
    </>
  );
}
