import { arrayElementType } from '../sql';

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
