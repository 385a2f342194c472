import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { checkBsnInputs } from '../bsn-validation';

const schema = buildSchema(/* GraphQL */ `
  scalar BSN
  input Filter {
    bsns: [BSN!]
  }
  type Query {
    inwoner(bsn: BSN!): String
    zoek(filter: Filter): String
    naam(x: String): String
  }
`);

function check(document: string, variables?: Record<string, unknown>): void {
  checkBsnInputs(schema, parse(document).definitions[0] as OperationDefinitionNode, variables);
}

describe('Gateway: BSN inputs are checked before planning', () => {
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
    expect(() => check('{ inwoner(bsn: 111222333) }')).toThrow('Invalid BSN: a BSN is a string of 9 digits.');
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
});
