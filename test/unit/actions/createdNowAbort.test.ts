import * as assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createdNow } from '../../../src/azure/actions/runs/createdNow';
import type { RunRecord, StepSpec } from '../../../src/azure/actions/runs/runRecord';
import type { ClientFactory } from '../../../src/azure/clients';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../../src/emulator/demoIdentity';
import { useEmulator } from '../../emulator/harness';
import { emulatorClientFactory } from '../../emulator/emulatorFactory';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const group = `/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}`;
const vmId = `${group}/providers/Microsoft.Compute/virtualMachines/${web02.vm}`;

/** A run that created a resource group and a VM (both exist in the demo data), as the journal keeps it. */
function runThatCreated(specs: StepSpec[]): RunRecord {
  return {
    id: 'run-abort',
    kind: 'restoreAsNewVm',
    name: web02.vm,
    vmId,
    tenantId: DEMO_TENANTS.contoso.tenantId,
    subscriptionId: dev.subscriptionId,
    startedAt: 0,
    state: 'failed',
    stages: [{ steps: specs.map((spec) => ({ spec, title: spec.kind, status: 'done' as const, accepted: true })) }],
  };
}

type ServerRequestStart = { request: IncomingMessage; response: ServerResponse };

describe('Delete What Was Created: reading what a run created stops when it is cancelled', function () {
  const h = useEmulator();
  const run = runThatCreated([
    { kind: 'createResourceGroup', id: group, location: web02.location },
    { kind: 'putVirtualMachine', vmId, vm: { location: web02.location }, creates: true, attaches: [] },
  ]);
  const subscription = { tenantId: run.tenantId, subscriptionId: run.subscriptionId };
  let factory: ClientFactory;

  before(() => (factory = emulatorClientFactory(h.emulator)));
  // ARM paths compare without case (the resources client writes `resourcegroups`).
  const isReadOfTheRun = (path: string): boolean => [group, vmId].some((id) => id.toLowerCase() === path.toLowerCase());
  const readsOfTheRun = () => h.emulator.controls.requestLog.filter((r) => r.method === 'GET' && isReadOfTheRun(r.path));

  it('sends nothing for the group and the VM when cancelled before the reads start', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(createdNow(factory, subscription, run, controller.signal), (e: Error) => e.name === 'AbortError');
    assert.deepEqual(readsOfTheRun(), []);
  });

  it('hangs up on the group and VM reads ARM is still answering', async () => {
    // Answers slow enough that only a cancelled read ends before them.
    h.emulator.controls.setLatency(5000);
    const controller = new AbortController();
    const arrived: ServerResponse[] = [];
    // The emulator runs in this process: cancel once both reads have reached it, so neither can be stopped before it is sent.
    const onRequest = (message: unknown): void => {
      const { request, response } = message as ServerRequestStart;
      const path = new URL(request.url ?? '/', 'https://emulator').pathname;
      if (!isReadOfTheRun(path)) return;
      arrived.push(response);
      if (arrived.length === 2) controller.abort();
    };
    subscribe('http.server.request.start', onRequest);
    try {
      await assert.rejects(createdNow(factory, subscription, run, controller.signal), (e: Error) => e.name === 'AbortError');
      // The emulator logs a request when its connection closes.
      await Promise.all(arrived.filter((r) => !r.closed).map((r) => once(r, 'close')));
    } finally {
      unsubscribe('http.server.request.start', onRequest);
    }
    // Each read was sent once and dropped before ARM answered (status 0), not retried.
    assert.deepEqual(readsOfTheRun().map((r) => [r.path.toLowerCase(), r.status]).sort(), [[group.toLowerCase(), 0], [vmId.toLowerCase(), 0]].sort());
  });
});
