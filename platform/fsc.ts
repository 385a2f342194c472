import { pooledRandomBytes } from './random';

/**
 * FSC (Federatieve Service Connectiviteit), the Dutch government's standard for connections between
 * organisations, names each request between two parties by a transaction id that both log: a UUIDv7 in
 * the `Fsc-Transaction-Id` header. The gateway gives every subgraph request its own.
 */
export const FSC_TRANSACTION_HEADER = 'fsc-transaction-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A new UUIDv7 (RFC 9562, section 5.7): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by
 * time in both parties' logs. Written here: Node has no v7 of its own and the `uuid` package in the tree
 * (9.x) predates it; it is a dozen lines on node:crypto.
 */
export function newTransactionId(now: number = Date.now()): string {
  const bytes = pooledRandomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a value is a UUIDv7 as the gateway writes it (lower case). */
export function isTransactionId(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}

/** The Unix milliseconds a UUIDv7 was made at. */
export function transactionTime(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
