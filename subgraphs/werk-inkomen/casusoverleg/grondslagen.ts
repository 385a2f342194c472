import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { SubgraphName } from '../../../platform/config';
import { DateScalar } from '../../../platform/scalars';

export enum GrondslagStatus {
  WETSVOORSTEL = 'WETSVOORSTEL',
  NOG_NIET_IN_WERKING = 'NOG_NIET_IN_WERKING',
  IN_WERKING = 'IN_WERKING',
  VERVALLEN = 'VERVALLEN',
}
registerEnumType(GrondslagStatus, {
  name: 'GrondslagStatus',
  description:
    'Whether a statute holds on a day: WETSVOORSTEL (a bill, never in force), NOG_NIET_IN_WERKING ' +
    '(enacted, in force from a later day), IN_WERKING, or VERVALLEN (repealed). Only IN_WERKING is a basis.',
});

@ObjectType('WettelijkeGrondslag', {
  description:
    'A statute in the register of legal bases for case conferences: the days it is in force and the ' +
    'partners that may share under it. A case conference rests on one that is in force, or on consent.',
})
export class WettelijkeGrondslag {
  @Field(() => String, { description: 'What `OpenCasusoverlegInput.wettelijkeGrondslag` names, e.g. Wgshv.' })
  code!: string;

  @Field(() => String, { description: 'The citation title of the statute.' })
  naam!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The provision that gives the basis; null where the register names no single article.',
  })
  artikel!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day in force; null for a bill.' })
  inWerkingVanaf!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day no longer in force; null unless repealed.',
  })
  vervallenPer!: string | null;

  @Field(() => [String], {
    description:
      'The partners (subgraph names) that may share under it; a conference on it shares these or fewer.',
  })
  partners!: SubgraphName[];

  @Field(() => String, { description: 'What it covers, and what the register is unsure of.' })
  omschrijving!: string;
}

/**
 * The register of statutes a case conference may rest on, with the days they are in force. Kept with
 * the code, since a change of the law is a change of what the hub allows and goes through review. Only
 * what the register is sure of counts as in force: a statute of doubtful status is recorded as not in
 * force and says so. A closed list, so that nobody opens data by typing the name of a law.
 */
export const GRONDSLAGEN: readonly WettelijkeGrondslag[] = [
  {
    code: 'Wgshv',
    naam: 'Wet gemeentelijke schuldhulpverlening',
    artikel: 'art. 5 (verwerking van persoonsgegevens)',
    inWerkingVanaf: '2021-01-01',
    vervallenPer: null,
    partners: ['werk-inkomen', 'schuldhulp'],
    omschrijving:
      'The act (in force since 1 July 2012, usually abbreviated Wgs; written Wgshv here to keep it apart ' +
      'from the WGS) lets the municipality and the debt-help organisation it engages, here the Stadsbank, ' +
      'process the personal data that debt help needs. Its provisions on processing personal data were ' +
      'added by the amendment of Kamerstuk 35316 and are in force since 1 January 2021, the date recorded ' +
      'here. It covers debt help only, so only werk-inkomen and the Stadsbank share under it. The article ' +
      'number is as this register read the amended act: check it against the consolidated text.',
  },
  {
    code: 'WGS',
    naam: 'Wet gegevensverwerking door samenwerkingsverbanden',
    artikel: null,
    inWerkingVanaf: '2025-03-01',
    vervallenPer: null,
    partners: ['werk-inkomen'],
    omschrijving:
      'Stb. 2024, 198, in force since 1 March 2025 (Stb. 2024, 380). A basis only for a case that a Zorg- ' +
      'en Veiligheidshuis has taken on, among the participants that the act and its Besluit designate. ' +
      'Of the partners of this hub only the municipality is taken to be one, so only werk-inkomen shares ' +
      'under it. The register names no single article of it.',
  },
  {
    code: 'Wams',
    naam: 'Wet aanpak meervoudige problematiek sociaal domein',
    artikel: null,
    inWerkingVanaf: null,
    vervallenPer: null,
    partners: [],
    omschrijving:
      'A bill (wetsvoorstel) to amend the Wmo 2015 and other acts for a coordinated approach of multiple ' +
      'problems in the social domain; the Raad van State advised on it in 2021 (W13.21.0187/III). It is ' +
      'not in force as far as this register knows, so it is no legal basis; the register names its date ' +
      'and partners once it is enacted and in force.',
  },
];

/** The statute a code names, or undefined when the register has none. */
export function grondslagMetCode(
  code: string,
  register: readonly WettelijkeGrondslag[],
): WettelijkeGrondslag | undefined {
  return register.find((grondslag) => grondslag.code === code);
}

/** Whether a statute holds on a day (YYYY-MM-DD). */
export function statusOp(grondslag: WettelijkeGrondslag, dag: string): GrondslagStatus {
  if (grondslag.inWerkingVanaf === null) return GrondslagStatus.WETSVOORSTEL;
  if (dag < grondslag.inWerkingVanaf) return GrondslagStatus.NOG_NIET_IN_WERKING;
  if (grondslag.vervallenPer !== null && dag >= grondslag.vervallenPer) return GrondslagStatus.VERVALLEN;
  return GrondslagStatus.IN_WERKING;
}

/** Why a statute is no basis on a day, or null when it is in force then. */
export function grondslagGebrek(grondslag: WettelijkeGrondslag, dag: string): string | null {
  const wet = `${grondslag.code} (${grondslag.naam})`;
  switch (statusOp(grondslag, dag)) {
    case GrondslagStatus.IN_WERKING:
      return null;
    case GrondslagStatus.WETSVOORSTEL:
      return `${wet} is a bill, not a statute in force: it gives no legal basis.`;
    case GrondslagStatus.NOG_NIET_IN_WERKING:
      return `${wet} is in force only from ${grondslag.inWerkingVanaf ?? ''}: it gives no legal basis on ${dag}.`;
    case GrondslagStatus.VERVALLEN:
      return `${wet} was repealed as of ${grondslag.vervallenPer ?? ''}: it gives no legal basis any more.`;
  }
}
