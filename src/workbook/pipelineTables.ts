/**
 * The pipeline's plan tables, for the Pipeline pane and the command line alike: the Pipeline
 * Log and Forecast Calls rows as the domain's LogEntry and ForecastCall (and back), the log
 * read and indexed once per load, a capture of the user's opportunities table (read through
 * its mapping: pipelineSource.ts) saved through the store, and forecast calls submitted. A
 * capture is refused, writing nothing and saying where, rather than made from a guess.
 */
import { labelKey } from "../domain/labels";
import {
  CALL_KINDS,
  FORECAST_CALLS_TABLE,
  FORECAST_CATEGORIES,
  submission,
  type AdjustmentDraft,
  type CallDraft,
  type ForecastCall,
} from "../domain/forecastCalls";
import {
  LOG_CHANGES,
  LogIndex,
  PIPELINE_LOG_TABLE,
  pipelineLogProblem,
  reconstruct,
  type LogEntry,
  type Opportunity,
} from "../domain/pipelineLog";
import {
  applyCapture,
  captureChanges,
  type CaptureProblem,
  type CaptureSummary,
} from "../domain/pipelineCapture";
import {
  PIPELINE_FIELDS,
  PIPELINE_SETTINGS,
  pipelineSettingsChanges,
  pipelineTableProblem,
  readOpportunities,
  readPipelineSettings,
  textOf,
  type PipelineSource,
  type ReadOpportunities,
} from "./pipelineSource";
import {
  CellValue,
  PlanProblem,
  PlanRow,
  RawTable,
  TableData,
  cellOf,
  columnLetters,
  planRow,
} from "./rows";
import { tables } from "./schema";
import { PlanStoreError, refusal } from "./storeError";
import type { PlanSnapshot, PlanStore } from "./store";

// The pane and the command line import the pipeline's workbook layer from here.
export * from "./pipelineSource";

// ---------------------------------------------------------------------------------------
// The Pipeline Log

const LOG_SPEC = tables.pipelineLog;

/** The Pipeline Log rows for entries (the schema's columns, in its order). */
export function rowsFromLog(entries: readonly LogEntry[]): PlanRow[] {
  return entries.map((e) =>
    planRow(PIPELINE_LOG_TABLE.columns.map(({ header, field }) => [header, e[field]] as const))
  );
}

/** A loaded log: its entries, their index, and what keeps it from being read (then refuse). */
export interface LoadedLog {
  entries: LogEntry[];
  /** The sheet row of each entry. */
  sheetRows: number[];
  index: LogIndex;
  /** The store's errors in the log and each Change it cannot read: the log is unusable while any. */
  problems: PlanProblem[];
}

const canonical = <C extends string>(choices: readonly C[], value: CellValue): C | undefined =>
  choices.find((c) => labelKey(c) === labelKey(String(value ?? "")));

/**
 * The log's entries from the table as the store read it. A row the store found an error in
 * is left out and its problem kept; a Change that is not New, Changed or Removed is one too.
 */
export function logFromRows(table: TableData, storeProblems: readonly PlanProblem[] = []) {
  const problems: PlanProblem[] = storeProblems.filter(
    (p) => p.table === LOG_SPEC.table && p.severity === "error"
  );
  const badRows = new Set(problems.map((p) => p.row));
  const entries: LogEntry[] = [];
  const sheetRows: number[] = [];
  const changeColumn = columnLetters(Math.max(0, table.header.indexOf("Change")));
  table.rows.forEach((r, i) => {
    const sheetRow = i + 2;
    const change = canonical(LOG_CHANGES, cellOf(r, "Change") ?? null);
    if (change === undefined) {
      const value = String(cellOf(r, "Change") ?? "");
      problems.push({
        severity: "error",
        sheet: LOG_SPEC.sheet,
        table: LOG_SPEC.table,
        row: sheetRow,
        column: "Change",
        address: `${changeColumn}${sheetRow}`,
        ...pipelineTableProblem("changeUnknown", { value, choices: LOG_CHANGES.join(", ") }),
      });
      return;
    }
    if (badRows.has(sheetRow)) return;
    const text = (h: string) => textOf(cellOf(r, h) ?? null);
    const num = (h: string) => {
      const v = cellOf(r, h);
      return typeof v === "number" ? v : null;
    };
    entries.push({
      asOf: num("AsOf") ?? 0,
      id: text("OpportunityId") ?? "",
      change,
      changedFields: text("ChangedFields") ?? "",
      name: text("Name"),
      owner: text("Owner"),
      stage: text("Stage"),
      amount: num("Amount"),
      closeDate: num("CloseDate"),
      createdDate: num("CreatedDate"),
      forecastCategory: text("ForecastCategory"),
      leadSource: text("LeadSource"),
    });
    sheetRows.push(sheetRow);
  });
  return { entries, sheetRows, problems };
}

/** Loaded logs by the table data the store read, so a pane re-reads and re-indexes nothing. */
const loaded = new WeakMap<TableData, LoadedLog>();

/** The plan's pipeline log, read and indexed once per loaded table (cached). */
export function pipelineLogOf(plan: PlanSnapshot): LoadedLog {
  const table = plan.tables.pipelineLog;
  const known = loaded.get(table);
  if (known) return known;
  const read = logFromRows(table, plan.problems);
  const log = { ...read, index: LogIndex.of(read.entries) };
  loaded.set(table, log);
  return log;
}

/** The opportunities as captured at or before `date` (an Excel serial); none before the first capture. */
export function snapshotAsOf(plan: PlanSnapshot, date: number): Opportunity[] {
  const log = pipelineLogOf(plan);
  if (log.problems.length) throw refusal(log.problems);
  return reconstruct(log.entries, date, log.index);
}

/** The dates captured, earliest first. */
export function captureDatesOf(plan: PlanSnapshot): number[] {
  const { entries } = pipelineLogOf(plan);
  return [...new Set(entries.map((e) => e.asOf))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Capturing

export interface CaptureOptions {
  /** The plan as loaded (else the store loads it). */
  plan?: PlanSnapshot;
  /** The table and columns to capture; saved as the pipeline's settings with the capture. Else the stored ones. */
  source?: PipelineSource;
  /** Today (a whole-day serial), else by the store's clock: a later as-of date is refused. */
  today?: number;
}

export interface CaptureResult {
  /** The plan after the save (unchanged when nothing changed and no setting was new). */
  plan: PlanSnapshot;
  asOf: number;
  source: PipelineSource;
  summary: CaptureSummary;
  /** Rows appended to the log, and earlier rows of the same date they replace. */
  appended: number;
  replaced: number;
}

/** A capture's problem (row n of the opportunities read) at its cell in the user's table. */
function placed(
  problem: CaptureProblem,
  raw: RawTable,
  read: ReadOpportunities,
  source: PipelineSource
): PlanProblem {
  const { field, row } = problem;
  const sheetRow = row === undefined ? undefined : read.sheetRows[row - 1];
  // The other row a repeated id is in, as the sheet numbers it too (the core counts data rows).
  const first = problem.code === "captureIdTwice" ? Number(problem.values?.first) : NaN;
  const { code, values, message } =
    first >= 1 && read.sheetRows[first - 1] !== undefined
      ? pipelineLogProblem("captureIdTwice", {
          ...problem.values,
          first: read.sheetRows[first - 1],
        })
      : problem;
  const header = field === "id" ? source.mapping.id : undefined;
  const index =
    header === undefined
      ? -1
      : raw.header.findIndex((h) => labelKey(String(h ?? "")) === labelKey(header));
  return {
    severity: "error",
    sheet: raw.sheet,
    table: source.table.name,
    ...(sheetRow === undefined ? {} : { row: sheetRow }),
    column: header ?? field,
    ...(sheetRow !== undefined && index >= 0
      ? { address: `${columnLetters(raw.firstColumn + index)}${sheetRow}` }
      : {}),
    code,
    values,
    message,
  };
}

/**
 * Captures the opportunities table as of `asOf` (a whole-day serial): reads it by its
 * mapping, appends what changed since the last capture to the Pipeline Log (a second
 * capture of the same day replaces that day's rows) and saves, with the source as the
 * pipeline's settings when it is new, in one change. Throws a PlanStoreError with located
 * problems, writing nothing, when no table is chosen or it is gone, a cell cannot be read, an
 * id is blank or repeated, or `asOf` is before the last capture or after `options.today`.
 */
export async function capturePipeline(
  store: PlanStore,
  asOf: number,
  options: CaptureOptions = {}
): Promise<CaptureResult> {
  const plan = options.plan ?? (await store.load());
  const source = options.source ?? readPipelineSettings(plan).source;
  const here = { sheet: tables.scenarioSettings.sheet, table: tables.scenarioSettings.table };
  if (!source)
    throw refusal([{ severity: "error", ...here, ...pipelineTableProblem("pipelineNoTable") }]);
  const { name, sheet } = source.table;
  const listed = (await store.listUserTables()).find((t) => t.name === name);
  const raw = listed && (await store.readUserTable(listed));
  if (!raw)
    throw refusal([
      {
        severity: "error",
        sheet,
        table: name,
        ...pipelineTableProblem("pipelineTableGone", { table: name, sheet }),
      },
    ]);
  const table = { name, sheet: raw.sheet };
  const found = { table, mapping: source.mapping };
  const read = readOpportunities(raw, name, source.mapping);
  if (read.problems.length) throw refusal(read.problems);
  const log = pipelineLogOf(plan);
  if (log.problems.length) throw refusal(log.problems);
  const today = options.today ?? store.today();
  const made = captureChanges(log.entries, read.opportunities, asOf, log.index, today);
  if (!made.ok) throw refusal(made.problems.map((p) => placed(p, raw, read, found)));
  // The same day captured again as it was: nothing to correct, nothing to write, and nothing
  // changed since that capture (what it changed was said when it was made).
  const unchangedDay = made.replaces.length > 0 && sameDay(log.entries, made.replaces, made.rows);
  const capture = unchangedDay
    ? { ...made, rows: [], replaces: [], summary: nothingChanged(made.summary, read) }
    : made;
  const after = applyCapture(log.entries, capture);

  const replaced = new Set(capture.replaces);
  const rows = plan.tables.pipelineLog.rows;
  // Rows kept are the rows as read (written back cell for cell, a user's columns and all);
  // with no problem in the log, entry i is table row i.
  const keptRows = replaced.size ? rows.filter((_, i) => !replaced.has(i)) : rows;
  const changes: Parameters<PlanStore["save"]>[1] = {};
  if (capture.rows.length || capture.replaces.length)
    changes.pipelineLog = [...keptRows, ...rowsFromLog(capture.rows)];
  if (!sameSource(readPipelineSettings(plan).source, found))
    Object.assign(changes, pipelineSettingsChanges(plan, found));
  const result = { asOf, source: found, summary: capture.summary };
  const counts = { appended: capture.rows.length, replaced: capture.replaces.length };
  if (Object.keys(changes).length === 0) return { plan, ...result, ...counts };
  const next = await store.save(plan, changes, PIPELINE_SETTINGS);
  // The next capture or reconstruction extends this index rather than building one.
  if (changes.pipelineLog && !replaced.size && next.tables.pipelineLog.rows.length === after.length)
    loaded.set(next.tables.pipelineLog, {
      entries: after,
      sheetRows: after.map((_, i) => i + 2),
      index: LogIndex.of(after, log.index),
      problems: [],
    });
  return { plan: next, ...result, ...counts };
}

/** The summary of a capture that finds every opportunity as the last capture left it. */
const nothingChanged = (s: CaptureSummary, read: ReadOpportunities): CaptureSummary => ({
  new: 0,
  changed: 0,
  removed: 0,
  unchanged: read.opportunities.length,
  byField: Object.fromEntries(
    Object.keys(s.byField).map((k) => [k, 0])
  ) as CaptureSummary["byField"],
});

/** Whether the rows a capture would write are the rows it replaces (in any order). */
function sameDay(log: readonly LogEntry[], replaces: readonly number[], rows: readonly LogEntry[]) {
  if (replaces.length !== rows.length) return false;
  const key = (e: LogEntry) =>
    JSON.stringify(PIPELINE_LOG_TABLE.columns.map(({ field }) => e[field]));
  const before = new Set(replaces.map((i) => key(log[i])));
  return rows.every((e) => before.has(key(e)));
}

const sameSource = (a: PipelineSource | undefined, b: PipelineSource) =>
  a !== undefined &&
  a.table.name === b.table.name &&
  a.table.sheet === b.table.sheet &&
  PIPELINE_FIELDS.every((f) => (a.mapping[f.key] ?? "") === (b.mapping[f.key] ?? ""));

// ---------------------------------------------------------------------------------------
// Forecast calls

const CALLS_SPEC = tables.forecastCalls;

/** The Forecast Calls rows for calls. */
export function rowsFromCalls(calls: readonly ForecastCall[]): PlanRow[] {
  return calls.map((c) =>
    planRow(FORECAST_CALLS_TABLE.columns.map(({ header, field }) => [header, c[field]] as const))
  );
}

/**
 * The calls from the table as the store read it, with the store's errors in it (a row with
 * one is left out: its amount or time is unknown). Category and Kind take their canonical
 * spelling.
 */
export function callsFromRows(
  table: TableData,
  storeProblems: readonly PlanProblem[] = []
): { calls: ForecastCall[]; problems: PlanProblem[] } {
  const problems = storeProblems.filter((p) => p.table === CALLS_SPEC.table);
  const bad = new Set(problems.filter((p) => p.severity === "error").map((p) => p.row));
  const calls: ForecastCall[] = [];
  table.rows.forEach((r, i) => {
    if (bad.has(i + 2)) return;
    const text = (h: string) => textOf(cellOf(r, h) ?? null);
    const category = canonical(FORECAST_CATEGORIES, cellOf(r, "Category") ?? null);
    const kind = canonical(CALL_KINDS, cellOf(r, "Kind") ?? null);
    // The store warns of a category or kind it does not know; the call cannot be counted.
    if (category === undefined || kind === undefined) return;
    calls.push({
      callId: text("CallId") ?? "",
      period: text("Period") ?? "",
      owner: text("Owner") ?? "",
      category,
      kind,
      adjusts: text("Adjusts"),
      amount: Number(cellOf(r, "Amount")),
      note: text("Note"),
      submittedAt: Number(cellOf(r, "SubmittedAt")),
      submittedBy: text("SubmittedBy") ?? "",
    });
  });
  return { calls, problems };
}

/** The plan's forecast calls (rows the store could not read left out; see callsFromRows). */
export const forecastCallsOf = (plan: PlanSnapshot) =>
  callsFromRows(plan.tables.forecastCalls, plan.problems);

/**
 * Submits a call or a manager's adjustment: one row appended to Forecast Calls, every earlier
 * row as read. Throws a PlanStoreError with the call's problems (nothing written) when the
 * domain refuses it.
 */
export async function submitCall(
  store: PlanStore,
  plan: PlanSnapshot,
  draft: CallDraft | AdjustmentDraft
): Promise<{ plan: PlanSnapshot; call: ForecastCall }> {
  const { calls } = forecastCallsOf(plan);
  const made = submission(calls, draft);
  if (!made.ok)
    throw new PlanStoreError(
      "invalid",
      made.problems[0],
      made.problems.map((p) => ({
        severity: "error",
        sheet: CALLS_SPEC.sheet,
        table: CALLS_SPEC.table,
        column: FORECAST_CALLS_TABLE.columns.find((c) => c.field === p.field)?.header,
        field: p.field,
        code: p.code,
        values: p.values,
        message: p.message,
      }))
    );
  const rows = [...plan.tables.forecastCalls.rows, ...rowsFromCalls([made.call])];
  const next = await store.save(plan, { forecastCalls: rows });
  return { plan: next, call: made.call };
}
