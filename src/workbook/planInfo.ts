/**
 * The Plan Info table: the schema version and the revision counter, as Key / Value rows. A
 * value that cannot be read is a located problem, never a guess: an unreadable revision would
 * otherwise look like someone else's save, and an unreadable version would be overwritten.
 */
import { isBlankCell } from "../domain/labels";
import { CellValue, PlanProblem, RawTable, columnLetters, tableProblem } from "./rows";
import { SCHEMA_VERSION, infoSpec } from "./schema";

export interface PlanInfo {
  /** 0 when the plan was never saved (or its revision cannot be read: see `problems`). */
  revision: number;
  schemaVersion: number;
  problems: PlanProblem[];
}

const REVISION = "revision";
const SCHEMA = "schemaVersion";

/** The columns of Key and Value (by header, else the first two). */
function columnsOf(raw: RawTable): { key: number; value: number } {
  const header = raw.header.map((h) =>
    String(h ?? "")
      .trim()
      .toLowerCase()
  );
  const key = header.indexOf("key");
  const value = header.indexOf("value");
  return { key: key < 0 ? 0 : key, value: value < 0 ? 1 : value };
}

/** The index in raw.rows of the first row with that key. */
function rowOf(raw: RawTable, name: string): number {
  const { key } = columnsOf(raw);
  return raw.rows.findIndex((cells) => String(cells[key] ?? "").trim() === name);
}

/** A whole number ≥ 0 from a cell (a number, or text of digits), else undefined. */
function wholeNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

export function readPlanInfo(raw: RawTable | undefined): PlanInfo {
  const info: PlanInfo = { revision: 0, schemaVersion: SCHEMA_VERSION, problems: [] };
  if (!raw) return info;
  const { value: valueColumn } = columnsOf(raw);
  const read = (name: string, code: "revisionUnreadable" | "schemaVersionUnreadable") => {
    const r = rowOf(raw, name);
    if (r < 0 || isBlankCell(raw.rows[r][valueColumn])) return undefined;
    const cell = raw.rows[r][valueColumn];
    const value = wholeNumber(cell);
    if (value !== undefined) return value;
    const row = raw.headerRow + 1 + r;
    const address = `${columnLetters(raw.firstColumn + valueColumn)}${row}`;
    info.problems.push({
      severity: "error",
      sheet: raw.sheet,
      table: infoSpec.table,
      row,
      column: "Value",
      address,
      ...tableProblem(code, {
        sheet: raw.sheet,
        address,
        value: String(cell),
        version: SCHEMA_VERSION,
      }),
    });
    return undefined;
  };
  info.revision = read(REVISION, "revisionUnreadable") ?? 0;
  info.schemaVersion = read(SCHEMA, "schemaVersionUnreadable") ?? SCHEMA_VERSION;
  return info;
}

/**
 * Plan Info after a save: the rows as they were (a later version's keys, a user's notes)
 * with the schema version and revision set, added when missing.
 */
export function planInfoRows(
  raw: RawTable | undefined,
  revision: number
): { header: string[]; rows: CellValue[][] } {
  const values: [string, string][] = [
    [SCHEMA, String(SCHEMA_VERSION)],
    [REVISION, String(revision)],
  ];
  if (!raw) return { header: ["Key", "Value"], rows: values };
  const { key, value } = columnsOf(raw);
  const width = Math.max(raw.header.length, key + 1, value + 1);
  const header = Array.from({ length: width }, (_, i) =>
    i < raw.header.length && !isBlankCell(raw.header[i])
      ? String(raw.header[i])
      : i === key
        ? "Key"
        : i === value
          ? "Value"
          : `Column${i + 1}`
  );
  const rows = raw.rows
    .filter((cells) => !cells.every(isBlankCell))
    .map((cells) => Array.from({ length: width }, (_, i) => (cells[i] ?? null) as CellValue));
  for (const [name, text] of values) {
    const at = rows.findIndex((cells) => String(cells[key] ?? "").trim() === name);
    if (at >= 0) rows[at][value] = text;
    else {
      const row: CellValue[] = header.map(() => null);
      row[key] = name;
      row[value] = text;
      rows.push(row);
    }
  }
  return { header, rows };
}

/**
 * A revision lower than a change already in history (Plan Info edited by hand, or deleted and
 * so back at 0): saving would give two changes one number, and history could no longer tell
 * them apart, so the store refuses, pointing at the revision cell.
 */
export function revisionBehind(
  raw: RawTable | undefined,
  history: { sheet: string },
  latest: number,
  revision: number
): PlanProblem {
  const r = raw ? rowOf(raw, REVISION) : -1;
  const row = raw && r >= 0 ? raw.headerRow + 1 + r : undefined;
  const address =
    raw && row !== undefined
      ? `${columnLetters(raw.firstColumn + columnsOf(raw).value)}${row}`
      : undefined;
  return {
    severity: "error",
    sheet: raw?.sheet ?? infoSpec.sheet,
    table: infoSpec.table,
    ...(row !== undefined ? { row, address } : {}),
    column: "Value",
    ...tableProblem("revisionBehindHistory", {
      sheet: raw?.sheet ?? infoSpec.sheet,
      revision,
      history: history.sheet,
      change: latest,
    }),
  };
}
