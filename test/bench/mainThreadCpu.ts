import * as fs from 'node:fs';

/** Linux reports CPU time in /proc in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU time (user and system) in a /proc `stat` file: a process's (every thread) or a task's. Throws where it cannot be read. */
export function statCpuMs(statFile: string): number {
  const stat = fs.readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time (user and system) a process's main thread has used so far, from /proc: JavaScript, JSON
 * parsing and TLS record handling all run on it, so however fast the other end and however many
 * requests are in flight, the same work cannot take less wall time on this CPU. Unlike the event
 * loop's active time, it does not count time the thread waited for a core on a busy machine.
 * Undefined where there is no /proc (the figure is then left out, not guessed).
 */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // A process's main thread is the task whose id is the process id.
    const cpuMs = statCpuMs(`/proc/${pid}/task/${pid}/stat`);
    return Number.isFinite(cpuMs) ? cpuMs : undefined;
  } catch {
    return undefined;
  }
}

/** Main-thread CPU time a stretch of work cost `pid` (undefined where the system does not report it). */
export async function cpuWhile<T>(pids: { client: number; server: number | undefined }, work: () => Promise<T>): Promise<{ result: T; clientCpuMs?: number; serverCpuMs?: number }> {
  const clientBefore = mainThreadCpuMs(pids.client);
  const serverBefore = mainThreadCpuMs(pids.server);
  const result = await work();
  return { result, clientCpuMs: since(clientBefore, mainThreadCpuMs(pids.client)), serverCpuMs: since(serverBefore, mainThreadCpuMs(pids.server)) };
}

function since(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before;
}
