import * as assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { computeClient, demoCredential } from './sdkClients';

const dev = demoCatalog.devTest;
const sandbox = demoCatalog.sandbox;
const rg: string = dev.web02.resourceGroup;
const vmName: string = dev.web02.vm;

describe('VM power operations against the real @azure/arm-compute pollers', function () {
  const h = useEmulator();
  let client: ComputeManagementClient;
  let sandboxClient: ComputeManagementClient;

  before(() => {
    client = computeClient(h.emulator, dev.subscriptionId);
    sandboxClient = computeClient(h.emulator, sandbox.subscriptionId, demoCredential(h.emulator, DEMO_TENANTS.fabrikam.tenantId));
  });

  async function power(group = rg, name = vmName, c = client): Promise<{ power?: string; provisioning?: string }> {
    const view = await c.virtualMachines.instanceView(group, name);
    return {
      power: view.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code,
      provisioning: view.statuses?.find((s) => s.code?.startsWith('ProvisioningState/'))?.code,
    };
  }

  it('keeps the demo VMs in the power states they were built with', async () => {
    assert.deepEqual(await power(), { power: 'PowerState/running', provisioning: 'ProvisioningState/succeeded' });
    assert.equal((await power(sandbox.lab02.resourceGroup, sandbox.lab02.vm, sandboxClient)).power, 'PowerState/deallocated');
  });

  it('deallocates through beginDeallocate: 202 with Azure-AsyncOperation and Location, deallocating, then deallocated', async () => {
    const poller = await client.virtualMachines.beginDeallocate(rg, vmName, { updateIntervalInMs: 10 });
    const post = h.emulator.controls.requestLog.find((r) => r.method === 'POST' && r.path.endsWith('/deallocate'));
    assert.equal(post?.status, 202);
    assert.deepEqual(await power(), { power: 'PowerState/deallocating', provisioning: 'ProvisioningState/updating' });
    const vm = await client.virtualMachines.get(rg, vmName);
    assert.equal(vm.provisioningState, 'Updating');
    h.emulator.controls.clock.advance(10_000);
    await poller.pollUntilDone();
    assert.deepEqual(await power(), { power: 'PowerState/deallocated', provisioning: 'ProvisioningState/succeeded' });
    const monitor = h.emulator.controls.requestLog.filter((r) => r.path.includes('/operations/') && r.query.monitor === 'true');
    assert.ok(monitor.length > 0, 'the poller read the Location monitor for the final state');
  });

  it('starts a deallocated VM with beginStart and powers a running one off with beginPowerOff', async () => {
    const start = await sandboxClient.virtualMachines.beginStart(sandbox.lab02.resourceGroup, sandbox.lab02.vm, { updateIntervalInMs: 10 });
    assert.equal((await power(sandbox.lab02.resourceGroup, sandbox.lab02.vm, sandboxClient)).power, 'PowerState/starting');
    h.emulator.controls.clock.advance(10_000);
    await start.pollUntilDone();
    assert.equal((await power(sandbox.lab02.resourceGroup, sandbox.lab02.vm, sandboxClient)).power, 'PowerState/running');

    const off = await client.virtualMachines.beginPowerOff(rg, vmName, { updateIntervalInMs: 10 });
    assert.equal((await power()).power, 'PowerState/stopping');
    h.emulator.controls.clock.advance(10_000);
    await off.pollUntilDone();
    assert.equal((await power()).power, 'PowerState/stopped');
  });

  it('restarts a running VM and lists the new power state with statusOnly', async () => {
    const restart = client.virtualMachines.restart(rg, vmName, { updateIntervalInMs: 10 });
    await restart.submitted();
    assert.equal((await power()).power, 'PowerState/starting');
    h.emulator.controls.clock.advance(10_000);
    await restart.pollUntilDone();
    const listed = [];
    for await (const vm of client.virtualMachines.listAll({ statusOnly: 'true' })) listed.push(vm);
    const web02 = listed.find((v) => v.name === vmName);
    assert.equal(web02?.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code, 'PowerState/running');
  });

  it('refuses to power off or restart a deallocated VM (409 OperationNotAllowed) and changes nothing', async () => {
    for (const action of ['powerOff', 'restart']) {
      const res = await h.arm('POST', `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${sandbox.lab02.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${sandbox.lab02.vm}/${action}?api-version=2026-04-01`, { token: h.fabrikamToken });
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json.error.code, 'OperationNotAllowed');
    }
    assert.equal((await power(sandbox.lab02.resourceGroup, sandbox.lab02.vm, sandboxClient)).power, 'PowerState/deallocated');
  });

  it('refuses a second operation while one runs (409 OperationNotAllowed)', async () => {
    await client.virtualMachines.beginDeallocate(rg, vmName, { updateIntervalInMs: 10 });
    await assert.rejects(client.virtualMachines.beginStart(rg, vmName), (e: { statusCode?: number; code?: string }) => e.statusCode === 409 && e.code === 'OperationNotAllowed');
    assert.equal((await power()).power, 'PowerState/deallocating');
  });

  it('answers 404 for a power operation on a VM that does not exist', async () => {
    await assert.rejects(client.virtualMachines.beginStart(rg, 'no-such-vm'), (e: { statusCode?: number }) => e.statusCode === 404);
  });
});
