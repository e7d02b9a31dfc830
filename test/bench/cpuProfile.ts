import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { machineCpuWhile, type ProcessCpu } from './machineCpu';

/**
 * Where `RESTORE_POINTS_BENCH_CPU_PROFILE` asks for CPU profiles of the timed reads, or undefined
 * (no profile: a profiler costs the figure it measures). Inside VS Code the variable reaches the
 * extension host through the server's environment, which inherits the benchmark's.
 */
const cpuProfileDir = (): string | undefined => process.env.RESTORE_POINTS_BENCH_CPU_PROFILE || undefined;

/**
 * `work` alone, or, when a folder is asked for, under V8's sampling profiler of this process,
 * written there as `<name>.cpuprofile` (VS Code and Chrome's DevTools open it), with every
 * process's CPU time meanwhile as `<name>.processes.json` and the busiest in the output: on a
 * machine running other work, that tells this process's work from the emulator's, the browser's and
 * any other process's. The profiler is reached through an inspector session of the process itself, so
 * this works in the extension host as in plain Node, with no debugging port.
 */
export async function profiledWhenAsked<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = cpuProfileDir();
  if (!dir) return work();
  fs.mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    let processes: ProcessCpu[] = [];
    try {
      const measured = await machineCpuWhile(work);
      processes = measured.processes;
      return measured.result;
    } finally {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      writeProcessCpu(path.join(dir, `${name}.processes.json`), name, processes);
    }
  } finally {
    session.disconnect();
  }
}

function writeProcessCpu(file: string, name: string, processes: ProcessCpu[]): void {
  const marked = processes.map((p) => (p.pid === process.pid ? { ...p, command: `(this process) ${p.command}` } : p));
  fs.writeFileSync(file, JSON.stringify(marked, null, 2));
  for (const p of marked.slice(0, 8)) console.log(`${name}: ${Math.round(p.cpuMs)} ms CPU, pid ${p.pid} ${p.command.slice(0, 120)}`);
}
