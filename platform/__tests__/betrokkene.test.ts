import { betrokkenenIn } from '../audit/betrokkene';

describe('betrokkenenIn: the residents a resolver returns, whatever the shape', () => {
  it('finds the resident of one object, of every item of a list, and of every node of a page', () => {
    expect(betrokkenenIn({ bsn: '111222333', naam: 'x' })).toEqual(['111222333']);
    expect(betrokkenenIn([{ bsn: '111222333' }, { bsn: '444555666' }, { bsn: '111222333' }])).toEqual([
      '111222333',
      '444555666',
    ]);
    expect(
      betrokkenenIn({
        nodes: [{ bsn: '111222333' }, { bsn: '444555666' }],
        pageInfo: { hasNextPage: true, endCursor: 'opaque' },
      }),
    ).toEqual(['111222333', '444555666']);
    expect(betrokkenenIn([[{ bsn: '111222333' }], { nodes: [[{ bsn: '444555666' }]] }])).toEqual([
      '111222333',
      '444555666',
    ]);
  });

  it('finds nobody in values that are about no resident', () => {
    for (const value of [
      null,
      undefined,
      'x',
      42,
      {},
      [],
      { lopend: true },
      { nodes: [] },
      { code: 'GM0164' },
    ])
      expect(betrokkenenIn(value)).toEqual([]);
  });
});
