/** Each rep's raw weight under the chosen quota method, before capacity and ramp. */
import { compileFormula } from "../quotaExpression";
import type { InputIssue } from "../outcome";
import { errorText, type Worded } from "../problem";
import { quotaProblem } from "../quotaProblems";
import { QUOTA_FORMULA_FIELDS, type QuotaMethod, type QuotaRep } from "./types";

export function weightsFor(reps: QuotaRep[], method: QuotaMethod, issues: InputIssue[]): number[] {
  const total = (pick: (rep: QuotaRep) => number) => reps.reduce((s, rep) => s + pick(rep), 0);
  switch (method.kind) {
    case "potential":
      return reps.map((rep) => rep.potential);
    case "history":
      return reps.map((rep) => rep.history);
    case "blend": {
      const p = total((rep) => rep.potential);
      const h = total((rep) => rep.history);
      const share = method.potentialShare;
      return reps.map(
        (rep) =>
          share * (p > 0 ? rep.potential / p : 0) + (1 - share) * (h > 0 ? rep.history / h : 0)
      );
    }
    case "expression": {
      const formula = compileFormula(method.formula, QUOTA_FORMULA_FIELDS);
      return reps.map((rep, i) => {
        const refuse = (said: Worded) => {
          issues.push({ table: "reps", row: i + 1, id: rep.repId, field: "formula", ...said });
          return 0;
        };
        try {
          const value = formula.evaluate({
            potential: rep.potential,
            history: rep.history,
            accounts: rep.accounts,
            workload: rep.workload,
            capacity: rep.capacity,
          });
          return value < 0 ? refuse(quotaProblem("negativeWeight", { value })) : value;
        } catch (error) {
          return refuse(quotaProblem("formula", { reason: errorText(error) }));
        }
      });
    }
  }
}
