import { medewerker } from '../../../platform/auth/inwoner';
import type { Doelbinding } from '../../../platform/auth/principals';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/config';
import type { Caller, RequestContext } from '../../../platform/context';
import { badUserInput, forbidden } from '../../../platform/errors';
import { ACTIVITEITEN } from '../toegang';
import type { CasusDeelnemer } from './casus-deelnemer.entity';
import { Grondslag, type Casusoverleg } from './casusoverleg.entity';
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

/** The calendar day in the Netherlands: consent is given and expires on days, not at UTC midnight. */
export function vandaag(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
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

/** Employee ids are issued per organisation, so a participant is the pair. */
export function isDeelnemer(caller: Caller, deelnemers: CasusDeelnemer[]): boolean {
  return deelnemers.some((d) => d.medewerker === caller.employeeId && d.organisatie === caller.organisation);
}

/** The most recently recorded consent governs; earlier ones are history, never a fallback. */
export function geldendeToestemming(toestemmingen: Toestemming[]): Toestemming | undefined {
  return toestemmingen.reduce<Toestemming | undefined>(
    (laatste, t) => (laatste === undefined || t.id > laatste.id ? t : laatste),
    undefined,
  );
}

export interface InzageFeiten {
  overleg: Casusoverleg;
  deelnemers: CasusDeelnemer[];
  toestemmingen: Toestemming[];
  caller: Caller;
  purpose: Doelbinding | null;
  /** Today, YYYY-MM-DD (see `vandaag`). */
  dag: string;
}

const weiger = (reden: string): InzageBesluit => ({ toegestaan: false, reden });

/**
 * ACCESS.md rule 3 and the legal basis of case conferences: a participant sees the detail data of the
 * partners in scope, for purpose `casusoverleg`, while the conference is open and its basis holds.
 * With consent the scope is the governing consent's, from the day it was given through its expiry,
 * until it is withdrawn. With a statute the scope is the partners recorded on the conference at
 * opening, as long as it is open. Decided from the current rows, so a withdrawal counts at once.
 */
export function inzageBesluit({
  overleg,
  deelnemers,
  toestemmingen,
  caller,
  purpose,
  dag,
}: InzageFeiten): InzageBesluit {
  if (purpose !== 'casusoverleg') {
    return weiger('The combined situation of a case conference is shown for purpose casusoverleg only.');
  }
  if (!isDeelnemer(caller, deelnemers)) {
    return weiger('Only participants of the case conference see the resident’s combined situation.');
  }
  if (overleg.geslotenOp !== null) return weiger('The case conference is closed.');
  if (overleg.grondslag === Grondslag.WETTELIJK) {
    return { toegestaan: true, partners: overleg.partners.filter(isSubgraphName) };
  }
  const toestemming = geldendeToestemming(toestemmingen);
  if (!toestemming) return weiger('No consent of the resident is recorded for this case conference.');
  if (toestemming.ingetrokkenOp !== null) return weiger('The resident has withdrawn consent.');
  if (dag < toestemming.gegevenOp) return weiger(`The consent holds from ${toestemming.gegevenOp}.`);
  if (dag > toestemming.verlooptOp) return weiger(`The consent expired after ${toestemming.verlooptOp}.`);
  return { toegestaan: true, partners: toestemming.partners.filter(isSubgraphName) };
}

/** A processing-log line of the conference's activity for its resident. */
export function registreer(ctx: RequestContext, bsn: string, veld: string, toegestaan: boolean): void {
  ctx.audit.record({ activiteit: ACTIVITEITEN.ketenregie, bsn, veld, toegestaan });
}

export function eisBeheerDoel(ctx: RequestContext): void {
  const besluit = beheerDoelBesluit(ctx.purpose);
  if (!besluit.toegestaan) throw forbidden(besluit.reden);
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
  const caller = medewerker(ctx);
  const regie = isRegiehouder(caller, overleg);
  if (regie || (niveau === 'deelname' && isDeelnemer(caller, deelnemers))) return;
  registreer(ctx, overleg.bsn, veld, false);
  throw forbidden(
    niveau === 'regie'
      ? `Only a KLANTMANAGER of ${overleg.organisatie}, which holds the regie, manages this case conference.`
      : 'Only participants of this case conference and the KLANTMANAGERs that hold its regie have access.',
  );
}

/** Work on a closed conference is bad input: it says what is wrong and reveals nothing new. */
export function eisOpen(overleg: Casusoverleg): void {
  if (overleg.geslotenOp !== null) throw badUserInput('The case conference is closed.');
}
