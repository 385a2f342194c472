import type { Caller } from '../platform/auth/principals';

/** A demo employee of the sign-in page and of `npm start`'s printed tokens. */
export interface DemoPersona {
  id: string;
  /** What the sign-in page shows. */
  label: string;
  /** What this persona may do in the hub, in a sentence. */
  beschrijving: string;
  caller: Caller;
}

const BHH = ['GM0164', 'GM0147', 'GM0158'];

/**
 * The employees of the demo: the three participants of the demo case conference, the regional analyst
 * and Werk en Inkomen's privacy officer. Their ids are those the demo case conference is made with.
 */
export const DEMO_PERSONAS: DemoPersona[] = [
  {
    id: 'klantmanager',
    label: 'Klantmanager, Werk en Inkomen Borne-Hengelo-Haaksbergen',
    beschrijving: 'Houdt de regie over casusoverleggen van inwoners van Hengelo, Borne en Haaksbergen.',
    caller: {
      employeeId: 'demo-klantmanager',
      organisation: 'wi-bhh',
      roles: ['KLANTMANAGER'],
      gemeenten: BHH,
    },
  },
  {
    id: 'trajectbegeleider',
    label: 'Trajectbegeleider, SWB Midden Twente',
    beschrijving: 'Neemt deel aan het demo-casusoverleg namens SWB.',
    caller: {
      employeeId: 'demo-trajectbegeleider',
      organisation: 'swb',
      roles: ['TRAJECTBEGELEIDER'],
      gemeenten: BHH,
    },
  },
  {
    id: 'schuldhulpverlener',
    label: 'Schuldhulpverlener, Stadsbank Oost Nederland',
    beschrijving: 'Neemt deel aan het demo-casusoverleg namens de Stadsbank.',
    caller: {
      employeeId: 'demo-schuldhulpverlener',
      organisation: 'stadsbank',
      roles: ['SCHULDHULPVERLENER'],
      gemeenten: BHH,
    },
  },
  {
    id: 'analist',
    label: 'Analist, regio Twente',
    beschrijving: 'Ziet statistiek per gemeente, nooit persoonsgegevens.',
    caller: {
      employeeId: 'demo-analist',
      organisation: 'regio',
      roles: ['ANALIST'],
      gemeenten: [...BHH, 'GM0153'],
    },
  },
  {
    id: 'privacy-officer',
    label: 'Privacy officer, Werk en Inkomen Borne-Hengelo-Haaksbergen',
    beschrijving: 'Ziet het verwerkingenlogboek en de gebruiksrapportage van de eigen organisatie.',
    caller: {
      employeeId: 'demo-privacy-officer',
      organisation: 'wi-bhh',
      roles: ['PRIVACY_OFFICER'],
      gemeenten: BHH,
    },
  },
];

/** The demo resident's persona: signs in as a municipality's DigiD sign-in would, role INWONER. */
export const DEMO_RESIDENT = {
  id: 'inwoner',
  label: 'Inwoner (demo, met DigiD)',
  beschrijving: 'Een inwoner die wil zien wie de eigen gegevens heeft bekeken.',
} as const;
