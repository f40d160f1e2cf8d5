/**
 * One logical change to several tables, all or nothing: first every table is inspected and
 * the change refused, with nothing written, if any write would overwrite or hide something;
 * then the tables are written in order, and when a write fails, every table written so far
 * (history tables included) is put back exactly as it was read.
 */
import type { WorkbookDriver } from "./driver";
import type { CellValue, PlanProblem, RawTable } from "./rows";
import type { TableSpec } from "./schema";
import { PlanStoreError, refusal, storeProblem } from "./storeError";
import { siteProblems } from "./tableSites";
import { errorText } from "../domain/problem";

export interface TableWrite {
  spec: TableSpec;
  header: readonly string[];
  rows: readonly CellValue[][];
  /** The table as read before this change (undefined: there was none). */
  before: RawTable | undefined;
  /** See SiteCheck.mustExist. */
  mustExist: boolean;
}

const headerText = (cell: unknown) => (cell === null || cell === undefined ? "" : String(cell));

export async function writeAllOrNothing(
  driver: WorkbookDriver,
  writes: readonly TableWrite[]
): Promise<void> {
  const problems: PlanProblem[] = [];
  for (const write of writes) {
    // An Excel table always has a data row: an empty one keeps one blank row.
    const rows = Math.max(1, write.rows.length);
    const site = await driver.inspectTable(write.spec, rows, write.header.length);
    problems.push(...siteProblems({ ...write, rows, columns: write.header.length }, site));
  }
  if (problems.length) throw refusal(problems);

  const touched: TableWrite[] = [];
  try {
    for (const write of writes) {
      touched.push(write);
      await driver.writeTable(write.spec, write.header, write.rows);
    }
  } catch (error) {
    const notRestored: string[] = [];
    for (const write of touched.reverse()) {
      const { before, spec } = write;
      // A table that did not exist stays, empty: the adapters cannot remove a table.
      const header = before ? before.header.map(headerText) : [...write.header];
      const rows = (before?.rows ?? []) as CellValue[][];
      await driver.writeTable(spec, header, rows).catch(() => notRestored.push(spec.table));
    }
    const reason = errorText(error);
    throw new PlanStoreError(
      "write-failed",
      notRestored.length
        ? storeProblem("saveFailedNotRestored", { reason, tables: notRestored.join(", ") })
        : storeProblem("saveFailed", { reason })
    );
  }
}
