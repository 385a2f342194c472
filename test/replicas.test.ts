import { randomBytes } from 'node:crypto';
import { generateSigningKey } from '../platform/auth/keys';
import { PROOF_ALREADY_USED } from '../platform/auth/proof-uses';
import { PROOF_HEADER, proofKey } from '../platform/auth/proofs';
import { keyResolver } from '../platform/auth/tokens';
import { loadConfig } from '../platform/config';
import { sealCursor, type CursorScope } from '../platform/pagination';
import { startSubgraph, type RunningSubgraph } from '../platform/subgraph';
import { SUBGRAPHS } from '../subgraphs';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import { startHttpRecorder, type HttpRecorder, type RecordedRequest } from './support/proxies';

const INWONER = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      naam
      uitkeringen {
        regeling
      }
    }
  }
`;

const INWONERS = /* GraphQL */ `
  query Inwoners($after: String) {
    gemeente(code: "GM0164") {
      inwoners(first: 2, after: $after) {
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

const BIJSTAND = /* GraphQL */ `
  query Bijstand {
    gemeente(code: "GM0164") {
      bijstand(periode: { jaar: 2024 }) {
        instroom {
          waarde
          onderdrukt
        }
      }
    }
  }
`;

const OPEN = /* GraphQL */ `
  mutation Open($input: OpenCasusoverlegInput!) {
    openCasusoverleg(input: $input) {
      id
    }
  }
`;

const AGENDAPUNT = /* GraphQL */ `
  mutation Agendapunt($id: ID!, $onderwerp: String!) {
    voegAgendapuntToe(casusoverlegId: $id, onderwerp: $onderwerp) {
      volgorde
      onderwerp
    }
  }
`;

/** The BSNs of the page of residents in an answer; null when there is none. */
function paged(response: GraphQLResponse): string[] | null {
  const page = response.data?.gemeente?.inwoners as { nodes: { bsn: string }[] } | null | undefined;
  return page ? page.nodes.map((node) => node.bsn) : null;
}

/** werk-inkomen's proof key, as the gateway and both replicas hold it. */
const PROOF_KEY = randomBytes(32);

describe('Replicas of one subgraph: a proof is honoured once, and a cursor continues, at whichever replica', () => {
  let hub: TestHub;
  /** The Service in front of werk-inkomen: the test says which replica answers the gateway's next request. */
  let service: HttpRecorder;
  let replicaA: string;
  let replicaB: RunningSubgraph;
  const bsns = fixtureBsns(6, 930);
  const [bsn] = bsns as [string];

  beforeAll(async () => {
    service = await startHttpRecorder();
    hub = await startTestHub('replicas', (orms) => insertResidents(orms, 'GM0164', bsns), {
      auth: loadConfig({ WERK_INKOMEN_PROOF_KEY: PROOF_KEY.toString('hex') }).auth,
      routeSubgraph: (name, url) => {
        if (name !== 'werk-inkomen') return url;
        replicaA = url;
        service.target = url;
        return service.url;
      },
    });
    // A second replica: its own process state (replay cache, log writer), the same database and keys.
    const signing = await generateSigningKey('werk-inkomen-b');
    replicaB = await startSubgraph(SUBGRAPHS['werk-inkomen'], {
      port: 0,
      host: '127.0.0.1',
      database: hub.databases['werk-inkomen'],
      keys: {
        proof: proofKey(PROOF_KEY),
        toegang: keyResolver({ jwks: signing.publicJwks }),
        signing,
        pseudonym: hub.pseudonymKeys['werk-inkomen'],
      },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await replicaB?.close();
    await service?.close();
  });

  /** The gateway's request to werk-inkomen while `work` runs, as the Service saw it (sent to replica A). */
  async function captured(work: () => Promise<unknown>): Promise<RecordedRequest> {
    service.target = replicaA;
    service.requests.length = 0;
    await work();
    const [request] = service.requests;
    if (!request || typeof request.headers[PROOF_HEADER] !== 'string') {
      throw new Error('no proof seen on the path to werk-inkomen');
    }
    return request;
  }

  /** Sends a captured request again, unchanged, to replica B. */
  async function replayAtB(request: RecordedRequest) {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
      ),
    );
    const response = await fetch(replicaB.url, { method: 'POST', headers, body: request.body });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  }

  /** The lines of a trace in werk-inkomen's processing log, per span (one span per subgraph request). */
  async function linesOfTrace(traceId: string): Promise<Record<string, string[]>> {
    const rows = await hub.asOwner<{ span_id: string; name: string }>(
      'werk-inkomen',
      'select span_id, name from verwerking where trace_id = $1 order by id',
      [traceId],
    );
    const spans: Record<string, string[]> = {};
    for (const { span_id: span, name } of rows) (spans[span] ??= []).push(name);
    return spans;
  }

  const traceOf = (request: RecordedRequest): string =>
    /^00-([0-9a-f]{32})-/.exec(String(request.headers.traceparent))?.[1] ?? '';

  it('refuses at replica B a proof captured from a request to replica A: UNAUTHENTICATED, no data, no log line', async () => {
    const request = await captured(async () => {
      const response = await hub.query(INWONER, { bsn });
      expect(response.errors).toBeUndefined();
      expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
    });
    const before = await linesOfTrace(traceOf(request));
    expect(Object.keys(before)).toHaveLength(1);

    const replay = await replayAtB(request);
    expect(replay.status).toBe(401);
    expect(replay.body.data).toBeUndefined();
    expect(replay.body.errors).toEqual([
      { message: PROOF_ALREADY_USED, extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(JSON.stringify(replay.body)).not.toContain(bsn);
    // Replica B's lines of the replay were not committed: the log holds replica A's look only.
    await expect(linesOfTrace(traceOf(request))).resolves.toEqual(before);
  });

  it('refuses at replica B a captured statistic, whose request writes no log line', async () => {
    const request = await captured(async () => {
      const response = await hub.query(BIJSTAND, {}, { as: 'analist', purpose: 'beleidsinformatie' });
      expect(response.errors).toBeUndefined();
      expect(response.data?.gemeente.bijstand.instroom).toBeDefined();
    });
    const replay = await replayAtB(request);
    expect(replay.status).toBe(401);
    expect(replay.body.data).toBeUndefined();
    expect(replay.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('changes nothing when a captured mutation is replayed at replica B', async () => {
    const open = await hub.query(
      OPEN,
      { input: { bsn, titel: 'Replica', grondslag: 'TOESTEMMING' } },
      { purpose: 'casusoverleg' },
    );
    expect(open.errors).toBeUndefined();
    const id = open.data?.openCasusoverleg.id as string;
    const request = await captured(async () => {
      const response = await hub.query(
        AGENDAPUNT,
        { id, onderwerp: 'Stand van zaken' },
        { purpose: 'casusoverleg' },
      );
      expect(response.data?.voegAgendapuntToe).toEqual({ volgorde: 1, onderwerp: 'Stand van zaken' });
    });
    const before = await linesOfTrace(traceOf(request));

    const replay = await replayAtB(request);
    expect(replay.status).toBe(401);
    expect(replay.body.data).toBeUndefined();
    expect(replay.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const agenda = await hub.asOwner<{ onderwerp: string }>(
      'werk-inkomen',
      'select onderwerp from agendapunt where casusoverleg_id = $1',
      [Number(id)],
    );
    expect(agenda).toEqual([{ onderwerp: 'Stand van zaken' }]);
    await expect(linesOfTrace(traceOf(request))).resolves.toEqual(before);
  });

  it('answers and logs the honest requests that replica B writes together with a replay', async () => {
    const request = await captured(() => hub.query(INWONER, { bsn }));
    service.target = replicaB.url;
    const honest = bsns.slice(1).map((other) => ({ bsn: other, traceId: randomBytes(16).toString('hex') }));
    // Sent at once, so that replica B's group commit takes the replay and honest requests together.
    const [replay, ...answers] = await Promise.all([
      replayAtB(request),
      ...honest.map(({ bsn: other, traceId }) =>
        hub.query(
          INWONER,
          { bsn: other },
          { headers: { traceparent: `00-${traceId}-${'1'.repeat(16)}-01` } },
        ),
      ),
    ]);
    expect(replay?.status).toBe(401);
    for (const [index, answer] of answers.entries()) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.inwoner.naam).toBe(`Inwoner ${honest[index]?.bsn}`);
    }
    for (const { traceId } of honest) {
      const spans = Object.values(await linesOfTrace(traceId));
      expect(spans).toHaveLength(1);
      expect(spans[0]?.length).toBeGreaterThan(0);
    }
  });

  it('continues at replica B a page cursor that replica A made', async () => {
    service.target = replicaA;
    const first = await hub.query(INWONERS, {});
    expect(first.errors).toBeUndefined();
    const page = first.data?.gemeente.inwoners;
    expect(page.pageInfo.hasNextPage).toBe(true);

    service.target = replicaB.url;
    const next = await hub.query(INWONERS, { after: page.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    const sorted = [...bsns].sort();
    expect(paged(first)).toEqual(sorted.slice(0, 2));
    expect(paged(next)).toEqual(sorted.slice(2, 4));
  });

  it('refuses at either replica a tampered cursor and one older than an hour, with BAD_USER_INPUT', async () => {
    const scope: CursorScope = {
      subgraph: 'werk-inkomen',
      connection: 'InwonerConnection',
      parent: 'GM0164',
      partnerKey: hub.pseudonymKeys['werk-inkomen'],
    };
    const sorted = [...bsns].sort();
    const fresh = sealCursor(sorted[1] ?? '', scope);
    const expired = sealCursor(sorted[1] ?? '', scope, Date.now() - 61 * 60 * 1000);
    const bytes = Buffer.from(fresh, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    const tampered = bytes.toString('base64url');
    for (const replica of [replicaA, replicaB.url]) {
      service.target = replica;
      // The same cursor sealed just now is good: the refusals below are for its age and its change.
      const good = await hub.query(INWONERS, { after: fresh });
      expect(paged(good)).toEqual(sorted.slice(2, 4));
      for (const cursor of [tampered, expired]) {
        const response = await hub.query(INWONERS, { after: cursor });
        expect(paged(response)).toBeNull();
        expect(response.errors?.map((error): unknown => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    }
  });
});
