/**
 * A processing activity (verwerkingsactiviteit) of a partner's register. Retention is a property of
 * the activity, not of a log line.
 */
export interface Verwerkingsactiviteit {
  /** URI in the partner's register of processing activities. */
  id: string;
  naam: string;
  doel: string;
  grondslag: string;
  bewaartermijn: string;
}

/** Builds the id of an activity of one subgraph's register. */
export function activiteitId(subgraph: string, slug: string): string {
  return `urn:twente-ketenhub:${subgraph}:verwerkingsactiviteit:${slug}`;
}
