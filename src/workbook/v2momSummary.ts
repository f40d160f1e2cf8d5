/**
 * The executive summary: one block per V2MOM on a native sheet — vision, values, ranked
 * methods with their measures — that prints well and needs no add-in. Linked actuals are
 * live formulas to the linked cells and each status is a formula over actual and target,
 * coloured by conditional formatting, so the sheet stays current as the numbers move.
 */
import { MEASURE_STATUSES, V2mom, isCellLink, thresholdsOf } from "../domain/v2mom";
import { ReportCell, ReportSheet } from "./report";

export const V2MOM_SUMMARY_SHEET = "V2MOM Summary";

/** Labels of the summary, from the pane's locale catalog (the sheet is for people, in their language). */
export interface SummaryLabels {
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

/** The Excel formula giving a measure's status from its actual and target cells (same rule as measureStatus). */
function statusFormula(actual: string, target: string, onTrack: number, atRisk: number) {
  const ratio = `${actual}/${target}`;
  const [ON_TRACK, AT_RISK, OFF_TRACK] = MEASURE_STATUSES;
  return (
    `=IF(OR(${actual}="",${target}=""),"",IF(${target}=0,IF(${actual}>=0,"${ON_TRACK}","${OFF_TRACK}"),` +
    `IF(${ratio}>=${onTrack},"${ON_TRACK}",IF(${ratio}>=${atRisk},"${AT_RISK}","${OFF_TRACK}"))))`
  );
}

/** A linked actual as a formula that shows blank, not an error, while the cell holds no number. */
const linkedActualFormula = (link: string) => `=IF(ISNUMBER(${link}),${link},"")`;

export function v2momSummary(documents: readonly V2mom[], labels: SummaryLabels): ReportSheet {
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
      put(1, rankOf.get(method.id)!, "number");
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
        const { onTrack, atRisk } = thresholdsOf(measure);
        put(
          1,
          measure.methodId ? (rankOf.get(measure.methodId) ?? null) : labels.general,
          "number"
        );
        put(2, measure.metric, "wrap");
        put(3, measure.unit ?? null, "text");
        put(4, measure.target ?? null, "number");
        if (measure.actualLink && isCellLink(measure.actualLink))
          cells.push({
            row,
            col: 5,
            formula: linkedActualFormula(measure.actualLink),
            style: "number",
          });
        else put(5, measure.actual ?? null, "number");
        cells.push({
          row,
          col: 6,
          formula: statusFormula(actual, target, onTrack, atRisk),
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
          "number"
        );
        put(2, obstacle.text, "wrap");
        row++;
      }
    }
    row += 2;
  }
  return {
    sheet: V2MOM_SUMMARY_SHEET,
    columnWidths: [12, 48, 16, 12, 14, 12, 14],
    cells,
    statusRanges,
  };
}
