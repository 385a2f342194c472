import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { writeLogRows } from '../audit/log-writer';
import { DATA_SUBJECT_ID_TYPE, pseudonym } from '../audit/pseudonym';
import { uitkeringsorganisatieVan } from '../auth/policy';
import { organisationsOf } from '../auth/principals';
import type { SubgraphName } from '../config';
import { logger } from '../logger';
import { vandaag as amsterdamseDag } from '../dag';
import { runSql } from '../sql';
import { newSpanId, newTraceId } from '../trace-context';
import type { Gebeurtenis } from './gebeurtenis';
import { SIGNAAL_KANAAL } from './meldingen';
import { grondslagGeldt, type Signaalregel } from './regel';
import type { Abonnement, Levering, OnbestelbareBezorging, SignaalTransport } from './transport';

/** Who delivered a signal, in the processing log's actor record: the hub's signal service, not a person. */
export const SIGNAAL_ACTOR = 'signaaldienst';
const SIGNAAL_PROCESSOR = 'urn:twente-ketenhub:signalen';

/** The organisation of the receiving partner that the signal is for (werk-inkomen: by gemeente). */
export function ontvangendeOrganisatie(subgraph: SubgraphName, gemeente: string): string {
  if (subgraph === 'werk-inkomen') return uitkeringsorganisatieVan(gemeente);
  return organisationsOf(subgraph)[0] ?? subgraph;
}

export interface ConsumentOptions {
  orm: MikroORM;
  subgraph: SubgraphName;
  regels: readonly Signaalregel[];
  transport: SignaalTransport;
  pseudonymKey: Buffer;
  /** The consumer's name; default `signalen-<subgraph>`. */
  naam?: string;
  /** Today, ISO date (tests move it); default the real day in Europe/Amsterdam. */
  vandaag?: () => string;
  /** Told of each signal stored, in this process (the benchmark listens; subscriptions hear it via NOTIFY). */
  onSignaal?: (signaal: { id: number; regel: string; gebeurtenis: Gebeurtenis }) => void;
}

/** The consumer's name in the stream and in `signaal_positie`. */
export function consumentNaam(subgraph: SubgraphName): string {
  return `signalen-${subgraph}`;
}

/**
 * Applies the rules of one receiving partner to the stream. A batch is one transaction on the
 * partner's own database: each event id is recorded (a redelivered event is skipped), the signals and
 * their log lines are stored, and the position moves on; so after a crash the consumer resumes where
 * its last commit left it, and nothing is lost or doubled.
 */
export function startConsument(options: ConsumentOptions): Abonnement {
  const naam = options.naam ?? consumentNaam(options.subgraph);
  const regels = options.regels.filter((regel) => regel.ontvanger === options.subgraph);
  const vandaag = options.vandaag ?? amsterdamseDag;
  return options.transport.abonneer(naam, {
    vanaf: async () => {
      const rows = await runSql<{ positie: string }>(
        options.orm.em.fork(),
        `select positie from signaal_positie where consument = ?`,
        [naam],
      );
      return rows[0] ? Number(rows[0].positie) : 0;
    },
    verwerk: async (batch: Levering[]) => {
      const opgeslagen: { id: number; regel: string; gebeurtenis: Gebeurtenis }[] = [];
      const onbestelbaar: OnbestelbareBezorging[] = [];
      await options.orm.em.fork().transactional(async (em) => {
        for (const levering of batch) {
          if ('onbestelbaar' in levering) {
            if (await bewaarOnbestelbaar(em, naam, levering)) onbestelbaar.push(levering);
            continue;
          }
          const { gebeurtenis } = levering;
          const nieuw = await runSql<{ id: string }>(
            em,
            `insert into ontvangen_gebeurtenis (id, consument) values (?, ?) on conflict (consument, id) do nothing returning id`,
            [gebeurtenis.id, naam],
          );
          if (nieuw.length === 0) continue;
          for (const regel of regels) {
            if (regel.bron !== gebeurtenis.bron || regel.soort !== gebeurtenis.soort) continue;
            if (!grondslagGeldt(regel, vandaag())) continue;
            const gemeente = await regel.geldt(em, gebeurtenis);
            if (!gemeente) continue;
            const id = await bewaarSignaal(em, options, regel, gebeurtenis, gemeente);
            if (id !== null) opgeslagen.push({ id, regel: regel.code, gebeurtenis });
          }
        }
        const laatste = batch[batch.length - 1];
        if (laatste) {
          await runSql(
            em,
            `insert into signaal_positie (consument, positie) values (?, ?)
             on conflict (consument) do update set positie = greatest(signaal_positie.positie, excluded.positie)`,
            [naam, laatste.positie],
          );
        }
      });
      for (const { positie, onbestelbaar: o } of onbestelbaar) {
        // Recorded and passed: an operator finds it in onbestelbare_gebeurtenis (README, Signals).
        logger[o.reden === 'ONBEKENDE_SOORT' ? 'warn' : 'error'](
          {
            consument: naam,
            positie,
            onderwerp: o.onderwerp,
            reden: o.reden,
            toelichting: o.toelichting,
            gebeurtenisId: o.gebeurtenisId,
            sha256: o.sha256,
          },
          o.reden === 'ONBEKENDE_SOORT'
            ? 'event of an unknown kind recorded as a dead letter'
            : 'malformed event recorded as a dead letter',
        );
      }
      for (const signaal of opgeslagen) options.onSignaal?.(signaal);
    },
  });
}

/**
 * Records an event the consumer cannot handle, in the batch's transaction, so the position moves past
 * it only together with this record. Without its content: only where it was, why, and its hash.
 * An event of an unknown kind is not marked as received, so it is handled when the stream is read
 * again from before it by a version that knows the kind. False when it was recorded before.
 */
async function bewaarOnbestelbaar(
  em: EntityManager,
  consument: string,
  { positie, onbestelbaar: o }: OnbestelbareBezorging,
): Promise<boolean> {
  const rows = await runSql<{ positie: string }>(
    em,
    `insert into onbestelbare_gebeurtenis
       (consument, positie, onderwerp, reden, toelichting, sha256, gebeurtenis_id, bron, soort)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (consument, positie) do nothing returning positie`,
    [consument, positie, o.onderwerp, o.reden, o.toelichting, o.sha256, o.gebeurtenisId, o.bron, o.soort],
  );
  return rows.length > 0;
}

/** Stores one signal and its processing-log line (the delivery is a processing of the resident's data). */
async function bewaarSignaal(
  em: EntityManager,
  options: ConsumentOptions,
  regel: Signaalregel,
  gebeurtenis: Gebeurtenis,
  gemeente: string,
): Promise<number | null> {
  const rows = await runSql<{ id: number }>(
    em,
    `insert into signaal (gebeurtenis_id, regel, bsn, gemeente, rollen, vastgelegd_op)
     values (?, ?, ?, ?, ?::text[], ?)
     on conflict (gebeurtenis_id, regel) do nothing returning id`,
    [gebeurtenis.id, regel.code, gebeurtenis.bsn, gemeente, regel.rollen, gebeurtenis.vastgelegdOp],
  );
  const id = rows[0]?.id;
  if (id === undefined) return null;
  const traceId = newTraceId();
  const spanId = newSpanId();
  const now = Date.now();
  await writeLogRows(em, [
    {
      actor: [
        traceId,
        spanId,
        SIGNAAL_ACTOR,
        ontvangendeOrganisatie(options.subgraph, gemeente),
        `{${regel.rollen.join(',')}}`,
        'uitvoering',
        now,
      ],
      lines: [
        [
          traceId,
          spanId,
          null,
          'signaleren signaal',
          now,
          now,
          options.subgraph,
          regel.activiteit.id,
          pseudonym(gebeurtenis.bsn, options.pseudonymKey),
          DATA_SUBJECT_ID_TYPE,
          SIGNAAL_PROCESSOR,
          '{signaal}',
          'TOEGESTAAN',
          // No case conference: a signal is delivered outside one.
          null,
        ],
      ],
    },
  ]);
  // Delivered at commit to every replica of this subgraph, whose subscriptions read the stored row.
  await runSql(em, `select pg_notify(?, ?)`, [SIGNAAL_KANAAL, String(id)]);
  return id;
}
