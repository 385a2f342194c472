import { arrayElementType, preparedName } from '../sql';

describe('SQL: the element type of a key array is the column’s own type', () => {
  it.each([
    ['char(9)', 'bpchar'],
    ['character(6)', 'bpchar'],
    ['CHAR(64)', 'bpchar'],
    ['varchar(255)', 'varchar'],
    ['character varying(20)', 'varchar'],
    ['serial', 'int'],
    ['bigserial', 'bigint'],
    ['int', 'int'],
    ['integer', 'integer'],
    ['bigint', 'bigint'],
    ['text', 'text'],
    ['uuid', 'uuid'],
  ])('makes %s an array of %s', (column, element) => {
    expect(arrayElementType(column)).toBe(element);
  });

  it('refuses a type it cannot spell safely in a cast', () => {
    expect(() => arrayElementType('int); drop table inwoner; --')).toThrow(/No array type/);
  });
});

describe('SQL: the name a statement is prepared under', () => {
  const text = 'select "bsn" from "uitkering" where "bsn" = any(?::bpchar[])';

  it('is the same for the same text, in every call (and so on every replica)', () => {
    expect(preparedName(text)).toBe(preparedName(`${text}`));
    expect(preparedName(text)).toMatch(/^keten_[0-9a-f]{32}$/);
  });

  it('differs for another text, however slightly', () => {
    expect(preparedName(`${text} order by "bsn"`)).not.toBe(preparedName(text));
    expect(preparedName(text.replace('bsn', 'BSN'))).not.toBe(preparedName(text));
  });

  it('fits in PostgreSQL identifiers (63 bytes)', () => {
    expect(Buffer.byteLength(preparedName(text))).toBeLessThanOrEqual(63);
  });
});
