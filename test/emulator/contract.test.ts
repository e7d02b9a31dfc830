import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator, type RawResponse } from './harness';
import { SpecContract } from './specContract';

const dev = demoCatalog.devTest;
const sub = `/subscriptions/${dev.subscriptionId}`;
const C = '2026-04-01';
const D = '2026-03-02';
const N = '2024-05-01';
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
    const nic = contract.check('NetworkInterfaces_Get', 200, { location: 'eastus', properties: { ipConfigurations: [{ properties: { privateIPAllocationMethod: 'Sometimes' } }] } });
    assert.deepEqual(nic, ['/properties/ipConfigurations/0/properties/privateIPAllocationMethod enum: not an allowed value']);
    assert.deepEqual(contract.check('VirtualNetworks_Get', 200, { location: 'eastus', properties: { subnets: [{ name: 's', properties: { madeUp: 1 } }] } }), ['/properties/subnets/0/properties/madeUp is not in the spec']);
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

  it("VM sizes of a region, and an unknown region's error", async () => {
    const sizes = await h.arm('GET', `${sub}/providers/Microsoft.Compute/locations/${dev.web02.location}/vmSizes?api-version=${C}`);
    expectValid('VirtualMachineSizes_List', sizes, 200);
    assert.ok((sizes.json.value as { name: string }[]).some((s) => s.name === 'Standard_D4s_v3'), "web-02's size is offered in its region");
    expectValid('VirtualMachineSizes_List', await h.arm('GET', `${sub}/providers/Microsoft.Compute/locations/atlantis/vmSizes?api-version=${C}`), 400);
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

  it('networks, subnets, public IPs and NICs: create, update, get, list and errors', async () => {
    const g = rg(dev.web01.resourceGroup);
    const net = (path: string): string => `${g}/providers/Microsoft.Network/${path}?api-version=${N}`;
    const vnetBody = { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.60.0.0/16'] }, subnets: [{ name: 'default', properties: { addressPrefix: '10.60.0.0/24' } }] } };
    expectValid('VirtualNetworks_CreateOrUpdate', await h.arm('PUT', net('virtualNetworks/contract-vnet'), { body: vnetBody }), 201);
    expectValid('VirtualNetworks_CreateOrUpdate', await h.arm('PUT', net('virtualNetworks/contract-vnet'), { body: { ...vnetBody, tags: { a: 'b' } } }), 200);
    expectValid('Subnets_CreateOrUpdate', await h.arm('PUT', net('virtualNetworks/contract-vnet/subnets/apps'), { body: { properties: { addressPrefix: '10.60.1.0/24' } } }), 201);
    const overlapping = { ...vnetBody, properties: { ...vnetBody.properties, addressSpace: { addressPrefixes: ['10.61.0.0/16', '10.61.0.0/20'] } } };
    expectValid('VirtualNetworks_CreateOrUpdate', await h.arm('PUT', net('virtualNetworks/contract-bad'), { body: overlapping }), 400);
    expectValid('PublicIPAddresses_CreateOrUpdate', await h.arm('PUT', net('publicIPAddresses/contract-ip'), { body: { location: 'eastus', sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } } }), 201);
    const ipId = `${g}/providers/Microsoft.Network/publicIPAddresses/contract-ip`;
    const nicBody = { location: 'eastus', properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: `${g}/providers/Microsoft.Network/virtualNetworks/contract-vnet/subnets/default` }, publicIPAddress: { id: ipId } } }] } };
    expectValid('NetworkInterfaces_CreateOrUpdate', await h.arm('PUT', net('networkInterfaces/contract-nic'), { body: nicBody }), 201);
    expectValid('NetworkInterfaces_CreateOrUpdate', await h.arm('PUT', net('networkInterfaces/contract-west'), { body: { ...nicBody, location: 'westus' } }), 400);
    expectValid('VirtualNetworks_Get', await h.arm('GET', net('virtualNetworks/contract-vnet')), 200);
    expectValid('VirtualNetworks_Get', await h.arm('GET', net(`virtualNetworks/${dev.web01.resourceGroup}-vnet`)), 200);
    expectValid('VirtualNetworks_List', await h.arm('GET', net('virtualNetworks')), 200);
    expectValid('VirtualNetworks_ListAll', await h.arm('GET', `${sub}/providers/Microsoft.Network/virtualNetworks?api-version=${N}`), 200);
    expectValid('Subnets_Get', await h.arm('GET', net('virtualNetworks/contract-vnet/subnets/default')), 200);
    expectValid('Subnets_List', await h.arm('GET', net('virtualNetworks/contract-vnet/subnets')), 200);
    expectValid('PublicIPAddresses_Get', await h.arm('GET', net('publicIPAddresses/contract-ip')), 200);
    expectValid('PublicIPAddresses_List', await h.arm('GET', net('publicIPAddresses')), 200);
    expectValid('PublicIPAddresses_ListAll', await h.arm('GET', `${sub}/providers/Microsoft.Network/publicIPAddresses?api-version=${N}`), 200);
    expectValid('NetworkInterfaces_Get', await h.arm('GET', net('networkInterfaces/contract-nic')), 200);
    expectValid('NetworkInterfaces_Get', await h.arm('GET', net(`networkInterfaces/${dev.web01.vm}-nic`)), 200);
    expectValid('NetworkInterfaces_List', await h.arm('GET', net('networkInterfaces')), 200);
    expectValid('NetworkInterfaces_ListAll', await h.arm('GET', `${sub}/providers/Microsoft.Network/networkInterfaces?api-version=${N}`), 200);
    expectValid('NetworkInterfaces_Delete', await h.arm('DELETE', net(`networkInterfaces/${dev.web01.vm}-nic`)), 400);
    expectValid('PublicIPAddresses_Delete', await h.arm('DELETE', net('publicIPAddresses/contract-ip')), 400);
    expectValid('VirtualNetworks_Delete', await h.arm('DELETE', net('virtualNetworks/contract-vnet')), 400);
  });

  it('virtual machines created by attaching restored disks: create, get while creating, update, power transitions, Trusted Launch disks and errors', async () => {
    const g = rg(dev.web01.resourceGroup);
    const rpPath = `${rpcPath(dev.web01.resourceGroup, dev.web01.collection)}/restorePoints/${dev.web01.restorePoints.succeeded[0]}`;
    const point = await h.arm('GET', `${rpPath}?api-version=${C}`);
    expectValid('RestorePoints_Get', point, 200);
    const storage = point.json.properties.sourceMetadata.storageProfile;
    expectValid('DiskRestorePoint_Get', await h.arm('GET', `${storage.osDisk.diskRestorePoint.id}?api-version=${D}`), 200);
    const restore = async (name: string, source: string): Promise<string> => {
      const res = await h.arm('PUT', `${g}/providers/Microsoft.Compute/disks/${name}?api-version=${D}`, { body: { location: 'eastus', properties: { creationData: { createOption: 'Restore', sourceResourceId: source } } } });
      assert.equal(res.status, 202, res.text);
      return res.json.id;
    };
    const osDisk = await restore('contract-os', storage.osDisk.diskRestorePoint.id);
    const dataDisk = await restore('contract-data', storage.dataDisks[0].diskRestorePoint.id);
    h.emulator.controls.clock.advance(10_000);
    await h.arm('PUT', `${g}/providers/Microsoft.Network/virtualNetworks/vm-vnet?api-version=${N}`, { body: { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.62.0.0/16'] }, subnets: [{ name: 'default', properties: { addressPrefix: '10.62.0.0/24' } }] } } });
    const nic = await h.arm('PUT', `${g}/providers/Microsoft.Network/networkInterfaces/vm-nic?api-version=${N}`, { body: { location: 'eastus', properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: `${g}/providers/Microsoft.Network/virtualNetworks/vm-vnet/subnets/default` } } }] } } });
    const vmPath = `${g}/providers/Microsoft.Compute/virtualMachines/contract-vm?api-version=${C}`;
    const body = {
      location: 'eastus',
      properties: {
        hardwareProfile: { vmSize: 'Standard_D2s_v3' },
        storageProfile: { osDisk: { createOption: 'Attach', osType: 'Linux', managedDisk: { id: osDisk } }, dataDisks: [{ lun: 0, createOption: 'Attach', managedDisk: { id: dataDisk } }] },
        networkProfile: { networkInterfaces: [{ id: nic.json.id, properties: { primary: true } }] },
        securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      },
    };
    expectValid('VirtualMachines_CreateOrUpdate', await h.arm('PUT', vmPath, { body: { ...body, properties: { ...body.properties, securityProfile: undefined } } }), 400);
    expectValid('VirtualMachines_CreateOrUpdate', await h.arm('PUT', vmPath, { body }), 201);
    expectValid('VirtualMachines_Get', await h.arm('GET', `${vmPath}&$expand=instanceView`), 200);
    const taken = await h.arm('PUT', `${g}/providers/Microsoft.Compute/virtualMachines/contract-other?api-version=${C}`, { body });
    expectValid('VirtualMachines_CreateOrUpdate', taken, 409);
    h.emulator.controls.clock.advance(10_000);
    expectValid('VirtualMachines_CreateOrUpdate', await h.arm('PUT', vmPath, { body: { ...body, tags: { restored: 'yes' } } }), 200);
    h.emulator.controls.clock.advance(10_000);
    assert.equal((await h.arm('POST', `${g}/providers/Microsoft.Compute/virtualMachines/contract-vm/deallocate?api-version=${C}`)).status, 202);
    expectValid('VirtualMachines_InstanceView', await h.arm('GET', `${g}/providers/Microsoft.Compute/virtualMachines/contract-vm/instanceView?api-version=${C}`), 200);
    h.emulator.controls.clock.advance(10_000);
    expectValid('Disks_Get', await h.arm('GET', `${osDisk}?api-version=${D}`), 200);
    const tagged = await h.arm('PATCH', `${dataDisk}?api-version=${D}`, { body: { tags: { replacedBy: osDisk } } });
    assert.equal(tagged.status, 202, tagged.text);
    expectValid('Disks_Update', await h.arm('GET', String(tagged.headers.location).replace(h.emulator.endpoint, '')), 200);
    expectValid('VirtualMachines_Get', await h.arm('GET', vmPath), 200);
    expectValid('VirtualMachines_Get', await h.arm('GET', `${g}/providers/Microsoft.Compute/virtualMachines/${dev.web01.vm}?api-version=${C}`), 200);
  });
});
