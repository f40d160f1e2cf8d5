/**
 * The Pipeline Review's blocks below the forecast: the bridge since the previous capture and
 * over the period (its End row a formula of the rows above, so the sheet checks itself), the
 * largest movers behind it, and the accuracy of past periods' calls against the seed's
 * 90–95% target (a status formula, coloured like the V2MOM statuses). Where the log holds
 * too little history, a block says so in words instead of showing zeros.
 */
import { ACCURACY_TARGET } from "../domain/accuracyTrend";
import { isoFromSerial } from "../domain/calendar";
import type { MeasureStatus } from "../domain/v2mom";
import { BRIDGE_ROWS, type BridgeRow } from "../domain/pipelineMoves";
import type { MessageKey } from "../i18n";
import { ACCURACY_PERIOD_HEADINGS } from "./pipelineAccuracy";
import { address } from "./package/cellRef";
import type { CellValue } from "./rows";
import type { CellStyle, ReportCell } from "./report";
import {
  MOVERS_EACH,
  type Mover,
  type PipelineReviewFigures,
  type ReviewBridge,
} from "./pipelineReviewFigures";

/** The sheet's columns: a sentence spans them all. */
export const REVIEW_COLUMNS = 7;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The cells of a block, written row by row from where it starts. */
export class Cursor {
  readonly cells: ReportCell[] = [];
  constructor(public row: number) {}
  put(col: number, value: CellValue | undefined, style: CellStyle): void {
    if (value !== null && value !== undefined && value !== "")
      this.cells.push({ row: this.row, col, value, style });
  }
  /** A formula with the add-in's own result, for readers that do not recalculate. */
  formula(col: number, text: string, result: CellValue, style: CellStyle): void {
    this.cells.push({ row: this.row, col, formula: text, result, style });
  }
  /** A sentence across the sheet (its cells merged), in the small grey of notes or as wrapped text. */
  say(text: string, style: "note" | "wrap" = "note"): void {
    this.cells.push({ row: this.row, col: 1, value: text, style, span: REVIEW_COLUMNS });
    this.row++;
  }
  next(rows = 1): void {
    this.row += rows;
  }
}

/** The words a review is written in: the catalog's, and an engine's refusal said in them. */
export interface ReviewWords {
  t: Translate;
  /** The language figures in sentences are written in ("7,265" or "7 265"); the host's when absent. */
  locale?: string;
  sayError(error: unknown): string;
}

const BRIDGE_KEYS: Record<BridgeRow, MessageKey> = {
  Start: "pipeline.bridge.start",
  New: "pipeline.bridge.new",
  "Pulled in": "pipeline.bridge.pulledIn",
  Increased: "pipeline.bridge.increased",
  Decreased: "pipeline.bridge.decreased",
  "Pushed out": "pipeline.bridge.pushedOut",
  Won: "pipeline.bridge.won",
  Lost: "pipeline.bridge.lost",
  Removed: "pipeline.bridge.removed",
  End: "pipeline.bridge.end",
};
export const bridgeLabel = (t: Translate, row: BridgeRow) => t(BRIDGE_KEYS[row]);

/** Bridge columns: the label, then deals and amount since the previous capture and over the period. */
const BRIDGE = { label: 1, since: 2, over: 4 };
/** What each row adds (+1) or takes (−1) in the End formula; Increased/Decreased move amounts only. */
const SIGN: Partial<Record<BridgeRow, 1 | -1>> = {
  Start: 1,
  New: 1,
  "Pulled in": 1,
  Increased: 1,
  Decreased: -1,
  "Pushed out": -1,
  Won: -1,
  Lost: -1,
  Removed: -1,
};

/** The End row as a formula of the rows above it, deals without Increased and Decreased. */
function endFormula(col: number, first: number, amounts: boolean): string {
  const terms = BRIDGE_ROWS.slice(0, -1).flatMap((row, i) => {
    if (!amounts && (row === "Increased" || row === "Decreased")) return [];
    const sign = SIGN[row] === -1 ? "-" : i === 0 ? "" : "+";
    return [`${sign}${address(first + i, col)}`];
  });
  return `=${terms.join("")}`;
}

/** The bridge block: since the previous capture, and over the period when it began earlier. */
export function bridgeBlock(
  at: Cursor,
  figures: PipelineReviewFigures,
  { t, sayError }: ReviewWords
): void {
  const { sincePrevious: since, overPeriod: over, period, captures } = figures;
  at.put(1, t("pipeline.review.bridge", { end: isoFromSerial(period.end) }), "heading");
  at.next();
  if (figures.bridgeRefused) {
    at.say(t("pipeline.review.bridgeRefused", { reason: sayError(figures.bridgeRefused) }), "wrap");
    return;
  }
  if (!since) {
    at.say(t("pipeline.review.oneCapture", { date: isoFromSerial(captures[0]) }), "wrap");
    return;
  }
  const columns: [number, ReviewBridge | undefined, string][] = [
    [BRIDGE.since, since, t("pipeline.review.since", { date: isoFromSerial(since.from) })],
    [
      BRIDGE.over,
      over,
      over ? t("pipeline.review.overPeriod", { date: isoFromSerial(over.from) }) : "",
    ],
  ];
  for (const [col, , title] of columns) at.put(col, title, "label");
  at.next();
  at.put(BRIDGE.label, t("pipeline.movement.bar"), "label");
  for (const [col, bridge] of columns)
    if (bridge) {
      at.put(col, t("pipeline.movement.deals"), "label");
      at.put(col + 1, t("pipeline.movement.amount"), "label");
    }
  at.next();
  const first = at.row;
  BRIDGE_ROWS.forEach((label, i) => {
    at.put(BRIDGE.label, bridgeLabel(t, label), label === "End" ? "label" : "text");
    for (const [col, bridge] of columns) {
      if (!bridge) continue;
      const { deals, amount } = bridge.rows[i];
      if (label !== "End") {
        at.put(col, deals, "integer");
        at.put(col + 1, amount, "money");
      } else {
        at.formula(col, endFormula(col, first, false), deals, "integer");
        at.formula(col + 1, endFormula(col + 1, first, true), amount, "money");
      }
    }
    at.next();
  });
  at.say(t("pipeline.review.bridgeNote"));
  if (!over) at.say(t("pipeline.review.overNone"));
}

const MOVE_KEYS: Record<Mover["move"], MessageKey> = {
  Won: "pipeline.bridge.won",
  Lost: "pipeline.bridge.lost",
  "Pushed out": "pipeline.bridge.pushedOut",
};
/** Movers' columns: deal, owner, move, amount, close date (as the log last has it). */
const MOVER = { deal: 1, owner: 2, move: 3, amount: 4, closeDate: 5 };

export function moversBlock(at: Cursor, figures: PipelineReviewFigures, t: Translate): void {
  const { overPeriod: over } = figures;
  if (!over) return;
  at.next();
  at.put(1, t("pipeline.review.movers"), "heading");
  at.next();
  if (!figures.movers.length) {
    at.say(t("pipeline.review.moversNone", { date: isoFromSerial(over.from) }), "wrap");
    return;
  }
  at.say(t("pipeline.review.moversExplain", { count: MOVERS_EACH }));
  [
    t("pipeline.review.deal"),
    t("pipeline.field.owner"),
    t("pipeline.movement.move"),
    t("pipeline.movement.amount"),
    t("pipeline.field.closeDate"),
  ].forEach((h, i) => at.put(i + 1, h, "label"));
  at.next();
  for (const m of figures.movers) {
    // User text (names, owners) only ever as values: a deal named "=1+1" stays text.
    at.put(MOVER.deal, m.name?.trim() || m.id, "text");
    at.put(MOVER.owner, m.owner?.trim() || t("pipeline.field.noOwner"), "text");
    at.put(MOVER.move, t(MOVE_KEYS[m.move]), "text");
    at.put(MOVER.amount, m.amount, "money");
    at.put(MOVER.closeDate, m.closeDate, "date");
    at.next();
  }
}

/** The seed's target ("a good funnel forecasts with 90–95% accuracy"): its lower end is met. */
const ACCURACY_MET = ACCURACY_TARGET.low;
/** Within ten points of the target is near it: worth a look, not yet a failed forecast. */
const ACCURACY_NEAR = ACCURACY_MET - 0.1;

/** The accuracy statuses in the reader's words, as the status formula writes them. */
export const accuracyWords = (t: Translate): Record<MeasureStatus, string> => ({
  "On track": t("pipeline.review.onTarget"),
  "At risk": t("pipeline.review.nearTarget"),
  "Off track": t("pipeline.review.belowTarget"),
});

/** Accuracy columns: period, called, closed, WAPE, bias, accuracy, against the target. */
const ACC = { period: 1, called: 2, closed: 3, wape: 4, bias: 5, accuracy: 6, status: 7 };

/** The accuracy block; returns the range of its status cells, for their colours. */
export function accuracyBlock(
  at: Cursor,
  figures: PipelineReviewFigures,
  { t, locale }: ReviewWords
): string | undefined {
  at.next();
  at.put(1, t("pipeline.review.accuracy"), "heading");
  at.next();
  const accuracy = figures.accuracy;
  if (!accuracy) {
    at.say(t("pipeline.accuracy.none"), "wrap");
    return undefined;
  }
  at.say(t("pipeline.review.accuracyTarget"));
  [...ACCURACY_PERIOD_HEADINGS, "pipeline.review.againstTarget" as const].forEach((key, i) =>
    at.put(i + 1, t(key), "label")
  );
  at.next();
  const words = accuracyWords(t);
  const quoted = (s: MeasureStatus) => `"${words[s].replace(/"/g, '""')}"`;
  const first = at.row;
  const line = (label: string, f: (typeof accuracy)["total"], style: CellStyle) => {
    at.put(ACC.period, label, style);
    at.put(ACC.called, f.called, "money");
    at.put(ACC.closed, f.closed, "money");
    at.put(ACC.wape, f.wape, "percent");
    // Signed, as the CLI and the pane say it: + forecast above what closed, − below.
    at.put(ACC.bias, f.bias, "signedPercent");
    at.put(ACC.accuracy, f.accuracy, "percent");
    const cell = address(at.row, ACC.accuracy);
    const status: MeasureStatus | "" =
      f.accuracy === null
        ? ""
        : f.accuracy >= ACCURACY_MET
          ? "On track"
          : f.accuracy >= ACCURACY_NEAR
            ? "At risk"
            : "Off track";
    at.formula(
      ACC.status,
      `=IF(${cell}="","",IF(${cell}>=${ACCURACY_MET},${quoted("On track")},IF(${cell}>=${ACCURACY_NEAR},${quoted("At risk")},${quoted("Off track")})))`,
      status === "" ? "" : words[status],
      "text"
    );
    at.next();
  };
  for (const p of accuracy.byPeriod) line(p.period, p, "text");
  line(t("pipeline.review.overall"), accuracy.total, "label");
  const statuses = `G${first}:G${at.row - 1}`;
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  for (const u of accuracy.unowned)
    at.say(
      t("pipeline.accuracy.unowned", {
        period: u.period,
        deals: whole.format(u.deals),
        amount: whole.format(u.amount),
      })
    );
  return statuses;
}
