/**
 * The sample's pipeline history: twelve weekly captures of its opportunities ending on the
 * sample's as-of date, and the forecast calls reps and managers made over those weeks, from
 * a seeded model, so that every step of the Pipeline pane shows something true.
 *
 * The model runs backwards from the opportunities table as it stands (the last capture is the
 * table itself): a deal open at a capture had reached an earlier stage (one stage a few weeks
 * on average; now and then it had been further and fell back), often a different amount, and
 * an earlier expected close date for each push it has had since; a deal closed since then was
 * still open in its last stage before; a deal created since then was not there. So the
 * captures show advances, regressions, pushes, pull-ins, amount changes, wins, losses and new
 * deals, and each week's changes are a small share of the pipeline, as in a real CRM.
 */
import type { ForecastCall, ForecastCategory } from "../domain/forecastCalls";
import type { Opportunity } from "../domain/pipelineLog";
import type { CellValue } from "../workbook/rows";
import { seededRandom } from "./random";

export const CAPTURE_WEEKS = 12;

/** An open stage's forecast category, as a CRM's default mapping sets it. */
export function categoryOfStage(stage: string): ForecastCategory {
  if (stage === "Negotiation") return "Commit";
  if (stage === "Proposal") return "Best Case";
  return "Pipeline";
}

interface SampleOpportunity {
  id: string;
  account: string;
  leadSource: string;
  created: number;
  /** The day it closed, null while open. */
  closed: number | null;
  /** Its stage in the table: an open stage, or Won / Lost. */
  stage: string;
  /** The furthest stage it reached (the last open one for a deal won). */
  reached: string;
  amount: number;
  closeDate: number;
  owner: string | null;
}

export interface PipelineHistory {
  /** The captures' dates, oldest first; the last is the sample's as-of date. */
  dates: number[];
  /** The opportunities as each capture saw them. */
  captures: Opportunity[][];
  calls: ForecastCall[];
}

/**
 * The history of `opportunities` (the rows of the sample's table, read by header) over the
 * twelve weeks to `asOf`, with `stages` the open stages in funnel order (won and lost
 * deals have the stages "Won" and "Lost").
 */
export function pipelineHistory(
  opportunities: readonly SampleOpportunity[],
  stages: readonly string[],
  asOf: number,
  seed = 2027
): PipelineHistory {
  const random = seededRandom(seed);
  const dates = Array.from({ length: CAPTURE_WEEKS }, (_, w) => asOf - 7 * (CAPTURE_WEEKS - 1 - w));
  // Each deal's past, drawn once: when it advanced to each stage it holds now, its pushes.
  const pasts = opportunities.map((o) => {
    // The open stage it is in, or closed from (a won deal from the last open stage).
    const openStage =
      o.closed === null
        ? stages.indexOf(o.stage)
        : o.stage === "Won"
          ? stages.length - 1
          : Math.max(0, stages.indexOf(o.reached));
    // Days spent in each stage before the current one, about three weeks each.
    const advances = Array.from({ length: Math.max(0, openStage) }, () => 7 + random() * 35);
    const pushes = Math.floor(random() * random() * 4);
    const pushDays = Array.from({ length: pushes }, () => 14 + Math.floor(random() * 28));
    const pushedAt = pushDays.map(() => asOf - Math.floor(random() * 7 * CAPTURE_WEEKS));
    const amountWas =
      random() < 0.3 ? Math.round((o.amount * (0.7 + random() * 0.5)) / 100) * 100 : o.amount;
    const amountChangedAt = asOf - Math.floor(random() * 7 * CAPTURE_WEEKS);
    const fellBack = random() < 0.06 && openStage > 0 ? asOf - Math.floor(random() * 35) : null;
    return { openStage, advances, pushDays, pushedAt, amountWas, amountChangedAt, fellBack };
  });
  const captures = dates.map((date) => {
    const seen: Opportunity[] = [];
    opportunities.forEach((o, i) => {
      if (o.created > date) return;
      const past = pasts[i];
      const closedBy = o.closed !== null && o.closed <= date;
      let stage = o.stage;
      if (!closedBy) {
        // Walk back from the stage it reached (or closed from) by the advances since `date`.
        let index = past.openStage;
        let at = o.closed ?? asOf;
        for (let s = past.advances.length - 1; s >= 0 && at > date; s--) {
          at -= past.advances[s];
          if (at > date) index--;
        }
        // A regression: before it fell back, it had been a stage further.
        if (past.fellBack !== null && date < past.fellBack && index + 1 < stages.length) index++;
        stage = stages[Math.max(0, index)];
      }
      const pushesSince = past.pushedAt.reduce(
        (sum, at, p) => (at > date ? sum + past.pushDays[p] : sum),
        0
      );
      seen.push({
        id: o.id,
        // The sample has no opportunity names: the field is left unmapped, as the log then has it.
        name: null,
        owner: o.owner,
        stage,
        amount: date < past.amountChangedAt ? past.amountWas : o.amount,
        closeDate: closedBy ? o.closed : o.closeDate - pushesSince,
        createdDate: o.created,
        forecastCategory: closedBy ? null : categoryOfStage(stage),
        leadSource: o.leadSource,
      });
    });
    return seen;
  });
  return { dates, captures, calls: forecastCalls(captures, dates, random) };
}

/**
 * Each rep's Commit call for the month of each month's first capture, made that day. A rep
 * calls what they will win in the month, with the error reps make: within about ±20% of it
 * (the seed's chapter: a good funnel forecasts with 90–95% accuracy; these reps are a little
 * worse), and now and then a manager's adjustment beside the call (its own row, never an
 * overwrite). What they won is read from the last capture: the model knows how it ended.
 */
function forecastCalls(
  captures: readonly Opportunity[][],
  dates: readonly number[],
  random: () => number
): ForecastCall[] {
  const calls: ForecastCall[] = [];
  const periodOf = (serial: number) => {
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  const wonIn = new Map<string, Map<string, number>>();
  for (const o of captures[captures.length - 1]) {
    if (o.stage !== "Won" || !o.owner || o.closeDate === null) continue;
    const period = periodOf(o.closeDate);
    const byOwner = wonIn.get(period) ?? new Map<string, number>();
    byOwner.set(o.owner, (byOwner.get(o.owner) ?? 0) + (o.amount ?? 0));
    wonIn.set(period, byOwner);
  }
  const id = () => `FC-${String(calls.length + 1).padStart(4, "0")}`;
  let lastPeriod = "";
  dates.forEach((date) => {
    const period = periodOf(date);
    if (period === lastPeriod) return;
    lastPeriod = period;
    const won = wonIn.get(period) ?? new Map<string, number>();
    for (const [owner, total] of [...won].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const callId = id();
      const amount = Math.round((total * (0.8 + random() * 0.4)) / 1000) * 1000;
      const submittedAt = date + 0.375;
      const call = { period, owner, category: "Commit" as const, submittedAt };
      calls.push({
        ...call,
        callId,
        kind: "Call",
        adjusts: null,
        amount,
        note: null,
        submittedBy: owner,
      });
      if (random() < 0.2)
        calls.push({
          ...call,
          callId: id(),
          kind: "Adjustment",
          adjusts: callId,
          amount: Math.round((amount * (0.9 + random() * 0.2)) / 1000) * 1000,
          note: "Adjusted after the pipeline review",
          submittedAt: submittedAt + 1,
          submittedBy: "Sales manager",
        });
    }
  });
  return calls;
}

/** The sample's opportunity rows (the table's columns, by header) as the model reads them. */
export function sampleOpportunities(
  header: readonly string[],
  rows: readonly CellValue[][]
): SampleOpportunity[] {
  const at = (name: string) => header.indexOf(name);
  const [id, account, source, created, closed, stage, reached, amount, closeDate, owner] = [
    "OpportunityId",
    "AccountId",
    "LeadSource",
    "Created",
    "Closed",
    "Stage",
    "StageReached",
    "Amount",
    "CloseDate",
    "Owner",
  ].map(at);
  return rows.map((r) => ({
    id: String(r[id]),
    account: String(r[account]),
    leadSource: String(r[source]),
    created: Number(r[created]),
    closed: r[closed] === null ? null : Number(r[closed]),
    stage: String(r[stage]),
    reached: String(r[reached]),
    amount: Number(r[amount]),
    closeDate: Number(r[closeDate]),
    owner: r[owner] === null ? null : String(r[owner]),
  }));
}
