import { createHash } from 'node:crypto';
import { isValidBsn } from '../../platform/bsn';
import {
  residentsAtAllPartners,
  runningBenefits,
  startedBenefits,
  endedBenefits,
  monthEnds,
} from '../figures';
import { copyCodes, generatePopulation, generatePopulationParts, validateScale } from '../population';
import { countRows, PARTNERS, type Population } from '../tables';

/** A digest of every row, in order: equal digests mean byte-identical data. */
function digest(population: Population): string {
  const hash = createHash('sha256');
  for (const partner of PARTNERS) {
    for (const [table, rows] of Object.entries(population[partner])) {
      hash.update(table);
      for (const row of rows as object[]) hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}

function totalRows(population: Population): number {
  return Object.values(countRows(population)).reduce(
    (sum, tables) => sum + Object.values(tables).reduce((acc, count) => acc + count, 0),
    0,
  );
}

function ageOn(birth: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? age - 1 : age;
}

function isMonthEnd(date: string): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

describe('Population: determinism', () => {
  it('gives byte-identical rows for the same seed', () => {
    expect(digest(generatePopulation({ seed: 7, scale: 1 }))).toBe(
      digest(generatePopulation({ seed: 7, scale: 1 })),
    );
  });

  it('gives different rows for a different seed', () => {
    expect(digest(generatePopulation({ seed: 7, scale: 0.1 }))).not.toBe(
      digest(generatePopulation({ seed: 8, scale: 0.1 })),
    );
  });
});

describe('Population: rows at scale 1 are consistent', () => {
  let population: Population;
  let inwoners: Map<string, Population['werk-inkomen']['inwoner'][number]>;
  beforeAll(() => {
    population = generatePopulation({ scale: 1 });
    inwoners = new Map(population['werk-inkomen'].inwoner.map((row) => [row.bsn, row]));
  });

  it('uses only valid synthetic BSNs, each inwoner once', () => {
    const rows = population['werk-inkomen'].inwoner;
    expect(inwoners.size).toBe(rows.length);
    const wrong: string[] = [];
    for (const partner of PARTNERS) {
      for (const table of Object.values(population[partner]) as { bsn?: string }[][]) {
        for (const row of table) {
          if (row.bsn !== undefined && !(isValidBsn(row.bsn) && row.bsn.startsWith('9'))) wrong.push(row.bsn);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives every row the resident's municipality, and werk-inkomen rows a known resident", () => {
    const { uitkering, loonkostensubsidie, inburgering } = population['werk-inkomen'];
    const wrong = [...uitkering, ...loonkostensubsidie, ...inburgering].filter(
      (row) => inwoners.get(row.bsn)?.gemeente !== row.gemeente,
    );
    expect(wrong).toEqual([]);
    const others = [
      ...population.swb.traject,
      ...population.swb.sw_dienstverband,
      ...population.werkplein.plaatsing,
      ...population.schuldhulp.schuldhulptraject,
      ...population.schuldhulp.vroegsignaal,
      ...population.werkcentrum.ontwikkeltraject,
    ];
    // Only Hof van Twente residents (SWB) have no inwoner row: Werk en Inkomen does not serve them.
    const misplaced = others.filter((row) => (inwoners.get(row.bsn)?.gemeente ?? 'GM1735') !== row.gemeente);
    expect(misplaced).toEqual([]);
  });

  it('gives every ended benefit a reason, no running one, and no counted ending on a month-end', () => {
    const wrong = population['werk-inkomen'].uitkering.filter(
      (row) =>
        (row.einddatum === null) !== (row.uitstroomreden === null) ||
        (row.einddatum !== null && row.einddatum < row.ingangsdatum) ||
        (row.regeling !== 'BBZ' && row.einddatum !== null && isMonthEnd(row.einddatum)),
    );
    expect(wrong).toEqual([]);
  });

  it('has benefit recipients aged 18..66 while on benefit', () => {
    const wrong = population['werk-inkomen'].uitkering.filter((row) => {
      const birth = inwoners.get(row.bsn)?.geboortedatum ?? '';
      const last = row.einddatum ?? '2025-12-31';
      return ageOn(birth, row.ingangsdatum) < 18 || ageOn(birth, last) > 66;
    });
    expect(wrong).toEqual([]);
  });

  it('has benefits only of the four regelingen, some of them Bbz', () => {
    const regelingen = new Set(population['werk-inkomen'].uitkering.map((row) => row.regeling));
    expect([...regelingen].sort()).toEqual(['BBZ', 'IOAW', 'IOAZ', 'PW']);
  });

  it('gives LKS to residents who were on benefit or were placed, at a loonwaarde of 30..80%', () => {
    const onBenefit = new Set(population['werk-inkomen'].uitkering.map((row) => row.bsn));
    const placedWithLks = new Set(
      population.werkplein.plaatsing.filter((row) => row.met_lks).map((row) => row.bsn),
    );
    const wrong = population['werk-inkomen'].loonkostensubsidie.filter(
      (row) =>
        !(onBenefit.has(row.bsn) || placedWithLks.has(row.bsn)) ||
        row.loonwaarde < 30 ||
        row.loonwaarde > 80 ||
        (row.einddatum !== null && row.einddatum < row.startdatum),
    );
    expect(wrong).toEqual([]);
  });

  it('gives inburgering only to statushouders, in the three leerroutes', () => {
    const routes = new Set<string>();
    for (const row of population['werk-inkomen'].inburgering) {
      if (inwoners.get(row.bsn)?.statushouder !== true) throw new Error(`inburgering of a non-statushouder`);
      routes.add(row.leerroute);
    }
    expect([...routes].sort()).toEqual(['B1', 'ONDERWIJS', 'Z_ROUTE']);
  });

  it('refers from placements and vacancies to employers and vacancies that exist', () => {
    const { werkgever, vacature, plaatsing } = population.werkplein;
    const employers = new Set(werkgever.map((row) => row.id));
    const vacancies = new Map(vacature.map((row) => [row.id, row]));
    expect(employers.size).toBe(werkgever.length);
    expect(vacancies.size).toBe(vacature.length);
    expect(werkgever.filter((row) => !/^\d{8}$/.test(row.kvk_nummer))).toEqual([]);
    expect(vacature.filter((row) => !employers.has(row.werkgever_id))).toEqual([]);
    const dangling = plaatsing.filter(
      (row) =>
        !employers.has(row.werkgever_id) ||
        (row.vacature_id !== null && vacancies.get(row.vacature_id)?.werkgever_id !== row.werkgever_id),
    );
    expect(dangling).toEqual([]);
    expect(new Set(plaatsing.map((row) => row.soort)).size).toBe(3);
  });

  it('keeps debt-help cases plausible: 1..30 creditors, closing date only when closed', () => {
    const wrong = population.schuldhulp.schuldhulptraject.filter(
      (row) =>
        row.aantal_schuldeisers < 1 ||
        row.aantal_schuldeisers > 30 ||
        row.totale_schuld_centen <= 0 ||
        (row.afgesloten_op === null) !== (row.fase !== 'AFGESLOTEN'),
    );
    expect(wrong).toEqual([]);
  });

  it('ends nothing after the history (31 Dec 2025)', () => {
    const ends = [
      ...population['werk-inkomen'].uitkering.map((row) => row.einddatum),
      ...population['werk-inkomen'].loonkostensubsidie.map((row) => row.einddatum),
      ...population.swb.traject.map((row) => row.einddatum),
      ...population.werkplein.plaatsing.map((row) => row.einddatum),
      ...population.werkcentrum.ontwikkeltraject.map((row) => row.einddatum),
    ];
    expect(ends.filter((end) => end !== null && end > '2025-12-31')).toEqual([]);
  });

  it('has many residents with rows at all five partners', () => {
    expect(residentsAtAllPartners(population).length).toBeGreaterThanOrEqual(50);
  });
});

describe('Population: scale', () => {
  it('adds a synthetic copy GM9001..GM9004 at scale 2 and roughly doubles the rows', () => {
    const one = generatePopulation({ scale: 1 });
    const two = generatePopulation({ scale: 2 });
    const codes = new Set(two['werk-inkomen'].inwoner.map((row) => row.gemeente));
    expect([...codes].sort()).toEqual([
      'GM0147',
      'GM0153',
      'GM0158',
      'GM0164',
      'GM9001',
      'GM9002',
      'GM9003',
      'GM9004',
    ]);
    const ratio = totalRows(two) / totalRows(one);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
    // The real region is the same as at scale 1; BSNs and Werkplein ids stay unique across copies.
    expect(runningBenefits(two, 'GM0164', '2024-12-31')).toBe(2189);
    expect(new Set(two['werk-inkomen'].inwoner.map((row) => row.bsn)).size).toBe(
      two['werk-inkomen'].inwoner.length,
    );
    expect(new Set(two.werkplein.werkgever.map((row) => row.id)).size).toBe(two.werkplein.werkgever.length);
    expect(new Set(two.werkplein.vacature.map((row) => row.id)).size).toBe(two.werkplein.vacature.length);
  });

  it('numbers the copies four codes apiece', () => {
    expect(copyCodes(1)).toEqual({
      hengelo: 'GM9001',
      borne: 'GM9002',
      haaksbergen: 'GM9003',
      enschede: 'GM9004',
    });
    expect(copyCodes(49).enschede).toBe('GM9196');
  });

  it('yields one part per region', () => {
    expect([...generatePopulationParts({ scale: 3 })]).toHaveLength(3);
  });

  it('gives a small demo population at scale 0.05 with consistent flows', () => {
    const demo = generatePopulation({ scale: 0.05 });
    const residents = demo['werk-inkomen'].inwoner.length;
    expect(residents).toBeGreaterThan(300);
    expect(residents).toBeLessThan(2500);
    expect(runningBenefits(demo, 'GM0164', '2024-12-31')).toBe(Math.round(2189 * 0.05));
    expect(residentsAtAllPartners(demo).length).toBeGreaterThanOrEqual(2);
    for (const gemeente of ['GM0164', 'GM0147', 'GM0158', 'GM0153']) {
      let previous = runningBenefits(demo, gemeente, '2020-12-31');
      for (const end of [2021, 2022, 2023, 2024, 2025].flatMap(monthEnds)) {
        const start = `${end.slice(0, 8)}01`;
        const instroom = startedBenefits(demo, gemeente, start, end);
        const uitstroom = endedBenefits(demo, gemeente, start, end);
        expect(instroom).toBeGreaterThanOrEqual(0);
        expect(runningBenefits(demo, gemeente, end)).toBe(previous + instroom - uitstroom);
        previous += instroom - uitstroom;
      }
    }
  });

  it.each([0, -1, 1.5, 251, Number.NaN])('refuses scale %p', (scale) => {
    expect(() => validateScale(scale)).toThrow();
  });
});
