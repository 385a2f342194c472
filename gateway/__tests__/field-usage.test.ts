import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { coordinatesOf, FieldUsageRecorder, readFieldUsage, usageSince } from '../field-usage';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    inwoner(bsn: String!): Inwoner
    gemeenten: [Gemeente!]!
  }
  type Inwoner {
    naam: String
    uitkeringen(lopend: Boolean): [Uitkering!]!
  }
  type Uitkering {
    regeling: String!
  }
  type Gemeente {
    code: String!
  }
`);

describe('Field usage: schema coordinates per client and day', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'field-usage-unit-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('names every field and passed argument once, through aliases and fragments, never a value or introspection', () => {
    const document = parse(/* GraphQL */ `
      query ($bsn: String!) {
        a: inwoner(bsn: $bsn) {
          ...Delen
        }
        b: inwoner(bsn: "999999990") {
          naam
        }
        __schema {
          queryType {
            name
          }
        }
      }
      fragment Delen on Inwoner {
        naam
        uitkeringen(lopend: true) {
          regeling
          __typename
        }
      }
    `);
    expect(coordinatesOf(schema, document)).toEqual([
      'Inwoner.naam',
      'Inwoner.uitkeringen',
      'Inwoner.uitkeringen.lopend',
      'Query.inwoner',
      'Query.inwoner.bsn',
      'Uitkering.regeling',
    ]);
  });

  it('adds each flush to the host file and sums the files of every host in the folder', async () => {
    const today = new Date('2026-12-01T10:00:00Z');
    const a = new FieldUsageRecorder(dir, 'a.json');
    a.record('web', ['Query.gemeenten', 'Gemeente.code'], today);
    await a.flush();
    a.record('web', ['Query.gemeenten'], today);
    a.record('bench', ['Query.gemeenten'], new Date('2026-11-01T10:00:00Z'));
    await a.close();
    const b = new FieldUsageRecorder(dir, 'b.json');
    b.record('web', ['Query.gemeenten'], today);
    await b.close();
    const usage = await readFieldUsage(dir);
    expect(usage).toEqual({
      '2026-12-01': { web: { 'Query.gemeenten': 3, 'Gemeente.code': 1 } },
      '2026-11-01': { bench: { 'Query.gemeenten': 1 } },
    });
    expect(usageSince(usage, '2026-11-15')).toEqual(
      new Map([
        ['Query.gemeenten', new Map([['web', 3]])],
        ['Gemeente.code', new Map([['web', 1]])],
      ]),
    );
  });

  it('keeps the counts for the next flush when the file cannot be written', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file where the folder should be');
    const recorder = new FieldUsageRecorder(blocked, 'a.json');
    recorder.record('web', ['Query.gemeenten'], new Date('2026-12-01T10:00:00Z'));
    await recorder.flush();
    await rm(blocked);
    await recorder.close();
    expect(await readFieldUsage(blocked)).toEqual({ '2026-12-01': { web: { 'Query.gemeenten': 1 } } });
  });

  it('reads no usage from a folder that does not exist', async () => {
    expect(await readFieldUsage(join(dir, 'none'))).toEqual({});
  });
});
