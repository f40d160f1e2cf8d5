/**
 * The executive summary: one block per V2MOM on a native sheet — vision, values, ranked
 * methods with their measures — that prints well and needs no add-in. Linked actuals are
 * live formulas to the linked cells and each status is a formula over actual and target,
 * coloured by conditional formatting, so the sheet stays current as the numbers move.
 */
import {
  MEASURE_STATUSES,
  MeasureStatus,
  Measure,
  MeasureDirection,
  V2mom,
  directionOf,
  isCellLink,
  thresholdsOf,
} from "../domain/v2mom";
import type { MessageKey } from "../i18n/en-US";
import { CellStyle, ReportCell, ReportSheet } from "./report";

export const V2MOM_SUMMARY_SHEET = "V2MOM Summary";

/** Labels of the summary, from the pane's locale catalog (the sheet is for people, in their language). */
export interface SummaryLabels {
  /** Printed in the page header of every page. */
  printTitle: string;
  /** The footer's words ("Written {date}", "Page {page} of {pages}"). */
  printWords: { written: string; page: string };
  /** Each status as the sheet's formulas write it, in the reader's language. */
  statuses: Record<MeasureStatus, string>;
  title(doc: V2mom): string;
  owner: string;
  alignedTo: string;
  vision: string;
  values: string;
  methods: string;
  measures: string;
  obstacles: string;
  columns: { rank: string; method: string; owner: string; due: string; supports: string };
  measureColumns: {
    method: string;
    metric: string;
    unit: string;
    target: string;
    actual: string;
    status: string;
    checked: string;
  };
  general: string;
}

/**
 * The Excel formula giving a measure's status from its actual and target cells: the same rule
 * as measureStatus, in the measure's direction, with its thresholds (defaults resolved) as
 * numbers in the formula.
 */
function statusFormula(
  measure: Measure,
  actual: string,
  target: string,
  words: Record<MeasureStatus, string>
) {
  const thresholds = thresholdsOf(measure);
  const [onTrack, atRisk] = [thresholds.onTrack, thresholds.atRisk].map(formulaNumber);
  // The reader's words for the statuses, as formula text literals (quotes doubled).
  const [ON_TRACK, AT_RISK, OFF_TRACK] = MEASURE_STATUSES.map(
    (s) => `"${words[s].replace(/"/g, '""')}"`
  );
  const ratio = `${actual}/${target}`;
  const graded = (value: string, compare: ">=" | "<=") =>
    `IF(${value}${compare}${onTrack},${ON_TRACK},IF(${value}${compare}${atRisk},${AT_RISK},${OFF_TRACK}))`;
  const rule: Record<MeasureDirection, string> = {
    "Higher is better": `IF(${target}=0,IF(${actual}>=0,${ON_TRACK},${OFF_TRACK}),${graded(ratio, ">=")})`,
    "Lower is better": `IF(${target}=0,IF(${actual}<=0,${ON_TRACK},${OFF_TRACK}),${graded(ratio, "<=")})`,
    "Within a range": graded(`ABS(${actual}-${target})`, "<="),
  };
  return `=IF(OR(${actual}="",${target}=""),"",${rule[directionOf(measure)]})`;
}

/**
 * Units that are money (ISO codes and symbols), shown without cents like the rest of a finance
 * pack; other measures (days, %, counts) keep two decimals. A "%" measure holds percentage
 * points (5 means 5%), so it is not given the percent format, which would show 500%.
 */
const MONEY_UNIT =
  /^(?:[$€£¥￥]|元|美元|人民币|欧元|USD|EUR|GBP|JPY|CNY|RMB|AUD|CAD|CHF|HKD|SGD|INR|KRW|BRL|MXN|SEK|NOK|DKK|NZD|ZAR|TWD)$/i;
const amountStyle = (unit: string | undefined): CellStyle =>
  unit !== undefined && MONEY_UNIT.test(unit.trim()) ? "money" : "number";

/**
 * A number as a formula literal. Spreadsheets read no subnormal numbers (below about 1E-307;
 * LibreOffice answers Err:502), so those are written as the 0 they all but are.
 */
const formulaNumber = (x: number) => (Math.abs(x) < 1e-300 ? "0" : String(x).toUpperCase());

/** A linked actual as a formula that shows blank, not an error, while the cell holds no number. */
const linkedActualFormula = (link: string) => `=IF(ISNUMBER(${link}),${link},"")`;

/** `written`: the day the sheet is written, printed in its footer (the caller's clock, not the builder's). */
export function v2momSummary(
  documents: readonly V2mom[],
  labels: SummaryLabels,
  written: string
): ReportSheet {
  const cells: ReportCell[] = [];
  const statusRanges: string[] = [];
  const byId = new Map(documents.map((d) => [d.id, d]));
  let row = 1;
  const put = (col: number, value: ReportCell["value"], style?: ReportCell["style"]) =>
    cells.push({ row, col, value, style });

  for (const doc of documents) {
    const parent = doc.parentId ? byId.get(doc.parentId) : undefined;
    put(1, labels.title(doc), "title");
    row++;
    if (doc.owner) {
      put(1, labels.owner, "label");
      put(2, doc.owner, "text");
      row++;
    }
    if (parent) {
      put(1, labels.alignedTo, "label");
      put(2, parent.orgUnit, "text");
      row++;
    }
    put(1, labels.vision, "label");
    put(2, doc.vision, "wrap");
    row++;
    doc.values.forEach((value, i) => {
      if (i === 0) put(1, labels.values, "label");
      put(2, `${i + 1}. ${value.text}`, "text");
      row++;
    });

    put(1, labels.methods, "heading");
    row++;
    const c = labels.columns;
    [c.rank, c.method, c.owner, c.due, c.supports].forEach((h, i) => put(i + 1, h, "label"));
    row++;
    const rankOf = new Map(doc.methods.map((m, i) => [m.id, i + 1]));
    const parentMethods = new Map((parent?.methods ?? []).map((m) => [m.id, m.text]));
    for (const method of doc.methods) {
      put(1, rankOf.get(method.id)!, "integer");
      put(2, method.text, "wrap");
      put(3, method.owner ?? null, "text");
      put(4, method.due ?? null, "date");
      put(
        5,
        method.alignsTo ? (parentMethods.get(method.alignsTo) ?? method.alignsTo) : null,
        "wrap"
      );
      row++;
    }

    if (doc.measures.length) {
      put(1, labels.measures, "heading");
      row++;
      const m = labels.measureColumns;
      [m.method, m.metric, m.unit, m.target, m.actual, m.status, m.checked].forEach((h, i) =>
        put(i + 1, h, "label")
      );
      row++;
      const first = row;
      // Ranked like the methods they serve; measures of no method last.
      const ordered = [...doc.measures].sort(
        (a, b) =>
          (rankOf.get(a.methodId ?? "") ?? Infinity) - (rankOf.get(b.methodId ?? "") ?? Infinity)
      );
      for (const measure of ordered) {
        const target = `D${row}`;
        const actual = `E${row}`;
        const amount = amountStyle(measure.unit);
        // 60 days reads as 60, not 60.00; a linked actual may be any number, so keeps decimals.
        const figure = (value: number | undefined): CellStyle =>
          amount === "number" && value !== undefined && Number.isInteger(value)
            ? "integer"
            : amount;
        put(
          1,
          measure.methodId ? (rankOf.get(measure.methodId) ?? null) : labels.general,
          "integer"
        );
        put(2, measure.metric, "wrap");
        put(3, measure.unit ?? null, "text");
        put(4, measure.target ?? null, figure(measure.target));
        if (measure.actualLink && isCellLink(measure.actualLink))
          cells.push({
            row,
            col: 5,
            formula: linkedActualFormula(measure.actualLink),
            style: amount,
          });
        else put(5, measure.actual ?? null, figure(measure.actual));
        cells.push({
          row,
          col: 6,
          formula: statusFormula(measure, actual, target, labels.statuses),
          style: "text",
        });
        put(7, measure.lastChecked ?? null, "date");
        row++;
      }
      statusRanges.push(`F${first}:F${row - 1}`);
    }

    if (doc.obstacles.length) {
      put(1, labels.obstacles, "heading");
      row++;
      for (const obstacle of doc.obstacles) {
        put(
          1,
          obstacle.methodId ? (rankOf.get(obstacle.methodId) ?? null) : labels.general,
          "integer"
        );
        put(2, obstacle.text, "wrap");
        row++;
      }
    }
    row += 2;
  }
  return {
    sheet: V2MOM_SUMMARY_SHEET,
    print: { header: labels.printTitle, written, words: labels.printWords },
    // Targets and actuals wide enough for 999,999,999.99 and "Off track" beside them.
    columnWidths: [12, 48, 12, 16, 16, 12, 14],
    cells,
    statusRanges,
    statusWords: labels.statuses,
  };
}

/** The summary sheet's words from a catalog (the pane's or the command line's language). */
export function summaryLabels(
  t: (key: MessageKey, values?: Record<string, string | number>) => string
): SummaryLabels {
  return {
    printTitle: t("v2mom.summary.printTitle"),
    printWords: { written: t("report.written"), page: t("report.page") },
    statuses: Object.fromEntries(
      MEASURE_STATUSES.map((status) => [status, t(`v2mom.measureStatus.${status}`)])
    ) as Record<MeasureStatus, string>,
    title: (d) =>
      t("v2mom.summary.title", {
        orgUnit: d.orgUnit,
        year: d.fiscalYear,
        version: t(`v2mom.version.${d.version}`),
        status: t(`v2mom.status.${d.status}`),
      }),
    owner: t("v2mom.summary.owner"),
    alignedTo: t("v2mom.summary.alignedTo"),
    vision: t("v2mom.field.vision"),
    values: t("v2mom.values"),
    methods: t("v2mom.methods"),
    measures: t("v2mom.measures"),
    obstacles: t("v2mom.obstacles"),
    general: t("v2mom.general"),
    columns: {
      rank: t("v2mom.summary.rank"),
      method: t("v2mom.summary.method"),
      owner: t("v2mom.field.owner"),
      due: t("v2mom.summary.due"),
      supports: t("v2mom.summary.supports"),
    },
    measureColumns: {
      method: t("v2mom.summary.method"),
      metric: t("v2mom.measure.metric"),
      unit: t("v2mom.measure.unit"),
      target: t("v2mom.measure.target"),
      actual: t("v2mom.summary.actual"),
      status: t("v2mom.summary.status"),
      checked: t("v2mom.measure.lastChecked"),
    },
  };
}
