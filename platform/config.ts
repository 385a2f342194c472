import { join } from 'node:path';
import { SCHEMA_DIR } from './paths';
import { ROLES, type Rol } from './auth/principals';
import { PARTNERS } from './partners';
import { DATA_DIR } from './paths';

export type SubgraphName = (typeof PARTNERS)[number]['name'];

/** The partner subgraphs, in the order the gateway lists them (`platform/partners.ts`). */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = PARTNERS.map((partner) => partner.name);

const DEFAULT_PORTS = Object.fromEntries(PARTNERS.map((partner) => [partner.name, partner.port])) as Record<
  SubgraphName,
  number
>;

export interface SubgraphConfig {
  name: SubgraphName;
  /** Port the subgraph listens on. Env `<NAME>_PORT`, default its port in `platform/partners.ts` (4001...). */
  port: number;
  /** URL the gateway calls. Env `<NAME>_URL`, default `http://localhost:<port>/graphql`. */
  url: string;
  /**
   * Connection URL of this subgraph's own database as its runtime role, the role it answers requests
   * with. Env `<NAME>_DATABASE_URL`; default: created on `DATABASE_URL`'s server.
   */
  databaseUrl: string | null;
  /**
   * Connection URL of the same database as its owner role, which runs the migrations (and the bulk
   * loads of `npm run seed`). Env `<NAME>_MIGRATION_DATABASE_URL`; without it, beside a
   * `<NAME>_DATABASE_URL`, the service does not migrate and refuses to start while migrations are pending.
   */
  migrationDatabaseUrl: string | null;
  /**
   * Connection URL of the same database, as the runtime role, for what lives in a session: the signals'
   * leader lock and the LISTEN that tells subscriptions of new signals. Env `<NAME>_SESSION_DATABASE_URL`; default `<NAME>_DATABASE_URL`. Behind a pooler in
   * transaction mode (PgBouncer) a session lock would stay on whichever server connection it ran on, so
   * this URL goes to the database itself.
   */
  sessionDatabaseUrl: string | null;
  /**
   * Password of the runtime role the hub creates on `DATABASE_URL`'s server. Env `<NAME>_DATABASE_PASSWORD`;
   * default: generated on first use and kept under `.data/database-roles`.
   */
  databasePassword: string | null;
  /**
   * How the gateway reaches this partner at its own premises over mutual TLS (PEM files): env
   * `<NAME>_TLS_CA_FILE` (the CA the partner's server certificate must come from), `<NAME>_TLS_CERT_FILE`
   * and `<NAME>_TLS_KEY_FILE` (the gateway's client certificate for this partner). Needs an https
   * `<NAME>_URL`; null: the system's CAs and no client certificate.
   */
  tls: PartnerTlsConfig | null;
}

export interface PartnerTlsConfig {
  caFile: string | null;
  certFile: string | null;
  keyFile: string | null;
}

/**
 * A subgraph process that serves HTTPS: env `TLS_CERT_FILE` and `TLS_KEY_FILE` (PEM); with
 * `TLS_CLIENT_CA_FILE` it requires mutual TLS, and a client without a certificate from that CA is
 * refused in the TLS handshake.
 */
export interface ServerTlsConfig {
  certFile: string;
  keyFile: string;
  clientCaFile: string | null;
}

export interface HubConfig {
  /** Env `GATEWAY_PORT`, default 4000. */
  gatewayPort: number;
  /**
   * URL of a PostgreSQL server that hosts the subgraph databases that have no URL of their own.
   * Env `DATABASE_URL`; when unset (and no subgraph has its own URL) `npm start` runs an embedded server.
   */
  databaseUrl: string | null;
  /** Prefix of the database names created on `databaseUrl`. Env `DATABASE_PREFIX`, default `keten_`. */
  databasePrefix: string;
  /**
   * Serve even when the runtime connection is a superuser or owns the processing log, which lets the
   * application rewrite its own log. Env `DATABASE_ALLOW_PRIVILEGED_ROLE=true`; default false, and
   * never honoured with `NODE_ENV=production`.
   */
  allowPrivilegedDatabaseRole: boolean;
  /** Port of the embedded PostgreSQL server. Env `EMBEDDED_PG_PORT`, default 54329. */
  embeddedPostgresPort: number;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
  auth: AuthConfig;
  supergraph: SupergraphConfig;
  /** Read by a subgraph running as its own process. */
  serverTls: ServerTlsConfig | null;
  rateLimits: RateLimitConfig;
  gateway: GatewayConfig;
  /**
   * A service running as its own process (a container) serves `/metrics` on this port instead of its
   * own, so an ingress that publishes its port does not publish its metrics. Env `METRICS_PORT`;
   * unset: on the service's own port.
   */
  metricsPort: number | null;
  signalen: SignalenConfig;
}

/** Where early-warning signals travel between the partners (see platform/signalen). */
export interface SignalenConfig {
  /** Env `NATS_URL`: NATS JetStream carries the events; it wins over a database. */
  natsUrl: string | null;
  /**
   * Env `SIGNALEN_DATABASE_URL`: the PostgreSQL database of the event stream, as its runtime role (it
   * may only INSERT and SELECT the stream). Without it (and without NATS) the hub makes
   * `<prefix>signalen` on `DATABASE_URL`'s server or the embedded one, with an owner and a runtime role.
   */
  databaseUrl: string | null;
  /**
   * Env `SIGNALEN_MIGRATION_DATABASE_URL`: the same database as its owner, which makes the stream's
   * table and grants the runtime role; unset: someone else did (the service refuses a stream without it).
   */
  migrationDatabaseUrl: string | null;
  /**
   * Password of the stream's runtime role the hub creates on `DATABASE_URL`'s server. Env
   * `SIGNALEN_DATABASE_PASSWORD`; default a random one kept under `.data/database-roles/`.
   */
  databasePassword: string | null;
}

/**
 * Requests a caller may send per window, counted at the gateway. Env `RATE_LIMIT_<ROLE>` (e.g.
 * `RATE_LIMIT_ANALIST=300`; an employee with several roles gets the highest), `RATE_LIMIT_ORGANISATION`
 * for all employees of one organisation together, `RATE_LIMIT_WINDOW_SECONDS` (default 60).
 */
export interface RateLimitConfig {
  windowSeconds: number;
  perRole: Record<Rol, number>;
  perOrganisation: number;
  /** Shared counts of all gateway replicas. Env `REDIS_URL`; without it each gateway counts in memory. */
  redisUrl: string | null;
  /**
   * Key of the hash under which a resident is counted, so no BSN reaches the store. Env
   * `RATE_LIMIT_KEY` (64 hex characters), the same on every replica; default a key per process.
   */
  residentKey: Buffer | null;
}

/** Per window of a minute: a person at work sends far fewer; a script that loops is stopped early. */
export const DEFAULT_RATE_LIMITS: Pick<RateLimitConfig, 'windowSeconds' | 'perRole' | 'perOrganisation'> = {
  windowSeconds: 60,
  // Every employee's role 1200, a resident 120.
  perRole: Object.fromEntries(ROLES.map((rol) => [rol, rol === 'INWONER' ? 120 : 1200])) as Record<
    Rol,
    number
  >,
  perOrganisation: 12_000,
};

function positiveInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${variable} must be a whole number above 0`);
  return parsed;
}

function rateLimits(env: NodeJS.ProcessEnv): RateLimitConfig {
  const key = env.RATE_LIMIT_KEY;
  if (key && !/^[0-9a-fA-F]{64}$/.test(key))
    throw new Error('RATE_LIMIT_KEY must be 64 hexadecimal characters');
  return {
    windowSeconds: positiveInteger(env, 'RATE_LIMIT_WINDOW_SECONDS', DEFAULT_RATE_LIMITS.windowSeconds),
    perRole: Object.fromEntries(
      ROLES.map((rol) => [rol, positiveInteger(env, `RATE_LIMIT_${rol}`, DEFAULT_RATE_LIMITS.perRole[rol])]),
    ) as Record<Rol, number>,
    perOrganisation: positiveInteger(env, 'RATE_LIMIT_ORGANISATION', DEFAULT_RATE_LIMITS.perOrganisation),
    redisUrl: env.REDIS_URL || null,
    residentKey: key ? Buffer.from(key, 'hex') : null,
  };
}

/** Where the gateway finds its supergraph; it takes a new one without a restart. */
export interface SupergraphConfig {
  /** Env `SUPERGRAPH_FILE`, default the composed `schema/supergraph.graphql`. */
  file: string;
  /**
   * Env `SUPERGRAPH_URL`: a URL that serves the supergraph, read instead of the file. HTTPS, or plain
   * HTTP on this machine only, with `NODE_ENV=production`.
   */
  url: string | null;
  /** Env `SUPERGRAPH_POLL_INTERVAL_MS`: how often to look for a new one, default 10000; 0 never. */
  pollIntervalMs: number;
}

export interface GatewayConfig {
  /**
   * Run documents that are not registered (a query text instead of a registered `documentId`). Env
   * `ALLOW_ARBITRARY_DOCUMENTS=true|false`; default true, and false with `NODE_ENV=production`, where
   * only the registry's trusted documents run.
   */
  allowArbitraryDocuments: boolean;
  /**
   * Folder of the field usage files (schema coordinates per client and day) that `partner:check`
   * reads; each gateway host writes its own file. Env `FIELD_USAGE_DIR`, default `.data/field-usage`.
   */
  fieldUsageDir: string;
}

/** The issuer of the local development tokens of `npm run token`. */
export const LOCAL_ISSUER = 'urn:twente-ketenhub:lokaal';
export const DEFAULT_AUDIENCE = 'urn:twente-ketenhub';

export interface AuthConfig {
  /** JWKS of the identity provider of employees' tokens. Env `AUTH_JWKS_URL`, or a file: `AUTH_JWKS_FILE`. */
  jwksUrl: string | null;
  jwksFile: string | null;
  /** Env `AUTH_ISSUER`; default the local development issuer (only without a JWKS URL or file). */
  issuer: string;
  /** Env `AUTH_AUDIENCE`, default `urn:twente-ketenhub`. */
  audience: string;
  /**
   * Keys of the gateway's proofs of each subgraph request (HMAC-SHA-256), 64 hex characters each, one
   * per partner: the gateway holds all of them, each subgraph its own only, so no partner holds a key
   * that signs for another. Env `<NAME>_PROOF_KEY`; without one, a local key is kept under .data/keys.
   */
  proofKeys: Partial<Record<SubgraphName, Buffer>>;
  /** Where partners find werk-inkomen's key for consent grants. Env `WERK_INKOMEN_JWKS_URL`. */
  toegangJwksUrl: string;
  /**
   * Keys of the BSN pseudonyms in each subgraph's processing log, 64 hex characters each, one per
   * partner (so no partner can link its log to another's). Env `<NAME>_PSEUDONYM_KEY`; for a subgraph
   * without one a local key is generated under .data/keys.
   */
  pseudonymKeys: Partial<Record<SubgraphName, Buffer>>;
  /**
   * A subgraph's own signing key as a private JWK file (ES256 or EdDSA, with `kid` and `alg`): werk-inkomen signs
   * consent grants and the chain relation with it, and partners fetch its public half. Env
   * `<NAME>_SIGNING_KEY_FILE`; without one a fresh key is generated at every start (one process only).
   */
  signingKeyFiles: Partial<Record<SubgraphName, string>>;
  /**
   * The web client's sign-in at the identity provider (OIDC authorization code flow with PKCE, a public
   * client): env `WEB_OIDC_ISSUER` (its issuer URL, discovered at `/.well-known/openid-configuration`),
   * `WEB_OIDC_CLIENT_ID` and `WEB_OIDC_SCOPE` (default `openid profile`). The issuer is HTTPS (plain
   * HTTP only on localhost) and needs `AUTH_JWKS_URL`/`AUTH_JWKS_FILE`: its access tokens, asked for the
   * gateway's audience as resource, are what the gateway verifies. Without them, and without an
   * identity provider (local issuer), the client offers the demo personas; with an identity provider but
   * no OIDC client, the client says sign-in is not configured.
   */
  webOidc: { issuer: string; clientId: string; scope: string } | null;
  /**
   * `NODE_ENV=production`: the hub refuses to start with anything meant for one machine (the local
   * issuer, generated keys, keys fetched over plain HTTP from another host).
   */
  production: boolean;
}

function jwksUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = '/.well-known/jwks.json';
  return url.toString();
}

/** `<NAME>_<suffix>` of every subgraph that has one: 64 hex characters, and no two partners alike. */
function perPartnerKeys(env: NodeJS.ProcessEnv, suffix: string): Partial<Record<SubgraphName, Buffer>> {
  const keys: Partial<Record<SubgraphName, Buffer>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const variable = `${envPrefix(name)}_${suffix}`;
    const value = env[variable];
    if (!value) continue;
    if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new Error(`${variable} must be 64 hexadecimal characters`);
    const key = Buffer.from(value, 'hex');
    const twin = SUBGRAPH_NAMES.find((other) => keys[other]?.equals(key));
    if (twin) throw new Error(`${variable} equals the key of ${twin}: each partner needs its own key`);
    keys[name] = key;
  }
  return keys;
}

/** `<NAME>_PSEUDONYM_KEY` of every subgraph that has one; the former shared key is refused. */
function pseudonymKeys(env: NodeJS.ProcessEnv): Partial<Record<SubgraphName, Buffer>> {
  if (env.PSEUDONYM_KEY) {
    throw new Error(
      'PSEUDONYM_KEY is no longer read: each partner has its own key, <NAME>_PSEUDONYM_KEY (e.g. SWB_PSEUDONYM_KEY)',
    );
  }
  return perPartnerKeys(env, 'PSEUDONYM_KEY');
}

/** `werk-inkomen` → `WERK_INKOMEN`, the prefix of that subgraph's variables. */
export function envPrefix(name: SubgraphName): string {
  return name.replace(/-/g, '_').toUpperCase();
}

function port(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${variable} must be a port number, got "${value}"`);
  }
  return parsed;
}

function flag(value: string | undefined, fallback: boolean, variable: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value !== 'true' && value !== 'false')
    throw new Error(`${variable} must be true or false, got "${value}"`);
  return value === 'true';
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `<NAME>_TLS_*` of one partner: a client certificate comes with its key, and TLS with an https URL. */
function partnerTls(env: NodeJS.ProcessEnv, name: SubgraphName, url: string): PartnerTlsConfig | null {
  const prefix = envPrefix(name);
  const caFile = env[`${prefix}_TLS_CA_FILE`] || null;
  const certFile = env[`${prefix}_TLS_CERT_FILE`] || null;
  const keyFile = env[`${prefix}_TLS_KEY_FILE`] || null;
  if (!caFile && !certFile && !keyFile) return null;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new Error(`${prefix}_TLS_CERT_FILE and ${prefix}_TLS_KEY_FILE go together`);
  }
  if (!url.startsWith('https:')) {
    throw new Error(`${prefix}_TLS_* need an https ${prefix}_URL, got "${url}"`);
  }
  return { caFile, certFile, keyFile };
}

function serverTls(env: NodeJS.ProcessEnv): ServerTlsConfig | null {
  const certFile = env.TLS_CERT_FILE || null;
  const keyFile = env.TLS_KEY_FILE || null;
  const clientCaFile = env.TLS_CLIENT_CA_FILE || null;
  if (!certFile && !keyFile && !clientCaFile) return null;
  if (!certFile || !keyFile) {
    throw new Error('TLS_CERT_FILE and TLS_KEY_FILE go together (and TLS_CLIENT_CA_FILE needs both)');
  }
  return { certFile, keyFile, clientCaFile };
}

function supergraph(env: NodeJS.ProcessEnv): SupergraphConfig {
  const interval = env.SUPERGRAPH_POLL_INTERVAL_MS;
  const pollIntervalMs = interval === undefined || interval === '' ? 10_000 : Number(interval);
  if (!Number.isInteger(pollIntervalMs) || pollIntervalMs < 0) {
    throw new Error(`SUPERGRAPH_POLL_INTERVAL_MS must be a whole number of milliseconds, got "${interval}"`);
  }
  const url = env.SUPERGRAPH_URL || null;
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`SUPERGRAPH_URL must be a URL, got "${url}"`);
    }
    const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.includes(parsed.hostname);
    // The supergraph decides what clients can reach: in production it never travels unprotected.
    if (
      parsed.protocol !== 'https:' &&
      !(loopbackHttp || (parsed.protocol === 'http:' && env.NODE_ENV !== 'production'))
    ) {
      throw new Error(
        `SUPERGRAPH_URL must be an https URL (http only on localhost in production), got "${url}"`,
      );
    }
  }
  return { file: env.SUPERGRAPH_FILE || join(SCHEMA_DIR, 'supergraph.graphql'), url, pollIntervalMs };
}

/**
 * The web client's OIDC client. The issuer is an HTTPS URL (plain HTTP only on this machine, as the
 * client itself allows), and its tokens must be ones the gateway verifies: an identity provider of
 * its own (`AUTH_JWKS_URL` or `AUTH_JWKS_FILE`), not the local development issuer.
 */
function webOidc(env: NodeJS.ProcessEnv): AuthConfig['webOidc'] {
  const issuer = env.WEB_OIDC_ISSUER;
  const clientId = env.WEB_OIDC_CLIENT_ID;
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) throw new Error('WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID go together');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`WEB_OIDC_ISSUER must be a URL, got "${issuer}"`);
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new Error(`WEB_OIDC_ISSUER must be an https URL (http only on localhost), got "${issuer}"`);
  }
  if (url.search || url.hash) {
    throw new Error(`WEB_OIDC_ISSUER is an issuer identifier, without query or fragment, got "${issuer}"`);
  }
  if (!env.AUTH_JWKS_URL && !env.AUTH_JWKS_FILE) {
    throw new Error(
      'WEB_OIDC_ISSUER needs AUTH_JWKS_URL (or AUTH_JWKS_FILE) and AUTH_ISSUER: the gateway must verify the access tokens of that identity provider',
    );
  }
  const scope = (env.WEB_OIDC_SCOPE || 'openid profile').trim().split(/\s+/).join(' ');
  return { issuer, clientId, scope };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const subgraphs = {} as Record<SubgraphName, SubgraphConfig>;
  for (const name of SUBGRAPH_NAMES) {
    const prefix = envPrefix(name);
    const subgraphPort = port(env[`${prefix}_PORT`], DEFAULT_PORTS[name], `${prefix}_PORT`);
    const url = env[`${prefix}_URL`] || `http://localhost:${subgraphPort}/graphql`;
    subgraphs[name] = {
      name,
      port: subgraphPort,
      url,
      tls: partnerTls(env, name, url),
      databaseUrl: env[`${prefix}_DATABASE_URL`] || null,
      migrationDatabaseUrl: env[`${prefix}_MIGRATION_DATABASE_URL`] || null,
      sessionDatabaseUrl: env[`${prefix}_SESSION_DATABASE_URL`] || null,
      databasePassword: env[`${prefix}_DATABASE_PASSWORD`] || null,
    };
  }
  const gatewayPort = port(env.GATEWAY_PORT, 4000, 'GATEWAY_PORT');
  const externalIdp = Boolean(env.AUTH_JWKS_URL || env.AUTH_JWKS_FILE);
  if (externalIdp && !env.AUTH_ISSUER)
    throw new Error('AUTH_ISSUER is required with AUTH_JWKS_URL or AUTH_JWKS_FILE');
  return {
    gatewayPort,
    auth: {
      jwksUrl: env.AUTH_JWKS_URL || null,
      jwksFile: env.AUTH_JWKS_FILE || null,
      issuer: env.AUTH_ISSUER || LOCAL_ISSUER,
      audience: env.AUTH_AUDIENCE || DEFAULT_AUDIENCE,
      proofKeys: perPartnerKeys(env, 'PROOF_KEY'),
      toegangJwksUrl: env.WERK_INKOMEN_JWKS_URL || jwksUrlOf(subgraphs['werk-inkomen'].url),
      pseudonymKeys: pseudonymKeys(env),
      signingKeyFiles: Object.fromEntries(
        SUBGRAPH_NAMES.flatMap((name) => {
          const file = env[`${envPrefix(name)}_SIGNING_KEY_FILE`];
          return file ? [[name, file]] : [];
        }),
      ),
      webOidc: webOidc(env),
      production: env.NODE_ENV === 'production',
    },
    databaseUrl: env.DATABASE_URL || null,
    databasePrefix: env.DATABASE_PREFIX ?? 'keten_',
    allowPrivilegedDatabaseRole:
      env.DATABASE_ALLOW_PRIVILEGED_ROLE === 'true' && env.NODE_ENV !== 'production',
    embeddedPostgresPort: port(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    subgraphs,
    supergraph: supergraph(env),
    serverTls: serverTls(env),
    rateLimits: rateLimits(env),
    signalen: {
      natsUrl: env.NATS_URL || null,
      databaseUrl: env.SIGNALEN_DATABASE_URL || null,
      migrationDatabaseUrl: env.SIGNALEN_MIGRATION_DATABASE_URL || null,
      databasePassword: env.SIGNALEN_DATABASE_PASSWORD || null,
    },
    gateway: {
      allowArbitraryDocuments: flag(
        env.ALLOW_ARBITRARY_DOCUMENTS,
        env.NODE_ENV !== 'production',
        'ALLOW_ARBITRARY_DOCUMENTS',
      ),
      fieldUsageDir: env.FIELD_USAGE_DIR || join(DATA_DIR, 'field-usage'),
    },
    metricsPort: env.METRICS_PORT ? port(env.METRICS_PORT, 0, 'METRICS_PORT') : null,
  };
}

/** Name of a subgraph's own database on a shared server: `keten_werk_inkomen`, ... */
export function databaseName(name: SubgraphName, prefix: string): string {
  return `${prefix}${name.replace(/-/g, '_')}`;
}

/** How long a stopping service waits for requests in flight before it cuts them. Env `SHUTDOWN_DEADLINE_MS`. */
export function shutdownDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SHUTDOWN_DEADLINE_MS || 25_000);
  if (!Number.isInteger(value) || value < 0)
    throw new Error('SHUTDOWN_DEADLINE_MS must be a whole number of ms');
  return value;
}
