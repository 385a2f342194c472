import { GraphQLError } from 'graphql';
import { beslisLogboekinzage, leesZoekvraagSleutel, zoekvraagSleutel, zoekvraagVan } from '../audit/logboek';
import type { Doelbinding, Caller, Resident } from '../auth/principals';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const BSN = '111222333';

function po(organisation: Caller['organisation']): Caller {
  return { employeeId: 'po-1', organisation, roles: ['PRIVACY_OFFICER'], gemeenten: ['GM0164'] };
}

function code(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return undefined;
}

describe('Logboek: a search of the processing log', () => {
  it('requires a trace id, an activity, a BSN or a case conference', () => {
    expect(code(() => zoekvraagVan({}))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ van: '2026-01-01T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(zoekvraagVan({ traceId: TRACE_ID })).toEqual({ traceId: TRACE_ID, first: 50 });
    expect(zoekvraagVan({ activiteit: ' urn:x ' }, 3)).toEqual({ activiteit: 'urn:x', first: 3 });
    expect(zoekvraagVan({ bsn: BSN })).toEqual({ bsn: BSN, first: 50 });
    expect(zoekvraagVan({ casusoverleg: ' 17 ' })).toEqual({ casusoverleg: '17', first: 50 });
    expect(code(() => zoekvraagVan({ casusoverleg: '' }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ casusoverleg: "1' or '1'='1" }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ casusoverleg: '1'.repeat(65) }))).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed trace id, BSN, time or page size', () => {
    expect(code(() => zoekvraagVan({ traceId: 'xyz' }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ traceId: '0'.repeat(32) }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ bsn: '123456789' }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ bsn: BSN, van: '2026-01-01' }))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ bsn: BSN, van: '2026-02-30T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(
      code(() => zoekvraagVan({ bsn: BSN, van: '2026-02-01T00:00:00Z', tot: '2026-01-01T00:00:00Z' })),
    ).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ bsn: BSN }, 0))).toBe('BAD_USER_INPUT');
    expect(code(() => zoekvraagVan({ bsn: BSN }, 251))).toBe('BAD_USER_INPUT');
  });

  it('normalises, so the same search always has the same key', () => {
    const a = zoekvraagVan({ traceId: TRACE_ID.toUpperCase(), van: '2026-01-01T01:00:00+01:00' });
    const b = zoekvraagVan({ van: '2026-01-01T00:00:00.000Z', traceId: TRACE_ID });
    expect(zoekvraagSleutel(a)).toBe(zoekvraagSleutel(b));
    expect(leesZoekvraagSleutel(zoekvraagSleutel(a))).toEqual(b);
  });

  it('reads back only keys it made itself', () => {
    const sleutel = zoekvraagSleutel(zoekvraagVan({ bsn: BSN }));
    expect(leesZoekvraagSleutel(sleutel)).toEqual({ bsn: BSN, first: 50 });
    expect(leesZoekvraagSleutel('not json')).toBeNull();
    expect(leesZoekvraagSleutel('{"first":50}')).toBeNull();
    expect(leesZoekvraagSleutel(`{"first":50,"bsn":"${BSN}"}`)).toBeNull();
    expect(leesZoekvraagSleutel('{"bsn":"123456789","first":50}')).toBeNull();
  });
});

describe('Logboek: who may read a subgraph’s processing log', () => {
  const metBsn = zoekvraagVan({ bsn: BSN });
  const opTrace = zoekvraagVan({ traceId: TRACE_ID });
  const allowed = (
    caller: Caller,
    purpose: Doelbinding | null,
    subgraph: 'swb' | 'werk-inkomen',
    bsn = true,
  ) => beslisLogboekinzage(caller, purpose, subgraph, bsn ? metBsn : opTrace).toegestaan;

  it('lets a PRIVACY_OFFICER supervise the log of their own organisation only', () => {
    expect(allowed(po('swb'), 'toezicht', 'swb', false)).toBe(true);
    expect(allowed(po('wi-enschede'), 'toezicht', 'werk-inkomen', false)).toBe(true);
    expect(allowed(po('swb'), 'toezicht', 'werk-inkomen', false)).toBe(false);
    expect(allowed(po('regio'), 'toezicht', 'swb', false)).toBe(false);
  });

  it('lets a PRIVACY_OFFICER answer a resident’s access request from their own log only, by BSN only', () => {
    expect(allowed(po('swb'), 'inzageverzoek', 'swb')).toBe(true);
    expect(allowed(po('wi-bhh'), 'inzageverzoek', 'werk-inkomen')).toBe(true);
    expect(allowed(po('swb'), 'inzageverzoek', 'swb', false)).toBe(false);
    expect(allowed(po('swb'), 'inzageverzoek', 'werk-inkomen')).toBe(false);
    expect(allowed(po('stadsbank'), 'inzageverzoek', 'swb')).toBe(false);
    expect(allowed(po('regio'), 'inzageverzoek', 'swb')).toBe(false);
  });

  it('refuses a resident, who reads their own report through mijnInzage', () => {
    const resident: Resident = { bsn: BSN, roles: ['INWONER'] };
    for (const purpose of ['toezicht', 'inzageverzoek', null] as const) {
      expect(beslisLogboekinzage(resident, purpose, 'swb', metBsn)).toEqual({
        toegestaan: false,
        reden: 'A resident reads their own access report through mijnInzage.',
      });
    }
  });

  it('refuses other roles and other purposes', () => {
    const klantmanager: Caller = { ...po('wi-bhh'), roles: ['KLANTMANAGER'] };
    const analist: Caller = { ...po('regio'), roles: ['ANALIST'] };
    for (const purpose of ['toezicht', 'inzageverzoek'] as const) {
      expect(allowed(klantmanager, purpose, 'werk-inkomen')).toBe(false);
      expect(allowed(analist, purpose, 'swb')).toBe(false);
    }
    for (const purpose of ['uitvoering', 'casusoverleg', 'beleidsinformatie', null] as const) {
      expect(allowed(po('swb'), purpose, 'swb')).toBe(false);
    }
  });
});
