/**
 * Every setting of the Rules and Quotas steps checked before a run, by the engine's and the
 * quota planner's own rules, and said in words at the field it belongs to (never as the
 * engine's field key under the tables' problems).
 */
import * as React from "react";
import type { QuotaRunSettings } from "../../domain/planRun";
import { QUOTA_FORMULA_FIELDS } from "../../domain/quotaPlan/types";
import { validate as validateQuotaSettings } from "../../domain/quotaPlan/validation";
import { BalanceSettings, validateBalanceSettings } from "../../domain/territory";
import type { Account } from "../../domain/territory";
import { MessageKey, useI18n } from "../i18n";

/** The fields of the two steps a message can sit at. */
export type SettingField =
  | "workloadWeight"
  | "toleranceBand"
  | "maxMovedShare"
  | "maxAccountsPerRep"
  | "companyTarget"
  | "method"
  | "potentialShare"
  | "formula"
  | "overAssignment"
  | "managerHedge"
  | "floor"
  | "cap";

export interface SettingCheck {
  /** The message at each field the run would refuse, in the pane's language. */
  messages: ReadonlyMap<SettingField, string>;
  /** The method needs last year's revenue and the accounts table has no column mapped to it. */
  needsRevenueColumn: boolean;
  /** Which steps hold a refused field. */
  steps: ReadonlySet<"rules" | "quotas">;
}

const RULE_FIELDS = new Set<string>([
  "workloadWeight",
  "toleranceBand",
  "maxMovedShare",
  "maxAccountsPerRep",
]);

/** The shares the planner takes from 0 to 1, and the label each message names. */
const SHARE_LABEL: Partial<Record<SettingField, MessageKey>> = {
  workloadWeight: "territories.check.workloadWeight",
  toleranceBand: "territories.check.toleranceBand",
  maxMovedShare: "territories.check.maxMovedShare",
  overAssignment: "territories.overAssignment",
  managerHedge: "territories.managerHedge",
};

/**
 * `revenueMapped`: the accounts table has a column for last year's revenue; `accounts`: as
 * read (their revenue tells whether a history method has anything to split by).
 */
export function useSettingCheck(
  balance: BalanceSettings,
  quota: QuotaRunSettings,
  accounts: { revenueMapped: boolean; read?: readonly Account[] }
): SettingCheck {
  const { t, sayError } = useI18n();
  const formula = quota.method.kind === "expression" ? quota.method.formula : undefined;
  const formulaProblem = useFormulaProblem(formula, sayError);
  const { revenueMapped, read } = accounts;
  return React.useMemo(() => {
    const messages = new Map<SettingField, string>();
    const say = (field: SettingField, text: string) => {
      if (!messages.has(field)) messages.set(field, text);
    };
    for (const issue of validateBalanceSettings(balance)) {
      const field = issue.field as SettingField;
      say(
        field,
        field === "maxAccountsPerRep"
          ? t("territories.wholeNumberNeeded")
          : t("territories.check.share", { label: t(SHARE_LABEL[field]!) })
      );
    }
    // The planner's own checks; the floor and cap, which every rep gets alike, on one stand-in rep.
    const standIn = {
      repId: "",
      capacity: 1,
      potential: 0,
      history: 0,
      accounts: 0,
      workload: 0,
      floor: quota.floor,
      cap: quota.cap,
    };
    for (const issue of validateQuotaSettings([standIn], quota)) {
      if (issue.field === "companyTarget") say("companyTarget", t("territories.check.target"));
      else if (issue.field === "method") say("potentialShare", t("territories.check.blendShare"));
      else if (issue.field === "floor") say("floor", t("territories.check.floorAboveCap"));
      else if (issue.field === "overAssignment" || issue.field === "managerHedge")
        say(issue.field, t("territories.check.share", { label: t(SHARE_LABEL[issue.field]!) }));
    }
    for (const key of ["floor", "cap"] as const) {
      const value = quota[key];
      if (value !== undefined && !(value >= 0))
        say(key, t("territories.check.notNegative", { label: t(`territories.${key}`) }));
    }
    const kind = quota.method.kind;
    const needsRevenue = kind === "history" || kind === "blend";
    const needsRevenueColumn = needsRevenue && !revenueMapped;
    const method = t(`territories.method.${kind}`);
    if (needsRevenueColumn) say("method", t("territories.check.needsRevenue", { method }));
    // Without any revenue a blend would quietly be "by potential", and history splits nothing.
    else if (needsRevenue && read && !read.some((a) => (a.lastYearRevenue ?? 0) > 0))
      say("method", t("territories.check.noRevenue", { method }));
    if (formulaProblem) say("formula", t("territories.check.formula", { reason: formulaProblem }));
    const steps = new Set<"rules" | "quotas">();
    for (const field of messages.keys()) steps.add(RULE_FIELDS.has(field) ? "rules" : "quotas");
    return { messages, needsRevenueColumn, steps };
  }, [balance, quota, revenueMapped, read, formulaProblem, t]);
}

/**
 * Why a quota formula cannot be used, or undefined when it can. The formula parser (mathjs)
 * loads on first use, as the engine does, so it stays out of the pane's first bundle.
 */
function useFormulaProblem(
  formula: string | undefined,
  sayError: (error: unknown) => string
): string | undefined {
  const [problem, setProblem] = React.useState<{ formula: string; reason?: string }>();
  React.useEffect(() => {
    if (formula === undefined) return;
    let live = true;
    void import("../../domain/quotaExpression").then(({ compileFormula }) => {
      if (!live) return;
      try {
        compileFormula(formula, QUOTA_FORMULA_FIELDS);
        setProblem({ formula });
      } catch (error) {
        setProblem({ formula, reason: sayError(error) });
      }
    });
    return () => {
      live = false;
    };
  }, [formula, sayError]);
  return formula !== undefined && problem?.formula === formula ? problem.reason : undefined;
}
