/**
 * The plan's table layouts: every piece of plan data is an Excel table on a named sheet,
 * readable, filterable and chartable without the add-in. Table names share the prefix
 * "Plan"; the schema version is kept in the workbook (PlanInfo) so later versions can
 * migrate what earlier ones wrote.
 */
import { FORECAST_CALLS_TABLE } from "../domain/forecastCalls";
import { PIPELINE_LOG_TABLE } from "../domain/pipelineLog";
import { SCENARIO_STATES } from "../domain/scenario";
import {
  MEASURE_DIRECTIONS,
  MEASURE_STATUSES,
  V2MOM_LEVELS,
  V2MOM_STATUSES,
  V2MOM_VERSIONS,
} from "../domain/v2mom";

/**
 * 2 added the Capacity Plan, Pipeline Log and Forecast Calls tables. A table added after
 * version 1 says so (`since`): a plan saved by an earlier version has none, which is not a
 * deleted table.
 */

export const SCHEMA_VERSION = 2;

export type ColumnType = "text" | "number" | "date" | "boolean";

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values of a text column (matched case-insensitively). */
  choices?: readonly string[];
}

export interface TableSpec {
  /** Excel table name (letters and digits only). */
  table: string;
  sheet: string;
  columns: readonly ColumnSpec[];
  /** Columns whose values together identify a row; duplicates are reported. */
  key: readonly string[];
  /** Whether overwrites keep the previous rows in a history table. */
  history: boolean;
  /** The schema version that added this table (absent: it was there from version 1). */
  since?: number;
}

const text = (header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header,
  type: "text",
  ...extra,
});
const num = (header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header,
  type: "number",
  ...extra,
});
const date = (header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header,
  type: "date",
  ...extra,
});
const bool = (header: string): ColumnSpec => ({ header, type: "boolean" });

/** A table whose layout its model declares in the domain, without the model's field names. */
const fromDomain = (spec: {
  table: string;
  sheet: string;
  key: readonly string[];
  history: boolean;
  columns: readonly (ColumnSpec & { field: string })[];
}): TableSpec => ({
  ...spec,
  columns: spec.columns.map(({ field: _field, ...column }) => column),
});

// The choice lists of the plan's own models live in the domain; these are the tables' own.
export const V2MOM_ITEM_KINDS = ["Value", "Method", "Obstacle"] as const;
/** Excel's types of a stored cell value, as a write-back records the cell it replaced. */
export const CELL_KINDS = ["blank", "text", "number", "boolean", "date", "error"] as const;

export const tables = {
  v2momDocuments: {
    table: "PlanV2momDocuments",
    sheet: "V2MOM Documents",
    key: ["DocumentId"],
    history: true,
    columns: [
      text("DocumentId", { required: true }),
      text("OrgUnit", { required: true }),
      text("Level", { choices: V2MOM_LEVELS }),
      text("Owner"),
      text("ParentDocumentId"),
      num("FiscalYear", { required: true }),
      text("Version", { choices: V2MOM_VERSIONS }),
      text("Status", { choices: V2MOM_STATUSES }),
      text("Vision"),
      date("Updated"),
    ],
  },
  v2momItems: {
    table: "PlanV2momItems",
    sheet: "V2MOM Items",
    key: ["DocumentId", "ItemId"],
    history: true,
    columns: [
      text("DocumentId", { required: true }),
      text("ItemId", { required: true }),
      text("Kind", { required: true, choices: V2MOM_ITEM_KINDS }),
      num("Rank"),
      text("Text"),
      text("Owner"),
      date("DueDate"),
      text("AlignsTo"),
      text("MethodId"),
    ],
  },
  v2momMeasures: {
    table: "PlanV2momMeasures",
    sheet: "V2MOM Measures",
    key: ["DocumentId", "MeasureId"],
    history: true,
    columns: [
      text("DocumentId", { required: true }),
      text("MeasureId", { required: true }),
      text("MethodId"),
      text("Metric", { required: true }),
      text("Unit"),
      num("Target"),
      num("Actual"),
      text("ActualLink"),
      text("Status", { choices: MEASURE_STATUSES }),
      date("LastChecked"),
      // How OnTrackAt and AtRiskAt read; a blank cell or no column at all: higher is better.
      text("Direction", { choices: MEASURE_DIRECTIONS }),
      num("OnTrackAt"),
      num("AtRiskAt"),
    ],
  },
  scenarios: {
    table: "PlanScenarios",
    sheet: "Scenarios",
    key: ["Scenario"],
    history: true,
    columns: [
      text("Scenario", { required: true }),
      date("Created"),
      text("Note"),
      text("State", { choices: SCENARIO_STATES }),
      // Fairness of the scenario's territories, for comparing scenarios with plain formulas.
      num("MaxDeviation"),
      num("CV"),
      num("Gini"),
      num("MaxMinRatio"),
      num("AccountsMoved"),
      num("Continuity"),
      num("Unassigned"),
      num("CompanyTarget"),
      num("QuotaTotal"),
      bool("TiesOut"),
    ],
  },
  /** The rules a scenario was run with, one per row, so the command line can run it again. */
  scenarioSettings: {
    table: "PlanScenarioSettings",
    sheet: "Scenario Settings",
    key: ["Scenario", "Setting"],
    history: true,
    columns: [
      text("Scenario", { required: true }),
      text("Setting", { required: true }),
      text("Value"),
    ],
  },
  assignments: {
    table: "PlanAssignments",
    sheet: "Assignments",
    key: ["Scenario", "AccountId"],
    history: true,
    columns: [
      text("Scenario", { required: true }),
      text("AccountId", { required: true }),
      text("RepId"),
      text("Reason"),
      text("MovedFrom"),
      bool("Locked"),
    ],
  },
  repSummary: {
    table: "PlanRepSummary",
    sheet: "Rep Summary",
    key: ["Scenario", "RepId"],
    history: true,
    columns: [
      text("Scenario", { required: true }),
      text("RepId", { required: true }),
      num("Accounts"),
      num("Potential"),
      num("Workload"),
      num("Load"),
      num("Target"),
      num("Deviation"),
    ],
  },
  quotas: {
    table: "PlanQuotas",
    sheet: "Quotas",
    key: ["Scenario", "RepId"],
    history: true,
    columns: [
      text("Scenario", { required: true }),
      text("RepId", { required: true }),
      text("Team"),
      text("Method"),
      num("RampFactor"),
      num("Annual", { required: true }),
      ...Array.from({ length: 12 }, (_, m) => num(`M${m + 1}`)),
    ],
  },
  /**
   * A scenario's capacity plan, long so that it filters and charts without the add-in: one
   * row per setting (Month blank), one per month for the planned hires (Month 1–12, with the
   * plan's people in seat, ramped FTE and capacity revenue of that month as saved) and one
   * per month of a hire's ramp (Month = the hire's 1st, 2nd, … month). The add-in reads the
   * inputs (Value) and works the plan out again from them; the three figures are for people.
   * An actual factor of the revenue bridge read from a cell or name has a setting row whose
   * Link is that cell or name (Value blank). Tables written before Link existed read it blank.
   */
  capacity: {
    table: "PlanCapacity",
    sheet: "Capacity Plan",
    key: ["Scenario", "Setting", "Month"],
    history: true,
    since: 2,
    columns: [
      text("Scenario", { required: true }),
      text("Setting", { required: true }),
      num("Month"),
      num("Value"),
      num("InSeat"),
      num("RampedFTE"),
      num("CapacityRevenue"),
      text("Link"),
    ],
  },
  /**
   * The opportunities as captured over time: a row per deal that was new, changed or removed
   * at each capture, never a full copy (src/domain/pipelineLog.ts), so a year of weekly
   * captures of 100,000 deals fits one sheet and any earlier snapshot can be rebuilt.
   */
  pipelineLog: { ...fromDomain(PIPELINE_LOG_TABLE), since: 2 },
  /** Every forecast call submitted, a manager's adjustment as its own row (forecastCalls.ts). */
  forecastCalls: { ...fromDomain(FORECAST_CALLS_TABLE), since: 2 },
  /**
   * Every cell the add-in changed in a user's own table (on explicit request, such as writing
   * the assigned rep into the accounts table), with the cell exactly as it was (value, type,
   * formula), so it can be restored; undoing a write-back marks its rows with the undoing
   * change, so the undone ones stay readable and the next undo goes one write-back further.
   * Workbooks written before PreviousKind existed read it blank: the previous value as text.
   */
  writeBacks: {
    table: "PlanWriteBacks",
    sheet: "Write-back History",
    key: [],
    history: false,
    columns: [
      text("ChangeId", { required: true }),
      date("ChangedAt"),
      text("Scenario"),
      text("Table", { required: true }),
      text("Column", { required: true }),
      text("Key", { required: true }),
      // The sheet row of the cell when it was written: an undo puts the value back there.
      num("Row"),
      text("Previous"),
      text("PreviousKind", { choices: CELL_KINDS }),
      // The previous cell's formula without its "=", when it held one.
      text("PreviousFormula"),
      text("New"),
      text("UndoneBy"),
    ],
  },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof tables;
export const tableNames = Object.keys(tables) as TableName[];

/**
 * History retention: a history table keeps the rows replaced by the last 20 changes to its
 * table. Each save reads and rewrites its history table whole, so an unbounded history makes
 * every save slower until the workbook can no longer be saved at all (about ten runs of a
 * 100,000-account plan reach a million rows); 20 changes is a working month of runs.
 */
export const HISTORY_CHANGES_KEPT = 20;

/**
 * ... and at most this many rows, dropping whole older changes first (the latest change is
 * always kept whole): 200,000 rows keep a save of a large plan within seconds and a history
 * sheet far below Excel's 1,048,576 rows.
 */
export const HISTORY_ROWS_KEPT = 200_000;

/** Columns a history table adds in front of the copied rows. */
export const HISTORY_COLUMNS: readonly ColumnSpec[] = [
  text("ChangeId"),
  date("ChangedAt"),
  text("ChangedScenario"),
];

/** The history table kept for a plan table: same columns, plus when and which change. */
export function historySpec(spec: TableSpec): TableSpec {
  return {
    table: `${spec.table}History`,
    sheet: `${spec.sheet} History`,
    key: [],
    history: false,
    columns: [...HISTORY_COLUMNS, ...spec.columns],
  };
}

/** Where the schema version and the revision counter live: a small key/value table. */
export const infoSpec: TableSpec = {
  table: "PlanInfo",
  sheet: "Plan Info",
  key: ["Key"],
  history: false,
  columns: [text("Key", { required: true }), text("Value")],
};
