import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../platform/config';
import { fixtureBsns, insertRows, type Row } from './support/fixtures';
import { recordStatements } from './support/statements';
import { startTestHub, type TestHub } from './support/hub';

/**
 * A small, hand-counted data set, mostly for Hengelo (H) and Borne (B). Each expected figure in the
 * tests below is counted by hand from these rows; the comments name the rows that count. The rules
 * (docs/ACCESS.md, Statistics) decide per calendar year, so rows of later months of 2024 matter too.
 */
const H = 'GM0164';
const B = 'GM0147';
const HAAKSBERGEN = 'GM0158';
const ENSCHEDE = 'GM0153';
const Q1_2024 = { jaar: 2024, kwartaal: 1 };

function testData(): Partial<Record<SubgraphName, Record<string, Row[]>>> {
  const bsns = fixtureBsns(180, 7000);
  const inwoner: Row[] = [];
  const nieuweInwoner = (gemeente: string, statushouder = false): string => {
    const bsn = bsns[inwoner.length];
    if (!bsn) throw new Error('Not enough fixture BSNs');
    inwoner.push({ bsn, naam: `Inwoner ${bsn}`, geboortedatum: '1980-01-01', gemeente, statushouder });
    return bsn;
  };
  const times = (n: number, make: (i: number) => void): void => {
    for (let i = 0; i < n; i++) make(i);
  };

  const uitkering: Row[] = [];
  const benefit = (
    gemeente: string,
    regeling: string,
    ingangsdatum: string,
    einddatum: string | null = null,
    uitstroomreden: string | null = null,
    { statushouder = false, woont = gemeente }: { statushouder?: boolean; woont?: string } = {},
  ): void => {
    uitkering.push({
      bsn: nieuweInwoner(woont, statushouder),
      gemeente,
      regeling,
      ingangsdatum,
      einddatum,
      uitstroomreden,
      bedrag_per_maand_centen: 110000,
    });
  };
  // Hengelo. A: six long-running benefits, two of statushouders.
  times(6, (i) => benefit(H, 'PW', '2020-01-01', null, null, { statushouder: i < 2 }));
  // B: ends exactly on 31 March, because of work.
  benefit(H, 'IOAW', '2023-06-01', '2024-03-31', 'WERK');
  // C: starts the day after the period.
  benefit(H, 'PW', '2024-04-01');
  // D: Bbz is never counted, not even of a statushouder, nor its ending because of work or its start.
  benefit(H, 'BBZ', '2022-01-01', null, null, { statushouder: true });
  benefit(H, 'BBZ', '2022-01-01', '2024-02-15', 'WERK');
  benefit(H, 'BBZ', '2024-02-01');
  // E1..E5: ended in the period (E3 exactly on the month-end 29 February).
  benefit(H, 'PW', '2021-01-01', '2024-01-15', 'WERK');
  benefit(H, 'IOAZ', '2022-03-01', '2024-02-10', 'WERK');
  benefit(H, 'PW', '2023-01-01', '2024-02-29', 'STUDIE');
  benefit(H, 'PW', '2023-05-01', '2024-03-05', 'OVERIG');
  benefit(H, 'PW', '2020-06-01', '2024-03-20', 'AOW');
  // F1..F5: started in the period (F2 on a month-end, F5 on the last day; F5's resident has since
  // moved to Borne, but the benefit stays Hengelo's: statistics group by the benefit's own gemeente).
  benefit(H, 'PW', '2024-01-02', null, null, { statushouder: true });
  benefit(H, 'PW', '2024-01-31', null, null, { statushouder: true });
  benefit(H, 'PW', '2024-02-01', null, null, { statushouder: true });
  benefit(H, 'IOAW', '2024-03-01');
  benefit(H, 'PW', '2024-03-31', null, null, { woont: B });
  // G: ended the day before the period.
  benefit(H, 'PW', '2019-01-01', '2023-12-31', 'WERK');
  // K: five benefits in every month of 2024 but April, from the 5th to the 25th, ended by moving away.
  // They count in instroom and uitstroom and never at a month-end: enough to show the months' flows
  // (docs/ACCESS.md: a month's instroom and uitstroom are hidden together when either is small).
  for (const m of ['01', '02', '03', '05', '06', '07', '08', '09', '10', '11', '12']) {
    times(5, () => benefit(H, 'PW', `2024-${m}-05`, `2024-${m}-25`, 'VERHUIZING'));
  }
  // Borne: eight benefits since 2022, one ended on the month-end 31 January 2024.
  times(8, () => benefit(B, 'PW', '2022-01-01'));
  benefit(B, 'PW', '2023-01-01', '2024-01-31', 'WERKPLEIN_PLAATSING');

  const loonkostensubsidie: Row[] = [];
  const lksPersonen = Array.from({ length: 8 }, () => nieuweInwoner(H));
  const lks = (persoon: number, startdatum: string, einddatum: string | null = null): void => {
    const bsn = lksPersonen[persoon - 1] ?? '';
    loonkostensubsidie.push({
      bsn,
      gemeente: H,
      werkgever: 'Synthetische Werkgever BV',
      loonwaarde: 60,
      startdatum,
      einddatum,
    });
  };
  lks(1, '2023-01-01'); // P1 has two overlapping contracts: one person
  lks(1, '2024-02-01');
  lks(2, '2023-06-01', '2024-03-31'); // ends on the last day: still counts
  lks(3, '2024-04-01'); // starts the day after
  lks(4, '2022-01-01', '2024-01-01'); // ends on the first day: running on it, and ended
  lks(5, '2024-01-01', '2024-12-31'); // starts on the first day
  lks(6, '2023-01-01', '2024-02-15');
  lks(7, '2023-03-01');
  lks(8, '2023-03-01');

  const inburgering: Row[] = [];
  const inb = (leerroute: string, startdatum: string, einddatum: string | null = null): void => {
    inburgering.push({ bsn: nieuweInwoner(H, true), gemeente: H, leerroute, startdatum, einddatum });
  };
  times(5, () => inb('B1', '2024-02-01'));
  inb('ONDERWIJS', '2024-01-15', '2024-03-15');
  inb('Z_ROUTE', '2022-01-01');
  inb('B1', '2024-04-01');

  const begroting: Row[] = [
    { gemeente: H, jaar: 2024, aantal_uitkeringen: 2123 },
    { gemeente: B, jaar: 2023, aantal_uitkeringen: 267 },
  ];

  // Partners keep no resident table: any valid BSN will do.
  let partnerBsn = 0;
  const bsn = (): string => fixtureBsns(1, 9000 + partnerBsn++)[0] as string;

  const traject: Row[] = [];
  const tr = (
    g: string,
    soort: string,
    startdatum: string,
    einddatum: string | null,
    resultaat: string | null,
  ): void => {
    traject.push({ bsn: bsn(), gemeente: g, soort, startdatum, einddatum, resultaat });
  };
  tr(H, 'ARBEIDSFIT', '2023-09-01', '2024-01-10', 'BETAALD_WERK');
  tr(H, 'JOBCOACHING', '2023-10-01', '2024-02-20', 'BETAALD_WERK');
  tr(H, 'DIAGNOSE', '2023-11-01', '2024-03-31', 'BETAALD_WERK'); // ended on the last day: also running
  times(2, () => tr(H, 'WERKLEERBEDRIJF', '2023-05-01', '2024-02-01', 'UITVAL'));
  tr(H, 'ARBEIDSFIT', '2023-08-01', '2024-03-15', 'OPLEIDING');
  tr(H, 'DIAGNOSE', '2024-01-05', null, null);
  tr(H, 'ARBEIDSFIT', '2024-03-31', null, null);
  times(4, () => tr(H, 'Z_ROUTE', '2022-01-01', null, null));
  tr(H, 'DIAGNOSE', '2024-04-01', null, null);
  tr(H, 'ARBEIDSFIT', '2023-01-01', '2023-12-31', 'BETAALD_WERK');
  times(5, () => tr(B, 'ARBEIDSFIT', '2023-06-01', '2024-02-15', 'BETAALD_WERK'));
  times(5, () => tr(B, 'DIAGNOSE', '2023-06-01', '2024-02-15', 'GEEN_RESULTAAT'));

  const swDienstverband: Row[] = [];
  const sw = (soort: string, startdatum: string, einddatum: string | null, gedetacheerd: boolean): void => {
    swDienstverband.push({ bsn: bsn(), gemeente: H, soort, startdatum, einddatum, gedetacheerd });
  };
  times(5, (i) => sw('WSW', '2010-01-01', null, i < 2));
  sw('NIEUW_BESCHUT', '2023-01-01', '2024-03-30', true);
  sw('NIEUW_BESCHUT', '2024-03-31', null, true);

  const schuldhulptraject: Row[] = [];
  const sh = (
    g: string,
    aanmelddatum: string,
    bron: string,
    fase: string,
    budgetbeheer: boolean,
    afgeslotenOp: string | null = null,
  ): void => {
    schuldhulptraject.push({
      bsn: bsn(),
      gemeente: g,
      aanmelddatum,
      bron,
      fase,
      budgetbeheer,
      aantal_schuldeisers: 4,
      totale_schuld_centen: 800000,
      afgesloten_op: afgeslotenOp,
    });
  };
  sh(H, '2024-01-15', 'BUDGETALERT', 'INTAKE', false);
  times(4, () => sh(H, '2024-01-15', 'BUDGETALERT', 'STABILISATIE', true));
  sh(H, '2024-02-10', 'WERK_EN_INKOMEN', 'INTAKE', true);
  times(2, () => sh(H, '2024-02-10', 'WERK_EN_INKOMEN', 'INTAKE', false));
  sh(H, '2024-03-01', 'ZELFMELDER', 'INTAKE', false);
  sh(H, '2024-03-20', 'ZELFMELDER', 'AFGESLOTEN', false, '2024-03-31'); // closed on the last day: running
  sh(H, '2023-12-31', 'VROEGSIGNALERING', 'INTAKE', false);
  sh(H, '2024-04-01', 'BUDGETALERT', 'INTAKE', false);
  sh(H, '2023-06-01', 'WIJKTEAM', 'AFGESLOTEN', true, '2024-03-30');
  // Four more in Q2, so that Q2 holds five and Q1 is a quarter of its own (see the flows test).
  times(4, () => sh(H, '2024-05-10', 'WIJKTEAM', 'INTAKE', false));
  times(3, () => sh(B, '2024-02-01', 'BUDGETALERT', 'INTAKE', false));
  times(2, () => sh(B, '2024-02-01', 'ZELFMELDER', 'INTAKE', false));

  const vroegsignaal: Row[] = [];
  const vs = (soort: string, datum: string): void => {
    vroegsignaal.push({ bsn: bsn(), gemeente: H, soort, datum, bedrag_centen: 45000 });
  };
  times(6, () => vs('HUUR', '2024-01-10'));
  vs('ENERGIE', '2024-03-31');
  vs('WATER', '2024-04-01');
  vs('ZORGVERZEKERING', '2023-12-31');
  times(4, () => vs('HUUR', '2024-05-10'));

  const werkgever: Row[] = [
    { id: 1, naam: 'Synthetische Werkgever BV', kvk_nummer: '90000001', gemeente: H, sector: 'Zorg' },
  ];
  const vacature: Row[] = [];
  times(5, () =>
    vacature.push({
      werkgever_id: 1,
      titel: 'Verzorgende',
      gemeente: H,
      geopend: '2024-01-20',
      aantal_plaatsen: 1,
    }),
  );
  vacature.push({
    werkgever_id: 1,
    titel: 'Helpende',
    gemeente: H,
    geopend: '2023-12-31',
    aantal_plaatsen: 2,
  });
  const plaatsing: Row[] = [];
  const pl = (soort: string, metLks: boolean, startdatum: string, einddatum: string | null = null): void => {
    plaatsing.push({
      bsn: bsn(),
      gemeente: H,
      werkgever_id: 1,
      soort,
      met_lks: metLks,
      startdatum,
      einddatum,
    });
  };
  pl('REGULIER', true, '2024-02-01');
  pl('REGULIER', true, '2024-02-01', '2024-03-31');
  pl('REGULIER', true, '2024-02-01', '2024-03-30');
  times(2, () => pl('REGULIER', false, '2024-02-01'));
  times(2, () => pl('PROEFPLAATSING', true, '2024-03-15'));
  times(2, () => pl('REGULIER', false, '2023-01-01'));
  pl('BANENAFSPRAAK', true, '2024-04-01');
  times(4, () => pl('REGULIER', false, '2024-05-01'));

  const ontwikkeltraject: Row[] = [];
  const ot = (
    g: string,
    soort: string,
    startdatum: string,
    einddatum: string | null,
    budgetCenten: number,
  ): void => {
    ontwikkeltraject.push({
      bsn: bsn(),
      gemeente: g,
      soort,
      startdatum,
      einddatum,
      budget_centen: budgetCenten,
    });
  };
  times(3, () => ot(H, 'SCHOLING', '2024-01-10', null, 250000));
  ot(H, 'LOOPBAANADVIES', '2024-02-01', null, 0);
  ot(H, 'LOOPBAANADVIES', '2024-02-01', '2024-03-01', 0);
  ot(H, 'LEERWERKTRAJECT', '2024-03-31', null, 500000);
  ot(H, 'VAN_WERK_NAAR_WERK', '2023-06-01', '2024-02-01', 300000);
  times(3, () => ot(B, 'SCHOLING', '2024-02-01', null, 100000));
  // Money: twelve residents with budgets alike in Haaksbergen; ten in Enschede, one of whom holds
  // almost all of it.
  times(12, () => ot(HAAKSBERGEN, 'SCHOLING', '2024-02-01', null, 100000));
  ot(ENSCHEDE, 'SCHOLING', '2024-02-01', null, 5000000);
  times(9, () => ot(ENSCHEDE, 'SCHOLING', '2024-02-01', null, 10000));

  return {
    'werk-inkomen': { inwoner, uitkering, loonkostensubsidie, inburgering, begroting },
    swb: { traject, sw_dienstverband: swDienstverband },
    werkplein: { werkgever, vacature, plaatsing },
    schuldhulp: { schuldhulptraject, vroegsignaal },
    werkcentrum: { ontwikkeltraject },
  };
}

async function insertTestData(orms: Record<SubgraphName, MikroORM>): Promise<void> {
  for (const [subgraph, tables] of Object.entries(testData()) as [SubgraphName, Record<string, Row[]>][]) {
    // In the order listed, so that foreign keys find their rows.
    for (const [table, rows] of Object.entries(tables)) await insertRows(orms[subgraph], table, rows);
  }
}

const STATISTIEK = /* GraphQL */ `
  fragment N on Aantal {
    waarde
    onderdrukt
  }
  fragment R on Aandeel {
    teller {
      ...N
    }
    noemer {
      ...N
    }
    ratio
    onderdrukt
  }
  fragment M on Maandwaarde {
    maand
    aantal {
      ...N
    }
  }
  fragment Statistiek on Gemeente {
    code
    naam
    bijstand(periode: $periode) {
      lopendOpEinddatum {
        ...N
      }
      lopendPerMaandeinde {
        ...M
      }
      gemiddeldBestand {
        waarde
        maanden
        onderdrukt
      }
      instroom {
        ...N
      }
      instroomPerMaand {
        ...M
      }
      uitstroom {
        ...N
      }
      uitstroomPerMaand {
        ...M
      }
      uitstroomNaarWerk {
        ...N
      }
      uitstroomOverig {
        ...N
      }
      uitstroomPerReden {
        reden
        aantal {
          ...N
        }
      }
      aandeelUitstroomNaarWerk {
        ...R
      }
      statushoudersOpEinddatum {
        ...N
      }
      begroot
    }
    loonkostensubsidie(periode: $periode) {
      personenOpEinddatum {
        ...N
      }
      personenPerMaandeinde {
        ...M
      }
      lopendOpBegindatum {
        ...N
      }
      gestart {
        ...N
      }
      beeindigd {
        ...N
      }
    }
    inburgering(periode: $periode) {
      gestart {
        ...N
      }
      gestartPerLeerroute {
        leerroute
        aantal {
          ...N
        }
      }
      lopendOpEinddatum {
        ...N
      }
    }
    swb(periode: $periode) {
      trajectenGestart {
        ...N
      }
      trajectenLopendOpEinddatum {
        ...N
      }
      trajectenBeeindigd {
        ...N
      }
      beeindigdPerResultaat {
        resultaat
        aantal {
          ...N
        }
      }
      aandeelBetaaldWerk {
        ...R
      }
      swDienstverbandenOpEinddatum {
        ...N
      }
      gedetacheerdOpEinddatum {
        ...N
      }
    }
    schuldhulp(periode: $periode) {
      aanmeldingen {
        ...N
      }
      aanmeldingenPerBron {
        bron
        aantal {
          ...N
        }
      }
      aandeelBudgetAlert {
        ...R
      }
      lopendOpEinddatum {
        ...N
      }
      lopendPerFase {
        fase
        aantal {
          ...N
        }
      }
      budgetbeheerOpEinddatum {
        ...N
      }
      vroegsignalen {
        ...N
      }
      vroegsignalenPerSoort {
        soort
        aantal {
          ...N
        }
      }
    }
    werkplein(periode: $periode) {
      plaatsingenGestart {
        ...N
      }
      plaatsingenPerSoort {
        soort
        aantal {
          ...N
        }
      }
      plaatsingenMetLks {
        ...N
      }
      lopendOpEinddatum {
        ...N
      }
      vacaturesGeopend {
        ...N
      }
    }
    werkcentrum(periode: $periode) {
      gestart {
        ...N
      }
      gestartPerSoort {
        soort
        aantal {
          ...N
        }
      }
      lopendOpEinddatum {
        ...N
      }
      budgetGestartCenten {
        centen
        onderdrukt
      }
    }
  }
`;

const EEN_GEMEENTE = /* GraphQL */ `
  query Statistiek($code: String!, $periode: Periode!) {
    gemeente(code: $code) {
      ...Statistiek
    }
  }
  ${STATISTIEK}
`;

const DASHBOARD = /* GraphQL */ `
  query Dashboard($periode: Periode!) {
    hengelo: gemeente(code: "GM0164") {
      ...Statistiek
    }
    borne: gemeente(code: "GM0147") {
      ...Statistiek
    }
    haaksbergen: gemeente(code: "GM0158") {
      ...Statistiek
    }
    enschede: gemeente(code: "GM0153") {
      ...Statistiek
    }
  }
  ${STATISTIEK}
`;

const GEMEENTEN = /* GraphQL */ `
  query Gemeenten($periode: Periode!) {
    gemeenten {
      ...Statistiek
    }
  }
  ${STATISTIEK}
`;

const PARTNER_FIELDS = [
  'bijstand',
  'loonkostensubsidie',
  'inburgering',
  'swb',
  'schuldhulp',
  'werkplein',
  'werkcentrum',
];

const shown = (waarde: number) => ({ waarde, onderdrukt: false });
const SUPPRESSED = { waarde: null, onderdrukt: true };
const maand = (m: string, aantal: { waarde: number | null; onderdrukt: boolean }) => ({ maand: m, aantal });
const ANALIST = { as: 'analist', purpose: 'beleidsinformatie' } as const;

describe('Statistics on Gemeente: each partner counts its own data from monthly aggregates, with small numbers suppressed', () => {
  let hub: TestHub;
  const statistiek = async (code: string, periode: Record<string, number>): Promise<Record<string, any>> => {
    const response = await hub.query(EEN_GEMEENTE, { code, periode }, ANALIST);
    expect(response.errors).toBeUndefined();
    const gemeente: Record<string, any> = response.data?.gemeente;
    return gemeente;
  };

  beforeAll(async () => {
    hub = await startTestHub('statistiek', insertTestData);
  });
  afterAll(() => hub?.close());

  it('counts benefits of Hengelo over Q1 2024: month-ends, edges of the period, Bbz never, suppression', async () => {
    const { bijstand } = await statistiek(H, Q1_2024);
    expect(bijstand).toEqual({
      // A (6), B (ends on the day), F1..F5 (F5 starts on the day); not C (starts the day after), not Bbz.
      lopendOpEinddatum: shown(12),
      // 31 Jan: A, B, E2..E5, F1, F2 (starts that day); 29 Feb: A, B, E3 (ends that day), E4, E5, F1..F3.
      lopendPerMaandeinde: [
        maand('2024-01', shown(13)),
        maand('2024-02', shown(13)),
        maand('2024-03', shown(12)),
      ],
      gemiddeldBestand: { waarde: 38 / 3, maanden: 3, onderdrukt: false },
      // F1..F5 and K's fifteen; not C (the day after), not the Bbz. Per month: F1, F2 and five K; F3 and
      // five; F4, F5 and five.
      instroom: shown(20),
      instroomPerMaand: [maand('2024-01', shown(7)), maand('2024-02', shown(6)), maand('2024-03', shown(7))],
      // B, E1..E5 and K's fifteen; not G (ended the day before), not the Bbz. Per month: E1 and five K;
      // E2, E3 and five; B, E4, E5 and five.
      uitstroom: shown(21),
      uitstroomPerMaand: [maand('2024-01', shown(6)), maand('2024-02', shown(7)), maand('2024-03', shown(8))],
      // WERK 3, STUDIE 1, AOW 1, OVERIG 1: all small, hidden together, and so is every sum that splits
      // them; VERHUIZING (K) is 15.
      uitstroomNaarWerk: SUPPRESSED,
      uitstroomOverig: SUPPRESSED,
      uitstroomPerReden: [
        { reden: 'WERK', aantal: SUPPRESSED },
        { reden: 'STUDIE', aantal: SUPPRESSED },
        { reden: 'WERKPLEIN_PLAATSING', aantal: shown(0) },
        { reden: 'ZELFSTANDIG', aantal: shown(0) },
        { reden: 'AOW', aantal: SUPPRESSED },
        { reden: 'VERHUIZING', aantal: shown(15) },
        { reden: 'OVERIG', aantal: SUPPRESSED },
      ],
      aandeelUitstroomNaarWerk: { teller: SUPPRESSED, noemer: shown(21), ratio: null, onderdrukt: true },
      // Two of A and F1..F3 (the other seven running are not): not the statushouder with Bbz.
      statushoudersOpEinddatum: shown(5),
      begroot: 2123,
    });
  });

  it("hides a month's instroom and uitstroom together, and shows a month only as a total", async () => {
    // April: C started and nothing ended (no K). The pair (1, 0) is small, so both are hidden: with the
    // month-ends around April, a shown 0 ended would give the 1 started. May (five and five) is hidden
    // with them, so that the quarter minus June leaves 5 and 5 hidden, not 1 and 0.
    const kwartaal = (await statistiek(H, { jaar: 2024, kwartaal: 2 })).bijstand;
    expect(kwartaal.instroom).toEqual(shown(11));
    expect(kwartaal.instroomPerMaand).toEqual([
      maand('2024-04', SUPPRESSED),
      maand('2024-05', SUPPRESSED),
      maand('2024-06', shown(5)),
    ]);
    expect(kwartaal.uitstroom).toEqual(shown(10));
    expect(kwartaal.uitstroomPerMaand).toEqual([
      maand('2024-04', SUPPRESSED),
      maand('2024-05', SUPPRESSED),
      maand('2024-06', shown(5)),
    ]);
    // The year: F1..F5, C and K's 55 started; B, E1..E5 and K's 55 ended.
    const jaar = (await statistiek(H, { jaar: 2024 })).bijstand;
    expect([jaar.instroom, jaar.uitstroom]).toEqual([shown(61), shown(61)]);
    // March alone: B, E4, E5 and five K ended; running on 31 March is a stock, shown.
    const maart = (await statistiek(H, { jaar: 2024, maand: 3 })).bijstand;
    expect(maart.lopendOpEinddatum).toEqual(shown(12));
    expect(maart.lopendPerMaandeinde).toEqual([maand('2024-03', shown(12))]);
    expect(maart.uitstroom).toEqual(shown(8));
    // No breakdown of a single month, not even a 0: it would pair a month with a quarter's breakdown.
    const redenen: { aantal: unknown }[] = maart.uitstroomPerReden;
    expect(redenen.map((r) => r.aantal)).toEqual(Array(7).fill(SUPPRESSED));
  });

  it("counts benefits of Borne, hides a 0 beside a small flow of the stock, and takes the budget of the period's year only", async () => {
    const { bijstand } = await statistiek(B, Q1_2024);
    expect(bijstand).toMatchObject({
      lopendOpEinddatum: shown(8),
      lopendPerMaandeinde: [
        maand('2024-01', shown(9)),
        maand('2024-02', shown(8)),
        maand('2024-03', shown(8)),
      ],
      gemiddeldBestand: { waarde: 25 / 3, maanden: 3, onderdrukt: false },
      // Nothing started in 2024 and one benefit ended (31 January): the 0 started is hidden with the 1
      // ended, as 9 running on 31 December plus a shown 0 minus 8 on 31 March would give the 1. So is
      // the year, whose pair (0, 1) is small, and every part of the quarter.
      instroom: SUPPRESSED,
      instroomPerMaand: [
        maand('2024-01', SUPPRESSED),
        maand('2024-02', shown(0)),
        maand('2024-03', shown(0)),
      ],
      uitstroom: SUPPRESSED,
      uitstroomNaarWerk: SUPPRESSED,
      aandeelUitstroomNaarWerk: { teller: SUPPRESSED, noemer: SUPPRESSED, ratio: null, onderdrukt: true },
      statushoudersOpEinddatum: shown(0),
      begroot: null,
    });
    const { bijstand: jaar2022 } = await statistiek(B, { jaar: 2022 });
    expect(jaar2022.lopendPerMaandeinde).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) =>
        maand(`2022-${m}`, shown(8)),
      ),
    );
    expect(jaar2022.gemiddeldBestand).toEqual({ waarde: 8, maanden: 12, onderdrukt: false });
    expect(jaar2022.instroomPerMaand[0]).toEqual(maand('2022-01', shown(8)));
    expect(jaar2022.instroomPerMaand[11]).toEqual(maand('2022-12', shown(0)));
  });

  it('suppresses a mean when one month-end of it is suppressed', async () => {
    const { bijstand } = await statistiek(H, { jaar: 2019 });
    // 31 Jan 2019: only G runs.
    expect(bijstand.lopendPerMaandeinde[0]).toEqual(maand('2019-01', SUPPRESSED));
    expect(bijstand.gemiddeldBestand).toEqual({ waarde: null, maanden: 12, onderdrukt: true });
  });

  it('counts persons with LKS once, however many contracts they have', async () => {
    const { loonkostensubsidie } = await statistiek(H, Q1_2024);
    expect(loonkostensubsidie).toEqual({
      // P1 (two contracts), P2 (ends on the day), P5, P7, P8: six contracts, five persons.
      personenOpEinddatum: shown(5),
      personenPerMaandeinde: [
        maand('2024-01', shown(6)),
        maand('2024-02', shown(5)),
        maand('2024-03', shown(5)),
      ],
      // P1's first, P2, P4 (ends on the first day), P5 (starts on it), P6, P7, P8.
      lopendOpBegindatum: shown(7),
      // Started: P5, P1's second (2); ended: P4, P6, P2 (3).
      gestart: SUPPRESSED,
      beeindigd: SUPPRESSED,
    });
    const { loonkostensubsidie: borne } = await statistiek(B, Q1_2024);
    expect(borne.personenPerMaandeinde).toEqual([
      maand('2024-01', shown(0)),
      maand('2024-02', shown(0)),
      maand('2024-03', shown(0)),
    ]);
  });

  it('counts civic integrations per learning route, hiding a quarter together with its small neighbour', async () => {
    const { inburgering } = await statistiek(H, Q1_2024);
    expect(inburgering).toEqual({
      // Six started in Q1 and one in Q2 (1): the quarters are hidden together, with their routes.
      gestart: SUPPRESSED,
      gestartPerLeerroute: [
        { leerroute: 'B1', aantal: SUPPRESSED },
        { leerroute: 'ONDERWIJS', aantal: SUPPRESSED },
        { leerroute: 'Z_ROUTE', aantal: SUPPRESSED },
      ],
      // Five B1 and the Z-route; not ONDERWIJS (ended 15 March).
      lopendOpEinddatum: shown(6),
    });
    // Seven started in 2024 and one ended (ONDERWIJS, 15 March). Ends are not published, but the
    // starts and the month-ends would give them (7 running on 29 February, 6 on 31 March, none
    // started in March): the year's starts are hidden with its one end, and so are its routes.
    const jaar = (await statistiek(H, { jaar: 2024 })).inburgering;
    expect(jaar.gestart).toEqual(SUPPRESSED);
    expect(jaar.gestartPerLeerroute).toEqual([
      { leerroute: 'B1', aantal: SUPPRESSED },
      { leerroute: 'ONDERWIJS', aantal: SUPPRESSED },
      { leerroute: 'Z_ROUTE', aantal: SUPPRESSED },
    ]);
    expect(jaar.lopendOpEinddatum).toEqual(shown(7));
  });

  it('counts SWB trajectories and the share that ended in paid work', async () => {
    const hengelo = (await statistiek(H, Q1_2024)).swb;
    expect(hengelo).toEqual({
      // Two started in Q1 (5 January, 31 March) and six ended: 11 running on 31 December plus 2 minus
      // 6 is the 7 running on 31 March, so a shown 6 would give the 2. Both are hidden, with the
      // results and the share (and the year, whose pair is 3 started and 6 ended).
      trajectenGestart: SUPPRESSED,
      trajectenLopendOpEinddatum: shown(7),
      trajectenBeeindigd: SUPPRESSED,
      beeindigdPerResultaat: [
        { resultaat: 'BETAALD_WERK', aantal: SUPPRESSED },
        { resultaat: 'OPLEIDING', aantal: SUPPRESSED },
        { resultaat: 'VERVOLGTRAJECT', aantal: SUPPRESSED },
        { resultaat: 'UITVAL', aantal: SUPPRESSED },
        { resultaat: 'GEEN_RESULTAAT', aantal: SUPPRESSED },
      ],
      aandeelBetaaldWerk: { teller: SUPPRESSED, noemer: SUPPRESSED, ratio: null, onderdrukt: true },
      swDienstverbandenOpEinddatum: shown(6),
      // Three of six seconded: 3 and the other 3 hidden together.
      gedetacheerdOpEinddatum: SUPPRESSED,
    });
    // Borne: ten ended in February and none started: shown, as neither is 1 to 4.
    const borne = (await statistiek(B, Q1_2024)).swb;
    expect(borne.aandeelBetaaldWerk).toEqual({
      teller: shown(5),
      noemer: shown(10),
      ratio: 0.5,
      onderdrukt: false,
    });
    expect(borne.trajectenGestart).toEqual(shown(0));
  });

  it('counts debt-help registrations, the BudgetAlert share, phases and early-warning signals', async () => {
    const hengelo = (await statistiek(H, Q1_2024)).schuldhulp;
    expect(hengelo).toEqual({
      // Ten registered in Q1 and one closed (30 March; the one closed on 31 March still runs then).
      // Closures are not published, but the registrations and the month-ends would give them, so the
      // registrations are hidden with the 1, in Q1 and in the year; so are their sources and share.
      aanmeldingen: SUPPRESSED,
      aanmeldingenPerBron: [
        { bron: 'BUDGETALERT', aantal: SUPPRESSED },
        { bron: 'WERK_EN_INKOMEN', aantal: SUPPRESSED },
        { bron: 'VROEGSIGNALERING', aantal: SUPPRESSED },
        { bron: 'ZELFMELDER', aantal: SUPPRESSED },
        { bron: 'WIJKTEAM', aantal: SUPPRESSED },
        { bron: 'OVERIG', aantal: SUPPRESSED },
      ],
      aandeelBudgetAlert: { teller: SUPPRESSED, noemer: SUPPRESSED, ratio: null, onderdrukt: true },
      // The ten of the period (one closed on the last day) and the one registered the day before.
      lopendOpEinddatum: shown(11),
      lopendPerFase: [
        { fase: 'INTAKE', aantal: shown(6) },
        { fase: 'STABILISATIE', aantal: SUPPRESSED },
        { fase: 'SCHULDREGELING', aantal: shown(0) },
        { fase: 'WSNP', aantal: shown(0) },
        { fase: 'NAZORG', aantal: shown(0) },
        { fase: 'AFGESLOTEN', aantal: SUPPRESSED },
      ],
      budgetbeheerOpEinddatum: shown(5),
      vroegsignalen: shown(7),
      // HUUR 6 and ENERGIE 1: ENERGIE alone would be the total minus HUUR, so HUUR is hidden with it.
      vroegsignalenPerSoort: [
        { soort: 'HUUR', aantal: SUPPRESSED },
        { soort: 'ENERGIE', aantal: SUPPRESSED },
        { soort: 'ZORGVERZEKERING', aantal: shown(0) },
        { soort: 'WATER', aantal: shown(0) },
      ],
    });
    // Borne: 3 of 5 registrations from BudgetAlert, none closed; the 3 is suppressed with the 2
    // ZELFMELDER, and so is the share.
    const borne = (await statistiek(B, Q1_2024)).schuldhulp;
    expect(borne.aanmeldingen).toEqual(shown(5));
    expect(borne.aanmeldingenPerBron).toEqual([
      { bron: 'BUDGETALERT', aantal: SUPPRESSED },
      { bron: 'WERK_EN_INKOMEN', aantal: shown(0) },
      { bron: 'VROEGSIGNALERING', aantal: shown(0) },
      { bron: 'ZELFMELDER', aantal: SUPPRESSED },
      { bron: 'WIJKTEAM', aantal: shown(0) },
      { bron: 'OVERIG', aantal: shown(0) },
    ]);
    expect(borne.aandeelBudgetAlert).toEqual({
      teller: SUPPRESSED,
      noemer: shown(5),
      ratio: null,
      onderdrukt: true,
    });
  });

  it('counts Werkplein placements and vacancies, hiding the starts that would give a small number ended', async () => {
    expect((await statistiek(H, Q1_2024)).werkplein).toEqual({
      // Seven started in Q1 and one ended (30 March; the one ending on 31 March still runs then).
      // Ends are not published, but the starts and the month-ends would give them: hidden together,
      // with the kinds and those with LKS.
      plaatsingenGestart: SUPPRESSED,
      plaatsingenPerSoort: [
        { soort: 'REGULIER', aantal: SUPPRESSED },
        { soort: 'PROEFPLAATSING', aantal: SUPPRESSED },
        { soort: 'BANENAFSPRAAK', aantal: SUPPRESSED },
      ],
      plaatsingenMetLks: SUPPRESSED,
      // Seven started, less the one that ended the day before the last; plus two older ones.
      lopendOpEinddatum: shown(8),
      vacaturesGeopend: shown(5),
    });
  });

  it('counts Werkcentrum trajectories, and shows budgets only where ten residents contribute and none dominates', async () => {
    expect((await statistiek(H, Q1_2024)).werkcentrum).toEqual({
      // Six started and two ended (1 February, 1 March): the ends, which the month-ends and the starts
      // would give, are hidden with the starts.
      gestart: SUPPRESSED,
      gestartPerSoort: [
        { soort: 'LOOPBAANADVIES', aantal: SUPPRESSED },
        { soort: 'SCHOLING', aantal: SUPPRESSED },
        { soort: 'LEERWERKTRAJECT', aantal: SUPPRESSED },
        { soort: 'VAN_WERK_NAAR_WERK', aantal: SUPPRESSED },
      ],
      lopendOpEinddatum: shown(5),
      // Four residents with a budget (the career advice has none): fewer than ten.
      budgetGestartCenten: { centen: null, onderdrukt: true },
    });
    expect((await statistiek(B, Q1_2024)).werkcentrum).toMatchObject({
      gestart: SUPPRESSED,
      budgetGestartCenten: { centen: null, onderdrukt: true },
    });
    // Twelve residents with 1000 euro each, all in February: every month, quarter and the year shown.
    for (const periode of [Q1_2024, { jaar: 2024 }, { jaar: 2024, maand: 2 }] as Record<string, number>[]) {
      expect((await statistiek(HAAKSBERGEN, periode)).werkcentrum.budgetGestartCenten).toEqual({
        centen: 1200000,
        onderdrukt: false,
      });
    }
    expect((await statistiek(HAAKSBERGEN, { jaar: 2024, maand: 3 })).werkcentrum.budgetGestartCenten).toEqual(
      {
        centen: 0,
        onderdrukt: false,
      },
    );
    // Ten residents, one with 50,000 of 50,900 euro: the others hold less than 10% of the largest.
    expect((await statistiek(ENSCHEDE, Q1_2024)).werkcentrum).toMatchObject({
      gestart: shown(10),
      budgetGestartCenten: { centen: null, onderdrukt: true },
    });
  });

  it('answers the dashboard: four gemeenten as aliases in one document, batched per subgraph request', async () => {
    let response: Awaited<ReturnType<TestHub['query']>> | undefined;
    const counts = await hub.countSql(async () => {
      response = await hub.query(DASHBOARD, { periode: Q1_2024 }, ANALIST);
    });
    expect(response?.errors).toBeUndefined();
    const data = response?.data ?? {};
    expect(Object.keys(data)).toEqual(['hengelo', 'borne', 'haaksbergen', 'enschede']);
    expect(data.hengelo).toEqual(await statistiek(H, Q1_2024));
    expect(data.borne).toEqual(await statistiek(B, Q1_2024));
    expect(data.haaksbergen.bijstand).toMatchObject({
      lopendOpEinddatum: shown(0),
      gemiddeldBestand: { waarde: 0, maanden: 3, onderdrukt: false },
      begroot: null,
    });
    // werk-inkomen answers the four root fields in one request, so one loader batches all three
    // statistics of the four gemeenten: one statement, and one that records the request's proof (one
    // use across replicas; a statistic writes no log line to carry it). The gateway sends every other
    // partner one entity fetch for the four aliases, so each reads once too.
    expect(counts).toEqual({ 'werk-inkomen': 2, swb: 2, werkplein: 2, schuldhulp: 2, werkcentrum: 2 });
  });

  it('answers the list of dashboard gemeenten with one statement per partner', async () => {
    let response: Awaited<ReturnType<TestHub['query']>> | undefined;
    const counts = await hub.countSql(async () => {
      response = await hub.query(GEMEENTEN, { periode: Q1_2024 }, ANALIST);
    });
    expect(response?.errors).toBeUndefined();
    const gemeenten: { code: string }[] = response?.data?.gemeenten ?? [];
    expect(gemeenten.map((g) => g.code)).toEqual(['GM0164', 'GM0147', 'GM0158', 'GM0153']);
    expect(gemeenten[0]).toEqual(await statistiek(H, Q1_2024));
    // One read of the aggregates, and the record of the request's proof.
    expect(counts).toEqual({ 'werk-inkomen': 2, swb: 2, werkplein: 2, schuldhulp: 2, werkcentrum: 2 });
  });

  it('costs the same one read per partner for a month as for a year: the aggregates are read, not the rows', async () => {
    const run = async (periode: Record<string, number>) =>
      hub.countSql(async () => {
        const gemeente = await statistiek(H, periode);
        expect(PARTNER_FIELDS.every((field) => gemeente[field] !== null)).toBe(true);
      });
    const oneMonth = await run({ jaar: 2024, maand: 3 });
    const oneYear = await run({ jaar: 2024 });
    expect(oneYear).toEqual(oneMonth);
    // One read of the aggregates, and the record of the request's proof.
    expect(oneMonth).toEqual({ 'werk-inkomen': 2, swb: 2, werkplein: 2, schuldhulp: 2, werkcentrum: 2 });
  });

  it("prepares each partner's read of the aggregates once and runs it by name again", async () => {
    const sent = await recordStatements(async () => {
      for (const jaar of [2023, 2024, 2025]) {
        const response = await hub.query(DASHBOARD, { periode: { jaar } }, ANALIST);
        expect(response.errors).toBeUndefined();
      }
    });
    const reads = sent.filter(({ text }) => /\bfrom statistiek_maand\b/i.test(text));
    // Three dashboards, five partners: fifteen reads, each sent under the one name of its text (the
    // partners without money share a text).
    expect(reads).toHaveLength(15);
    expect(reads.filter(({ name }) => !name)).toEqual([]);
    const texts = new Set(reads.map(({ text }) => text));
    expect(new Set(reads.map(({ name, text }) => `${name} ${text}`)).size).toBe(texts.size);
    expect(texts.size).toBe(2);
  });

  it.each([
    [
      'with a quarter and a month',
      { jaar: 2024, kwartaal: 1, maand: 2 },
      'Invalid periode: give kwartaal or maand, not both.',
    ],
    ['before 2000', { jaar: 1999 }, 'Invalid periode: jaar is 2000 to 2100.'],
    ['with month 13', { jaar: 2024, maand: 13 }, 'Invalid periode: maand is 1 to 12.'],
    ['with quarter 0', { jaar: 2024, kwartaal: 0 }, 'Invalid periode: kwartaal is 1 to 4.'],
  ])(
    'rejects a periode %s with BAD_USER_INPUT at every partner, before any SQL but its proof’s record',
    async (_case, periode, message) => {
      let response: Awaited<ReturnType<TestHub['query']>> | undefined;
      const counts = await hub.countSql(async () => {
        response = await hub.query(EEN_GEMEENTE, { code: H, periode }, ANALIST);
      });
      expect(response?.data?.gemeente.code).toBe(H);
      for (const field of PARTNER_FIELDS) expect(response?.data?.gemeente[field]).toBeNull();
      expect(response?.errors).toHaveLength(PARTNER_FIELDS.length);
      for (const error of response?.errors ?? []) {
        expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
      }
      // No read: the one statement records the request's proof, which every request does.
      expect(Object.values(counts).every((count) => count === 1)).toBe(true);
    },
  );

  it('rejects a day window: a periode has no van and tot', async () => {
    const response = await hub.query(
      EEN_GEMEENTE,
      { code: H, periode: { van: '2024-01-01', tot: '2024-03-31' } },
      ANALIST,
    );
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    [
      'a KLANTMANAGER, purpose uitvoering',
      'klantmanagerBhh',
      'uitvoering',
      /for the role ANALIST; role KLANTMANAGER/,
    ],
    [
      'a KLANTMANAGER, purpose beleidsinformatie',
      'klantmanagerBhh',
      'beleidsinformatie',
      /for the role ANALIST/,
    ],
    [
      'a PRIVACY_OFFICER, purpose beleidsinformatie',
      'privacyOfficerWi',
      'beleidsinformatie',
      /for the role ANALIST/,
    ],
    ['an ANALIST without a purpose', 'analist', null, /serve purpose beleidsinformatie/],
    [
      'an ANALIST, purpose toezicht',
      'analist',
      'toezicht',
      /serve purpose beleidsinformatie; .* \(not toezicht\)/,
    ],
  ] as const)(
    'refuses statistics to %s: FORBIDDEN on every statistic, the gemeente itself still answers, no SQL',
    async (_case, as, purpose, reason) => {
      let response: Awaited<ReturnType<TestHub['query']>> | undefined;
      const counts = await hub.countSql(async () => {
        response = await hub.query(EEN_GEMEENTE, { code: H, periode: Q1_2024 }, { as, purpose });
      });
      expect(response?.data?.gemeente).toMatchObject({ code: H, naam: 'Hengelo' });
      for (const field of PARTNER_FIELDS) expect(response?.data?.gemeente[field]).toBeNull();
      expect(response?.errors).toHaveLength(PARTNER_FIELDS.length);
      for (const error of response?.errors ?? []) {
        expect(error.extensions?.code).toBe('FORBIDDEN');
        expect(error.message).toMatch(reason);
      }
      // No read: the one statement records the request's proof, which every request does.
      expect(Object.values(counts).every((count) => count === 1)).toBe(true);
    },
  );

  it('still answers the other partners when one is down, with an error for its statistics', async () => {
    await hub.subgraphs.werkcentrum.close();
    const response = await hub.query(EEN_GEMEENTE, { code: H, periode: Q1_2024 }, ANALIST);
    expect(response.data?.gemeente.werkcentrum).toBeNull();
    expect(response.data?.gemeente.bijstand.lopendOpEinddatum).toEqual(shown(12));
    expect(response.data?.gemeente.swb.trajectenLopendOpEinddatum).toEqual(shown(7));
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ serviceName: 'werkcentrum' }) }),
    ]);
  });
});
