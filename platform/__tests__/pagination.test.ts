import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageWindow, toPage } from '../pagination';

describe('Pagination: keyset pages with a capped size', () => {
  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor('111222333'))).toBe('111222333');
  });

  it('rejects a cursor that was not made by the server', () => {
    expect(() => decodeCursor('%%%')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 1.5])('rejects page size %s', (first) => {
    expect(() => pageWindow({ first })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });

  it('builds a page from one row more than asked', () => {
    expect(toPage(['a', 'b', 'c'], 2, (x) => x)).toEqual({
      nodes: ['a', 'b'],
      pageInfo: { hasNextPage: true, endCursor: encodeCursor('b') },
    });
    expect(toPage(['a'], 2, (x) => x).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('a') });
    expect(toPage([], 2, (x: string) => x).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
