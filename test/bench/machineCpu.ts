import * as fs from 'node:fs';
import { statCpuMs } from './mainThreadCpu';

export interface ProcessCpu {
  pid: number;
  /** The start of its command line, enough to tell the extension host from the server or the browser. */
  command: string;
  cpuMs: number;
}

/** CPU time (user and system, every thread) of every process on the machine so far, by pid; empty where there is no /proc. */
function cpuOfEveryProcess(): Map<number, ProcessCpu> {
  const all = new Map<number, ProcessCpu>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return all;
  }
  for (const name of pids) {
    try {
      const cpuMs = statCpuMs(`/proc/${name}/stat`);
      const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 160);
      all.set(Number(name), { pid: Number(name), command, cpuMs });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return all;
}

/**
 * What every process on the machine spent of its CPU while `work` ran, the busiest first: on a
 * machine running other work, which part of a slow figure was this benchmark's processes (extension host,
 * server, browser, emulator) and which was any other process's. Processes that ended during
 * `work` are not counted.
 */
export async function machineCpuWhile<T>(work: () => Promise<T>): Promise<{ result: T; processes: ProcessCpu[] }> {
  const before = cpuOfEveryProcess();
  const result = await work();
  const processes = [...cpuOfEveryProcess().values()]
    .map((p) => ({ ...p, cpuMs: p.cpuMs - (before.get(p.pid)?.cpuMs ?? 0) }))
    .filter((p) => p.cpuMs > 0)
    .sort((a, b) => b.cpuMs - a.cpuMs);
  return { result, processes };
}
