import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { envPrefix, SUBGRAPH_NAMES, loadConfig, type SubgraphName } from '../../platform/config';
import {
  onSqlStatement,
  ormOptions,
  ownerUrls,
  subgraphDatabase,
  type SubgraphDatabase,
} from '../../platform/database';
import { startHub, type HubSignalenOptions, type RunningHub } from '../../hub/start-hub';
import { generateSigningKey, ISSUER_ALGORITHM, type SigningKey } from '../../platform/auth/keys';
import type { UserTokenPolicy } from '../../platform/auth/tokens';
import type { WebSignIn } from '../../gateway/web-client';
import type { SupergraphEvent, SupergraphSource } from '../../gateway/supergraph';
import type { ClientTls, ServerTls } from '../../platform/tls';
import { signEmployeeToken, signResidentToken } from '../../platform/auth/local-tokens';
import { keyResolver } from '../../platform/auth/tokens';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_RATE_LIMITS,
  LOCAL_ISSUER,
  type AuthConfig,
  type RateLimitConfig,
} from '../../platform/config';
import { isResident, type Principal } from '../../platform/auth/principals';
import { PERSONAS, type Persona } from './personas';
import { SUBGRAPHS } from '../../subgraphs';

export interface TestHub extends RunningHub {
  /** Each subgraph's database: its runtime URL (what the services use) and its owner's URL. */
  databases: Record<SubgraphName, SubgraphDatabase>;
  /** The owner's connection of each database, for bulk loads. */
  databaseUrls: Record<SubgraphName, string>;
  /** The subgraphs' own ORMs, connected as the runtime roles. */
  orms: Record<SubgraphName, MikroORM>;
  /** Runs one statement as a database's owner, for what the runtime role may not do (the test's set-up). */
  asOwner<T = Record<string, unknown>>(
    subgraph: SubgraphName,
    statement: string,
    params?: unknown[],
  ): Promise<T[]>;
  /**
   * Sends a GraphQL document to the gateway over HTTP, by default as a KLANTMANAGER of wi-bhh for
   * purpose `uitvoering`; `as: null` sends no token, `purpose: null` no purpose.
   */
  query(
    document: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLResponse>;
  /** A bearer token of the test issuer for an employee or a resident (10 minutes, or until `expiresAt`, epoch seconds). */
  token(caller: Principal, expiresAt?: number): Promise<string>;
  /** The public keys of the test issuer, for a gateway in another process that must trust it. */
  issuerJwks: SigningKey['publicJwks'];
  /** Each subgraph's own pseudonym key, generated for this hub. */
  pseudonymKeys: Record<SubgraphName, Buffer>;
  /** Counts the SQL statements each subgraph sends while `work` runs. */
  countSql(work: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
}

export interface QueryOptions {
  as?: Persona | Principal | null;
  purpose?: string | null;
  headers?: Record<string, string>;
}

export interface TestHubOptions {
  /** Where the gateway reaches a subgraph (a recording hop in between, say). */
  routeSubgraph?: (name: SubgraphName, url: string) => string;
  /** The runtime connection a subgraph serves with, from the one made for it (a hop that can be cut). */
  routeDatabase?: (name: SubgraphName, url: string) => string | undefined;
  /** How long the gateway waits for a subgraph. */
  upstreamTimeoutMs?: number;
  /** The web client's sign-in, given the test issuer's key (default none). */
  signIn?: (issuer: SigningKey) => WebSignIn | null;
  /** Another identity provider than the test issuer (an OIDC provider the test runs). */
  userTokens?: UserTokenPolicy;
  /** Subgraphs that serve HTTPS (mutual TLS with a client CA), and how the gateway reaches them. */
  subgraphTls?: Partial<Record<SubgraphName, ServerTls>>;
  partnerTls?: Partial<Record<SubgraphName, ClientTls>>;
  /** Where the gateway reads its supergraph (default the composed file, looked at every 10 s). */
  supergraph?: SupergraphSource;
  /** Told what became of each supergraph the gateway found. */
  onSupergraph?: (event: SupergraphEvent) => void;
  /** Requests per caller and organisation (default the hub's defaults, in memory). */
  rateLimits?: RateLimitConfig;
  /** The hub's keys and identity settings (default: from the environment, keys in memory). */
  auth?: AuthConfig;
  /** Run documents that are not registered (default true, as in development). */
  allowArbitraryDocuments?: boolean;
  /** Where the gateway records field usage (default none). */
  fieldUsageDir?: string;
  /** Services that serve `/metrics` on a port of their own (0: a free one); default on their own port. */
  metricsPorts?: Partial<Record<SubgraphName | 'gateway', number>>;
  /** Early-warning signals on this transport (default none). */
  signalen?: HubSignalenOptions;
}

export interface GraphQLResponse {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Runs `work` with an ORM per subgraph connected as its database's owner. */
async function asOwners(
  databases: Record<SubgraphName, SubgraphDatabase>,
  work: (orms: Record<SubgraphName, MikroORM>) => Promise<void>,
): Promise<void> {
  const orms = {} as Record<SubgraphName, MikroORM>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      const url = databases[name].migrationUrl;
      if (!url) throw new Error(`no owner connection for ${name}`);
      orms[name] = await MikroORM.init(ormOptions(url, SUBGRAPHS[name], { pool: { min: 0, max: 2 } }));
    }
    await work(orms);
  } finally {
    await Promise.all(Object.values(orms).map((orm) => orm.close()));
  }
}

/**
 * Databases of the tests are named `keten_<namespace>_<name>_*`: `TEST_DATABASE_NAMESPACE` (default `t`)
 * keeps test runs of several checkouts on one server apart.
 */
function testDatabasePrefix(name: string): string {
  const namespace = process.env.TEST_DATABASE_NAMESPACE || 't';
  if (!/^[a-z0-9_]+$/.test(namespace)) throw new Error('TEST_DATABASE_NAMESPACE takes a-z, 0-9 and _');
  return `keten_${namespace}_${name}_`;
}

/**
 * Fresh databases `keten_<namespace>_<name>_*` on the test server, made as `npm start` makes them (an
 * owner and a runtime role each, passwords fresh per run), and the hub on free ports, serving as the
 * runtime roles. `beforeListen` loads the test's data as the owners, as `npm run seed` does: it gets
 * ORMs connected as the owners, and the owners' URLs.
 */
export async function startTestHub(
  name: string,
  beforeListen?: (
    orms: Record<SubgraphName, MikroORM>,
    databaseUrls: Record<SubgraphName, string>,
  ) => Promise<void>,
  options: TestHubOptions = {},
): Promise<TestHub> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the integration tests through jest');
  const passwords = Object.fromEntries(
    SUBGRAPH_NAMES.map((subgraph) => [
      `${envPrefix(subgraph)}_DATABASE_PASSWORD`,
      randomBytes(12).toString('hex'),
    ]),
  );
  const config = loadConfig({
    DATABASE_URL: server,
    DATABASE_PREFIX: testDatabasePrefix(name),
    ...passwords,
  });
  const databases = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (subgraph) => [
        subgraph,
        await subgraphDatabase(config, subgraph, { reset: true }),
      ]),
    ),
  ) as Record<SubgraphName, SubgraphDatabase>;
  const databaseUrls = ownerUrls(databases);
  for (const subgraph of SUBGRAPH_NAMES) {
    const runtime = options.routeDatabase?.(subgraph, databases[subgraph].url);
    if (runtime) databases[subgraph] = { ...databases[subgraph], url: runtime };
  }
  const ports = { gateway: 0, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) } as Record<
    SubgraphName | 'gateway',
    number
  >;
  // The tests' own identity provider: a key in memory, trusted by this hub only.
  const issuer = await generateSigningKey('test-issuer', ISSUER_ALGORITHM);
  const pseudonymKeys = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, randomBytes(32)])) as Record<
    SubgraphName,
    Buffer
  >;
  const hub = await startHub({
    databases,
    pseudonymKeys,
    ports,
    host: '127.0.0.1',
    routeSubgraph: options.routeSubgraph,
    upstreamTimeoutMs: options.upstreamTimeoutMs,
    rateLimits: options.rateLimits ?? { ...DEFAULT_RATE_LIMITS, redisUrl: null, residentKey: null },
    auth: options.auth,
    beforeListen: beforeListen && (() => asOwners(databases, (owners) => beforeListen(owners, databaseUrls))),
    userTokens: options.userTokens ?? {
      keys: keyResolver({ jwks: issuer.publicJwks }),
      issuer: LOCAL_ISSUER,
      audience: DEFAULT_AUDIENCE,
    },
    signIn: options.signIn?.(issuer) ?? null,
    supergraph: options.supergraph,
    onSupergraph: options.onSupergraph,
    subgraphTls: options.subgraphTls,
    partnerTls: options.partnerTls,
    allowArbitraryDocuments: options.allowArbitraryDocuments ?? true,
    fieldUsageDir: options.fieldUsageDir ?? null,
    metricsPorts: options.metricsPorts,
    signalen: options.signalen ?? null,
  });
  const token = (caller: Principal, expiresAt?: number): Promise<string> => {
    const ttl = expiresAt ?? '10m';
    return isResident(caller)
      ? signResidentToken(issuer, caller.bsn, { ttl })
      : signEmployeeToken(issuer, caller, { ttl });
  };
  const orms = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].orm])) as Record<
    SubgraphName,
    MikroORM
  >;
  return {
    ...hub,
    databases,
    databaseUrls,
    orms,
    token,
    issuerJwks: issuer.publicJwks,
    async asOwner<T>(subgraph: SubgraphName, statement: string, params: unknown[] = []) {
      const client = new Client({ connectionString: databaseUrls[subgraph] });
      await client.connect();
      try {
        return (await client.query(statement, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    pseudonymKeys,
    async query(document, variables, { as = 'klantmanagerBhh', purpose = 'uitvoering', headers = {} } = {}) {
      const caller = typeof as === 'string' ? PERSONAS[as] : as;
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(caller ? { authorization: `Bearer ${await token(caller)}` } : {}),
          ...(purpose ? { 'x-doelbinding': purpose } : {}),
          ...headers,
        },
        body: JSON.stringify({ query: document, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body };
    },
    async countSql(work) {
      const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
      const stops = SUBGRAPH_NAMES.map((n) => onSqlStatement(orms[n], () => (counts[n] += 1)));
      try {
        await work();
      } finally {
        stops.forEach((stop) => stop());
      }
      return counts;
    },
  };
}
