import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';

const INWONER = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      bsn
      naam
      gemeente
      uitkeringen {
        regeling
        ingangsdatum
        einddatum
        uitstroomreden
        bedragPerMaandCenten
      }
      loonkostensubsidies {
        werkgever
        loonwaarde
      }
      trajecten {
        soort
        resultaat
      }
      swDienstverbanden {
        soort
        gedetacheerd
      }
      plaatsingen {
        soort
        metLks
        werkgever {
          naam
        }
      }
      lopendeUitkering {
        regeling
        sinds
      }
      schuldhulpstatus {
        lopend
        fase
      }
      ontwikkeltrajecten {
        soort
        budgetCenten
      }
    }
  }
`;

describe('Hub: one query across the five partners', () => {
  let hub: TestHub;
  const [bsn, otherBsn] = fixtureBsns(2);

  beforeAll(async () => {
    hub = await startTestHub('hub', (orms) =>
      insertResidents(orms, 'GM0164', [bsn as string, otherBsn as string]),
    );
  });
  afterAll(() => hub?.close());

  it('returns a resident with data from all five subgraphs to a KLANTMANAGER of the paying organisation', async () => {
    const response = await hub.query(INWONER, { bsn });
    expect(response.errors).toBeUndefined();
    const inwoner = response.data?.inwoner;
    expect(inwoner).toMatchObject({ bsn, gemeente: 'GM0164' });
    expect(inwoner.uitkeringen).toEqual([
      {
        regeling: 'PW',
        ingangsdatum: '2023-02-01',
        einddatum: null,
        uitstroomreden: null,
        bedragPerMaandCenten: 123456,
      },
      {
        regeling: 'IOAW',
        ingangsdatum: '2021-05-01',
        einddatum: '2022-10-14',
        uitstroomreden: 'WERK',
        bedragPerMaandCenten: 98700,
      },
    ]);
    expect(inwoner.loonkostensubsidies).toEqual([{ werkgever: 'Synthetische Werkgever BV', loonwaarde: 60 }]);
    expect(inwoner.trajecten).toEqual([{ soort: 'ARBEIDSFIT', resultaat: 'BETAALD_WERK' }]);
    expect(inwoner.swDienstverbanden).toEqual([{ soort: 'NIEUW_BESCHUT', gedetacheerd: true }]);
    expect(inwoner.plaatsingen).toEqual([
      { soort: 'PROEFPLAATSING', metLks: true, werkgever: { naam: 'Synthetische Werkgever BV' } },
    ]);
    expect(inwoner.lopendeUitkering).toEqual({ regeling: 'PW', sinds: '2023-02-01' });
    expect(inwoner.schuldhulpstatus).toEqual({ lopend: true, fase: 'STABILISATIE' });
    expect(inwoner.ontwikkeltrajecten).toEqual([{ soort: 'SCHOLING', budgetCenten: 250000 }]);
  });

  it('shows the Stadsbank its own debt-help details of the same resident', async () => {
    const response = await hub.query(
      /* GraphQL */ `
        query Schuld($bsn: BSN!) {
          inwoner(bsn: $bsn) {
            schuldhulptrajecten {
              fase
              bron
              totaleSchuldCenten
              aantalSchuldeisers
            }
            vroegsignalen {
              soort
              bedragCenten
            }
          }
        }
      `,
      { bsn },
      { as: 'schuldhulpverlener' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.inwoner).toEqual({
      schuldhulptrajecten: [
        { fase: 'STABILISATIE', bron: 'BUDGETALERT', totaleSchuldCenten: 1543200, aantalSchuldeisers: 7 },
      ],
      vroegsignalen: [{ soort: 'HUUR', bedragCenten: 85000 }],
    });
  });

  it('answers null without errors for a valid BSN nobody knows', async () => {
    const [unknown] = fixtureBsns(1, 5000);
    const response = await hub.query(INWONER, { bsn: unknown });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ inwoner: null });
  });

  it.each([
    ['too short', '12345678', 'a BSN has exactly 9 digits'],
    ['not digits', '12345678a', 'a BSN has exactly 9 digits'],
    ['failing the 11-proef', '123456789', 'the BSN fails the 11-proef'],
    ['all zeros', '000000000', 'the BSN fails the 11-proef'],
  ])(
    'rejects a BSN variable %s with BAD_USER_INPUT before any subgraph is called',
    async (_case, value, reason) => {
      let response: Awaited<ReturnType<TestHub['query']>> | undefined;
      const counts = await hub.countSql(async () => {
        response = await hub.query(INWONER, { bsn: value });
      });
      expect(response?.data ?? null).toBeNull();
      expect(response?.errors).toEqual([
        expect.objectContaining({
          message: `Invalid BSN: ${reason}.`,
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
      expect(Object.values(counts).every((count) => count === 0)).toBe(true);
      expect(JSON.stringify(response)).not.toContain(value);
    },
  );

  it('rejects an invalid BSN literal in the document, also as a number', async () => {
    for (const literal of ['"111222334"', '111222333']) {
      const response = await hub.query(`{ inwoner(bsn: ${literal}) { naam } }`);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers a malformed document with a parse error, not a crash', async () => {
    const response = await hub.query('{ inwoner(bsn: "');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const after = await hub.query(INWONER, { bsn });
    expect(after.data?.inwoner?.bsn).toBe(bsn);
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.token(PERSONAS.klantmanagerBhh)}`,
      },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
  });

  it('pages through the residents of a gemeente with a cursor', async () => {
    const page = /* GraphQL */ `
      query Page($after: String) {
        gemeente(code: "GM0164") {
          naam
          inwoners(first: 1, after: $after) {
            nodes {
              bsn
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `;
    const first = await hub.query(page);
    expect(first.data?.gemeente.naam).toBe('Hengelo');
    expect(first.data?.gemeente.inwoners.nodes).toEqual([{ bsn }]);
    expect(first.data?.gemeente.inwoners.pageInfo.hasNextPage).toBe(true);
    const second = await hub.query(page, { after: first.data?.gemeente.inwoners.pageInfo.endCursor });
    expect(second.data?.gemeente.inwoners).toEqual({
      nodes: [{ bsn: otherBsn }],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
  });

  it('caps the page size', async () => {
    const response = await hub.query(
      `{ gemeente(code: "GM0164") { inwoners(first: 251) { nodes { bsn } } } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('still answers the other partners when one subgraph is down, with an error for the missing part', async () => {
    await hub.subgraphs.schuldhulp.close();
    const response = await hub.query(INWONER, { bsn });
    expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
    expect(response.data?.inwoner.trajecten).toHaveLength(1);
    expect(response.data?.inwoner.ontwikkeltrajecten).toHaveLength(1);
    expect(response.data?.inwoner.schuldhulpstatus).toBeNull();
    expect(response.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'schuldhulp' }),
        }),
      ]),
    );
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED/);
  });

  describe('hostile documents', () => {
    it('refuses a document nested too deep', async () => {
      const deep = `{ werkgevers { nodes { ${'vacatures { werkgever { '.repeat(6)}naam${' } }'.repeat(6)} } } }`;
      const response = await hub.query(deep);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a document with hundreds of aliases', async () => {
      const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: gemeente(code: "GM0164") { naam }`).join(
        ' ',
      );
      const response = await hub.query(`{ ${aliases} }`);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a batch of operations in one request', async () => {
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await hub.token(PERSONAS.klantmanagerBhh)}`,
        },
        body: JSON.stringify([{ query: '{ gemeenten { naam } }' }, { query: '{ gemeenten { naam } }' }]),
      });
      expect(response.status).toBe(400);
    });

    it('refuses a document of too many tokens with a parse error', async () => {
      const response = await hub.query(`{ gemeenten { ${'naam '.repeat(6000)}} }`);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('refuses a document nested thousands deep with a parse error, not an internal error', async () => {
      // A list 2400 deep is within the token limit, and deep enough to exhaust the parser's stack.
      const response = await hub.query(
        `{ gemeente(code: ${'['.repeat(2400)}"GM0164"${']'.repeat(2400)}) { naam } }`,
      );
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/nests deeper than 64 levels/);
    });

    it('refuses a page so large that its estimated cost is too high', async () => {
      const response = await hub.query(
        `{ gemeente(code: "GM0164") { inwoners(first: 100000) { nodes { bsn } } } }`,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('does not suggest field names to a caller who guesses', async () => {
      const response = await hub.query('{ inwoner(bsn: "111222333") { nam } }');
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/);
    });

    it('keeps answering after all of them', async () => {
      const response = await hub.query(INWONER, { bsn });
      expect(response.data?.inwoner?.bsn).toBe(bsn);
    });
  });
});
