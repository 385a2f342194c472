import type { MigrationObject } from '@mikro-orm/core';
import type { ClassType, PubSub } from 'type-graphql';
import { logboekCasusoverlegMigration } from './audit/logboek-casusoverleg.migration';
import { logboekRapportageMigration } from './audit/logboek-rapportage.migration';
import { logboekMigration } from './audit/logboek.migration';
import { gebruiktBewijsMigration } from './auth/gebruikt-bewijs.migration';
import type { LogboekRegister } from './audit/logboek.resolver';
import { logboekSchema } from './audit/logboek.schema';
import type { Toegangsregels } from './auth/policy';
import { Signaalmeldingen } from './signalen/meldingen';
import type { Signaalregel } from './signalen/regel';
import { casusinzageReferenceType, resolveCasusinzageReference } from './casusinzage';
import type { SubgraphName } from './config';
import type { EntityClass } from './database';
import {
  gemeenteReferenceType,
  inwonerReferenceType,
  resolveGemeenteRepresentation,
  resolveInwonerRepresentation,
} from './federated-types';
import { buildFederatedSchema, type ReferenceResolver } from './federation';
import type { SubgraphModule } from './subgraph';

/**
 * The processing log's migrations, which every partner's database runs (in its own order), with the
 * record of used proofs that the log's statement writes as well.
 */
export const LOGBOEK_MIGRATIES = {
  logboek: logboekMigration,
  rapportage: logboekRapportageMigration,
  casusoverleg: logboekCasusoverlegMigration,
  gebruiktBewijs: gebruiktBewijsMigration,
};

/** Where a partner places the processing log's resolvers among its own; by default after them. */
export const LOGBOEK = Symbol('logboek');

/** A migration class (its class name is its name, as `migration:create` writes it) or a named one. */
export type Migratie = MigrationObject['class'] | MigrationObject;

/**
 * The shared entities as a partner that does not own them declares them: `Inwoner` and `Gemeente`
 * by their keys, `Casusinzage` by its consent grant. One call per partner, before its resolvers,
 * because each subgraph builds its own schema and extends its own classes.
 */
export function gedeeldeTypen() {
  // Made in this order, as the partners' schemas have always printed them.
  const Casusinzage = casusinzageReferenceType();
  const Gemeente = gemeenteReferenceType();
  const Inwoner = inwonerReferenceType();
  return { Inwoner, Gemeente, Casusinzage };
}
export type GedeeldeTypen = ReturnType<typeof gedeeldeTypen>;

/** What is a partner's own; `definePartner` adds what every partner has. */
export interface PartnerDefinitie {
  name: SubgraphName;
  /** Entities of its own database. */
  entities: EntityClass[];
  /** In the order they run: the partner's own and the log's (`LOGBOEK_MIGRATIES`); a landed one is never edited. */
  migrations: Migratie[];
  /** Its access rules (ACCESS.md rules 1 and 2). */
  regels: Toegangsregels;
  /** Its register of processing activities (ACCESS.md: part of the subgraph). */
  register: LogboekRegister;
  /** Its resolvers; `LOGBOEK` marks where the log's go, else they follow. */
  resolvers: (ClassType | typeof LOGBOEK)[];
  /**
   * For a partner that extends the shared entities: its classes of them (`gedeeldeTypen()`). They are
   * listed to reach the schema (no query returns them; the gateway reaches them through `_entities`),
   * and resolved from the gateway's representation.
   */
  gedeeld?: GedeeldeTypen;
  /** For the owner of residents and municipalities: how it resolves them itself. */
  referenceResolvers?: Record<string, ReferenceResolver<never>>;
  /** Types of its own that no query returns, listed to reach the schema. */
  orphanedTypes?: ClassType[];
  /** The signal rules whose signals this partner receives (see platform/signalen). */
  signaalregels?: readonly Signaalregel[];
  /** Whether it serves the log's entry queries (`logboek`, `mijnInzage`, `gebruiksrapportage`): one partner does. */
  logboekIngang?: boolean;
}

/** `werk-inkomen` → `werkInkomen`: the partner's field on the federated log types. */
export function logboekVeld(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function migrationObject(migratie: Migratie): MigrationObject {
  return typeof migratie === 'function' ? { name: migratie.name, class: migratie } : migratie;
}

/**
 * A partner subgraph from what is its own: adds the processing log (its field on the log types, read
 * with its own register), case conference detail data (`Casusinzage`), and for a partner that does not
 * own them the shared entities with their reference resolvers. The resolver order is the schema's
 * order, so a partner's printed SDL stays as it was.
 */
export function definePartner(definitie: PartnerDefinitie): SubgraphModule {
  const { name, regels, register, gedeeld } = definitie;
  if (regels.subgraph !== name) {
    throw new Error(`Partner ${name}: its access rules are those of ${regels.subgraph}`);
  }
  return {
    name,
    entities: definitie.entities,
    migrations: definitie.migrations.map(migrationObject),
    regels,
    register,
    signaalregels: definitie.signaalregels,
    // Subscriptions hear of new signals through the pubSub; without one given (composition), nothing is heard.
    buildSchema: (pubSub: PubSub = new Signaalmeldingen()) => {
      const logboek = logboekSchema({ veld: logboekVeld(name), register, ingang: definitie.logboekIngang });
      const geplaatst = definitie.resolvers.includes(LOGBOEK)
        ? definitie.resolvers
        : [...definitie.resolvers, LOGBOEK];
      const [first, ...rest] = geplaatst.flatMap((resolver): ClassType[] =>
        typeof resolver === 'symbol' ? logboek.resolvers : [resolver],
      );
      if (!first) throw new Error(`Partner ${name} has no resolvers`);
      return buildFederatedSchema(
        {
          resolvers: [first, ...rest],
          pubSub,
          ...((gedeeld || definitie.orphanedTypes) && {
            orphanedTypes: [
              ...(gedeeld ? [gedeeld.Inwoner, gedeeld.Gemeente, gedeeld.Casusinzage, ...logboek.types] : []),
              ...(definitie.orphanedTypes ?? []),
            ],
          }),
        },
        {
          ...(gedeeld && {
            Inwoner: resolveInwonerRepresentation,
            Gemeente: resolveGemeenteRepresentation,
          }),
          ...definitie.referenceResolvers,
          Casusinzage: resolveCasusinzageReference,
          ...logboek.referenceResolvers,
        },
      );
    },
  };
}
