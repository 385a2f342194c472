import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config';
import type { Gebeurtenis } from './gebeurtenis';
import { startConsument } from './consument';
import type { Signaalregel } from './regel';
import { Relay } from './relay';
import type { Abonnement, SignaalTransport } from './transport';

export interface SignaaldienstOptions {
  subgraph: SubgraphName;
  /** The partner's own database, as its runtime role. */
  orm: MikroORM;
  transport: SignaalTransport;
  pseudonymKey: Buffer;
  /** The rules whose signals this partner receives; none: it only publishes. */
  regels?: readonly Signaalregel[];
  /** How often the relay looks at the outbox (default 200 ms). */
  relayIntervalMs?: number;
  vandaag?: () => string;
  onSignaal?: (signaal: { id: number; regel: string; gebeurtenis: Gebeurtenis }) => void;
}

/** One partner's part of the signals: the relay of its outbox and, when it receives signals, its consumer. */
export interface Signaaldienst {
  relay: Relay;
  consument: Abonnement | null;
  stop(): Promise<void>;
}

export function startSignaaldienst(options: SignaaldienstOptions): Signaaldienst {
  const relay = new Relay(options.orm, options.subgraph, options.transport, options.relayIntervalMs ?? 200);
  relay.start();
  const regels = options.regels ?? [];
  const consument =
    regels.length > 0
      ? startConsument({
          orm: options.orm,
          subgraph: options.subgraph,
          regels,
          transport: options.transport,
          pseudonymKey: options.pseudonymKey,
          vandaag: options.vandaag,
          onSignaal: options.onSignaal,
        })
      : null;
  return {
    relay,
    consument,
    stop: async () => {
      await Promise.all([relay.stop(), consument?.stop()]);
    },
  };
}
