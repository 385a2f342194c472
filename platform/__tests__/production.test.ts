import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, privateJwkOf } from '../auth/keys';
import {
  gatewayProofKeys,
  inProcessKeys,
  loadPseudonymKey,
  standaloneSubgraphKeys,
  userTokenPolicy,
} from '../auth/setup';
import { envPrefix, loadConfig, SUBGRAPH_NAMES } from '../config';

/** Keys of every partner, as a production deployment configures them. */
function partnerKeys(): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => [
      [`${envPrefix(name)}_PROOF_KEY`, randomBytes(32).toString('hex')],
      [`${envPrefix(name)}_PSEUDONYM_KEY`, randomBytes(32).toString('hex')],
    ]),
  );
}

const production = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'production', ...env }).auth;

describe('Production fails closed: nothing meant for one machine is accepted', () => {
  it('refuses the local development issuer at the gateway', async () => {
    await expect(userTokenPolicy(production())).rejects.toThrow(
      'NODE_ENV=production: refusing the local development issuer; set AUTH_JWKS_URL',
    );
  });

  it('refuses an identity provider’s keys over plain HTTP from another host, not over HTTPS or loopback', async () => {
    const idp = (url: string) => production({ AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://idp.example' });
    await expect(userTokenPolicy(idp('http://idp.example/jwks'))).rejects.toThrow(
      /plain HTTP from idp\.example/,
    );
    await expect(userTokenPolicy(idp('https://idp.example/jwks'))).resolves.toMatchObject({
      issuer: 'https://idp.example',
    });
    await expect(userTokenPolicy(idp('http://127.0.0.1:8080/jwks'))).resolves.toBeDefined();
  });

  it('refuses generated proof and pseudonym keys, and accepts configured ones', async () => {
    await expect(gatewayProofKeys(production())).rejects.toThrow(/generated proof key for werk-inkomen/);
    await expect(loadPseudonymKey(production(), 'swb')).rejects.toThrow(/set SWB_PSEUDONYM_KEY/);
    await expect(gatewayProofKeys(production(partnerKeys()))).resolves.toHaveProperty('swb');
  });

  it('refuses the keys of a hub in one process', async () => {
    await expect(inProcessKeys(production(partnerKeys()))).rejects.toThrow(/in one process/);
  });

  it('refuses werk-inkomen’s key generated per start, and a partner fetching it over plain HTTP', async () => {
    await expect(standaloneSubgraphKeys(production(partnerKeys()), 'werk-inkomen')).rejects.toThrow(
      /WERK_INKOMEN_SIGNING_KEY_FILE/,
    );
    const dir = await mkdtemp(join(tmpdir(), 'signing-'));
    const file = join(dir, 'werk-inkomen.jwk');
    await writeFile(file, JSON.stringify(await privateJwkOf(await generateSigningKey('wi-1'))));
    const werkInkomen = await standaloneSubgraphKeys(
      production({ ...partnerKeys(), WERK_INKOMEN_SIGNING_KEY_FILE: file }),
      'werk-inkomen',
    );
    expect(werkInkomen.signing.kid).toBe('wi-1');
    const partner = (url: string) =>
      standaloneSubgraphKeys(production({ ...partnerKeys(), WERK_INKOMEN_URL: url }), 'swb');
    await expect(partner('http://werk-inkomen:4001/graphql')).rejects.toThrow(/plain HTTP from werk-inkomen/);
    await expect(partner('https://werk-inkomen.example/graphql')).resolves.toHaveProperty('proof');
  });
});
