import { Field, InputType } from 'type-graphql';
import { isOrganisatie, type Organisatie } from '../../../platform/auth/principals';
import { BSNScalar, isValidBsn } from '../../../platform/bsn';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/config';
import { badUserInput } from '../../../platform/errors';
import { DateScalar } from '../../../platform/scalars';
import { Grondslag } from './casusoverleg.entity';
import { isSubgraphName, TOESTEMMING_MAX_MAANDEN, uitersteVervaldag } from './casusoverleg.toegang';
import { grondslagGebrek, grondslagMetCode, type WettelijkeGrondslag } from './grondslagen';
import { Toestemmingswijze } from './toestemming.entity';

const BEWIJS_MAX = 200;

@InputType('OpenCasusoverlegInput')
export class OpenCasusoverlegInput {
  @Field(() => BSNScalar)
  bsn!: string;

  @Field(() => String)
  titel!: string;

  @Field(() => Grondslag)
  grondslag!: Grondslag;

  @Field(() => String, {
    nullable: true,
    description:
      'Required with WETTELIJK: the code of a statute in the register `grondslagen` that is in force ' +
      'today (a bill is no basis).',
  })
  wettelijkeGrondslag?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Required with WETTELIJK: the partners (subgraph names) that share, within those the statute ' +
      'names. Not allowed with TOESTEMMING: the consent states the scope.',
  })
  partners?: string[] | null;
}

@InputType('ToestemmingInput')
export class ToestemmingInput {
  @Field(() => DateScalar, { description: 'The day the resident gave consent; not in the future.' })
  gegevenOp!: string;

  @Field(() => DateScalar, {
    description:
      'The last day the consent holds: required, not before gegevenOp, not in the past, and at most 12 ' +
      'months after gegevenOp.',
  })
  verlooptOp!: string;

  @Field(() => [String], { description: 'The partners (subgraph names) that may share their data.' })
  partners!: string[];

  @Field(() => Toestemmingswijze)
  wijze!: Toestemmingswijze;

  @Field(() => String, {
    description:
      'Reference to the evidence of the consent: a document, form or recording id in your own system ' +
      '(at most 200 characters, no BSN), new for every consent record.',
  })
  bewijs!: string;
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
export function partnerorganisatie(value: string, veld: string): Exclude<Organisatie, 'regio'> {
  if (!isOrganisatie(value) || value === 'regio') {
    throw badUserInput(`${veld} must be a chain partner's organisation (wi-bhh, wi-enschede, swb, ...).`);
  }
  return value;
}

/**
 * The legal basis as recorded: a statute of the register that is in force on `dag`, with partners within
 * its own, under WETTELIJK; neither with consent.
 */
export function grondslagVan(
  input: OpenCasusoverlegInput,
  dag: string,
  register: readonly WettelijkeGrondslag[],
): { wettelijkeGrondslag: string | null; partners: SubgraphName[] } {
  if (input.grondslag === Grondslag.TOESTEMMING) {
    if (input.wettelijkeGrondslag != null || input.partners != null) {
      throw badUserInput(
        'With grondslag TOESTEMMING the consent states the scope: leave wettelijkeGrondslag and partners out.',
      );
    }
    return { wettelijkeGrondslag: null, partners: [] };
  }
  const statuut = grondslagMetCode(input.wettelijkeGrondslag?.trim() ?? '', register);
  if (!statuut) {
    throw badUserInput(
      `With grondslag WETTELIJK, wettelijkeGrondslag must name a statute of the register (grondslagen): ${register.map((g) => g.code).join(', ')}.`,
    );
  }
  const gebrek = grondslagGebrek(statuut, dag);
  if (gebrek) throw badUserInput(`${gebrek} Open the case conference on the resident’s consent instead.`);
  if (input.partners == null) {
    throw badUserInput('With grondslag WETTELIJK, partners must name the partners that share.');
  }
  const partners = partnerlijst(input.partners);
  const buiten = partners.filter((partner) => !statuut.partners.includes(partner));
  if (buiten.length > 0) {
    throw badUserInput(
      `${statuut.code} lets only ${statuut.partners.join(', ')} share: ${buiten.join(', ')} would need the resident’s consent.`,
    );
  }
  return { wettelijkeGrondslag: statuut.code, partners };
}

/**
 * Consent is recorded after it is given, still holds today, and lasts at most 12 months: a consent
 * without an end, or one that ended already, is refused rather than stored.
 */
export function toestemmingsperiode(input: ToestemmingInput, dag: string): void {
  if (input.gegevenOp > dag)
    throw badUserInput('gegevenOp lies in the future: record consent once it is given.');
  if (input.verlooptOp < input.gegevenOp) throw badUserInput('verlooptOp lies before gegevenOp.');
  const uiterst = uitersteVervaldag(input.gegevenOp);
  if (input.verlooptOp > uiterst) {
    throw badUserInput(
      `verlooptOp may be at most ${TOESTEMMING_MAX_MAANDEN} months after gegevenOp: ${uiterst} at the latest.`,
    );
  }
  if (input.verlooptOp < dag) throw badUserInput('verlooptOp lies in the past: that consent has expired.');
}

/**
 * True when a text may carry a BSN: 9 digits that pass the 11-proef (also written with spaces, dots or
 * hyphens between them), or the resident's own BSN anywhere in a longer number.
 */
export function bevatBsn(text: string, bsn: string): boolean {
  const getallen = text.replace(/(\d)[\s.-](?=\d)/g, '$1').match(/\d+/g) ?? [];
  return getallen.some((getal) => getal.includes(bsn) || (getal.length === 9 && isValidBsn(getal)));
}

/** The reference to the evidence: required, bounded, and no BSN (it is stored and shown in clear). */
export function bewijsVan(value: string, bsn: string): string {
  const bewijs = tekst(value, 'bewijs', BEWIJS_MAX);
  if (bevatBsn(bewijs, bsn)) {
    throw badUserInput(
      'bewijs must not contain a BSN: refer to the evidence by its document or recording id.',
    );
  }
  return bewijs;
}
