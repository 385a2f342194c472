import { bsnProblem, BSNScalar, isValidBsn } from '../bsn';

describe('BSN: 9 digits and the 11-proef', () => {
  it.each(['111222333', '123456782', '999999990'])('accepts %s', (bsn) => {
    expect(bsnProblem(bsn)).toBeNull();
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['12345678', 'a BSN has exactly 9 digits'],
    ['1234567890', 'a BSN has exactly 9 digits'],
    ['12345678a', 'a BSN has exactly 9 digits'],
    [' 11122233', 'a BSN has exactly 9 digits'],
    ['123456789', 'the BSN fails the 11-proef'],
    ['000000000', 'the BSN fails the 11-proef'],
  ])('rejects %s: %s', (bsn, problem) => {
    expect(bsnProblem(bsn)).toBe(problem);
  });

  it('rejects a number: leading zeros would be lost', () => {
    expect(bsnProblem(111222333)).toBe('a BSN is a string of 9 digits');
  });

  it('the scalar answers BAD_USER_INPUT and does not echo the value', () => {
    expect(() => BSNScalar.parseValue('123456789')).toThrow(
      expect.objectContaining({
        message: 'Invalid BSN: the BSN fails the 11-proef.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    );
  });
});
