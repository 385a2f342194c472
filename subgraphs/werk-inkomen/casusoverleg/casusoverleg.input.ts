import { Field, InputType } from 'type-graphql';
import { isOrganisatie, type Organisatie } from '../../../platform/auth/principals';
import { BSNScalar } from '../../../platform/bsn';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/config';
import { badUserInput } from '../../../platform/errors';
import { DateScalar } from '../../../platform/scalars';
import { Grondslag } from './casusoverleg.entity';
import { isSubgraphName } from './casusoverleg.toegang';
import { Toestemmingswijze } from './toestemming.entity';

/**
 * The statutes that give a case conference a legal basis without consent, as the register of
 * processing activities names them. A closed list: a free text would let anyone open data by typing.
 */
export const WETTELIJKE_GRONDSLAGEN: Readonly<Record<string, string>> = {
  Wams: 'Wet aanpak meervoudige problematiek sociaal domein',
  WGS: 'Wet gegevensverwerking door samenwerkingsverbanden (Zorg- en Veiligheidshuis)',
};

@InputType('OpenCasusoverlegInput')
export class OpenCasusoverlegInput {
  @Field(() => BSNScalar)
  bsn!: string;

  @Field(() => String)
  titel!: string;

  @Field(() => Grondslag)
  grondslag!: Grondslag;

  @Field(() => String, { nullable: true, description: 'Required with WETTELIJK: Wams or WGS.' })
  wettelijkeGrondslag?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Required with WETTELIJK: the partners (subgraph names) that share under the statute. Not allowed ' +
      'with TOESTEMMING: the consent states the scope.',
  })
  partners?: string[] | null;
}

@InputType('ToestemmingInput')
export class ToestemmingInput {
  @Field(() => DateScalar, { description: 'The day the resident gave consent; not in the future.' })
  gegevenOp!: string;

  @Field(() => DateScalar, { description: 'The last day the consent holds; not before gegevenOp.' })
  verlooptOp!: string;

  @Field(() => [String], { description: 'The partners (subgraph names) that may share their data.' })
  partners!: string[];

  @Field(() => Toestemmingswijze)
  wijze!: Toestemmingswijze;
}

@InputType('ActieInput')
export class ActieInput {
  @Field(() => String, { description: 'The organisation that carries it out, e.g. stadsbank.' })
  eigenaarOrganisatie!: string;

  @Field(() => String)
  omschrijving!: string;

  @Field(() => DateScalar)
  deadline!: string;
}

/** A required text, trimmed; the message names the field, not the value. */
export function tekst(value: string, veld: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw badUserInput(`${veld} must not be empty.`);
  if (trimmed.length > max) throw badUserInput(`${veld} may be at most ${max} characters.`);
  return trimmed;
}

/** A non-empty list of known subgraph names, each once, in the hub's order. */
export function partnerlijst(values: string[]): SubgraphName[] {
  if (values.length === 0) throw badUserInput('partners must name at least one partner.');
  const unknown = values.findIndex((value) => !isSubgraphName(value));
  if (unknown >= 0) {
    throw badUserInput(
      `partners[${unknown}] is not a partner: use subgraph names (${SUBGRAPH_NAMES.join(', ')}).`,
    );
  }
  return SUBGRAPH_NAMES.filter((name) => values.includes(name));
}

/** An organisation of a chain partner: the region's analysts take part in no case conference. */
export function partnerorganisatie(value: string, veld: string): Organisatie {
  if (!isOrganisatie(value) || value === 'regio') {
    throw badUserInput(`${veld} must be a chain partner's organisation (wi-bhh, wi-enschede, swb, ...).`);
  }
  return value;
}

/** The legal basis as recorded: a statute and its partners with WETTELIJK, neither with consent. */
export function grondslagVan(input: OpenCasusoverlegInput): {
  wettelijkeGrondslag: string | null;
  partners: SubgraphName[];
} {
  if (input.grondslag === Grondslag.TOESTEMMING) {
    if (input.wettelijkeGrondslag != null || input.partners != null) {
      throw badUserInput(
        'With grondslag TOESTEMMING the consent states the scope: leave wettelijkeGrondslag and partners out.',
      );
    }
    return { wettelijkeGrondslag: null, partners: [] };
  }
  const statuut = input.wettelijkeGrondslag?.trim() ?? '';
  if (!Object.hasOwn(WETTELIJKE_GRONDSLAGEN, statuut)) {
    throw badUserInput(
      `With grondslag WETTELIJK, wettelijkeGrondslag must name a statute: ${Object.keys(WETTELIJKE_GRONDSLAGEN).join(' or ')}.`,
    );
  }
  if (input.partners == null) {
    throw badUserInput('With grondslag WETTELIJK, partners must name the partners that share.');
  }
  return { wettelijkeGrondslag: statuut, partners: partnerlijst(input.partners) };
}

/** Consent is recorded after it is given, and lasts at least the day it was given. */
export function toestemmingsperiode(input: ToestemmingInput, dag: string): void {
  if (input.gegevenOp > dag)
    throw badUserInput('gegevenOp lies in the future: record consent once it is given.');
  if (input.verlooptOp < input.gegevenOp) throw badUserInput('verlooptOp lies before gegevenOp.');
}
