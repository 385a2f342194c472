import { randomBytes } from 'node:crypto';
import {
  CURSOR_TTL_SECONDS,
  cursorKey,
  encodeCursor,
  MAX_PAGE_SIZE,
  openCursor,
  pageWindow,
  sealCursor,
  toPage,
  type CursorScope,
} from '../pagination';

const partnerKey = randomBytes(32);
const scope: CursorScope = {
  subgraph: 'werk-inkomen',
  connection: 'InwonerConnection',
  parent: 'GM0164',
  partnerKey,
};
const badInput = expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } });

describe('Pagination: keyset pages with a capped size and sealed cursors', () => {
  it('round-trips a cursor within its own list', () => {
    expect(openCursor(sealCursor('111222333', scope), scope)).toBe('111222333');
  });

  it('seals: the key is not in the cursor, and the same key gives a different cursor each time', () => {
    const cursors = [sealCursor('111222333', scope), sealCursor('111222333', scope)];
    expect(cursors[0]).not.toBe(cursors[1]);
    for (const cursor of cursors) {
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain('111222333');
      expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('111222333');
    }
  });

  it.each([
    ['another subgraph', { ...scope, subgraph: 'werkplein' }],
    ['another connection', { ...scope, connection: 'WerkgeverConnection' }],
    ['another gemeente’s list', { ...scope, parent: 'GM0153' }],
  ])('refuses a cursor of %s', (_case, other: CursorScope) => {
    expect(() => openCursor(sealCursor('111222333', scope), other)).toThrow(badInput);
  });

  it('continues at another replica of the partner: the key is derived from the key they share', () => {
    // Another replica, or this one after a restart: the same pseudonym key, read into another buffer.
    const replica = { ...scope, partnerKey: Buffer.from(partnerKey) };
    expect(openCursor(sealCursor('111222333', scope), replica)).toBe('111222333');
    expect(cursorKey(replica.partnerKey)).toEqual(cursorKey(partnerKey));
  });

  it('derives a key of its own: neither the pseudonym key nor another partner’s cursor key', () => {
    expect(cursorKey(partnerKey)).toHaveLength(32);
    expect(cursorKey(partnerKey).equals(partnerKey)).toBe(false);
    const other = { ...scope, partnerKey: randomBytes(32) };
    expect(() => openCursor(sealCursor('111222333', scope), other)).toThrow(badInput);
  });

  it('refuses a cursor older than an hour, and one sealed beyond a clock’s tolerance ahead', () => {
    const now = Date.UTC(2026, 11, 2, 4, 0, 0);
    const cursor = sealCursor('111222333', scope, now);
    expect(openCursor(cursor, scope, now + (CURSOR_TTL_SECONDS - 1) * 1000)).toBe('111222333');
    expect(() => openCursor(cursor, scope, now + (CURSOR_TTL_SECONDS + 1) * 1000)).toThrow(badInput);
    expect(() => openCursor(cursor, scope, now - 5 * 60 * 1000)).toThrow(badInput);
    expect(openCursor(cursor, scope, now - 30 * 1000)).toBe('111222333');
  });

  it('refuses a cursor with any byte changed, a written one, and garbage', () => {
    const bytes = Buffer.from(sealCursor('111222333', scope), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(() => openCursor(tampered.toString('base64url'), scope)).toThrow(badInput);
    }
    for (const cursor of [Buffer.from('111222333').toString('base64url'), '%%%', '', 'a'.repeat(40)])
      expect(() => openCursor(cursor, scope)).toThrow(badInput);
  });

  it('no longer lets a caller write a cursor', () => {
    expect(() => encodeCursor('111222333')).toThrow(/sealed/);
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 1.5])('rejects page size %s', (first) => {
    expect(() => pageWindow({ first }, scope)).toThrow(badInput);
  });

  it('builds a page from one row more than asked, continuing after its last key', () => {
    const page = toPage(['a', 'b', 'c'], 2, (x) => x, scope);
    expect(page.nodes).toEqual(['a', 'b']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(pageWindow({ first: 2, after: page.pageInfo.endCursor ?? undefined }, scope)).toEqual({
      limit: 2,
      afterKey: 'b',
    });
    const last = toPage(['a'], 2, (x) => x, scope).pageInfo;
    expect(last.hasNextPage).toBe(false);
    expect(openCursor(last.endCursor ?? '', scope)).toBe('a');
    expect(toPage([], 2, (x: string) => x, scope).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
