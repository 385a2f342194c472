import { Client } from 'pg';
import { pseudonym } from '../platform/audit/pseudonym';
import { SUBGRAPH_NAMES } from '../platform/config';
import type { Resident } from '../platform/auth/principals';
import { runSql } from '../platform/sql';
import { KETENBEELD } from './support/documents';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import { recordStatements, type Sent } from './support/statements';

/** Every value a statement carried, arrays opened, as text. */
const valuesOf = (sent: Sent[]): string[] =>
  sent.flatMap(({ values }) => values.flat().map((value) => String(value)));

const INWONERS_VAN_GEMEENTE = /* GraphQL */ `
  query Inwoners($after: String) {
    gemeente(code: "GM0153") {
      inwoners(first: 3, after: $after) {
        nodes {
          bsn
          uitkeringen {
            regeling
          }
          trajecten {
            soort
          }
          plaatsingen {
            soort
            werkgever {
              naam
            }
          }
          schuldhulpstatus {
            fase
          }
          ontwikkeltrajecten {
            soort
          }
        }
        pageInfo {
          endCursor
        }
      }
    }
  }
`;

const LOGBOEK_VAN_INWONER = /* GraphQL */ `
  query Logboek($bsn: BSN!) {
    logboek(filter: { bsn: $bsn }) {
      swb {
        traceId
      }
    }
  }
`;

const MIJN_INZAGE = /* GraphQL */ `
  query {
    mijnInzage {
      werkInkomen {
        traceId
      }
    }
  }
`;

const OPEN_CASUSOVERLEG = /* GraphQL */ `
  mutation Open($bsn: BSN!) {
    openCasusoverleg(input: { bsn: $bsn, titel: "Werk", grondslag: TOESTEMMING }) {
      id
    }
  }
`;

const VROEGSIGNAAL = /* GraphQL */ `
  mutation Vroegsignaal($bsn: BSN!) {
    registreerVroegsignaal(
      input: { bsn: $bsn, gemeente: "GM0164", soort: ENERGIE, datum: "2026-11-20", bedragCenten: 43000 }
    ) {
      id
    }
  }
`;

describe('Bound parameters: no BSN or pseudonym travels in the text of a statement to PostgreSQL', () => {
  let hub: TestHub;
  const bhh = fixtureBsns(3, 1300);
  const enschede = fixtureBsns(6, 1400);
  const [bsn, gemeld] = bhh as [string, string];
  const alle = [...bhh, ...enschede];

  beforeAll(async () => {
    hub = await startTestHub('parameters', async (orms) => {
      await insertResidents(orms, 'GM0164', bhh);
      await insertResidents(orms, 'GM0153', enschede);
    });
  });
  afterAll(() => hub?.close());

  const must = async (response: Promise<GraphQLResponse>): Promise<GraphQLResponse> => {
    const answer = await response;
    expect(answer.errors).toBeUndefined();
    return answer;
  };

  it('sends the look-ups, log reads and changes about residents with every value bound, the text only placeholders', async () => {
    const sent = await recordStatements(async () => {
      // A resident across the chain, by BSN; a gemeente's residents, two pages (the cursor hides a BSN).
      await must(hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh' }));
      const first = await must(hub.query(INWONERS_VAN_GEMEENTE, {}, { as: 'klantmanagerEnschede' }));
      const after = first.data?.gemeente.inwoners.pageInfo.endCursor as string;
      await must(hub.query(INWONERS_VAN_GEMEENTE, { after }, { as: 'klantmanagerEnschede' }));
      // The processing log by the resident's pseudonym, and the resident's own report.
      await must(
        hub.query(LOGBOEK_VAN_INWONER, { bsn }, { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' }),
      );
      const resident: Resident = { bsn, roles: ['INWONER'] };
      await must(hub.query(MIJN_INZAGE, {}, { as: resident, purpose: null }));
      // Changes the ORM's unit of work flushes, and an event in the outbox.
      await must(hub.query(OPEN_CASUSOVERLEG, { bsn }, { as: 'klantmanagerBhh', purpose: 'casusoverleg' }));
      await must(hub.query(VROEGSIGNAAL, { bsn: gemeld }, { as: 'schuldhulpverlener' }));
    });

    const pseudonyms = SUBGRAPH_NAMES.flatMap((name) =>
      [bsn, gemeld].map((one) => pseudonym(one, hub.pseudonymKeys[name])),
    );
    const secrets = [...alle, ...pseudonyms];
    // Nothing personal in any text ...
    const leaks = sent.filter(({ text }) => secrets.some((secret) => text.includes(secret)));
    expect(leaks.map(({ text }) => text)).toEqual([]);
    // ... while the statements did carry them, as values: the resident looked up, every resident of
    // both pages, the pseudonyms the log was read by and written with, the changed residents.
    const values = valuesOf(sent);
    expect(values).toEqual(expect.arrayContaining([bsn, gemeld, ...enschede]));
    expect(values).toEqual(
      expect.arrayContaining(SUBGRAPH_NAMES.map((name) => pseudonym(bsn, hub.pseudonymKeys[name]))),
    );
    // A loader asks for a batch of several residents with one typed array, for one resident with a typed
    // value, so the index on bsn serves.
    expect(sent.map(({ text }) => text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"bsn" = any\(\$1::bpchar\[\]\)/),
        expect.stringMatching(/"bsn" = \$1::bpchar\b/),
      ]),
    );
  });

  it("prepares the loaders' statements, one name per text, and runs them by name again", async () => {
    const sent = await recordStatements(async () => {
      for (const one of bhh) await must(hub.query(KETENBEELD, { bsn: one }, { as: 'klantmanagerBhh' }));
    });
    const loaderSelects = sent.filter(({ text }) =>
      /^select .*"bsn" = (any\(\$1::bpchar\[\]\)|\$1::bpchar)/s.test(text),
    );
    // Several reads for each of three residents.
    expect(loaderSelects.length).toBeGreaterThanOrEqual(3 * 5);
    expect(loaderSelects.filter(({ name }) => !name)).toEqual([]);
    const nameOf = new Map<string, Set<string | undefined>>();
    for (const { text, name } of loaderSelects) nameOf.set(text, (nameOf.get(text) ?? new Set()).add(name));
    for (const names of nameOf.values()) expect(names.size).toBe(1);
    expect(new Set(loaderSelects.map(({ name }) => name)).size).toBe(nameOf.size);
    // Each text ran for every resident: the same prepared statement, other values.
    expect(loaderSelects.length).toBeGreaterThan(nameOf.size);
  });

  it('settles a prepared loader statement for one resident on a generic plan, by the index on bsn', async () => {
    const sent = await recordStatements(async () => {
      await must(hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh' }));
    });
    const lookUp = sent.find(
      ({ text, name }) => name && /^select .* from "uitkering" where "bsn" = \$1::bpchar /.test(text),
    );
    if (!lookUp) throw new Error('no prepared look-up of one resident’s benefits was sent');
    const client = new Client({ connectionString: hub.databaseUrls['werk-inkomen'] });
    await client.connect();
    try {
      // Statistics for every table, as autovacuum would gather them: the plans do not hang on its timing.
      await client.query('analyze');
      // The tables are small: without this the planner scans them whatever the condition says.
      await client.query('set enable_seqscan = off');
      const types = lookUp.values.map((value) => (Array.isArray(value) ? 'bpchar[]' : 'bpchar'));
      await client.query(`prepare lookup (${types.join(', ')}) as ${lookUp.text}`);
      const args = lookUp.values.map(
        (value) => `'${Array.isArray(value) ? `{${value.join(',')}}` : String(value)}'`,
      );
      // PostgreSQL plans the first five runs for their values, then weighs a plan for any value.
      for (let run = 0; run < 7; run++) await client.query(`execute lookup(${args.join(', ')})`);
      const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
        `select generic_plans, custom_plans from pg_prepared_statements where name = 'lookup'`,
      );
      expect(rows).toEqual([{ generic_plans: '2', custom_plans: '5' }]);
      const explained = await client.query<{ 'QUERY PLAN': string }>(
        `explain execute lookup(${args.join(', ')})`,
      );
      const plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Cond: \(bsn = \$1\)/);
    } finally {
      await client.end();
    }
  });

  it('keeps the index on bsn in the generic plan of a prepared loader statement for several residents', async () => {
    const client = new Client({ connectionString: hub.databaseUrls['werk-inkomen'] });
    await client.connect();
    try {
      // With the statistics autovacuum (or the seed's load) gathers: a generic plan does not know how many
      // keys come, and without statistics it may take the gemeente's index and filter every row by bsn.
      await client.query('analyze uitkering');
      await client.query('set enable_seqscan = off');
      // Forced: PostgreSQL costs `= any($1)` as if for several keys and keeps planning for the values, but
      // a generic plan must still use the index should it choose one.
      await client.query('set plan_cache_mode = force_generic_plan');
      await client.query(
        'prepare uitkeringen (bpchar[], bpchar[]) as select * from uitkering where bsn = any($1) and gemeente = any($2)',
      );
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `explain execute uitkeringen('{${enschede.join(',')}}', '{GM0153}')`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Cond: \(bsn = ANY \(\$1\)\)/);
    } finally {
      await client.end();
    }
  });

  it('leaves the text of a statement without values alone, and takes `\\?` for a question mark in one with values', async () => {
    // The ORM's patch of knex numbers no placeholders when there are no values; an upgrade that changed
    // that would turn the jsonb operator below into a parameter.
    const em = hub.orms.swb.em.fork();
    expect(await runSql(em, `select '{"a": 1}'::jsonb ? 'a' as has`)).toEqual([{ has: true }]);
    expect(await runSql(em, `select '{"a": 1}'::jsonb \\? ?::text as has`, ['b'])).toEqual([{ has: false }]);
    // A placeholder without its value is refused before anything reaches the server.
    await expect(runSql(em, 'select ?::int as n, ?::int as m', [1])).rejects.toThrow(
      /Expected 1 bindings, saw 2/,
    );
  });

  it('finds a batch of residents by the index on bsn with a bpchar array, not with a text array', async () => {
    const client = new Client({ connectionString: hub.databaseUrls['werk-inkomen'] });
    await client.connect();
    try {
      // The tables are small: without this the planner scans them whatever the condition says.
      await client.query('set enable_seqscan = off');
      const plan = async (array: string): Promise<string> => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `explain select * from uitkering where bsn = any($1::${array}[])`,
          [enschede],
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      expect(await plan('bpchar')).toMatch(/Index Cond: \(bsn = ANY /);
      // A text array compares bsn as text: the index cannot serve.
      expect(await plan('text')).not.toMatch(/Index Cond/);
    } finally {
      await client.end();
    }
  });
});
