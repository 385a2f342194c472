import type { Caller } from '../../../../platform/context';
import type { CasusDeelnemer } from '../casus-deelnemer.entity';
import { Grondslag, type Casusoverleg } from '../casusoverleg.entity';
import { inzageBesluit, vandaag, type InzageFeiten } from '../casusoverleg.toegang';
import { Toestemmingswijze, type Toestemming } from '../toestemming.entity';

const DEELNEMER: Caller = {
  employeeId: 'tb-1',
  organisation: 'swb',
  roles: ['TRAJECTBEGELEIDER'],
  gemeenten: [],
};

function toestemming(id: number, velden: Partial<Toestemming> = {}): Toestemming {
  return {
    id,
    casusoverlegId: 1,
    gegevenOp: '2026-01-10',
    verlooptOp: '2026-03-31',
    partners: ['swb', 'schuldhulp'],
    wijze: Toestemmingswijze.SCHRIFTELIJK,
    vastgelegdDoor: 'km-1',
    vastgelegdOp: new Date('2026-01-10T09:00:00Z'),
    ingetrokkenOp: null,
    ingetrokkenDoor: null,
    ...velden,
  };
}

function feiten(velden: Partial<InzageFeiten> = {}, overleg: Partial<Casusoverleg> = {}): InzageFeiten {
  return {
    overleg: {
      id: 1,
      bsn: '910000001',
      gemeente: 'GM0164',
      titel: 'T',
      grondslag: Grondslag.TOESTEMMING,
      wettelijkeGrondslag: null,
      partners: [],
      geopendOp: new Date(),
      geopendDoor: 'km-1',
      organisatie: 'wi-bhh',
      geslotenOp: null,
      ...overleg,
    },
    deelnemers: [{ medewerker: 'tb-1', organisatie: 'swb' } as CasusDeelnemer],
    toestemmingen: [toestemming(1)],
    caller: DEELNEMER,
    purpose: 'casusoverleg',
    dag: '2026-02-01',
    ...velden,
  };
}

describe('Casusoverleg: when a participant sees the combined situation', () => {
  it('holds consent from the day it is given through the day it expires', () => {
    for (const dag of ['2026-01-10', '2026-03-31']) {
      expect(inzageBesluit(feiten({ dag }))).toEqual({ toegestaan: true, partners: ['swb', 'schuldhulp'] });
    }
    expect(inzageBesluit(feiten({ dag: '2026-01-09' }))).toEqual({
      toegestaan: false,
      reden: 'The consent holds from 2026-01-10.',
    });
    expect(inzageBesluit(feiten({ dag: '2026-04-01' }))).toEqual({
      toegestaan: false,
      reden: 'The consent expired after 2026-03-31.',
    });
  });

  it('lets the most recent consent govern, so an older one never comes back', () => {
    const ingetrokken = toestemming(2, { ingetrokkenOp: new Date(), partners: ['swb'] });
    expect(inzageBesluit(feiten({ toestemmingen: [toestemming(1), ingetrokken] }))).toEqual({
      toegestaan: false,
      reden: 'The resident has withdrawn consent.',
    });
    const nieuw = toestemming(3, { partners: ['werkplein'] });
    expect(inzageBesluit(feiten({ toestemmingen: [ingetrokken, nieuw, toestemming(1)] }))).toEqual({
      toegestaan: true,
      partners: ['werkplein'],
    });
  });

  it('takes the scope of a statutory conference from the conference, without consent', () => {
    const wettelijk = {
      grondslag: Grondslag.WETTELIJK,
      wettelijkeGrondslag: 'WGS',
      partners: ['werk-inkomen'],
    };
    expect(inzageBesluit(feiten({ toestemmingen: [] }, wettelijk))).toEqual({
      toegestaan: true,
      partners: ['werk-inkomen'],
    });
    expect(inzageBesluit(feiten({}, { ...wettelijk, geslotenOp: new Date() }))).toMatchObject({
      toegestaan: false,
    });
  });

  it('refuses without consent, to non-participants and for other purposes', () => {
    expect(inzageBesluit(feiten({ toestemmingen: [] }))).toMatchObject({ toegestaan: false });
    expect(inzageBesluit(feiten({ caller: { ...DEELNEMER, organisation: 'werkplein' } }))).toMatchObject({
      toegestaan: false,
    });
    expect(inzageBesluit(feiten({ purpose: 'uitvoering' }))).toMatchObject({ toegestaan: false });
  });

  it('counts days in the Netherlands, not in UTC', () => {
    expect(vandaag(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(vandaag(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });
});
