import { databaseName, loadConfig, subgraphDatabaseUrl } from '../config';

describe('Config: from environment variables with local defaults', () => {
  it('defaults to ports 4000..4005 and local URLs', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphs['werk-inkomen']).toEqual({
      name: 'werk-inkomen',
      port: 4001,
      url: 'http://localhost:4001/graphql',
      databaseUrl: null,
    });
    expect(config.databaseUrl).toBeNull();
  });

  it('derives each subgraph database from DATABASE_URL, unless the subgraph has its own', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/postgres',
      SWB_DATABASE_URL: 'postgres://swb@swb-db/swb',
    });
    expect(subgraphDatabaseUrl(config, 'werk-inkomen')).toBe('postgres://u:p@db:5432/keten_werk_inkomen');
    expect(subgraphDatabaseUrl(config, 'swb')).toBe('postgres://swb@swb-db/swb');
    expect(databaseName('werk-inkomen', 'x_')).toBe('x_werk_inkomen');
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
