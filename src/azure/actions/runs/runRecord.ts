import type { VirtualMachine } from '@azure/arm-compute';
import type { DiskRestore } from '../restoreDisk';
import type { ArmFailure } from '../armError';

/**
 * One step of a multi-step action, as data: what it sends and to which resource. Plain JSON, so a
 * run is kept in the operation journal as it goes and a reloaded window can pick it up where it was.
 */
export type StepSpec =
  /** A new resource group (`id` is the group's), made before anything goes in it. */
  | { kind: 'createResourceGroup'; id: string; location: string }
  /** A disk restore as restoreDisk sends it, the disk named by its whole id. */
  | ({ kind: 'restoreDisk'; diskId: string } & Omit<DiskRestore, 'resourceGroup' | 'diskName'>)
  | { kind: 'createVirtualNetwork'; id: string; location: string; addressPrefix: string; subnetName: string; subnetPrefix: string; tags?: Record<string, string> }
  | { kind: 'createPublicIpAddress'; id: string; location: string; tags?: Record<string, string> }
  | { kind: 'createNetworkInterface'; id: string; location: string; subnetId: string; publicIpAddressId?: string; tags?: Record<string, string> }
  /** A new VM (`creates`), or the new model of an existing one (the disks swapped): it has taken effect once `attaches` are all attached. */
  | { kind: 'putVirtualMachine'; vmId: string; vm: VirtualMachine; creates: boolean; attaches: string[] }
  | { kind: 'deallocateVirtualMachine'; vmId: string }
  | { kind: 'startVirtualMachine'; vmId: string }
  | { kind: 'tagDisk'; diskId: string; tags: Record<string, string> };

export type StepStatus = 'pending' | 'running' | 'done' | 'failed';

export interface StepRecord {
  spec: StepSpec;
  /** What the notification says while it runs, e.g. "Restoring disk 'web-01-osdisk-r'". */
  title: string;
  status: StepStatus;
  /** ARM has accepted the request: the resource exists from then on, even if the operation fails. */
  accepted?: boolean;
  /** Delete What Was Created removed what the step made; a resource whose delete failed stays listed. */
  removed?: boolean;
  error?: ArmFailure;
}

/** Steps of a stage run side by side (the disks are restored in parallel); stages run in order. */
export interface StageRecord {
  steps: StepRecord[];
}

/** One disk slot of a VM a revert (or Undo Revert) changes: the disk there now and the one that takes its place. */
export interface DiskSwap {
  slot: string;
  currentDiskId: string;
  newDiskId: string;
}

export type RunKind = 'restoreAsNewVm' | 'revertVm' | 'undoRevert';

export interface RunRecord {
  id: string;
  kind: RunKind;
  /** The VM restored or reverted, as the notification names it. */
  name: string;
  /** The VM it is about: the new one, or the one reverted. */
  vmId: string;
  tenantId: string;
  subscriptionId: string;
  startedAt: number;
  stages: StageRecord[];
  /** A revert's or Undo Revert's disk slots: what its success message names, also after a reload. */
  swaps?: DiskSwap[];
  state: 'running' | 'failed' | 'succeeded';
}

/** Where runs are kept as they go (the operation journal); the engine saves after every change. */
export interface RunStore {
  save(run: RunRecord): Promise<void>;
  remove(runId: string): Promise<void>;
}

/** What a create step makes, by id: what "Delete What Was Created" may remove. */
export function createdIdOf(spec: StepSpec): string | undefined {
  switch (spec.kind) {
    case 'restoreDisk':
      return spec.diskId;
    case 'createResourceGroup':
    case 'createVirtualNetwork':
    case 'createPublicIpAddress':
    case 'createNetworkInterface':
      return spec.id;
    case 'putVirtualMachine':
      return spec.creates ? spec.vmId : undefined;
    default:
      return undefined;
  }
}

export const allSteps = (run: RunRecord): StepRecord[] => run.stages.flatMap((s) => s.steps);

/** The resources the run has made so far (ARM accepted their creation) and not yet removed, in the order they were made. */
export function createdSoFar(run: RunRecord): { id: string; kind: StepSpec['kind'] }[] {
  return allSteps(run).flatMap((step) => {
    const id = createdIdOf(step.spec);
    return id && step.accepted && !step.removed ? [{ id, kind: step.spec.kind }] : [];
  });
}

export const failedStep = (run: RunRecord): StepRecord | undefined => allSteps(run).find((s) => s.status === 'failed');
