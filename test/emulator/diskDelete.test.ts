import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { computeClient } from './sdkClients';

const dev = demoCatalog.devTest;
const D = '2026-03-02';
const group = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}`;
const diskUrl = (name: string, rg = group): string => `${rg}/providers/Microsoft.Compute/disks/${name}?api-version=${D}`;

describe('emulator: deleting managed disks', () => {
  const h = useEmulator();

  async function createEmptyDisk(name: string): Promise<void> {
    const put = await h.arm('PUT', diskUrl(name), { body: { location: dev.web02.location, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 8 } } });
    assert.equal(put.status, 202, put.text);
  }

  it('deletes an unattached disk as a long-running operation and removes it from the store', async () => {
    await createEmptyDisk('scratch');
    const before = h.emulator.controls.counts().disks;

    const accepted = await h.arm('DELETE', diskUrl('scratch'));
    assert.equal(accepted.status, 202);
    assert.match(String(accepted.headers.location), /\/operations\/.+monitor=true/);
    assert.match(String(accepted.headers['azure-asyncoperation']), /\/operations\//);
    assert.ok(Number(accepted.headers['retry-after']) >= 1);
    const deleting = await h.arm('GET', diskUrl('scratch'));
    assert.equal(deleting.json.properties.provisioningState, 'Deleting');
    const running = await h.arm('GET', String(accepted.headers.location));
    assert.equal(running.status, 202, 'the monitor says it is still running');
    assert.equal(await h.arm('PUT', diskUrl('scratch'), { body: { location: dev.web02.location, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 8 } } }).then((r) => r.json.error.code), 'OperationNotAllowed');

    h.emulator.controls.clock.advance(10_000);
    const done = await h.arm('GET', String(accepted.headers['azure-asyncoperation']));
    assert.equal(done.json.status, 'Succeeded');
    const gone = await h.arm('GET', diskUrl('scratch'));
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'ResourceNotFound');
    assert.equal(h.emulator.controls.counts().disks, before - 1);
    const listed = await h.arm('GET', `${group}/providers/Microsoft.Compute/disks?api-version=${D}`);
    assert.ok(!listed.json.value.some((d: { name: string }) => d.name === 'scratch'));
  });

  it('refuses to delete a disk attached to a VM with 409 OperationNotAllowed and keeps it', async () => {
    const vm = await h.arm('GET', `${group}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}?api-version=2026-04-01`);
    const osDiskId: string = vm.json.properties.storageProfile.osDisk.managedDisk.id;
    const before = h.emulator.controls.counts();

    const refused = await h.arm('DELETE', `${osDiskId}?api-version=${D}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'OperationNotAllowed');
    assert.match(refused.json.error.message, new RegExp(`attached to VM .*/virtualMachines/${dev.web02.vm}`, 'i'));
    h.emulator.controls.clock.advance(60_000);
    const still = await h.arm('GET', `${osDiskId}?api-version=${D}`);
    assert.equal(still.status, 200);
    assert.equal(still.json.properties.provisioningState, 'Succeeded');
    assert.deepEqual(h.emulator.controls.counts(), before);
  });

  it('answers 204 for a disk that does not exist and 404 for a missing resource group, as ARM does', async () => {
    const missing = await h.arm('DELETE', diskUrl('never-was'));
    assert.equal(missing.status, 204);
    const noGroup = await h.arm('DELETE', diskUrl('any', `/subscriptions/${dev.subscriptionId}/resourceGroups/no-such-group`));
    assert.equal(noGroup.status, 404);
    assert.equal(noGroup.json.error.code, 'ResourceGroupNotFound');
  });

  it('a repeated DELETE joins the deletion under way', async () => {
    await createEmptyDisk('twice');
    await h.arm('DELETE', diskUrl('twice'));
    h.emulator.controls.clock.advance(1_000);
    const again = await h.arm('DELETE', diskUrl('twice'));
    assert.equal(again.status, 202);
    h.emulator.controls.clock.advance(1_500);
    assert.equal((await h.arm('GET', diskUrl('twice'))).status, 404, 'the first deadline holds');
  });

  it('works with the real SDK poller (disks.beginDelete)', async () => {
    await createEmptyDisk('sdk-scratch');
    const client = computeClient(h.emulator, dev.subscriptionId);
    const poller = await client.disks.beginDelete(dev.web02.resourceGroup, 'sdk-scratch', { updateIntervalInMs: 10 });
    h.emulator.controls.clock.advance(10_000);
    await poller.pollUntilDone();
    await assert.rejects(client.disks.get(dev.web02.resourceGroup, 'sdk-scratch'), (e: { statusCode?: number }) => e.statusCode === 404);
    const deletes = h.emulator.controls.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith('/disks/sdk-scratch'));
    assert.equal(deletes.length, 1);
  });
});
