/**
 * The Pipeline Review's two blocks about the deals themselves, with the Pipeline pane's own
 * figures (src/domain/pipelineStalls.ts, funnelShape.ts): the deals most overdue in their
 * stage (days in it beyond the stage's 75th percentile of stays, with how often their close
 * date was pushed; the days over are a formula), and the funnel's shape, its diagnosis in
 * the pane's words. Too little history says so rather than showing an empty table.
 */
import { isoFromSerial } from "../domain/calendar";
import { stageStays, type FunnelStages } from "../domain/dealHistory";
import { funnelShape, type Diagnosis, type StageShare } from "../domain/funnelShape";
import { reconstruct } from "../domain/pipelineLog";
import { stalledDeals, type StalledDeal } from "../domain/pipelineStalls";
import { percent } from "../i18n/figures";
import { address } from "./package/cellRef";
import { listed } from "../i18n/figures";
import { Cursor, type ReviewWords } from "./pipelineReviewBlocks";
import type { PipelineReviewFigures } from "./pipelineReviewFigures";
import { pipelineLogOf } from "./pipelineTables";
import type { PlanSnapshot } from "./store";

/** How many stalled deals the sheet lists, most overdue first. */
export const STALLED_SHOWN = 10;

export interface ReviewDeals {
  /** Undefined when no stay in any stage has ended yet: nothing to call a deal stalled against. */
  stalled?: StalledDeal[];
  shares: StageShare[];
  diagnosis?: Diagnosis;
}

/** The stalled deals and the funnel's shape as of the review's capture, with its stages. */
export function reviewDeals(
  plan: PlanSnapshot,
  figures: PipelineReviewFigures
): ReviewDeals | undefined {
  const { asOf, stages, settings } = figures;
  if (asOf === undefined || !stages.length) return undefined;
  const log = pipelineLogOf(plan);
  const funnel: FunnelStages = { stages, won: settings.wonLabel, lost: settings.lostLabel };
  const current = reconstruct(log.entries, asOf, log.index);
  const stays = stageStays(log.entries, funnel);
  const ended = stays.left.some((left) => left === left);
  const shape = funnelShape(log.entries, current, funnel);
  return {
    stalled: ended ? stalledDeals(log.entries, current, funnel, asOf) : undefined,
    ...shape,
  };
}

/** Stalled columns: deal, owner, stage, days in stage, its 75th percentile, days over, pushes. */
const ST = { deal: 1, owner: 2, stage: 3, days: 4, threshold: 5, over: 6, pushes: 7 };

export function stalledBlock(
  at: Cursor,
  deals: ReviewDeals,
  figures: PipelineReviewFigures,
  { t }: ReviewWords
): void {
  at.next();
  at.put(1, t("pipeline.stalled.heading"), "heading");
  at.next();
  if (!deals.stalled) {
    at.say(t("pipeline.review.stalledUnknown"), "wrap");
    return;
  }
  at.say(t("pipeline.stalled.explain", { date: isoFromSerial(figures.asOf!) }));
  if (!deals.stalled.length) {
    at.say(t("pipeline.stalled.none"), "wrap");
    return;
  }
  const shown = deals.stalled.slice(0, STALLED_SHOWN);
  if (deals.stalled.length > STALLED_SHOWN)
    at.say(t("pipeline.review.stalledMore", { shown: STALLED_SHOWN, count: deals.stalled.length }));
  // The log cannot see when a deal entered the stage it already held at the first capture.
  const floors = shown.filter((d) => d.atLeast).map((d) => d.name?.trim() || d.id);
  if (floors.length)
    at.say(
      t("pipeline.stalled.atLeastNote", {
        deals: listed(t, floors),
        date: isoFromSerial(figures.captures[0]),
      })
    );
  [
    t("pipeline.review.deal"),
    t("pipeline.field.owner"),
    t("pipeline.field.stage"),
    t("pipeline.stalled.days"),
    t("pipeline.stalled.threshold"),
    t("pipeline.review.daysOver"),
    t("pipeline.stalled.pushes"),
  ].forEach((h, i) => at.put(i + 1, h, "label"));
  at.next();
  for (const d of shown) {
    // User text only ever as values: a deal named "=1+1" stays text.
    at.put(ST.deal, d.name?.trim() || d.id, "text");
    at.put(ST.owner, d.owner?.trim() || t("pipeline.field.noOwner"), "text");
    at.put(ST.stage, d.stage, "text");
    at.put(ST.days, d.days, "integer");
    at.put(ST.threshold, d.threshold, "integer");
    at.formula(
      ST.over,
      `=${address(at.row, ST.days)}-${address(at.row, ST.threshold)}`,
      d.days - d.threshold,
      "integer"
    );
    at.put(ST.pushes, d.pushes, "integer");
    at.next();
  }
}

const SAID = {
  inflow: "pipeline.shape.bulgeInflow",
  conversion: "pipeline.shape.bulgeConversion",
  earlier: "pipeline.shape.bulgeEarlier",
} as const;

/** The diagnosis in the pane's words (ShapeStep says the same sentence). */
export function shapeSentence(deals: ReviewDeals, { t, locale }: ReviewWords): string {
  const d = deals.diagnosis;
  if (!deals.shares.some((s) => s.steady !== undefined)) return t("pipeline.shape.noSteady");
  if (!d) return t("pipeline.shape.healthy");
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const conversion = d.cause === "conversion";
  return t(SAID[d.cause], {
    stage: d.stage,
    today: percent(d.today),
    steady: percent(d.steady),
    recent: conversion ? percent(d.recent) : whole.format(d.recent),
    usual: conversion ? percent(d.usual) : d.usual.toFixed(1),
  });
}

export function shapeBlock(at: Cursor, deals: ReviewDeals, words: ReviewWords): void {
  const { t } = words;
  at.next();
  at.put(1, t("pipeline.step.shape"), "heading");
  at.next();
  at.say(shapeSentence(deals, words), "wrap");
  if (!deals.shares.length) return;
  [t("pipeline.field.stage"), t("pipeline.shape.today"), t("pipeline.shape.steady")].forEach(
    (h, i) => at.put(i + 1, h, "label")
  );
  at.next();
  for (const s of deals.shares) {
    at.put(1, s.stage, "text");
    at.put(2, s.today, "percent");
    at.put(3, s.steady, "percent");
    at.next();
  }
}
