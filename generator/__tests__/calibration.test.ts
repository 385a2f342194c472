/**
 * The published figures (DOMAIN.md, "Calibration"), written out here rather than imported, computed
 * from the generated rows with the statistics' definitions (figures.ts), for two seeds: exactness
 * must not depend on luck.
 */
import {
  debtRegistrations,
  endedBenefits,
  endedBenefitsByReason,
  lksContractsEnded,
  lksContractsRunning,
  lksContractsStarted,
  lksPersonsRunning,
  monthEnds,
  percentage,
  runningBenefits,
  startedBenefits,
  statushoudersAmongRunning,
  sumOfMonthEnds,
  trajectoriesEnded,
  trajectoriesStarted,
} from '../figures';
import { DEFAULT_SEED, generatePopulation } from '../population';
import type { Population } from '../tables';

const HENGELO = 'GM0164';
const BORNE = 'GM0147';
const HAAKSBERGEN = 'GM0158';
const ENSCHEDE = 'GM0153';
const HOF_VAN_TWENTE = 'GM1735';

const OTHER_THAN_WORK = [
  'STUDIE',
  'WERKPLEIN_PLAATSING',
  'ZELFSTANDIG',
  'AOW',
  'VERHUIZING',
  'OVERIG',
] as const;

const BHH = [
  {
    gemeente: HENGELO,
    running: 2189,
    mean: 2141,
    work: 183,
    other: 357,
    lks: { 2021: 189, 2022: 215, 2023: 265, 2024: 296 },
    statushouders2024: 485,
    statushouders2023: 397,
    begroting: 2123,
  },
  {
    gemeente: BORNE,
    running: 273,
    mean: 276,
    work: 26,
    other: 52,
    lks: { 2021: 63, 2022: 48, 2023: 50, 2024: 55 },
    statushouders2024: 104,
    statushouders2023: 89,
    begroting: 267,
  },
  {
    gemeente: HAAKSBERGEN,
    running: 284,
    mean: 271,
    work: 28,
    other: 48,
    lks: { 2021: 47, 2022: 50, 2023: 52, 2024: 57 },
    statushouders2024: 78,
    statushouders2023: 57,
    begroting: 250,
  },
];

describe.each([DEFAULT_SEED, 'een ander zaad'])('Calibration at scale 1 with seed "%s"', (seed) => {
  let population: Population;
  beforeAll(() => {
    population = generatePopulation({ seed, scale: 1 });
  });

  describe.each(BHH)('Borne-Hengelo-Haaksbergen 2024: $gemeente', (target) => {
    it('has the published running benefits on 31 Dec 2024', () => {
      expect(runningBenefits(population, target.gemeente, '2024-12-31')).toBe(target.running);
    });

    it('has month-ends of 2024 that add up to 12 times the published mean', () => {
      expect(sumOfMonthEnds(population, target.gemeente, 2024)).toBe(12 * target.mean);
    });

    it('has the published benefits ended in 2024 in work and for other reasons', () => {
      expect(endedBenefits(population, target.gemeente, '2024-01-01', '2024-12-31', ['WERK'])).toBe(
        target.work,
      );
      expect(endedBenefits(population, target.gemeente, '2024-01-01', '2024-12-31', OTHER_THAN_WORK)).toBe(
        target.other,
      );
      expect(endedBenefits(population, target.gemeente, '2024-01-01', '2024-12-31')).toBe(
        target.work + target.other,
      );
    });

    it('has the published persons with LKS in December of 2021..2024', () => {
      for (const year of [2021, 2022, 2023, 2024] as const) {
        expect(lksPersonsRunning(population, target.gemeente, `${year}-12-31`)).toBe(target.lks[year]);
      }
    });

    it('has the published statushouders among running benefits on 31 Dec 2023 and 2024', () => {
      expect(statushoudersAmongRunning(population, target.gemeente, '2024-12-31')).toBe(
        target.statushouders2024,
      );
      expect(statushoudersAmongRunning(population, target.gemeente, '2023-12-31')).toBe(
        target.statushouders2023,
      );
    });

    it('has the published begroting 2024', () => {
      const rows = population['werk-inkomen'].begroting.filter(
        (row) => row.gemeente === target.gemeente && row.jaar === 2024,
      );
      expect(rows.map((row) => row.aantal_uitkeringen)).toEqual([target.begroting]);
    });
  });

  describe('Enschede, first three quarters of 2024', () => {
    it('has 5687 running benefits on 30 Sep 2024, instroom 1091 and uitstroom 945', () => {
      expect(runningBenefits(population, ENSCHEDE, '2024-09-30')).toBe(5687);
      expect(startedBenefits(population, ENSCHEDE, '2024-01-01', '2024-09-30')).toBe(1091);
      expect(endedBenefits(population, ENSCHEDE, '2024-01-01', '2024-09-30')).toBe(945);
    });

    it('splits the uitstroom as published', () => {
      const byReason = endedBenefitsByReason(population, ENSCHEDE, '2024-01-01', '2024-09-30');
      expect(byReason.WERK).toBe(337);
      expect(byReason.STUDIE).toBe(44);
      expect(byReason.WERKPLEIN_PLAATSING).toBe(261);
      expect(byReason.ZELFSTANDIG).toBe(16);
      expect((byReason.OVERIG ?? 0) + (byReason.AOW ?? 0) + (byReason.VERHUIZING ?? 0)).toBe(287);
    });

    it('has 451 LKS contracts running on 1 Jan, 220 started (none on 1 Jan) and 155 ended', () => {
      expect(lksContractsRunning(population, ENSCHEDE, '2024-01-01')).toBe(451);
      expect(lksContractsStarted(population, ENSCHEDE, '2024-01-01', '2024-09-30')).toBe(220);
      expect(lksContractsStarted(population, ENSCHEDE, '2024-01-01', '2024-01-01')).toBe(0);
      expect(lksContractsEnded(population, ENSCHEDE, '2024-01-01', '2024-09-30')).toBe(155);
    });
  });

  it('has Hengelo debt-help registrations 547 and 492, of which BudgetAlert 70 and 64', () => {
    expect(debtRegistrations(population, HENGELO, 2023)).toBe(547);
    expect(debtRegistrations(population, HENGELO, 2023, 'BUDGETALERT')).toBe(70);
    expect(debtRegistrations(population, HENGELO, 2024)).toBe(492);
    expect(debtRegistrations(population, HENGELO, 2024, 'BUDGETALERT')).toBe(64);
    expect(percentage(70, 547)).toBe(12.8);
    expect(percentage(64, 492)).toBe(13.0);
  });

  it('has Hengelo SWB trajectories ending in paid work at 9.0% (2023) and 10.8% (2024)', () => {
    for (const [year, expected] of [
      [2023, 9.0],
      [2024, 10.8],
    ] as const) {
      const ended = trajectoriesEnded(population, HENGELO, year);
      const paidWork = trajectoriesEnded(population, HENGELO, year, 'BETAALD_WERK');
      expect(paidWork).toBeGreaterThanOrEqual(5);
      expect(ended).toBeGreaterThanOrEqual(5);
      expect(percentage(paidWork, ended)).toBe(expected);
    }
  });

  it('has so few Hof van Twente trajectories that its statistics are suppressed (1..4)', () => {
    expect(trajectoriesStarted(population, HOF_VAN_TWENTE, 2024)).toBe(3);
    expect(trajectoriesEnded(population, HOF_VAN_TWENTE, 2024)).toBe(2);
    expect(trajectoriesEnded(population, HOF_VAN_TWENTE, 2024, 'BETAALD_WERK')).toBe(1);
    expect(population['werk-inkomen'].inwoner.some((row) => row.gemeente === HOF_VAN_TWENTE)).toBe(false);
  });

  it('keeps the flows consistent: running(t) = running(t-1) + instroom(t) - uitstroom(t)', () => {
    for (const gemeente of [HENGELO, BORNE, HAAKSBERGEN, ENSCHEDE]) {
      let previous = runningBenefits(population, gemeente, '2020-12-31');
      for (let year = 2021; year <= 2025; year++) {
        monthEnds(year).forEach((end, index) => {
          const start = `${end.slice(0, 8)}01`;
          const running = runningBenefits(population, gemeente, end);
          const instroom = startedBenefits(population, gemeente, start, end);
          const uitstroom = endedBenefits(population, gemeente, start, end);
          expect({ gemeente, year, month: index + 1, running }).toEqual({
            gemeente,
            year,
            month: index + 1,
            running: previous + instroom - uitstroom,
          });
          previous = running;
        });
      }
    }
  });
});
