import { durationMs } from '../engine/clock';
import { computeId, key } from '../engine/ids';
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
  tags?: Record<string, string>;
}

export type RestorePointKind = 'succeeded' | 'failed' | 'creating';

const HOUR = 3_600_000;

/** Adds demo resources through the same factories the API uses, with seeded ids. */
export class DataBuilder {
  readonly now: number;

  /** `now` is when the data counts as loaded (a lazily generated part keeps the time of the load). */
  constructor(
    private readonly state: EmulatorState,
    private readonly rng: SeededRandom,
    now?: number,
  ) {
    this.now = now ?? state.clock.now();
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
      powerState: spec.powerState ?? 'running',
      hyperVGeneration: 'V2',
      timeCreated: created,
      tags: spec.tags ?? {},
    };
    store.virtualMachines.set(key(id), vm);
    return vm;
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
