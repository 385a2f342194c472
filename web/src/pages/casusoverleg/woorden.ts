import { dagenTot } from '../../format';
import type { ActieStatus, Toestemming, Toestemmingswijze } from './queries';

/** The hub's codes as the people at the table say them. */
const WOORDEN: Record<string, Record<string, string>> = {
  regeling: {
    PW: 'Participatiewet (bijstand)',
    IOAW: 'IOAW (oudere werkloze werknemers)',
    IOAZ: 'IOAZ (oudere gewezen zelfstandigen)',
    BBZ: 'Bbz (zelfstandigen)',
  },
  uitstroomreden: {
    WERK: 'Werk',
    STUDIE: 'Studie',
    WERKPLEIN_PLAATSING: 'Plaatsing via Werkplein',
    ZELFSTANDIG: 'Zelfstandig ondernemer',
    AOW: 'AOW',
    VERHUIZING: 'Verhuizing',
    OVERIG: 'Overig',
  },
  leerroute: { B1: 'B1-route', ONDERWIJS: 'Onderwijsroute', Z_ROUTE: 'Z-route' },
  trajectsoort: {
    DIAGNOSE: 'Diagnose',
    ARBEIDSFIT: 'Arbeidsfit',
    WERKLEERBEDRIJF: 'Werkleerbedrijf',
    Z_ROUTE: 'Z-route',
    JOBCOACHING: 'Jobcoaching',
  },
  trajectresultaat: {
    BETAALD_WERK: 'Betaald werk',
    OPLEIDING: 'Opleiding',
    VERVOLGTRAJECT: 'Vervolgtraject',
    UITVAL: 'Uitval',
    GEEN_RESULTAAT: 'Geen resultaat',
  },
  dienstverband: { WSW: 'Wsw (sociale werkvoorziening)', NIEUW_BESCHUT: 'Nieuw beschut werk' },
  plaatsing: { REGULIER: 'Reguliere baan', PROEFPLAATSING: 'Proefplaatsing', BANENAFSPRAAK: 'Banenafspraak' },
  bron: {
    BUDGETALERT: 'BudgetAlert',
    WERK_EN_INKOMEN: 'Werk en Inkomen',
    VROEGSIGNALERING: 'Vroegsignalering',
    ZELFMELDER: 'Zelfmelder',
    WIJKTEAM: 'Wijkteam',
    OVERIG: 'Overig',
  },
  fase: {
    INTAKE: 'Intake',
    STABILISATIE: 'Stabilisatie',
    SCHULDREGELING: 'Schuldregeling',
    WSNP: 'Wsnp (wettelijke schuldsanering)',
    NAZORG: 'Nazorg',
    AFGESLOTEN: 'Afgesloten',
  },
  vroegsignaal: {
    HUUR: 'Huurachterstand',
    ENERGIE: 'Achterstand energie',
    ZORGVERZEKERING: 'Achterstand zorgverzekering',
    WATER: 'Achterstand drinkwater',
  },
  ontwikkeltraject: {
    LOOPBAANADVIES: 'Loopbaanadvies',
    SCHOLING: 'Scholing',
    LEERWERKTRAJECT: 'Leerwerktraject',
    VAN_WERK_NAAR_WERK: 'Van werk naar werk',
  },
  rol: {
    KLANTMANAGER: 'Klantmanager',
    TRAJECTBEGELEIDER: 'Trajectbegeleider',
    ADVISEUR_WERK: 'Adviseur werk',
    SCHULDHULPVERLENER: 'Schuldhulpverlener',
    LOOPBAANADVISEUR: 'Loopbaanadviseur',
    ANALIST: 'analist',
    PRIVACY_OFFICER: 'privacy officer',
  },
  grondslagstatus: {
    WETSVOORSTEL: 'wetsvoorstel, geen grondslag',
    NOG_NIET_IN_WERKING: 'nog niet in werking',
    IN_WERKING: 'in werking',
    VERVALLEN: 'vervallen',
  },
};

/** A code in words; an unknown code as it came (the hub may know more than this page). */
export function woord(soort: keyof typeof WOORDEN, value: string): string {
  return WOORDEN[soort]?.[value] ?? value;
}

export const WIJZE: Record<Toestemmingswijze, string> = {
  MONDELING: 'Mondeling',
  SCHRIFTELIJK: 'Schriftelijk',
  DIGITAAL: 'Digitaal',
};

export const ACTIESTATUS: Record<ActieStatus, { tekst: string; badge: string }> = {
  OPEN: { tekst: 'Open', badge: 'utrecht-status-badge--active' },
  AFGEROND: { tekst: 'Afgerond', badge: 'utrecht-status-badge--success' },
  VERVALLEN: { tekst: 'Vervallen', badge: 'utrecht-status-badge--inactive' },
};

/** The municipalities of the chain partners, by CBS code. */
const GEMEENTEN: Record<string, string> = {
  GM0147: 'Borne',
  GM0153: 'Enschede',
  GM0158: 'Haaksbergen',
  GM0164: 'Hengelo',
  GM1735: 'Hof van Twente',
};

export function gemeenteNaam(code: string): string {
  const naam = GEMEENTEN[code];
  return naam ? `${naam} (${code})` : code;
}

/** A list in words: `a, b en c`. */
export function opsomming(delen: string[]): string {
  if (delen.length <= 1) return delen.join('');
  return `${delen.slice(0, -1).join(', ')} en ${delen[delen.length - 1] ?? ''}`;
}

export type ToestemmingStatus =
  'geldig' | 'verlopen' | 'ingetrokken' | 'nog-niet' | 'zonder-bewijs' | 'vervangen';

export const TOESTEMMINGSTATUS: Record<ToestemmingStatus, { tekst: string; badge: string }> = {
  geldig: { tekst: 'Geldig', badge: 'utrecht-status-badge--valid' },
  verlopen: { tekst: 'Verlopen', badge: 'utrecht-status-badge--warning' },
  ingetrokken: { tekst: 'Ingetrokken', badge: 'utrecht-status-badge--danger' },
  'nog-niet': { tekst: 'Nog niet ingegaan', badge: 'utrecht-status-badge--warning' },
  'zonder-bewijs': { tekst: 'Zonder bewijs, opent niets', badge: 'utrecht-status-badge--invalid' },
  vervangen: { tekst: 'Vervangen door een latere toestemming', badge: 'utrecht-status-badge--neutral' },
};

/**
 * The state of a consent record as its dates say (Europe/Amsterdam): the hub decides access itself on
 * every request, and the page shows its reasons where it withholds data.
 */
export function toestemmingStatus(
  toestemming: Pick<Toestemming, 'gegevenOp' | 'verlooptOp' | 'bewijs' | 'ingetrokkenOp'>,
  geldend: boolean,
  now = new Date(),
): ToestemmingStatus {
  if (toestemming.ingetrokkenOp) return 'ingetrokken';
  if (!geldend) return 'vervangen';
  if (dagenTot(toestemming.verlooptOp, now) < 0) return 'verlopen';
  if (dagenTot(toestemming.gegevenOp, now) > 0) return 'nog-niet';
  if (!toestemming.bewijs) return 'zonder-bewijs';
  return 'geldig';
}

/** Days left of a consent in words: the last day counts. */
export function dagenTekst(verlooptOp: string, now = new Date()): string {
  const dagen = dagenTot(verlooptOp, now);
  if (dagen > 1) return `nog ${dagen} dagen`;
  if (dagen === 1) return 'nog 1 dag (morgen de laatste dag)';
  if (dagen === 0) return 'vandaag is de laatste dag';
  return dagen === -1 ? 'sinds 1 dag verlopen' : `sinds ${-dagen} dagen verlopen`;
}
