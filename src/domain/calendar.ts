/**
 * Dates as Excel stores them: serial day numbers in the 1900 date system, where 1 is
 * 1900-01-01 and 60 is Lotus 1-2-3's fictitious 1900-02-29. Everything here is UTC
 * calendar arithmetic, so a plan gives the same months in every time zone.
 */
import { valueError } from "./errors";

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { floor, round } = Math;

const MS_PER_DAY = 86_400_000;
/** Day 0 for serials from 61 (1900-03-01) on. */
const EPOCH_MS = Date.UTC(1899, 11, 30);

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

export function serialFromDate({ year, month, day }: CalendarDate): number {
  const serial = round((Date.UTC(year, month - 1, day) - EPOCH_MS) / MS_PER_DAY);
  return serial < 61 ? serial - 1 : serial;
}

/**
 * An instant (milliseconds since 1970 UTC) as a serial, its time of day the fraction: how a
 * Date or an ISO date-time read from a workbook becomes a cell value. Like Excel, it counts
 * from 1899-12-30, so it is right from 1900-03-01 on (before, serialFromDate's days differ by
 * Lotus's leap day).
 */
export const serialFromTimestamp = (ms: number): number => ms / MS_PER_DAY + 25_569;

export function dateFromSerial(serial: number): CalendarDate {
  const whole = floor(serial);
  if (whole === 60) throw valueError("serial 60 is 1900-02-29, a date that never existed");
  if (whole < 1) throw valueError(`${serial} is not a date`);
  const date = new Date(EPOCH_MS + (whole < 60 ? whole + 1 : whole) * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole months, keeping the first of the month. */
export function addMonths(
  year: number,
  month: number,
  months: number
): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: floor(index / 12), month: (index % 12) + 1 };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses yyyy-mm-dd text; undefined for anything else or a day that does not exist. */
export function serialFromIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (
    date.month < 1 ||
    date.month > 12 ||
    date.day < 1 ||
    date.day > daysInMonth(date.year, date.month)
  ) {
    return undefined;
  }
  if (date.year < 1900) return undefined;
  return serialFromDate(date);
}

/** An Excel serial date as yyyy-mm-dd (the value of an HTML date input). */
export function isoFromSerial(serial: number): string {
  const { year, month, day } = dateFromSerial(floor(serial));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Today's date as an Excel serial, in the user's own time zone. */
export function todaySerial(now: Date = new Date()): number {
  return serialFromDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
