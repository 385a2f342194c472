import { Grondslag } from '../casusoverleg.entity';
import {
  bevatBsn,
  bewijsVan,
  grondslagVan,
  toestemmingsperiode,
  type OpenCasusoverlegInput,
  type ToestemmingInput,
} from '../casusoverleg.input';
import { GRONDSLAGEN } from '../grondslagen';
import { Toestemmingswijze } from '../toestemming.entity';

const BSN = '910000013';
const DAG = '2026-06-15';

const toestemming = (gegevenOp: string, verlooptOp: string): ToestemmingInput => ({
  gegevenOp,
  verlooptOp,
  partners: ['swb'],
  wijze: Toestemmingswijze.SCHRIFTELIJK,
  bewijs: 'DMS-1',
});

const open = (velden: Partial<OpenCasusoverlegInput>): OpenCasusoverlegInput => ({
  bsn: BSN,
  titel: 'T',
  grondslag: Grondslag.WETTELIJK,
  ...velden,
});

describe('Casusoverleg input: consent period', () => {
  it('takes consent given today or earlier that holds today and ends within 12 months of being given', () => {
    expect(() => toestemmingsperiode(toestemming('2026-06-15', '2027-06-15'), DAG)).not.toThrow();
    expect(() => toestemmingsperiode(toestemming('2025-07-01', '2026-06-15'), DAG)).not.toThrow();
  });

  it.each([
    ['2026-06-16', '2026-07-01', 'gegevenOp lies in the future: record consent once it is given.'],
    ['2026-06-15', '2026-06-14', 'verlooptOp lies before gegevenOp.'],
    [
      '2026-06-15',
      '2027-06-16',
      'verlooptOp may be at most 12 months after gegevenOp: 2027-06-15 at the latest.',
    ],
    [
      '2026-06-15',
      '9999-12-31',
      'verlooptOp may be at most 12 months after gegevenOp: 2027-06-15 at the latest.',
    ],
    ['2026-01-01', '2026-06-14', 'verlooptOp lies in the past: that consent has expired.'],
  ])('refuses consent given %s until %s', (gegevenOp, verlooptOp, message) => {
    expect(() => toestemmingsperiode(toestemming(gegevenOp, verlooptOp), DAG)).toThrow(
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});

describe('Casusoverleg input: evidence of consent', () => {
  it('takes a document or recording reference, trimmed', () => {
    expect(bewijsVan('  DMS-2026-004711 ', BSN)).toBe('DMS-2026-004711');
    expect(bewijsVan('opname 2026-06-15 12:30', BSN)).toBe('opname 2026-06-15 12:30');
  });

  it('refuses an empty or overlong reference', () => {
    expect(() => bewijsVan('  ', BSN)).toThrow('bewijs must not be empty.');
    expect(() => bewijsVan('x'.repeat(201), BSN)).toThrow('bewijs may be at most 200 characters.');
  });

  it('finds a BSN however it is written, and the resident’s own inside a longer number', () => {
    for (const text of [
      `formulier ${BSN}`,
      '910.000.013',
      '9100 00 013',
      '9100-000-13',
      'ander 123456782',
      `DOC${BSN}77`,
    ]) {
      expect(bevatBsn(text, BSN)).toBe(true);
    }
    for (const text of ['DMS-2026-004711', '123456789', '2026-06-15', 'rec-12345678901']) {
      expect(bevatBsn(text, BSN)).toBe(false);
    }
    expect(() => bewijsVan(`scan van ${BSN}`, BSN)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});

describe('Casusoverleg input: statutory basis', () => {
  it('takes a statute in force with partners within its own', () => {
    expect(
      grondslagVan(open({ wettelijkeGrondslag: 'Wgshv', partners: ['schuldhulp'] }), DAG, GRONDSLAGEN),
    ).toEqual({ wettelijkeGrondslag: 'Wgshv', partners: ['schuldhulp'] });
  });

  it('refuses a bill, a statute not yet in force, and partners outside the statute', () => {
    expect(() =>
      grondslagVan(open({ wettelijkeGrondslag: 'Wams', partners: ['swb'] }), DAG, GRONDSLAGEN),
    ).toThrow(
      'Wams (Wet aanpak meervoudige problematiek sociaal domein) is a bill, not a statute in force: it ' +
        'gives no legal basis. Open the case conference on the resident’s consent instead.',
    );
    expect(() =>
      grondslagVan(
        open({ wettelijkeGrondslag: 'WGS', partners: ['werk-inkomen'] }),
        '2025-02-28',
        GRONDSLAGEN,
      ),
    ).toThrow('is in force only from 2025-03-01');
    expect(() =>
      grondslagVan(open({ wettelijkeGrondslag: 'Wgshv', partners: ['schuldhulp', 'swb'] }), DAG, GRONDSLAGEN),
    ).toThrow('Wgshv lets only werk-inkomen, schuldhulp share: swb would need the resident’s consent.');
  });
});
