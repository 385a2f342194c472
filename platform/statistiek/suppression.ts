/**
 * Counts from 1 up to (not including) this number are suppressed, so that no resident can be singled
 * out (ACCESS.md rule 4). Zero is shown: it singles out nobody.
 */
export const SUPPRESSION_THRESHOLD = 5;

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A count is a whole number >= 0, got ${n}`);
}

/** True for a count that would single out a few residents: 1 up to the threshold. */
export function isSmall(n: number): boolean {
  assertCount(n);
  return n > 0 && n < SUPPRESSION_THRESHOLD;
}

/** A published figure before it goes out: its value, and whether the rules let it be shown. */
export interface Cell {
  value: number;
  shown: boolean;
}

/** A cell, shown only when the caller's rule allows it and the count itself is not 1 to 4. */
export function cell(value: number, allowed: boolean): Cell {
  return { value, shown: allowed && !isSmall(value) };
}

/**
 * The cells of a group (the parts of one total) that must be hidden together: every cell of 1 to 4,
 * and, when those add up to less than the threshold, also the smallest other non-zero cell (the first
 * of equals). Hidden together they sum to at least the threshold, so the total minus the shown cells
 * never gives a count of 1 to 4. Only when the whole group holds fewer than the threshold does the
 * block stay small; its total is then suppressed itself. Returns the indices of the block.
 */
export function hiddenBlock(values: readonly number[]): Set<number> {
  const block = new Set<number>();
  let sum = 0;
  values.forEach((value, index) => {
    if (isSmall(value)) {
      block.add(index);
      sum += value;
    }
  });
  if (block.size === 0 || sum >= SUPPRESSION_THRESHOLD) return block;
  let smallest = -1;
  values.forEach((value, index) => {
    if (value >= SUPPRESSION_THRESHOLD && (smallest < 0 || value < (values[smallest] ?? 0))) smallest = index;
  });
  if (smallest >= 0) block.add(smallest);
  return block;
}

/**
 * True when a combination of the cells of a group takes the hidden block whole or leaves it out
 * whole: only such a combination is a sum of blocks, each 0 or at least the threshold.
 */
export function keepsBlockWhole<K>(block: ReadonlySet<K>, selected: (key: K) => boolean): boolean {
  let inside = 0;
  for (const key of block) if (selected(key)) inside++;
  return inside === 0 || inside === block.size;
}
