import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { BSNScalar } from '../bsn';
import { leesZoekvraagSleutel, zoekvraagSleutel, type Zoekvraag } from './logboek';

export enum Uitkomst {
  TOEGESTAAN = 'TOEGESTAAN',
  GEWEIGERD = 'GEWEIGERD',
}
registerEnumType(Uitkomst, {
  name: 'Uitkomst',
  description: 'Whether the processing was allowed, or refused (a refusal is logged too).',
});

/**
 * A line of a subgraph's processing log joined with who did it. Every subgraph returns this value type,
 * hence shareable. It never carries the resident: the line names the processing, not the person.
 */
@ObjectType('Verwerking', { description: 'One processing of personal data, as the log records it.' })
@Directive('@shareable')
export class Verwerking {
  @Field(() => String, { description: 'Start of the processing, ISO timestamp.' })
  tijdstip!: string;

  @Field(() => String, { description: 'W3C trace id of the request.' })
  traceId!: string;

  @Field(() => String, { description: "The subgraph's span within the trace." })
  spanId!: string;

  @Field(() => String, { description: 'URI of the processing activity in the register.' })
  activiteit!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the activity in the register; null when no longer listed.',
  })
  activiteitNaam!: string | null;

  @Field(() => String, { nullable: true, description: 'The purpose the caller stated.' })
  doelbinding!: string | null;

  @Field(() => String, { description: 'Organisation of the employee.' })
  organisatie!: string;

  @Field(() => String, { description: 'Employee id.' })
  medewerker!: string;

  @Field(() => [String])
  rollen!: string[];

  @Field(() => [String], { description: 'The fields read or refused.' })
  velden!: string[];

  @Field(() => Uitkomst)
  uitkomst!: Uitkomst;

  @Field(() => String, { description: 'The subgraph that processed the data.' })
  bron!: string;

  @Field(() => ID, { nullable: true, description: 'The case conference the look was made for, if any.' })
  casusoverlegId!: string | null;
}

@InputType('LogboekFilter', {
  description: 'A search of the processing log: at least one of traceId, activiteit, bsn and casusoverleg.',
})
export class LogboekFilter {
  @Field(() => String, { nullable: true, description: 'W3C trace id, 32 hexadecimal characters.' })
  traceId?: string | null;

  @Field(() => String, { nullable: true, description: 'URI of a processing activity.' })
  activiteit?: string | null;

  @Field(() => BSNScalar, {
    nullable: true,
    description: "The resident: the resident's access report (inzageverzoek).",
  })
  bsn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A case conference: the looks its participants made for it (their resident’s data).',
  })
  casusoverleg?: string | null;

  @Field(() => String, { nullable: true, description: 'From this moment (inclusive), ISO timestamp.' })
  van?: string | null;

  @Field(() => String, { nullable: true, description: 'Until this moment (exclusive), ISO timestamp.' })
  tot?: string | null;
}

/** What a `Logboek` resolves to: its key and the zoekvraag it stands for. */
export interface LogboekBron {
  zoekvraag: string;
  filter: Zoekvraag;
}

export function logboekBron(filter: Zoekvraag): LogboekBron {
  return { zoekvraag: zoekvraagSleutel(filter), filter };
}

/**
 * The federated log search: werk-inkomen returns it from `Query.logboek`, and every subgraph adds its
 * own field of lines. The key is the canonical zoekvraag, hidden from clients (`@inaccessible`): the
 * gateway hands it to each subgraph, and no caller can send one of their own. A factory, because each
 * subgraph builds its own schema with its own field.
 */
export function logboekType() {
  @ObjectType('Logboek', {
    description: 'The processing log (Logboek dataverwerkingen) of every partner, for one search.',
  })
  @Directive('@key(fields: "zoekvraag")')
  class Logboek {
    @Field(() => String)
    @Directive('@inaccessible')
    zoekvraag!: string;
  }
  return Logboek;
}

/** A key this hub did not make resolves to null, as an unknown key does. */
export function resolveLogboekReference(reference: { zoekvraag: string }): LogboekBron | null {
  const filter = leesZoekvraagSleutel(reference.zoekvraag);
  return filter ? { zoekvraag: reference.zoekvraag, filter } : null;
}
