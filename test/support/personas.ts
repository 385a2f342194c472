import type { Caller } from '../../platform/auth/principals';

/** Employees of ACCESS.md as the tests use them. */
export const PERSONAS = {
  klantmanagerBhh: {
    employeeId: 'km-hengelo-1',
    organisation: 'wi-bhh',
    roles: ['KLANTMANAGER'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158'],
  },
  klantmanagerEnschede: {
    employeeId: 'km-enschede-1',
    organisation: 'wi-enschede',
    roles: ['KLANTMANAGER'],
    gemeenten: ['GM0153'],
  },
  trajectbegeleider: {
    employeeId: 'tb-swb-1',
    organisation: 'swb',
    roles: ['TRAJECTBEGELEIDER'],
    gemeenten: ['GM0164', 'GM0147', 'GM1735'],
  },
  adviseurWerk: {
    employeeId: 'aw-1',
    organisation: 'werkplein',
    roles: ['ADVISEUR_WERK'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158'],
  },
  schuldhulpverlener: {
    employeeId: 'shv-1',
    organisation: 'stadsbank',
    roles: ['SCHULDHULPVERLENER'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158', 'GM0153'],
  },
  loopbaanadviseur: {
    employeeId: 'lba-1',
    organisation: 'werkcentrum',
    roles: ['LOOPBAANADVISEUR'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158', 'GM0153'],
  },
  analist: {
    employeeId: 'an-1',
    organisation: 'regio',
    roles: ['ANALIST'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158', 'GM0153'],
  },
  privacyOfficerWi: {
    employeeId: 'po-wi-1',
    organisation: 'wi-bhh',
    roles: ['PRIVACY_OFFICER'],
    gemeenten: ['GM0164'],
  },
  privacyOfficerSwb: {
    employeeId: 'po-swb-1',
    organisation: 'swb',
    roles: ['PRIVACY_OFFICER'],
    gemeenten: ['GM0164'],
  },
  privacyOfficerStadsbank: {
    employeeId: 'po-stadsbank-1',
    organisation: 'stadsbank',
    roles: ['PRIVACY_OFFICER'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158', 'GM0153'],
  },
  privacyOfficerRegio: {
    employeeId: 'po-regio-1',
    organisation: 'regio',
    roles: ['PRIVACY_OFFICER'],
    gemeenten: ['GM0164', 'GM0147', 'GM0158', 'GM0153'],
  },
} satisfies Record<string, Caller>;

export type Persona = keyof typeof PERSONAS;
