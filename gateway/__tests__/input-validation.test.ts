import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { checkScalarInputs } from '../input-validation';

const schema = buildSchema(/* GraphQL */ `
  scalar BSN
  scalar Date
  input Filter {
    bsns: [BSN!]
  }
  input Periode {
    van: Date!
    tot: Date!
  }
  type Query {
    inwoner(bsn: BSN!): String
    zoek(filter: Filter): String
    naam(x: String): String
    cijfers(periode: Periode!): String
  }
`);

function check(document: string, variables?: Record<string, unknown>): void {
  checkScalarInputs(schema, parse(document).definitions[0] as OperationDefinitionNode, variables);
}

describe('Gateway: BSN and Date inputs are checked before planning', () => {
  it('passes valid BSNs in literals, variables, lists and input objects', () => {
    expect(() => check('{ inwoner(bsn: "111222333") }')).not.toThrow();
    expect(() => check('query($b: BSN!) { inwoner(bsn: $b) }', { b: '111222333' })).not.toThrow();
    expect(() =>
      check('query($f: Filter) { zoek(filter: $f) }', { f: { bsns: ['111222333', '123456782'] } }),
    ).not.toThrow();
    expect(() => check('{ zoek(filter: { bsns: ["111222333"] }) }')).not.toThrow();
  });

  it('rejects an invalid BSN wherever it stands, with the reason', () => {
    const badInput = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    });
    expect(() => check('{ inwoner(bsn: "123456789") }')).toThrow(badInput);
    expect(() => check('{ inwoner(bsn: 111222333) }')).toThrow('Invalid BSN: a BSN is written as a string.');
    expect(() => check('query($b: BSN!) { inwoner(bsn: $b) }', { b: '12' })).toThrow(
      'Invalid BSN: a BSN has exactly 9 digits.',
    );
    expect(() =>
      check('query($f: Filter) { zoek(filter: $f) }', { f: { bsns: ['111222333', '123456789'] } }),
    ).toThrow('Invalid BSN: the BSN fails the 11-proef.');
    expect(() => check('{ zoek(filter: { bsns: ["000000000"] }) }')).toThrow(badInput);
  });

  it('leaves other strings alone', () => {
    expect(() => check('{ naam(x: "123") }')).not.toThrow();
  });

  it('rejects a date that is not on the calendar, in a variable or a literal', () => {
    const document = 'query($p: Periode!) { cijfers(periode: $p) }';
    expect(() => check(document, { p: { van: '2024-01-01', tot: '2024-12-31' } })).not.toThrow();
    expect(() => check(document, { p: { van: '2024-02-30', tot: '2024-12-31' } })).toThrow(
      'Invalid Date: expected a calendar date as YYYY-MM-DD.',
    );
    expect(() => check('{ cijfers(periode: { van: "2024-1-1", tot: "2024-12-31" }) }')).toThrow(
      'Invalid Date',
    );
  });
});
