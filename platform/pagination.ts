import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { badUserInput } from './errors';

/** Largest page a client may ask for: enough for a dashboard list, small enough to stay cheap. */
export const MAX_PAGE_SIZE = 250;
export const DEFAULT_PAGE_SIZE = 50;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The `endCursor` of the previous page of this same list: opaque, and valid for an hour ' +
      '(after that, start again from the first page).',
  })
  after?: string;
}

/** A value type that several subgraphs return, hence shareable. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A `<Name>Connection` type: a page of nodes plus the cursor to continue from. */
export function Connection<T extends object>(node: ClassType<T>, name: string): ClassType<Page<T>> {
  @ObjectType(`${name}Connection`)
  class ConnectionType implements Page<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/**
 * Which list a cursor belongs to: the subgraph that made it, the connection, and what the list is of
 * (a gemeente's residents, say). A cursor is valid for that list only.
 */
export interface CursorScope {
  subgraph: string;
  connection: string;
  parent?: string;
  /** The partner's pseudonym key (`SubgraphKeys.pseudonym`), from which its cursor key is derived. */
  partnerKey: Buffer;
}

/** How long a cursor continues its list: long enough to page through, short enough to leave no lasting handle. */
export const CURSOR_TTL_SECONDS = 3600;
/** A cursor sealed by a replica whose clock runs ahead is still taken. */
const CLOCK_TOLERANCE_SECONDS = 60;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ISSUED_AT_BYTES = 4;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Separates the cursor key from every other key derived from the pseudonym key, now or later. */
const CURSOR_KEY_INFO = 'twente-ketenhub cursor key v1';

/** Cursor keys by pseudonym key: each partner derives its own once. */
const cursorKeys = new WeakMap<Buffer, Buffer>();

/**
 * A partner's cursor key: HKDF-SHA256 of its pseudonym key with a label of its own. Its replicas share
 * the pseudonym key, so a cursor of one replica continues at another, and after a restart; the label
 * keeps the two keys apart (the cursor key tells nothing of the pseudonym key).
 */
export function cursorKey(partnerKey: Buffer): Buffer {
  let key = cursorKeys.get(partnerKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', partnerKey, Buffer.alloc(0), CURSOR_KEY_INFO, 32));
    cursorKeys.set(partnerKey, key);
  }
  return key;
}

function associatedData(scope: CursorScope): Buffer {
  return Buffer.from(JSON.stringify([scope.subgraph, scope.connection, scope.parent ?? null]), 'utf8');
}

/**
 * Seals the key of the last row of a page, with the moment it was sealed, into an opaque cursor:
 * AES-256-GCM with the partner's cursor key and a fresh nonce, bound to the list by its associated
 * data. The key (a BSN, say) cannot be read from the cursor, and a cursor cannot be made, altered or
 * made younger without the partner's key.
 */
export function sealCursor(key: string, scope: CursorScope, now: number = Date.now()): string {
  const iv = randomBytes(IV_BYTES);
  const issuedAt = Buffer.alloc(ISSUED_AT_BYTES);
  issuedAt.writeUInt32BE(Math.floor(now / 1000));
  const cipher = createCipheriv('aes-256-gcm', cursorKey(scope.partnerKey), iv);
  cipher.setAAD(associatedData(scope));
  const sealed = Buffer.concat([cipher.update(issuedAt), cipher.update(key, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The key sealed in a cursor of this list, sealed within the hour; BAD_USER_INPUT for anything else. */
export function openCursor(cursor: string, scope: CursorScope, now: number = Date.now()): string {
  const invalid = () =>
    badUserInput(
      'Invalid cursor: use the endCursor of a page of this same list, within an hour (else start again from the first page).',
    );
  const bytes = BASE64URL.test(cursor) ? Buffer.from(cursor, 'base64url') : Buffer.alloc(0);
  if (bytes.length <= IV_BYTES + TAG_BYTES + ISSUED_AT_BYTES) throw invalid();
  let plain: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      cursorKey(scope.partnerKey),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAAD(associatedData(scope));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw invalid();
  }
  const age = now / 1000 - plain.readUInt32BE(0);
  if (age > CURSOR_TTL_SECONDS || age < -CLOCK_TOLERANCE_SECONDS) throw invalid();
  return plain.subarray(ISSUED_AT_BYTES).toString('utf8');
}

/**
 * Cursors are sealed by the subgraph that made them (`sealCursor`), so no client can write one: start
 * from the first page, or continue from a page's `endCursor`.
 *
 * @deprecated Always throws; kept so that a caller that still writes cursors fails with this reason.
 */
export function encodeCursor(_key: string): never {
  throw new Error('Cursors are sealed by the subgraph that makes them: continue from a page’s endCursor.');
}

/** Validated page size and the key to continue after (keyset pagination: stable under inserts). */
export function pageWindow(args: PageArgs, scope: CursorScope): { limit: number; afterKey: string | null } {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return { limit, afterKey: args.after ? openCursor(args.after, scope) : null };
}

/** Builds a page from `limit + 1` rows fetched in key order. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string, scope: CursorScope): Page<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? sealCursor(keyOf(last), scope) : null },
  };
}
