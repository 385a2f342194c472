import { maskBsn } from '../logger';

describe('Logger: no BSN reaches a log line', () => {
  it('masks every 9-digit number in a message', () => {
    expect(maskBsn('Key (bsn)=(900000557) already exists; also 111222333.')).toBe(
      'Key (bsn)=([bsn]) already exists; also [bsn].',
    );
  });

  it('leaves shorter and longer numbers alone', () => {
    expect(maskBsn('trace 12345678 and 1234567890')).toBe('trace 12345678 and 1234567890');
  });
});
