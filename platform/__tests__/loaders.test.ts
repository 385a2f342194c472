import { isJsonLike } from '../loaders';

describe('Loaders: which columns may travel in a combined statement’s JSON', () => {
  it.each([
    'char(9)',
    'character(6)',
    'varchar(255)',
    'text',
    'uuid',
    'int',
    'integer',
    'smallint',
    'boolean',
    'date',
  ])('takes %s: its JSON reads as the driver returns it', (type) => {
    expect(isJsonLike(type)).toBe(true);
  });

  it.each(['bigint', 'numeric(10,2)', 'timestamptz', 'timestamp(6)', 'jsonb', 'text[]', 'bytea', 'regeling'])(
    'reads a table with a %s column on its own: another value in JSON, or a type not known to keep it',
    (type) => {
      expect(isJsonLike(type)).toBe(false);
    },
  );
});
