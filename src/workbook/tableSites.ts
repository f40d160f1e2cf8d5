/**
 * What stands where a plan table is about to be written, as located problems: the store
 * writes nothing while any remain. One rule for every adapter (the adapter only says what is
 * there, `TableSite`); here it is decided whether writing would overwrite something.
 */
import type { TableSite } from "./driver";
import { columnNumber } from "./package/cellRef";
import { PlanProblem, columnLetters, tableProblem } from "./rows";
import type { TableSpec } from "./schema";

/** A table write the store is about to make, and what must hold for it. */
export interface SiteCheck {
  spec: TableSpec;
  /** Data rows and columns the table will have. */
  rows: number;
  columns: number;
  /**
   * The table must already be there: a plan table after the plan's first save. When it is
   * gone, it was deleted (or renamed), and writing a new one would hide that.
   */
  mustExist: boolean;
}

/** The 1-based row and 0-based column of an A1 address's first cell ("B3:D9" gives 3, 1). */
export function firstCell(address: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]+)\$?(\d+)/.exec(address.replace(/^.*!/, ""));
  if (!match) return { row: 1, column: 0 };
  return { row: Number(match[2]), column: columnNumber(match[1].toUpperCase()) - 1 };
}

/** The range a table at `topLeft` covers with a header, `rows` data rows and `columns` columns. */
export function tableArea(topLeft: string, rows: number, columns: number): string {
  const { row, column } = firstCell(topLeft);
  const right = columnLetters(column + Math.max(1, columns) - 1);
  return `${columnLetters(column)}${row}:${right}${row + Math.max(1, rows)}`;
}

/** Every reason writing the table at this site would overwrite or hide something. */
export function siteProblems(check: SiteCheck, site: TableSite): PlanProblem[] {
  const { spec } = check;
  const at = (
    sheet: string,
    address: string | undefined,
    worded: ReturnType<typeof tableProblem>
  ) => ({
    severity: "error" as const,
    sheet,
    table: spec.table,
    ...(address ? { address } : {}),
    ...worded,
  });
  const missing = () =>
    at(
      spec.sheet,
      undefined,
      tableProblem("tableMissing", { table: spec.table, sheet: spec.sheet })
    );
  switch (site.state) {
    case "absent":
      return check.mustExist ? [missing()] : [];
    case "untabled":
      // An empty sheet of the table's name is where a new table goes; one with cells is not.
      if (site.used)
        return [
          at(
            site.sheet,
            site.used,
            tableProblem("tableUntabled", { sheet: site.sheet, used: site.used, table: spec.table })
          ),
        ];
      return check.mustExist ? [missing()] : [];
    case "table": {
      const area = tableArea(site.ref, check.rows, check.columns);
      const problems: PlanProblem[] = [];
      if (site.blocked.length)
        problems.push(
          at(
            site.sheet,
            site.blocked[0],
            tableProblem("tableBlocked", {
              table: spec.table,
              area,
              sheet: site.sheet,
              cells: site.blocked.join(", "),
            })
          )
        );
      if (site.merged.length)
        problems.push(
          at(
            site.sheet,
            site.merged[0],
            tableProblem("tableMerged", {
              ranges: site.merged.join(", "),
              sheet: site.sheet,
              area,
              table: spec.table,
            })
          )
        );
      return problems;
    }
  }
}
