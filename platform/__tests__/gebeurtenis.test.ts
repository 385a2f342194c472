import { leesBericht, leesGebeurtenis, vingerafdruk, type Gebeurtenis } from '../signalen/gebeurtenis';

const goed: Gebeurtenis = {
  id: '6f1c2a4e-8d3b-4c7a-9e51-2b0d7f3a9c11',
  bron: 'werkplein',
  soort: 'PLAATSING_GESTART',
  bsn: '123456782',
  gemeente: 'GM0164',
  datum: '2026-11-02',
  vastgelegdOp: '2026-11-02T09:15:00.123456Z',
};

describe('Signals: reading an event off the stream', () => {
  it('reads a valid event as it is', () => {
    expect(leesGebeurtenis(goed)).toEqual({ gebeurtenis: goed });
    expect(leesBericht(JSON.stringify(goed))).toEqual({ gebeurtenis: goed });
    expect(leesBericht(new TextEncoder().encode(JSON.stringify(goed)))).toEqual({ gebeurtenis: goed });
  });

  it('names bytes that are not JSON, or not UTF-8, GEEN_JSON', () => {
    for (const data of ['{"bsn": "123456782", ', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      expect(leesBericht(data)).toEqual({
        onleesbaar: {
          reden: 'GEEN_JSON',
          toelichting: 'not JSON in UTF-8',
          gebeurtenisId: null,
          bron: null,
          soort: null,
        },
      });
    }
  });

  it.each([
    ['a string', 'geen gebeurtenis', 'not an object'],
    ['an array', [goed], 'not an object'],
    ['an id that is no UUID', { ...goed, id: '42' }, 'id'],
    ['a BSN that fails the 11-proef', { ...goed, bsn: '123456789' }, 'bsn'],
    ['a gemeente that is no CBS code', { ...goed, gemeente: 'Hengelo' }, 'gemeente'],
    ['a day that does not exist', { ...goed, datum: '2026-02-30' }, 'datum'],
    ['a timestamp that is no ISO timestamp', { ...goed, vastgelegdOp: 'gisteren' }, 'vastgelegdOp'],
    ['a source with a dot (a subject token)', { ...goed, bron: 'werk.plein' }, 'bron'],
    ['fields missing', { id: goed.id, soort: goed.soort }, 'bron, bsn, gemeente, datum, vastgelegdOp'],
  ])('names an event with %s ONGELDIG, saying which fields, not their values', (_, value, toelichting) => {
    const gelezen = leesGebeurtenis(value);
    expect(gelezen).toMatchObject({ onleesbaar: { reden: 'ONGELDIG', toelichting } });
    expect(JSON.stringify(gelezen)).not.toContain(goed.bsn);
  });

  it('names a well-formed event of a kind this version does not know ONBEKENDE_SOORT, keeping its identity', () => {
    // A newer partner's kind may carry other fields: only its identity is checked.
    const nieuw = { id: goed.id, bron: 'werkplein', soort: 'PLAATSING_BEEINDIGD', bsn: goed.bsn, reden: 'x' };
    expect(leesGebeurtenis(nieuw)).toEqual({
      onleesbaar: {
        reden: 'ONBEKENDE_SOORT',
        toelichting: 'soort',
        gebeurtenisId: goed.id,
        bron: 'werkplein',
        soort: 'PLAATSING_BEEINDIGD',
      },
    });
    // Without a readable id it cannot be traced later: malformed.
    expect(leesGebeurtenis({ ...nieuw, id: 'x' })).toMatchObject({ onleesbaar: { reden: 'ONGELDIG' } });
  });

  it('fingerprints the bytes with SHA-256', () => {
    expect(vingerafdruk('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
