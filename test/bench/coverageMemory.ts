import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { CoverageReport } from '../../src/azure/coverage';
import { fleetCatalog } from '../../src/emulator/data/fleetCatalog';
import { control, eventually } from '../integration/helpers';
import { profiledWhenAsked } from './cpuProfile';
import { throttleLikeArm, tlsConnections } from './entry';
import type { LoggedRequest } from './floor';
import { memoryAfterCollection, memoryWhenSettled, type MemoryReading } from './memory';
import type { CoverageMemoryFigure } from './results';

const COVERAGE_VIEW_TYPE = 'restorePoints.coverage';

/** The report's page among the editor tabs (VS Code prefixes the panel's view type). */
const reportPageOpen = (): boolean =>
  vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(COVERAGE_VIEW_TYPE)));

/**
 * Runs Show Restore Point Coverage… as a user does from the view's title bar: every subscription the
 * view shows. Keeps only the counts, so that what stays in memory is what the extension holds (its
 * kept report, the page's panel), not the benchmark's reference to the rows.
 */
async function showCoverageOfTheView(): Promise<{ rows: number; collectionsRead: number }> {
  const report = await vscode.commands.executeCommand<CoverageReport | undefined>('restorePoints.showCoverage');
  if (!report) throw new Error('Show Restore Point Coverage… returned no report (see the extension\'s log)');
  return { rows: report.rows.length, collectionsRead: report.collectionsRead };
}

/** The ARM requests the emulator logged and how many it answered 429; only the counts, so the log is not held while memory is read. */
async function armRequestCounts(): Promise<{ armRequests: number; throttled: number }> {
  const log = (await control<{ value: (LoggedRequest & { status: number })[] }>('GET', '/requests')).value.filter((r) => /^\/(subscriptions|providers|tenants)/i.test(r.path));
  return { armRequests: log.length, throttled: log.filter((r) => r.status === 429).length };
}

/**
 * The coverage report of the `fleet` data set held by the extension, its page open: the command
 * run from the view over all 200 subscriptions (and the four empty demo ones the data set lists),
 * 20,000 VMs and 15,000 collections read with ARM's throttling on. `vscodeOwn` is this extension
 * host's reading before activation; runBench.ts gives this part a host of its own, so the difference
 * is the report, not a tree expanded before it. Read after a full garbage collection, right after
 * the report and once settled, as the fleet's tree is (memory.ts).
 */
export async function holdFleetCoverage(latencyMs: number, vscodeOwn: MemoryReading): Promise<CoverageMemoryFigure> {
  await control('POST', '/reset', { data: 'fleet' });
  // The emulator makes every subscription and restore point now, untimed, as test/bench/fleetCoverage.ts has it do.
  await control('POST', '/store/generate');
  await throttleLikeArm(latencyMs);
  await vscode.commands.executeCommand('restorePoints.refresh');
  await control('DELETE', '/requests');
  const connectionsBefore = await tlsConnections();
  const t0 = performance.now();
  const { rows, collectionsRead } = await profiledWhenAsked('coverage-extension-host', showCoverageOfTheView);
  const ms = performance.now() - t0;
  const connections = (await tlsConnections()) - connectionsBefore;
  await eventually(async () => (reportPageOpen() ? true : undefined), 'the report page to open');
  const { armRequests, throttled } = await armRequestCounts();
  const memory = memoryAfterCollection();
  const settled = await memoryWhenSettled();
  if (rows !== fleetCatalog.totals.virtualMachines || collectionsRead !== fleetCatalog.totals.restorePointCollections) {
    throw new Error(`the report listed ${rows} VMs and read ${collectionsRead} collections, not the fleet's ${fleetCatalog.totals.virtualMachines} and ${fleetCatalog.totals.restorePointCollections}`);
  }
  if (!reportPageOpen()) throw new Error('the report page closed while the memory was read');
  return {
    virtualMachines: rows,
    collectionsRead,
    ms,
    armRequests,
    throttled,
    tlsConnections: connections,
    vscodeRssMb: vscodeOwn.rssMb,
    vscodeHeapMb: vscodeOwn.heapMb,
    rssMb: memory.rssMb,
    heapMb: memory.heapMb,
    settledRssMb: settled.rssMb,
    settledHeapMb: settled.heapMb,
  };
}
