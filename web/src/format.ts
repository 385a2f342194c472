/** Numbers, dates and money the Dutch way: `1.234`, `12,5%`, `3 maart 2025`. */
const getal = new Intl.NumberFormat('nl-NL');
const procent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const datum = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const tijdstip = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

export const formatGetal = (value: number): string => getal.format(value);
export const formatProcent = (ratio: number): string => procent.format(ratio);
export const formatCenten = (centen: number): string => euro.format(centen / 100);

/** A calendar date (`2025-03-03`) or an instant, in words. */
export function formatDatum(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : datum.format(date);
}

export function formatTijdstip(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : tijdstip.format(date);
}

/** Whole days from today to a calendar date, in Europe/Amsterdam. */
export function dagenTot(value: string, now = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
  return Math.round((Date.parse(`${value}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Upper-case domain codes (`PARTICIPATIEWET`, `WERK_GEVONDEN`) as words. */
export function code(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The start of a calendar day in Europe/Amsterdam as an ISO timestamp with its offset. */
export function beginVanDag(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
      .formatToParts(noon)
      .find((part) => part.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
  return `${day}T00:00:00${offset}`;
}

/** Today (Europe/Amsterdam) as `yyyy-mm-dd`, or that many days before. */
export function dag(daysBack = 0, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(now.getTime() - daysBack * 86_400_000),
  );
}

/** The day after `day` (`yyyy-mm-dd`). */
export function volgendeDag(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
