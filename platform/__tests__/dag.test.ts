import { vandaag } from '../dag';

describe('vandaag: the calendar day in the Netherlands', () => {
  it('counts days in the Netherlands, not in UTC, in summer and in winter time', () => {
    expect(vandaag(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(vandaag(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(vandaag(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(vandaag(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('is today when given no moment', () => {
    const before = vandaag(new Date());
    const today = vandaag();
    const after = vandaag(new Date());
    expect([before, after]).toContain(today);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
