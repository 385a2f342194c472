import { pooledRandomBytes } from '../random';

describe('pooledRandomBytes', () => {
  it('hands out buffers of the size asked, each its own memory', () => {
    const first = pooledRandomBytes(16);
    const second = pooledRandomBytes(8);
    expect(first).toHaveLength(16);
    expect(second).toHaveLength(8);
    const copy = Buffer.from(second);
    first.fill(0xff);
    expect(second).toEqual(copy);
  });

  it('never hands out the same bytes twice, across refills of the pool', () => {
    // 4 KiB in 16-byte ids is 256 per pool: this crosses several refills.
    const ids = Array.from({ length: 1000 }, () => pooledRandomBytes(16).toString('hex'));
    expect(new Set(ids).size).toBe(ids.length);
    // Random bytes, not a zeroed (handed-out) part of the pool.
    expect(ids.filter((id) => /^0+$/.test(id))).toEqual([]);
  });

  it('spreads its bytes over all values', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 512; i++)
      for (const byte of pooledRandomBytes(64)) counts[byte] = (counts[byte] ?? 0) + 1;
    // 32768 bytes, 128 expected per value: every value occurs, none grossly often.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(400);
  });

  it('refuses more than one pool at a time', () => {
    expect(() => pooledRandomBytes(4097)).toThrow(RangeError);
  });
});
