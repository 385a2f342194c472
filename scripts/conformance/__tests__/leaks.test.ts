import { leakIn } from '../checks';
import { subgraphShape } from '../subgraph-shape';

describe('leakIn: what an error must never carry', () => {
  it.each([
    ['a Node stack frame', '"    at Object.parse (/srv/partner/dist/server.js:41:13)"', 'a stack trace'],
    ['a frame without a function name', '"at file:///app/index.mjs:3:9"', 'a stack trace'],
    ['a stack trace field', '{"extensions":{"stacktrace":[]}}', 'a stack trace'],
    ['a Java exception field', '{"exception":{"type":"NullPointerException"}}', 'a stack trace'],
    ['a Unix path', '"cannot open /home/partner/config.yaml"', 'a file path'],
    ['a Windows path', '"C:\\\\inetpub\\\\wwwroot\\\\web.config"', 'a file path'],
    ['a module folder', '"Cannot find module \'pg\' in node_modules"', 'a file path'],
    ['a source line', '"resolver.py:88 raised KeyError"', 'a file path'],
    ['a private address', '"connect to 10.12.0.7 failed"', 'an internal address'],
    ['a loopback address', '"upstream 127.0.0.1:5432 refused"', 'an internal address'],
    ['localhost', '"http://localhost:4002/graphql"', 'an internal address'],
    ['a socket error code', '"connect ECONNREFUSED"', 'an internal address'],
    ['a connection string', '"postgresql://app@db.internal/swb"', 'a connection string'],
  ])('finds %s', (_what, text, kind) => {
    expect(leakIn(text)).toMatch(new RegExp(`^${kind} \\(`));
  });

  it.each([
    '{"errors":[{"message":"Subgraphs answer requests from the gateway only.","extensions":{"code":"UNAUTHENTICATED"}}]}',
    '{"errors":[{"message":"Invalid BSN: the BSN fails the 11-proef.","extensions":{"code":"BAD_USER_INPUT"}}]}',
    '{"errors":[{"message":"Route GET:/graphql?query=%7B__typename%7D not found","extensions":{"code":"BAD_REQUEST"}}]}',
    '{"errors":[{"message":"Cannot query field \\"geheim\\" on type \\"Query\\".","locations":[{"line":1,"column":3}]}]}',
    '{"errors":[{"message":"Internal server error.","path":["_entities",0],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
  ])('finds nothing in a clean error: %s', (text) => {
    expect(leakIn(text)).toBeNull();
  });
});

describe('subgraphShape: what the suite reads of a subgraph schema', () => {
  const shape = subgraphShape(/* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.7"
        import: ["@key", "@external", "@requires", "@inaccessible"]
      )
    scalar BSN
    enum Fase {
      AANMELDING
    }
    type Traject {
      id: ID!
    }
    type Inwoner @key(fields: "bsn") {
      bsn: BSN!
      uitkeringsorganisatie: String @external
      geheim: String @inaccessible
      trajecten(first: Int!): [Traject!]
      fase: Fase @requires(fields: "uitkeringsorganisatie")
      begeleiders: [Traject!]
    }
    type Gemeente @key(fields: "code") {
      code: String!
    }
    type Logboek @key(fields: "zoekvraag") {
      zoekvraag: String! @inaccessible
      nieuw: [String!]
    }
  `);

  it('lists the entities, the own fields of Inwoner with a selection where they need one, and the log field', () => {
    expect([...shape.entities].sort()).toEqual(['Gemeente', 'Inwoner', 'Logboek']);
    expect(shape.inwonerFields).toEqual([
      { name: 'fase', selection: '' },
      { name: 'begeleiders', selection: ' { __typename }' },
    ]);
    expect(shape.inwonerExternal).toEqual(['uitkeringsorganisatie']);
    expect(shape.logboekField).toBe('nieuw');
  });
});
