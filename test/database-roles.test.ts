import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { databaseName, loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import {
  dropDatabase,
  ensureDatabase,
  migrateDatabase,
  openDatabase,
  ormOptions,
  subgraphDatabase as resolveSubgraphDatabase,
  type SubgraphDatabase,
} from '../platform/database';
import { databaseRoles, grantRuntimeRole, provisionDatabase } from '../platform/database-roles';
import { SUBGRAPHS } from '../subgraphs';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { KETENBEELD } from './support/documents';
import type { Gebeurtenis } from '../platform/signalen/gebeurtenis';
import { PostgresTransport } from '../platform/signalen/postgres-transport';
import { openSignaalTransport } from '../platform/signalen/transport-config';
import type { Levering, SignaalTransport } from '../platform/signalen/transport';
import { startTestSignaalstroom, type TestSignaalstroom } from './support/signaalstroom';

/** Runs statements on one connection; each statement stands alone (autocommit). */
async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

const ONE_LOG_LINE = `
  insert into verwerking (trace_id, span_id, name, start_time, end_time, status, resource,
    processing_activity_id, data_subject_id, data_subject_id_type, velden, uitkomst)
  values (repeat('a', 32), repeat('b', 16), 'test', 0, 0, 'Ok', 'test', 'test', repeat('c', 64), 'bsn-hmac-sha256',
    '{naam}', 'TOEGESTAAN')`;

const ONE_ACTOR = `
  insert into verwerking_actor (trace_id, span_id, medewerker, organisatie, rollen, doelbinding, tijdstip)
  values (repeat('a', 32), repeat('b', 16), 'test', 'swb', '{TRAJECTBEGELEIDER}', 'uitvoering', 0)`;

function namespacedDatabase(name: string): string {
  return `keten_${process.env.TEST_DATABASE_NAMESPACE || 't'}_rollen_${name}`;
}

function testServer(): string {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the integration tests through jest');
  return server;
}

describe('Database roles: the services answer as a runtime role that cannot rewrite the processing log', () => {
  let hub: TestHub;
  const bsns = fixtureBsns(2, 800);

  beforeAll(async () => {
    hub = await startTestHub('rollen', (orms) => insertResidents(orms, 'GM0164', bsns));
    // A read through the gateway writes log lines at every partner.
    const read = await hub.query(KETENBEELD, { bsn: bsns[0] });
    expect(read.errors).toBeUndefined();
  });
  afterAll(() => hub?.close());

  it('serves every subgraph through the gateway as its runtime role, on every connection it holds', async () => {
    const admin = await connect(testServer());
    try {
      for (const name of SUBGRAPH_NAMES) {
        const database = databaseName(name, `keten_${process.env.TEST_DATABASE_NAMESPACE || 't'}_rollen_`);
        const runtime = databaseRoles(database).runtime;
        const [row] = await hub.orms[name].em
          .getConnection()
          .execute<{ role: string; session: string }[]>(
            'select current_user as role, session_user as session',
          );
        expect(row).toEqual({ role: runtime, session: runtime });
        const { rows } = await admin.query<{ usename: string }>(
          'select distinct usename from pg_stat_activity where datname = $1',
          [database],
        );
        expect(rows).toEqual([{ usename: runtime }]);
      }
    } finally {
      await admin.end();
    }
  });

  it.each(SUBGRAPH_NAMES.map((name) => [name]))(
    "lets %s's runtime role INSERT and SELECT the log, and nothing else on it",
    async (name) => {
      const runtime = await connect(hub.databases[name].url);
      const refused = async (statement: string, reason: RegExp): Promise<void> => {
        await expect(runtime.query(statement)).rejects.toThrow(reason);
      };
      try {
        const before = await runtime.query<{ count: number }>(
          'select count(*)::int as count from verwerking',
        );
        expect(before.rows[0]?.count).toBeGreaterThan(0);
        await runtime.query(ONE_LOG_LINE);
        await runtime.query(ONE_ACTOR);
        const after = await runtime.query<{ count: number }>('select count(*)::int as count from verwerking');
        expect(after.rows[0]?.count).toBe((before.rows[0]?.count ?? 0) + 1);

        for (const table of ['verwerking', 'verwerking_actor']) {
          // Refused for want of privileges, before any trigger is reached.
          const denied = new RegExp(`permission denied for table ${table}`);
          await refused(`update ${table} set trace_id = trace_id`, denied);
          await refused(`delete from ${table}`, denied);
          await refused(`truncate ${table}`, denied);
          await refused(`alter table ${table} add column verborgen text`, /must be owner of table/);
          await refused(
            `alter table ${table} disable trigger ${table}_append_only`,
            /must be owner of table/,
          );
          await refused(`alter table ${table} disable trigger all`, /must be owner of table/);
          await refused(`drop table ${table}`, /must be owner of table/);
        }
        await refused(`set session_replication_role = replica`, /permission denied to set parameter/);
        await refused('create table eigen (id int)', /permission denied for schema public/);
        await refused(
          'create temporary table eigen (id int)',
          /permission denied to create temporary tables/,
        );
        await refused(
          'create function eigen() returns int language sql as $$ select 1 $$',
          /permission denied for schema public/,
        );
        await refused('delete from mikro_orm_migrations', /permission denied for table mikro_orm_migrations/);
        const { rows } = await runtime.query<{ superuser: boolean; owns: number }>(
          `select rolsuper as superuser,
                  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relowner = r.oid) as owns
             from pg_roles r where rolname = current_user`,
        );
        expect(rows).toEqual([{ superuser: false, owns: 0 }]);
      } finally {
        await runtime.end();
      }
    },
  );

  it('lets the runtime role record a used proof and sweep expired ones, never read, rewrite or delete a live one', async () => {
    const runtime = await connect(hub.databases.swb.url);
    const live = randomBytes(16).toString('hex');
    const expired = randomBytes(16).toString('hex');
    try {
      await runtime.query(`insert into gebruikt_bewijs (jti, verloopt_op) values ($1, $2), ($3, $4)`, [
        live,
        Date.now() + 7000,
        expired,
        Date.now() - 2 * 60 * 1000,
      ]);
      // A second use of a proof breaks the primary key, whoever records it.
      await expect(
        runtime.query(`insert into gebruikt_bewijs (jti, verloopt_op) values ($1, 0)`, [live]),
      ).rejects.toThrow(/gebruikt_bewijs_pkey/);
      await expect(runtime.query('update gebruikt_bewijs set verloopt_op = 0')).rejects.toThrow(
        /permission denied for table gebruikt_bewijs/,
      );
      await expect(runtime.query('truncate gebruikt_bewijs')).rejects.toThrow(
        /permission denied for table gebruikt_bewijs/,
      );
      // Its policies show and let go only rows expired a minute ago: a live proof's record stays.
      const seen = await runtime.query<{ jti: string }>(
        'select jti from gebruikt_bewijs where jti = any($1)',
        [[live, expired]],
      );
      expect(seen.rows).toEqual([{ jti: expired }]);
      const deleted = await runtime.query('delete from gebruikt_bewijs where jti = any($1)', [
        [live, expired],
      ]);
      expect(deleted.rowCount).toBe(1);
      const [row] = await hub.asOwner<{ jti: string }>(
        'swb',
        'select jti from gebruikt_bewijs where jti = any($1)',
        [[live, expired]],
      );
      expect(row).toEqual({ jti: live });
      const { rows } = await runtime.query<{ bypasses: boolean }>(
        'select rolbypassrls as bypasses from pg_roles where rolname = current_user',
      );
      expect(rows).toEqual([{ bypasses: false }]);
    } finally {
      await runtime.end();
    }
  });

  it('lets the runtime role write the domain tables its service needs, but not empty them', async () => {
    const runtime = await connect(hub.databases.swb.url);
    try {
      await runtime.query('begin');
      const updated = await runtime.query(`update traject set resultaat = 'OPLEIDING' where bsn = $1`, [
        bsns[0],
      ]);
      expect(updated.rowCount).toBe(1);
      const inserted = await runtime.query(
        `insert into traject (bsn, gemeente, soort, startdatum) values ($1, 'GM0164', 'DIAGNOSE', date '2025-01-01')`,
        [bsns[1]],
      );
      expect(inserted.rowCount).toBe(1);
      await runtime.query('rollback');
      await expect(runtime.query('truncate traject')).rejects.toThrow(/permission denied for table traject/);
    } finally {
      await runtime.end();
    }
  });
});

describe('Database roles: provisioning, checks at start and grants for tables of later migrations', () => {
  const server = testServer;
  const password = (): string => randomBytes(12).toString('hex');
  const created: string[] = [];

  /** A fresh database with its roles, as the hub makes them. */
  async function provision(name: string, options: { reset?: boolean; runtimePassword?: string } = {}) {
    const database = namespacedDatabase(name);
    if (!created.includes(database)) created.push(database);
    const runtimePassword = options.runtimePassword ?? password();
    const urls = await provisionDatabase(server(), database, runtimePassword, {
      reset: options.reset ?? true,
    });
    return { database, roles: databaseRoles(database), runtimePassword, ...urls };
  }

  const subgraphDatabase = (
    urls: { url: string; migrationUrl: string | null },
    allowPrivilegedRole = false,
  ): SubgraphDatabase => ({ subgraph: 'swb', ...urls, allowPrivilegedRole });

  /** The URL of a database as the test server's administrative user. */
  function adminUrl(database: string): string {
    const url = new URL(server());
    url.pathname = `/${database}`;
    return url.toString();
  }

  afterAll(async () => {
    for (const database of created) await dropDatabase(adminUrl(database));
  });

  it('refuses to answer requests as a superuser or as the owner, in one line, unless explicitly allowed', async () => {
    const fresh = await provision('bevoorrecht');
    await migrateDatabase(subgraphDatabase(fresh), SUBGRAPHS.swb);
    const cases: [string, string, RegExp][] = [
      ['a superuser', adminUrl(fresh.database), /PostgreSQL role "\w+": it is a superuser/],
      ['the owner', fresh.migrationUrl, /role "\w+_owner": it owns the processing log/],
    ];
    for (const [, url, reason] of cases) {
      const attempt = openDatabase(subgraphDatabase({ url, migrationUrl: null }), SUBGRAPHS.swb);
      await expect(attempt).rejects.toThrow(reason);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toMatch(
        /^swb: refusing to answer requests as PostgreSQL role .*SWB_DATABASE_URL must name/,
      );
      expect(message).not.toContain('\n');
      const allowed = await openDatabase(subgraphDatabase({ url, migrationUrl: null }, true), SUBGRAPHS.swb);
      await allowed.close();
    }
    const runtime = await openDatabase(
      subgraphDatabase({ url: fresh.url, migrationUrl: null }),
      SUBGRAPHS.swb,
    );
    await runtime.close();
  });

  it('says in one line that DATABASE_URL needs an administrative user when it is not one', async () => {
    const fresh = await provision('geen_beheerder');
    const config = loadConfig({
      DATABASE_URL: fresh.url,
      DATABASE_PREFIX: `${fresh.database}_`,
      SWB_DATABASE_PASSWORD: password(),
    });
    const attempt = resolveSubgraphDatabase(config, 'swb');
    await expect(attempt).rejects.toThrow(
      /^Could not create \w+ and its roles \(permission denied.*\): DATABASE_URL needs an administrative user/,
    );
    expect(await attempt.catch((error: Error) => error.message)).not.toContain('\n');
  });

  it('refuses a runtime role that may rewrite the log, and a schema with migrations pending', async () => {
    const fresh = await provision('achter');
    const behind = openDatabase(subgraphDatabase({ url: fresh.url, migrationUrl: null }), SUBGRAPHS.swb);
    await expect(behind).rejects.toThrow(
      /^swb: \d+ migration\(s\) pending, from Migration\w+: run them as the database's owner first/,
    );
    await migrateDatabase(subgraphDatabase(fresh), SUBGRAPHS.swb);
    const owner = await connect(fresh.migrationUrl);
    try {
      await owner.query(`grant delete on verwerking to ${fresh.roles.runtime}`);
      await expect(
        openDatabase(subgraphDatabase({ url: fresh.url, migrationUrl: null }), SUBGRAPHS.swb),
      ).rejects.toThrow(/it may UPDATE, DELETE or TRUNCATE the processing log/);
      // The next migration run puts the grants right again.
      await migrateDatabase(subgraphDatabase(fresh), SUBGRAPHS.swb);
      const orm = await openDatabase(subgraphDatabase({ url: fresh.url, migrationUrl: null }), SUBGRAPHS.swb);
      await orm.close();
    } finally {
      await owner.end();
    }
  });

  it('grants what later migrations add: domain tables, trigger-maintained aggregates, append-only tables', async () => {
    const fresh = await provision('later');
    await migrateDatabase(subgraphDatabase(fresh), SUBGRAPHS.swb);
    const owner = await connect(fresh.migrationUrl);
    try {
      // What another change's migration might add: a monthly aggregate kept by a trigger on traject,
      // and a report table that is append-only like the log.
      await owner.query(`
        create table traject_per_maand (maand date primary key, aantal int not null);
        create function traject_per_maand_bij() returns trigger language plpgsql as $$
          begin
            insert into traject_per_maand values (date_trunc('month', new.startdatum), 1)
              on conflict (maand) do update set aantal = traject_per_maand.aantal + 1;
            return new;
          end $$;
        create trigger traject_per_maand after insert on traject
          for each row execute function traject_per_maand_bij();
        create table lograpport (id bigserial primary key, inhoud text not null);
        create trigger lograpport_append_only before update or delete on lograpport
          for each row execute function logboek_append_only();`);
    } finally {
      await owner.end();
    }
    await grantRuntimeRole(fresh.migrationUrl, fresh.roles.runtime);

    const runtime = await connect(fresh.url);
    try {
      await runtime.query(
        `insert into traject (bsn, gemeente, soort, startdatum) values ('900000017', 'GM0164', 'DIAGNOSE', date '2025-03-14')`,
      );
      expect((await runtime.query('select maand::text, aantal from traject_per_maand')).rows).toEqual([
        { maand: '2025-03-01', aantal: 1 },
      ]);
      await runtime.query(`insert into lograpport (inhoud) values ('maandrapport')`);
      await expect(runtime.query('update lograpport set inhoud = inhoud')).rejects.toThrow(
        /permission denied for table lograpport/,
      );
      await expect(runtime.query('delete from lograpport')).rejects.toThrow(
        /permission denied for table lograpport/,
      );
    } finally {
      await runtime.end();
    }
  });

  it('provisions again idempotently: roles outlive a dropped database and take the new password', async () => {
    const first = await provision('herhaald');
    await migrateDatabase(subgraphDatabase(first), SUBGRAPHS.swb);
    const again = await provision('herhaald', { reset: false, runtimePassword: password() });
    await migrateDatabase(subgraphDatabase(again), SUBGRAPHS.swb);
    await dropDatabase(adminUrl(first.database));
    const afresh = await provision('herhaald', { reset: false });
    await migrateDatabase(subgraphDatabase(afresh), SUBGRAPHS.swb);
    const orm = await openDatabase(subgraphDatabase({ url: afresh.url, migrationUrl: null }), SUBGRAPHS.swb);
    try {
      const [row] = await orm.em.getConnection().execute<{ role: string }[]>('select current_user as role');
      expect(row?.role).toBe(first.roles.runtime);
    } finally {
      await orm.close();
    }
    const admin = await connect(server());
    try {
      const { rows } = await admin.query<{ rolname: string; rolcanlogin: boolean }>(
        'select rolname, rolcanlogin from pg_roles where rolname = any($1) order by rolname',
        [[first.roles.owner, first.roles.runtime]],
      );
      expect(rows).toEqual([
        { rolname: first.roles.owner, rolcanlogin: false },
        { rolname: first.roles.runtime, rolcanlogin: true },
      ]);
    } finally {
      await admin.end();
    }
  });

  it('takes over a database made before these roles, whose tables the administrative user owns', async () => {
    const database = namespacedDatabase('ouder');
    created.push(database);
    await dropDatabase(adminUrl(database));
    await ensureDatabase(adminUrl(database));
    const old = await MikroORM.init(ormOptions(adminUrl(database), SUBGRAPHS.swb));
    await old.getMigrator().up();
    await old.close();

    const taken = await provision('ouder', { reset: false });
    await migrateDatabase(subgraphDatabase(taken), SUBGRAPHS.swb);
    const admin = await connect(adminUrl(database));
    try {
      const { rows } = await admin.query<{ owner: string }>(
        `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c
           join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`,
      );
      expect(rows).toEqual([{ owner: taken.roles.owner }]);
    } finally {
      await admin.end();
    }
    const orm = await openDatabase(subgraphDatabase({ url: taken.url, migrationUrl: null }), SUBGRAPHS.swb);
    await orm.close();
  });
});

describe('Database roles of the signal stream: publishing and consuming as a runtime role that cannot rewrite it', () => {
  const namespace = process.env.TEST_DATABASE_NAMESPACE || 't';
  const gebeurtenis = (bsn: string): Gebeurtenis => ({
    id: randomUUID(),
    bron: 'werkplein',
    soort: 'PLAATSING_GESTART',
    bsn,
    gemeente: 'GM0164',
    datum: '2026-11-02',
    vastgelegdOp: new Date().toISOString(),
  });
  const [eersteBsn, tweedeBsn] = fixtureBsns(2, 810) as [string, string];
  let stroom: TestSignaalstroom;
  const dropped: string[] = [];

  /** Publishes one event and consumes the stream from its start until it is there. */
  async function publiceerEnLees(transport: SignaalTransport, bsn: string): Promise<Levering[]> {
    const event = gebeurtenis(bsn);
    await transport.publiceer([event]);
    // Again, as a relay that crashed before marking it would: taken once, with INSERT alone.
    await transport.publiceer([event]);
    const gelezen: Levering[] = [];
    let klaar!: () => void;
    const binnen = new Promise<void>((resolve) => (klaar = resolve));
    const abonnement = transport.abonneer(`rollen-${randomBytes(4).toString('hex')}`, {
      vanaf: () => Promise.resolve(0),
      verwerk: (batch) => {
        gelezen.push(...batch);
        if (batch.some((l) => 'gebeurtenis' in l && l.gebeurtenis.id === event.id)) klaar();
        return Promise.resolve();
      },
    });
    const deadline = setTimeout(() => klaar(), 30_000);
    try {
      await binnen;
    } finally {
      clearTimeout(deadline);
      await abonnement.stop();
    }
    expect(gelezen.filter((l) => 'gebeurtenis' in l && l.gebeurtenis.id === event.id)).toEqual([
      { positie: expect.any(Number), gebeurtenis: event },
    ]);
    return gelezen;
  }

  function streamDatabaseUrl(database: string): string {
    const url = new URL(testServer());
    url.pathname = `/${database}`;
    return url.toString();
  }

  beforeAll(async () => {
    stroom = await startTestSignaalstroom('rollen_signalen', { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await stroom?.close();
    for (const database of dropped) await dropDatabase(streamDatabaseUrl(database));
  });

  it('lets the runtime role publish and consume, and neither UPDATE, DELETE, TRUNCATE nor ALTER the stream', async () => {
    await publiceerEnLees(stroom.transport, eersteBsn);
    const runtime = await connect(stroom.url);
    const refused = async (statement: string, reason: RegExp): Promise<void> => {
      await expect(runtime.query(statement)).rejects.toThrow(reason);
    };
    try {
      const denied = /permission denied for table signaalstroom/;
      await refused(`update signaalstroom set gebeurtenis = '{}'::jsonb`, denied);
      await refused('delete from signaalstroom', denied);
      await refused('truncate signaalstroom', denied);
      await refused('alter table signaalstroom add column verborgen text', /must be owner of table/);
      await refused('alter table signaalstroom disable trigger all', /must be owner of table/);
      await refused('drop table signaalstroom', /must be owner of table/);
      await refused('alter sequence signaalstroom_positie_seq restart with 1', /must be owner of sequence/);
      await refused('set session_replication_role = replica', /permission denied to set parameter/);
      await refused('create table eigen (id int)', /permission denied for schema public/);
      const { rows } = await runtime.query<{ superuser: boolean; owns: number; events: number }>(
        `select rolsuper as superuser,
                (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'public' and c.relowner = r.oid) as owns,
                (select count(*)::int from signaalstroom) as events
           from pg_roles r where rolname = current_user`,
      );
      expect(rows).toEqual([{ superuser: false, owns: 0, events: 1 }]);
    } finally {
      await runtime.end();
    }
  });

  it('refuses a stream connection that could rewrite it, unless allowed, and a stream without its table', async () => {
    const admin = streamDatabaseUrl(`keten_${namespace}_rollen_signalen_stroom`);
    const superuser = new PostgresTransport(admin);
    await expect(superuser.controleer()).rejects.toThrow(
      /Refusing the signal stream as PostgreSQL role "[^"]+": it is a superuser/,
    );
    await superuser.sluit();
    const allowed = new PostgresTransport(admin, { allowPrivilegedRole: true });
    await expect(allowed.controleer()).resolves.toBeUndefined();
    await allowed.sluit();
    await expect(openSignaalTransport(loadConfig({ SIGNALEN_DATABASE_URL: admin }), null)).rejects.toThrow(
      /it is a superuser/,
    );

    const leeg = `keten_${namespace}_rollen_signalen_leeg`;
    dropped.push(leeg);
    const { url } = await provisionDatabase(testServer(), leeg, randomBytes(12).toString('hex'), {
      reset: true,
    });
    await expect(openSignaalTransport(loadConfig({ SIGNALEN_DATABASE_URL: url }), null)).rejects.toThrow(
      /The signal stream has no table signaalstroom: its owner makes it/,
    );
  });

  it('makes <prefix>signalen where the hub administers the server, and the table with an owner URL beside a runtime URL', async () => {
    const prefix = `keten_${namespace}_rollen_`;
    const database = `${prefix}signalen`;
    dropped.push(database);
    const password = randomBytes(12).toString('hex');
    const roles = databaseRoles(database);
    const config = loadConfig({
      DATABASE_URL: testServer(),
      DATABASE_PREFIX: prefix,
      SIGNALEN_DATABASE_PASSWORD: password,
    });
    const beheerd = await openSignaalTransport(config, config.databaseUrl, { reset: true });
    if (!beheerd) throw new Error('no transport');
    try {
      expect(beheerd.naam).toBe('postgres');
      await publiceerEnLees(beheerd, eersteBsn);
    } finally {
      await beheerd.sluit();
    }
    const admin = await connect(streamDatabaseUrl(database));
    try {
      const { rows } = await admin.query<Record<string, unknown>>(
        `select pg_get_userbyid(c.relowner) as owner,
                has_table_privilege($1, c.oid, 'INSERT') as insert,
                has_table_privilege($1, c.oid, 'SELECT') as select,
                has_table_privilege($1, c.oid, 'UPDATE') as update,
                has_table_privilege($1, c.oid, 'DELETE') as delete,
                has_table_privilege($1, c.oid, 'TRUNCATE') as truncate
           from pg_class c where c.oid = 'signaalstroom'::regclass`,
        [roles.runtime],
      );
      expect(rows).toEqual([
        { owner: roles.owner, insert: true, select: true, update: false, delete: false, truncate: false },
      ]);
    } finally {
      await admin.end();
    }

    // A partner's deployment: runtime and owner URLs given; the owner makes the table of a new database.
    const eigen = `keten_${namespace}_rollen_signalen_eigen`;
    dropped.push(eigen);
    const given = await provisionDatabase(testServer(), eigen, password, { reset: true });
    const gegeven = await openSignaalTransport(
      loadConfig({ SIGNALEN_DATABASE_URL: given.url, SIGNALEN_MIGRATION_DATABASE_URL: given.migrationUrl }),
      null,
    );
    if (!gegeven) throw new Error('no transport');
    try {
      await publiceerEnLees(gegeven, tweedeBsn);
    } finally {
      await gegeven.sluit();
    }
  });
});
