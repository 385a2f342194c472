import type { GraphQLError } from '../../api';
import { formatCenten, formatGetal, formatProcent } from '../../format';
import { PARTNERS, partnerNaam, type Partner } from '../../partners';
import { MAANDEN, beginEnEinde, dag, laatsteDag, maandenVan, soortVan, type Periode } from './selectie';

/** Every statistic of the five partners for every dashboard gemeente; the gemeenten shown are picked here. */
export const CIJFERS_QUERY = `query Dashboard($periode: Periode!) {
  gemeenten {
    code
    bijstand(periode: $periode) {
      lopendOpEinddatum { ...A }
      gemiddeldBestand { waarde maanden onderdrukt }
      instroom { ...A }
      uitstroom { ...A }
      uitstroomNaarWerk { ...A }
      uitstroomOverig { ...A }
      aandeelUitstroomNaarWerk { ...R }
      statushoudersOpEinddatum { ...A }
      begroot
      uitstroomPerReden { reden aantal { ...A } }
      lopendPerMaandeinde { maand aantal { ...A } }
      instroomPerMaand { maand aantal { ...A } }
      uitstroomPerMaand { maand aantal { ...A } }
    }
    loonkostensubsidie(periode: $periode) {
      personenOpEinddatum { ...A }
      lopendOpBegindatum { ...A }
      gestart { ...A }
      beeindigd { ...A }
      personenPerMaandeinde { maand aantal { ...A } }
    }
    inburgering(periode: $periode) {
      gestart { ...A }
      lopendOpEinddatum { ...A }
      gestartPerLeerroute { leerroute aantal { ...A } }
    }
    swb(periode: $periode) {
      trajectenGestart { ...A }
      trajectenLopendOpEinddatum { ...A }
      trajectenBeeindigd { ...A }
      aandeelBetaaldWerk { ...R }
      swDienstverbandenOpEinddatum { ...A }
      gedetacheerdOpEinddatum { ...A }
      beeindigdPerResultaat { resultaat aantal { ...A } }
    }
    werkplein(periode: $periode) {
      plaatsingenGestart { ...A }
      plaatsingenMetLks { ...A }
      lopendOpEinddatum { ...A }
      vacaturesGeopend { ...A }
      plaatsingenPerSoort { soort aantal { ...A } }
    }
    schuldhulp(periode: $periode) {
      aanmeldingen { ...A }
      aandeelBudgetAlert { ...R }
      lopendOpEinddatum { ...A }
      budgetbeheerOpEinddatum { ...A }
      vroegsignalen { ...A }
      aanmeldingenPerBron { bron aantal { ...A } }
      lopendPerFase { fase aantal { ...A } }
      vroegsignalenPerSoort { soort aantal { ...A } }
    }
    werkcentrum(periode: $periode) {
      gestart { ...A }
      lopendOpEinddatum { ...A }
      budgetGestartCenten { centen onderdrukt }
      gestartPerSoort { soort aantal { ...A } }
    }
  }
}
fragment A on Aantal { waarde onderdrukt }
fragment R on Aandeel { teller { ...A } noemer { ...A } ratio onderdrukt }`;

export const GEMEENTEN_QUERY = `query DashboardGemeenten { gemeenten { code naam } }`;

type Blok = Record<string, unknown>;
export type StatistiekVeld =
  'bijstand' | 'loonkostensubsidie' | 'inburgering' | 'swb' | 'werkplein' | 'schuldhulp' | 'werkcentrum';
export type CijfersData = { gemeenten: ({ code: string } & Partial<Record<StatistiekVeld, Blok | null>>)[] };

interface Aantal {
  waarde: number | null;
  onderdrukt: boolean;
}
interface Aandeel {
  teller: Aantal;
  noemer: Aantal;
  ratio: number | null;
  onderdrukt: boolean;
}

/** What a row counts: its unit decides the format, the suppression reason and whether it is charted. */
type Soort = 'aantal' | 'gemiddelde' | 'aandeel' | 'bedrag' | 'begroting';
/** When a row's number holds: on the period's last or first day, over the period, or its budget year. */
type Tijd = 'eind' | 'begin' | 'periode' | 'gemiddelde' | 'begroting';

/**
 * A cell: a shown value, or a mark with its reason in words (the mark and word are on screen and in the
 * CSV; the reason is in the legend under the table and read out with the cell).
 */
export type Cel =
  | { soort: 'waarde'; tekst: string; getal: number }
  | {
      soort: 'afgeschermd' | 'onberekenbaar' | 'nvt' | 'ontbreekt';
      teken: string;
      tekst: string;
      reden: string;
    };

export interface Rij {
  id: string;
  label: string;
  peildatum: string;
  /** Drawn in the chart (counts, not shares or money). */
  inGrafiek: boolean;
  cellen: Cel[];
  regio: Cel;
}

export interface Tabel {
  id: string;
  titel: string;
  /** Header of the row labels' column. */
  kop: string;
  bron: string;
  toelichting?: string;
  rijen: Rij[];
  /** The hub withheld this table's figures for every gemeente shown: its reason. */
  weggelaten: GraphQLError[];
}

export interface Onderdeel {
  partner: Partner;
  titel: string;
  tabellen: Tabel[];
  /** Tables and rows a month does not have (breakdowns are published per quarter and year). */
  nietPerMaand: string[];
}

const AFGESCHERMD: Record<Soort, string> = {
  aantal:
    'een aantal van 1 tot en met 4 wordt niet getoond, zodat niemand herkenbaar is; een aantal waaruit zo’n klein aantal terug te rekenen is, ook niet',
  gemiddelde: 'het gemiddelde is berekend uit een afgeschermd maandcijfer',
  aandeel: 'het aandeel is berekend uit een afgeschermd aantal',
  bedrag:
    'een bedrag wordt alleen getoond als ten minste 10 inwoners eraan bijdragen en niemand het grootste deel ervan heeft',
  begroting: '',
};

const gemiddelde = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

function afgeschermd(soort: Soort): Cel {
  return { soort: 'afgeschermd', teken: '•', tekst: 'afgeschermd', reden: AFGESCHERMD[soort] };
}
function nvt(reden: string): Cel {
  return { soort: 'nvt', teken: '–', tekst: 'n.v.t.', reden };
}
function onberekenbaar(reden: string): Cel {
  return { soort: 'onberekenbaar', teken: '×', tekst: 'niet te berekenen', reden };
}
function ontbreekt(reden: string): Cel {
  return { soort: 'ontbreekt', teken: '?', tekst: 'niet beschikbaar', reden };
}
function waarde(soort: Soort, getal: number): Cel {
  const tekst =
    soort === 'aandeel'
      ? formatProcent(getal)
      : soort === 'bedrag'
        ? formatCenten(getal)
        : soort === 'gemiddelde'
          ? gemiddelde.format(getal)
          : formatGetal(getal);
  return { soort: 'waarde', tekst, getal };
}

const isAantal = (x: unknown): x is Aantal => typeof x === 'object' && x !== null && 'onderdrukt' in x;

/** One gemeente's cell from the API's value. */
function celVan(soort: Soort, x: unknown): Cel {
  if (soort === 'begroting') {
    return typeof x === 'number' ? waarde(soort, x) : nvt('voor deze gemeente is geen begroting vastgelegd');
  }
  if (!isAantal(x)) return ontbreekt('de ketenpartner gaf dit cijfer niet');
  if (x.onderdrukt) return afgeschermd(soort);
  if (soort === 'aandeel') {
    const { ratio } = x as unknown as Aandeel;
    return ratio === null
      ? nvt('geen aandeel te berekenen: het aantal waarvan het een deel is, is 0')
      : waarde(soort, ratio);
  }
  const getal = soort === 'bedrag' ? (x as unknown as { centen: number | null }).centen : x.waarde;
  return getal === null ? afgeschermd(soort) : waarde(soort, getal);
}

/**
 * The region: the sum of the gemeenten shown, and only when each of them is shown, so it never gives
 * away a hidden number. A share is the summed numerators over the summed denominators, by the same rule.
 */
function regioVan(soort: Soort, cellen: Cel[], ruw: unknown[]): Cel {
  const probleem = cellen.find(
    (cel) => cel.soort !== 'waarde' && !(soort === 'aandeel' && cel.soort === 'nvt'),
  );
  if (probleem) {
    return onberekenbaar(
      probleem.soort === 'afgeschermd'
        ? 'een van de gemeenten is afgeschermd'
        : probleem.soort === 'nvt'
          ? 'voor een van de gemeenten is geen begroting vastgelegd'
          : 'het cijfer van een van de gemeenten ontbreekt',
    );
  }
  if (soort === 'aandeel') {
    const aandelen = ruw as Aandeel[];
    if (aandelen.some((a) => a.teller.waarde === null || a.noemer.waarde === null)) {
      return onberekenbaar('een van de gemeenten is afgeschermd');
    }
    const teller = aandelen.reduce((som, a) => som + (a.teller.waarde ?? 0), 0);
    const noemer = aandelen.reduce((som, a) => som + (a.noemer.waarde ?? 0), 0);
    return noemer === 0
      ? nvt('geen aandeel te berekenen: het aantal waarvan het een deel is, is 0')
      : waarde(soort, teller / noemer);
  }
  return waarde(
    soort,
    cellen.reduce((som, cel) => som + (cel.soort === 'waarde' ? cel.getal : 0), 0),
  );
}

/* The statistics, as the dashboard presents them: plain Dutch labels, not field names. */

type Lezer = (blok: Blok) => unknown;

interface RijSpec {
  id: string;
  label: string;
  tijd: Tijd;
  soort: Soort;
  lees: Lezer;
  /** A month does not have this row (published per quarter and year). */
  nietPerMaand?: boolean;
  /** The month (0 to 11) a row of a monthly series is about. */
  maand?: number;
}

interface TabelSpec {
  id: string;
  veld: StatistiekVeld;
  titel: string;
  kop: string;
  toelichting?: string;
  /** A breakdown: published per quarter and year only. */
  nietPerMaand?: boolean;
  /** A monthly series: shown when the period has more than one month (else it is the total). */
  reeks?: boolean;
  rijen: (periode: Periode) => RijSpec[];
}

type Definitie = [veld: string, label: string, tijd: Tijd, soort?: Soort, nietPerMaand?: boolean];

function cijfers(id: string, veld: StatistiekVeld, titel: string, definities: Definitie[]): TabelSpec {
  return {
    id,
    veld,
    titel,
    kop: 'Cijfer',
    rijen: () =>
      definities.map(([naam, label, tijd, soort = 'aantal', nietPerMaand]) => ({
        id: naam,
        label,
        tijd,
        soort,
        nietPerMaand,
        lees: (blok) => blok[naam],
      })),
  };
}

function uitsplitsing(
  id: string,
  veld: StatistiekVeld,
  titel: string,
  kop: string,
  lijst: string,
  sleutel: string,
  tijd: Tijd,
  labels: Record<string, string>,
  opties: { toelichting?: string; ookPerMaand?: boolean } = {},
): TabelSpec {
  return {
    id,
    veld,
    titel,
    kop,
    toelichting: opties.toelichting,
    nietPerMaand: !opties.ookPerMaand,
    rijen: () =>
      Object.entries(labels).map(([code, label]) => ({
        id: code,
        label,
        tijd,
        soort: 'aantal',
        lees: (blok) => (blok[lijst] as Blok[] | undefined)?.find((item) => item[sleutel] === code)?.aantal,
      })),
  };
}

function reeks(id: string, veld: StatistiekVeld, titel: string, lijst: string, tijd: Tijd): TabelSpec {
  return {
    id,
    veld,
    titel,
    kop: 'Maand',
    reeks: true,
    rijen: (periode) =>
      maandenVan(periode).map((maand) => {
        const code = `${periode.jaar}-${String(maand + 1).padStart(2, '0')}`;
        return {
          id: code,
          label: `${MAANDEN[maand]} ${periode.jaar}`,
          tijd,
          soort: 'aantal' as const,
          maand,
          lees: (blok: Blok) =>
            (blok[lijst] as Blok[] | undefined)?.find((item) => item.maand === code)?.aantal,
        };
      }),
  };
}

interface OnderdeelSpec {
  partner: Partner;
  titel: string;
  tabellen: TabelSpec[];
}

export const ONDERDELEN: OnderdeelSpec[] = [
  {
    partner: 'werk-inkomen',
    titel: 'Werk en Inkomen: bijstand, loonkostensubsidie en inburgering',
    tabellen: [
      cijfers('bijstand', 'bijstand', 'Bijstand (Participatiewet, IOAW en IOAZ)', [
        ['lopendOpEinddatum', 'Lopende bijstandsuitkeringen', 'eind'],
        [
          'gemiddeldBestand',
          'Gemiddeld aantal lopende bijstandsuitkeringen op een maandeinde',
          'gemiddelde',
          'gemiddelde',
        ],
        ['instroom', 'Instroom in de bijstand', 'periode'],
        ['uitstroom', 'Uitstroom uit de bijstand', 'periode'],
        ['uitstroomNaarWerk', 'Uitstroom uit de bijstand naar werk', 'periode'],
        ['uitstroomOverig', 'Uitstroom uit de bijstand om een andere reden', 'periode'],
        ['aandeelUitstroomNaarWerk', 'Deel van de uitstroom dat naar werk gaat', 'periode', 'aandeel'],
        ['statushoudersOpEinddatum', 'Lopende bijstandsuitkeringen van statushouders', 'eind'],
        ['begroot', 'Begroot aantal lopende bijstandsuitkeringen', 'begroting', 'begroting'],
      ]),
      uitsplitsing(
        'bijstand-reden',
        'bijstand',
        'Uitstroom uit de bijstand per reden',
        'Reden',
        'uitstroomPerReden',
        'reden',
        'periode',
        {
          WERK: 'Werk',
          STUDIE: 'Studie',
          WERKPLEIN_PLAATSING: 'Plaatsing via het Werkplein',
          ZELFSTANDIG: 'Begonnen als zelfstandige',
          AOW: 'AOW-leeftijd bereikt',
          VERHUIZING: 'Verhuisd',
          OVERIG: 'Andere of onbekende reden',
        },
      ),
      reeks(
        'bijstand-bestand',
        'bijstand',
        'Lopende bijstandsuitkeringen per maandeinde',
        'lopendPerMaandeinde',
        'eind',
      ),
      reeks(
        'bijstand-instroom',
        'bijstand',
        'Instroom in de bijstand per maand',
        'instroomPerMaand',
        'periode',
      ),
      reeks(
        'bijstand-uitstroom',
        'bijstand',
        'Uitstroom uit de bijstand per maand',
        'uitstroomPerMaand',
        'periode',
      ),
      cijfers('lks', 'loonkostensubsidie', 'Loonkostensubsidie', [
        ['personenOpEinddatum', 'Personen met loonkostensubsidie', 'eind'],
        ['lopendOpBegindatum', 'Lopende contracten met loonkostensubsidie', 'begin'],
        ['gestart', 'Gestarte contracten met loonkostensubsidie', 'periode'],
        ['beeindigd', 'Beëindigde contracten met loonkostensubsidie', 'periode'],
      ]),
      reeks(
        'lks-personen',
        'loonkostensubsidie',
        'Personen met loonkostensubsidie per maandeinde',
        'personenPerMaandeinde',
        'eind',
      ),
      cijfers('inburgering', 'inburgering', 'Inburgering van statushouders', [
        ['gestart', 'Gestarte inburgeringen', 'periode'],
        ['lopendOpEinddatum', 'Lopende inburgeringen', 'eind'],
      ]),
      uitsplitsing(
        'inburgering-leerroute',
        'inburgering',
        'Gestarte inburgeringen per leerroute',
        'Leerroute',
        'gestartPerLeerroute',
        'leerroute',
        'periode',
        { B1: 'B1-route', ONDERWIJS: 'Onderwijsroute', Z_ROUTE: 'Zelfredzaamheidsroute (Z-route)' },
      ),
    ],
  },
  {
    partner: 'swb',
    titel: 'SWB Midden Twente: re-integratie en beschut werk',
    tabellen: [
      cijfers('swb', 'swb', 'Re-integratietrajecten en sociale werkvoorziening', [
        ['trajectenGestart', 'Gestarte re-integratietrajecten', 'periode'],
        ['trajectenLopendOpEinddatum', 'Lopende re-integratietrajecten', 'eind'],
        ['trajectenBeeindigd', 'Beëindigde re-integratietrajecten', 'periode'],
        [
          'aandeelBetaaldWerk',
          'Deel van de beëindigde trajecten dat eindigde in betaald werk',
          'periode',
          'aandeel',
        ],
        [
          'swDienstverbandenOpEinddatum',
          'Dienstverbanden sociale werkvoorziening (Wsw en beschut werk)',
          'eind',
        ],
        ['gedetacheerdOpEinddatum', 'Waarvan gedetacheerd bij een gewone werkgever', 'eind'],
      ]),
      uitsplitsing(
        'swb-resultaat',
        'swb',
        'Beëindigde re-integratietrajecten per resultaat',
        'Resultaat',
        'beeindigdPerResultaat',
        'resultaat',
        'periode',
        {
          BETAALD_WERK: 'Betaald werk',
          OPLEIDING: 'Opleiding',
          VERVOLGTRAJECT: 'Vervolgtraject',
          UITVAL: 'Uitgevallen',
          GEEN_RESULTAAT: 'Geen resultaat',
        },
      ),
    ],
  },
  {
    partner: 'werkplein',
    titel: 'Werkplein Twente: plaatsingen en vacatures',
    tabellen: [
      cijfers('werkplein', 'werkplein', 'Plaatsingen bij werkgevers en vacatures', [
        ['plaatsingenGestart', 'Gestarte plaatsingen bij werkgevers', 'periode'],
        ['plaatsingenMetLks', 'Waarvan met loonkostensubsidie', 'periode', 'aantal', true],
        ['lopendOpEinddatum', 'Lopende plaatsingen', 'eind'],
        ['vacaturesGeopend', 'Geopende vacatures voor werk in de gemeente', 'periode'],
      ]),
      uitsplitsing(
        'werkplein-soort',
        'werkplein',
        'Gestarte plaatsingen per soort',
        'Soort plaatsing',
        'plaatsingenPerSoort',
        'soort',
        'periode',
        {
          REGULIER: 'Gewone baan',
          PROEFPLAATSING: 'Proefplaatsing',
          BANENAFSPRAAK: 'Baan in de banenafspraak',
        },
      ),
    ],
  },
  {
    partner: 'schuldhulp',
    titel: 'Stadsbank Oost Nederland: schuldhulp',
    tabellen: [
      cijfers('schuldhulp', 'schuldhulp', 'Schuldhulp en vroegsignalering', [
        ['aanmeldingen', 'Aanmeldingen voor schuldhulp', 'periode'],
        ['aandeelBudgetAlert', 'Deel van de aanmeldingen via BudgetAlert', 'periode', 'aandeel'],
        ['lopendOpEinddatum', 'Lopende schuldhulptrajecten', 'eind'],
        ['budgetbeheerOpEinddatum', 'Lopende trajecten met budgetbeheer', 'eind'],
        ['vroegsignalen', 'Vroegsignalen van betalingsachterstanden', 'periode'],
      ]),
      uitsplitsing(
        'schuldhulp-bron',
        'schuldhulp',
        'Aanmeldingen voor schuldhulp per verwijzer',
        'Verwijzer',
        'aanmeldingenPerBron',
        'bron',
        'periode',
        {
          BUDGETALERT: 'BudgetAlert',
          WERK_EN_INKOMEN: 'Werk en Inkomen',
          VROEGSIGNALERING: 'Vroegsignalering',
          ZELFMELDER: 'Zelf aangemeld',
          WIJKTEAM: 'Wijkteam',
          OVERIG: 'Overig',
        },
      ),
      uitsplitsing(
        'schuldhulp-fase',
        'schuldhulp',
        'Schuldhulptrajecten per fase',
        'Fase',
        'lopendPerFase',
        'fase',
        'eind',
        {
          INTAKE: 'Intake',
          STABILISATIE: 'Stabilisatie',
          SCHULDREGELING: 'Schuldregeling',
          WSNP: 'Wettelijke schuldsanering (Wsnp)',
          NAZORG: 'Nazorg',
          AFGESLOTEN: 'Afgesloten',
        },
        {
          ookPerMaand: true,
          toelichting:
            'De fase is de fase van nu: een traject dat na de peildatum is afgesloten, telt als afgesloten.',
        },
      ),
      uitsplitsing(
        'schuldhulp-signaal',
        'schuldhulp',
        'Vroegsignalen per soort achterstand',
        'Achterstand',
        'vroegsignalenPerSoort',
        'soort',
        'periode',
        { HUUR: 'Huur', ENERGIE: 'Energie', ZORGVERZEKERING: 'Zorgverzekering', WATER: 'Water' },
      ),
    ],
  },
  {
    partner: 'werkcentrum',
    titel: 'Werkcentrum Twente: leven lang ontwikkelen',
    tabellen: [
      cijfers('werkcentrum', 'werkcentrum', 'Ontwikkeltrajecten', [
        ['gestart', 'Gestarte ontwikkeltrajecten', 'periode'],
        ['lopendOpEinddatum', 'Lopende ontwikkeltrajecten', 'eind'],
        ['budgetGestartCenten', 'Ontwikkelbudget toegekend aan de gestarte trajecten', 'periode', 'bedrag'],
      ]),
      uitsplitsing(
        'werkcentrum-soort',
        'werkcentrum',
        'Gestarte ontwikkeltrajecten per soort',
        'Soort traject',
        'gestartPerSoort',
        'soort',
        'periode',
        {
          LOOPBAANADVIES: 'Loopbaanadvies',
          SCHOLING: 'Scholing',
          LEERWERKTRAJECT: 'Leerwerktraject',
          VAN_WERK_NAAR_WERK: 'Van werk naar werk',
        },
      ),
    ],
  },
];

/** `in 2024`, `in het 1e kwartaal van 2024`, `in maart 2024`. */
function inPeriode(periode: Periode): string {
  if (periode.kwartaal) return `in het ${periode.kwartaal}e kwartaal van ${periode.jaar}`;
  if (periode.maand) return `in ${MAANDEN[periode.maand - 1]} ${periode.jaar}`;
  return `in ${periode.jaar}`;
}

/** The reference date of a row: the day a stock is counted on, or the period a flow is counted over. */
function peildatum(rij: RijSpec, periode: Periode): string {
  if (rij.maand !== undefined) {
    return rij.tijd === 'eind'
      ? `op ${dag(periode.jaar, rij.maand, laatsteDag(periode.jaar, rij.maand))}`
      : `in ${MAANDEN[rij.maand]} ${periode.jaar}`;
  }
  const [begin, einde] = beginEnEinde(periode);
  switch (rij.tijd) {
    case 'eind':
      return `op ${einde}`;
    case 'begin':
      return `op ${begin}`;
    case 'gemiddelde':
      return maandenVan(periode).length === 1 ? `op ${einde}` : `maandeinden ${inPeriode(periode)}`;
    case 'begroting':
      return `begroting ${periode.jaar}`;
    default:
      return inPeriode(periode);
  }
}

/** Why the hub gave no figure, in its own words (or the partner's name when it did not answer). */
export function redenVan(errors: GraphQLError[]): string {
  const error = errors[0];
  if (!error) return 'de ketenpartner gaf dit cijfer niet';
  const code = error.extensions?.code;
  if (code === 'SUBGRAPH_UNAVAILABLE' || code === 'PARTNER_UNAVAILABLE') {
    return `${partnerNaam(error.extensions?.serviceName)} is nu niet bereikbaar`;
  }
  return error.message;
}

/**
 * Whether an error concerns the figure at `pad`: raised there, or by its partner for the whole answer or a
 * part above it (a partner whose database is gone withholds its whole part, at `gemeenten` or without path).
 */
function geldtVoor(error: GraphQLError, partner: string, pad: (string | number)[]): boolean {
  const path = error.path ?? [];
  if (path.length >= pad.length) return pad.every((stap, i) => path[i] === stap);
  return error.extensions?.serviceName === partner && path.every((stap, i) => pad[i] === stap);
}

/**
 * The sections of the dashboard for the gemeenten shown (`codes`, in column order) from the API's answer:
 * a table per statistic group with a cell per gemeente and the region's.
 */
export function bouwOnderdelen(
  data: CijfersData,
  errors: GraphQLError[],
  codes: string[],
  periode: Periode,
): Onderdeel[] {
  const perMaand = soortVan(periode) === 'maand';
  const index = new Map(data.gemeenten.map((gemeente, i) => [gemeente.code, i]));
  return ONDERDELEN.map(({ partner, titel, tabellen }) => {
    const nietPerMaand: string[] = [];
    const gebouwd: Tabel[] = [];
    for (const spec of tabellen) {
      if (spec.reeks && maandenVan(periode).length === 1) continue;
      if (perMaand && spec.nietPerMaand) {
        nietPerMaand.push(spec.titel);
        continue;
      }
      // Each gemeente's block of this statistic, or why it is missing.
      const blokken = codes.map((code) => {
        const i = index.get(code);
        const blok = i === undefined ? null : data.gemeenten[i]?.[spec.veld];
        const fouten =
          i === undefined ? [] : errors.filter((e) => geldtVoor(e, partner, ['gemeenten', i, spec.veld]));
        return { blok: blok ?? null, fouten };
      });
      const weggelaten = blokken.every((b) => b.blok === null)
        ? blokken.flatMap((b) => b.fouten).slice(0, 1)
        : [];
      const rijen: Rij[] = [];
      if (blokken.some((b) => b.blok !== null)) {
        for (const rij of spec.rijen(periode)) {
          if (perMaand && rij.nietPerMaand) {
            nietPerMaand.push(rij.label);
            continue;
          }
          const ruw = blokken.map((b) => (b.blok ? rij.lees(b.blok) : undefined));
          const cellen = blokken.map((b, i) =>
            b.blok ? celVan(rij.soort, ruw[i]) : ontbreekt(redenVan(b.fouten)),
          );
          rijen.push({
            id: `${spec.id}-${rij.id}`,
            label: rij.label,
            peildatum: peildatum(rij, periode),
            inGrafiek: rij.soort !== 'aandeel' && rij.soort !== 'bedrag',
            cellen,
            regio: regioVan(rij.soort, cellen, ruw),
          });
        }
      }
      gebouwd.push({
        id: spec.id,
        titel: spec.titel,
        kop: spec.kop,
        bron: PARTNERS[partner],
        toelichting: spec.toelichting,
        rijen,
        weggelaten:
          rijen.length === 0 && weggelaten.length === 0
            ? [{ message: 'De ketenpartner gaf geen cijfers.' }]
            : weggelaten,
      });
    }
    return { partner, titel, tabellen: gebouwd, nietPerMaand };
  });
}
