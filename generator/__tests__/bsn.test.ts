import { isValidBsn } from '../../platform/bsn';
import { BsnAllocator, isSyntheticBsn, SYNTHETIC_BSN_INDEXES, syntheticBsn } from '../bsn';

describe('Synthetic BSNs: 90000000 + index and an 11-proef check digit', () => {
  it('builds the first eight digits from the index', () => {
    expect(syntheticBsn(0)?.slice(0, 8)).toBe('90000000');
    expect(syntheticBsn(1234)?.slice(0, 8)).toBe('90001234');
    expect(syntheticBsn(SYNTHETIC_BSN_INDEXES - 1)).toBe('999999990');
  });

  it('gives valid BSNs, and none where the check digit would be 10', () => {
    let skipped = 0;
    const wrong: string[] = [];
    for (let index = 0; index < 20000; index++) {
      const bsn = syntheticBsn(index);
      if (bsn === null) {
        skipped++;
        const prefix = String(90_000_000 + index);
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += (9 - i) * Number(prefix[i]);
        if (sum % 11 !== 10) wrong.push(prefix);
      } else if (!isValidBsn(bsn) || !isSyntheticBsn(bsn)) {
        wrong.push(bsn);
      }
    }
    expect(wrong).toEqual([]);
    // About one index in eleven has no check digit.
    expect(skipped).toBeGreaterThan(20000 / 11 - 200);
    expect(skipped).toBeLessThan(20000 / 11 + 200);
  });

  it('refuses indexes outside the range', () => {
    expect(() => syntheticBsn(-1)).toThrow('out of range');
    expect(() => syntheticBsn(SYNTHETIC_BSN_INDEXES)).toThrow('out of range');
    expect(() => syntheticBsn(1.5)).toThrow('out of range');
  });

  it('hands out distinct valid BSNs in index order', () => {
    const allocator = new BsnAllocator();
    const bsns = Array.from({ length: 5000 }, () => allocator.next());
    expect(new Set(bsns).size).toBe(5000);
    expect(bsns.every(isValidBsn)).toBe(true);
    expect([...bsns].sort()).toEqual(bsns);
    expect(allocator.used).toBeGreaterThan(5000);
  });
});
