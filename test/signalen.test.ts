import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pseudonym } from '../platform/audit/pseudonym';
import { Client } from 'pg';
import { startConsument, type ConsumentOptions } from '../platform/signalen/consument';
import type { Gebeurtenis } from '../platform/signalen/gebeurtenis';
import { NatsTransport } from '../platform/signalen/nats-transport';
import type { PostgresTransport } from '../platform/signalen/postgres-transport';
import { alsLeider } from '../platform/signalen/leiding';
import { Relay } from '../platform/signalen/relay';
import type { Abonnement, SignaalTransport } from '../platform/signalen/transport';
import type { Signaalregel } from '../platform/signalen/regel';
import { ACTIVITEITEN as WERK_INKOMEN } from '../subgraphs/werk-inkomen/toegang';
import { ACTIVITEITEN as SCHULDHULP } from '../subgraphs/schuldhulp/toegang';
import { SIGNAALREGELS as WERK_INKOMEN_REGELS } from '../subgraphs/werk-inkomen/signalen/regels';
import { fixtureBsns, insertResidents, geefToestemmingVoorSchuldhulp } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { startTestSignaalstroom, type TestSignaalstroom } from './support/signaalstroom';
import type { Persona } from './support/personas';

const INBOX = /* GraphQL */ `
  query Inbox($status: SignaalStatus) {
    signaleninbox(status: $status, first: 100) {
      werkInkomen {
        ...Signaal
      }
      schuldhulp {
        ...Signaal
      }
    }
  }
  fragment Signaal on Signaal {
    id
    ontvanger
    regel
    omschrijving
    bsn
    gemeente
    grondslag
    status
    gezienDoor
    gezienOp
    afgehandeldDoor
    afgehandeldOp
  }
`;

const BEEINDIG = /* GraphQL */ `
  mutation Beeindig($id: ID!, $einddatum: Date!) {
    beeindigUitkering(id: $id, einddatum: $einddatum, uitstroomreden: WERK) {
      id
      einddatum
    }
  }
`;

const PLAATSING = /* GraphQL */ `
  mutation Plaatsing($input: StartPlaatsingInput!) {
    startPlaatsing(input: $input) {
      id
      startdatum
    }
  }
`;

const VROEGSIGNAAL = /* GraphQL */ `
  mutation Vroegsignaal($input: RegistreerVroegsignaalInput!) {
    registreerVroegsignaal(input: $input) {
      id
    }
  }
`;

interface Signaal {
  id: string;
  ontvanger: string;
  regel: string;
  omschrijving: string;
  bsn: string;
  status: string;
  gezienDoor: string | null;
  afgehandeldDoor: string | null;
  afgehandeldOp: string | null;
}

/** Waits for a condition the system reaches on its own; the deadline only ends a broken run. */
async function wachtOp<T>(wat: string, probeer: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probeer();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${wat}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const bsns = fixtureBsns(52, 700);
const GEMEENTE = 'GM0164';
let hub: TestHub;
let transport: PostgresTransport;
let stroom: TestSignaalstroom;
// The stream database as its owner: tests write rows there that no publisher would.
let stroomOwnerUrl: string;

async function inbox(as: Persona): Promise<{ werkInkomen: Signaal[]; schuldhulp: Signaal[] }> {
  const response = await hub.query(INBOX, {}, { as });
  expect(response.errors).toBeUndefined();
  return response.data?.signaleninbox as { werkInkomen: Signaal[]; schuldhulp: Signaal[] };
}

/** The newest event a partner published about a resident, from its outbox. */
async function laatsteGebeurtenis(
  bron: 'werk-inkomen' | 'werkplein' | 'schuldhulp',
  bsn: string,
): Promise<string> {
  const rows = await hub.asOwner<{ id: string }>(
    bron,
    'select id from uitgaande_gebeurtenis where bsn = $1 order by positie desc limit 1',
    [bsn],
  );
  if (!rows[0]) throw new Error(`no event of ${bron} about the resident`);
  return rows[0].id;
}

/** Whether a consumer of a partner has taken an event (with or without a signal). */
async function ontvangen(
  ontvanger: 'werk-inkomen' | 'schuldhulp',
  id: string,
  consument?: string,
): Promise<boolean> {
  const rows = await hub.asOwner(
    ontvanger,
    'select 1 from ontvangen_gebeurtenis where id = $1 and consument = $2',
    [id, consument ?? `signalen-${ontvanger}`],
  );
  return rows.length > 0;
}

async function signalenOver(ontvanger: 'werk-inkomen' | 'schuldhulp', bsn: string, regel?: string) {
  return hub.asOwner<{ id: number; regel: string }>(
    ontvanger,
    `select id, regel from signaal where bsn = $1 ${regel ? 'and regel = $2' : ''} order by id`,
    regel ? [bsn, regel] : [bsn],
  );
}

async function startPlaatsing(bsn: string): Promise<void> {
  const response = await hub.query(
    PLAATSING,
    {
      input: {
        bsn,
        gemeente: GEMEENTE,
        werkgeverId: '1',
        soort: 'REGULIER',
        metLks: false,
        startdatum: '2026-11-02',
      },
    },
    { as: 'adviseurWerk' },
  );
  expect(response.errors).toBeUndefined();
}

beforeAll(async () => {
  stroom = await startTestSignaalstroom('signalen', { pollIntervalMs: 200 });
  transport = stroom.transport;
  stroomOwnerUrl = stroom.ownerUrl;
  hub = await startTestHub('signalen', (orms) => insertResidents(orms, GEMEENTE, bsns), {
    signalen: { transport, relayIntervalMs: 50 },
  });
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await stroom?.close();
});

describe('signal rules end to end through the gateway', () => {
  it('a benefit that ends while a debt-help case runs reaches the debt counsellor, and no one else', async () => {
    const bsn = bsns[0] as string;
    const [uitkering] = await hub.asOwner<{ id: number }>(
      'werk-inkomen',
      'select id from uitkering where bsn = $1 and einddatum is null',
      [bsn],
    );
    const ended = await hub.query(BEEINDIG, { id: String(uitkering?.id), einddatum: '2026-11-30' });
    expect(ended.errors).toBeUndefined();
    expect(ended.data?.beeindigUitkering.einddatum).toBe('2026-11-30');

    const signaal = await wachtOp('the signal in the Stadsbank inbox', async () =>
      (await inbox('schuldhulpverlener')).schuldhulp.find((s) => s.bsn === bsn),
    );
    expect(signaal).toMatchObject({
      ontvanger: 'schuldhulp',
      regel: 'einde-uitkering-bij-schuldhulp',
      status: 'NIEUW',
      gezienDoor: null,
    });
    // The least data: that there is a signal and from whom, not the reason or the amount.
    expect(signaal.omschrijving).not.toMatch(/WERK|cent|€/);
    expect(signaal).not.toHaveProperty('uitstroomreden');

    // The delivery is a processing of the resident's data at the Stadsbank, logged with its activity.
    const lines = await hub.asOwner<{ medewerker: string; organisatie: string }>(
      'schuldhulp',
      `select a.medewerker, a.organisatie from verwerking v
         join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
        where v.processing_activity_id = $1 and v.data_subject_id = $2 and v.name = 'signaleren signaal'`,
      [SCHULDHULP.signaalEindeUitkering.id, pseudonym(bsn, hub.pseudonymKeys.schuldhulp)],
    );
    expect(lines).toEqual([{ medewerker: 'signaaldienst', organisatie: 'stadsbank' }]);

    // Outside the rule's roles: nothing, at either partner.
    for (const persona of ['klantmanagerBhh', 'trajectbegeleider', 'adviseurWerk'] as const) {
      const other = await inbox(persona);
      expect(other.schuldhulp).toEqual([]);
      expect(other.werkInkomen.filter((s) => s.bsn === bsn)).toEqual([]);
    }
  });

  it('a placement that starts for a resident on a benefit reaches the client manager of that gemeente only', async () => {
    const bsn = bsns[1] as string;
    await startPlaatsing(bsn);
    const signaal = await wachtOp('the signal in the Werk en Inkomen inbox', async () =>
      (await inbox('klantmanagerBhh')).werkInkomen.find((s) => s.bsn === bsn),
    );
    expect(signaal).toMatchObject({ ontvanger: 'werk-inkomen', regel: 'plaatsing-bij-uitkering' });
    expect(signaal.omschrijving).toBe(
      'Er is een signaal van het Werkplein over deze inwoner met een uitkering.',
    );
    // Another municipality's client manager, the placement adviser who caused it, the debt counsellor,
    // the analyst: nothing.
    for (const persona of ['klantmanagerEnschede', 'adviseurWerk', 'schuldhulpverlener'] as const) {
      expect((await inbox(persona)).werkInkomen).toEqual([]);
    }
    const analist = await hub.query(INBOX, {}, { as: 'analist' });
    expect(analist.data?.signaleninbox.werkInkomen).toEqual([]);
    // Signals are for purpose uitvoering.
    const purpose = await hub.query(INBOX, {}, { as: 'klantmanagerBhh', purpose: 'beleidsinformatie' });
    expect(purpose.errors?.map((e) => e.extensions?.code as string)).toContain('FORBIDDEN');
  });

  it('moves a signal to seen and handled, recording who and when; others cannot touch it', async () => {
    const bsn = bsns[1] as string;
    const signaal = (await inbox('klantmanagerBhh')).werkInkomen.find((s) => s.bsn === bsn) as Signaal;
    const MARK = /* GraphQL */ `
      mutation Mark($id: ID!, $status: SignaalStatus!) {
        zetSignaalstatusWerkInkomen(id: $id, status: $status) {
          id
          status
          gezienDoor
          gezienOp
          afgehandeldDoor
          afgehandeldOp
        }
      }
    `;
    const enschede = await hub.query(
      MARK,
      { id: signaal.id, status: 'GEZIEN' },
      { as: 'klantmanagerEnschede' },
    );
    expect(enschede.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const seen = await hub.query(MARK, { id: signaal.id, status: 'GEZIEN' });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.zetSignaalstatusWerkInkomen).toMatchObject({
      status: 'GEZIEN',
      gezienDoor: 'km-hengelo-1',
    });
    const handled = await hub.query(MARK, { id: signaal.id, status: 'AFGEHANDELD' });
    expect(handled.data?.zetSignaalstatusWerkInkomen).toMatchObject({
      status: 'AFGEHANDELD',
      gezienDoor: 'km-hengelo-1',
      afgehandeldDoor: 'km-hengelo-1',
    });
    expect(typeof handled.data?.zetSignaalstatusWerkInkomen.afgehandeldOp).toBe('string');
    const back = await hub.query(MARK, { id: signaal.id, status: 'NIEUW' });
    expect(back.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nieuw = await hub.query(INBOX, { status: 'NIEUW' });
    const nieuwe = nieuw.data?.signaleninbox.werkInkomen as Signaal[];
    expect(nieuwe.map((s) => s.id)).not.toContain(signaal.id);
  });

  it('an arrears signal reaches the client manager only while the resident consents, and stops at withdrawal', async () => {
    const bsn = bsns[2] as string;
    const vroegsignaal = () =>
      hub.query(
        VROEGSIGNAAL,
        { input: { bsn, gemeente: GEMEENTE, soort: 'ENERGIE', datum: '2026-11-20', bedragCenten: 43000 } },
        { as: 'schuldhulpverlener' },
      );
    // Without consent the event is taken, and no signal is made.
    expect((await vroegsignaal()).errors).toBeUndefined();
    const zonder = await laatsteGebeurtenis('schuldhulp', bsn);
    await wachtOp('the event taken by werk-inkomen', () => ontvangen('werk-inkomen', zonder));
    expect(await signalenOver('werk-inkomen', bsn)).toEqual([]);

    await geefToestemmingVoorSchuldhulp(hub, bsn, GEMEENTE);
    expect((await vroegsignaal()).errors).toBeUndefined();
    const signaal = await wachtOp('the signal in the inbox', async () =>
      (await inbox('klantmanagerBhh')).werkInkomen.find((s) => s.bsn === bsn),
    );
    expect(signaal).toMatchObject({
      regel: 'vroegsignaal-bij-uitkering',
      grondslag: WERK_INKOMEN.signaalSchuldhulp.grondslag,
    });
    // "There is a signal": not its kind, not its amount.
    expect(JSON.stringify(signaal)).not.toMatch(/ENERGIE|43000/);

    await hub.asOwner(
      'werk-inkomen',
      `update toestemming set ingetrokken_op = now(), ingetrokken_door = 'km-hengelo-1',
         ingetrokken_door_organisatie = 'wi-bhh'
        where casusoverleg_id in (select id from casusoverleg where bsn = $1)`,
      [bsn],
    );
    expect((await vroegsignaal()).errors).toBeUndefined();
    const na = await laatsteGebeurtenis('schuldhulp', bsn);
    await wachtOp('the event taken by werk-inkomen', () => ontvangen('werk-inkomen', na));
    expect(await signalenOver('werk-inkomen', bsn)).toHaveLength(1);
  });

  it('a rule whose legal basis has ended delivers nothing', async () => {
    const regel = WERK_INKOMEN_REGELS.find((r) => r.code === 'plaatsing-bij-uitkering') as Signaalregel;
    const vervallen = { ...regel, code: 'plaatsing-vervallen', grondslagVervallenPer: '2026-07-01' };
    const geldig = { ...regel, code: 'plaatsing-geldig', grondslagVervallenPer: '2027-01-01' };
    const consumenten = [vervallen, geldig].map((r) =>
      startConsument({
        orm: hub.orms['werk-inkomen'],
        subgraph: 'werk-inkomen',
        regels: [r],
        transport,
        pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
        naam: `test-${r.code}`,
        vandaag: () => '2026-12-01',
      }),
    );
    try {
      const bsn = bsns[3] as string;
      await startPlaatsing(bsn);
      const id = await laatsteGebeurtenis('werkplein', bsn);
      await wachtOp(
        'both consumers past the event',
        async () =>
          (await ontvangen('werk-inkomen', id, 'test-plaatsing-vervallen')) &&
          ontvangen('werk-inkomen', id, 'test-plaatsing-geldig'),
      );
      expect(await signalenOver('werk-inkomen', bsn, 'plaatsing-geldig')).toHaveLength(1);
      expect(await signalenOver('werk-inkomen', bsn, 'plaatsing-vervallen')).toEqual([]);
    } finally {
      await Promise.all(consumenten.map((c) => c.stop()));
    }
  });

  it('refuses a change outside the employee’s own organisation or gemeenten, and publishes nothing', async () => {
    const bsn = bsns[4] as string;
    const response = await hub.query(
      PLAATSING,
      {
        input: {
          bsn,
          gemeente: GEMEENTE,
          werkgeverId: '1',
          soort: 'REGULIER',
          metLks: false,
          startdatum: '2026-11-02',
        },
      },
      { as: 'klantmanagerBhh' },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outside = await hub.query(
      PLAATSING,
      {
        input: {
          bsn,
          gemeente: 'GM0153',
          werkgeverId: '1',
          soort: 'REGULIER',
          metLks: false,
          startdatum: '2026-11-02',
        },
      },
      { as: 'adviseurWerk' },
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rows = await hub.asOwner('werkplein', 'select 1 from uitgaande_gebeurtenis where bsn = $1', [bsn]);
    expect(rows).toEqual([]);
  });
});

describe('nothing lost, nothing doubled', () => {
  const telling = async (bsnList: string[], regel: string) => {
    const signalen = await hub.asOwner<{ n: string }>(
      'werk-inkomen',
      `select count(*) as n from signaal where regel = $1 and bsn = any($2)`,
      [regel, bsnList],
    );
    const lines = await hub.asOwner<{ n: string }>(
      'werk-inkomen',
      `select count(*) as n from verwerking where processing_activity_id = $1 and name = 'signaleren signaal'
          and data_subject_id = any($2)`,
      [WERK_INKOMEN.signaalPlaatsing.id, bsnList.map((b) => pseudonym(b, hub.pseudonymKeys['werk-inkomen']))],
    );
    return { signalen: Number(signalen[0]?.n), logregels: Number(lines[0]?.n) };
  };

  it('on PostgreSQL: the consumer and the relay stopped mid-stream, and the stream read again from the start', async () => {
    const groep = bsns.slice(10, 25);
    const diensten = hub.signalen;
    if (!diensten) throw new Error('signals are not running');
    let gezien = 0;
    const half = Math.ceil(groep.length / 2);
    for (const bsn of groep.slice(0, half)) await startPlaatsing(bsn);
    // The consumer stops while events keep coming; the relay too, after the first half.
    await wachtOp(
      'a first signal of the group',
      async () => (await telling(groep, 'plaatsing-bij-uitkering')).signalen > 0,
    );
    await diensten['werk-inkomen'].consument?.stop();
    await diensten.werkplein.relay.stop();
    for (const bsn of groep.slice(half)) await startPlaatsing(bsn);
    gezien = (await telling(groep, 'plaatsing-bij-uitkering')).signalen;
    expect(gezien).toBeLessThan(groep.length);

    // Restarted: a new relay and consumer resume from the outbox and the stored position.
    const relay = new Relay(hub.orms.werkplein, 'werkplein', transport, 50);
    relay.start();
    const consument = startConsument({
      orm: hub.orms['werk-inkomen'],
      subgraph: 'werk-inkomen',
      regels: WERK_INKOMEN_REGELS,
      transport,
      pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
    });
    try {
      await wachtOp(
        'every signal of the group',
        async () => (await telling(groep, 'plaatsing-bij-uitkering')).signalen === groep.length,
      );
      // A position lost (or a relay that published again): the stream is read again from its start.
      const rows = await hub.asOwner<Omit<Gebeurtenis, 'bron' | 'vastgelegdOp'>>(
        'werkplein',
        `select id, soort, bsn, gemeente, datum::text as datum from uitgaande_gebeurtenis where bsn = any($1)`,
        [groep],
      );
      await transport.publiceer(
        rows.map((row) => ({ ...row, bron: 'werkplein', vastgelegdOp: new Date().toISOString() })),
      );
      await hub.asOwner(
        'werk-inkomen',
        `update signaal_positie set positie = 0 where consument = 'signalen-werk-inkomen'`,
      );
      await consument.stop();
      const opnieuw = startConsument({
        orm: hub.orms['werk-inkomen'],
        subgraph: 'werk-inkomen',
        regels: WERK_INKOMEN_REGELS,
        transport,
        pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
      });
      try {
        await wachtOp('the consumer back at the end of the stream', async () => {
          const [positie] = await hub.asOwner<{ positie: string }>(
            'werk-inkomen',
            `select positie from signaal_positie where consument = 'signalen-werk-inkomen'`,
          );
          return Number(positie?.positie) > 0 && Number(positie?.positie) >= (await laatstePositie());
        });
      } finally {
        await opnieuw.stop();
      }
      expect(await telling(groep, 'plaatsing-bij-uitkering')).toEqual({
        signalen: groep.length,
        logregels: groep.length,
      });
    } finally {
      await relay.stop();
    }
  });

  async function laatstePositie(): Promise<number> {
    const client = new Client({ connectionString: stroom.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ positie: string }>(
        'select max(positie) as positie from signaalstroom',
      );
      return Number(rows[0]?.positie);
    } finally {
      await client.end();
    }
  }

  /** A stream of its own on the machine's NATS server, with a short acknowledgement wait. */
  function testStroom(naam: string): Promise<NatsTransport> {
    return NatsTransport.connect(process.env.NATS_URL || 'nats://127.0.0.1:4222', {
      stream: naam,
      prefix: naam.toLowerCase(),
      ackWaitMs: 1000,
    });
  }

  it('on NATS JetStream: a dropped connection, a stopped consumer and an acknowledgement lost after commit', async () => {
    const naam = `SIGNALEN_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
    const nats = await testStroom(naam);
    const groep = bsns.slice(25, 40);
    // The hub's own relay of the Werkplein stops: this one publishes to NATS.
    await hub.signalen?.werkplein.relay.stop();
    const relay = new Relay(hub.orms.werkplein, 'werkplein', nats, 50);
    let verloren = false;
    const consumentOpties = (verbinding: NatsTransport): ConsumentOptions => ({
      orm: hub.orms['werk-inkomen'],
      subgraph: 'werk-inkomen',
      regels: WERK_INKOMEN_REGELS,
      transport: {
        naam: verbinding.naam,
        publiceer: (g) => verbinding.publiceer(g),
        sluit: () => verbinding.sluit(),
        abonneer: (c, o) =>
          verbinding.abonneer(c, {
            vanaf: () => o.vanaf(),
            // Once: the batch commits and then its acknowledgement is lost, as in a crash.
            verwerk: async (batch) => {
              await o.verwerk(batch);
              if (!verloren) {
                verloren = true;
                throw new Error('crash after commit');
              }
            },
          }),
      },
      pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
      naam: 'nats-werk-inkomen',
    });
    let consument = startConsument(consumentOpties(nats));
    let tweede: NatsTransport | null = null;
    // The relay publishes on the connection that is dropped: it tries again until the server has them.
    relay.start();
    try {
      const half = Math.ceil(groep.length / 2);
      for (const bsn of groep.slice(0, half)) await startPlaatsing(bsn);
      await wachtOp(
        'a first signal of the group',
        async () => (await telling(groep, 'plaatsing-bij-uitkering')).signalen > 0,
      );
      await nats.verbreek();
      await consument.stop();
      for (const bsn of groep.slice(half)) await startPlaatsing(bsn);
      // A new connection and consumer: the durable consumer resumes where it was acknowledged.
      tweede = await testStroom(naam);
      consument = startConsument(consumentOpties(tweede));
      await wachtOp(
        'every signal of the group',
        async () => (await telling(groep, 'plaatsing-bij-uitkering')).signalen === groep.length,
      );
      const received = await hub.asOwner<{ n: string }>(
        'werk-inkomen',
        `select count(*) as n from ontvangen_gebeurtenis where consument = 'nats-werk-inkomen'`,
      );
      expect(Number(received[0]?.n)).toBe(groep.length);
      expect(verloren).toBe(true);
      expect(await telling(groep, 'plaatsing-bij-uitkering')).toEqual({
        signalen: groep.length,
        logregels: groep.length,
      });
    } finally {
      await relay.stop();
      await consument.stop();
      await nats.verwijderStroom().catch(() => undefined);
      await nats.sluit();
      await tweede?.sluit();
    }
  });

  it('on NATS JetStream: a batch that fails before its commit comes again before any newer event', async () => {
    const naam = `SIGNALEN_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
    const nats = await testStroom(naam);
    const groep = bsns.slice(40, 52);
    await hub.signalen?.werkplein.relay.stop();
    const relay = new Relay(hub.orms.werkplein, 'werkplein', nats, 50);
    let mislukt = false;
    const consument = startConsument({
      orm: hub.orms['werk-inkomen'],
      subgraph: 'werk-inkomen',
      regels: WERK_INKOMEN_REGELS,
      transport: {
        naam: nats.naam,
        publiceer: (g) => nats.publiceer(g),
        sluit: () => nats.sluit(),
        abonneer: (c, o) =>
          nats.abonneer(c, {
            vanaf: () => o.vanaf(),
            // Once, before anything is stored: as when the partner's database is gone for a moment.
            verwerk: async (batch) => {
              if (!mislukt) {
                mislukt = true;
                throw new Error('database unreachable');
              }
              await o.verwerk(batch);
            },
          }),
      },
      pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
      naam: 'nats-mislukt-werk-inkomen',
    });
    relay.start();
    try {
      // Events keep coming while the failed batch waits to come again.
      for (const bsn of groep) await startPlaatsing(bsn);
      await wachtOp(
        'every signal of the group',
        async () => (await telling(groep, 'plaatsing-bij-uitkering')).signalen === groep.length,
      );
      expect(mislukt).toBe(true);
      const received = await hub.asOwner<{ n: string }>(
        'werk-inkomen',
        `select count(*) as n from ontvangen_gebeurtenis where consument = 'nats-mislukt-werk-inkomen'`,
      );
      expect(Number(received[0]?.n)).toBe(groep.length);
      expect(await telling(groep, 'plaatsing-bij-uitkering')).toEqual({
        signalen: groep.length,
        logregels: groep.length,
      });
    } finally {
      await relay.stop();
      await consument.stop();
      await nats.verwijderStroom().catch(() => undefined);
      await nats.sluit();
    }
  });

  /** An event as a partner would publish it, about a resident of the tests. */
  const gebeurtenisOver = (bsn: string): Gebeurtenis => ({
    id: randomUUID(),
    bron: 'werkplein',
    soort: 'PLAATSING_GESTART',
    bsn,
    gemeente: GEMEENTE,
    datum: '2026-11-02',
    vastgelegdOp: new Date().toISOString(),
  });

  /**
   * A consumer of werk-inkomen under its own name, and what it handled: each batch as it committed, in
   * order (readable events by id, dead letters by reason).
   */
  function volgendeConsument(naam: string, stroom: SignaalTransport) {
    const verwerkt: string[] = [];
    const consument = startConsument({
      orm: hub.orms['werk-inkomen'],
      subgraph: 'werk-inkomen',
      regels: WERK_INKOMEN_REGELS,
      transport: {
        naam: stroom.naam,
        publiceer: (g) => stroom.publiceer(g),
        sluit: () => stroom.sluit(),
        abonneer: (c, o) =>
          stroom.abonneer(c, {
            vanaf: () => o.vanaf(),
            verwerk: async (batch) => {
              await o.verwerk(batch);
              for (const levering of batch) {
                verwerkt.push(
                  'gebeurtenis' in levering ? levering.gebeurtenis.id : levering.onbestelbaar.reden,
                );
              }
            },
          }),
      },
      pseudonymKey: hub.pseudonymKeys['werk-inkomen'],
      naam,
    });
    return { consument, verwerkt };
  }

  async function positieVan(consument: string): Promise<number> {
    const [row] = await hub.asOwner<{ positie: string }>(
      'werk-inkomen',
      'select positie from signaal_positie where consument = $1',
      [consument],
    );
    return Number(row?.positie ?? 0);
  }

  async function onbestelbaarBij(consument: string) {
    return hub.asOwner<Record<string, string | null>>(
      'werk-inkomen',
      `select positie::int as positie, onderwerp, reden, toelichting, sha256, gebeurtenis_id, bron, soort
         from onbestelbare_gebeurtenis where consument = $1 order by positie`,
      [consument],
    );
  }

  async function ontvangenDoor(consument: string): Promise<string[]> {
    const rows = await hub.asOwner<{ id: string }>(
      'werk-inkomen',
      'select id from ontvangen_gebeurtenis where consument = $1',
      [consument],
    );
    return rows.map((row) => row.id).sort();
  }

  const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

  it('on PostgreSQL: an unreadable row and an event of an unknown kind between two good ones are recorded and passed, once', async () => {
    const naam = 'onbestelbaar-postgres';
    const [eerste, tweede, derde] = [bsns[5], bsns[6], bsns[7]].map((bsn) =>
      gebeurtenisOver(bsn as string),
    ) as [Gebeurtenis, Gebeurtenis, Gebeurtenis];
    // Written past the relay, as a faulty or newer publisher could: a BSN in it, a field missing.
    const ongeldig = { ...gebeurtenisOver(bsns[5] as string), datum: undefined, gemeente: 'Hengelo' };
    const onbekend = { ...gebeurtenisOver(bsns[6] as string), soort: 'TRAJECT_AFGEBROKEN' };
    await transport.publiceer([eerste]);
    const rauw = new Client({ connectionString: stroomOwnerUrl });
    await rauw.connect();
    let ruw: { positie: string; tekst: string }[];
    try {
      ruw = [];
      for (const waarde of [ongeldig, onbekend]) {
        const { rows } = await rauw.query<{ positie: string; tekst: string }>(
          `insert into signaalstroom (id, gebeurtenis) values ($1, $2::jsonb) returning positie, gebeurtenis::text as tekst`,
          [waarde.id, JSON.stringify(waarde)],
        );
        ruw.push(rows[0] as { positie: string; tekst: string });
      }
    } finally {
      await rauw.end();
    }
    await transport.publiceer([tweede]);
    const eindeVan = async (id: string): Promise<number> => {
      const client = new Client({ connectionString: stroomOwnerUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ positie: string }>(
          'select positie from signaalstroom where id = $1',
          [id],
        );
        return Number(rows[0]?.positie);
      } finally {
        await client.end();
      }
    };

    // The stream holds the events of the tests before: this consumer stopped just before the first.
    await hub.asOwner('werk-inkomen', 'insert into signaal_positie (consument, positie) values ($1, $2)', [
      naam,
      (await eindeVan(eerste.id)) - 1,
    ]);
    let { consument, verwerkt } = volgendeConsument(naam, transport);
    try {
      const tot = await eindeVan(tweede.id);
      await wachtOp('the consumer past the second good event', async () => (await positieVan(naam)) >= tot);
    } finally {
      await consument.stop();
    }
    expect(verwerkt).toEqual([eerste.id, 'ONGELDIG', 'ONBEKENDE_SOORT', tweede.id]);
    expect(await ontvangenDoor(naam)).toEqual([eerste.id, tweede.id].sort());
    const [rijOngeldig, rijOnbekend] = ruw;
    expect(await onbestelbaarBij(naam)).toEqual([
      {
        positie: Number(rijOngeldig?.positie),
        onderwerp: 'signaalstroom',
        reden: 'ONGELDIG',
        toelichting: 'gemeente, datum',
        sha256: sha256(rijOngeldig?.tekst ?? ''),
        gebeurtenis_id: ongeldig.id,
        bron: 'werkplein',
        soort: 'PLAATSING_GESTART',
      },
      {
        positie: Number(rijOnbekend?.positie),
        onderwerp: 'signaalstroom',
        reden: 'ONBEKENDE_SOORT',
        toelichting: 'soort',
        sha256: sha256(rijOnbekend?.tekst ?? ''),
        gebeurtenis_id: onbekend.id,
        bron: 'werkplein',
        soort: 'TRAJECT_AFGEBROKEN',
      },
    ]);
    // Counted where an operator looks: the subgraph's metrics, from the database.
    const metrics = await (
      await fetch(`http://127.0.0.1:${hub.subgraphs['werk-inkomen'].port}/metrics`)
    ).text();
    const regel = (reden: string) =>
      metrics
        .split('\n')
        .find(
          (line) =>
            line.startsWith('keten_signalen_onbestelbaar{') &&
            line.includes(`consument="${naam}"`) &&
            line.includes(`reden="${reden}"`),
        );
    expect(regel('ONGELDIG')).toMatch(/ 1$/);
    expect(regel('ONBEKENDE_SOORT')).toMatch(/ 1$/);

    // Restarted: it resumes after the second good event, handing nothing over again and losing nothing.
    ({ consument, verwerkt } = volgendeConsument(naam, transport));
    try {
      await transport.publiceer([derde]);
      const tot = await eindeVan(derde.id);
      await wachtOp('the consumer past the third good event', async () => (await positieVan(naam)) >= tot);
    } finally {
      await consument.stop();
    }
    expect(verwerkt).toEqual([derde.id]);
    expect(await ontvangenDoor(naam)).toEqual([eerste.id, tweede.id, derde.id].sort());
    expect(await onbestelbaarBij(naam)).toHaveLength(2);
  });

  it('on NATS JetStream: a message that is not JSON, one that is no event and one on a subject not its own are recorded and passed, once', async () => {
    const naam = `SIGNALEN_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
    const prefix = naam.toLowerCase();
    const nats = await testStroom(naam);
    const los = await connect({ servers: process.env.NATS_URL || 'nats://127.0.0.1:4222' });
    const consumentNaam = 'onbestelbaar-nats';
    const [eerste, tweede, derde] = [bsns[7], bsns[8], bsns[9]].map((bsn) =>
      gebeurtenisOver(bsn as string),
    ) as [Gebeurtenis, Gebeurtenis, Gebeurtenis];
    const geenJson = `{"bsn": "${bsns[8] as string}", afgebroken`;
    const geenGebeurtenis = JSON.stringify({ ...gebeurtenisOver(bsns[8] as string), id: 'niet-een-uuid' });
    // A valid event of werkplein, published on schuldhulp's subject.
    const verkeerdOnderwerp = gebeurtenisOver(bsns[9] as string);
    let consument: Abonnement | null = null;
    try {
      await nats.publiceer([eerste]);
      const js = jetstream(los);
      const rauw: { seq: number; data: string; subject: string }[] = [];
      for (const [subject, data] of [
        [`${prefix}.werkplein.PLAATSING_GESTART`, geenJson],
        [`${prefix}.werkplein.PLAATSING_GESTART`, geenGebeurtenis],
        [`${prefix}.schuldhulp.VROEGSIGNAAL_ONTVANGEN`, JSON.stringify(verkeerdOnderwerp)],
      ] as const) {
        rauw.push({ seq: (await js.publish(subject, data)).seq, data, subject });
      }
      await nats.publiceer([tweede]);
      const tot = (rauw[2]?.seq ?? 0) + 1;

      let volgend = volgendeConsument(consumentNaam, nats);
      consument = volgend.consument;
      await wachtOp(
        'the consumer past the second good event',
        async () => (await positieVan(consumentNaam)) >= tot,
      );
      await consument.stop();
      expect(volgend.verwerkt).toEqual([eerste.id, 'GEEN_JSON', 'ONGELDIG', 'ONGELDIG', tweede.id]);
      expect(await ontvangenDoor(consumentNaam)).toEqual([eerste.id, tweede.id].sort());
      expect(await onbestelbaarBij(consumentNaam)).toEqual([
        {
          positie: rauw[0]?.seq,
          onderwerp: rauw[0]?.subject,
          reden: 'GEEN_JSON',
          toelichting: 'not JSON in UTF-8',
          sha256: sha256(geenJson),
          gebeurtenis_id: null,
          bron: null,
          soort: null,
        },
        {
          positie: rauw[1]?.seq,
          onderwerp: rauw[1]?.subject,
          reden: 'ONGELDIG',
          toelichting: 'id',
          sha256: sha256(geenGebeurtenis),
          gebeurtenis_id: null,
          bron: 'werkplein',
          soort: 'PLAATSING_GESTART',
        },
        {
          positie: rauw[2]?.seq,
          onderwerp: rauw[2]?.subject,
          reden: 'ONGELDIG',
          toelichting: 'subject',
          sha256: sha256(JSON.stringify(verkeerdOnderwerp)),
          gebeurtenis_id: verkeerdOnderwerp.id,
          bron: 'werkplein',
          soort: 'PLAATSING_GESTART',
        },
      ]);

      // Restarted: the durable consumer is made again after the stored position; nothing comes twice.
      volgend = volgendeConsument(consumentNaam, nats);
      consument = volgend.consument;
      await nats.publiceer([derde]);
      await wachtOp(
        'the consumer past the third good event',
        async () => (await positieVan(consumentNaam)) > tot,
      );
      await consument.stop();
      consument = null;
      expect(volgend.verwerkt).toEqual([derde.id]);
      expect(await ontvangenDoor(consumentNaam)).toEqual([eerste.id, tweede.id, derde.id].sort());
      expect(await onbestelbaarBij(consumentNaam)).toHaveLength(3);
    } finally {
      await consument?.stop();
      await los.close();
      await nats.verwijderStroom().catch(() => undefined);
      await nats.sluit();
    }
  });

  it('runs the signals of a partner in one replica at a time, and another takes over when it stops', async () => {
    const gestart: string[] = [];
    const dienst = (replica: string) => () => {
      gestart.push(replica);
      return { stop: () => Promise.resolve() };
    };
    const naam = `signalen-leiding-${randomBytes(4).toString('hex')}`;
    const eerste = alsLeider(hub.databases.swb.url, naam, dienst('eerste'), 50);
    await wachtOp('a leader', () => Promise.resolve(eerste.leidend()));
    const tweede = alsLeider(hub.databases.swb.url, naam, dienst('tweede'), 50);
    try {
      // Several rounds of asking: the second never leads while the first does.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tweede.leidend()).toBe(false);
      expect(gestart).toEqual(['eerste']);
      await eerste.stop();
      await wachtOp('the second replica to lead', () => Promise.resolve(tweede.leidend()));
      expect(gestart).toEqual(['eerste', 'tweede']);

      // The leader's session ends (a failover, a cut connection): its service stops, and a replica leads again.
      const derde = alsLeider(hub.databases.swb.url, naam, dienst('derde'), 50);
      try {
        const beheer = new Client({ connectionString: process.env.TEST_DATABASE_URL });
        await beheer.connect();
        try {
          const { rowCount } = await beheer.query(
            `select pg_terminate_backend(a.pid) from pg_stat_activity a
               join pg_locks l on l.pid = a.pid and l.locktype = 'advisory' and l.granted
              where a.application_name = $1`,
            [naam],
          );
          expect(rowCount).toBe(1);
        } finally {
          await beheer.end();
        }
        // Whichever asks first leads anew (the former leader too, on a session of its own); one only.
        await wachtOp('a replica to lead again', () => Promise.resolve(gestart.length === 3));
        expect(gestart.slice(0, 2)).toEqual(['eerste', 'tweede']);
        expect([tweede.leidend(), derde.leidend()]).toEqual(
          gestart[2] === 'tweede' ? [true, false] : [false, true],
        );
      } finally {
        await derde.stop();
      }
    } finally {
      await eerste.stop();
      await tweede.stop();
    }
  });
});
