import { loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The regional dashboard: all statistics of the four municipalities for 2024 in one document, plus the
 * periods the published figures speak of (Enschede's first three quarters, asked quarter by quarter,
 * the December figures of earlier years, Hengelo's 2023 debt help and SWB outcomes).
 */
const DASHBOARD = /* GraphQL */ `
  query Dashboard(
    $jaar: Periode!
    $vorigJaar: Periode!
    $q1: Periode!
    $q2: Periode!
    $q3: Periode!
    $lks2021: Periode!
    $lks2022: Periode!
  ) {
    hengelo: gemeente(code: "GM0164") {
      ...Bhh
    }
    borne: gemeente(code: "GM0147") {
      ...Bhh
    }
    haaksbergen: gemeente(code: "GM0158") {
      ...Bhh
    }
    enschede: gemeente(code: "GM0153") {
      naam
      q1: bijstand(periode: $q1) {
        ...Kwartaal
      }
      q2: bijstand(periode: $q2) {
        ...Kwartaal
      }
      q3: bijstand(periode: $q3) {
        ...Kwartaal
      }
      lksQ1: loonkostensubsidie(periode: $q1) {
        ...Lks
      }
      lksQ2: loonkostensubsidie(periode: $q2) {
        ...Lks
      }
      lksQ3: loonkostensubsidie(periode: $q3) {
        ...Lks
      }
      jaar: bijstand(periode: $jaar) {
        lopendOpEinddatum {
          waarde
        }
      }
      swb(periode: $jaar) {
        trajectenGestart {
          waarde
        }
      }
      werkplein(periode: $jaar) {
        plaatsingenGestart {
          waarde
        }
      }
      werkcentrum(periode: $jaar) {
        gestart {
          waarde
        }
      }
      schuldhulp(periode: $jaar) {
        aanmeldingen {
          waarde
        }
      }
    }
    hofVanTwente: gemeente(code: "GM1735") {
      naam
      swb(periode: $jaar) {
        trajectenGestart {
          waarde
          onderdrukt
        }
        trajectenBeeindigd {
          waarde
          onderdrukt
        }
        aandeelBetaaldWerk {
          teller {
            waarde
            onderdrukt
          }
          noemer {
            waarde
            onderdrukt
          }
          ratio
          onderdrukt
        }
      }
      werkcentrum(periode: $jaar) {
        gestart {
          waarde
          onderdrukt
        }
      }
    }
    hengeloSchulden2023: gemeente(code: "GM0164") {
      schuldhulp(periode: $vorigJaar) {
        ...Schulden
      }
      swb(periode: $vorigJaar) {
        ...Trajecten
      }
    }
    hengeloSchulden2024: gemeente(code: "GM0164") {
      schuldhulp(periode: $jaar) {
        ...Schulden
      }
      swb(periode: $jaar) {
        ...Trajecten
      }
    }
  }

  fragment Bhh on Gemeente {
    naam
    bijstand(periode: $jaar) {
      lopendOpEinddatum {
        waarde
        onderdrukt
      }
      gemiddeldBestand {
        waarde
        maanden
      }
      uitstroomNaarWerk {
        waarde
      }
      uitstroomOverig {
        waarde
      }
      statushoudersOpEinddatum {
        waarde
      }
      begroot
    }
    vorigJaar: bijstand(periode: $vorigJaar) {
      statushoudersOpEinddatum {
        waarde
      }
    }
    lks2021: loonkostensubsidie(periode: $lks2021) {
      personenOpEinddatum {
        waarde
      }
    }
    lks2022: loonkostensubsidie(periode: $lks2022) {
      personenOpEinddatum {
        waarde
      }
    }
    lks2023: loonkostensubsidie(periode: $vorigJaar) {
      personenOpEinddatum {
        waarde
      }
    }
    lks2024: loonkostensubsidie(periode: $jaar) {
      personenOpEinddatum {
        waarde
      }
    }
    werkplein(periode: $jaar) {
      plaatsingenGestart {
        waarde
      }
      plaatsingenPerSoort {
        soort
        aantal {
          waarde
        }
      }
    }
    werkcentrum(periode: $jaar) {
      gestart {
        waarde
      }
    }
  }

  fragment Kwartaal on BijstandStatistiek {
    lopendOpEinddatum {
      waarde
    }
    instroom {
      waarde
    }
    uitstroom {
      waarde
    }
    uitstroomPerReden {
      reden
      aantal {
        waarde
      }
    }
  }

  fragment Lks on LoonkostensubsidieStatistiek {
    lopendOpBegindatum {
      waarde
    }
    gestart {
      waarde
    }
    beeindigd {
      waarde
    }
  }

  fragment Schulden on SchuldhulpStatistiek {
    aanmeldingen {
      waarde
    }
    aandeelBudgetAlert {
      teller {
        waarde
      }
      noemer {
        waarde
      }
      ratio
    }
  }

  fragment Trajecten on SwbStatistiek {
    aandeelBetaaldWerk {
      teller {
        waarde
      }
      noemer {
        waarde
      }
      ratio
    }
  }
`;

const VARIABLES = {
  jaar: { jaar: 2024 },
  vorigJaar: { jaar: 2023 },
  q1: { jaar: 2024, kwartaal: 1 },
  q2: { jaar: 2024, kwartaal: 2 },
  q3: { jaar: 2024, kwartaal: 3 },
  lks2021: { jaar: 2021 },
  lks2022: { jaar: 2022 },
};

/** The published figures of DOMAIN.md (Calibration), per municipality of Borne-Hengelo-Haaksbergen. */
const BHH = {
  hengelo: {
    lopend: 2189,
    gemiddeld: 2141,
    werk: 183,
    overig: 357,
    status2024: 485,
    status2023: 397,
    begroot: 2123,
    lks: [189, 215, 265, 296],
  },
  borne: {
    lopend: 273,
    gemiddeld: 276,
    werk: 26,
    overig: 52,
    status2024: 104,
    status2023: 89,
    begroot: 267,
    lks: [63, 48, 50, 55],
  },
  haaksbergen: {
    lopend: 284,
    gemiddeld: 271,
    werk: 28,
    overig: 48,
    status2024: 78,
    status2023: 57,
    begroot: 250,
    lks: [47, 50, 52, 57],
  },
} as const;

const percent = (ratio: number | null | undefined): number | null =>
  ratio === null || ratio === undefined ? null : Math.round(ratio * 1000) / 10;

describe('Calibration: the dashboard query through the gateway reproduces the published figures', () => {
  let hub: TestHub;
  let data: Record<string, any>;

  beforeAll(async () => {
    hub = await startTestHub('calibratie', async (_orms, urls) => {
      await loadPopulation(generatePopulation({ scale: 1 }), urls, { truncate: true });
    });
    const response = await hub.query(DASHBOARD, VARIABLES, { as: 'analist', purpose: 'beleidsinformatie' });
    expect(response.errors).toBeUndefined();
    data = response.data as Record<string, any>;
  });
  afterAll(() => hub?.close());

  describe.each(Object.entries(BHH))('%s, 2024 (seed 000)', (alias, expected) => {
    it('running benefits on 31 Dec 2024 and the mean of the 12 month-ends', () => {
      const bijstand = data[alias].bijstand;
      expect(bijstand.lopendOpEinddatum).toEqual({ waarde: expected.lopend, onderdrukt: false });
      expect(bijstand.gemiddeldBestand).toEqual({ waarde: expected.gemiddeld, maanden: 12 });
    });

    it('benefits ended because of work and for other reasons', () => {
      expect(data[alias].bijstand.uitstroomNaarWerk.waarde).toBe(expected.werk);
      expect(data[alias].bijstand.uitstroomOverig.waarde).toBe(expected.overig);
    });

    it('statushouders among running benefits on 31 Dec 2024 and 2023, and the budget', () => {
      expect(data[alias].bijstand.statushoudersOpEinddatum.waarde).toBe(expected.status2024);
      expect(data[alias].vorigJaar.statushoudersOpEinddatum.waarde).toBe(expected.status2023);
      expect(data[alias].bijstand.begroot).toBe(expected.begroot);
    });

    it('persons with LKS in December 2021, 2022, 2023 and 2024', () => {
      const december: unknown[] = ['lks2021', 'lks2022', 'lks2023', 'lks2024'].map(
        (year): unknown => data[alias][year].personenOpEinddatum.waarde,
      );
      expect(december).toEqual(expected.lks);
    });

    it('has figures from every partner for the same municipality', () => {
      expect(data[alias].werkplein.plaatsingenGestart.waarde).toBeGreaterThan(0);
      expect(data[alias].werkcentrum.gestart.waarde).toBeGreaterThan(0);
    });
  });

  describe('Enschede, first three quarters of 2024 (seed 001), as the sum of quarters 1 to 3', () => {
    type Waarde = { waarde: number | null };
    interface Kwartaal {
      lopendOpEinddatum: Waarde;
      instroom: Waarde;
      uitstroom: Waarde;
      uitstroomPerReden: { reden: string; aantal: Waarde }[];
    }
    interface Lks {
      lopendOpBegindatum: Waarde;
      gestart: Waarde;
      beeindigd: Waarde;
    }
    const quarters = (): Kwartaal[] => ['q1', 'q2', 'q3'].map((q) => data.enschede[q] as Kwartaal);
    const sum = (values: (number | null)[]) => {
      // A suppressed quarter would leave a hole: every part of a published figure must be shown.
      expect(values).not.toContain(null);
      return values.reduce<number>((total, value) => total + (value ?? 0), 0);
    };

    it('running benefits on 30 Sep, instroom and uitstroom by reason', () => {
      expect(data.enschede.q3.lopendOpEinddatum.waarde).toBe(5687);
      expect(sum(quarters().map((q) => q.instroom.waarde))).toBe(1091);
      expect(sum(quarters().map((q) => q.uitstroom.waarde))).toBe(945);
      const byReason = (reden: string) =>
        sum(quarters().map((q) => q.uitstroomPerReden.find((r) => r.reden === reden)?.aantal.waarde ?? null));
      expect({
        WERK: byReason('WERK'),
        STUDIE: byReason('STUDIE'),
        WERKPLEIN_PLAATSING: byReason('WERKPLEIN_PLAATSING'),
        ZELFSTANDIG: byReason('ZELFSTANDIG'),
      }).toEqual({ WERK: 337, STUDIE: 44, WERKPLEIN_PLAATSING: 261, ZELFSTANDIG: 16 });
      expect(byReason('OVERIG') + byReason('AOW') + byReason('VERHUIZING')).toBe(287);
    });

    it('LKS contracts: running on 1 Jan, started and ended', () => {
      const lks = ['lksQ1', 'lksQ2', 'lksQ3'].map((q) => data.enschede[q] as Lks);
      expect(data.enschede.lksQ1.lopendOpBegindatum).toEqual({ waarde: 451 });
      expect(sum(lks.map((q) => q.gestart.waarde))).toBe(220);
      expect(sum(lks.map((q) => q.beeindigd.waarde))).toBe(155);
      expect(data.enschede.lksQ1.lopendOpBegindatum.waarde + sum(lks.map((q) => q.gestart.waarde))).toBe(671);
    });

    it('has figures from every partner', () => {
      for (const part of ['swb', 'werkplein', 'werkcentrum', 'schuldhulp']) {
        expect(Object.values(data.enschede[part])[0]).toEqual({ waarde: expect.any(Number) });
      }
    });
  });

  describe('Small-number protection on a small municipality (Hof van Twente, served by SWB)', () => {
    it('hides counts of 1 to 4 and the ratio made from them, and shows 0', () => {
      const swb = data.hofVanTwente.swb;
      expect(data.hofVanTwente.naam).toBe('Hof van Twente');
      expect(swb.trajectenGestart).toEqual({ waarde: null, onderdrukt: true });
      expect(swb.trajectenBeeindigd).toEqual({ waarde: null, onderdrukt: true });
      expect(swb.aandeelBetaaldWerk).toEqual({
        teller: { waarde: null, onderdrukt: true },
        noemer: { waarde: null, onderdrukt: true },
        ratio: null,
        onderdrukt: true,
      });
      expect(data.hofVanTwente.werkcentrum.gestart).toEqual({ waarde: 0, onderdrukt: false });
    });
  });

  describe('Hengelo, 2023 and 2024 (seed 003)', () => {
    it.each([
      ['hengeloSchulden2023', 547, 70, 12.8],
      ['hengeloSchulden2024', 492, 64, 13.0],
    ])(
      '%s: debt-help registrations, of which referred by BudgetAlert, with the share',
      (alias, total, budgetAlert, share) => {
        const schuldhulp = data[alias].schuldhulp;
        expect(schuldhulp.aanmeldingen.waarde).toBe(total);
        expect(schuldhulp.aandeelBudgetAlert.teller.waarde).toBe(budgetAlert);
        expect(schuldhulp.aandeelBudgetAlert.noemer.waarde).toBe(total);
        expect(percent(schuldhulp.aandeelBudgetAlert.ratio)).toBe(share);
      },
    );

    it.each([
      ['hengeloSchulden2023', 9.0],
      ['hengeloSchulden2024', 10.8],
    ])('%s: share of SWB trajectories ending in paid work, with its counts', (alias, share) => {
      const aandeel = data[alias].swb.aandeelBetaaldWerk;
      expect(aandeel.teller.waarde).toBeGreaterThanOrEqual(5);
      expect(aandeel.ratio).toBeCloseTo(aandeel.teller.waarde / aandeel.noemer.waarde, 10);
      expect(percent(aandeel.ratio)).toBe(share);
    });
  });
});
