/**
 * planQuotas: checks the input, weighs the reps, builds the management tree, splits the
 * company target down it and reports whether every level ties out.
 */
import { PlanError } from "../errors";
import { leadsNeeded } from "../funnel";
import type { InputIssue, Outcome } from "../outcome";
import { errorText } from "../problem";
import { quotaProblem } from "../quotaProblems";
import { managementTree } from "./hierarchy";
import { monthShares, monthsOfQuota } from "./months";
import { roundTo } from "./rounding";
import { hedgeAt, splitDown, tieOut } from "./split";
import type { QuotaPlan, QuotaRep, QuotaSettings, RepQuota } from "./types";
import { validate } from "./validation";
import { weightsFor } from "./weights";

/** Builds the plan, or lists every problem (row by row) and builds nothing. */
export function planQuotas(reps: QuotaRep[], settings: QuotaSettings): Outcome<QuotaPlan> {
  const issues = validate(reps, settings);
  if (issues.length) return { ok: false, issues };
  const decimals = settings.decimals ?? 2;
  let raw: number[];
  try {
    raw = weightsFor(reps, settings.method, issues);
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          table: "settings",
          field: "method",
          ...quotaProblem("formula", { reason: errorText(error) }),
        },
      ],
    };
  }
  if (issues.length) return { ok: false, issues };

  const funnelRates = settings.funnel ? Float64Array.from(settings.funnel.rates) : undefined;
  const shares = monthShares(reps, settings);
  const { rampFactor } = shares;
  const weights = reps.map(
    (rep, i) => raw[i] * (settings.capacityAdjusted ? rep.capacity : 1) * rampFactor[i]
  );

  const tree = managementTree(reps, settings.managers ?? []);
  if (Array.isArray(tree)) return { ok: false, issues: tree };
  const teamTotal = roundTo(settings.companyTarget * (1 + hedgeAt(settings, 1)), decimals);
  const scale = 10 ** decimals;
  const repQuota = (i: number, team: string, annual: number): RepQuota => {
    const { monthly, quarterly } = monthsOfQuota(annual, i, shares, scale, decimals);
    const quota: RepQuota = {
      repId: reps[i].repId,
      team,
      weight: weights[i],
      rampFactor: rampFactor[i],
      annual,
      monthly,
      quarterly,
    };
    if (settings.funnel) {
      quota.funnelNeeded = leadsNeeded(
        annual,
        funnelRates!,
        settings.funnel.avgDealSize,
        settings.funnel.collectionRatio ?? 1
      );
    }
    return quota;
  };
  try {
    const { teams, repQuotas } = splitDown(teamTotal, {
      reps,
      settings,
      decimals,
      tree,
      weights,
      repQuota,
    });
    const { teamSum, tiesOut } = tieOut(teamTotal, teams, repQuotas, decimals);
    return {
      ok: true,
      value: {
        companyTarget: settings.companyTarget,
        teamTotal,
        teamSum,
        teams,
        reps: repQuotas,
        tiesOut,
      },
    };
  } catch (error) {
    if (error instanceof PlanError) return { ok: false, issues: [issueOf(error, reps)] };
    throw error;
  }
}

/** A split's PlanError as an input issue: on the rep's row when it names one, else on the settings. */
function issueOf(error: PlanError, reps: QuotaRep[]): InputIssue {
  const row = error.where.row;
  return row === undefined
    ? { table: "settings", field: error.where.field ?? "quota", ...error.said }
    : {
        table: "reps",
        row,
        id: reps[row - 1].repId,
        field: error.where.field ?? "quota",
        ...error.said,
      };
}
