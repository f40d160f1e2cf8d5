/**
 * The report commands: `review` draws the Territory Review sheet from a scenario's stored
 * results and `summary` the V2MOM Summary sheet of a fiscal year, with the same builders and
 * words as the panes, so report packs can be produced unattended. Each returns a report
 * whose `changed` says the file must be written (program.ts writes it safely).
 */
import { isoFromSerial, todaySerial } from "../domain/calendar";
import { quotasFor } from "../domain/planRun";
import type { V2mom } from "../domain/v2mom";
import { capacityReview } from "../workbook/capacityTables";
import type { StoredScenario } from "../workbook/scenarioTables";
import type { SourceTables } from "../workbook/sourceTables";
import type { PlanStore } from "../workbook/store";
import {
  REVIEW_SHEET,
  ReviewQuotas,
  reviewLabels,
  territoryReview,
} from "../workbook/territoryReview";
import { V2MOM_SUMMARY_SHEET, summaryLabels, v2momSummary } from "../workbook/v2momSummary";
import { v2momFromRows } from "../workbook/v2momTables";
import { cliProblem } from "./cliProblems";
import { FileProblem } from "./failures";
import { Report, noScenarioChosen, notRunYet, pickScenario, runSources } from "./scenarioInputs";
import { english, type Words } from "./words";

type Written = Report & { changed: boolean };

/** The quotas a stored scenario holds, with its managers' quotas when they can be rebuilt exactly. */
function storedQuotas(
  stored: StoredScenario,
  sources: SourceTables | undefined
): { quotas?: ReviewQuotas; teamsKnown: boolean } {
  const kept = stored.quotas?.reps;
  const settings = stored.run?.quota;
  const companyTarget = stored.companyTarget ?? settings?.companyTarget;
  if (!kept?.length || companyTarget === undefined) return { teamsKnown: true };
  const quotas: ReviewQuotas = { companyTarget, reps: kept };
  // The table keeps only the reps' quotas. The managers' quotas are the quota engine's on the
  // stored territory and settings, shown only when it gives back exactly the stored rep
  // quotas (the tables have not changed since), so the tie-out describes the stored plan.
  if (!settings || !sources || sources.problems.length) return { quotas, teamsKnown: false };
  const rebuilt = quotasFor(stored.territory, sources.reps, sources.accounts, settings);
  const same =
    rebuilt.ok &&
    rebuilt.value.reps.length === kept.length &&
    rebuilt.value.reps.every((r, i) => r.repId === kept[i].repId && r.annual === kept[i].annual);
  if (!same || !rebuilt.ok) return { quotas, teamsKnown: false };
  return {
    quotas: { ...quotas, teams: rebuilt.value.teams, teamTotal: rebuilt.value.teamTotal },
    teamsKnown: true,
  };
}

/** `sales-plan review`: the Territory Review sheet of a scenario's stored results. */
export async function review(
  store: PlanStore,
  scenarioName: string | undefined,
  words: Words = english
): Promise<Written> {
  const plan = await store.load();
  const stored = pickScenario(plan, scenarioName);
  if (!stored) throw noScenarioChosen(plan);
  if (!stored.territory.reps.length) return notRunYet(stored.name, words);
  // Names and managers come from the reps table the scenario's rules name.
  const sources = stored.run ? await runSources(store, stored.run) : undefined;
  const { quotas, teamsKnown } = storedQuotas(stored, sources);
  const kept = await store.writeReport(
    territoryReview(
      {
        territory: stored.territory,
        reps: sources?.reps ?? [],
        quotas,
        // Last year's revenue per rep is read from the accounts only when they read cleanly.
        accounts: sources && !sources.problems.length ? sources.accounts : undefined,
        reachThreshold: stored.run?.quota?.reachThreshold,
        capacity: capacityReview(plan.tables.capacity, stored.name),
        written: isoFromSerial(todaySerial()),
      },
      reviewLabels(words.t, stored.name)
    )
  );
  const say = (code: Parameters<typeof cliProblem>[0], values?: Record<string, string | number>) =>
    words.say(cliProblem(code, values));
  const done = { sheet: REVIEW_SHEET, name: stored.name, reps: stored.territory.reps.length };
  return {
    exitCode: 0,
    changed: true,
    lines: [
      // The earlier copy is named only when there was one to keep.
      kept ? say("reviewDone", { ...done, previous: kept }) : say("reviewDoneFirst", done),
      ...(quotas ? [] : [say("reviewNoQuotas", { name: stored.name })]),
      ...(teamsKnown ? [] : [say("reviewTeamsUnknown")]),
    ],
    data: {
      sheet: REVIEW_SHEET,
      previous: kept ?? null,
      scenario: stored.name,
      reps: stored.territory.reps.length,
      quotas: quotas !== undefined,
      managerQuotas: quotas?.teams !== undefined,
    },
  };
}

/** A `--year` as given: a whole fiscal year, or a refusal of the request (exit 2). */
export function fiscalYearOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text.trim())) throw new FileProblem(cliProblem("badYear", { year: text }));
  return Number(text);
}

/** `sales-plan summary`: the V2MOM Summary sheet of one fiscal year (default: the latest). */
export async function summary(
  store: PlanStore,
  year: number | undefined,
  words: Words = english
): Promise<Written> {
  const plan = await store.load();
  const all: V2mom[] = v2momFromRows(
    plan.tables.v2momDocuments,
    plan.tables.v2momItems,
    plan.tables.v2momMeasures
  );
  const years = [...new Set(all.map((d) => d.fiscalYear))].sort((a, b) => a - b);
  const refuse = (code: "noV2moms", values?: Record<string, string | number>) => ({
    exitCode: 1 as const,
    refused: true,
    changed: false,
    lines: [words.say(cliProblem(code, values))],
    data: { error: cliProblem(code, values).message },
  });
  if (!all.length) return refuse("noV2moms");
  const chosen = year ?? years[years.length - 1];
  const documents = all.filter((d) => d.fiscalYear === chosen);
  // A year the workbook has no V2MOM for is a request to correct, like an unknown scenario.
  if (!documents.length)
    throw new FileProblem(cliProblem("noV2momsInYear", { year: chosen, years: years.join(", ") }));
  const kept = await store.writeReport(
    v2momSummary(documents, summaryLabels(words.t), isoFromSerial(todaySerial()))
  );
  const done = { sheet: V2MOM_SUMMARY_SHEET, count: documents.length, year: chosen };
  return {
    exitCode: 0,
    changed: true,
    lines: [
      // The earlier copy is named only when there was one to keep.
      words.say(
        kept
          ? cliProblem("summaryDone", { ...done, previous: kept })
          : cliProblem("summaryDoneFirst", done)
      ),
    ],
    data: {
      sheet: V2MOM_SUMMARY_SHEET,
      previous: kept ?? null,
      year: chosen,
      documents: documents.map((d) => d.id),
    },
  };
}
