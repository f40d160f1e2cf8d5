/**
 * V2MOM — Vision, Values, Methods, Obstacles, Measures — as Salesforce uses it to align a
 * company: each org unit writes one for the fiscal year, aligned to its parent's, and
 * refreshes it mid-year. This module holds the model and its rules; the pane and the
 * workbook tables only show and store it.
 */
import type { Problem } from "./problem";
import { thresholdsIssue } from "./v2momStatus";

// Each choice list once: the workbook schema's allowed values, the panes' selects and the
// catalogs' keys all come from these, so a new level or status cannot be missed in one place.
export const V2MOM_LEVELS = ["Company", "Organisation", "Team", "Person"] as const;
export const V2MOM_VERSIONS = ["Annual", "Mid-year refresh"] as const;
export const V2MOM_STATUSES = ["Draft", "Published"] as const;
export const MEASURE_STATUSES = ["On track", "At risk", "Off track"] as const;
/** Which way a measure improves; its thresholds are read in that sense (v2momStatus.ts). */
export const MEASURE_DIRECTIONS = [
  "Higher is better",
  "Lower is better",
  "Within a range",
] as const;
export type V2momLevel = (typeof V2MOM_LEVELS)[number];
export type V2momVersion = (typeof V2MOM_VERSIONS)[number];
export type V2momStatus = (typeof V2MOM_STATUSES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

export interface Method {
  id: string;
  text: string;
  owner?: string;
  /** Excel serial date. */
  due?: number;
  /** The parent document's Method this one supports. */
  alignsTo?: string;
}

export interface Obstacle {
  id: string;
  text: string;
  /** The Method it stands in the way of; absent for a general obstacle. */
  methodId?: string;
}

export interface Measure {
  id: string;
  methodId?: string;
  metric: string;
  unit?: string;
  target?: number;
  /** A typed actual, or a link to a workbook cell or name whose value is the actual. */
  actual?: number;
  actualLink?: string;
  /** Excel serial date the actual was last checked. */
  lastChecked?: number;
  /** Absent: higher is better, the meaning of every measure written before directions. */
  direction?: MeasureDirection;
  /** The measure's own status thresholds, read in its direction's sense (StatusThresholds); the defaults apply where absent. */
  onTrackAt?: number;
  atRiskAt?: number;
}

export interface V2mom {
  id: string;
  orgUnit: string;
  level: V2momLevel;
  owner?: string;
  parentId?: string;
  fiscalYear: number;
  version: V2momVersion;
  status: V2momStatus;
  vision: string;
  /** In priority order. */
  values: { id: string; text: string }[];
  /** In priority order. */
  methods: Method[];
  obstacles: Obstacle[];
  measures: Measure[];
}

export type V2momIssueCode =
  | "orgUnitMissing"
  | "fiscalYear"
  | "visionMissing"
  | "noMethods"
  | "duplicateId"
  | "methodText"
  | "obstacleMethodGone"
  | "metricMissing"
  | "targetNotNumber"
  | "measureMethodGone"
  | "linkSyntax"
  | "thresholds"
  | "thresholdsLower"
  | "thresholdsRange";

/** A problem of a V2MOM, next to its field (and item); its code is always set. */
export interface V2momIssue extends Problem<V2momIssueCode> {
  /** Names the rule, so a pane can say it in the user's language. */
  code: V2momIssueCode;
  field: string;
  itemId?: string;
}

/** What keeps a V2MOM from being saved or published, each next to its field. */
export function validateV2mom(doc: V2mom, forPublishing = false): V2momIssue[] {
  const issues: V2momIssue[] = [];
  if (!doc.orgUnit.trim())
    issues.push({
      code: "orgUnitMissing",
      field: "orgUnit",
      message: "Name the organisation, team or person this V2MOM is for.",
    });
  if (!Number.isInteger(doc.fiscalYear) || doc.fiscalYear < 1900)
    issues.push({
      code: "fiscalYear",
      field: "fiscalYear",
      message: "The fiscal year must be a year such as 2027.",
    });
  if (forPublishing && !doc.vision.trim())
    issues.push({
      code: "visionMissing",
      field: "vision",
      message: "Write the vision before publishing.",
    });
  if (forPublishing && doc.methods.length === 0)
    issues.push({
      code: "noMethods",
      field: "methods",
      message: "Add at least one method before publishing.",
    });
  const ids = new Set<string>();
  for (const item of [...doc.values, ...doc.methods, ...doc.obstacles, ...doc.measures]) {
    if (ids.has(item.id))
      issues.push({
        code: "duplicateId",
        field: "items",
        itemId: item.id,
        message: `Two items share the id ${item.id}.`,
      });
    ids.add(item.id);
  }
  const methodIds = new Set(doc.methods.map((m) => m.id));
  for (const method of doc.methods)
    if (!method.text.trim())
      issues.push({
        code: "methodText",
        field: "methods",
        itemId: method.id,
        message: "A method needs a description.",
      });
  for (const obstacle of doc.obstacles) {
    if (obstacle.methodId && !methodIds.has(obstacle.methodId))
      issues.push({
        code: "obstacleMethodGone",
        field: "obstacles",
        itemId: obstacle.id,
        message: "This obstacle refers to a method that no longer exists.",
      });
  }
  for (const measure of doc.measures) {
    if (!measure.metric.trim())
      issues.push({
        code: "metricMissing",
        field: "measures",
        itemId: measure.id,
        message: "A measure needs a metric.",
      });
    if (measure.target !== undefined && !Number.isFinite(measure.target))
      issues.push({
        code: "targetNotNumber",
        field: "measures",
        itemId: measure.id,
        message: "The target must be a number.",
      });
    if (measure.actualLink !== undefined && !isCellLink(measure.actualLink))
      issues.push({
        code: "linkSyntax",
        field: "measures",
        itemId: measure.id,
        message: `"${measure.actualLink}" is not a cell address or name; use the form Sheet1!B2 or 'Pipeline FY27'!C4.`,
      });
    const thresholds = thresholdsIssue(measure);
    if (thresholds) issues.push({ ...thresholds, field: "measures", itemId: measure.id });
    if (measure.methodId && !methodIds.has(measure.methodId))
      issues.push({
        code: "measureMethodGone",
        field: "measures",
        itemId: measure.id,
        message: "This measure refers to a method that no longer exists.",
      });
  }
  return issues;
}

export {
  type StatusThresholds,
  defaultThresholds,
  directionOf,
  measureStatus,
  rangeBands,
  thresholdsOf,
} from "./v2momStatus";

/** Whether a measure's actual has not been checked within `days` days of `today`. */
export const isStale = (measure: Measure, today: number, days = 30) =>
  measure.lastChecked === undefined || today - measure.lastChecked > days;

export interface AlignmentWarning {
  documentId: string;
  methodId: string;
  kind: "unsupported" | "unaligned";
  message: string;
}

/**
 * Cascade checks across all documents of a fiscal year and version: a parent's Method
 * that no child Method supports, and a child's Method aligned to nothing.
 */
export function alignmentWarnings(documents: readonly V2mom[]): AlignmentWarning[] {
  const warnings: AlignmentWarning[] = [];
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const doc of documents) {
    const children = documents.filter((d) => d.parentId === doc.id);
    if (children.length) {
      for (const method of doc.methods) {
        const supported = children.some((child) =>
          child.methods.some((m) => m.alignsTo === method.id)
        );
        if (!supported)
          warnings.push({
            documentId: doc.id,
            methodId: method.id,
            kind: "unsupported",
            message: `No ${children[0].level.toLowerCase()} supports "${method.text}".`,
          });
      }
    }
    const parent = doc.parentId ? byId.get(doc.parentId) : undefined;
    if (parent) {
      for (const method of doc.methods) {
        if (!method.alignsTo || !parent.methods.some((m) => m.id === method.alignsTo)) {
          warnings.push({
            documentId: doc.id,
            methodId: method.id,
            kind: "unaligned",
            message: `"${method.text}" is not aligned to a method of ${parent.orgUnit}.`,
          });
        }
      }
    }
  }
  return warnings;
}

/** Starts the mid-year refresh: a Draft copy of a published Annual V2MOM, which is kept as it was. */
export function startMidYearRefresh(annual: V2mom, newId: string): V2mom {
  if (annual.version !== "Annual" || annual.status !== "Published") {
    throw new Error("Only a published Annual V2MOM can be refreshed.");
  }
  return structuredClone({
    ...annual,
    id: newId,
    version: "Mid-year refresh" as const,
    status: "Draft" as const,
  });
}

export interface ItemChange {
  section: "values" | "methods" | "obstacles" | "measures";
  id: string;
  kind: "added" | "removed" | "reworded" | "re-ranked";
  /** The item as it reads now (as it read, for one removed), so a change names what it is about. */
  item: string;
  before?: string;
  after?: string;
}

/** What changed between two versions of a V2MOM: items added, removed, reworded or re-ranked. */
export function diffV2mom(
  before: V2mom,
  after: V2mom
): { visionChanged: boolean; changes: ItemChange[] } {
  const changes: ItemChange[] = [];
  const textOf = (item: { text?: string; metric?: string }) => item.text ?? item.metric ?? "";
  for (const section of ["values", "methods", "obstacles", "measures"] as const) {
    const old = before[section] as { id: string; text?: string; metric?: string }[];
    const now = after[section] as { id: string; text?: string; metric?: string }[];
    const oldIndex = new Map(old.map((item, i) => [item.id, i]));
    const nowIndex = new Map(now.map((item, i) => [item.id, i]));
    for (const item of now) {
      if (!oldIndex.has(item.id))
        changes.push({
          section,
          id: item.id,
          kind: "added",
          item: textOf(item),
          after: textOf(item),
        });
    }
    for (const item of old) {
      if (!nowIndex.has(item.id))
        changes.push({
          section,
          id: item.id,
          kind: "removed",
          item: textOf(item),
          before: textOf(item),
        });
    }
    // Re-ranked: an item's rank among the items both versions share changed.
    const shared = now.filter((item) => oldIndex.has(item.id));
    const oldOrder = old.filter((item) => nowIndex.has(item.id)).map((item) => item.id);
    shared.forEach((item, rank) => {
      const previous = old[oldIndex.get(item.id)!];
      if (textOf(previous).trim() !== textOf(item).trim())
        changes.push({
          section,
          id: item.id,
          kind: "reworded",
          item: textOf(item),
          before: textOf(previous),
          after: textOf(item),
        });
      if ((section === "values" || section === "methods") && oldOrder[rank] !== item.id) {
        changes.push({
          section,
          id: item.id,
          kind: "re-ranked",
          item: textOf(item),
          before: String(oldOrder.indexOf(item.id) + 1),
          after: String(rank + 1),
        });
      }
    });
  }
  return { visionChanged: before.vision.trim() !== after.vision.trim(), changes };
}

/** Moves an item one step up or down in a ranked list (keyboard reordering), or to a new index (drag). */
export function reorder<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length) return [...items];
  const target = Math.max(0, Math.min(items.length - 1, to));
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved);
  return next;
}

/**
 * A link to the cell or name holding a measure's actual: `Sheet1!B2`, `'Pipeline FY27'!$C$4`
 * or a workbook name such as `ClosedWonYTD`. Sheet names follow Excel's rules (no []:*?/\).
 */
const CELL_LINK =
  /^(?:(?:'(?:[^'[\]:*?/\\]|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!\$?[A-Za-z]{1,3}\$?[1-9]\d{0,6}|[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)$/u;

export const isCellLink = (link: string) =>
  CELL_LINK.test(link.trim()) && !/^[A-Za-z]{1,3}[0-9]+$/.test(link.trim());

/** The next free id with a prefix, e.g. M4 after M1..M3, so ids stay short and readable in the tables. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  let max = 0;
  for (const id of taken) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return `${prefix}${max + 1}`;
}

/** Every id used inside a document, to draw new item ids from. */
export const itemIds = (doc: V2mom) =>
  [...doc.values, ...doc.methods, ...doc.obstacles, ...doc.measures].map((item) => item.id);

const CHILD_LEVEL: Record<V2momLevel, V2momLevel> = {
  Company: "Organisation",
  Organisation: "Team",
  Team: "Person",
  Person: "Person",
};

/**
 * An empty Draft V2MOM, cascaded from `parent` when given (one level down, same fiscal year);
 * a company V2MOM for `fiscalYear` otherwise.
 */
export function newV2mom(id: string, parent: V2mom | undefined, fiscalYear: number): V2mom {
  return {
    id,
    orgUnit: "",
    level: parent ? CHILD_LEVEL[parent.level] : "Company",
    parentId: parent?.id,
    fiscalYear: parent?.fiscalYear ?? fiscalYear,
    version: "Annual",
    status: "Draft",
    vision: "",
    values: [],
    methods: [],
    obstacles: [],
    measures: [],
  };
}
