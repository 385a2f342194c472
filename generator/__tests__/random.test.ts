import { allocate, Random } from '../random';

describe('Random: a seeded generator', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Random('zaad');
    const b = new Random('zaad');
    const first = Array.from({ length: 100 }, () => a.next());
    const second = Array.from({ length: 100 }, () => b.next());
    expect(first).toEqual(second);
  });

  it('gives another sequence for another seed', () => {
    const a = new Random('zaad');
    const b = new Random('zaad2');
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('derives a fork from the seed and label, not from the position in the stream', () => {
    const a = new Random('zaad');
    const b = new Random('zaad');
    b.next();
    b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('keeps int within its bounds and reaches both ends', () => {
    const rng = new Random('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('picks by weight', () => {
    const rng = new Random('weights');
    let heavy = 0;
    for (let i = 0; i < 10000; i++) if (rng.weighted(['a', 'b'], [9, 1]) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
  });

  it('shuffles in place without losing elements', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random('shuffle').shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it('draws normals around the mean', () => {
    const rng = new Random('normal');
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += rng.normal(10, 2);
    expect(sum / 20000).toBeCloseTo(10, 1);
  });
});

describe('allocate: integer parts that add up exactly', () => {
  it.each([
    [10, [1, 1, 1]],
    [7, [0.2, 0.3, 0.5]],
    [-9, [1, 2, 3]],
    [0, [1, 2]],
    [1000, [1, 0, 5, 2.5]],
  ])('splits %d over %j', (total, weights) => {
    const parts = allocate(total, weights);
    expect(parts).toHaveLength(weights.length);
    expect(parts.reduce((acc, part) => acc + part, 0)).toBe(total);
    parts.forEach((part, index) => {
      const exact = (total * (weights[index] ?? 0)) / weights.reduce((acc, w) => acc + w, 0);
      expect(Math.abs(part - exact)).toBeLessThan(1);
    });
  });

  it('refuses a fractional total', () => {
    expect(() => allocate(2.5, [1])).toThrow('integer total');
  });
});
