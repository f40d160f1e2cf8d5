/**
 * The Territory Review's words, drawn from a catalog in the reader's language (the pane's or
 * the command line's), so the sheet builder (territoryReview.ts) takes no catalog itself.
 */
import type { MessageKey } from "../i18n";
import { METRICS } from "../i18n/figures";
import type { SayFloor } from "../i18n/floorWords";
import { CapacityLabels, capacityLabels } from "./territoryReviewCapacity";
import { ReachLabels, reachLabels } from "./territoryReviewReach";

/** The fairness metrics in the pane's order (figures.ts), then the unassigned accounts. */
export type MetricKey = (typeof METRICS)[number] | "unassigned";

export interface ReviewLabels {
  title: string;
  metrics: string;
  metric: Record<MetricKey, string>;
  /**
   * One line under each metric: what it measures and what good looks like. The thresholds
   * (territories.review.note.* in the catalogs) all come from one benchmark: Zoltners &
   * Lorimer, "Sales Territory Alignment: An Overlooked Productivity Tool", Journal of
   * Personal Selling & Sales Management 20(3), 2000, which counts a territory more than 15%
   * from its target as too large or too small. Reps spread evenly within ±15% give a CV of
   * 0.15/√3 ≈ 0.09, a Gini of 0.15/3 = 0.05 and a max/min ratio of 1.15/0.85 ≈ 1.35.
   */
  notes: Record<MetricKey, string>;
  /** The deviation floor's label, and its sentences (floorWords.ts) for the line under it. */
  floor: string;
  sayFloor: SayFloor;
  reps: string;
  columns: {
    rep: string;
    manager: string;
    accounts: string;
    potential: string;
    target: string;
    deviation: string;
    quota: string;
  };
  /** The team of reps with no manager, as the sheet names it. */
  noManager: string;
  total: string;
  rollUp: string;
  repCount: string;
  tieOut: string;
  tieOutColumns: { level: string; quota: string; shouldSum: string; sumBelow: string };
  companyTarget: string;
  repQuotas: string;
  difference: string;
  overAssigned: string;
  chart: string;
  reach: ReachLabels;
  capacity: CapacityLabels;
  /** The footer's words ("Written {date}", "Page {page} of {pages}"). */
  printWords: { written: string; page: string };
}

/** The review sheet's words from a catalog (the pane's or the command line's language). */
export function reviewLabels(
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  scenario: string
): ReviewLabels {
  const metric = (key: MetricKey) =>
    t(key === "unassigned" ? "territories.unassigned" : `territories.metric.${key}`);
  const keys: MetricKey[] = [...METRICS, "unassigned"];
  return {
    title: t("territories.review.title", { name: scenario }),
    metrics: t("territories.metrics"),
    metric: Object.fromEntries(keys.map((k) => [k, metric(k)])) as Record<MetricKey, string>,
    notes: Object.fromEntries(keys.map((k) => [k, t(`territories.review.note.${k}`)])) as Record<
      MetricKey,
      string
    >,
    floor: t("territories.floor.label"),
    sayFloor: (phrase, values) => t(`territories.floor.${phrase}`, values),
    reps: t("territories.reps"),
    columns: {
      rep: t("territories.col.rep"),
      manager: t("territories.review.manager"),
      accounts: t("territories.col.accounts"),
      potential: t("territories.col.potential"),
      target: t("territories.col.target"),
      deviation: t("territories.col.deviation"),
      quota: t("territories.col.quota"),
    },
    noManager: t("territories.review.noManager"),
    total: t("territories.review.total"),
    rollUp: t("territories.review.rollUp"),
    repCount: t("territories.review.repCount"),
    tieOut: t("territories.tieOut"),
    tieOutColumns: {
      level: t("territories.review.level"),
      quota: t("territories.col.quota"),
      shouldSum: t("territories.review.shouldSum"),
      sumBelow: t("territories.review.sumBelow"),
    },
    companyTarget: t("territories.companyTarget"),
    repQuotas: t("territories.quotaSum"),
    difference: t("territories.review.difference"),
    overAssigned: t("territories.overAssigned"),
    chart: t("territories.chart"),
    reach: reachLabels(t),
    capacity: capacityLabels(t),
    printWords: { written: t("report.written"), page: t("report.page") },
  };
}
