import type { Doelbinding, Caller } from '../platform/auth/principals';
import { SUBGRAPH_NAMES } from '../platform/config';
import { REAL_CODES } from '../generator/calibration';
import { copyCodes } from '../generator/population';
import {
  CASUSOVERLEG,
  DASHBOARD,
  INWONER,
  LEG_TOESTEMMING_VAST,
  OPEN_CASUSOVERLEG,
  VOEG_ACTIE_TOE,
  VOEG_AGENDAPUNT_TOE,
  VOEG_DEELNEMER_TOE,
} from './documents';

export const SCENARIOS = ['inwoner', 'dashboard', 'casusoverleg'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** A scenario as the driver runs it: one document, requests drawn from many variables and callers. */
export interface Scenario {
  name: ScenarioName;
  description: string;
  document: string;
  purpose: Doelbinding;
  callers: Caller[];
  draws: { variables: Record<string, unknown>; caller: number }[];
}

/** Hengelo, Borne and Haaksbergen: the municipalities of Werk en Inkomen BHH. */
export const BHH = ['GM0164', 'GM0147', 'GM0158'];

export const KLANTMANAGER: Caller = {
  employeeId: 'bench-klantmanager',
  organisation: 'wi-bhh',
  roles: ['KLANTMANAGER'],
  gemeenten: BHH,
};

const TRAJECTBEGELEIDER: Caller = {
  employeeId: 'bench-trajectbegeleider',
  organisation: 'swb',
  roles: ['TRAJECTBEGELEIDER'],
  gemeenten: BHH,
};

const SCHULDHULPVERLENER: Caller = {
  employeeId: 'bench-schuldhulpverlener',
  organisation: 'stadsbank',
  roles: ['SCHULDHULPVERLENER'],
  gemeenten: BHH,
};

export function inwonerScenario(bsns: readonly string[]): Scenario {
  if (bsns.length === 0) throw new Error('no residents with a running benefit to query');
  return {
    name: 'inwoner',
    description:
      'one resident across all five subgraphs (`inwoner(bsn)` with benefits, LKS, civic integration, SWB ' +
      'trajectories, placements, debt-help status, development trajectories), as a KLANTMANAGER of wi-bhh, ' +
      'purpose uitvoering; a random resident of Hengelo, Borne or Haaksbergen with a running benefit per request',
    document: INWONER,
    purpose: 'uitvoering',
    callers: [KLANTMANAGER],
    draws: bsns.map((bsn) => ({ variables: { bsn }, caller: 0 })),
  };
}

/** The four municipalities of each region loaded: the real one, then each synthetic copy. */
export function regions(scale: number): string[][] {
  const all = [Object.values(REAL_CODES)];
  for (let copy = 1; copy < scale; copy++) all.push(Object.values(copyCodes(copy)));
  return all;
}

/** The calendar years of the generated history: statistics are asked per year, quarter or month. */
function yearPeriods(): { jaar: number }[] {
  return [2021, 2022, 2023, 2024, 2025].map((jaar) => ({ jaar }));
}

export function dashboardScenario(scale: number): Scenario {
  const quartets = regions(scale);
  const callers: Caller[] = quartets.map((gemeenten, index) => ({
    employeeId: `bench-analist-${index}`,
    organisation: 'regio',
    roles: ['ANALIST'],
    gemeenten,
  }));
  const draws: Scenario['draws'] = [];
  quartets.forEach(([a, b, c, d], caller) => {
    for (const periode of yearPeriods()) draws.push({ variables: { periode, a, b, c, d }, caller });
  });
  return {
    name: 'dashboard',
    description:
      'the regional dashboard: every statistic of all five subgraphs for four municipalities over a calendar ' +
      `year, as an ANALIST (purpose beleidsinformatie); per request a random year (2021 to 2025)` +
      `${quartets.length > 1 ? ` and a random region of four municipalities (${quartets.length} regions)` : ''}`,
    document: DASHBOARD,
    purpose: 'beleidsinformatie',
    callers,
    draws,
  };
}

/** Sends one GraphQL request through a gateway and returns its data, or throws with its errors. */
export type GraphQLCall = (
  caller: Caller,
  purpose: Doelbinding,
  document: string,
  variables: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

function idOf(data: Record<string, unknown>, field: string): string {
  const value = (data[field] as { id?: unknown } | undefined)?.id;
  if (typeof value !== 'string') throw new Error(`${field} returned no id`);
  return value;
}

/**
 * Opens `count` case conferences through the gateway's mutations, as a KLANTMANAGER of wi-bhh: each
 * about a resident, with a TRAJECTBEGELEIDER of SWB and a SCHULDHULPVERLENER of the Stadsbank as
 * participants, the resident's consent for all five partners (recorded by the TRAJECTBEGELEIDER), an
 * agenda item and an action. A few run at a time.
 */
export async function openConferences(
  call: GraphQLCall,
  bsns: readonly string[],
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  const open = async (bsn: string): Promise<void> => {
    const opened = await call(KLANTMANAGER, 'casusoverleg', OPEN_CASUSOVERLEG, {
      input: { bsn, titel: 'Schulden en werk', grondslag: 'TOESTEMMING' },
    });
    const id = idOf(opened, 'openCasusoverleg');
    for (const participant of [TRAJECTBEGELEIDER, SCHULDHULPVERLENER]) {
      await call(KLANTMANAGER, 'casusoverleg', VOEG_DEELNEMER_TOE, {
        id,
        medewerker: participant.employeeId,
        organisatie: participant.organisation,
      });
    }
    // A participant other than the opener records the consent, with its evidence (four eyes).
    await call(TRAJECTBEGELEIDER, 'casusoverleg', LEG_TOESTEMMING_VAST, {
      id,
      input: {
        gegevenOp: day(-1),
        verlooptOp: day(90),
        partners: SUBGRAPH_NAMES,
        wijze: 'SCHRIFTELIJK',
        bewijs: `BENCH-${id}`,
      },
    });
    await call(KLANTMANAGER, 'casusoverleg', VOEG_AGENDAPUNT_TOE, { id, onderwerp: 'Stand van zaken' });
    await call(SCHULDHULPVERLENER, 'casusoverleg', VOEG_ACTIE_TOE, {
      id,
      input: { eigenaarOrganisatie: 'stadsbank', omschrijving: 'Budgetplan opstellen', deadline: day(14) },
    });
    ids.push(id);
  };
  const queue = bsns.slice(0, count);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let bsn = queue.shift(); bsn !== undefined; bsn = queue.shift()) await open(bsn);
    }),
  );
  return ids;
}

export function casusoverlegScenario(conferenceIds: readonly string[]): Scenario {
  if (conferenceIds.length === 0) throw new Error('no case conferences to read');
  const callers = [TRAJECTBEGELEIDER, SCHULDHULPVERLENER];
  return {
    name: 'casusoverleg',
    description:
      'a participant (a TRAJECTBEGELEIDER of SWB or a SCHULDHULPVERLENER of the Stadsbank, at random) reads ' +
      'a random case conference with the resident’s combined situation at all five partners ' +
      '(`casusoverleg(id) { …, inzage { … } }`), purpose casusoverleg; the conferences, with consent for ' +
      'all five partners, are opened through the gateway’s mutations before the measurement',
    document: CASUSOVERLEG,
    purpose: 'casusoverleg',
    callers,
    draws: conferenceIds.flatMap((id) => callers.map((_, caller) => ({ variables: { id }, caller }))),
  };
}
