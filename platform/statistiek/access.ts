import type { Besluit } from '../auth/policy';
import type { Doelbinding, Rol, Principal } from '../auth/principals';
import { forbidden } from '../errors';

/** The role that queries statistics (ACCESS.md: ANALIST, regional dashboards, statistics only). */
export const STATISTIEK_ROL: Rol = 'ANALIST';

/** The purpose statistics serve. */
export const STATISTIEK_DOEL: Doelbinding = 'beleidsinformatie';

/**
 * Statistics are for an ANALIST stating purpose beleidsinformatie, of any organisation and for any
 * gemeente (they are about no one). Case workers and privacy officers have their own purposes, and
 * figures of their own region are not part of them.
 */
export function statistiekBesluit(caller: Principal, purpose: Doelbinding | null): Besluit {
  if (!(caller.roles as readonly Rol[]).includes(STATISTIEK_ROL)) {
    return {
      toegestaan: false,
      reden: `Statistics are for the role ${STATISTIEK_ROL}; role ${caller.roles.join('/') || 'none'} may not query them.`,
    };
  }
  if (purpose !== STATISTIEK_DOEL) {
    return {
      toegestaan: false,
      reden: `Statistics serve purpose ${STATISTIEK_DOEL}; state it in the X-Doelbinding header${purpose ? ` (not ${purpose})` : ''}.`,
    };
  }
  return { toegestaan: true };
}

/** FORBIDDEN with the reason unless the caller may query statistics. */
export function assertStatistiekToegang(caller: Principal, purpose: Doelbinding | null): void {
  const besluit = statistiekBesluit(caller, purpose);
  if (!besluit.toegestaan) throw forbidden(besluit.reden);
}
