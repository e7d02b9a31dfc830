import * as assert from 'node:assert/strict';
import type { NetworkManagementClient } from '@azure/arm-network';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { networkClient } from './sdkClients';

const dev = demoCatalog.devTest;
const rg: string = dev.web02.resourceGroup;
const sub = `/subscriptions/${dev.subscriptionId}`;
const poll = { updateIntervalInMs: 10 };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

const armError = (statusCode: number, code: string) => (e: { statusCode?: number; code?: string }): boolean => {
  assert.equal(e.statusCode, statusCode, `status of ${e.code}`);
  assert.equal(e.code, code);
  return true;
};

describe('Microsoft.Network in the emulator, with the real @azure/arm-network client', function () {
  const h = useEmulator();
  let client: NetworkManagementClient;
  before(() => {
    client = networkClient(h.emulator, dev.subscriptionId);
  });

  const subnetOf = (vnet: string, subnet = 'default'): string => `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${subnet}`;

  async function vnet(name: string, prefixes: string[], subnets: Array<[string, string]>, location = 'eastus'): Promise<void> {
    await client.virtualNetworks.createOrUpdate(rg, name, { location, addressSpace: { addressPrefixes: prefixes }, subnets: subnets.map(([n, p]) => ({ name: n, addressPrefix: p })) }, poll).pollUntilDone();
  }

  async function nic(name: string, subnetId: string, extra: { privateIPAddress?: string; publicIp?: string; location?: string } = {}): Promise<string | undefined> {
    const created = await client.networkInterfaces.createOrUpdate(rg, name, {
      location: extra.location ?? 'eastus',
      ipConfigurations: [{
        name: 'ipconfig1', subnet: { id: subnetId },
        ...(extra.privateIPAddress ? { privateIPAllocationMethod: 'Static', privateIPAddress: extra.privateIPAddress } : {}),
        ...(extra.publicIp ? { publicIPAddress: { id: extra.publicIp } } : {}),
      }],
    }, poll).pollUntilDone();
    return created.ipConfigurations?.[0].privateIPAddress;
  }

  it('has the demo VMs\' NICs in their groups\' networks, used by the VMs', async () => {
    const web02Nic = await client.networkInterfaces.get(rg, `${dev.web02.vm}-nic`);
    assert.equal(web02Nic.virtualMachine?.id?.toLowerCase(), `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}`.toLowerCase());
    const subnetId = web02Nic.ipConfigurations?.[0].subnet?.id ?? '';
    assert.equal(subnetId.toLowerCase(), subnetOf(`${rg}-vnet`).toLowerCase());
    const network = await client.virtualNetworks.get(rg, `${rg}-vnet`);
    assert.equal(network.location, 'eastus');
    const ipConfigs = network.subnets?.[0].ipConfigurations?.map((c) => c.id) ?? [];
    assert.ok(ipConfigs.includes(web02Nic.ipConfigurations?.[0].id), 'the subnet lists the NIC that uses it');
    const inGroup = await collect(client.networkInterfaces.list(rg));
    assert.deepEqual(inGroup.map((n) => n.name).sort(), [`${dev.web01.vm}-nic`, `${dev.web02.vm}-nic`]);
    const addresses = inGroup.map((n) => n.ipConfigurations?.[0].privateIPAddress);
    assert.equal(new Set(addresses).size, 2, `unique addresses: ${addresses.join(', ')}`);
    const all = await collect(client.networkInterfaces.listAll());
    assert.equal(all.length, 4, 'the subscription lists the NICs of all its groups');
    assert.ok((await collect(client.virtualNetworks.listAll())).some((v) => v.name === `${dev.sql01.resourceGroup}-vnet`));
  });

  it('creates a network, hands out private addresses from x.x.x.4 upwards, and reuses a freed one', async () => {
    await vnet('restore-vnet', ['10.50.0.0/16'], [['default', '10.50.1.0/24']]);
    assert.equal(await nic('nic-a', subnetOf('restore-vnet')), '10.50.1.4');
    assert.equal(await nic('nic-b', subnetOf('restore-vnet')), '10.50.1.5');
    assert.equal(await nic('nic-c', subnetOf('restore-vnet'), { privateIPAddress: '10.50.1.20' }), '10.50.1.20');
    await assert.rejects(nic('nic-d', subnetOf('restore-vnet'), { privateIPAddress: '10.50.1.5' }), armError(400, 'PrivateIPAddressInUse'));
    await assert.rejects(nic('nic-d', subnetOf('restore-vnet'), { privateIPAddress: '10.60.0.9' }), armError(400, 'PrivateIPAddressNotInSubnet'));
    await client.networkInterfaces.delete(rg, 'nic-a', poll).pollUntilDone();
    await assert.rejects(client.networkInterfaces.get(rg, 'nic-a'), armError(404, 'ResourceNotFound'));
    assert.equal(await nic('nic-e', subnetOf('restore-vnet')), '10.50.1.4');
    const put = h.emulator.controls.requestLog.find((r) => r.method === 'PUT' && r.path.endsWith('/virtualNetworks/restore-vnet'));
    assert.equal(put?.status, 201);
    assert.ok(['2026-01-01', '2024-05-01'].includes(put?.query['api-version'] ?? ''), put?.query['api-version']);
  });

  it('refuses overlapping address spaces in one network, subnets outside it or overlapping each other, and creates nothing', async () => {
    const before = h.emulator.controls.counts().virtualNetworks;
    await assert.rejects(vnet('bad-vnet', ['10.70.0.0/16', '10.70.128.0/20'], []), armError(400, 'VnetAddressSpacesOverlap'));
    await assert.rejects(vnet('bad-vnet', ['10.70.0.0/16'], [['default', '10.71.0.0/24']]), armError(400, 'NetcfgSubnetRangeOutsideVnet'));
    await assert.rejects(vnet('bad-vnet', ['10.70.0.0/16'], [['a', '10.70.0.0/24'], ['b', '10.70.0.128/25']]), armError(400, 'NetcfgSubnetRangesOverlap'));
    await assert.rejects(vnet('bad-vnet', ['10.70.0.1/16'], []), armError(400, 'InvalidAddressPrefixFormat'));
    assert.equal(h.emulator.controls.counts().virtualNetworks, before);
    // Networks may overlap each other (only peering them would fail): the rule is within one network.
    await vnet('second-vnet', ['10.1.0.0/16'], [['default', '10.1.0.0/24']]);
  });

  it('refuses a NIC in another region than its subnet (InvalidResourceReference) or in a missing subnet', async () => {
    await vnet('east-vnet', ['10.80.0.0/16'], [['default', '10.80.0.0/24']]);
    const before = h.emulator.controls.counts().networkInterfaces;
    await assert.rejects(nic('west-nic', subnetOf('east-vnet'), { location: 'westus' }), armError(400, 'InvalidResourceReference'));
    await assert.rejects(nic('lost-nic', subnetOf('east-vnet', 'missing')), armError(400, 'InvalidResourceReference'));
    assert.equal(h.emulator.controls.counts().networkInterfaces, before);
  });

  it('refuses to delete a NIC a VM uses (NicInUse) and a network whose subnet has NICs (InUseSubnetCannotBeDeleted)', async () => {
    await assert.rejects(client.networkInterfaces.delete(rg, `${dev.web02.vm}-nic`, poll).pollUntilDone(), armError(400, 'NicInUse'));
    await client.networkInterfaces.get(rg, `${dev.web02.vm}-nic`);
    await assert.rejects(client.virtualNetworks.delete(rg, `${rg}-vnet`, poll).pollUntilDone(), armError(400, 'InUseSubnetCannotBeDeleted'));
    await vnet('empty-vnet', ['10.90.0.0/16'], [['default', '10.90.0.0/24']]);
    await client.virtualNetworks.delete(rg, 'empty-vnet', poll).pollUntilDone();
    await assert.rejects(client.virtualNetworks.get(rg, 'empty-vnet'), armError(404, 'ResourceNotFound'));
  });

  it('creates a subnet on its own, inside the network\'s space only', async () => {
    await vnet('grow-vnet', ['10.91.0.0/16'], [['default', '10.91.0.0/24']]);
    const subnet = await client.subnets.createOrUpdate(rg, 'grow-vnet', 'apps', { addressPrefix: '10.91.1.0/24' }, poll).pollUntilDone();
    assert.equal(subnet.addressPrefix, '10.91.1.0/24');
    await assert.rejects(client.subnets.createOrUpdate(rg, 'grow-vnet', 'outside', { addressPrefix: '10.92.0.0/24' }, poll).pollUntilDone(), armError(400, 'NetcfgSubnetRangeOutsideVnet'));
    assert.deepEqual((await collect(client.subnets.list(rg, 'grow-vnet'))).map((s) => s.name), ['default', 'apps']);
  });

  it('creates a public IP with a static address, which a NIC can use and which cannot be deleted while it does', async () => {
    const ip = await client.publicIPAddresses.createOrUpdate(rg, 'restore-ip', { location: 'eastus', sku: { name: 'Standard' } }, poll).pollUntilDone();
    assert.match(ip.ipAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(ip.publicIPAllocationMethod, 'Static');
    await vnet('ip-vnet', ['10.93.0.0/16'], [['default', '10.93.0.0/24']]);
    await nic('ip-nic', subnetOf('ip-vnet'), { publicIp: ip.id });
    assert.match((await client.publicIPAddresses.get(rg, 'restore-ip')).ipConfiguration?.id ?? '', /networkInterfaces\/ip-nic\/ipConfigurations\/ipconfig1$/);
    await assert.rejects(client.publicIPAddresses.delete(rg, 'restore-ip', poll).pollUntilDone(), armError(400, 'PublicIPAddressCannotBeDeleted'));
    await client.networkInterfaces.delete(rg, 'ip-nic', poll).pollUntilDone();
    await client.publicIPAddresses.delete(rg, 'restore-ip', poll).pollUntilDone();
    assert.equal((await collect(client.publicIPAddresses.listAll())).length, 0);
  });
});
