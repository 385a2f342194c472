import { isTransactionId, newTransactionId, transactionTime } from '../fsc';

describe('FSC transaction ids: a UUIDv7 per subgraph request', () => {
  it('writes version 7 and the RFC 9562 variant, with the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 11, 1, 15, 0, 0, 123);
    const id = newTransactionId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transactionTime(id)).toBe(at);
    expect(isTransactionId(id)).toBe(true);
  });

  it('differs for every request, also within one millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newTransactionId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });

  it('takes nothing else for one: a version 4 UUID, upper case, or no string', () => {
    expect(isTransactionId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    expect(isTransactionId(newTransactionId().toUpperCase())).toBe(false);
    expect(isTransactionId(undefined)).toBe(false);
  });
});
