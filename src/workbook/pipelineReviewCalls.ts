/**
 * The calls a Pipeline Review sums for its period. The period's own standing calls when there
 * are any; otherwise the calls of the periods it is made of, rolled up: the quarters of a
 * year, the months of a quarter (a quarter with no call of its own by its months). Teams often
 * call month by month and review the quarter, and "no call for 2026 Q4" while October and
 * November are called would be untrue. A part with no call is named as missing, never
 * counted as a call of 0.
 */
import { dateFromSerial, serialFromDate } from "../domain/calendar";
import { latestCalls, type ForecastCall, type LatestCall } from "../domain/forecastCalls";
import { periodDates } from "./pipelineAccuracy";

interface Span {
  start: number;
  end: number;
}

/** How the calls were gathered when the period has none of its own. */
export interface CallsRollUp {
  /** The periods whose calls were summed, as the calls name them, in date order. */
  from: string[];
  /** The parts of the period no call names, in date order. */
  missing: string[];
}

export interface ReviewCalls {
  standing: LatestCall[];
  rolledUp?: CallsRollUp;
}

const firstOfMonth = (year: number, month: number) => serialFromDate({ year, month, day: 1 });

/** The period's whole calendar months, or undefined unless it starts and ends at month ends. */
function monthsOf({ start, end }: Span): { year: number; month: number }[] | undefined {
  const first = dateFromSerial(start);
  const after = dateFromSerial(end + 1);
  if (first.day !== 1 || after.day !== 1) return undefined;
  const count = (after.year - first.year) * 12 + after.month - first.month;
  return Array.from({ length: count }, (_, i) => {
    const m = first.month - 1 + i;
    return { year: first.year + Math.floor(m / 12), month: (m % 12) + 1 };
  });
}

/** The name of a part no call names: "2026-12", "2026 Q4", else its months "2026-11..2027-01". */
function partName(months: readonly { year: number; month: number }[]): string {
  const mm = (m: { year: number; month: number }) =>
    `${m.year}-${String(m.month).padStart(2, "0")}`;
  const [first, last] = [months[0], months[months.length - 1]];
  if (months.length === 1) return mm(first);
  if (months.length === 3 && first.month % 3 === 1)
    return `${first.year} Q${(first.month + 2) / 3}`;
  return `${mm(first)}..${mm(last)}`;
}

/**
 * The parts a period is made of, one level down: quarters when it is longer than a quarter
 * and made of whole ones, else months; none for a single month or a period not of whole months.
 */
function partsOf(period: Span): { span: Span; name: string }[] {
  const months = monthsOf(period);
  if (!months || months.length < 2) return [];
  const size = months.length > 3 && months.length % 3 === 0 ? 3 : 1;
  const parts: { span: Span; name: string }[] = [];
  for (let i = 0; i < months.length; i += size) {
    const group = months.slice(i, i + size);
    const last = group[group.length - 1];
    // The day before the first of the month after the group's last.
    const end = firstOfMonth(last.year + Math.floor(last.month / 12), (last.month % 12) + 1) - 1;
    const start = firstOfMonth(group[0].year, group[0].month);
    parts.push({ span: { start, end }, name: partName(group) });
  }
  return parts;
}

/** The calls of `span` under the label that names it, else rolled up from its parts. */
function gather(
  calls: readonly ForecastCall[],
  labelsByDates: Map<string, string[]>,
  span: Span,
  own: string[]
): ReviewCalls {
  for (const label of own) {
    const standing = latestCalls(calls, label);
    if (standing.length) return { standing };
  }
  const rolledUp: CallsRollUp = { from: [], missing: [] };
  const standing: LatestCall[] = [];
  for (const part of partsOf(span)) {
    const labels = labelsByDates.get(`${part.span.start}:${part.span.end}`) ?? [];
    const found = gather(calls, labelsByDates, part.span, labels);
    if (!found.standing.length) rolledUp.missing.push(part.name);
    else {
      standing.push(...found.standing);
      if (found.rolledUp) {
        rolledUp.from.push(...found.rolledUp.from);
        rolledUp.missing.push(...found.rolledUp.missing);
      } else rolledUp.from.push(found.standing[0].call.period);
    }
  }
  return standing.length ? { standing, rolledUp } : { standing: [] };
}

/**
 * The standing calls of the period labelled `label` over `span`; when no call names it, those
 * of the periods it contains (read by the one period parser), with which were summed and which
 * parts have no call.
 */
export function reviewCalls(
  calls: readonly ForecastCall[],
  label: string,
  span: Span
): ReviewCalls {
  const labelsByDates = new Map<string, string[]>();
  for (const call of calls) {
    const dates = periodDates(call.period);
    if (!dates) continue;
    const key = `${dates.start}:${dates.end}`;
    const labels = labelsByDates.get(key) ?? [];
    if (!labels.includes(call.period)) labels.push(call.period);
    labelsByDates.set(key, labels);
  }
  // The period's own label first, then any other spelling of the same dates ("2026-Q4").
  const own = [label, ...(labelsByDates.get(`${span.start}:${span.end}`) ?? [])];
  return gather(calls, labelsByDates, span, own);
}
