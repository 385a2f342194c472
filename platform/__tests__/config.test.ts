import { databaseName, loadConfig } from '../config';

describe('Config: from environment variables with local defaults', () => {
  it('defaults to ports 4000..4005 and local URLs', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphs['werk-inkomen']).toEqual({
      name: 'werk-inkomen',
      port: 4001,
      url: 'http://localhost:4001/graphql',
      databaseUrl: null,
      migrationDatabaseUrl: null,
      sessionDatabaseUrl: null,
      databasePassword: null,
      tls: null,
    });
    expect(config.databaseUrl).toBeNull();
    expect(config.allowPrivilegedDatabaseRole).toBe(false);
  });

  it("reads a subgraph's runtime, migration and session URLs and its runtime role's password", () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/postgres',
      SWB_DATABASE_URL: 'postgres://swb_app@swb-db/swb',
      SWB_MIGRATION_DATABASE_URL: 'postgres://swb_owner@swb-db/swb',
      SWB_SESSION_DATABASE_URL: 'postgres://swb_app@swb-db-primary/swb',
      WERKPLEIN_DATABASE_PASSWORD: 'geheim',
    });
    expect(config.subgraphs.swb).toMatchObject({
      databaseUrl: 'postgres://swb_app@swb-db/swb',
      migrationDatabaseUrl: 'postgres://swb_owner@swb-db/swb',
      sessionDatabaseUrl: 'postgres://swb_app@swb-db-primary/swb',
    });
    expect(config.subgraphs.werkplein.databasePassword).toBe('geheim');
    expect(databaseName('werk-inkomen', 'x_')).toBe('x_werk_inkomen');
  });

  it("reads the signals' stream: NATS, or a PostgreSQL stream as its runtime role, its owner and its password", () => {
    expect(loadConfig({}).signalen).toEqual({
      natsUrl: null,
      databaseUrl: null,
      migrationDatabaseUrl: null,
      databasePassword: null,
    });
    expect(
      loadConfig({
        SIGNALEN_DATABASE_URL: 'postgres://stroom_runtime@db/stroom',
        SIGNALEN_MIGRATION_DATABASE_URL: 'postgres://stroom_owner@db/stroom',
        SIGNALEN_DATABASE_PASSWORD: 'geheim',
      }).signalen,
    ).toEqual({
      natsUrl: null,
      databaseUrl: 'postgres://stroom_runtime@db/stroom',
      migrationDatabaseUrl: 'postgres://stroom_owner@db/stroom',
      databasePassword: 'geheim',
    });
  });

  it('allows a privileged database role only when asked, and never in production', () => {
    expect(loadConfig({ DATABASE_ALLOW_PRIVILEGED_ROLE: 'true' }).allowPrivilegedDatabaseRole).toBe(true);
    expect(loadConfig({ DATABASE_ALLOW_PRIVILEGED_ROLE: '1' }).allowPrivilegedDatabaseRole).toBe(false);
    expect(
      loadConfig({ DATABASE_ALLOW_PRIVILEGED_ROLE: 'true', NODE_ENV: 'production' })
        .allowPrivilegedDatabaseRole,
    ).toBe(false);
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ SWB_PORT: 'abc' })).toThrow('SWB_PORT must be a port number, got "abc"');
  });

  it('serves metrics on the service port unless METRICS_PORT names one of its own', () => {
    expect(loadConfig({}).metricsPort).toBeNull();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow('METRICS_PORT must be a port number, got "x"');
  });

  it('reads one pseudonym key per partner, and refuses the former shared key, a malformed key or two alike', () => {
    const swb = 'ab'.repeat(32);
    const werkplein = 'cd'.repeat(32);
    const config = loadConfig({ SWB_PSEUDONYM_KEY: swb, WERKPLEIN_PSEUDONYM_KEY: werkplein });
    expect(config.auth.pseudonymKeys).toEqual({
      swb: Buffer.from(swb, 'hex'),
      werkplein: Buffer.from(werkplein, 'hex'),
    });
    expect(() => loadConfig({ PSEUDONYM_KEY: swb })).toThrow(/no longer read: each partner has its own key/);
    expect(() => loadConfig({ SCHULDHULP_PSEUDONYM_KEY: 'abc' })).toThrow(
      'SCHULDHULP_PSEUDONYM_KEY must be 64 hexadecimal characters',
    );
    expect(() =>
      loadConfig({ SWB_PSEUDONYM_KEY: swb, WERKCENTRUM_PSEUDONYM_KEY: swb.toUpperCase() }),
    ).toThrow('WERKCENTRUM_PSEUDONYM_KEY equals the key of swb: each partner needs its own key');
  });

  it('reads the supergraph source: the composed file, polled every 10 s, or a URL, never plain HTTP from afar in production', () => {
    const defaults = loadConfig({}).supergraph;
    expect(defaults).toEqual({
      file: expect.stringMatching(/schema\/supergraph\.graphql$/),
      url: null,
      pollIntervalMs: 10_000,
    });
    expect(loadConfig({ SUPERGRAPH_POLL_INTERVAL_MS: '0' }).supergraph.pollIntervalMs).toBe(0);
    expect(() => loadConfig({ SUPERGRAPH_POLL_INTERVAL_MS: 'soon' })).toThrow('SUPERGRAPH_POLL_INTERVAL_MS');
    const url = 'http://schema.example.nl/supergraph.graphql';
    expect(loadConfig({ SUPERGRAPH_URL: url }).supergraph.url).toBe(url);
    expect(() => loadConfig({ SUPERGRAPH_URL: url, NODE_ENV: 'production' })).toThrow(
      'SUPERGRAPH_URL must be an https URL',
    );
    expect(
      loadConfig({ SUPERGRAPH_URL: 'http://localhost:8080/s', NODE_ENV: 'production' }).supergraph.url,
    ).toBe('http://localhost:8080/s');
  });

  it("reads a partner's mutual TLS for the gateway: certificate with key, and only with an https URL", () => {
    const https = { SWB_URL: 'https://swb.partner.nl/graphql' };
    expect(loadConfig({}).subgraphs.swb.tls).toBeNull();
    expect(
      loadConfig({
        ...https,
        SWB_TLS_CA_FILE: 'ca.pem',
        SWB_TLS_CERT_FILE: 'c.pem',
        SWB_TLS_KEY_FILE: 'k.pem',
      }).subgraphs.swb.tls,
    ).toEqual({ caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem' });
    expect(() => loadConfig({ ...https, SWB_TLS_CERT_FILE: 'c.pem' })).toThrow(
      'SWB_TLS_CERT_FILE and SWB_TLS_KEY_FILE go together',
    );
    expect(() => loadConfig({ SWB_TLS_CA_FILE: 'ca.pem' })).toThrow('SWB_TLS_* need an https SWB_URL');
  });

  it("reads a subgraph's own TLS: certificate and key, a client CA only beside them", () => {
    expect(loadConfig({}).serverTls).toBeNull();
    expect(
      loadConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem', TLS_CLIENT_CA_FILE: 'ca.pem' }).serverTls,
    ).toEqual({
      certFile: 'c.pem',
      keyFile: 'k.pem',
      clientCaFile: 'ca.pem',
    });
    expect(() => loadConfig({ TLS_CLIENT_CA_FILE: 'ca.pem' })).toThrow(
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    );
  });
});
