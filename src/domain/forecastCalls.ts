/**
 * Forecast calls: what each rep (or manager, for a team) calls for a period, by category,
 * every submission kept. A manager's adjustment is its own row beside the call it adjusts,
 * never an overwrite, so the sheet shows both what the rep said and what the manager made of
 * it, and a later call starts clean without losing either.
 */
import { labelKey } from "./labels";
import { wordsFrom, type Problem } from "./problem";

export const FORECAST_CATEGORIES = ["Commit", "Best Case", "Pipeline"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const CALL_KINDS = ["Call", "Adjustment"] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** One submission, as a row of the calls table. */
export interface ForecastCall {
  readonly callId: string;
  /** The forecast period as the plan names it ("FY2027 Q1"), matched as labels are. */
  readonly period: string;
  /** Whose forecast it is: a rep, or a manager calling for a team. */
  readonly owner: string;
  readonly category: ForecastCategory;
  readonly kind: CallKind;
  /** The call an Adjustment adjusts (its callId); null for a Call. */
  readonly adjusts: string | null;
  /** The figure called; for an Adjustment, the manager's figure in place of the call's, not a delta. */
  readonly amount: number;
  readonly note: string | null;
  /** When it was submitted: an Excel serial with the time of day. */
  readonly submittedAt: number;
  /** Who submitted it: the owner for a Call, the manager for an Adjustment. */
  readonly submittedBy: string;
}

/** The calls as a worksheet table, for the workbook layer to declare (shaped like schema.ts's TableSpec). */
export const FORECAST_CALLS_TABLE = {
  table: "PlanForecastCalls",
  sheet: "Forecast Calls",
  key: ["CallId"],
  history: true,
  columns: [
    { header: "CallId", type: "text", required: true, field: "callId" },
    { header: "Period", type: "text", required: true, field: "period" },
    { header: "Owner", type: "text", required: true, field: "owner" },
    {
      header: "Category",
      type: "text",
      required: true,
      choices: FORECAST_CATEGORIES,
      field: "category",
    },
    { header: "Kind", type: "text", required: true, choices: CALL_KINDS, field: "kind" },
    { header: "Adjusts", type: "text", field: "adjusts" },
    { header: "Amount", type: "number", required: true, field: "amount" },
    { header: "Note", type: "text", field: "note" },
    { header: "SubmittedAt", type: "date", required: true, field: "submittedAt" },
    { header: "SubmittedBy", type: "text", required: true, field: "submittedBy" },
  ],
} as const satisfies {
  table: string;
  sheet: string;
  key: readonly string[];
  history: boolean;
  columns: readonly {
    header: string;
    type: "text" | "number" | "date";
    required?: boolean;
    choices?: readonly string[];
    field: keyof ForecastCall;
  }[];
};

/** What a call can be refused for, in English (the catalogs translate the codes). */
export const FORECAST_CALL_PROBLEMS = {
  callIdBlank: "the call id is blank",
  callIdTwice: 'call id "{id}" is also in row {first}',
  periodBlank: "the period is blank",
  ownerBlank: "the owner is blank",
  submittedByBlank: "who submitted it is blank",
  amountInvalid: "the amount must be a number ≥ 0, got {value}",
  submittedAtInvalid: "the submission time must be a date, got {value}",
  categoryUnknown: 'category "{value}" is not one of Commit, Best Case, Pipeline',
  callAdjusts:
    'a call adjusts nothing, but this one names "{adjusts}": make it an adjustment, or clear Adjusts',
  adjustsNothing: "an adjustment must name the call it adjusts",
  adjustsMissing: 'it adjusts call "{adjusts}", which is not in the table',
  adjustsAdjustment:
    'it adjusts "{adjusts}", which is an adjustment itself: adjust the call it adjusts, "{call}"',
  adjustmentElsewhere:
    'it adjusts call "{adjusts}" ({owner}, {category}, {period}) but says {ownerHere}, {categoryHere}, {periodHere}',
} as const;

export type ForecastCallProblemCode = keyof typeof FORECAST_CALL_PROBLEMS;
export const forecastCallProblem = wordsFrom(FORECAST_CALL_PROBLEMS);

/** A problem in a call: its 1-based row in the calls given (none for a draft), and its field. */
export interface ForecastCallProblem extends Problem<ForecastCallProblemCode> {
  table: "forecastCalls";
  row?: number;
  field: keyof ForecastCall;
}

const isBlank = (text: string | null) => text === null || text.trim() === "";
const categoryKey = (category: string) => labelKey(category);
const CATEGORY_ORDER = new Map<string, number>(FORECAST_CATEGORIES.map((c, i) => [labelKey(c), i]));

/** The checks on one row that need no other row. */
function ownProblems(call: ForecastCall, row: number | undefined): ForecastCallProblem[] {
  const problems: ForecastCallProblem[] = [];
  const add = (field: keyof ForecastCall, code: ForecastCallProblemCode, values = {}) =>
    problems.push({ ...forecastCallProblem(code, values), table: "forecastCalls", row, field });
  if (isBlank(call.period)) add("period", "periodBlank");
  if (isBlank(call.owner)) add("owner", "ownerBlank");
  if (isBlank(call.submittedBy)) add("submittedBy", "submittedByBlank");
  if (!CATEGORY_ORDER.has(categoryKey(call.category)))
    add("category", "categoryUnknown", { value: call.category });
  if (!Number.isFinite(call.amount) || call.amount < 0)
    add("amount", "amountInvalid", { value: String(call.amount) });
  if (!Number.isFinite(call.submittedAt) || call.submittedAt < 1)
    add("submittedAt", "submittedAtInvalid", { value: String(call.submittedAt) });
  if (call.kind === "Call" && !isBlank(call.adjusts))
    add("adjusts", "callAdjusts", { adjusts: call.adjusts ?? "" });
  if (call.kind === "Adjustment" && isBlank(call.adjusts)) add("adjusts", "adjustsNothing");
  return problems;
}

/** An adjustment's problems against the call it adjusts (found by id in `byId`). */
function adjustmentProblems(
  adjustment: ForecastCall,
  row: number | undefined,
  byId: ReadonlyMap<string, ForecastCall>
): ForecastCallProblem[] {
  const adjusts = adjustment.adjusts;
  if (adjustment.kind !== "Adjustment" || adjusts === null || isBlank(adjusts)) return [];
  const problem = (code: ForecastCallProblemCode, values = {}): ForecastCallProblem => ({
    ...forecastCallProblem(code, values),
    table: "forecastCalls",
    row,
    field: "adjusts",
  });
  const call = byId.get(adjusts);
  if (call === undefined) return [problem("adjustsMissing", { adjusts })];
  if (call.kind === "Adjustment")
    return [problem("adjustsAdjustment", { adjusts, call: call.adjusts ?? "" })];
  const same =
    labelKey(call.period) === labelKey(adjustment.period) &&
    labelKey(call.owner) === labelKey(adjustment.owner) &&
    categoryKey(call.category) === categoryKey(adjustment.category);
  if (same) return [];
  const values = {
    adjusts,
    owner: call.owner,
    category: call.category,
    period: call.period,
    ownerHere: adjustment.owner,
    categoryHere: adjustment.category,
    periodHere: adjustment.period,
  };
  return [problem("adjustmentElsewhere", values)];
}

/**
 * Every problem of a calls table, each with its 1-based row (in row order): blank or repeated ids, blank
 * fields, amounts and times that are not numbers, and adjustments that adjust nothing, an
 * adjustment, or another owner's, category's or period's call.
 */
export function checkCalls(calls: readonly ForecastCall[]): ForecastCallProblem[] {
  const problems: ForecastCallProblem[] = [];
  const byId = new Map<string, ForecastCall>();
  const rowOf = new Map<string, number>();
  calls.forEach((call, i) => {
    const row = i + 1;
    if (isBlank(call.callId)) {
      const said = forecastCallProblem("callIdBlank");
      problems.push({ ...said, table: "forecastCalls", row, field: "callId" });
    } else if (rowOf.has(call.callId)) {
      const said = forecastCallProblem("callIdTwice", {
        id: call.callId,
        first: rowOf.get(call.callId) ?? 0,
      });
      problems.push({ ...said, table: "forecastCalls", row, field: "callId" });
    } else {
      rowOf.set(call.callId, row);
      byId.set(call.callId, call);
    }
    problems.push(...ownProblems(call, row));
  });
  calls.forEach((call, i) => problems.push(...adjustmentProblems(call, i + 1, byId)));
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** An id no call in the table has: "FC-" and one more than the highest such number there. */
export function nextCallId(calls: readonly ForecastCall[]): string {
  let highest = 0;
  for (const { callId } of calls) {
    const match = /^FC-(\d+)$/.exec(callId.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `FC-${String(highest + 1).padStart(4, "0")}`;
}

/** A new rep's or manager's call, before it has an id. */
export interface CallDraft {
  period: string;
  owner: string;
  category: ForecastCategory;
  amount: number;
  note: string | null;
  submittedAt: number;
  submittedBy: string;
}

/** A manager's adjustment of a call, before it has an id: period, owner and category are the call's. */
export interface AdjustmentDraft {
  adjusts: string;
  amount: number;
  note: string | null;
  submittedAt: number;
  submittedBy: string;
}

/**
 * The row a submission appends: a new call, or an adjustment beside the call it names (taking
 * that call's period, owner and category). Nothing already in the table changes.
 */
export function submission(
  calls: readonly ForecastCall[],
  draft: CallDraft | AdjustmentDraft
): { ok: true; call: ForecastCall } | { ok: false; problems: ForecastCallProblem[] } {
  const callId = nextCallId(calls);
  const { amount, note, submittedAt, submittedBy } = draft;
  const said = { amount, note, submittedAt, submittedBy };
  let call: ForecastCall;
  if ("adjusts" in draft) {
    const adjusted = calls.find((c) => c.callId === draft.adjusts);
    const { period = "", owner = "", category = "Commit" } = adjusted ?? {};
    call = { callId, period, owner, category, kind: "Adjustment", adjusts: draft.adjusts, ...said };
    const byId = new Map(calls.map((c) => [c.callId, c]));
    const unadjustable = adjustmentProblems(call, undefined, byId);
    if (unadjustable.length > 0) return { ok: false, problems: unadjustable };
  } else {
    const { period, owner, category } = draft;
    call = { callId, period, owner, category, kind: "Call", adjusts: null, ...said };
  }
  const problems = ownProblems(call, undefined);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, call };
}

/** A call with its adjustments beside it, earliest first. */
export interface CallWithAdjustments {
  call: ForecastCall;
  adjustments: ForecastCall[];
  /** The figure that stands: the latest adjustment's, else the call's. */
  amount: number;
}

/** Later submissions first: by time, then (the table being appended to) by row. */
const byTime = (rows: { call: ForecastCall; row: number }[]) =>
  rows.sort((a, b) => a.call.submittedAt - b.call.submittedAt || a.row - b.row);

/**
 * Every call of a period with the adjustments of it, in submission order (earliest first;
 * at the same time, the earlier row first).
 */
export function callsOfPeriod(
  calls: readonly ForecastCall[],
  period: string
): CallWithAdjustments[] {
  const wanted = labelKey(period);
  const ofPeriod: { call: ForecastCall; row: number }[] = [];
  const adjustmentsOf = new Map<string, { call: ForecastCall; row: number }[]>();
  calls.forEach((call, row) => {
    if (labelKey(call.period) !== wanted) return;
    if (call.kind === "Call") ofPeriod.push({ call, row });
    else if (call.adjusts !== null) {
      const list = adjustmentsOf.get(call.adjusts) ?? [];
      list.push({ call, row });
      adjustmentsOf.set(call.adjusts, list);
    }
  });
  return byTime(ofPeriod).map(({ call }) => {
    const adjustments = byTime(adjustmentsOf.get(call.callId) ?? []).map((a) => a.call);
    const last = adjustments[adjustments.length - 1];
    return { call, adjustments, amount: last === undefined ? call.amount : last.amount };
  });
}

export interface LatestCall extends CallWithAdjustments {
  owner: string;
  category: ForecastCategory;
  /** Earlier calls of the same owner and category this one supersedes (kept in the table). */
  earlier: number;
}

/**
 * The standing call of each owner and category for a period: the latest Call, with the
 * adjustments of that call beside it. An adjustment stays with the call it adjusts: when the
 * rep calls again, the new call stands unadjusted until a manager adjusts it. Sorted by owner,
 * then category in FORECAST_CATEGORIES order.
 */
export function latestCalls(calls: readonly ForecastCall[], period: string): LatestCall[] {
  const latest = new Map<string, LatestCall>();
  for (const item of callsOfPeriod(calls, period)) {
    const { owner, category } = item.call;
    const key = `${labelKey(owner)}\u0000${categoryKey(category)}`;
    const before = latest.get(key);
    latest.set(key, { ...item, owner, category, earlier: before ? before.earlier + 1 : 0 });
  }
  const order = (c: string) => CATEGORY_ORDER.get(categoryKey(c)) ?? FORECAST_CATEGORIES.length;
  return [...latest.values()].sort(
    (a, b) =>
      labelKey(a.owner).localeCompare(labelKey(b.owner)) || order(a.category) - order(b.category)
  );
}
