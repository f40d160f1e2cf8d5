/** The settings and reps checks run before any planning: every problem, row by row. */
import { INPUT_ISSUES, type InputIssue } from "../outcome";
import { wordsFrom } from "../problem";
import { quotaProblem, type QuotaProblemCode } from "../quotaProblems";
import type { QuotaRep, QuotaSettings } from "./types";

export function validate(reps: QuotaRep[], settings: QuotaSettings): InputIssue[] {
  const issues: InputIssue[] = [];
  const setting = (field: string, code: QuotaProblemCode) =>
    issues.push({ table: "settings", field, ...quotaProblem(code) });
  if (!(settings.companyTarget >= 0) || !Number.isFinite(settings.companyTarget))
    setting("companyTarget", "companyTarget");
  if (
    settings.overAssignment !== undefined &&
    !(settings.overAssignment >= 0 && settings.overAssignment <= 1)
  )
    setting("overAssignment", "overAssignment");
  if (
    settings.managerHedge !== undefined &&
    [settings.managerHedge].flat().some((hedge) => !(hedge >= 0 && hedge <= 1))
  )
    setting("managerHedge", "managerHedge");
  if (
    settings.method.kind === "blend" &&
    !(settings.method.potentialShare >= 0 && settings.method.potentialShare <= 1)
  )
    setting("method", "blendShare");
  if (
    settings.seasonality &&
    (settings.seasonality.length !== 12 ||
      settings.seasonality.some((w) => !(w >= 0)) ||
      settings.seasonality.every((w) => w === 0))
  ) {
    setting("seasonality", "seasonality");
  }
  if (settings.rampSchedule?.some((share) => !(share >= 0)))
    setting("rampSchedule", "rampSchedule");
  const seen = new Map<string, number>();
  reps.forEach((rep, i) => {
    const at = { table: "reps" as const, row: i + 1, id: rep.repId };
    if (seen.has(rep.repId))
      issues.push({
        ...at,
        field: "id",
        ...wordsFrom(INPUT_ISSUES)("repIdTwice", { id: rep.repId, row: seen.get(rep.repId)! }),
      });
    seen.set(rep.repId, i + 1);
    for (const field of ["potential", "history", "accounts", "workload"] as const) {
      if (!(rep[field] >= 0) || !Number.isFinite(rep[field]))
        issues.push({ ...at, field, ...quotaProblem("repNumber", { field, value: rep[field] }) });
    }
    if (!(rep.capacity >= 0 && rep.capacity <= 1))
      issues.push({
        ...at,
        field: "capacity",
        ...wordsFrom(INPUT_ISSUES)("capacityRange", { value: rep.capacity }),
      });
    if (rep.floor !== undefined && rep.cap !== undefined && rep.floor > rep.cap)
      issues.push({ ...at, field: "floor", ...quotaProblem("floorAboveCap") });
  });
  if (reps.length === 0)
    issues.push({ table: "reps", field: "id", ...quotaProblem("noRepsToPlan") });
  return issues;
}
