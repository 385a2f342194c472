/**
 * Calendar days as integers (days since 1970-01-01, UTC): cheap to compare and to add to while
 * generating, turned into ISO strings only for the rows.
 */

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date; `month` is 1..12. */
export function day(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthStart(year: number, month: number): number {
  return day(year, month, 1);
}

function dayOfMonth(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDate();
}

/**
 * The day before, when `end` is a month's last day. Something that ends on a month's last day still
 * runs at that month-end, so the month-end stock would not move by exactly the month's starts minus its
 * ends; the synthetic data keeps that identity, which the statistics' attacker test relies on.
 */
export function offMonthEnd(end: number): number {
  return dayOfMonth(end + 1) === 1 ? end - 1 : end;
}

/** The day after, when `start` is a month's first day: the same for a stock taken on first days (LKS). */
export function offMonthStart(start: number): number {
  return dayOfMonth(start) === 1 ? start + 1 : start;
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** The same calendar day `years` later (earlier when negative); 29 February becomes 1 March. */
export function addYears(dayNumber: number, years: number): number {
  const date = new Date(dayNumber * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY;
}

/** Age in whole years on `on` of someone born on `birth`. */
export function ageOn(birth: number, on: number): number {
  const b = new Date(birth * MS_PER_DAY);
  const o = new Date(on * MS_PER_DAY);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (
    o.getUTCMonth() < b.getUTCMonth() ||
    (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())
  )
    age--;
  return age;
}

// Interned ISO strings: every row with the same date shares one string, which keeps large
// populations small in memory and makes formatting free.
const ISO_FROM = day(1900, 1, 1);
const ISO_TO = day(2100, 1, 1);
const isoCache: (string | undefined)[] = [];

/** 'YYYY-MM-DD' of a day number. */
export function iso(dayNumber: number): string {
  const slot = dayNumber - ISO_FROM;
  if (dayNumber < ISO_FROM || dayNumber >= ISO_TO) {
    return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
  }
  let text = isoCache[slot];
  if (text === undefined) {
    text = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache[slot] = text;
  }
  return text;
}

/** The generated history covers the calendar years 2021..2025. */
export const HISTORY_FIRST_YEAR = 2021;
export const HISTORY_LAST_YEAR = 2025;
export const HISTORY_START = day(HISTORY_FIRST_YEAR, 1, 1);
/** The last day of the history: everything still running then has no end date. */
export const HISTORY_END = day(HISTORY_LAST_YEAR, 12, 31);

export interface Month {
  year: number;
  month: number;
}

/** Every month of the history, in order: 2021-01 .. 2025-12. */
export const HISTORY_MONTHS: readonly Month[] = Array.from(
  { length: (HISTORY_LAST_YEAR - HISTORY_FIRST_YEAR + 1) * 12 },
  (_, index) => ({ year: HISTORY_FIRST_YEAR + Math.floor(index / 12), month: (index % 12) + 1 }),
);

/** Index of a month in HISTORY_MONTHS. */
export function historyMonthIndex(year: number, month: number): number {
  return (year - HISTORY_FIRST_YEAR) * 12 + (month - 1);
}
