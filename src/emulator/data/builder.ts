import { createHash } from 'node:crypto';
import { durationMs } from '../engine/clock';
import { formatIp, parseCidr, usableAddresses } from '../engine/cidr';
import { computeId, key, networkId } from '../engine/ids';
import type { ConsistencyMode, DiskSku, RestorePoint, RestorePointCollection, VirtualMachine } from '../engine/model';
import { buildCopy, buildVmRestorePoint } from '../engine/restorePointFactory';
import type { EmulatorState } from '../engine/state';
import type { SeededRandom } from './random';

export interface DataDiskSpec {
  sku?: DiskSku;
  sizeGB?: number;
  maxShares?: number;
  writeAccelerated?: boolean;
}

export interface VmSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  osType: 'Windows' | 'Linux';
  vmSize?: string;
  osSku?: DiskSku;
  ephemeralOs?: boolean;
  dataDisks?: DataDiskSpec[];
  powerState?: VirtualMachine['powerState'];
  /** A Trusted Launch VM (secure boot and vTPM), whose OS disk carries securityType TrustedLaunch. */
  trustedLaunch?: boolean;
  tags?: Record<string, string>;
}

export type RestorePointKind = 'succeeded' | 'failed' | 'creating';

const HOUR = 3_600_000;

/** Adds demo resources through the same factories the API uses, with seeded ids. */
export class DataBuilder {
  readonly now: number;

  constructor(
    private readonly state: EmulatorState,
    private readonly rng: SeededRandom,
  ) {
    this.now = state.clock.now();
  }

  resourceGroup(subscriptionId: string, name: string, location: string, tags: Record<string, string> = {}): void {
    this.state.store.addResourceGroup({ subscriptionId, name, location, tags });
  }

  vm(spec: VmSpec): VirtualMachine {
    const { store } = this.state;
    const id = computeId(spec.subscriptionId, spec.resourceGroup, 'virtualMachines', spec.name);
    const created = this.now - this.rng.int(30, 400) * 24 * HOUR;
    const osDiskName = `${spec.name}_OsDisk_1_${this.rng.uuid().replace(/-/g, '')}`;
    const osDiskId = computeId(spec.subscriptionId, spec.resourceGroup, 'disks', osDiskName);
    const osSize = spec.osType === 'Windows' ? 127 : 30;
    const disk = (diskId: string, name: string, sku: DiskSku, sizeGB: number, extra: Partial<{ osType: 'Windows' | 'Linux'; maxShares: number }>): void => {
      store.disks.set(key(diskId), {
        id: diskId, subscriptionId: spec.subscriptionId, resourceGroup: spec.resourceGroup, name, location: spec.location, sku, sizeGB,
        managedBy: id, uniqueId: this.rng.uuid(), timeCreated: created, createOption: extra.osType ? 'FromImage' : 'Empty', tags: {},
        ...(extra.osType ? { osType: extra.osType, hyperVGeneration: 'V2' as const } : {}),
        ...(extra.osType && spec.trustedLaunch ? { securityType: 'TrustedLaunch' as const } : {}),
        ...(extra.maxShares ? { maxShares: extra.maxShares } : {}),
      });
    };
    // An ephemeral OS disk lives on the host and is not a managed disk resource.
    if (!spec.ephemeralOs) disk(osDiskId, osDiskName, spec.osSku ?? 'Premium_LRS', osSize, { osType: spec.osType });
    const dataDisks = (spec.dataDisks ?? []).map((d, lun) => {
      const name = `${spec.name}-data-${lun}`;
      const diskId = computeId(spec.subscriptionId, spec.resourceGroup, 'disks', name);
      disk(diskId, name, d.sku ?? 'Premium_LRS', d.sizeGB ?? 128, { maxShares: d.maxShares });
      return { lun, diskId, caching: (d.writeAccelerated ? 'None' : 'ReadOnly') as 'None' | 'ReadOnly', writeAcceleratorEnabled: d.writeAccelerated };
    });
    const vm: VirtualMachine = {
      id,
      subscriptionId: spec.subscriptionId,
      resourceGroup: spec.resourceGroup,
      name: spec.name,
      location: spec.location,
      vmId: this.rng.uuid(),
      vmSize: spec.vmSize ?? 'Standard_D2s_v3',
      osType: spec.osType,
      computerName: spec.name.replace(/[^A-Za-z0-9-]/g, '').slice(0, 15),
      adminUsername: 'azureuser',
      imageReference:
        spec.osType === 'Windows'
          ? { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' }
          : { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' },
      osDisk: { diskId: osDiskId, caching: spec.ephemeralOs ? 'ReadOnly' : 'ReadWrite', ephemeral: spec.ephemeralOs ?? false, sizeGB: osSize },
      dataDisks,
      networkInterfaces: [{ id: networkId(spec.subscriptionId, spec.resourceGroup, 'networkInterfaces', `${spec.name}-nic`), primary: true }],
      ...(spec.trustedLaunch ? { securityProfile: { securityType: 'TrustedLaunch' as const, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } } : {}),
      powerState: spec.powerState ?? 'running',
      hyperVGeneration: 'V2',
      timeCreated: created,
      tags: spec.tags ?? {},
    };
    store.virtualMachines.set(key(id), vm);
    this.nic(vm);
    return vm;
  }

  /**
   * The VM's NIC in its group's network (`<group>-vnet`, subnet `default`, one /16 per network), at
   * the next free address. Ids that would come from the seeded random source are derived from the
   * resource id instead, so adding networks left every other demo id as it was.
   */
  private nic(vm: VirtualMachine): void {
    const { store } = this.state;
    const vnetId = networkId(vm.subscriptionId, vm.resourceGroup, 'virtualNetworks', `${vm.resourceGroup}-vnet`);
    let vnet = store.virtualNetworks.get(key(vnetId));
    if (!vnet) {
      const n = store.virtualNetworks.size + 1;
      vnet = {
        id: vnetId, subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, name: `${vm.resourceGroup}-vnet`, location: vm.location,
        addressPrefixes: [`10.${n}.0.0/16`], subnets: [{ name: 'default', addressPrefix: `10.${n}.0.0/24` }], resourceGuid: derivedUuid(vnetId), tags: {},
      };
      store.virtualNetworks.set(key(vnetId), vnet);
    }
    const subnetId = `${vnet.id}/subnets/default`;
    const inSubnet = [...store.networkInterfaces.values()].filter((n) => key(n.ipConfigurations[0].subnetId) === key(subnetId)).length;
    const nicId = vm.networkInterfaces[0].id;
    const hash = derivedUuid(nicId).replace(/-/g, '').toUpperCase();
    store.networkInterfaces.set(key(nicId), {
      id: nicId, subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, name: nicId.slice(nicId.lastIndexOf('/') + 1), location: vm.location,
      ipConfigurations: [{ name: 'ipconfig1', subnetId, privateIPAddress: formatIp(usableAddresses(parseCidr(vnet.subnets[0].addressPrefix)!).first + inSubnet), allocation: 'Dynamic', primary: true }],
      macAddress: `00-0D-3A-${hash.slice(0, 2)}-${hash.slice(2, 4)}-${hash.slice(4, 6)}`, virtualMachineId: vm.id, resourceGuid: derivedUuid(`${nicId}/guid`), tags: {},
    });
  }

  collection(vm: VirtualMachine, name: string, tags: Record<string, string> = {}): RestorePointCollection {
    const rpc: RestorePointCollection = {
      id: computeId(vm.subscriptionId, vm.resourceGroup, 'restorePointCollections', name),
      subscriptionId: vm.subscriptionId,
      resourceGroup: vm.resourceGroup,
      name,
      location: vm.location,
      sourceId: vm.id,
      sourceLocation: vm.location,
      collectionId: this.rng.uuid(),
      tags,
    };
    this.state.store.collections.set(key(rpc.id), rpc);
    return rpc;
  }

  copyCollection(source: RestorePointCollection, resourceGroup: string, name: string, location: string): RestorePointCollection {
    const rpc: RestorePointCollection = {
      id: computeId(source.subscriptionId, resourceGroup, 'restorePointCollections', name),
      subscriptionId: source.subscriptionId,
      resourceGroup,
      name,
      location,
      sourceId: source.id,
      sourceLocation: source.location,
      collectionId: this.rng.uuid(),
      tags: {},
    };
    this.state.store.collections.set(key(rpc.id), rpc);
    return rpc;
  }

  /**
   * A restore point `hoursAgo` old. A creating one finishes two minutes (divided by the pace)
   * after the data is loaded, long enough to see and short enough to watch finish.
   */
  restorePoint(collection: RestorePointCollection, vm: VirtualMachine, name: string, hoursAgo: number, kind: RestorePointKind = 'succeeded', options: { mode?: ConsistencyMode; excludeDiskIds?: string[] } = {}): RestorePoint {
    const timeCreated = kind === 'creating' ? this.now - 5_000 : this.now - hoursAgo * HOUR;
    const readyAt = kind === 'creating' ? this.now + Math.round(120_000 / this.state.pace) : timeCreated + 90_000;
    const rp = buildVmRestorePoint(this.state.store, {
      collection,
      name,
      vm,
      consistencyMode: options.mode ?? (vm.osType === 'Windows' ? 'ApplicationConsistent' : 'FileSystemConsistent'),
      excludeDiskIds: options.excludeDiskIds ?? [],
      timeCreated,
      readyAt,
      outcome: kind === 'failed' ? 'Failed' : 'Succeeded',
      uuid: () => this.rng.uuid(),
    });
    this.state.store.restorePoints.set(key(rp.id), rp);
    return rp;
  }

  /** A cross-region copy; `progress` 1 is fully replicated, below 1 is still replicating. */
  copy(target: RestorePointCollection, source: RestorePoint, sourceLocation: string, name: string, progress: number): RestorePoint {
    const replicationMs = durationMs('crossRegionReplication', this.state.pace);
    const readyAt = this.now - Math.round(progress * replicationMs) - 1;
    const rp = buildCopy({ target, name, source, sourceLocation, timeCreated: readyAt - 30_000, readyAt, replicationMs, uuid: () => this.rng.uuid() });
    this.state.store.restorePoints.set(key(rp.id), rp);
    return rp;
  }
}

/** A stable GUID-shaped value from a name, for demo resources whose ids must not draw on the seeded random source. */
function derivedUuid(name: string): string {
  const h = createHash('sha256').update(name.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
