import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator, type RawResponse } from './harness';
import { SpecContract } from './specContract';

const dev = demoCatalog.devTest;
const sub = `/subscriptions/${dev.subscriptionId}`;
const C = '2026-04-01';
const D = '2026-03-02';
const rg = (name: string): string => `${sub}/resourceGroups/${name}`;
const rpcPath = (group: string, name: string): string => `${rg(group)}/providers/Microsoft.Compute/restorePointCollections/${name}`;

describe('emulator responses validate against the Azure REST API specs', function () {
  const h = useEmulator();
  let contract: SpecContract;
  before(() => {
    contract = new SpecContract();
  });

  function expectValid(operationId: string, res: RawResponse, expectedStatus: number): void {
    assert.equal(res.status, expectedStatus, `${operationId}: ${res.text.slice(0, 300)}`);
    const errors = contract.check(operationId, res.status, res.json);
    assert.deepEqual(errors, [], `${operationId} ${res.status} does not match the spec`);
  }

  it('detects a body that breaks the schema (the check can fail)', () => {
    const errors = contract.check('RestorePoints_Get', 200, { properties: { consistencyMode: 'Sometimes', timeCreated: 42 } });
    assert.ok(errors.length >= 2, errors.join('\n'));
    const unknown = contract.check('RestorePointCollections_Get', 200, { name: 'x', location: 'eastus', properties: { source: { id: 'y', origin: 'z' }, madeUp: 1 } });
    assert.deepEqual(unknown.sort(), ['/properties/madeUp is not in the spec', '/properties/source/origin is not in the spec']);
  });

  it('subscriptions, tenants and locations', async () => {
    expectValid('Subscriptions_List', await h.arm('GET', '/subscriptions?api-version=2022-12-01'), 200);
    expectValid('Subscriptions_Get', await h.arm('GET', `${sub}?api-version=2022-12-01`), 200);
    expectValid('Subscriptions_ListLocations', await h.arm('GET', `${sub}/locations?api-version=2022-12-01`), 200);
    expectValid('Tenants_List', await h.arm('GET', '/tenants?api-version=2022-12-01'), 200);
  });

  it('virtual machines: list all (statusOnly), list, get with instance view, instance view', async () => {
    expectValid('VirtualMachines_ListAll', await h.arm('GET', `${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${C}&statusOnly=true`), 200);
    expectValid('VirtualMachines_List', await h.arm('GET', `${rg(dev.sql01.resourceGroup)}/providers/Microsoft.Compute/virtualMachines?api-version=${C}`), 200);
    for (const vm of [dev.sql01.vm, dev.cache01.vm]) {
      expectValid('VirtualMachines_Get', await h.arm('GET', `${rg(dev.sql01.resourceGroup)}/providers/Microsoft.Compute/virtualMachines/${vm}?api-version=${C}&$expand=instanceView`), 200);
    }
    expectValid('VirtualMachines_InstanceView', await h.arm('GET', `${rg(dev.sql01.resourceGroup)}/providers/Microsoft.Compute/virtualMachines/${dev.sql01.vm}/instanceView?api-version=${C}`), 200);
  });

  it('disks: list, list by group, get, create from a disk restore point', async () => {
    expectValid('Disks_List', await h.arm('GET', `${sub}/providers/Microsoft.Compute/disks?api-version=${D}`), 200);
    const list = await h.arm('GET', `${rg(dev.web02.resourceGroup)}/providers/Microsoft.Compute/disks?api-version=${D}`);
    expectValid('Disks_ListByResourceGroup', list, 200);
    expectValid('Disks_Get', await h.arm('GET', `${list.json.value[0].id}?api-version=${D}`), 200);
    const drps = await h.arm('GET', `${rpcPath(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/${dev.web02.restorePoints[0]}/diskRestorePoints?api-version=${D}`);
    const put = await h.arm('PUT', `${rg(dev.web02.resourceGroup)}/providers/Microsoft.Compute/disks/contract-disk?api-version=${D}`, {
      body: { location: dev.web02.location, properties: { creationData: { createOption: 'Restore', sourceResourceId: drps.json.value[0].id } } },
    });
    expectValid('Disks_CreateOrUpdate', put, 202);
  });

  it('restore point collections: list all, list, get with restore points, create, update and errors', async () => {
    expectValid('RestorePointCollections_ListAll', await h.arm('GET', `${sub}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`), 200);
    expectValid('RestorePointCollections_List', await h.arm('GET', `${rg(dev.web01.resourceGroup)}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`), 200);
    expectValid('RestorePointCollections_Get', await h.arm('GET', `${rpcPath(dev.web01.resourceGroup, dev.web01.collection)}?api-version=${C}&$expand=restorePoints`), 200);
    const vm = await h.arm('GET', `${rg(dev.web02.resourceGroup)}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}?api-version=${C}`);
    const created = await h.arm('PUT', `${rpcPath(dev.web02.resourceGroup, 'contract-rpc')}?api-version=${C}`, { body: { location: dev.web02.location, properties: { source: { id: vm.json.id } } } });
    expectValid('RestorePointCollections_CreateOrUpdate', created, 201);
    expectValid('RestorePointCollections_CreateOrUpdate', await h.arm('PUT', `${rpcPath(dev.web02.resourceGroup, 'contract-rpc')}?api-version=${C}`, { body: { location: dev.web02.location, tags: { a: 'b' } } }), 200);
    expectValid('RestorePointCollections_Update', await h.arm('PATCH', `${rpcPath(dev.web02.resourceGroup, 'contract-rpc')}?api-version=${C}`, { body: { tags: { c: 'd' } } }), 200);
    expectValid('RestorePointCollections_Get', await h.arm('GET', `${rpcPath(dev.web02.resourceGroup, 'missing')}?api-version=${C}`), 404);
  });

  it('restore points: create, get with instance view (own region and a replicating copy), and errors', async () => {
    const created = await h.arm('PUT', `${rpcPath(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/contract-rp?api-version=${C}`, { body: { properties: {} } });
    expectValid('RestorePoints_Create', created, 201);
    h.emulator.controls.clock.advance(10_000);
    expectValid('RestorePoints_Get', await h.arm('GET', `${rpcPath(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/contract-rp?api-version=${C}&$expand=instanceView`), 200);
    expectValid('RestorePoints_Get', await h.arm('GET', `${rpcPath(dev.copies.resourceGroup, dev.copies.collection)}/restorePoints/${dev.copies.replicating.name}?api-version=${C}&$expand=instanceView`), 200);
    expectValid('RestorePoints_Get', await h.arm('GET', `${rpcPath(dev.web01.resourceGroup, dev.web01.collection)}/restorePoints/${dev.web01.restorePoints.failed}?api-version=${C}&$expand=instanceView`), 200);
    expectValid('RestorePoints_Create', await h.arm('PUT', `${rpcPath(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/bad..name.?api-version=${C}`, { body: {} }), 400);
  });

  it('disk restore points: list, get (including a copy) and grant access result', async () => {
    const base = `${rpcPath(dev.copies.resourceGroup, dev.copies.collection)}/restorePoints/${dev.copies.replicating.name}/diskRestorePoints`;
    const list = await h.arm('GET', `${base}?api-version=${D}`);
    expectValid('DiskRestorePoint_ListByRestorePoint', list, 200);
    expectValid('DiskRestorePoint_Get', await h.arm('GET', `${list.json.value[0].id}?api-version=${D}`), 200);
    const own = await h.arm('GET', `${rpcPath(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/${dev.web02.restorePoints[0]}/diskRestorePoints?api-version=${D}`);
    const grant = await h.arm('POST', `${own.json.value[0].id}/beginGetAccess?api-version=${D}`, { body: { access: 'Read', durationInSeconds: 300 } });
    assert.equal(grant.status, 202);
    h.emulator.controls.clock.advance(5_000);
    const result = await h.arm('GET', String(grant.headers.location).replace(h.emulator.endpoint, ''));
    expectValid('DiskRestorePoint_GrantAccess', result, 200);
  });
});
