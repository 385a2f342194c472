import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for ids (trace and span ids, FSC transaction ids) from a pooled buffer, as Node's own
 * `randomUUID` does: one `randomFillSync` per 4 KiB instead of one per id, which the gateway did six
 * times a request. The bytes are the same CSPRNG's; each is handed out once.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** `size` fresh random bytes (at most the pool's size), in a buffer of their own. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} random bytes at a time`);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  // Nothing handed out stays in the pool.
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
}
