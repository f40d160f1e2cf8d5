/**
 * A V2MOM measure's status (On track / At risk / Off track) from its actual, its target and
 * its direction: whether more is better (revenue), less is better (cycle time, deviation) or
 * the actual should stay near the target (a band such as "between 55 and 65 days"). The
 * pane's badge, the tables' Status column and the summary sheet's formulas all follow it.
 */
import type { Measure, MeasureDirection, MeasureStatus, V2momIssueCode } from "./v2mom";

/**
 * What a measure's two thresholds mean depends on its direction:
 * - Higher is better: ratios of actual ÷ target. On track when the ratio is at or above
 *   `onTrack` (default 0.95), at risk when at or above `atRisk` (default 0.8), off track below.
 * - Lower is better: ratios of actual ÷ target. On track when the ratio is at or below
 *   `onTrack` (default 1: not above the target), at risk when at or below `atRisk` (default 1.2:
 *   up to 20% above the target), off track above.
 * - Within a range: distances from the target in the measure's own unit. On track when the
 *   actual is within ± `onTrack` of the target (default 5% of the target), at risk within
 *   ± `atRisk` (default 20%), off track further away. "Between 55 and 65 days" is target 60, ± 5.
 * A target of 0 has no ratio: higher is better is on track at 0 or above, lower is better at 0
 * or below, off track otherwise.
 */
export interface StatusThresholds {
  onTrack: number;
  atRisk: number;
}

/** A measure without a direction is one where higher is better, as every measure was before directions. */
export const directionOf = (measure: Pick<Measure, "direction">): MeasureDirection =>
  measure.direction ?? "Higher is better";

/** The thresholds a direction uses where the measure sets none (see StatusThresholds). */
export function defaultThresholds(
  direction: MeasureDirection,
  target: number | undefined
): StatusThresholds {
  switch (direction) {
    case "Higher is better":
      return { onTrack: 0.95, atRisk: 0.8 };
    case "Lower is better":
      return { onTrack: 1, atRisk: 1.2 };
    case "Within a range": {
      // Multiplied before dividing so that round targets give round bands (60 → ± 3, ± 12).
      const size = Math.abs(target ?? 0);
      return { onTrack: (size * 5) / 100, atRisk: (size * 20) / 100 };
    }
  }
}

export const thresholdsOf = (measure: Measure): StatusThresholds => {
  const defaults = defaultThresholds(directionOf(measure), measure.target);
  return {
    onTrack: measure.onTrackAt ?? defaults.onTrack,
    atRisk: measure.atRiskAt ?? defaults.atRisk,
  };
};

const THRESHOLD_ISSUES: Record<MeasureDirection, { code: V2momIssueCode; message: string }> = {
  "Higher is better": {
    code: "thresholds",
    message: "The at-risk threshold must be above 0 and not above the on-track threshold.",
  },
  "Lower is better": {
    code: "thresholdsLower",
    message: "The on-track threshold must be above 0 and the at-risk threshold not below it.",
  },
  "Within a range": {
    code: "thresholdsRange",
    message: "The on-track tolerance must be 0 or more and the at-risk tolerance not below it.",
  },
};

/** Why a measure's thresholds cannot be read in its direction's sense (see StatusThresholds), if they cannot. */
export function thresholdsIssue(
  measure: Measure
): { code: V2momIssueCode; message: string } | undefined {
  const { onTrack, atRisk } = thresholdsOf(measure);
  const direction = directionOf(measure);
  const sensible =
    Number.isFinite(onTrack) &&
    Number.isFinite(atRisk) &&
    (direction === "Higher is better"
      ? atRisk > 0 && atRisk <= onTrack
      : direction === "Lower is better"
        ? onTrack > 0 && atRisk >= onTrack
        : onTrack >= 0 && atRisk >= onTrack);
  return sensible ? undefined : THRESHOLD_ISSUES[direction];
}

/** For a measure within a range: the actuals that are on track and at risk, low end first. */
export function rangeBands(
  measure: Measure
): { onTrack: [number, number]; atRisk: [number, number] } | undefined {
  if (directionOf(measure) !== "Within a range" || measure.target === undefined) return undefined;
  const { onTrack, atRisk } = thresholdsOf(measure);
  const t = measure.target;
  return { onTrack: [t - onTrack, t + onTrack], atRisk: [t - atRisk, t + atRisk] };
}

export function measureStatus(
  measure: Measure,
  actual: number | undefined,
  thresholds: StatusThresholds = thresholdsOf(measure)
): MeasureStatus | undefined {
  const target = measure.target;
  if (actual === undefined || target === undefined || !Number.isFinite(actual)) return undefined;
  const { onTrack, atRisk } = thresholds;
  switch (directionOf(measure)) {
    case "Higher is better": {
      if (target === 0) return actual >= 0 ? "On track" : "Off track";
      const ratio = actual / target;
      return ratio >= onTrack ? "On track" : ratio >= atRisk ? "At risk" : "Off track";
    }
    case "Lower is better": {
      if (target === 0) return actual <= 0 ? "On track" : "Off track";
      const ratio = actual / target;
      return ratio <= onTrack ? "On track" : ratio <= atRisk ? "At risk" : "Off track";
    }
    case "Within a range": {
      const distance = Math.abs(actual - target);
      return distance <= onTrack ? "On track" : distance <= atRisk ? "At risk" : "Off track";
    }
  }
}
