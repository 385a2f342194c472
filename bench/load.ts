import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit } from './processes';
import type { FromDriver, LoadJob, LoadResult, ToDriver } from './protocol';

/**
 * The bench's handle on the driver process. `run` calls `atWarm` between warm-up and measurement,
 * when no request is in flight: the moment to read the services' counters.
 */
export class Driver {
  private constructor(private readonly child: ChildProcess) {}

  static start(): Driver {
    // The compiled driver sits beside this file; it gets no flags of ours (no --cpu-prof).
    const child = fork(join(__dirname, 'driver.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
      serialization: 'advanced',
    });
    killOnExit(child);
    return new Driver(child);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private next(): Promise<FromDriver> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the driver exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (message) => {
        this.child.off('exit', onExit);
        resolve(message as FromDriver);
      });
    });
  }

  private post(message: ToDriver): void {
    this.child.send(message);
  }

  async run(job: LoadJob, atWarm: () => Promise<void>): Promise<LoadResult> {
    const warm = this.next();
    this.post({ type: 'run', job });
    const first = await warm;
    if (first.type === 'failed') throw new Error(`driver: ${first.error}`);
    if (first.type !== 'warm') throw new Error(`driver sent ${first.type} before warm-up ended`);
    await atWarm();
    const done = this.next();
    this.post({ type: 'measure' });
    const last = await done;
    if (last.type === 'failed') throw new Error(`driver: ${last.error}`);
    if (last.type !== 'result') throw new Error(`driver sent ${last.type} instead of a result`);
    return last.result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.post({ type: 'exit' });
    await exited;
  }
}
