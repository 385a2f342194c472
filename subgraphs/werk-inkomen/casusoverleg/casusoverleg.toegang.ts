import { vandaag } from '../../../platform/dag';
import type { Doelbinding, Caller } from '../../../platform/auth/principals';
import { medewerker as medewerkerVan } from '../../../platform/auth/inwoner';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/config';
import type { RequestContext } from '../../../platform/context';
import { badUserInput, forbidden } from '../../../platform/errors';
import { ACTIVITEITEN } from '../toegang';
import type { CasusDeelnemer } from './casus-deelnemer.entity';
import { Grondslag, type Casusoverleg } from './casusoverleg.entity';
import { grondslagGebrek, grondslagMetCode, type WettelijkeGrondslag } from './grondslagen';
import type { Toestemming } from './toestemming.entity';

export type Besluit = { toegestaan: true } | { toegestaan: false; reden: string };
export type InzageBesluit =
  { toegestaan: true; partners: SubgraphName[] } | { toegestaan: false; reden: string };

/**
 * Purposes under which the conference's own record (who, agenda, actions, consent) may be processed:
 * running a conference is part of the municipality's regie, so `uitvoering` serves as well as
 * `casusoverleg`. The partners' detail data (`inzage`) opens for `casusoverleg` only.
 */
const BEHEER_DOELEN: readonly Doelbinding[] = ['casusoverleg', 'uitvoering'];

/** Consent lasts at most this long after it was given: it is asked again, not assumed. */
export const TOESTEMMING_MAX_MAANDEN = 12;

/** The day `maanden` calendar months after `dag`, on the month's last day where it is shorter. */
export function plusMaanden(dag: string, maanden: number): string {
  const [jaar = 0, maand = 1, dagVanMaand = 1] = dag.split('-').map(Number);
  const doel = jaar * 12 + (maand - 1) + maanden;
  const doelJaar = Math.floor(doel / 12);
  const doelMaand = (doel % 12) + 1;
  const laatste = new Date(Date.UTC(doelJaar, doelMaand, 0)).getUTCDate();
  const twee = (n: number): string => String(n).padStart(2, '0');
  return `${doelJaar}-${twee(doelMaand)}-${twee(Math.min(dagVanMaand, laatste))}`;
}

/** The last day a consent given on `gegevenOp` may hold. */
export function uitersteVervaldag(gegevenOp: string): string {
  return plusMaanden(gegevenOp, TOESTEMMING_MAX_MAANDEN);
}

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

export function beheerDoelBesluit(purpose: Doelbinding | null): Besluit {
  if (purpose && BEHEER_DOELEN.includes(purpose)) return { toegestaan: true };
  return {
    toegestaan: false,
    reden: purpose
      ? `Purpose ${purpose} does not permit work on case conferences; state casusoverleg.`
      : 'Case conferences require a stated purpose (X-Doelbinding header): casusoverleg.',
  };
}

/** The municipality has the regie in the ketenaanpak: only its KLANTMANAGERs open a conference. */
export function openBesluit(caller: Caller): Besluit {
  if (caller.roles.includes('KLANTMANAGER') && caller.organisation.startsWith('wi-'))
    return { toegestaan: true };
  return {
    toegestaan: false,
    reden: 'Only a KLANTMANAGER of a municipal Werk en Inkomen organisation opens a case conference.',
  };
}

/** A KLANTMANAGER of the organisation that opened the conference, working for the resident's gemeente. */
export function isRegiehouder(caller: Caller, overleg: Casusoverleg): boolean {
  return (
    caller.roles.includes('KLANTMANAGER') &&
    caller.organisation === overleg.organisatie &&
    caller.gemeenten.includes(overleg.gemeente)
  );
}

/** Employee ids are issued per organisation, so an employee is the pair. */
function isMedewerker(caller: Caller, medewerker: string, organisatie: string | null): boolean {
  return caller.employeeId === medewerker && caller.organisation === organisatie;
}

/** The employee who opened the conference. */
export function isOpener(caller: Caller, overleg: Casusoverleg): boolean {
  return isMedewerker(caller, overleg.geopendDoor, overleg.organisatie);
}

/**
 * A participant is listed on the conference and acts in the case role recorded for them (that of their
 * organisation): a token with ANALIST or PRIVACY_OFFICER only is no participant, listed or not.
 */
export function deelnameBesluit(caller: Caller, deelnemers: CasusDeelnemer[]): Besluit {
  const deelnemer = deelnemers.find((d) => isMedewerker(caller, d.medewerker, d.organisatie));
  if (!deelnemer) {
    return {
      toegestaan: false,
      reden: 'Only participants of the case conference see the resident’s combined situation.',
    };
  }
  if (!caller.roles.includes(deelnemer.rol)) {
    return {
      toegestaan: false,
      reden:
        `You take part in this case conference as ${deelnemer.rol}, but your token does not carry that ` +
        'role: only case roles take part, never ANALIST or PRIVACY_OFFICER.',
    };
  }
  return { toegestaan: true };
}

export function isDeelnemer(caller: Caller, deelnemers: CasusDeelnemer[]): boolean {
  return deelnameBesluit(caller, deelnemers).toegestaan;
}

/** The most recently recorded consent governs; earlier ones are history, never a fallback. */
export function geldendeToestemming(toestemmingen: Toestemming[]): Toestemming | undefined {
  return toestemmingen.reduce<Toestemming | undefined>(
    (laatste, t) => (laatste === undefined || t.id > laatste.id ? t : laatste),
    undefined,
  );
}

/** The most recent withdrawal of the conference, if any. */
export function laatsteIntrekking(toestemmingen: Toestemming[]): Toestemming | undefined {
  return toestemmingen.reduce<Toestemming | undefined>(
    (laatste, t) =>
      t.ingetrokkenOp !== null && (laatste?.ingetrokkenOp == null || t.ingetrokkenOp > laatste.ingetrokkenOp)
        ? t
        : laatste,
    undefined,
  );
}

/**
 * Who records a new consent (checked before anything else): a participant in a case role other than the
 * one who opened the conference (four eyes), and right after a withdrawal not the one who recorded it.
 */
export function vastleggerBesluit(
  overleg: Casusoverleg,
  deelnemers: CasusDeelnemer[],
  toestemmingen: Toestemming[],
  caller: Caller,
): Besluit {
  if (!isDeelnemer(caller, deelnemers)) {
    return { toegestaan: false, reden: 'Only a participant of the case conference records consent.' };
  }
  if (isOpener(caller, overleg)) {
    return {
      toegestaan: false,
      reden:
        'The employee who opened the case conference cannot record the resident’s consent: another ' +
        'participant records it (four eyes).',
    };
  }
  // The consent that follows a withdrawal: the governing record is the withdrawn one.
  const ingetrokken = geldendeToestemming(toestemmingen);
  if (
    ingetrokken?.ingetrokkenDoor != null &&
    isMedewerker(caller, ingetrokken.ingetrokkenDoor, ingetrokken.ingetrokkenDoorOrganisatie)
  ) {
    return {
      toegestaan: false,
      reden: 'You recorded the resident’s withdrawal: another participant records a new consent (four eyes).',
    };
  }
  return { toegestaan: true };
}

/**
 * Why a new consent record may not follow the earlier ones, or null. After a withdrawal only consent
 * given on a later day opens data again, so the withdrawn consent cannot be entered again; and each
 * record has evidence of its own, so the evidence of a withdrawn one cannot be reused.
 */
export function nieuweToestemmingGebrek(
  toestemmingen: Toestemming[],
  nieuw: { gegevenOp: string; bewijs: string },
): string | null {
  const ingetrokkenOp = laatsteIntrekking(toestemmingen)?.ingetrokkenOp;
  if (ingetrokkenOp) {
    const dag = vandaag(ingetrokkenOp);
    if (nieuw.gegevenOp <= dag) {
      return (
        `The resident withdrew consent on ${dag}: a new consent must be given on a later day ` +
        '(gegevenOp after the withdrawal).'
      );
    }
  }
  if (toestemmingen.some((t) => t.bewijs === nieuw.bewijs)) {
    return 'bewijs refers to the evidence of an earlier consent record: a new consent needs its own.';
  }
  return null;
}

/** Why a recorded consent opens nothing whatever the day, or null when it is sound. */
export function toestemmingGebrek(toestemming: Toestemming, overleg: Casusoverleg): string | null {
  if (toestemming.ingetrokkenOp !== null) return 'The resident has withdrawn consent.';
  if (toestemming.bewijs === null) {
    return 'The consent has no recorded evidence: a participant records it anew, with its evidence.';
  }
  if (toestemming.verlooptOp > uitersteVervaldag(toestemming.gegevenOp)) {
    return 'The consent runs longer than 12 months: a participant records it anew.';
  }
  if (
    toestemming.vastgelegdDoor === overleg.geopendDoor &&
    toestemming.vastgelegdDoorOrganisatie === overleg.organisatie
  ) {
    return (
      'The consent was recorded by the employee who opened the case conference: another participant ' +
      'records it anew (four eyes).'
    );
  }
  return null;
}

export interface InzageFeiten {
  overleg: Casusoverleg;
  deelnemers: CasusDeelnemer[];
  toestemmingen: Toestemming[];
  caller: Caller;
  purpose: Doelbinding | null;
  /** Today, YYYY-MM-DD (see `vandaag`). */
  dag: string;
  /** The register of statutes (`GRONDSLAGEN`). */
  grondslagen: readonly WettelijkeGrondslag[];
}

const weiger = (reden: string): InzageBesluit => ({ toegestaan: false, reden });

/**
 * ACCESS.md rule 3 and the legal basis of case conferences: a participant in a case role sees the detail
 * data of the partners in scope, for purpose `casusoverleg`, while the conference is open and its basis
 * holds on this very day. With a statute: it is in force today, and the scope is the partners recorded
 * at opening within the statute's own. With consent: the governing (most recent) record, sound (with
 * evidence, at most 12 months, not recorded by the opener), from the day it was given through its
 * expiry, until it is withdrawn. Decided from the current rows, so a withdrawal counts at once.
 */
export function inzageBesluit({
  overleg,
  deelnemers,
  toestemmingen,
  caller,
  purpose,
  dag,
  grondslagen,
}: InzageFeiten): InzageBesluit {
  if (purpose !== 'casusoverleg') {
    return weiger('The combined situation of a case conference is shown for purpose casusoverleg only.');
  }
  const deelname = deelnameBesluit(caller, deelnemers);
  if (!deelname.toegestaan) return deelname;
  if (overleg.geslotenOp !== null) return weiger('The case conference is closed.');
  if (overleg.grondslag === Grondslag.WETTELIJK) {
    const statuut = grondslagMetCode(overleg.wettelijkeGrondslag ?? '', grondslagen);
    if (!statuut) return weiger('The statute of this case conference is not in the register of legal bases.');
    const gebrek = grondslagGebrek(statuut, dag);
    if (gebrek) return weiger(gebrek);
    const partners = overleg.partners.filter(isSubgraphName).filter((p) => statuut.partners.includes(p));
    return { toegestaan: true, partners };
  }
  const toestemming = geldendeToestemming(toestemmingen);
  if (!toestemming) return weiger('No consent of the resident is recorded for this case conference.');
  const gebrek = toestemmingGebrek(toestemming, overleg);
  if (gebrek) return weiger(gebrek);
  if (dag < toestemming.gegevenOp) return weiger(`The consent holds from ${toestemming.gegevenOp}.`);
  if (dag > toestemming.verlooptOp) return weiger(`The consent expired after ${toestemming.verlooptOp}.`);
  return { toegestaan: true, partners: toestemming.partners.filter(isSubgraphName) };
}

/**
 * A processing-log line of the conference's activity for its resident; with the conference's id when
 * the look was made for a known conference, so its participants find it in `Casusoverleg.logboek`.
 */
export function registreer(
  ctx: RequestContext,
  bsn: string,
  veld: string,
  toegestaan: boolean,
  casusoverlegId?: number,
): void {
  ctx.audit.record({
    activiteit: ACTIVITEITEN.ketenregie,
    bsn,
    veld,
    toegestaan,
    casusoverlegId: casusoverlegId === undefined ? undefined : String(casusoverlegId),
  });
}

/**
 * Conference work needs its purpose. A refusal is logged for the resident when the request names one
 * (`betreft`: the conference asked for, or the BSN of a conference to open).
 */
export function eisBeheerDoel(ctx: RequestContext, betreft?: { bsn: string; veld: string } | null): void {
  const besluit = beheerDoelBesluit(ctx.purpose);
  if (besluit.toegestaan) return;
  if (betreft) registreer(ctx, betreft.bsn, betreft.veld, false);
  throw forbidden(besluit.reden);
}

/**
 * `regie`: managing the conference (participants, consent, closing); `deelname`: reading it and adding
 * agenda points and actions, which participants may as well. A refusal is logged for the resident.
 */
export function eisToegang(
  ctx: RequestContext,
  overleg: Casusoverleg,
  deelnemers: CasusDeelnemer[],
  niveau: 'regie' | 'deelname',
  veld: string,
): void {
  if (isRegiehouder(medewerkerVan(ctx), overleg)) return;
  const deelname = deelnameBesluit(medewerkerVan(ctx), deelnemers);
  if (niveau === 'deelname' && deelname.toegestaan) return;
  registreer(ctx, overleg.bsn, veld, false, overleg.id);
  if (niveau === 'regie') {
    throw forbidden(
      `Only a KLANTMANAGER of ${overleg.organisatie}, which holds the regie, manages this case conference.`,
    );
  }
  // A listed employee without their case role hears why; anyone else learns nothing about the list.
  const listed = deelnemers.some((d) => isMedewerker(medewerkerVan(ctx), d.medewerker, d.organisatie));
  throw forbidden(
    listed && !deelname.toegestaan
      ? deelname.reden
      : 'Only participants of this case conference and the KLANTMANAGERs that hold its regie have access.',
  );
}

/** Work on a closed conference is bad input: it says what is wrong and reveals nothing new. */
export function eisOpen(overleg: Casusoverleg): void {
  if (overleg.geslotenOp !== null) throw badUserInput('The case conference is closed.');
}
