/**
 * V2MOM documents as the three plan tables (documents, items, measures), and back. Ranks
 * are stored 1, 2, 3… so a reader sorting the Items table by Rank sees the priorities.
 */
import {
  MEASURE_DIRECTIONS,
  type Measure,
  type MeasureDirection,
  type V2mom,
  type V2momLevel,
  type V2momStatus,
  type V2momVersion,
  directionOf,
  measureStatus,
} from "../domain/v2mom";
import { PlanRow, TableData, cellOf, planRow, replacedInPlace, withExtraColumns } from "./rows";
import { tables } from "./schema";

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const str = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
const num = (value: unknown) => (typeof value === "number" ? value : undefined);
/**
 * The direction a cell names, matched like the schema's choices (case-insensitively). A word
 * that is none of them is reported by the table's reader at its cell; the measure keeps the
 * meaning it had before directions existed (higher is better) until it is corrected.
 */
const direction = (value: unknown): MeasureDirection | undefined => {
  const word = str(value)?.trim().toLowerCase();
  return MEASURE_DIRECTIONS.find((d) => d.toLowerCase() === word);
};

export function v2momToRows(documents: readonly V2mom[]): {
  v2momDocuments: PlanRow[];
  v2momItems: PlanRow[];
  v2momMeasures: PlanRow[];
} {
  const v2momDocuments = documents.map((d) => ({
    DocumentId: d.id,
    OrgUnit: d.orgUnit,
    Level: d.level,
    Owner: orNull(d.owner),
    ParentDocumentId: orNull(d.parentId),
    FiscalYear: d.fiscalYear,
    Version: d.version,
    Status: d.status,
    Vision: d.vision || null,
    Updated: null,
  }));
  const v2momItems: PlanRow[] = documents.flatMap((d) => [
    ...d.values.map((v, i) => ({
      DocumentId: d.id,
      ItemId: v.id,
      Kind: "Value",
      Rank: i + 1,
      Text: v.text,
      Owner: null,
      DueDate: null,
      AlignsTo: null,
      MethodId: null,
    })),
    ...d.methods.map((m, i) => ({
      DocumentId: d.id,
      ItemId: m.id,
      Kind: "Method",
      Rank: i + 1,
      Text: m.text,
      Owner: orNull(m.owner),
      DueDate: orNull(m.due),
      AlignsTo: orNull(m.alignsTo),
      MethodId: null,
    })),
    ...d.obstacles.map((o, i) => ({
      DocumentId: d.id,
      ItemId: o.id,
      Kind: "Obstacle",
      Rank: i + 1,
      Text: o.text,
      Owner: null,
      DueDate: null,
      AlignsTo: null,
      MethodId: orNull(o.methodId),
    })),
  ]);
  const v2momMeasures = documents.flatMap((d) =>
    d.measures.map((m) => ({
      DocumentId: d.id,
      MeasureId: m.id,
      MethodId: orNull(m.methodId),
      Metric: m.metric,
      Unit: orNull(m.unit),
      Target: orNull(m.target),
      Actual: orNull(m.actual),
      ActualLink: orNull(m.actualLink),
      // The status of the last known actual, for readers of the table without the add-in.
      Status: orNull(measureStatus(m, m.actual)),
      LastChecked: orNull(m.lastChecked),
      // Spelled out even where the model leaves it implicit, so the column can be filtered.
      Direction: directionOf(m),
      OnTrackAt: orNull(m.onTrackAt),
      AtRiskAt: orNull(m.atRiskAt),
    }))
  );
  return { v2momDocuments, v2momItems, v2momMeasures };
}

export function v2momFromRows(
  documents: TableData,
  items: TableData,
  measures: TableData
): V2mom[] {
  const itemsOf = new Map<string, PlanRow[]>();
  for (const row of items.rows) {
    const id = String(row.DocumentId);
    itemsOf.set(id, [...(itemsOf.get(id) ?? []), row]);
  }
  const byRank = (kind: string, rows: PlanRow[]) =>
    rows
      .filter((r) => String(r.Kind).toLowerCase() === kind.toLowerCase())
      .sort((a, b) => (num(a.Rank) ?? Infinity) - (num(b.Rank) ?? Infinity));
  return documents.rows.map((d) => {
    const id = String(d.DocumentId);
    const own = itemsOf.get(id) ?? [];
    const doc: V2mom = {
      id,
      orgUnit: String(d.OrgUnit ?? ""),
      level: (str(d.Level) ?? "Team") as V2momLevel,
      fiscalYear: num(d.FiscalYear) ?? 0,
      version: (str(d.Version) ?? "Annual") as V2momVersion,
      status: (str(d.Status) ?? "Draft") as V2momStatus,
      vision: str(d.Vision) ?? "",
      values: byRank("Value", own).map((r) => ({ id: String(r.ItemId), text: str(r.Text) ?? "" })),
      methods: byRank("Method", own).map((r) => {
        const method: V2mom["methods"][number] = { id: String(r.ItemId), text: str(r.Text) ?? "" };
        if (str(r.Owner)) method.owner = str(r.Owner);
        if (num(r.DueDate) !== undefined) method.due = num(r.DueDate);
        if (str(r.AlignsTo)) method.alignsTo = str(r.AlignsTo);
        return method;
      }),
      obstacles: byRank("Obstacle", own).map((r) => {
        const obstacle: V2mom["obstacles"][number] = {
          id: String(r.ItemId),
          text: str(r.Text) ?? "",
        };
        if (str(r.MethodId)) obstacle.methodId = str(r.MethodId);
        return obstacle;
      }),
      measures: measures.rows
        .filter((m) => String(m.DocumentId) === id)
        .map((m) => {
          const measure: Measure = { id: String(m.MeasureId), metric: String(m.Metric ?? "") };
          // Optional fields are set only when the cell holds a value of their type.
          const texts = {
            methodId: str(m.MethodId),
            unit: str(m.Unit),
            actualLink: str(m.ActualLink),
            direction: direction(m.Direction),
          };
          const numbers = {
            target: num(m.Target),
            actual: num(m.Actual),
            lastChecked: num(m.LastChecked),
            onTrackAt: num(m.OnTrackAt),
            atRiskAt: num(m.AtRiskAt),
          };
          for (const [key, value] of Object.entries({ ...texts, ...numbers })) {
            if (value !== undefined) Object.assign(measure, { [key]: value });
          }
          return measure;
        }),
    };
    if (str(d.Owner)) doc.owner = str(d.Owner);
    if (str(d.ParentDocumentId)) doc.parentId = str(d.ParentDocumentId);
    return doc;
  });
}

/**
 * Changes that write `changed` (new or edited documents) and keep every other document's rows
 * exactly as read, in place, so saving one V2MOM never rewrites another. A document's Updated
 * date, which the model does not hold, is kept from its row.
 */
export function replaceDocuments(
  current: Record<"v2momDocuments" | "v2momItems" | "v2momMeasures", TableData>,
  changed: readonly V2mom[]
): ReturnType<typeof v2momToRows> {
  const ids = new Set(changed.map((d) => d.id));
  const rows = v2momToRows(changed);
  const updated = new Map(
    current.v2momDocuments.rows.map((r) => [
      String(cellOf(r, "DocumentId")),
      cellOf(r, "Updated") ?? null,
    ])
  );
  rows.v2momDocuments = rows.v2momDocuments.map((row) =>
    planRow([...Object.entries(row), ["Updated", updated.get(String(row.DocumentId)) ?? null]])
  );
  const ofChanged = (row: PlanRow) => ids.has(String(cellOf(row, "DocumentId")));
  const replaced = (name: keyof typeof rows) =>
    withExtraColumns(
      tables[name],
      current[name],
      replacedInPlace(current[name].rows, ofChanged, rows[name])
    );
  return {
    v2momDocuments: replaced("v2momDocuments"),
    v2momItems: replaced("v2momItems"),
    v2momMeasures: replaced("v2momMeasures"),
  };
}
