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

/**
 * Reading the processing log about a resident is itself a processing of their data: every subgraph
 * lists this activity in its register, so the access report shows who read a resident's lines.
 */
export function inzageLogboekActiviteit(subgraph: string): Verwerkingsactiviteit {
  return {
    id: activiteitId(subgraph, 'inzage-logboek'),
    naam: 'Inzage in het logboek dataverwerkingen',
    doel: 'Toezicht op de verwerkingen en beantwoorden van inzageverzoeken van inwoners',
    grondslag: 'AVG art. 5 lid 2, 15 en 39',
    bewaartermijn: '5 jaar na de inzage',
  };
}
