/**
 * `npm run bench:signalen`: latency of signals from the commit of a change to the receiving partner's
 * inbox, at steady rates, on the PostgreSQL stream and (when NATS_URL or 127.0.0.1:4222 answers) on NATS
 * JetStream. Events are written with `schrijfGebeurtenis` inside a transaction of their own, as a change
 * does, so the gateway's cost is not measured; the relay and consumer are the product's. Writes the
 * "Signals" section of bench/RESULTS.md.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { format, resolveConfig } from 'prettier';
import { dropDatabase, ensureDatabase, ormOptions } from '../platform/database';
import { schrijfGebeurtenis } from '../platform/signalen/gebeurtenis';
import { startConsument } from '../platform/signalen/consument';
import { NatsTransport } from '../platform/signalen/nats-transport';
import { PostgresTransport } from '../platform/signalen/postgres-transport';
import { Relay } from '../platform/signalen/relay';
import { onbestelbaarMigration } from '../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../platform/signalen/signalen.migration';
import { provisionSignaalstroom } from '../platform/signalen/stroom-database';
import { runSql } from '../platform/sql';
import type { SignaalTransport } from '../platform/signalen/transport';
import { benchDatabaseUrl, DEFAULT_RESULTS, DEFAULT_SERVER } from './options';
import { quantile } from './stats';

const RATES = [20, 100, 250, 500, 1000];
const STEP_SECONDS = 8;
/** The relay's interval in service (startSignaaldienst's default). */
const RELAY_INTERVAL_MS = 200;
/** A rate is sustained when, at the end of its step, no more than this many seconds of events wait: the relay waits 0.2 s, a consumer's batch about as long to commit. */
const BACKLOG_SECONDS = 2;
const DRAIN_MS = 15_000;
const SECTION = '## Signals';

interface Step {
  rate: number;
  sent: number;
  offered: number;
  backlogAtEnd: number;
  p50: number;
  p99: number;
  max: number;
  sustained: boolean;
}

async function openPartner(url: string): Promise<MikroORM> {
  await dropDatabase(url);
  await ensureDatabase(url);
  const orm = await MikroORM.init(
    ormOptions(
      url,
      { entities: [], migrations: [signalenMigration, onbestelbaarMigration] },
      { discovery: { warnWhenNoEntities: false } },
    ),
  );
  await orm.getMigrator().up();
  return orm;
}

async function count(orm: MikroORM, sql: string): Promise<number> {
  const rows = await runSql<{ n: string }>(orm.em.fork(), sql);
  return Number(rows[0]?.n ?? 0);
}

async function runTransport(naam: string, transport: SignaalTransport): Promise<Step[]> {
  const bron = await openPartner(benchDatabaseUrl(`keten_signalbench_${naam}_bron`));
  const ontvanger = await openPartner(benchDatabaseUrl(`keten_signalbench_${naam}_ontvanger`));
  const relay = new Relay(bron, 'werkplein', transport, RELAY_INTERVAL_MS);
  relay.start();
  // No rules: every event is recorded in the inbox's receipt table, none becomes a signal.
  const consument = startConsument({
    orm: ontvanger,
    subgraph: 'werk-inkomen',
    regels: [],
    transport,
    pseudonymKey: randomBytes(32),
  });
  const steps: Step[] = [];
  try {
    for (const rate of RATES) {
      const begin = await count(bron, 'select coalesce(max(positie), 0) as n from uitgaande_gebeurtenis');
      const start = performance.now();
      const total = rate * STEP_SECONDS;
      let sent = 0;
      const pending = new Set<Promise<unknown>>();
      // Open loop: each event is due at its own time, whether or not earlier ones have committed.
      while (sent < total) {
        const due = start + (sent * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const change = bron.em.fork().transactional((em) =>
          schrijfGebeurtenis(em, {
            soort: 'PLAATSING_GESTART',
            bsn: '999990019',
            gemeente: 'GM0153',
            datum: '2026-12-01',
          }),
        );
        pending.add(change);
        void change.finally(() => pending.delete(change));
        sent += 1;
      }
      await Promise.all(pending);
      const offered = (sent * 1000) / (performance.now() - start);
      const ontvangenNu = await count(ontvanger, 'select count(*) as n from ontvangen_gebeurtenis');
      const verstuurd = await count(bron, 'select count(*) as n from uitgaande_gebeurtenis');
      const backlogAtEnd = verstuurd - ontvangenNu;
      const deadline = Date.now() + DRAIN_MS;
      while ((await count(ontvanger, 'select count(*) as n from ontvangen_gebeurtenis')) < verstuurd) {
        if (Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const ids = await runSql<{ id: string; vastgelegd: string }>(
        bron.em.fork(),
        `select id, extract(epoch from vastgelegd_op) * 1000 as vastgelegd from uitgaande_gebeurtenis where positie > ?`,
        [begin],
      );
      const aankomst = new Map(
        (
          await runSql<{ id: string; ontvangen: string }>(
            ontvanger.em.fork(),
            `select id, extract(epoch from ontvangen_op) * 1000 as ontvangen from ontvangen_gebeurtenis`,
          )
        ).map((row) => [row.id, Number(row.ontvangen)]),
      );
      const latencies = ids.flatMap((row) => {
        const at = aankomst.get(row.id);
        return at === undefined ? [] : [at - Number(row.vastgelegd)];
      });
      const step: Step = {
        rate,
        sent,
        offered,
        backlogAtEnd,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        max: quantile(latencies, 1),
        sustained:
          latencies.length === sent && offered >= rate * 0.95 && backlogAtEnd <= rate * BACKLOG_SECONDS,
      };
      steps.push(step);
      console.log(
        `${naam} ${rate}/s: offered ${offered.toFixed(0)}/s, backlog at end ${backlogAtEnd}, p50 ${step.p50.toFixed(0)} ms, p99 ${step.p99.toFixed(0)} ms, ${step.sustained ? 'sustained' : 'not sustained'}`,
      );
      if (!step.sustained) break;
    }
  } finally {
    await consument.stop();
    await relay.stop();
    await bron.close();
    await ontvanger.close();
  }
  return steps;
}

function table(naam: string, steps: Step[]): string {
  const highest = steps.filter((step) => step.sustained).at(-1);
  return [
    `**${naam}**: highest rate sustained ${highest ? `${highest.rate} events/s` : 'none of those tried'}.`,
    '',
    '| rate (events/s) | offered | backlog at end | p50 ms | p99 ms | max ms | sustained |',
    '| --------------: | ------: | -------------: | -----: | -----: | -----: | --------- |',
    ...steps.map(
      (s) =>
        `| ${s.rate} | ${s.offered.toFixed(0)} | ${s.backlogAtEnd} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.max.toFixed(0)} | ${s.sustained ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

async function natsUrl(): Promise<string | null> {
  const url = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  try {
    const probe = await NatsTransport.connect(url, { stream: 'SIGNALBENCH', prefix: 'signalbench' });
    await probe.verwijderStroom();
    await probe.sluit();
    return url;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const sections: string[] = [];
  const stroomUrl = benchDatabaseUrl('keten_signalbench_stroom');
  // As the services run it: the stream's runtime role, its table made by the owner.
  const { url } = await provisionSignaalstroom(
    process.env.DATABASE_URL || DEFAULT_SERVER,
    'keten_signalbench_stroom',
    randomBytes(12).toString('hex'),
    { reset: true },
  );
  const postgres = new PostgresTransport(url);
  try {
    sections.push(table('PostgreSQL stream', await runTransport('postgres', postgres)));
  } finally {
    await postgres.sluit();
    await dropDatabase(stroomUrl);
  }
  const nats = await natsUrl();
  if (nats) {
    const transport = await NatsTransport.connect(nats, { stream: 'SIGNALBENCH', prefix: 'signalbench' });
    try {
      sections.push(table('NATS JetStream', await runTransport('nats', transport)));
    } finally {
      await transport.verwijderStroom();
      await transport.sluit();
    }
  } else {
    sections.push('**NATS JetStream**: not measured (no server at NATS_URL or 127.0.0.1:4222).');
  }
  for (const naam of ['postgres', 'nats']) {
    for (const rol of ['bron', 'ontvanger'])
      await dropDatabase(benchDatabaseUrl(`keten_signalbench_${naam}_${rol}`));
  }
  const text = [
    SECTION,
    '',
    `<!-- Written by \`npm run bench:signalen\`; \`npm run bench\` keeps it. -->`,
    '',
    `Run ${startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} on ${cpus().length} cores, shared with other work. Latency runs from \`uitgaande_gebeurtenis.vastgelegd_op\` (written in the change's transaction) to \`ontvangen_gebeurtenis.ontvangen_op\` (written in the consumer's transaction), both by the same PostgreSQL clock. Events are written with \`schrijfGebeurtenis\` in a transaction each, open loop, not through the gateway (\`npm run bench\` measures that path); relay every ${RELAY_INTERVAL_MS} ms as in service, one relay and one consumer, all in one Node process. Each rate runs ${STEP_SECONDS} s; it counts as sustained when the writer kept up and at most ${BACKLOG_SECONDS} s of events waited at the end of the step. The steps stop at the first rate not sustained.`,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
  const previous = await readFile(DEFAULT_RESULTS, 'utf8');
  const at = previous.search(new RegExp(`^${SECTION}\\s*$`, 'm'));
  const before = at < 0 ? `${previous.trimEnd()}\n\n` : previous.slice(0, at);
  const afterStart = at < 0 ? -1 : previous.slice(at + SECTION.length).search(/^## /m);
  const after = afterStart < 0 ? '' : previous.slice(at + SECTION.length + afterStart);
  const whole = `${before}${text}${after ? `\n${after}` : ''}`;
  const config = await resolveConfig(DEFAULT_RESULTS);
  await writeFile(DEFAULT_RESULTS, await format(whole, { ...config, filepath: DEFAULT_RESULTS }));
  console.log(`wrote the Signals section of ${DEFAULT_RESULTS}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
