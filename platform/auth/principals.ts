import type { SubgraphName } from '../config';
import { PARTNERS } from '../partners';

/** The role that works with residents' files at a partner (its `casusrol` in `platform/partners.ts`). */
export type Casusrol = (typeof PARTNERS)[number]['casusrol'];

/** Roles of ACCESS.md; `INWONER` is the resident, never an employee's role (see `callerFromClaims`). */
export type Rol = Casusrol | 'ANALIST' | 'PRIVACY_OFFICER' | 'INWONER';

/** The partners' case roles first (KLANTMANAGER, TRAJECTBEGELEIDER, ...), then the others. */
export const ROLES: readonly Rol[] = [
  ...new Set<Rol>(PARTNERS.map((partner) => partner.casusrol)),
  'ANALIST',
  'PRIVACY_OFFICER',
  'INWONER',
];

/** Why a resident (INWONER) is refused anything but their own access report. */
export const ALLEEN_EIGEN_INZAGE =
  'A resident (INWONER) reads their own access report (mijnInzage) and nothing else.';

/** Organisations (`org` claim): the partners' and the region's. */
export type Organisatie = (typeof PARTNERS)[number]['organisaties'][number] | 'regio';

/** Organisations (`org` claim) and the subgraph whose data each one owns; the region owns none. */
export const ORGANISATIONS: Readonly<Record<Exclude<Organisatie, 'regio'>, SubgraphName> & { regio: null }> =
  {
    ...(Object.fromEntries(
      PARTNERS.flatMap((partner) => partner.organisaties.map((org) => [org, partner.name])),
    ) as Record<Exclude<Organisatie, 'regio'>, SubgraphName>),
    regio: null,
  };

/** The verified employee on whose behalf a request runs (claims of ACCESS.md). */
export interface Caller {
  /** `sub`: the employee id. */
  employeeId: string;
  /** `org`: the employee's organisation, e.g. `wi-bhh`. */
  organisation: Organisatie;
  roles: Rol[];
  /** CBS codes of the municipalities the employee works for. */
  gemeenten: string[];
}

/**
 * A resident (role `INWONER`), signed in as a municipality's DigiD sign-in gives it: the `bsn` claim,
 * no organisation, no gemeenten. Their only way into the hub is their own access report.
 */
export interface Resident {
  /** `bsn`: the resident's own BSN (11-proef checked). */
  bsn: string;
  roles: ['INWONER'];
}

/** On whose behalf a request runs: an employee, or a resident (see `isResident`). */
export type Principal = Caller | Resident;

/** Purposes (doelbinding) a request may state. */
export const PURPOSES = [
  'uitvoering',
  'casusoverleg',
  'beleidsinformatie',
  'toezicht',
  'inzageverzoek',
] as const;
export type Doelbinding = (typeof PURPOSES)[number];

export function isRol(value: unknown): value is Rol {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isOrganisatie(value: unknown): value is Organisatie {
  return typeof value === 'string' && Object.hasOwn(ORGANISATIONS, value);
}

export function isDoelbinding(value: unknown): value is Doelbinding {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

/** The organisations whose data lives in a subgraph: its staff are the "own organisation" of rule 1. */
export function organisationsOf(subgraph: SubgraphName): Organisatie[] {
  return (Object.keys(ORGANISATIONS) as Organisatie[]).filter((org) => ORGANISATIONS[org] === subgraph);
}

/**
 * The case role (ACCESS.md) in which an organisation's employees take part in a case conference: the
 * role that works with residents' files there. The region's staff take part in none; ANALIST and
 * PRIVACY_OFFICER are no case roles anywhere.
 */
export const CASUSROLLEN: Readonly<Record<Exclude<Organisatie, 'regio'>, Casusrol> & { regio: null }> = {
  ...(Object.fromEntries(
    PARTNERS.flatMap((partner) => partner.organisaties.map((org) => [org, partner.casusrol])),
  ) as Record<Exclude<Organisatie, 'regio'>, Casusrol>),
  regio: null,
};

/** True when an employee's token carries the case role of their own organisation. */
export function heeftCasusrol(organisation: Organisatie, roles: readonly Rol[]): boolean {
  const rol = CASUSROLLEN[organisation];
  return rol !== null && roles.includes(rol);
}

/** Roles any organisation's employees may hold: they work with no resident's file. */
const ORGANISATION_ROLES: readonly Rol[] = ['ANALIST', 'PRIVACY_OFFICER'];

/**
 * Why an employee's roles do not fit their organisation, or null when they do: a case role belongs to
 * one kind of organisation (a KLANTMANAGER to a municipality, a SCHULDHULPVERLENER to the Stadsbank, ...),
 * and an employee holds only their own organisation's (ACCESS.md, principals).
 */
export function rollenPassenNiet(organisation: Organisatie, roles: readonly Rol[]): string | null {
  const vreemd = roles.filter(
    (rol) => !ORGANISATION_ROLES.includes(rol) && CASUSROLLEN[organisation] !== rol,
  );
  return vreemd.length > 0 ? `role ${vreemd.join('/')} does not belong to ${organisation}` : null;
}

/** Whether a request runs for a resident (role INWONER) rather than an employee. */
export function isResident(principal: Principal): principal is Resident {
  return 'bsn' in principal;
}
