import { captureLogs, logger, maskBsn, maskNumber } from '../logger';

describe('Logger: no BSN reaches a log line', () => {
  it('masks every 9-digit number in a message', () => {
    expect(maskBsn('Key (bsn)=(900000557) already exists; also 111222333.')).toBe(
      'Key (bsn)=([bsn]) already exists; also [bsn].',
    );
  });

  it('leaves shorter and longer numbers alone', () => {
    expect(maskBsn('trace 12345678 and 1234567890')).toBe('trace 12345678 and 1234567890');
  });

  it('masks a number that prints as nine digits, and only that', () => {
    expect(maskNumber(900000557)).toBe('[bsn]');
    expect(maskNumber(100000000)).toBe('[bsn]');
    expect(maskNumber(99999999)).toBe(99999999);
    expect(maskNumber(1000000000)).toBe(1000000000);
    expect(maskNumber(900000557.5)).toBe(900000557.5);
    expect(maskNumber(-900000557)).toBe(-900000557);
  });

  describe('a structured line', () => {
    let captured: ReturnType<typeof captureLogs>;
    beforeEach(() => (captured = captureLogs('info')));
    afterEach(() => captured.stop());

    it('is masked in its message, its attributes, nested values, numbers and keys', () => {
      logger.info(
        {
          partner: 'swb',
          bsn: '900000557',
          count: 3,
          at: new Date('2026-12-02T10:00:00Z'),
          loose: 111222333,
          nested: { list: ['ok', 'about 900000557'], byBsn: { '111222333': 'x' } },
        },
        'looked at 900000557',
      );
      expect(captured.lines).toHaveLength(1);
      const [line] = captured.lines;
      expect(line).toMatchObject({
        msg: 'looked at [bsn]',
        partner: 'swb',
        bsn: '[bsn]',
        count: 3,
        at: '2026-12-02T10:00:00.000Z',
        loose: '[bsn]',
        nested: { list: ['ok', 'about [bsn]'], byBsn: { '[bsn]': 'x' } },
      });
      expect(JSON.stringify(line)).not.toMatch(/900000557|111222333/);
    });

    it('writes an error by its type, message, stack, cause and fields, masked, under any key', () => {
      const cause = new RangeError('row 111222333 missing');
      const error = Object.assign(new TypeError('no resident 900000557', { cause }), { code: '23505' });
      logger.error({ err: error, error }, 'failed');
      const [line] = captured.lines;
      for (const key of ['err', 'error']) {
        expect(line?.[key]).toMatchObject({
          type: 'TypeError',
          message: 'no resident [bsn]: row [bsn] missing',
          code: '23505',
        });
        expect(line?.[key]).toHaveProperty('stack', expect.stringContaining('TypeError: no resident [bsn]'));
      }
      expect(JSON.stringify(line)).not.toMatch(/900000557|111222333/);
    });

    it('leaves out what is nested too deep to walk, rather than writing it unmasked', () => {
      let deep: Record<string, unknown> = { bsn: '900000557' };
      for (let level = 0; level < 12; level++) deep = { inner: deep };
      logger.info(deep, 'deep');
      const text = JSON.stringify(captured.lines[0]);
      expect(text).toContain('[nested too deep]');
      expect(text).not.toContain('900000557');
    });
  });
});
