import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { demoCatalog, type ThrottleLimits } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/RestorePointsTreeProvider';
import { byLabel, children, control, EXTENSION_ID, type Shown } from '../integration/helpers';
import { readRateFloorMs, type LoggedRequest } from './floor';
import { holdFleetCoverage } from './coverageMemory';
import { longestBlockWhile } from './eventLoop';
import { benchSelected } from './selection';
import { expandFleet } from './fleetTree';
import { heapSnapshotWhenAsked, memoryAfterCollection, memoryWhenSettled } from './memory';
import type { BenchResults, ViewFigure } from './results';

const LOAD_MORE = 'Load more…';

/** What a view cost the emulator: its ARM requests, sign-in requests and TLS connections. */
export async function armTraffic(): Promise<{ arm: LoggedRequest[]; signIn: number }> {
  const log = await control<{ value: LoggedRequest[] }>('GET', '/requests');
  const arm = log.value.filter((r) => /^\/(subscriptions|tenants)/i.test(r.path));
  return { arm, signIn: log.value.length - arm.length };
}

export const tlsConnections = async (): Promise<number> => (await control<{ tlsConnections: number }>('GET', '/connections')).tlsConnections;

/** ARM's throttling as the benchmark runs it: on, with ARM's own limits (the emulator's defaults). */
export async function throttleLikeArm(latencyMs: number): Promise<ThrottleLimits> {
  await control('POST', '/latency', { ms: latencyMs });
  return (await control<{ limits: ThrottleLimits }>('POST', '/throttling', { enabled: true })).limits;
}

/**
 * The benchmark, inside the real extension host: each view is shown the way VS Code asks for it
 * (getChildren/getTreeItem, "Load more…" clicked through its command), timed, and its ARM requests
 * counted from the emulator's request log. Writes the figures for runBench.ts to print.
 */
export async function run(): Promise<void> {
  const latencyMs = Number(process.env.RESTORE_POINTS_BENCH_LATENCY ?? '50');
  const extension = vscode.extensions.getExtension<RestorePointsApi>(EXTENSION_ID);
  if (!extension) throw new Error('the extension is not loaded');
  // The workbench starts other extensions in this same process; let that settle so the figure is ours.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  // VS Code's own share, read as the fleet's settled reading is: after the same quiet, then a full collection.
  const before = await memoryWhenSettled();
  heapSnapshotWhenAsked('before-activation');
  // Activation as the extension host does it: loading the bundle and running activate().
  const started = performance.now();
  const api = await extension.activate();
  const activationMs = performance.now() - started;

  await control('POST', '/reset', { data: 'demo' });
  const limits = await throttleLikeArm(latencyMs);
  const results: BenchResults = {
    latencyMs,
    readBucket: limits.reads,
    activationMs,
    rssBeforeMb: before.rssMb,
    heapBeforeMb: before.heapMb,
    views: [],
    vscodeVersion: vscode.version,
  };
  if (benchSelected('tree')) {
    const { nodes, longestBlockMs } = await measureTree(api, latencyMs, limits, results.views);
    // The tree (every node, as VS Code would hold it) is still referenced by the provider here.
    const after = memoryAfterCollection();
    heapSnapshotWhenAsked('after-full-expansion');
    Object.assign(results, { memoryMb: after.rssMb, heapMb: after.heapMb, treeNodes: nodes, fullExpansionLongestBlockMs: longestBlockMs });
  }
  if (benchSelected('fleet')) results.fleet = await expandFleet(api, latencyMs);
  // Last: the report is not dropped afterwards (runBench.ts runs this part in a host of its own).
  if (benchSelected('coverage')) results.coverageMemory = await holdFleetCoverage(latencyMs, before);

  await control('POST', '/reset', { data: 'demo' });
  fs.writeFileSync(process.env.RESTORE_POINTS_BENCH_RESULTS ?? 'bench-results.json', JSON.stringify(results, null, 2));
  const resultsFile = process.env.RESTORE_POINTS_TEST_RESULTS;
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify({ passes: 1, failures: 0 }));
}

/** The tree's views over the demo data's large subscription; returns how many tree items the full expansion showed, and the longest the extension host was held meanwhile. */
async function measureTree(api: RestorePointsApi, latencyMs: number, limits: ThrottleLimits, views: ViewFigure[]): Promise<{ nodes: number; longestBlockMs: number }> {
  const large = demoCatalog.large;
  const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));
  const vmPages = pages(large.virtualMachines, 50);

  const measure = async <T>(view: string, floorTrips: number, show: () => Promise<T>): Promise<T> => {
    await control('DELETE', '/requests');
    const connectionsBefore = await tlsConnections();
    const t0 = performance.now();
    const value = await show();
    const ms = performance.now() - t0;
    const connections = (await tlsConnections()) - connectionsBefore;
    const { arm, signIn } = await armTraffic();
    const distinct = new Set(arm.map((r) => `${r.tenantId} ${r.method} ${r.path} ${JSON.stringify(r.query)}`)).size;
    const rateFloorMs = readRateFloorMs(arm, limits);
    const floorMs = Math.max(floorTrips * latencyMs, rateFloorMs);
    views.push({ view, ms, armRequests: arm.length, repeatedRequests: arm.length - distinct, signInRequests: signIn, floorTrips, rateFloorMs, floorMs, tlsConnections: connections });
    return value;
  };

  await vscode.commands.executeCommand('restorePoints.refresh');
  // GET /tenants, then every tenant's subscriptions at once.
  const roots = await measure('Subscriptions', 2, () => children(api));
  const subscription = byLabel(roots, demoCatalog.subscriptions.find((s) => s.subscriptionId === large.subscriptionId)!.displayName);
  // One page of the VM list.
  const firstPage = await measure('Large subscription: first page of VMs', 1, () => children(api, subscription.node));
  // Every page of the VM list, one after the other (nextLink).
  const allVms = await measure(`Large subscription: all ${large.virtualMachines} VMs (Load more…)`, vmPages, () => loadAll(api, subscription.node, firstPage));
  const vm = allVms[0];
  // The VM's collections come from the subscription-wide list already loaded; one Get per collection.
  await measure('One VM: collections and restore points', 1, async () => {
    for (const collection of await children(api, vm.node)) await children(api, collection.node);
  });

  await vscode.commands.executeCommand('restorePoints.refresh');
  // The subscription's read bucket full again, as ARM's is after a pause (10 s at 25 a second).
  await new Promise((resolve) => setTimeout(resolve, (limits.reads.size / limits.reads.refillPerSecond) * 1000));
  const fresh = byLabel(await children(api), subscription.label);
  const nodes = { value: 0 };
  // VM pages and collection pages side by side, then every collection at once, then every restore point's disks at once.
  const { longestBlockMs } = await measure(`Large subscription: full expansion (${large.restorePoints} restore points, with disks)`, Math.max(vmPages, pages(large.restorePointCollections, 50)) + 2, () =>
    longestBlockWhile(async () => {
      const vms = await loadAll(api, fresh.node, await children(api, fresh.node));
      await Promise.all(vms.map((v) => walk(api, v.node, nodes)));
    }),
  );
  return { nodes: nodes.value, longestBlockMs };
}

/** Clicks "Load more…" until the whole list is shown. */
export async function loadAll(api: RestorePointsApi, parent: TreeNode, shown: Shown[]): Promise<Shown[]> {
  while (shown.length > 0 && shown[shown.length - 1].label === LOAD_MORE) {
    const command = shown[shown.length - 1].item.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    shown = await children(api, parent);
  }
  return shown;
}

async function walk(api: RestorePointsApi, node: TreeNode, count: { value: number }): Promise<void> {
  const shown = await children(api, node);
  count.value += shown.length;
  await Promise.all(shown.filter((s) => s.item.collapsibleState !== vscode.TreeItemCollapsibleState.None).map((s) => walk(api, s.node, count)));
}
