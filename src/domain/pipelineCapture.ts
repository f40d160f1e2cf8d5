/**
 * Capturing the opportunities into the pipeline log: the rows a capture appends (only what
 * changed since the last capture), what the pane says about them, and the log after it.
 */
import { valueError } from "./errors";
import {
  LOG_ROWS_MAX,
  LogIndex,
  OPPORTUNITY_FIELDS,
  PIPELINE_LOG_TABLE,
  dateText,
  pipelineLogProblem,
  type LogChange,
  type LogEntry,
  type Opportunity,
  type OpportunityField,
  type PipelineLogProblemCode,
} from "./pipelineLog";
import type { Problem } from "./problem";

/**
 * A problem in a capture, located by the 1-based row of the opportunities given (the shell
 * turns it into the sheet's row) and the field; the words name the other row involved.
 */
export interface CaptureProblem extends Problem<PipelineLogProblemCode> {
  table: "opportunities";
  row?: number;
  field: "id" | "asOf";
}

export interface CaptureSummary {
  new: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Changed rows by the field they changed (a row changing two fields counts in both). */
  byField: Record<OpportunityField, number>;
}

export interface Capture {
  ok: true;
  asOf: number;
  /** The rows to append, in the order of the opportunities given, then the removed ones. */
  rows: LogEntry[];
  /**
   * 0-based log rows this capture replaces: an earlier capture of the same date. A second
   * capture of a day is a correction (the table fixed, then captured again), and a day holds
   * one state, so its rows are replaced, never doubled; the store keeps them in history.
   */
  replaces: number[];
  summary: CaptureSummary;
}

const { floor } = Math;
const { isFinite } = Number;
const FIELD_KEYS: readonly OpportunityField[] = OPPORTUNITY_FIELDS.map((f) => f.key);
const FIELD_COUNT = FIELD_KEYS.length;

/** ChangedFields for each set of changed fields (a bit per field), made once, not per row. */
const CHANGED_FIELDS: readonly string[] = Array.from({ length: 1 << FIELD_COUNT }, (_, mask) =>
  OPPORTUNITY_FIELDS.filter((_, bit) => mask & (1 << bit))
    .map((f) => f.header)
    .join(", ")
);

/**
 * The bits (in OPPORTUNITY_FIELDS order) of the fields in which two states differ; written
 * out, not looped over keys, as a capture runs it for every opportunity.
 */
const changedMask = (a: Opportunity, b: Opportunity): number =>
  (a.name !== b.name ? 1 : 0) |
  (a.owner !== b.owner ? 2 : 0) |
  (a.stage !== b.stage ? 4 : 0) |
  (a.amount !== b.amount ? 8 : 0) |
  (a.closeDate !== b.closeDate ? 16 : 0) |
  (a.forecastCategory !== b.forecastCategory ? 32 : 0) |
  (a.createdDate !== b.createdDate ? 64 : 0) |
  (a.leadSource !== b.leadSource ? 128 : 0);

const entry = (
  o: Opportunity,
  asOf: number,
  change: LogChange,
  changedFields: string
): LogEntry => ({
  asOf,
  id: o.id,
  change,
  changedFields,
  name: o.name,
  owner: o.owner,
  stage: o.stage,
  amount: o.amount,
  closeDate: o.closeDate,
  createdDate: o.createdDate,
  forecastCategory: o.forecastCategory,
  leadSource: o.leadSource,
});

const isBlankText = (value: string | null) => value === null || value.trim() === "";

/** A row the table holds but nobody filled in: every field blank. */
const blankRow = (o: Opportunity) =>
  FIELD_KEYS.every((key) => {
    const value = o[key];
    return value === null || (typeof value === "string" && value.trim() === "");
  });

const dateProblem = (
  code: "captureDate" | "captureBeforeLast" | "captureAfterToday",
  values: Record<string, string>
) => ({
  ok: false as const,
  problems: [
    {
      ...pipelineLogProblem(code, values),
      table: "opportunities" as const,
      field: "asOf" as const,
    },
  ],
});

/**
 * What capturing `current` as of `asOf` (a whole-day serial) appends to the log: a New row
 * for an opportunity the log does not hold (or holds as removed: a deal that comes back), a
 * Changed row for one whose fields differ from its last row, a Removed row (with its last
 * values) for one the log holds that `current` does not. A capture of the last capture's date
 * replaces that date's rows (see Capture.replaces); an earlier date is refused. Every blank or
 * repeated id is reported, each with its row, and then nothing is to be appended. Rows blank
 * in every field are skipped. `index`, when given, must index this log (see LogIndex.of).
 * `today`, when given, refuses a later `asOf`: the table is as it is now, and a capture
 * dated ahead would also refuse every real capture until that date.
 */
export function captureChanges(
  log: readonly LogEntry[],
  current: readonly Opportunity[],
  asOf: number,
  index?: LogIndex,
  today?: number
): Capture | { ok: false; problems: CaptureProblem[] } {
  if (!isFinite(asOf) || asOf < 1 || floor(asOf) !== asOf)
    return dateProblem("captureDate", { value: String(asOf) });
  if (today !== undefined && asOf > today)
    return dateProblem("captureAfterToday", { asOf: dateText(asOf), today: dateText(today) });
  const known = index?.indexes(log) ? index : LogIndex.of(log);
  if (known.lastDate > asOf)
    return dateProblem("captureBeforeLast", {
      asOf: dateText(asOf),
      last: dateText(known.lastDate),
    });
  const latest = known.latest(log, asOf, false);

  // The row each opportunity is in: by its number for those the log holds, else by id.
  const problems: CaptureProblem[] = [];
  const rowOfKnown = new Int32Array(known.ids);
  const rowOfNew = new Map<string, number>();
  for (let i = 0; i < current.length; i++) {
    const o = current[i];
    const row = i + 1;
    if (isBlankText(o.id)) {
      if (!blankRow(o)) {
        const said = pipelineLogProblem("captureIdBlank");
        problems.push({ ...said, table: "opportunities", row, field: "id" });
      }
      continue;
    }
    const n = known.numberOfId(o.id);
    const first = n === undefined ? rowOfNew.get(o.id) : rowOfKnown[n] || undefined;
    if (first !== undefined) {
      const said = pipelineLogProblem("captureIdTwice", { id: o.id, first });
      problems.push({ ...said, table: "opportunities", row, field: "id" });
    } else if (n === undefined) rowOfNew.set(o.id, row);
    else rowOfKnown[n] = row;
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: LogEntry[] = [];
  const byFieldCounts = new Int32Array(FIELD_COUNT);
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (let i = 0; i < current.length; i++) {
    const o = current[i];
    if (isBlankText(o.id)) continue;
    const n = known.numberOfId(o.id);
    const at = n === undefined ? -1 : latest[n];
    const last = at < 0 ? undefined : log[at];
    if (last === undefined || last.change === "Removed") {
      rows.push(entry(o, asOf, "New", ""));
      added++;
      continue;
    }
    const mask = changedMask(last, o);
    if (mask === 0) {
      unchanged++;
      continue;
    }
    for (let bit = 0; bit < FIELD_COUNT; bit++) if (mask & (1 << bit)) byFieldCounts[bit]++;
    rows.push(entry(o, asOf, "Changed", CHANGED_FIELDS[mask]));
    changed++;
  }
  let removed = 0;
  for (let n = 0; n < latest.length; n++) {
    const at = latest[n];
    if (at < 0 || rowOfKnown[n] !== 0) continue;
    const last = log[at];
    if (last.change === "Removed") continue;
    rows.push(entry(last, asOf, "Removed", ""));
    removed++;
  }

  const byField = {} as Record<OpportunityField, number>;
  FIELD_KEYS.forEach((key, bit) => (byField[key] = byFieldCounts[bit]));
  const summary = { new: added, changed, removed, unchanged, byField };
  return { ok: true, asOf, rows, replaces: known.rowsAt(asOf), summary };
}

/**
 * The log after a capture: its rows less those the capture replaces, then the new ones (so a
 * LogIndex of the log before extends to it when nothing was replaced). A log that would
 * outgrow one worksheet is refused before anything is written.
 */
export function applyCapture(log: readonly LogEntry[], capture: Capture): LogEntry[] {
  const size = log.length - capture.replaces.length + capture.rows.length;
  if (size > LOG_ROWS_MAX) {
    const values = { adding: capture.rows.length, rows: log.length, max: LOG_ROWS_MAX };
    throw valueError(pipelineLogProblem("logFull", values), { field: PIPELINE_LOG_TABLE.table });
  }
  if (capture.replaces.length === 0) return log.concat(capture.rows);
  const replaced = new Set(capture.replaces);
  return log.filter((_, i) => !replaced.has(i)).concat(capture.rows);
}
