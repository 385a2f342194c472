import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readlink, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isReachable, ROOT_CLUSTERS_DIR, startEmbeddedPostgres, type PostgresServer } from '../hub/postgres';

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function sql<T>(url: string, statement: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The real user id a process runs as, from /proc. */
async function uidOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
}

const asRoot = process.getuid?.() === 0;

describe('Embedded PostgreSQL: npm start from a folder that other users cannot enter', () => {
  let folder: string;
  const servers: PostgresServer[] = [];

  beforeAll(async () => {
    // mkdtemp makes the folder with mode 0700, like root's home folder.
    folder = await mkdtemp(join(tmpdir(), 'keten-embedded-'));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    const clusters = new Set(servers.map((server) => server.clusterDir));
    await rm(folder, { recursive: true, force: true });
    for (const cluster of clusters) await rm(cluster, { recursive: true, force: true });
  });

  it('starts from a 0700 folder, runs the server as the postgres system user under root, and stops it without leftovers', async () => {
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ name: 'postgres', port, dataDir: folder });
    servers.push(server);

    const [row] = await sql<{ server_version: string }>(server.url, 'show server_version');
    expect(row?.server_version).toMatch(/^\d+/);
    await sql(
      server.url,
      'create table bewaard (waarde text); insert into bewaard values ($$eerste start$$)',
    );

    if (asRoot) {
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      expect(await uidOf(server.pid)).toBe(postgresUid);
      // The cluster lives where the postgres user can reach it, linked from the folder it belongs to.
      expect(server.clusterDir.startsWith(`${ROOT_CLUSTERS_DIR}/`)).toBe(true);
      expect(await readlink(join(folder, 'postgres', 'cluster'))).toBe(server.clusterDir);
      expect((await stat(join(server.clusterDir, 'pgdata'))).uid).toBe(postgresUid);
    } else {
      expect(server.clusterDir).toBe(join(folder, 'postgres'));
    }

    await server.stop();
    expect(processRuns(server.pid)).toBe(false);
    expect(await isReachable(server.url)).toBe(false);
  });

  it('reuses the data on a second start', async () => {
    const port = await freePort();
    const server = await startEmbeddedPostgres({ name: 'postgres', port, dataDir: folder });
    servers.push(server);
    expect(await sql(server.url, 'select waarde from bewaard')).toEqual([{ waarde: 'eerste start' }]);
    await server.stop();
    expect(processRuns(server.pid)).toBe(false);
  });

  it('says in one line what to do when the port is taken, and leaves no server behind', async () => {
    // Another program on the port; it hangs up on whoever calls.
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = startEmbeddedPostgres({ name: 'postgres', port, dataDir: folder });
      await expect(failure).rejects.toThrow(/port \d+, which is in use: set EMBEDDED_PG_PORT/);
      const message = await failure.catch((error: Error) => error.message);
      expect(message).not.toContain('\n');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const cluster = asRoot ? await readlink(join(folder, 'postgres', 'cluster')) : join(folder, 'postgres');
    expect(existsSync(join(cluster, 'pgdata', 'postmaster.pid'))).toBe(false);
  });
});
