import { Directive, Field, ObjectType } from 'type-graphql';
import { OpenToInwoner } from '../auth/inwoner';
import { Uitkomst } from './logboek.type';
import { inzagevraagSleutel, leesInzagevraagSleutel, type Inzagevraag } from './mijn-inzage';

/**
 * A line of a resident's access report. Every subgraph returns this value type, hence shareable. It
 * names the organisation, never the employee: no employee id, no roles.
 */
@ObjectType('Inzageregel', {
  description:
    'One processing of your data, as the partner’s log records it: which organisation, when, for which ' +
    'processing activity with its purpose and legal basis, and the outcome. Never the employee.',
})
@Directive('@shareable')
export class Inzageregel {
  @Field(() => String, { description: 'Start of the processing, ISO timestamp.' })
  tijdstip!: string;

  @Field(() => String, {
    description:
      'W3C trace id of the request: quote it to the organisation when you ask about this processing.',
  })
  traceId!: string;

  @Field(() => String, {
    description:
      'The organisation on whose behalf your data was processed; `inwoner` when you read this report.',
  })
  organisatie!: string;

  @Field(() => String, { nullable: true, description: 'The purpose the organisation stated.' })
  doelbinding!: string | null;

  @Field(() => String, { description: 'URI of the processing activity in the partner’s register.' })
  activiteit!: string;

  @Field(() => String, { nullable: true, description: 'Name of the activity; null when no longer listed.' })
  activiteitNaam!: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose of the activity, from the register.' })
  doel!: string | null;

  @Field(() => String, { nullable: true, description: 'Legal basis of the activity, from the register.' })
  grondslag!: string | null;

  @Field(() => [String], { description: 'The fields read or refused.' })
  velden!: string[];

  @Field(() => Uitkomst)
  uitkomst!: Uitkomst;

  @Field(() => String, { description: 'The partner (subgraph) that processed your data.' })
  bron!: string;
}

/** What an `Inzageoverzicht` resolves to: its key and the question it stands for. */
export interface InzageoverzichtBron {
  vraag: string;
  inzagevraag: Inzagevraag;
}

export function inzageoverzichtBron(inzagevraag: Inzagevraag): InzageoverzichtBron {
  return { vraag: inzagevraagSleutel(inzagevraag), inzagevraag };
}

/**
 * The resident's access report across the chain: werk-inkomen returns it from `Query.mijnInzage`, and
 * every subgraph adds its own field of lines, found with its own pseudonym of the BSN in the token.
 * The key holds the period and page size only (`@inaccessible`): never a BSN. Open to residents.
 */
export function inzageoverzichtType() {
  @ObjectType('Inzageoverzicht', {
    description:
      'Who processed your data, per partner (your access report, AVG art. 15). Only for you, the resident.',
  })
  @Directive('@key(fields: "vraag")')
  @OpenToInwoner()
  class Inzageoverzicht {
    @Field(() => String)
    @Directive('@inaccessible')
    vraag!: string;
  }
  return Inzageoverzicht;
}

/** A key this hub did not make resolves to null, as an unknown key does. */
export function resolveInzageoverzichtReference(reference: { vraag: string }): InzageoverzichtBron | null {
  const inzagevraag = leesInzagevraagSleutel(reference.vraag);
  return inzagevraag ? { vraag: reference.vraag, inzagevraag } : null;
}
