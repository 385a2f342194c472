/**
 * `npm run partner:conformance -- --url <subgraph URL> --partner <name> [--key-file <file> | --jwk <json>]
 * [--bsn <bsn> ...] [--gemeente <code>] [--org <org> --role <role>] [--field <name>] [--ca <file>]
 * [--cert <file> --client-key <file>]`: does a partner's
 * running subgraph, in whatever language and wherever it runs, behave as a subgraph of the hub must?
 * Exit code 0 conforms, 1 a check failed, 2 usage error.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BsnAllocator } from '../generator/bsn';
import { loadProofKey } from '../platform/auth/setup';
import { uitkeringsorganisatieVan } from '../platform/auth/policy';
import { parseProofKey, type ProofKey } from '../platform/auth/proofs';
import {
  CASUSROLLEN,
  isOrganisatie,
  isRol,
  ORGANISATIONS,
  organisationsOf,
  ROLES,
  type Caller,
} from '../platform/auth/principals';
import { isValidBsn } from '../platform/bsn';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { GEMEENTEN } from '../platform/gemeenten';
import type { ClientTls } from '../platform/tls';
import { conformanceReport, runConformance } from './conformance/checks';

const USAGE = `usage: npm run partner:conformance -- --url <subgraph URL> --partner <name> [options]

  --url <url>         the subgraph's GraphQL endpoint, as the gateway reaches it
  --partner <name>    the subgraph's name: the audience of the gateway's proofs
  --key-file <file>   the partner's proof key: 64 hexadecimal characters or a JWK of kty "oct"
                      (default <NAME>_PROOF_KEY, else the local key under .data/keys)
  --jwk <json>        the proof key as a JWK on the command line (visible to other users of the machine)
  --bsn <bsn>         a synthetic resident the subgraph knows; repeat for more (default the first
                      three residents of the demo data, 900000004, 900000016, 900000028)
  --gemeente <code>   a municipality resolved as Gemeente (default GM0164)
  --org <org>         the organisation of the employee who reads the partner's data, and of its
                      privacy officer (default the partner's own organisation)
  --role <role>       that employee's role (default the organisation's case role)
  --field <name>      the field of Inwoner to read (default the first the subgraph resolves)
  --timeout <ms>      how long to wait for each answer (default 10000)
  --ca <file>         the CA the subgraph's server certificate comes from (PEM; default the system's)
  --cert <file>       a client certificate for a subgraph behind mutual TLS (PEM), with
  --client-key <file> its private key (PEM)`;

class UsageError extends Error {}

function firstDemoBsns(count: number): string[] {
  const allocator = new BsnAllocator();
  return Array.from({ length: count }, () => allocator.next());
}

async function proofKeyOf(
  values: { 'key-file'?: string; jwk?: string },
  partner: string,
  env: NodeJS.ProcessEnv,
): Promise<ProofKey> {
  if (values['key-file'] && values.jwk) throw new UsageError('give either --key-file or --jwk, not both');
  let text = values.jwk;
  if (values['key-file']) {
    try {
      text = await readFile(values['key-file'], 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${values['key-file']}: ${(error as Error).message}`);
    }
  }
  if (text !== undefined) {
    try {
      return parseProofKey(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (!(SUBGRAPH_NAMES as readonly string[]).includes(partner)) {
    throw new UsageError(`${partner} is a new partner: give its proof key with --key-file or --jwk`);
  }
  return loadProofKey(loadConfig(env).auth, partner as SubgraphName);
}

/**
 * The employee who reads the partner's data: its own organisation's (for werk-inkomen the one that
 * serves `gemeente`), in that organisation's case role, for every municipality its token may name.
 */
function employeeOf(values: { org?: string; role?: string }, partner: string, gemeente: string): Caller {
  const own = (SUBGRAPH_NAMES as readonly string[]).includes(partner)
    ? organisationsOf(partner as SubgraphName)
    : [];
  const serving = uitkeringsorganisatieVan(gemeente);
  const organisation = values.org ?? (own.includes(serving) ? serving : own[0]);
  if (!isOrganisatie(organisation)) {
    throw new UsageError(
      values.org
        ? `--org must be one of ${Object.keys(ORGANISATIONS).join(', ')}`
        : `${partner} is a new partner: give --org and --role of the employee who reads its data`,
    );
  }
  const role = values.role ?? CASUSROLLEN[organisation];
  if (!isRol(role) || role === 'INWONER') {
    throw new UsageError(`--role must be one of ${ROLES.filter((rol) => rol !== 'INWONER').join(', ')}`);
  }
  // A municipal organisation's staff work for its own municipalities only (see callerFromClaims).
  const gemeenten = [...new Set([gemeente, ...Object.keys(GEMEENTEN)])].filter(
    (code) => !organisation.startsWith('wi-') || uitkeringsorganisatieVan(code) === organisation,
  );
  return { employeeId: 'conformance-medewerker', organisation, roles: [role], gemeenten };
}

/** The partner's CA and the client certificate to present, as the gateway's pool to that partner has them. */
async function clientTlsOf(values: {
  ca?: string;
  cert?: string;
  'client-key'?: string;
}): Promise<ClientTls | undefined> {
  if (Boolean(values.cert) !== Boolean(values['client-key'])) {
    throw new UsageError('give --cert and --client-key together');
  }
  const read = async (file: string | undefined): Promise<Buffer | undefined> => {
    if (!file) return undefined;
    try {
      return await readFile(file);
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
  };
  if (!values.ca && !values.cert) return undefined;
  return { ca: await read(values.ca), cert: await read(values.cert), key: await read(values['client-key']) };
}

/** Runs the suite for command-line arguments, writing the report to `out`; returns the exit code. */
export async function runPartnerConformance(
  argv: string[],
  out: (text: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const { values } = (() => {
      try {
        return parseArgs({
          args: argv,
          options: {
            url: { type: 'string' },
            partner: { type: 'string' },
            'key-file': { type: 'string' },
            jwk: { type: 'string' },
            bsn: { type: 'string', multiple: true },
            gemeente: { type: 'string', default: 'GM0164' },
            org: { type: 'string' },
            role: { type: 'string' },
            field: { type: 'string' },
            timeout: { type: 'string', default: '10000' },
            ca: { type: 'string' },
            cert: { type: 'string' },
            'client-key': { type: 'string' },
          },
        });
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const { url, partner, gemeente, field } = values;
    if (!url) throw new UsageError('give the subgraph with --url');
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new UsageError(`--url ${url} is no http(s) URL`);
    }
    if (!partner) throw new UsageError('name the partner with --partner');
    if (!/^[a-z][a-z0-9-]*$/.test(partner)) throw new UsageError(`"${partner}" is not a subgraph name`);
    const bsns = values.bsn ?? firstDemoBsns(3);
    if (!bsns.every(isValidBsn)) throw new UsageError('--bsn takes BSNs that pass the 11-proef');
    if (new Set(bsns).size !== bsns.length) throw new UsageError('--bsn takes each resident once');
    if (!/^GM\d{4}$/.test(gemeente)) throw new UsageError('--gemeente takes a CBS code such as GM0164');
    const timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError('--timeout takes milliseconds');
    const employee = employeeOf(values, partner, gemeente);
    const key = await proofKeyOf(values, partner, env);
    const tls = await clientTlsOf(values);
    const options = { url, partner, key, bsns, gemeente, employee, field, timeoutMs, tls };
    const results = await runConformance(options);
    out(conformanceReport(options, results));
    return results.every((result) => result.passed) ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      out(`partner:conformance: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  runPartnerConformance(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
