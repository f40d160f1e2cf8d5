/**
 * What `sales-plan quotas` says about whether the quotas can be reached, from the same
 * figures the Quotas step shows (src/domain/quotaPlan/reachability.ts): the over-assignment
 * the management tree accumulates, the reps whose quota is out of reach of their territory or
 * far from their peers, and how many would have made it at last year's revenue.
 */
import type { QuotaReachability } from "../domain/quotaPlan";
import { percent } from "../i18n/figures";
import { cliProblem } from "./cliProblems";
import type { Words } from "./words";

/** At most this many rep ids are listed in a line; the rest are counted. */
const LISTED = 8;

function repList(ids: readonly string[], words: Words): string {
  const shown = ids.slice(0, LISTED).join(", ");
  return ids.length > LISTED
    ? words.say(cliProblem("quotasReachMore", { reps: shown, more: ids.length - LISTED }))
    : shown;
}

export function reachLines(reach: QuotaReachability, words: Words): string[] {
  const say = (code: Parameters<typeof cliProblem>[0], values: Record<string, string | number>) =>
    words.say(cliProblem(code, values));
  const above = reach.reps.filter((r) => r.aboveThreshold).map((r) => r.repId);
  const far = reach.reps.filter((r) => r.farFromPeers).map((r) => r.repId);
  const lines = [
    say("quotasReachLevels", {
      managers: percent(reach.companyOver),
      reps: percent(reach.repsOver),
    }),
    say("quotasReachFlags", {
      above: above.length,
      reps: reach.reps.length,
      threshold: reach.threshold.toLocaleString(words.locale),
      far: far.length,
    }),
  ];
  if (above.length) lines.push(say("quotasReachAbove", { reps: repList(above, words) }));
  if (far.length) lines.push(say("quotasReachFar", { reps: repList(far, words) }));
  if (reach.lastYear)
    lines.push(
      say("quotasReachLastYear", { made: reach.lastYear.made, counted: reach.lastYear.counted })
    );
  return lines;
}
