import { EventEmitter } from 'node:events';
import { captureLogs } from '../logger';
import { guardProcess } from '../process';

/** A process stand-in: its events are emitted by the test, its exit is recorded. */
function guardedProcess(close: () => Promise<void> = () => Promise.resolve()) {
  const events = new EventEmitter();
  const exits: number[] = [];
  const closed: string[] = [];
  guardProcess(
    {
      close: async () => {
        closed.push('close');
        await close();
      },
    },
    'werkplein',
    events,
    (code) => exits.push(code),
  );
  return { events, exits, closed };
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('guardProcess: faults outside every request', () => {
  it('logs an unhandled rejection as a structured line with BSNs masked, and keeps serving', async () => {
    const logs = captureLogs('error');
    try {
      const { events, exits, closed } = guardedProcess();
      events.emit('unhandledRejection', new Error('lookup of 999990019 failed'));
      await settled();
      expect(exits).toEqual([]);
      expect(closed).toEqual([]);
      expect(logs.lines).toHaveLength(1);
      const [line] = logs.lines;
      expect(line).toMatchObject({ service: 'werkplein', msg: 'unhandled promise rejection' });
      expect(JSON.stringify(line)).not.toContain('999990019');
      expect(JSON.stringify(line)).toContain('[bsn]');
    } finally {
      logs.stop();
    }
  });

  it('stops the service and exits with 1 after an uncaught exception, once', async () => {
    const logs = captureLogs('error');
    try {
      const { events, exits, closed } = guardedProcess();
      events.emit('uncaughtException', new Error('state lost'));
      events.emit('uncaughtException', new Error('again while stopping'));
      await settled();
      await settled();
      expect(closed).toEqual(['close']);
      expect(exits).toEqual([1]);
      expect(logs.lines.map((line) => line.msg)).toEqual([
        'uncaught exception: stopping',
        'uncaught exception: stopping',
      ]);
      expect(logs.lines.every((line) => line.level === 60)).toBe(true);
    } finally {
      logs.stop();
    }
  });

  it('exits with 1 when stopping itself fails', async () => {
    const { events, exits } = guardedProcess(() => Promise.reject(new Error('database gone')));
    events.emit('uncaughtException', new Error('state lost'));
    await settled();
    await settled();
    expect(exits).toEqual([1]);
  });
});
