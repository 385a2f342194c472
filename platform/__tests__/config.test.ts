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
      databasePassword: null,
    });
    expect(config.databaseUrl).toBeNull();
    expect(config.allowPrivilegedDatabaseRole).toBe(false);
  });

  it("reads a subgraph's runtime and migration URLs and its runtime role's password", () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/postgres',
      SWB_DATABASE_URL: 'postgres://swb_app@swb-db/swb',
      SWB_MIGRATION_DATABASE_URL: 'postgres://swb_owner@swb-db/swb',
      WERKPLEIN_DATABASE_PASSWORD: 'geheim',
    });
    expect(config.subgraphs.swb).toMatchObject({
      databaseUrl: 'postgres://swb_app@swb-db/swb',
      migrationDatabaseUrl: 'postgres://swb_owner@swb-db/swb',
    });
    expect(config.subgraphs.werkplein.databasePassword).toBe('geheim');
    expect(databaseName('werk-inkomen', 'x_')).toBe('x_werk_inkomen');
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
});
