import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { databaseName, envPrefix, loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import { databaseRoles } from '../platform/database-roles';
import { readSupergraph } from '../gateway/supergraph';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown>;
}

describe('docker-compose.yml: runs the hub as separate containers', () => {
  let services: Record<string, Service>;

  /**
   * The configuration a service's code reads when the user sets nothing optional: compose's defaults
   * (`${VAR:-default}`) filled in; the keys are the user's to supply.
   */
  function configOf(service: string) {
    const env = Object.fromEntries(
      Object.entries(services[service]?.environment ?? {})
        .filter(([name]) => !name.endsWith('_KEY'))
        .map(([name, value]) => [name, value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    return loadConfig(env);
  }

  beforeAll(async () => {
    const file = await readFile(join(__dirname, '..', 'docker-compose.yml'), 'utf8');
    services = (parse(file, { merge: true }) as { services: Record<string, Service> }).services;
  });

  it("passes the web client's OIDC client to the gateway, off until the user sets it", () => {
    const env = services.gateway?.environment ?? {};
    expect(env.WEB_OIDC_ISSUER).toBe('${WEB_OIDC_ISSUER:-}');
    expect(env.WEB_OIDC_CLIENT_ID).toBe('${WEB_OIDC_CLIENT_ID:-}');
    expect(env.WEB_OIDC_SCOPE).toBe('${WEB_OIDC_SCOPE:-openid profile}');
    expect(configOf('gateway').auth.webOidc).toBeNull();
  });

  it("serves every service's metrics on a port of its own that it does not publish", () => {
    for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
      const metricsPort = configOf(name).metricsPort;
      expect({ name, metricsPort }).toEqual({ name, metricsPort: 9464 });
      for (const published of services[name]?.ports ?? []) expect(published).not.toContain('9464');
    }
  });

  it('counts rate limits in the Redis service it starts the gateway after', () => {
    const config = configOf('gateway').rateLimits;
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(services.redis?.image).toMatch(/^valkey\/valkey:\d/);
    expect(JSON.stringify(services.gateway)).toContain('"redis":{"condition":"service_healthy"}');
  });

  it('has a service for every subgraph named in the supergraph, and the gateway and PostgreSQL', async () => {
    const supergraph = await readSupergraph();
    const graphs = [...supergraph.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
    expect(graphs.sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const name of graphs)
      expect(services[name as string]?.command).toEqual(['node', `dist/subgraphs/${name}/main.js`]);
    expect(services.gateway?.command).toEqual(['node', 'dist/gateway/main.js']);
    expect(services.postgres).toBeDefined();
  });

  it('gives every subgraph a port that the gateway URL for it agrees with', () => {
    const gatewayEnv = services.gateway?.environment ?? {};
    for (const name of SUBGRAPH_NAMES) {
      const env = services[name]?.environment ?? {};
      const port = configOf(name).subgraphs[name].port;
      expect(env[`${envPrefix(name)}_PORT`]).toBe(String(port));
      expect(gatewayEnv[`${envPrefix(name)}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(configOf('gateway').subgraphs[name].url).toBe(`http://${name}:${port}/graphql`);
      expect(Object.keys(services.gateway?.depends_on ?? {})).toContain(name);
    }
  });

  it('lets the seed job alone create the databases and roles, with the administrative password', () => {
    const seed = services.seed?.environment ?? {};
    expect(seed.DATABASE_URL).toBe(
      'postgres://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/postgres',
    );
    for (const [service, definition] of Object.entries(services)) {
      if (service === 'seed' || service === 'postgres') continue;
      expect(JSON.stringify(definition.environment ?? {})).not.toContain('POSTGRES_PASSWORD');
    }
    for (const name of SUBGRAPH_NAMES) {
      const variable = `${envPrefix(name)}_DATABASE_PASSWORD`;
      expect(seed[variable]).toBe(`\${${variable}:?set ${variable}}`);
      // The subgraphs wait for it: their schema is migrated and granted before they start (and for the
      // signals' stream).
      expect(services[name]?.depends_on).toEqual({
        seed: { condition: 'service_completed_successfully' },
        nats: { condition: 'service_healthy' },
      });
    }
  });

  it('carries the early-warning signals on its NATS service, JetStream on a volume', () => {
    const nats = services.nats;
    expect(nats?.command).toEqual(expect.arrayContaining(['-js', '-sd', '/data']));
    expect(nats?.volumes).toEqual(['natsdata:/data']);
    for (const name of SUBGRAPH_NAMES) {
      expect(configOf(name).signalen.natsUrl).toBe('nats://nats:4222');
      // NATS wins: no subgraph holds a connection to a PostgreSQL stream, let alone as its owner.
      expect(configOf(name).signalen).toMatchObject({ databaseUrl: null, migrationDatabaseUrl: null });
    }
  });

  it('connects every subgraph as the runtime role the seed job made for it, and never as the owner', () => {
    const seed = loadConfig(services.seed?.environment ?? {});
    for (const name of SUBGRAPH_NAMES) {
      const env = services[name]?.environment ?? {};
      const database = databaseName(name, seed.databasePrefix);
      const variable = `${envPrefix(name)}_DATABASE_PASSWORD`;
      expect(env[`${envPrefix(name)}_DATABASE_URL`]).toBe(
        `postgres://${databaseRoles(database).runtime}:\${${variable}:?set ${variable}}@postgres:5432/${database}`,
      );
      // Without an owner's or an administrative connection the subgraph neither migrates nor makes roles.
      expect(env.DATABASE_URL).toBeUndefined();
      expect(env[`${envPrefix(name)}_MIGRATION_DATABASE_URL`]).toBeUndefined();
    }
  });

  it('gives every subgraph its own proof and pseudonym keys, the gateway every proof key, all werk-inkomen’s grant key', () => {
    const werkInkomenPort = configOf('werk-inkomen').subgraphs['werk-inkomen'].port;
    for (const name of SUBGRAPH_NAMES) {
      expect(configOf(name).auth.toegangJwksUrl).toBe(
        `http://werk-inkomen:${werkInkomenPort}/.well-known/jwks.json`,
      );
      // Only its own: no subgraph sees another partner's key, nor the former shared one.
      const keys = Object.keys(services[name]?.environment ?? {}).filter((key) => key.endsWith('_KEY'));
      const own = [`${envPrefix(name)}_PROOF_KEY`, `${envPrefix(name)}_PSEUDONYM_KEY`];
      expect(keys.sort()).toEqual(own.sort());
      for (const variable of own) {
        expect(services[name]?.environment?.[variable]).toBe(`\${${variable}:?set ${variable}}`);
      }
    }
    const gatewayKeys = Object.keys(services.gateway?.environment ?? {}).filter((key) =>
      key.endsWith('_KEY'),
    );
    // Beside the proof keys, the key under which residents are counted (hashed) in the rate-limit store.
    expect(gatewayKeys.sort()).toEqual(
      [...SUBGRAPH_NAMES.map((name) => `${envPrefix(name)}_PROOF_KEY`), 'RATE_LIMIT_KEY'].sort(),
    );
    for (const service of ['seed', 'postgres']) {
      expect(Object.keys(services[service]?.environment ?? {}).join()).not.toMatch(/_KEY/);
    }
  });

  it('runs every service of the hub in production, failing closed, unless the user asks for development', () => {
    for (const service of ['gateway', ...SUBGRAPH_NAMES]) {
      expect(services[service]?.environment?.NODE_ENV).toBe('${NODE_ENV:-production}');
    }
    expect(services['werk-inkomen']?.environment?.WERK_INKOMEN_SIGNING_KEY_FILE).toBe(
      '${WERK_INKOMEN_SIGNING_KEY_FILE:-}',
    );
  });

  it('lets the user point the gateway at another supergraph, polled as the code does by default', () => {
    const env = services.gateway?.environment ?? {};
    expect(env.SUPERGRAPH_URL).toBe('${SUPERGRAPH_URL:-}');
    expect(env.SUPERGRAPH_FILE).toBe('${SUPERGRAPH_FILE:-}');
    expect(configOf('gateway').supergraph).toEqual(loadConfig({}).supergraph);
  });

  it('runs trusted documents only in production unless the user allows texts, and keeps field usage on a volume', () => {
    const env = services.gateway?.environment ?? {};
    expect(env.ALLOW_ARBITRARY_DOCUMENTS).toBe('${ALLOW_ARBITRARY_DOCUMENTS:-}');
    expect(configOf('gateway').gateway.allowArbitraryDocuments).toBe(false);
    expect(configOf('gateway').gateway.fieldUsageDir).toBe('/app/.data/field-usage');
    expect((services.gateway as { volumes?: string[] }).volumes).toContain(
      'fieldusage:/app/.data/field-usage',
    );
  });

  it('publishes the gateway on the port it listens on', () => {
    const port = configOf('gateway').gatewayPort;
    expect(services.gateway?.ports).toContain(`${port}:${port}`);
  });

  it("contains no password: the user supplies POSTGRES_PASSWORD and the runtime roles' passwords", () => {
    expect(services.postgres?.environment?.POSTGRES_PASSWORD).toBe(
      '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}',
    );
    for (const definition of Object.values(services)) {
      for (const [variable, value] of Object.entries(definition.environment ?? {})) {
        if (variable.endsWith('_PASSWORD')) expect(value).toBe(`\${${variable}:?set ${variable}}`);
      }
    }
  });
});
