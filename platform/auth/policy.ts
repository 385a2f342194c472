import type { SubgraphName } from '../config';
import { PARTNERS } from '../partners';
import {
  type Principal,
  ALLEEN_EIGEN_INZAGE,
  isResident,
  organisationsOf,
  type Doelbinding,
  type Organisatie,
  type Rol,
} from './principals';

/**
 * How much of a partner's data a field shows: `detail` (the partner's own files), `keten` (what a
 * municipality may see of the services it commissioned), `signaal` (only that something exists, and
 * its kind or phase).
 */
export type Niveau = 'detail' | 'keten' | 'signaal';

/** A subgraph's own access rules (ACCESS.md rules 1 and 2), enforced on its own data. */
export interface Toegangsregels {
  subgraph: SubgraphName;
  /** Roles of the own organisation(s) that see all of its data about residents of their gemeenten. */
  medewerkers: Rol[];
  /** What a KLANTMANAGER sees without consent, of residents with a benefit of their organisation. */
  ketenzicht: Niveau[];
  /** What employees of the other partners see. */
  partnerzicht: Niveau[];
}

export type Besluit = { toegestaan: true } | { toegestaan: false; reden: string };

/** Roles that work with residents' files at one of the partners. */
const PARTNER_ROLES: Rol[] = PARTNERS.map((partner) => partner.casusrol);

/** The municipal organisation that pays benefits in a gemeente (the regie of the chain). */
export function uitkeringsorganisatieVan(gemeente: string): Organisatie {
  return gemeente === 'GM0153' ? 'wi-enschede' : 'wi-bhh';
}

export interface Betrokkene {
  /** Organisation with a running benefit for the resident, as werk-inkomen states it (chain view). */
  uitkeringsorganisatie?: string | null;
}

const weiger = (reden: string): Besluit => ({ toegestaan: false, reden });

/**
 * Decides whether the caller may see data of `niveau` about a resident, from the caller's claims and
 * purpose and the resident's chain relation only: never from the data itself, so a refusal reveals
 * nothing. Filtering to the caller's gemeenten happens in the queries.
 */
export function beslis(
  caller: Principal,
  purpose: Doelbinding | null,
  regels: Toegangsregels,
  niveau: Niveau,
  betrokkene: Betrokkene = {},
): Besluit {
  // A resident sees no partner's files through the hub, not even their own: only who looked at them.
  if (isResident(caller)) return weiger(ALLEEN_EIGEN_INZAGE);
  if (!purpose) return weiger('Personal data requires a stated purpose (X-Doelbinding header).');
  if (purpose !== 'uitvoering') {
    return weiger(
      purpose === 'casusoverleg'
        ? 'Purpose casusoverleg opens personal data only through a case conference with consent.'
        : `Purpose ${purpose} does not permit access to personal data.`,
    );
  }
  const eigenOrganisatie = (organisationsOf(regels.subgraph) as string[]).includes(caller.organisation);
  if (eigenOrganisatie && caller.roles.some((rol) => regels.medewerkers.includes(rol)))
    return { toegestaan: true };

  if (caller.roles.includes('KLANTMANAGER') && caller.organisation.startsWith('wi-') && !eigenOrganisatie) {
    if (!regels.ketenzicht.includes(niveau)) {
      return weiger(`A KLANTMANAGER sees ${regels.subgraph} data only as far as the chain view allows.`);
    }
    if (betrokkene.uitkeringsorganisatie !== caller.organisation) {
      return weiger('The chain view covers only residents with a benefit of your organisation.');
    }
    return { toegestaan: true };
  }
  if (
    !eigenOrganisatie &&
    caller.roles.some((rol) => PARTNER_ROLES.includes(rol)) &&
    regels.partnerzicht.includes(niveau)
  ) {
    return { toegestaan: true };
  }
  return weiger(
    `Role ${caller.roles.join('/')} of ${caller.organisation} may not see this ${regels.subgraph} data.`,
  );
}
