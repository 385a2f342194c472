import { readFile } from 'node:fs/promises';
import type { PartnerTlsConfig, ServerTlsConfig } from './config';

/** What the gateway presents to, and trusts of, one partner's subgraph (PEM). */
export interface ClientTls {
  /** The CA the partner's server certificate must come from; default the system's CAs. */
  ca?: Buffer;
  /** The gateway's client certificate and key for this partner. */
  cert?: Buffer;
  key?: Buffer;
}

/** A subgraph's own certificate (PEM); with `clientCa` it takes only clients with a certificate from it. */
export interface ServerTls {
  cert: Buffer;
  key: Buffer;
  clientCa?: Buffer;
}

const read = async (file: string | null): Promise<Buffer | undefined> =>
  file ? await readFile(file) : undefined;

export async function readClientTls(config: PartnerTlsConfig): Promise<ClientTls> {
  return {
    ca: await read(config.caFile),
    cert: await read(config.certFile),
    key: await read(config.keyFile),
  };
}

export async function readServerTls(config: ServerTlsConfig): Promise<ServerTls> {
  return {
    cert: await readFile(config.certFile),
    key: await readFile(config.keyFile),
    clientCa: await read(config.clientCaFile),
  };
}

/** Node's options of a server that requires a client certificate from `clientCa`, if one is given. */
export function serverTlsOptions(tls: ServerTls): {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  requestCert: boolean;
  rejectUnauthorized: boolean;
} {
  const mutual = Boolean(tls.clientCa);
  return { cert: tls.cert, key: tls.key, ca: tls.clientCa, requestCert: mutual, rejectUnauthorized: mutual };
}
