import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REGISTRY_DIR } from '../platform/paths';

/** Where `npm run registry` writes each client's trusted documents. */
export const CLIENTS_DIR = join(REGISTRY_DIR, 'clients');

/** One registered operation, as Apollo's persisted query manifest (version 1) lists it. */
export interface TrustedOperation {
  /** sha256 of `body`, hexadecimal: what the client sends as `documentId`. */
  id: string;
  name: string | null;
  type: 'query' | 'mutation' | 'subscription';
  /** The document exactly as the client sends it. */
  body: string;
}

/**
 * A client's registered documents: Apollo's persisted query manifest format, which Hive's and Apollo's
 * tools read, with the client's name, what it is and where its documents come from.
 */
export interface ClientManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  client: string;
  omschrijving: string;
  bronnen: string[];
  operations: TrustedOperation[];
}

export interface TrustedDocument {
  client: string;
  operation: TrustedOperation;
}

/** The id of a document: sha256 of its exact text, as the client hashes it. */
export function documentId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Every registered client's manifest under `dir`, by file name order. */
export async function readClientManifests(dir: string = CLIENTS_DIR): Promise<ClientManifest[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as ClientManifest),
  );
}

/** Registered documents by id; a document two clients send counts for the first. */
export function trustedDocumentsById(manifests: ClientManifest[]): Map<string, TrustedDocument> {
  const byId = new Map<string, TrustedDocument>();
  for (const manifest of manifests) {
    for (const operation of manifest.operations) {
      if (documentId(operation.body) !== operation.id) {
        throw new Error(
          `registry/clients/${manifest.client}.json: ${operation.name ?? 'an operation'} has a wrong id`,
        );
      }
      if (!byId.has(operation.id)) byId.set(operation.id, { client: manifest.client, operation });
    }
  }
  return byId;
}
