/**
 * The rows the generator writes, keyed by the exact column names of the partner databases (the
 * contract with the subgraphs' migrations). Dates are ISO strings, money integer euro cents. Serial
 * ids are left to the database except for werkgever and vacature, which plaatsing refers to.
 */
import type { SubgraphName } from '../platform/config';

export type Regeling = 'PW' | 'IOAW' | 'IOAZ' | 'BBZ';
export type Uitstroomreden =
  'WERK' | 'STUDIE' | 'WERKPLEIN_PLAATSING' | 'ZELFSTANDIG' | 'AOW' | 'VERHUIZING' | 'OVERIG';
export type Leerroute = 'B1' | 'ONDERWIJS' | 'Z_ROUTE';
export type TrajectSoort = 'DIAGNOSE' | 'ARBEIDSFIT' | 'WERKLEERBEDRIJF' | 'Z_ROUTE' | 'JOBCOACHING';
export type TrajectResultaat = 'BETAALD_WERK' | 'OPLEIDING' | 'VERVOLGTRAJECT' | 'UITVAL' | 'GEEN_RESULTAAT';
export type SwSoort = 'WSW' | 'NIEUW_BESCHUT';
export type PlaatsingSoort = 'REGULIER' | 'PROEFPLAATSING' | 'BANENAFSPRAAK';
export type SchuldhulpBron =
  'BUDGETALERT' | 'WERK_EN_INKOMEN' | 'VROEGSIGNALERING' | 'ZELFMELDER' | 'WIJKTEAM' | 'OVERIG';
export type SchuldhulpFase = 'INTAKE' | 'STABILISATIE' | 'SCHULDREGELING' | 'WSNP' | 'NAZORG' | 'AFGESLOTEN';
export type VroegsignaalSoort = 'HUUR' | 'ENERGIE' | 'ZORGVERZEKERING' | 'WATER';
export type OntwikkeltrajectSoort = 'LOOPBAANADVIES' | 'SCHOLING' | 'LEERWERKTRAJECT' | 'VAN_WERK_NAAR_WERK';

/** The regelingen the caseload figures count; BBZ is in the data but never counted. */
export const COUNTED_REGELINGEN: readonly Regeling[] = ['PW', 'IOAW', 'IOAZ'];

export interface InwonerRow {
  bsn: string;
  naam: string;
  geboortedatum: string;
  gemeente: string;
  statushouder: boolean;
}

export interface UitkeringRow {
  bsn: string;
  gemeente: string;
  regeling: Regeling;
  ingangsdatum: string;
  einddatum: string | null;
  uitstroomreden: Uitstroomreden | null;
  bedrag_per_maand_centen: number;
}

export interface LoonkostensubsidieRow {
  bsn: string;
  gemeente: string;
  werkgever: string;
  loonwaarde: number;
  startdatum: string;
  einddatum: string | null;
}

export interface InburgeringRow {
  bsn: string;
  gemeente: string;
  leerroute: Leerroute;
  startdatum: string;
  einddatum: string | null;
}

export interface BegrotingRow {
  gemeente: string;
  jaar: number;
  aantal_uitkeringen: number;
}

export interface TrajectRow {
  bsn: string;
  gemeente: string;
  soort: TrajectSoort;
  startdatum: string;
  einddatum: string | null;
  resultaat: TrajectResultaat | null;
}

export interface SwDienstverbandRow {
  bsn: string;
  gemeente: string;
  soort: SwSoort;
  startdatum: string;
  einddatum: string | null;
  gedetacheerd: boolean;
}

export interface WerkgeverRow {
  id: number;
  naam: string;
  kvk_nummer: string;
  gemeente: string;
  sector: string;
}

export interface VacatureRow {
  id: number;
  werkgever_id: number;
  titel: string;
  gemeente: string;
  geopend: string;
  gesloten: string | null;
  aantal_plaatsen: number;
}

export interface PlaatsingRow {
  bsn: string;
  gemeente: string;
  werkgever_id: number;
  vacature_id: number | null;
  soort: PlaatsingSoort;
  met_lks: boolean;
  startdatum: string;
  einddatum: string | null;
}

export interface SchuldhulptrajectRow {
  bsn: string;
  gemeente: string;
  aanmelddatum: string;
  bron: SchuldhulpBron;
  fase: SchuldhulpFase;
  budgetbeheer: boolean;
  aantal_schuldeisers: number;
  totale_schuld_centen: number;
  afgesloten_op: string | null;
}

export interface VroegsignaalRow {
  bsn: string;
  gemeente: string;
  soort: VroegsignaalSoort;
  datum: string;
  bedrag_centen: number;
}

export interface OntwikkeltrajectRow {
  bsn: string;
  gemeente: string;
  soort: OntwikkeltrajectSoort;
  startdatum: string;
  einddatum: string | null;
  budget_centen: number;
}

/** All rows of one generated population, per partner database, per table. */
export interface Population {
  'werk-inkomen': {
    inwoner: InwonerRow[];
    uitkering: UitkeringRow[];
    loonkostensubsidie: LoonkostensubsidieRow[];
    inburgering: InburgeringRow[];
    begroting: BegrotingRow[];
  };
  swb: { traject: TrajectRow[]; sw_dienstverband: SwDienstverbandRow[] };
  werkplein: { werkgever: WerkgeverRow[]; vacature: VacatureRow[]; plaatsing: PlaatsingRow[] };
  schuldhulp: { schuldhulptraject: SchuldhulptrajectRow[]; vroegsignaal: VroegsignaalRow[] };
  werkcentrum: { ontwikkeltraject: OntwikkeltrajectRow[] };
}

export type Partner = keyof Population & SubgraphName;
export type TableName<P extends Partner> = keyof Population[P] & string;
type RowOf<P extends Partner, T extends TableName<P>> = Population[P][T] extends (infer R)[] ? R : never;

export type TableLayout = {
  [P in Partner]: { [T in TableName<P>]: readonly (keyof RowOf<P, T> & string)[] };
};

/**
 * The columns written per table, in COPY order; the tables of a partner in load order (a table
 * after the tables it refers to). Serial `id`s appear only where the rows carry them.
 */
export const TABLE_COLUMNS = {
  'werk-inkomen': {
    inwoner: ['bsn', 'naam', 'geboortedatum', 'gemeente', 'statushouder'],
    uitkering: [
      'bsn',
      'gemeente',
      'regeling',
      'ingangsdatum',
      'einddatum',
      'uitstroomreden',
      'bedrag_per_maand_centen',
    ],
    loonkostensubsidie: ['bsn', 'gemeente', 'werkgever', 'loonwaarde', 'startdatum', 'einddatum'],
    inburgering: ['bsn', 'gemeente', 'leerroute', 'startdatum', 'einddatum'],
    begroting: ['gemeente', 'jaar', 'aantal_uitkeringen'],
  },
  swb: {
    traject: ['bsn', 'gemeente', 'soort', 'startdatum', 'einddatum', 'resultaat'],
    sw_dienstverband: ['bsn', 'gemeente', 'soort', 'startdatum', 'einddatum', 'gedetacheerd'],
  },
  werkplein: {
    werkgever: ['id', 'naam', 'kvk_nummer', 'gemeente', 'sector'],
    vacature: ['id', 'werkgever_id', 'titel', 'gemeente', 'geopend', 'gesloten', 'aantal_plaatsen'],
    plaatsing: [
      'bsn',
      'gemeente',
      'werkgever_id',
      'vacature_id',
      'soort',
      'met_lks',
      'startdatum',
      'einddatum',
    ],
  },
  schuldhulp: {
    schuldhulptraject: [
      'bsn',
      'gemeente',
      'aanmelddatum',
      'bron',
      'fase',
      'budgetbeheer',
      'aantal_schuldeisers',
      'totale_schuld_centen',
      'afgesloten_op',
    ],
    vroegsignaal: ['bsn', 'gemeente', 'soort', 'datum', 'bedrag_centen'],
  },
  werkcentrum: {
    ontwikkeltraject: ['bsn', 'gemeente', 'soort', 'startdatum', 'einddatum', 'budget_centen'],
  },
} as const satisfies TableLayout;

/** Tables whose `id` the generator assigns, so the loader moves their sequences past it. */
export const EXPLICIT_ID_TABLES: Partial<Record<Partner, readonly string[]>> = {
  werkplein: ['werkgever', 'vacature'],
};

export const PARTNERS: readonly Partner[] = ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'];

export function emptyPopulation(): Population {
  return {
    'werk-inkomen': { inwoner: [], uitkering: [], loonkostensubsidie: [], inburgering: [], begroting: [] },
    swb: { traject: [], sw_dienstverband: [] },
    werkplein: { werkgever: [], vacature: [], plaatsing: [] },
    schuldhulp: { schuldhulptraject: [], vroegsignaal: [] },
    werkcentrum: { ontwikkeltraject: [] },
  };
}

/** Number of rows per partner and table. */
export type RowCounts = Record<Partner, Record<string, number>>;

export function countRows(population: Population): RowCounts {
  const counts = {} as RowCounts;
  for (const partner of PARTNERS) {
    const tables = population[partner] as unknown as Record<string, unknown[]>;
    counts[partner] = {};
    for (const [table, rows] of Object.entries(tables)) counts[partner][table] = rows.length;
  }
  return counts;
}
