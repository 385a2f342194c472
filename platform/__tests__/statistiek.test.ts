import {
  aandeel,
  aantal,
  bedrag,
  gemiddelde,
  monthEnds,
  months,
  perMaand,
  perMaandeinde,
  perWaarde,
  statistiekBindings,
  SUPPRESSION_THRESHOLD,
  validatePeriode,
} from '../statistics';

const BAD_USER_INPUT = expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } });

describe('Statistics: small-number protection', () => {
  it('suppresses the counts 1 to 4 and shows 0 and 5', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(5);
    expect(aantal(0)).toEqual({ waarde: 0, onderdrukt: false });
    for (const n of [1, 2, 3, 4]) expect(aantal(n)).toEqual({ waarde: null, onderdrukt: true });
    expect(aantal(5)).toEqual({ waarde: 5, onderdrukt: false });
    expect(aantal(2189)).toEqual({ waarde: 2189, onderdrukt: false });
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s as a count', (n) => {
    expect(() => aantal(n)).toThrow(RangeError);
  });

  it('gives a ratio with the counts it is made of', () => {
    expect(aandeel(70, 547)).toEqual({
      teller: { waarde: 70, onderdrukt: false },
      noemer: { waarde: 547, onderdrukt: false },
      ratio: 70 / 547,
      onderdrukt: false,
    });
  });

  it('suppresses a ratio whose teller is suppressed', () => {
    expect(aandeel(3, 20)).toEqual({
      teller: { waarde: null, onderdrukt: true },
      noemer: { waarde: 20, onderdrukt: false },
      ratio: null,
      onderdrukt: true,
    });
  });

  it('suppresses a ratio whose noemer is suppressed', () => {
    expect(aandeel(0, 4)).toMatchObject({ teller: { waarde: 0 }, ratio: null, onderdrukt: true });
  });

  it('has no ratio, and suppresses nothing, when the noemer is 0', () => {
    expect(aandeel(0, 0)).toEqual({
      teller: { waarde: 0, onderdrukt: false },
      noemer: { waarde: 0, onderdrukt: false },
      ratio: null,
      onderdrukt: false,
    });
  });

  it('shows a ratio of 0 over a shown noemer', () => {
    expect(aandeel(0, 5)).toMatchObject({ ratio: 0, onderdrukt: false });
  });

  it('takes the mean of month-end counts', () => {
    expect(gemiddelde([10, 20, 30, 0])).toEqual({ waarde: 15, maanden: 4, onderdrukt: false });
  });

  it('suppresses the mean when any month-end count is suppressed', () => {
    expect(gemiddelde([100, 100, 4])).toEqual({ waarde: null, maanden: 3, onderdrukt: true });
  });

  it('has no mean over a period without month-ends', () => {
    expect(gemiddelde([])).toEqual({ waarde: null, maanden: 0, onderdrukt: false });
  });

  it('suppresses a sum of money over 1 to 4 cases, not over 0 or 5', () => {
    expect(bedrag(750000, 3)).toEqual({ centen: null, onderdrukt: true });
    expect(bedrag(0, 0)).toEqual({ centen: 0, onderdrukt: false });
    expect(bedrag(1250000, 5)).toEqual({ centen: 1250000, onderdrukt: false });
    expect(bedrag(2 ** 40, 1000)).toEqual({ centen: 2 ** 40, onderdrukt: false });
  });
});

describe('Statistics: periods and month-ends', () => {
  it('lists the last day of every month whose last day lies within the period', () => {
    expect(monthEnds({ van: '2024-01-01', tot: '2024-12-31' })).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
    ]);
  });

  it('leaves out a month whose last day is after the period, and crosses years', () => {
    expect(monthEnds({ van: '2023-11-15', tot: '2024-02-28' })).toEqual([
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
    ]);
    expect(monthEnds({ van: '2023-02-28', tot: '2023-02-28' })).toEqual(['2023-02-28']);
    expect(monthEnds({ van: '2024-03-01', tot: '2024-03-30' })).toEqual([]);
  });

  it('lists every calendar month that overlaps the period', () => {
    expect(months({ van: '2023-12-31', tot: '2024-02-01' })).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(months({ van: '2024-05-10', tot: '2024-05-10' })).toEqual(['2024-05']);
  });

  it('accepts a period of one day and one of exactly six years', () => {
    expect(() => validatePeriode({ van: '2024-01-01', tot: '2024-01-01' })).not.toThrow();
    expect(() => validatePeriode({ van: '2019-01-01', tot: '2024-12-31' })).not.toThrow();
    expect(() => validatePeriode({ van: '2020-02-29', tot: '2026-02-28' })).not.toThrow();
  });

  it('rejects van after tot, a period longer than six years, and a malformed date', () => {
    expect(() => validatePeriode({ van: '2024-12-31', tot: '2024-01-01' })).toThrow(BAD_USER_INPUT);
    expect(() => validatePeriode({ van: '2019-01-01', tot: '2025-01-01' })).toThrow(BAD_USER_INPUT);
    expect(() => validatePeriode({ van: '2024-02-30', tot: '2024-03-01' })).toThrow(BAD_USER_INPUT);
  });
});

describe('Statistics: series and breakdowns from grouped counts', () => {
  it('builds the month-end series and the counts of its mean', () => {
    const periode = { van: '2024-01-15', tot: '2024-03-31' };
    const { reeks, counts } = perMaandeinde(periode, { '2024-01-31': 7, '2024-02-29': 3, '2024-03-31': 0 });
    expect(reeks).toEqual([
      { maand: '2024-01', aantal: { waarde: 7, onderdrukt: false } },
      { maand: '2024-02', aantal: { waarde: null, onderdrukt: true } },
      { maand: '2024-03', aantal: { waarde: 0, onderdrukt: false } },
    ]);
    expect(counts).toEqual([7, 3, 0]);
  });

  it('fails loudly when the statement misses a month-end, rather than showing 0', () => {
    expect(() => perMaandeinde({ van: '2024-01-01', tot: '2024-02-29' }, { '2024-01-31': 7 })).toThrow(
      /2024-02-29/,
    );
  });

  it('fills months and enum values without rows with 0', () => {
    expect(perMaand({ van: '2024-01-01', tot: '2024-02-10' }, { '2024-02': 6 })).toEqual([
      { maand: '2024-01', aantal: { waarde: 0, onderdrukt: false } },
      { maand: '2024-02', aantal: { waarde: 6, onderdrukt: false } },
    ]);
    expect(perWaarde(['A', 'B'] as const, { B: 2 })).toEqual([
      ['A', { waarde: 0, onderdrukt: false }],
      ['B', { waarde: null, onderdrukt: true }],
    ]);
  });

  it('passes the gemeenten as one JSON value, so a code cannot break the list apart', () => {
    expect(statistiekBindings(['GM0164', 'a,b'], { van: '2024-01-01', tot: '2024-12-31' })).toEqual([
      '2024-01-01',
      '2024-12-31',
      '["GM0164","a,b"]',
    ]);
  });
});
