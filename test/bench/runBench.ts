import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loopbackDirect } from '../runner/loopbackDirect';
import { cacheDir, repoRoot } from '../runner/paths';
import { packageVsix } from '../runner/packageVsix';
import { runTestsInVSCode } from '../runner/runInVSCode';
import { downloadRows, measureDiskDownloads, writeDownloadRows } from './downloadFigures';
import { measureFleetCoverage } from './fleetCoverage';
import { measureReplicationPolling } from './replicationPolling';
import { format } from './report';
import type { BenchResults } from './results';
import { BENCH_PARTS, parseBenchParts, type BenchPart } from './selection';

/**
 * `npm run bench`: the extension inside the real VS Code against the emulator's large data set,
 * with a fixed latency per ARM request. Prints a table and writes test/bench/results.md.
 * Figures only; nothing here passes or fails on time.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { latency: { type: 'string', default: '50' }, only: { type: 'string', default: process.env.RESTORE_POINTS_BENCH_ONLY }, runs: { type: 'string', default: '3' } } });
  const latency = Number(values.latency);
  if (!Number.isInteger(latency) || latency < 0) throw new Error(`--latency must be a whole number of milliseconds, not '${values.latency}'`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not '${values.runs}'`);
  const parts = parseBenchParts(values.only);
  // The plain-Node figures run in this process and reach the emulator on loopback.
  Object.assign(process.env, loopbackDirect(process.env));
  if (parts.length === 1 && parts[0] === 'download') {
    // The disk download alone, in plain Node: no VS Code, and the other figures stay as the last full run wrote them.
    const rows = downloadRows(await measureDiskDownloads(runs));
    process.stdout.write(`${rows.join('\n')}\n`);
    writeDownloadRows(path.join(repoRoot, 'test', 'bench', 'results.md'), rows);
    return;
  }

  // The production build, as users get it: packaging writes the minified dist/extension.js the run loads.
  const vsix = path.join(cacheDir, 'vsix', 'bench.vsix');
  packageVsix(vsix);
  const sizes = { bundleKb: fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size / 1024, vsixKb: fs.statSync(vsix).size / 1024 };

  const extension = stageExtensionActivatedByTheBench();
  // The coverage report's memory is read in an extension host of its own, so that it counts the
  // report alone, not the tree expanded before it. Activation is measured in the first host.
  const treeFirst = parts.includes('tree') || parts.includes('fleet') || !parts.includes('coverage');
  const results = await benchInVSCode(extension, latency, treeFirst ? parts.filter((p) => p !== 'coverage') : ['coverage']);
  if (treeFirst && parts.includes('coverage')) results.coverageMemory = (await benchInVSCode(extension, latency, ['coverage'])).coverageMemory;
  const coverage = parts.includes('coverage') ? await measureFleetCoverage(latency) : undefined;
  const polling = parts.includes('polling') ? await measureReplicationPolling() : undefined;
  const download = parts.includes('download') ? await measureDiskDownloads(runs) : undefined;

  const report = format(results, sizes, { coverage, polling, download });
  process.stdout.write(`${report}\n`);
  // Only a run of every part replaces the recorded results.
  if (parts.length === BENCH_PARTS.length) fs.writeFileSync(path.join(repoRoot, 'test', 'bench', 'results.md'), report + '\n');
}

/** One run of test/bench/entry.ts inside a VS Code of its own, measuring `parts` (those it runs: tree, fleet, coverage). */
async function benchInVSCode(extension: string, latency: number, parts: BenchPart[]): Promise<BenchResults> {
  const resultsFile = path.join(cacheDir, 'bench-results.json');
  fs.rmSync(resultsFile, { force: true });
  const run = await runTestsInVSCode({
    extensionDevelopmentPath: extension,
    // The level a user has by default: trace would measure the log, not the extension.
    extensionLogLevel: 'info',
    testsEntry: path.join(repoRoot, 'out', 'test', 'bench', 'entry.js'),
    env: { RESTORE_POINTS_BENCH_LATENCY: String(latency), RESTORE_POINTS_BENCH_RESULTS: resultsFile, RESTORE_POINTS_BENCH_ONLY: parts.join(',') },
    print: (line) => process.stderr.write(`${line}\n`),
  });
  if (run.exitCode !== 0 || !fs.existsSync(resultsFile)) throw new Error(`the benchmark (${parts.join(', ')}) did not complete inside VS Code`);
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as BenchResults;
}

/**
 * The extension as packaged, but started only when the benchmark calls activate(): it activates
 * on `onStartupFinished`, mixed in with every other extension's start, which would time the
 * workbench rather than us. Same bundle, same manifest otherwise.
 */
function stageExtensionActivatedByTheBench(): string {
  const staged = path.join(cacheDir, 'bench-extension');
  fs.rmSync(staged, { recursive: true, force: true });
  for (const part of ['dist', 'media']) fs.cpSync(path.join(repoRoot, part), path.join(staged, part), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { activationEvents?: string[] };
  manifest.activationEvents = [];
  fs.writeFileSync(path.join(staged, 'package.json'), JSON.stringify(manifest, null, 2));
  return staged;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
