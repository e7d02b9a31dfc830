import { readFileSync, writeFileSync } from 'node:fs';
import { measureDiskDownload, type DiskDownloadFigure } from './diskDownload';

export const today = (): string => new Date().toISOString().slice(0, 10);

const DOWNLOAD_ROW = '| Download VHD:';
const DOWNLOAD_NOTE = '- **Download VHD**';

/** The median run (by the ratio; the lower middle of an even count), with the spread of the ratio over every run. */
export function downloadCells(figures: DiskDownloadFigure[]): (string | number)[][] {
  const met = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const ratioOf = (f: DiskDownloadFigure): number => f.engineMBps / f.plainMBps;
  const byRatio = [...figures].sort((a, b) => ratioOf(a) - ratioOf(b));
  const typical = byRatio[Math.floor((byRatio.length - 1) / 2)];
  const ratio = ratioOf(typical);
  const ratios = byRatio.map(ratioOf);
  const transferred = Math.max(...figures.map((f) => f.transferredBytes));
  const spread = figures.length > 1 ? `; ${figures.length} runs: ${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}` : '';
  return [
    [
      `${DOWNLOAD_ROW.slice(2)} bytes transferred for a ${(typical.diskBytes / 2 ** 30).toFixed(0)} GiB disk holding ${(typical.dataBytes / 2 ** 30).toFixed(2)} GiB`,
      `${(transferred / 2 ** 30).toFixed(3)} GiB (${transferred} B for ${typical.dataBytes} B of data)`,
      '≤ data + 1%',
      met(transferred <= typical.dataBytes * 1.01),
    ],
    [
      'Download VHD: throughput against plain HTTPS GETs of the same bytes (same run, same emulator; median)',
      `${typical.engineMBps.toFixed(0)} / ${typical.plainMBps.toFixed(0)} MiB/s = ${ratio.toFixed(2)}${spread}`,
      '≥ 0.8',
      met(ratio >= 0.8),
    ],
  ];
}

/** The same as table rows. */
export const downloadRows = (figures: DiskDownloadFigure[]): string[] => downloadCells(figures).map((cells) => `| ${cells.join(' | ')} |`);

/** What the download rows compare; `when` says which run wrote them. */
export const downloadNote = (when: string): string =>
  `${DOWNLOAD_NOTE}: ${when}. In Node with the extension's engine (\`src/azure/download/downloadVhd.ts\`) against the emulator's blob endpoint, in the same process, which computes the disk's bytes as it sends them (the same cost for both transfers). Only page ranges are fetched, so a disk's empty space costs nothing; the engine fetches 4 pieces of up to 4 MiB at once, and flushes the file and records finished pieces in batches. The comparison reads exactly the bytes the engine read (its ranges from the emulator's request log, joined back into page ranges), one plain GET per range, one after the other on one connection: the plainest client there is, with no parallelism, so the ratio is what the engine's pieces, parallel requests, flushes and state file cost or gain against it. The median of the runs is shown, with the lowest and highest ratio: on a shared machine a single run swings widely either way. Profiled, both transfers spend about the same CPU time (most of it the emulator computing the bytes, and TLS); the engine differed in waiting for the disk, since it flushed the file after every 4 MiB piece (256 flushes per GiB); it now flushes and saves its state in batches, one at a time (median 0.62 before, 0.55–2.40 over 3 runs). Pieces of 16 MiB cost twice the CPU time in the same profile, so pieces stay at 4 MiB.`;

/** The download measured `runs` times, one after the other: the machine's load varies between runs, so the rows give the median and the spread. */
export async function measureDiskDownloads(runs: number): Promise<DiskDownloadFigure[]> {
  const figures: DiskDownloadFigure[] = [];
  for (let i = 0; i < runs; i++) {
    figures.push(await measureDiskDownload());
    process.stderr.write(`disk download ${i + 1}/${runs}: ${JSON.stringify(figures[i])}\n`);
  }
  return figures;
}

/**
 * `--only download`: the download's rows and note in results.md are replaced (or added where a full
 * run puts them); every other line is left as the last full run wrote it.
 */
export function writeDownloadRows(file: string, rows: string[]): void {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith(DOWNLOAD_ROW) && !l.startsWith(DOWNLOAD_NOTE));
  // After the replication poller's row, where a full run puts them; the note before the poller's note.
  const rowAt = lines.findIndex((l) => l.startsWith('| replication poller')) + 1 || lines.findIndex((l) => l === '') + 1;
  lines.splice(rowAt, 0, ...rows);
  const noteAt = lines.findIndex((l) => l.startsWith('- **Replication poller**'));
  lines.splice(noteAt === -1 ? lines.length : noteAt, 0, downloadNote(`measured alone on ${today()} (\`npm run bench -- --only download\`)`));
  writeFileSync(file, lines.join('\n'));
}

