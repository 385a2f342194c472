import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Verwerkingsactiviteit } from './activities';
import { leesRapportperiodeSleutel, rapportperiodeSleutel, type Rapportperiode } from './gebruiksrapport';
import { Verwerking } from './logboek.type';

@ObjectType('Raadpleging', {
  description: 'A look-up in a usage report: the log line, who did it, and the resident as a pseudonym.',
})
@Directive('@shareable')
export class Raadpleging extends Verwerking {
  @Field(() => String, {
    description:
      'The resident as this partner’s pseudonym (HMAC-SHA-256 of the BSN with the partner’s own key), never the BSN.',
  })
  betrokkene!: string;
}

@ObjectType('Raadplegingen', { description: 'The look-ups of a usage report: how many, and the newest.' })
@Directive('@shareable')
export class Raadplegingen {
  @Field(() => Int, { description: 'All look-ups of the report in the period.' })
  aantal!: number;

  @Field(() => [Raadpleging], { description: 'The newest of them, newest first.' })
  regels!: Raadpleging[];
}

@ObjectType('VeelRaadpleger', {
  description: 'An employee who looked up more distinct residents in one clock hour than the threshold.',
})
@Directive('@shareable')
export class VeelRaadpleger {
  @Field(() => String, { description: 'Employee id.' })
  medewerker!: string;

  @Field(() => String, { description: 'Organisation of the employee.' })
  organisatie!: string;

  @Field(() => String, { description: 'Start of the clock hour, ISO timestamp.' })
  uur!: string;

  @Field(() => Int, { description: 'Distinct residents looked up in that hour, refused attempts included.' })
  aantalInwoners!: number;

  @Field(() => Int, { description: 'Log lines of the employee in that hour.' })
  aantalRaadplegingen!: number;
}

@ObjectType('Geraadpleegde', { description: 'A resident whose data was looked at, as a pseudonym.' })
@Directive('@shareable')
export class Geraadpleegde {
  @Field(() => String, {
    description:
      'The resident as this partner’s pseudonym, never the BSN; the same as `Raadpleging.betrokkene`.',
  })
  betrokkene!: string;

  @Field(() => Int, { description: 'Requests that read the resident’s data (outcome TOEGESTAAN).' })
  aantalRaadplegingen!: number;

  @Field(() => Int, { description: 'Distinct employees among them.' })
  aantalMedewerkers!: number;

  @Field(() => String, { description: 'The latest of them, ISO timestamp.' })
  laatsteRaadpleging!: string;
}

/** What a partner's `Gebruiksrapport` resolves from: the period, and the register that names activities. */
export interface GebruiksrapportBron {
  periode: Rapportperiode;
  register: Record<string, Verwerkingsactiviteit>;
}

@ObjectType('Gebruiksrapport', {
  description:
    'Usage reports of one partner’s processing log (as Suwinet gives them), computed from its log, for ' +
    'its own PRIVACY_OFFICER.',
})
@Directive('@shareable')
export class Gebruiksrapport {}

/** What a `Gebruiksrapportage` resolves to: its key and the period it stands for. */
export interface GebruiksrapportageBron {
  periode: string;
  rapportperiode: Rapportperiode;
}

export function gebruiksrapportageBron(rapportperiode: Rapportperiode): GebruiksrapportageBron {
  return { periode: rapportperiodeSleutel(rapportperiode), rapportperiode };
}

/**
 * The usage reports of every partner for one period: werk-inkomen returns it from
 * `Query.gebruiksrapportage`, every subgraph adds its own field, which only its own PRIVACY_OFFICER
 * reads. The key is the canonical period (`@inaccessible`).
 */
export function gebruiksrapportageType() {
  @ObjectType('Gebruiksrapportage', {
    description: 'Usage reports of the processing log, per partner, for one period.',
  })
  @Directive('@key(fields: "periode")')
  class Gebruiksrapportage {
    @Field(() => String)
    @Directive('@inaccessible')
    periode!: string;
  }
  return Gebruiksrapportage;
}

export function resolveGebruiksrapportageReference(reference: {
  periode: string;
}): GebruiksrapportageBron | null {
  const rapportperiode = leesRapportperiodeSleutel(reference.periode);
  return rapportperiode ? { periode: reference.periode, rapportperiode } : null;
}
