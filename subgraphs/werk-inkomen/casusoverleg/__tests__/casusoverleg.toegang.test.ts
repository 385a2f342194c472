import type { Caller } from '../../../../platform/auth/principals';
import type { CasusDeelnemer } from '../casus-deelnemer.entity';
import { Grondslag, type Casusoverleg } from '../casusoverleg.entity';
import {
  inzageBesluit,
  nieuweToestemmingGebrek,
  plusMaanden,
  vastleggerBesluit,
  type InzageFeiten,
} from '../casusoverleg.toegang';
import type { WettelijkeGrondslag } from '../grondslagen';
import { Toestemmingswijze, type Toestemming } from '../toestemming.entity';

const DEELNEMER: Caller = {
  employeeId: 'tb-1',
  organisation: 'swb',
  roles: ['TRAJECTBEGELEIDER'],
  gemeenten: [],
};
const OPENER: Caller = {
  employeeId: 'km-1',
  organisation: 'wi-bhh',
  roles: ['KLANTMANAGER'],
  gemeenten: ['GM0164'],
};
const SCHULDHULP: Caller = {
  employeeId: 'shv-1',
  organisation: 'stadsbank',
  roles: ['SCHULDHULPVERLENER'],
  gemeenten: [],
};

const deelnemer = (caller: Caller, rol: CasusDeelnemer['rol']): CasusDeelnemer =>
  ({ medewerker: caller.employeeId, organisatie: caller.organisation, rol }) as CasusDeelnemer;
const DEELNEMERS = [
  deelnemer(OPENER, 'KLANTMANAGER'),
  deelnemer(DEELNEMER, 'TRAJECTBEGELEIDER'),
  deelnemer(SCHULDHULP, 'SCHULDHULPVERLENER'),
];

/** A register of its own, so the days a statute holds can be set around the test's day. */
const REGISTER: WettelijkeGrondslag[] = [
  {
    code: 'Geldend',
    naam: 'Wet die geldt',
    artikel: 'art. 1',
    inWerkingVanaf: '2020-01-01',
    vervallenPer: null,
    partners: ['werk-inkomen', 'schuldhulp'],
    omschrijving: 'In force.',
  },
  {
    code: 'Voorstel',
    naam: 'Wetsvoorstel',
    artikel: null,
    inWerkingVanaf: null,
    vervallenPer: null,
    partners: ['werk-inkomen'],
    omschrijving: 'A bill.',
  },
  {
    code: 'Later',
    naam: 'Wet die later geldt',
    artikel: null,
    inWerkingVanaf: '2026-03-01',
    vervallenPer: null,
    partners: ['werk-inkomen'],
    omschrijving: 'In force later.',
  },
  {
    code: 'Vervallen',
    naam: 'Vervallen wet',
    artikel: null,
    inWerkingVanaf: '2010-01-01',
    vervallenPer: '2026-02-01',
    partners: ['werk-inkomen'],
    omschrijving: 'Repealed.',
  },
];

function toestemming(id: number, velden: Partial<Toestemming> = {}): Toestemming {
  return {
    id,
    casusoverlegId: 1,
    gegevenOp: '2026-01-10',
    verlooptOp: '2026-03-31',
    partners: ['swb', 'schuldhulp'],
    wijze: Toestemmingswijze.SCHRIFTELIJK,
    bewijs: `DMS-${id}`,
    vastgelegdDoor: 'tb-1',
    vastgelegdDoorOrganisatie: 'swb',
    vastgelegdOp: new Date('2026-01-10T09:00:00Z'),
    ingetrokkenOp: null,
    ingetrokkenDoor: null,
    ingetrokkenDoorOrganisatie: null,
    ...velden,
  };
}

const OVERLEG: Casusoverleg = {
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
};

function feiten(velden: Partial<InzageFeiten> = {}, overleg: Partial<Casusoverleg> = {}): InzageFeiten {
  return {
    overleg: { ...OVERLEG, ...overleg },
    deelnemers: DEELNEMERS,
    toestemmingen: [toestemming(1)],
    caller: DEELNEMER,
    purpose: 'casusoverleg',
    dag: '2026-02-01',
    grondslagen: REGISTER,
    ...velden,
  };
}

const wettelijk = (code: string, partners: string[] = ['werk-inkomen']): Partial<Casusoverleg> => ({
  grondslag: Grondslag.WETTELIJK,
  wettelijkeGrondslag: code,
  partners,
});

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

  it('opens nothing on a consent without evidence, longer than 12 months, or recorded by the opener', () => {
    const gebreken: [Partial<Toestemming>, string][] = [
      [{ bewijs: null }, 'The consent has no recorded evidence'],
      [{ verlooptOp: '2027-01-11' }, 'The consent runs longer than 12 months'],
      [
        { vastgelegdDoor: 'km-1', vastgelegdDoorOrganisatie: 'wi-bhh' },
        'recorded by the employee who opened',
      ],
    ];
    for (const [velden, reden] of gebreken) {
      expect(inzageBesluit(feiten({ toestemmingen: [toestemming(1, velden)] }))).toEqual({
        toegestaan: false,
        reden: expect.stringContaining(reden),
      });
    }
    // Twelve months to the day is allowed; the same employee id at another organisation is another person.
    const sound = [
      { verlooptOp: '2027-01-10' },
      { vastgelegdDoor: 'km-1', vastgelegdDoorOrganisatie: 'swb' },
    ];
    for (const velden of sound) {
      expect(inzageBesluit(feiten({ toestemmingen: [toestemming(1, velden)] }))).toMatchObject({
        toegestaan: true,
      });
    }
  });

  it('takes the scope of a statutory conference from the conference, within the statute, while the statute is in force', () => {
    expect(
      inzageBesluit(feiten({ toestemmingen: [] }, wettelijk('Geldend', ['werk-inkomen', 'swb']))),
    ).toEqual({ toegestaan: true, partners: ['werk-inkomen'] });
    expect(inzageBesluit(feiten({}, { ...wettelijk('Geldend'), geslotenOp: new Date() }))).toMatchObject({
      toegestaan: false,
    });
  });

  it('refuses a statutory conference on every day its statute is not in force', () => {
    const gevallen: [string, string, string][] = [
      ['Voorstel', '2026-02-01', 'Voorstel (Wetsvoorstel) is a bill, not a statute in force'],
      ['Later', '2026-02-28', 'Later (Wet die later geldt) is in force only from 2026-03-01'],
      ['Vervallen', '2026-02-01', 'Vervallen (Vervallen wet) was repealed as of 2026-02-01'],
      ['Onbekend', '2026-02-01', 'The statute of this case conference is not in the register'],
    ];
    for (const [code, dag, reden] of gevallen) {
      expect(inzageBesluit(feiten({ dag, toestemmingen: [] }, wettelijk(code)))).toEqual({
        toegestaan: false,
        reden: expect.stringContaining(reden),
      });
    }
    expect(inzageBesluit(feiten({ dag: '2026-03-01' }, wettelijk('Later')))).toMatchObject({
      toegestaan: true,
    });
    expect(inzageBesluit(feiten({ dag: '2026-01-31' }, wettelijk('Vervallen')))).toMatchObject({
      toegestaan: true,
    });
  });

  it('refuses without consent, to non-participants and for other purposes', () => {
    expect(inzageBesluit(feiten({ toestemmingen: [] }))).toMatchObject({ toegestaan: false });
    expect(inzageBesluit(feiten({ caller: { ...DEELNEMER, organisation: 'werkplein' } }))).toMatchObject({
      toegestaan: false,
    });
    expect(inzageBesluit(feiten({ purpose: 'uitvoering' }))).toMatchObject({ toegestaan: false });
  });

  it('refuses a listed participant whose token lacks their case role, such as an ANALIST or PRIVACY_OFFICER', () => {
    for (const roles of [['ANALIST'], ['PRIVACY_OFFICER'], ['ANALIST', 'PRIVACY_OFFICER']] as const) {
      expect(inzageBesluit(feiten({ caller: { ...DEELNEMER, roles: [...roles] } }))).toEqual({
        toegestaan: false,
        reden: expect.stringContaining('You take part in this case conference as TRAJECTBEGELEIDER'),
      });
    }
    expect(
      inzageBesluit(feiten({ caller: { ...DEELNEMER, roles: ['ANALIST', 'TRAJECTBEGELEIDER'] } })),
    ).toMatchObject({ toegestaan: true });
  });

  it('counts calendar months, ending on the last day of a shorter month', () => {
    expect(plusMaanden('2026-01-10', 12)).toBe('2027-01-10');
    expect(plusMaanden('2028-02-29', 12)).toBe('2029-02-28');
    expect(plusMaanden('2026-08-31', 6)).toBe('2027-02-28');
    expect(plusMaanden('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('Casusoverleg: who records consent, and when after a withdrawal', () => {
  const ingetrokken = toestemming(1, {
    ingetrokkenOp: new Date('2026-02-03T10:00:00Z'),
    ingetrokkenDoor: 'shv-1',
    ingetrokkenDoorOrganisatie: 'stadsbank',
  });

  it('lets a participant other than the opener record it', () => {
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [], DEELNEMER)).toEqual({ toegestaan: true });
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [], OPENER)).toEqual({
      toegestaan: false,
      reden: expect.stringContaining('The employee who opened the case conference cannot record'),
    });
    const buitenstaander = { ...DEELNEMER, employeeId: 'tb-2' };
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [], buitenstaander)).toMatchObject({ toegestaan: false });
    const analist = { ...SCHULDHULP, roles: ['ANALIST' as const] };
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [], analist)).toMatchObject({ toegestaan: false });
  });

  it('right after a withdrawal, refuses the employee who recorded it', () => {
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [ingetrokken], SCHULDHULP)).toEqual({
      toegestaan: false,
      reden: expect.stringContaining('You recorded the resident’s withdrawal'),
    });
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [ingetrokken], DEELNEMER)).toEqual({ toegestaan: true });
    // Once another participant recorded a new consent, the withdrawal is history.
    const erna = toestemming(2, { gegevenOp: '2026-02-05' });
    expect(vastleggerBesluit(OVERLEG, DEELNEMERS, [ingetrokken, erna], SCHULDHULP)).toEqual({
      toegestaan: true,
    });
  });

  it('after a withdrawal, takes only consent given on a later day, with evidence of its own', () => {
    for (const gegevenOp of ['2026-01-20', '2026-02-03']) {
      expect(nieuweToestemmingGebrek([ingetrokken], { gegevenOp, bewijs: 'DMS-9' })).toBe(
        'The resident withdrew consent on 2026-02-03: a new consent must be given on a later day ' +
          '(gegevenOp after the withdrawal).',
      );
    }
    expect(nieuweToestemmingGebrek([ingetrokken], { gegevenOp: '2026-02-04', bewijs: 'DMS-9' })).toBeNull();
    expect(nieuweToestemmingGebrek([ingetrokken], { gegevenOp: '2026-02-04', bewijs: 'DMS-1' })).toBe(
      'bewijs refers to the evidence of an earlier consent record: a new consent needs its own.',
    );
    expect(nieuweToestemmingGebrek([], { gegevenOp: '2026-01-01', bewijs: 'DMS-1' })).toBeNull();
  });
});
