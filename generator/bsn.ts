/**
 * Synthetic BSNs from one documented range, so that every generated number is recognisable as
 * synthetic: the first eight digits are `90000000 + index`, the ninth is the check digit that makes
 * the 11-proef hold. Indexes whose check digit would be 10 have no BSN and are skipped.
 */

/** First eight digits of the BSN with index 0. */
export const SYNTHETIC_BSN_BASE = 90_000_000;
/** Number of indexes in the range (the first eight digits stay below 100000000). */
export const SYNTHETIC_BSN_INDEXES = 10_000_000;

/** The synthetic BSN for a running index, or null when that index has no valid check digit. */
export function syntheticBsn(index: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index >= SYNTHETIC_BSN_INDEXES) {
    throw new Error(`synthetic BSN index out of range: ${index}`);
  }
  const prefix = String(SYNTHETIC_BSN_BASE + index);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (prefix.charCodeAt(i) - 48);
  // 9*d1 + ... + 2*d8 - d9 must be divisible by 11, so d9 = sum mod 11; 10 is not a digit.
  const check = sum % 11;
  return check === 10 ? null : prefix + String(check);
}

/** True when `bsn` lies in the synthetic range (whether or not its check digit is right). */
export function isSyntheticBsn(bsn: string): boolean {
  return /^9\d{8}$/.test(bsn);
}

/** Hands out synthetic BSNs in order of their index; one allocator per generated population. */
export class BsnAllocator {
  private index = 0;

  next(): string {
    while (this.index < SYNTHETIC_BSN_INDEXES) {
      const bsn = syntheticBsn(this.index++);
      if (bsn !== null) return bsn;
    }
    throw new Error('the synthetic BSN range is exhausted');
  }

  /** How many indexes have been used, skipped ones included. */
  get used(): number {
    return this.index;
  }
}
