/**
 * Calendar days and instants as forms send them. Every form reads dates through these, so a
 * day is a real day (no 2026-02-30) and a `datetime-local` value is read as UTC everywhere.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?$/;

/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD value as midnight UTC of that day, or null when it is not a real calendar day. */
export function parseDay(value: string): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** `days` calendar days after a day (negative for before). */
export function addDays(date: Date, days: number): Date {
  const next = new Date(date.getTime());
  next.setUTCDate(next.getUTCDate() + days);
  return next;
}

/** A `datetime-local` value read as UTC; `end` gives the first instant after the minute (or second) named. */
export function parseUtcDateTime(value: string, end = false): Date | null {
  const m = DATETIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second ?? 0));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month! - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute
  ) {
    return null;
  }
  if (end) date.setTime(date.getTime() + (second === undefined ? 60_000 : 1000));
  return date;
}

/** An instant as a `datetime-local` value in UTC, to the second. */
export function toUtcDateTimeLocal(date: Date): string {
  return date.toISOString().slice(0, 19);
}
