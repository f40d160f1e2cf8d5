/**
 * The pipeline's history as a change log, not as full copies: each capture of the user's
 * opportunities appends one row per opportunity that is new, changed or gone since the last
 * capture, so a year of weekly captures of 100,000 deals fits one worksheet, and any earlier
 * snapshot is the last row of each opportunity at or before its date.
 *
 * The log is a plain table a person can filter without the add-in: AsOf, OpportunityId,
 * Change (New | Changed | Removed), ChangedFields, then every field's value after the change.
 * Rows are found by their AsOf, never by their order, so sorting the table loses nothing.
 */
import { isoFromSerial } from "./calendar";
import { valueError } from "./errors";
import { wordsFrom } from "./problem";

/** An opportunity as a capture reads it: the mapped fields, blank (null) where not mapped. */
export interface Opportunity {
  readonly id: string;
  readonly name: string | null;
  readonly owner: string | null;
  readonly stage: string | null;
  readonly amount: number | null;
  /** Excel serial. */
  readonly closeDate: number | null;
  /** Excel serial. */
  readonly createdDate: number | null;
  readonly forecastCategory: string | null;
  readonly leadSource: string | null;
}

export type OpportunityField = Exclude<keyof Opportunity, "id">;

/**
 * The fields a capture compares, with the log column that holds each. All of them log a
 * Changed row, not only stage, amount, close date, owner and category: a reconstructed
 * snapshot must be the snapshot that was captured (Movement and Accuracy read the past as it
 * was, and a stale name or lead source would be a wrong value nobody sees), and renames or
 * corrected created dates are rare, so they cost few rows. ChangedFields says which fields
 * changed, so a person can filter the movements from the corrections.
 */
export const OPPORTUNITY_FIELDS = [
  { key: "name", header: "Name", type: "text" },
  { key: "owner", header: "Owner", type: "text" },
  { key: "stage", header: "Stage", type: "text" },
  { key: "amount", header: "Amount", type: "number" },
  { key: "closeDate", header: "CloseDate", type: "date" },
  { key: "forecastCategory", header: "ForecastCategory", type: "text" },
  { key: "createdDate", header: "CreatedDate", type: "date" },
  { key: "leadSource", header: "LeadSource", type: "text" },
] as const satisfies readonly {
  key: OpportunityField;
  header: string;
  type: "text" | "number" | "date";
}[];

export const LOG_CHANGES = ["New", "Changed", "Removed"] as const;
export type LogChange = (typeof LOG_CHANGES)[number];

/**
 * One row of the log: an opportunity's fields after the change. A Removed row keeps the
 * values it was last captured with, so the sheet shows what left the pipeline (and at what
 * amount) without looking further up.
 */
export interface LogEntry extends Opportunity {
  /** The capture's date, an Excel serial (a whole day). */
  readonly asOf: number;
  readonly change: LogChange;
  /** A Changed row's changed fields by header, in column order ("Stage, Amount"); else "". */
  readonly changedFields: string;
}

/**
 * The log as a worksheet table, for the workbook layer to declare (shaped like schema.ts's
 * TableSpec; the domain imports nothing from the shells). One row per opportunity per
 * capture date, hence the key.
 */
export const PIPELINE_LOG_TABLE = {
  table: "PlanPipelineLog",
  sheet: "Pipeline Log",
  key: ["AsOf", "OpportunityId"],
  history: true,
  columns: [
    { header: "AsOf", type: "date", required: true, field: "asOf" },
    { header: "OpportunityId", type: "text", required: true, field: "id" },
    { header: "Change", type: "text", required: true, choices: LOG_CHANGES, field: "change" },
    { header: "ChangedFields", type: "text", field: "changedFields" },
    ...OPPORTUNITY_FIELDS.map(({ key, header, type }) => ({ header, type, field: key })),
  ],
} as const satisfies {
  table: string;
  sheet: string;
  key: readonly string[];
  history: boolean;
  columns: readonly {
    header: string;
    type: "text" | "number" | "date";
    required?: boolean;
    choices?: readonly string[];
    field: keyof LogEntry;
  }[];
};

/** Worksheet rows a log can use: the sheet's 1,048,576 less its header row. */
export const LOG_ROWS_MAX = 1_048_575;

/** What a capture or the log can be refused for, in English (the catalogs translate the codes). */
export const PIPELINE_LOG_PROBLEMS = {
  captureIdBlank: "opportunity id is blank",
  captureIdTwice: 'opportunity id "{id}" is also in row {first}',
  captureDate: "the capture date must be a date, got {value}",
  captureAfterToday:
    "the capture date {asOf} is after today ({today}): a capture records the table as it is now, so date it today or earlier",
  captureBeforeLast:
    "the log already holds a capture of {last}; a capture of {asOf} would rewrite the history after it, so capture as of {last} or later",
  logEntryTwice:
    'the pipeline log holds opportunity "{id}" twice as of {asOf} (also in row {first})',
  logFull:
    "the capture adds {adding} rows to the log's {rows}; one worksheet holds {max} rows: start a new log (copy the sheet away) before capturing",
} as const;

export type PipelineLogProblemCode = keyof typeof PIPELINE_LOG_PROBLEMS;
export const pipelineLogProblem = wordsFrom(PIPELINE_LOG_PROBLEMS);

/** An Excel serial as an ISO date for a message, or as written when it is no date. */
export const dateText = (serial: number) => {
  try {
    return isoFromSerial(serial);
  } catch {
    return String(serial);
  }
};

const GROW = 1.5;

/**
 * The log's rows by opportunity, as numbers: each id gets a number once, and each row its
 * id's number and date in typed arrays, so that finding every opportunity's latest row as of
 * a date is one pass over two arrays, with no string hashing and no objects. Building it is
 * one lookup a row; a pane that reads the log once and reconstructs many dates (Movement,
 * Accuracy) or captures after capturing keeps it (see `LogIndex.of`).
 */
export class LogIndex {
  private readonly numberOf = new Map<string, number>();
  private rowIds = new Int32Array(1024);
  private rowDates = new Float64Array(1024);
  private rows = 0;
  private lastEntry: LogEntry | undefined;
  /** The latest AsOf in the log (−Infinity when it is empty). */
  lastDate = -Infinity;

  private constructor() {}

  /**
   * The index of `log`: `previous` extended in place when `log` is the log it indexed with
   * rows appended (as `applyCapture` appends them), else a new one.
   */
  static of(log: readonly LogEntry[], previous?: LogIndex): LogIndex {
    const extendable =
      previous !== undefined &&
      previous.rows <= log.length &&
      (previous.rows === 0 || log[previous.rows - 1] === previous.lastEntry);
    const index = extendable ? previous : new LogIndex();
    index.extend(log);
    return index;
  }

  /** How many distinct opportunities the log holds. */
  get ids(): number {
    return this.numberOf.size;
  }

  /** The opportunity's number, if the log holds it. */
  numberOfId(id: string): number | undefined {
    return this.numberOf.get(id);
  }

  /** Whether this index was built from `log` as it is now. */
  indexes(log: readonly LogEntry[]): boolean {
    return this.rows === log.length && (log.length === 0 || log[log.length - 1] === this.lastEntry);
  }

  private extend(log: readonly LogEntry[]) {
    if (log.length > this.rowIds.length) {
      const size = Math.max(log.length, Math.ceil(this.rowIds.length * GROW));
      const ids = new Int32Array(size);
      ids.set(this.rowIds.subarray(0, this.rows));
      const dates = new Float64Array(size);
      dates.set(this.rowDates.subarray(0, this.rows));
      this.rowIds = ids;
      this.rowDates = dates;
    }
    const { numberOf, rowIds, rowDates } = this;
    let lastDate = this.lastDate;
    for (let i = this.rows; i < log.length; i++) {
      const row = log[i];
      let n = numberOf.get(row.id);
      if (n === undefined) numberOf.set(row.id, (n = numberOf.size));
      rowIds[i] = n;
      const asOf = row.asOf;
      rowDates[i] = asOf;
      if (asOf > lastDate) lastDate = asOf;
    }
    this.lastDate = lastDate;
    this.rows = log.length;
    this.lastEntry = log[log.length - 1];
  }

  /**
   * Each opportunity's latest row (by number; −1: none) dated before `limit`, or at it when
   * `inclusive`. Two rows of one opportunity at one date make the history ambiguous:
   * #VALUE! naming both where it matters to the answer (the store's key check on AsOf +
   * OpportunityId finds them all).
   */
  latest(log: readonly LogEntry[], limit: number, inclusive: boolean): Int32Array {
    const { rowIds, rowDates, rows } = this;
    const latest = new Int32Array(this.numberOf.size).fill(-1);
    for (let i = 0; i < rows; i++) {
      const asOf = rowDates[i];
      if (asOf > limit || (asOf === limit && !inclusive)) continue;
      const n = rowIds[i];
      const before = latest[n];
      if (before < 0 || rowDates[before] < asOf) latest[n] = i;
      else if (rowDates[before] === asOf) {
        const values = { id: log[i].id, asOf: dateText(asOf), first: before + 1 };
        const where = { field: PIPELINE_LOG_TABLE.table, row: i + 1 };
        throw valueError(pipelineLogProblem("logEntryTwice", values), where);
      }
    }
    return latest;
  }

  /** The 0-based rows dated `date`. */
  rowsAt(date: number): number[] {
    const at: number[] = [];
    for (let i = 0; i < this.rows; i++) if (this.rowDates[i] === date) at.push(i);
    return at;
  }
}

const opportunityOf = (e: LogEntry): Opportunity => ({
  id: e.id,
  name: e.name,
  owner: e.owner,
  stage: e.stage,
  amount: e.amount,
  closeDate: e.closeDate,
  createdDate: e.createdDate,
  forecastCategory: e.forecastCategory,
  leadSource: e.leadSource,
});

/**
 * The opportunities as captured at or before `asOf`: each one's last row, removed ones left
 * out, in the order they first appear in the log. Before the first capture: none. `index`,
 * when given, must index this log (else a new one is built).
 */
export function reconstruct(
  log: readonly LogEntry[],
  asOf: number,
  index?: LogIndex
): Opportunity[] {
  const known = index?.indexes(log) ? index : LogIndex.of(log);
  const latest = known.latest(log, asOf, true);
  const snapshot: Opportunity[] = [];
  for (let n = 0; n < latest.length; n++) {
    const at = latest[n];
    if (at < 0) continue;
    const last = log[at];
    if (last.change !== "Removed") snapshot.push(opportunityOf(last));
  }
  return snapshot;
}

/** The dates the log holds captures of, earliest first (a capture that changed nothing leaves none). */
export function captureDates(log: readonly LogEntry[]): number[] {
  const dates = new Set<number>();
  for (let i = 0; i < log.length; i++) dates.add(log[i].asOf);
  return [...dates].sort((a, b) => a - b);
}
