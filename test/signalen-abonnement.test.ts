import { pseudonym } from '../platform/audit/pseudonym';
import type { Principal } from '../platform/auth/principals';
import { SIGNAAL_TOPIC, Signaalmeldingen } from '../platform/signalen/meldingen';
import { ACTIVITEITEN as WERK_INKOMEN } from '../subgraphs/werk-inkomen/toegang';
import { ACTIVITEITEN as SCHULDHULP } from '../subgraphs/schuldhulp/toegang';
import { fixtureBsns, insertResidents, geefToestemmingVoorSchuldhulp } from './support/fixtures';
import { startTestSignaalstroom, type TestSignaalstroom } from './support/signaalstroom';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS, type Persona } from './support/personas';
import { databaseThrough, startDatabaseProxy, startHttpRecorder, type HttpRecorder } from './support/proxies';
import { subscribeSse, type SseStream } from './support/sse';

const SIGNAAL = /* GraphQL */ `
  fragment Signaal on Signaal {
    id
    ontvanger
    regel
    omschrijving
    bsn
    gemeente
    status
  }
`;
const WERK_INKOMEN_STROOM = /* GraphQL */ `
  subscription SignalenWerkInkomen {
    signaalOntvangenWerkInkomen {
      ...Signaal
    }
  }
  ${SIGNAAL}
`;
const SCHULDHULP_STROOM = /* GraphQL */ `
  subscription SignalenSchuldhulp {
    signaalOntvangenSchuldhulp {
      ...Signaal
    }
  }
  ${SIGNAAL}
`;

const bsns = fixtureBsns(6, 900);
const enschedeBsns = fixtureBsns(2, 950);
const GEMEENTE = 'GM0164';
let hub: TestHub;
let stroom: TestSignaalstroom;
let recorder: HttpRecorder;
const open: SseStream[] = [];

async function abonneer(
  document: string,
  as: Persona | Principal,
  options: { purpose?: string; token?: string } = {},
): Promise<SseStream> {
  const caller = typeof as === 'string' ? PERSONAS[as] : as;
  const stream = await subscribeSse(
    hub.gateway.url,
    { query: document },
    {
      authorization: `Bearer ${options.token ?? (await hub.token(caller))}`,
      'x-doelbinding': options.purpose ?? 'uitvoering',
    },
  );
  open.push(stream);
  return stream;
}

async function ok(
  document: string,
  variables: Record<string, unknown>,
  as: Persona | Principal,
): Promise<void> {
  const response = await hub.query(document, variables, { as });
  expect(response.errors).toBeUndefined();
}

/** Waits for a condition the system reaches on its own; the deadline only ends a broken run. */
async function wachtOp<T>(wat: string, probeer: () => T | null | undefined | false): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = probeer();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${wat}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Rows a query finds once the system has stored them. */
async function waitForRows<T>(query: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await query();
    if (rows.length > 0) return rows;
    if (Date.now() > deadline) throw new Error('gave up waiting for rows');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The codes of a refused subscription: the gateway's single answer, as one event or as a JSON body. */
async function geweigerd(stream: SseStream): Promise<string[]> {
  const body = stream.body as { errors?: { extensions?: { code?: string } }[] } | null;
  const errors = body?.errors ?? (await stream.next('the refusal')).data?.errors ?? [];
  return errors.map((error) => String(error.extensions?.code));
}

/** Werkplein's adviser in the gemeente of the placement. */
const adviseur = (gemeente: string): Principal => ({ ...PERSONAS.adviseurWerk, gemeenten: [gemeente] });

async function startPlaatsing(bsn: string, gemeente = GEMEENTE): Promise<void> {
  await ok(
    /* GraphQL */ `
      mutation Plaatsing($input: StartPlaatsingInput!) {
        startPlaatsing(input: $input) {
          id
        }
      }
    `,
    {
      input: { bsn, gemeente, werkgeverId: '1', soort: 'REGULIER', metLks: false, startdatum: '2026-11-02' },
    },
    adviseur(gemeente),
  );
}

/** Log lines of a partner for one resident and activity, with the employee of each (from its actor record). */
async function logregels(
  subgraph: 'werk-inkomen' | 'schuldhulp',
  activiteit: string,
  bsn: string,
): Promise<string[]> {
  const rows = await hub.asOwner<{ medewerker: string }>(
    subgraph,
    `select a.medewerker from verwerking v
       join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
      where v.processing_activity_id = $1 and v.data_subject_id = $2 order by v.id`,
    [activiteit, pseudonym(bsn, hub.pseudonymKeys[subgraph])],
  );
  return rows.map((row) => row.medewerker);
}

beforeAll(async () => {
  // The stream as `npm start` makes it: its owner made the table, the services publish as its runtime role.
  stroom = await startTestSignaalstroom('abonnement', { pollIntervalMs: 200 });
  const { transport } = stroom;
  // Werk en Inkomen is reached through a hop that records what the gateway sends it.
  recorder = await startHttpRecorder();
  hub = await startTestHub(
    'abonnement',
    async (orms) => {
      await insertResidents(orms, GEMEENTE, bsns);
      await insertResidents(orms, 'GM0153', enschedeBsns);
    },
    {
      signalen: { transport, relayIntervalMs: 50 },
      routeSubgraph: (name, target) => {
        if (name !== 'werk-inkomen') return target;
        recorder.target = target;
        return recorder.url;
      },
    },
  );
}, 120_000);

afterEach(() => {
  for (const stream of open.splice(0)) stream.close();
});

afterAll(async () => {
  await hub?.close();
  await recorder?.close();
  await stroom?.close();
});

describe('every replica hears of stored signals through its database', () => {
  it('a listening connection that is lost comes back and announces what was stored meanwhile', async () => {
    const proxy = await startDatabaseProxy();
    const url = databaseThrough(proxy, 'werk-inkomen')('werk-inkomen', hub.databases['werk-inkomen'].url);
    // Another replica of werk-inkomen: it runs no consumer, it only listens.
    const replica = new Signaalmeldingen({
      database: { connectionString: url },
      backoffMs: 50,
      maxBackoffMs: 200,
    });
    try {
      await replica.start();
      expect(replica.luistert).toBe(true);
      const meldingen = replica.subscribe(SIGNAAL_TOPIC)[Symbol.asyncIterator]();
      const volgende = meldingen.next();
      proxy.cut();
      await wachtOp('the connection lost', () => !replica.luistert);
      const bsn = bsns[5] as string;
      await startPlaatsing(bsn);
      const [opgeslagen] = await waitForRows(() =>
        hub.asOwner<{ id: number }>('werk-inkomen', 'select id from signaal where bsn = $1', [bsn]),
      );
      proxy.restore();
      const { value } = await volgende;
      expect(value).toEqual({ id: opgeslagen?.id });
      await meldingen.return?.();
    } finally {
      await replica.stop();
      await proxy.close();
    }
  });
});

describe('signals as they arrive, through the gateway', () => {
  it('a placement reaches the subscribed client manager of its gemeente, logged once before it is sent; no one else', async () => {
    const bhh = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    const enschede = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerEnschede');
    expect(bhh.status).toBe(200);
    expect(bhh.contentType).toContain('text/event-stream');
    const bsn = bsns[0] as string;
    await startPlaatsing(bsn);
    const event = await bhh.next('the placement signal');
    expect(event.event).toBe('next');
    expect(event.data?.errors).toBeUndefined();
    expect(event.data?.data?.signaalOntvangenWerkInkomen).toMatchObject({
      ontvanger: 'werk-inkomen',
      regel: 'plaatsing-bij-uitkering',
      omschrijving: 'Er is een signaal van het Werkplein over deze inwoner met een uitkering.',
      bsn,
      gemeente: GEMEENTE,
      status: 'NIEUW',
    });
    // The delivery by the signal service, and the one look of the employee it was sent to.
    expect(await logregels('werk-inkomen', WERK_INKOMEN.signaalPlaatsing.id, bsn)).toEqual([
      'signaaldienst',
      'km-hengelo-1',
    ]);

    // Enschede's client manager heard nothing of it: the first signal on that stream is Enschede's own.
    const inEnschede = enschedeBsns[0] as string;
    await startPlaatsing(inEnschede, 'GM0153');
    const eigen = await enschede.next('the Enschede signal');
    expect(eigen.data?.data?.signaalOntvangenWerkInkomen).toMatchObject({
      bsn: inEnschede,
      gemeente: 'GM0153',
    });
    // And Hengelo's stream skips Enschede's signal: its next one is the next Hengelo placement.
    const tweede = bsns[1] as string;
    await startPlaatsing(tweede);
    const volgende = await bhh.next('the second placement signal');
    expect(volgende.data?.data?.signaalOntvangenWerkInkomen).toMatchObject({ bsn: tweede });
    expect(await logregels('werk-inkomen', WERK_INKOMEN.signaalPlaatsing.id, inEnschede)).toEqual([
      'signaaldienst',
      'km-enschede-1',
    ]);
  });

  it('a benefit that ends reaches the subscribed debt counsellor at the Stadsbank', async () => {
    const stream = await abonneer(SCHULDHULP_STROOM, 'schuldhulpverlener');
    const bsn = bsns[2] as string;
    const [uitkering] = await hub.asOwner<{ id: number }>(
      'werk-inkomen',
      'select id from uitkering where bsn = $1 and einddatum is null',
      [bsn],
    );
    await ok(
      /* GraphQL */ `
        mutation Beeindig($id: ID!) {
          beeindigUitkering(id: $id, einddatum: "2026-11-30", uitstroomreden: WERK) {
            id
          }
        }
      `,
      { id: String(uitkering?.id) },
      'klantmanagerBhh',
    );
    const event = await stream.next('the signal of the ended benefit');
    expect(event.data?.data?.signaalOntvangenSchuldhulp).toMatchObject({
      ontvanger: 'schuldhulp',
      regel: 'einde-uitkering-bij-schuldhulp',
      bsn,
    });
    expect(await logregels('schuldhulp', SCHULDHULP.signaalEindeUitkering.id, bsn)).toEqual([
      'signaaldienst',
      'shv-1',
    ]);
  });

  it("an arrears signal with the resident's consent reaches the subscribed client manager", async () => {
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    const bsn = bsns[3] as string;
    await geefToestemmingVoorSchuldhulp(hub, bsn, GEMEENTE);
    await ok(
      /* GraphQL */ `
        mutation Vroegsignaal($input: RegistreerVroegsignaalInput!) {
          registreerVroegsignaal(input: $input) {
            id
          }
        }
      `,
      { input: { bsn, gemeente: GEMEENTE, soort: 'ENERGIE', datum: '2026-11-20', bedragCenten: 43000 } },
      'schuldhulpverlener',
    );
    const event = await stream.next('the arrears signal');
    expect(event.data?.data?.signaalOntvangenWerkInkomen).toMatchObject({
      regel: 'vroegsignaal-bij-uitkering',
      omschrijving: 'Er is een signaal van de Stadsbank over deze inwoner met een uitkering.',
      bsn,
    });
    expect(JSON.stringify(event.data)).not.toMatch(/ENERGIE|43000/);
    expect(await logregels('werk-inkomen', WERK_INKOMEN.signaalSchuldhulp.id, bsn)).toEqual([
      'signaaldienst',
      'km-hengelo-1',
    ]);
  });

  it('refuses at subscribe time whoever the rules give no signals of that partner', async () => {
    for (const [document, persona] of [
      [WERK_INKOMEN_STROOM, 'schuldhulpverlener'],
      [WERK_INKOMEN_STROOM, 'adviseurWerk'],
      [WERK_INKOMEN_STROOM, 'analist'],
      [SCHULDHULP_STROOM, 'klantmanagerBhh'],
    ] as const) {
      expect({ persona, codes: await geweigerd(await abonneer(document, persona)) }).toEqual({
        persona,
        codes: ['FORBIDDEN'],
      });
    }
    const purpose = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh', { purpose: 'beleidsinformatie' });
    expect(await geweigerd(purpose)).toEqual(['FORBIDDEN']);
    const inwoner = await abonneer(WERK_INKOMEN_STROOM, { bsn: bsns[0] as string, roles: ['INWONER'] });
    expect(await geweigerd(inwoner)).toEqual(['FORBIDDEN']);
  });

  it('a captured subscription proof is refused when replayed at the subgraph: no stream', async () => {
    const captured = recorder.requests.filter((request) =>
      String(request.headers.accept).includes('text/event-stream'),
    );
    expect(captured.length).toBeGreaterThan(0);
    const { headers, body } = captured[0] as (typeof captured)[number];
    const replay = await fetch(recorder.target as string, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
        ),
      ),
      body,
    });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('content-type')).toContain('application/json');
    const answer = (await replay.json()) as { errors: { extensions: { code: string } }[] };
    expect(answer.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('ends the stream when the token expires', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 4;
    const token = await hub.token(PERSONAS.klantmanagerBhh, expiresAt);
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh', { token });
    const last = await stream.next('the end of the token');
    expect(last.data?.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await stream.next('the end of the stream')).event).toBe('complete');
    await stream.ended;
  });

  it('a client that goes away ends its stream at the subgraph too', async () => {
    const subgraph = hub.subgraphs['werk-inkomen'];
    await wachtOp('earlier streams ended', () => subgraph.openStreams === 0);
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    await wachtOp('the stream open at the subgraph', () => subgraph.openStreams === 1);
    stream.close();
    await wachtOp('the stream ended at the subgraph', () => subgraph.openStreams === 0);
    // The gateway still answers.
    expect((await hub.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('an event whose log line cannot be written is not sent: the stream ends with that error', async () => {
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    // Only the owner can: the employee's read fails, the signal service's delivery does not.
    await hub.asOwner(
      'werk-inkomen',
      `create function weiger_lezen() returns trigger language plpgsql as $$
         begin raise exception 'log unavailable'; end $$;
       create trigger weiger_lezen before insert on verwerking
         for each row when (new.name = 'lezen signaal') execute function weiger_lezen();`,
    );
    try {
      const bsn = bsns[4] as string;
      await startPlaatsing(bsn);
      const event = await stream.next('the refused event');
      expect(event.data?.data ?? null).toBeNull();
      expect(event.data?.errors?.map((error) => error.extensions?.code)).toEqual([
        'PROCESSING_LOG_UNAVAILABLE',
      ]);
      expect((await stream.next('the end of the stream')).event).toBe('complete');
      await stream.ended;
      expect(JSON.stringify(stream.events)).not.toContain(bsn);
      expect(await logregels('werk-inkomen', WERK_INKOMEN.signaalPlaatsing.id, bsn)).toEqual([
        'signaaldienst',
      ]);
    } finally {
      await hub.asOwner(
        'werk-inkomen',
        'drop trigger weiger_lezen on verwerking; drop function weiger_lezen();',
      );
    }
  });

  it('a subgraph that dies mid-stream ends the stream with an error that names it; the gateway stands', async () => {
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    await wachtOp('the stream open at the subgraph', () => hub.subgraphs['werk-inkomen'].openStreams === 1);
    // The connection between gateway and werk-inkomen breaks, without a word from the subgraph.
    recorder.dropConnections();
    const last = await stream.next('the end of the broken stream');
    expect(last.data?.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'werk-inkomen',
    });
    expect((await stream.next('the end of the stream')).event).toBe('complete');
    await stream.ended;
    await wachtOp('the stream ended at the subgraph', () => hub.subgraphs['werk-inkomen'].openStreams === 0);
    expect((await hub.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('a subgraph that goes away ends its streams with an error that names it; a new subscription hears the same', async () => {
    const stream = await abonneer(SCHULDHULP_STROOM, 'schuldhulpverlener');
    await wachtOp('the stream open at the subgraph', () => hub.subgraphs.schuldhulp.openStreams === 1);
    await hub.subgraphs.schuldhulp.close();
    const last = await stream.next('the end of the subgraph');
    expect(last.data?.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'schuldhulp',
    });
    await stream.ended;
    const again = await abonneer(SCHULDHULP_STROOM, 'schuldhulpverlener');
    const refused =
      (again.body as { errors?: { extensions?: Record<string, unknown> }[] } | null)?.errors ??
      (await again.next('the answer without the subgraph')).data?.errors;
    expect(refused?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'schuldhulp',
    });
  });

  it('closing the gateway ends its open streams rather than waiting for them', async () => {
    const stream = await abonneer(WERK_INKOMEN_STROOM, 'klantmanagerBhh');
    await wachtOp('the stream open at the subgraph', () => hub.subgraphs['werk-inkomen'].openStreams === 1);
    // Jest's timeout of this test is shorter than the gateway's shutdown deadline (25 s).
    await hub.gateway.close();
    await stream.ended;
    expect(stream.events.at(-1)?.event).toBe('complete');
  }, 20_000);
});
