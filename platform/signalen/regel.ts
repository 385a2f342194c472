import type { EntityManager } from '@mikro-orm/postgresql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import type { Rol } from '../auth/principals';
import type { SubgraphName } from '../config';
import type { Gebeurtenis, GebeurtenisSoort } from './gebeurtenis';

/**
 * A signal rule: an event of one partner that, with what the receiving partner holds itself, is a
 * signal for some of its employees. The receiving partner decides on its own data; nothing of its files
 * goes back to the source.
 */
export interface Signaalregel {
  /** Stable code, stored with each signal. */
  code: string;
  /** What the inbox shows: that there is a signal and from which partner, never what happened. */
  omschrijving: string;
  bron: SubgraphName;
  soort: GebeurtenisSoort;
  ontvanger: SubgraphName;
  /** The roles of the receiving organisation that get it (ACCESS.md): no one else sees it. */
  rollen: Rol[];
  /** The processing activity of the receiver's register that delivering it is, with its legal basis. */
  activiteit: Verwerkingsactiviteit;
  /** First day the legal basis no longer holds (ISO date), null while it holds. */
  grondslagVervallenPer: string | null;
  /**
   * The gemeente of the receiver's own file when the event is a signal for this resident, else null.
   * Runs in the consumer's transaction, on the receiver's database only.
   */
  geldt(em: EntityManager, gebeurtenis: Gebeurtenis): Promise<string | null>;
}

/** Whether a rule's legal basis holds on a day (ISO date). */
export function grondslagGeldt(regel: Pick<Signaalregel, 'grondslagVervallenPer'>, dag: string): boolean {
  return regel.grondslagVervallenPer === null || dag < regel.grondslagVervallenPer;
}
