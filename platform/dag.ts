/** Formats a moment as its calendar day in the Netherlands; built once, as building one costs more than formatting. */
const AMSTERDAMSE_DAG = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day in the Netherlands, YYYY-MM-DD: consent, benefits and statutes run on days there,
 * not at UTC midnight.
 */
export function vandaag(now: Date = new Date()): string {
  return AMSTERDAMSE_DAG.format(now);
}
