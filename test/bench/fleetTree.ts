import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { fleetCatalog } from '../../src/emulator/data/fleetCatalog';
import type { RestorePointsApi } from '../../src/extension';
import { children, control } from '../integration/helpers';
import { armTraffic, loadAll, throttleLikeArm, tlsConnections } from './entry';
import { memoryAfterCollection, memoryWhenSettled } from './memory';
import type { FleetFigure } from './results';

/**
 * "At 20,000 VMs": the `fleet` data set's 200 subscriptions expanded in the tree with every VM
 * shown (each subscription's VM pages clicked through "Load more…", all subscriptions at once), the
 * way a person scrolls the whole fleet. The extension then holds every VM's trimmed model and its
 * subscription's collection list. Measured after a full garbage collection, with that tree held,
 * right after the listing and again once the extension host has been idle for a while.
 */
export async function expandFleet(api: RestorePointsApi, latencyMs: number): Promise<FleetFigure> {
  await control('POST', '/reset', { data: 'fleet' });
  await throttleLikeArm(latencyMs);
  await vscode.commands.executeCommand('restorePoints.refresh');
  const connectionsBefore = await tlsConnections();
  const t0 = performance.now();
  const roots = await children(api);
  const subscriptions = roots.filter((s) => s.label.startsWith('Fleet '));
  const vms = await Promise.all(subscriptions.map(async (s) => (await loadAll(api, s.node, await children(api, s.node))).filter((v) => v.label !== 'Load more…')));
  const ms = performance.now() - t0;
  const tlsConnectionsOpened = (await tlsConnections()) - connectionsBefore;
  const { arm } = await armTraffic();
  const memory = memoryAfterCollection();
  const settled = await memoryWhenSettled();
  const virtualMachines = vms.reduce((n, list) => n + list.length, 0);
  if (subscriptions.length !== fleetCatalog.totals.subscriptions || virtualMachines < fleetCatalog.totals.virtualMachines) {
    throw new Error(`the tree showed ${subscriptions.length} fleet subscriptions and ${virtualMachines} items under them, not the fleet's ${fleetCatalog.totals.subscriptions} and ${fleetCatalog.totals.virtualMachines}; other roots: ${roots.filter((s) => !subscriptions.includes(s)).map((s) => `${s.label} ${s.description}`).join(', ')}`);
  }
  return { subscriptions: subscriptions.length, virtualMachines, ms, armRequests: arm.length, tlsConnections: tlsConnectionsOpened, rssMb: memory.rssMb, heapMb: memory.heapMb, settledRssMb: settled.rssMb, settledHeapMb: settled.heapMb };
}
