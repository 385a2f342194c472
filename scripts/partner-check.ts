/**
 * `npm run partner:check -- <partner> --schema <file> | --url <subgraph URL> [--days 30] [--usage <folder>]`:
 * may this proposed subgraph schema go to production? Exit code 0 approved, 1 refused, 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { signedSubgraphRequest } from '../platform/auth/gateway-request';
import type { Caller } from '../platform/auth/principals';
import { loadProofKey } from '../platform/auth/setup';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { readFieldUsage } from '../gateway/field-usage';
import { checkPartnerProposal } from './registry/partner-check';

const USAGE = `usage: npm run partner:check -- <partner> (--schema <file> | --url <subgraph URL>) [--days <n>] [--usage <folder>]

  <partner>         the subgraph the proposal replaces (a new name adds a partner)
  --schema <file>   the proposed subgraph SDL
  --url <url>       a running subgraph: its SDL is read from _service { sdl }
  --days <n>        field usage of the last n days counts (default 30)
  --usage <folder>  the gateways' field usage files (default FIELD_USAGE_DIR, else .data/field-usage)`;

class UsageError extends Error {}

/** Who reads a subgraph's SDL: a statistics-only role, no personal data and no purpose. */
const SCHEMA_READER: Caller = {
  employeeId: 'partner-check',
  organisation: 'regio',
  roles: ['ANALIST'],
  gemeenten: [],
};

/**
 * The SDL a running subgraph serves at `_service { sdl }`. A subgraph of the hub answers only requests
 * with the gateway's proof, so the request is signed as the gateway signs it, with that partner's
 * proof key (`<NAME>_PROOF_KEY`, or the local development key).
 */
async function sdlAt(url: string, partner: string, env: NodeJS.ProcessEnv): Promise<string> {
  const body = JSON.stringify({ query: '{ _service { sdl } }' });
  let headers: Record<string, string> = { 'content-type': 'application/json' };
  if ((SUBGRAPH_NAMES as readonly string[]).includes(partner)) {
    const key = await loadProofKey(loadConfig(env).auth, partner as SubgraphName);
    ({ headers } = signedSubgraphRequest(key, partner, SCHEMA_READER, null, body));
  }
  let answer: { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    throw new UsageError(`${url} did not answer: ${(error as Error).message}`);
  }
  const sdl = answer.data?._service?.sdl;
  if (!sdl)
    throw new UsageError(`${url} gave no _service { sdl }: ${answer.errors?.[0]?.message ?? 'no data'}`);
  return sdl;
}

/** Runs the check for command-line arguments, writing the report to `out`; returns the exit code. */
export async function runPartnerCheck(
  argv: string[],
  out: (text: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args: argv,
          allowPositionals: true,
          options: {
            schema: { type: 'string' },
            url: { type: 'string' },
            days: { type: 'string', default: '30' },
            usage: { type: 'string' },
          },
        });
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const [partner, ...rest] = positionals;
    if (!partner || rest.length > 0) throw new UsageError('name one partner');
    if (!/^[a-z][a-z0-9-]*$/.test(partner)) throw new UsageError(`"${partner}" is not a subgraph name`);
    if (Boolean(values.schema) === Boolean(values.url)) throw new UsageError('give either --schema or --url');
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1)
      throw new UsageError('--days takes a whole number of days, 1 or more');
    let proposal: string;
    if (values.schema) {
      try {
        proposal = await readFile(values.schema, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${values.schema}: ${(error as Error).message}`);
      }
    } else {
      proposal = await sdlAt(values.url as string, partner, env);
    }
    const usage = await readFieldUsage(values.usage ?? loadConfig(env).gateway.fieldUsageDir);
    const result = await checkPartnerProposal({ partner, proposal, days, usage });
    out(result.report);
    return result.approved ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      out(`partner:check: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  runPartnerCheck(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
