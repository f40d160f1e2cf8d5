/**
 * `sales-plan recalc`: evaluates every PLAN formula of a workbook with the add-in's own
 * functions and stores the results as Excel caches them (src/workbook/package/recalc.ts), so
 * a file prepared or edited outside Excel shows its PLAN figures in any reader. It needs no
 * plan tables: any workbook with PLAN formulas will do. Formulas it cannot evaluate are
 * listed by cell, with the reason, and keep what they held.
 */
import { recalculatePlanFormulas, type RecalcReport } from "../workbook/package/recalc";
import type { WorkbookFile } from "../workbook/package/workbookFile";
import { cliProblem, type CliProblemCode } from "./cliProblems";
import type { PlanFileDriver } from "./planFile";
import type { Report } from "./scenarioInputs";
import { english, type Words } from "./words";

type Written = Report & { changed: boolean };

/** The workbook file under the driver: recalculation works on the package's cells themselves. */
function workbookFileOf(driver: PlanFileDriver): WorkbookFile {
  // The file adapter always has one; a driver without it here is a bug (exit 4), not a bad file.
  if (!driver.file) throw new Error("recalc needs the .xlsx file adapter (PackageDriver)");
  return driver.file;
}

/** The lines a person reads about a recalculation, in their language. */
export function recalcLines(report: RecalcReport, words: Words): string[] {
  const say = (code: CliProblemCode, values?: Record<string, string | number>) =>
    words.say(cliProblem(code, values));
  if (!report.evaluated && !report.unevaluable.length) return [say("recalcNone")];
  const lines = [say("recalcDone", { count: report.evaluated, spilled: report.spilled })];
  if (report.blocked.length) {
    lines.push(say("recalcBlocked", { count: report.blocked.length }));
    for (const { cell, by } of report.blocked)
      lines.push(by ? say("recalcBlockedCell", { cell, by }) : say("recalcBlockedEdge", { cell }));
  }
  if (report.unevaluable.length) {
    lines.push(say("recalcLeft", { count: report.unevaluable.length }));
    for (const { cell, said } of report.unevaluable)
      lines.push(say("recalcLeftCell", { cell, reason: words.say(said) }));
  }
  if (!report.changed)
    lines.push(say(report.unevaluable.length ? "recalcNothingWritten" : "recalcUpToDate"));
  else if (report.unevaluable.length) lines.push(say("recalcPartlyWritten"));
  return lines;
}

/**
 * `sales-plan recalc FILE`: exit 0 when every PLAN formula was evaluated, 1 when some were
 * left as they were (the file is still written with the others); `changed` is false when no
 * cell changed (no PLAN formulas, or caches already right), so the file is not rewritten.
 */
export async function recalc(driver: PlanFileDriver, words: Words = english): Promise<Written> {
  const report = await recalculatePlanFormulas(workbookFileOf(driver));
  return {
    exitCode: report.unevaluable.length ? 1 : 0,
    changed: report.changed,
    lines: recalcLines(report, words),
    // Programs get the reasons in English, as every other message of --json.
    data: {
      evaluated: report.evaluated,
      spilled: report.spilled,
      blocked: report.blocked.map((b) => ({ cell: b.cell, by: b.by ?? null })),
      unevaluable: report.unevaluable.map((u) => ({ cell: u.cell, reason: u.said.message })),
    },
  };
}
