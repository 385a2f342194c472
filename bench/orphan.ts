import { readFileSync } from 'node:fs';

/** The parent's process id as the kernel has it now (`process.ppid` is read once, at start). */
function parentPid(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state, then ppid.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * Calls `onOrphaned` (default: exit) once this process's parent has gone: when a parent dies, however it
 * dies (SIGKILL, a test runner's timeout), the kernel hands its children to another process. So no
 * process of the bench outlives the one that started it, even when that one could not clean up.
 */
export function exitWhenOrphaned(onOrphaned: () => void = () => process.exit(1)): void {
  const parent = parentPid();
  const timer = setInterval(() => {
    if (parentPid() === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, 1000);
  timer.unref();
}
