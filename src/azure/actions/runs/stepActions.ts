import type { VirtualMachine } from '@azure/arm-compute';
import type { ClientFactory } from '../../clients';
import { deleteDisk, readDisk, restoreDisk, tagDisk } from '../../disks';
import { statusCode } from '../../errors';
import { idKey, lastSegment, parseResourceId } from '../../ids';
import {
  createNetworkInterface,
  createPublicIpAddress,
  createVirtualNetwork,
  deleteNetworkInterface,
  deletePublicIpAddress,
  deleteVirtualNetwork,
  readNetworkInterface,
  readPublicIpAddress,
  readVirtualNetwork,
} from '../../networks';
import { createResourceGroup, deleteResourceGroupIfEmpty, readResourceGroup } from '../../resourceGroups';
import type { SubscriptionRef } from '../../subscriptionScope';
import { deallocateVirtualMachine, deleteVirtualMachine, putVirtualMachine, readPowerState, readVirtualMachine, startVirtualMachine } from '../../virtualMachines';
import type { LongRunningOptions } from '../longRunning';
import type { StepSpec } from './runRecord';

/**
 * Where a step stands in Azure, read without sending anything: `done`, still going on (`busy`),
 * never taken effect (`absent`: safe to send), or `failed` with ARM's reason.
 */
export type StepCheck = { state: 'done' | 'busy' | 'absent' } | { state: 'failed'; reason: string };

interface StepAction<S extends StepSpec> {
  send(factory: ClientFactory, subscription: SubscriptionRef, spec: S, options: LongRunningOptions): Promise<unknown>;
  check(factory: ClientFactory, subscription: SubscriptionRef, spec: S, abortSignal?: AbortSignal): Promise<StepCheck>;
}

type StepActions = { [K in StepSpec['kind']]: StepAction<Extract<StepSpec, { kind: K }>> };

/** A resource's provisioning state as a check: 404 is absent, Succeeded done, Failed or Canceled failed. */
async function provisioned(id: string, read: () => Promise<{ provisioningState?: string }>): Promise<StepCheck> {
  let state: string;
  try {
    state = (await read()).provisioningState ?? 'Succeeded';
  } catch (error) {
    if (statusCode(error) === 404) return { state: 'absent' };
    throw error;
  }
  const value = state.toLowerCase();
  if (value === 'succeeded') return { state: 'done' };
  if (value === 'failed' || value === 'canceled') return { state: 'failed', reason: `'${parseResourceId(id)?.name ?? id}' is in state '${state}'.` };
  return { state: 'busy' };
}

/** A power operation reached its end state, is on its way (`deallocating`, `starting`), or was never sent. */
async function powerCheck(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, target: string, transitional: string, abortSignal?: AbortSignal): Promise<StepCheck> {
  const power = await readPowerState(factory, subscription, vmId, { abortSignal });
  return { state: power === target ? 'done' : power === transitional ? 'busy' : 'absent' };
}

export const STEP_ACTIONS = {
  createResourceGroup: {
    // One synchronous PUT: once it answers, the group exists and is the run's.
    async send(factory, subscription, spec, options) {
      await createResourceGroup(factory, subscription, lastSegment(spec.id), spec.location);
      await options.onAccepted?.();
    },
    check: (factory, subscription, spec) => provisioned(spec.id, () => readResourceGroup(factory, subscription, lastSegment(spec.id))),
  },
  restoreDisk: {
    send: (factory, subscription, spec, options) => {
      const { resourceGroup, name } = parseResourceId(spec.diskId)!;
      const { diskRestorePointId, location, sku, tags, osType, hyperVGeneration, securityType } = spec;
      return restoreDisk(factory, subscription, { diskRestorePointId, location, sku, tags, osType, hyperVGeneration, securityType, resourceGroup, diskName: name }, options);
    },
    check: (factory, subscription, spec, abortSignal) => provisioned(spec.diskId, () => readDisk(factory, subscription, spec.diskId, { abortSignal })),
  },
  createVirtualNetwork: {
    send: (factory, subscription, spec, options) => createVirtualNetwork(factory, subscription, spec, options),
    check: (factory, subscription, spec, abortSignal) => provisioned(spec.id, () => readVirtualNetwork(factory, subscription, spec.id, { abortSignal })),
  },
  createPublicIpAddress: {
    send: (factory, subscription, spec, options) => createPublicIpAddress(factory, subscription, spec, options),
    check: (factory, subscription, spec, abortSignal) => provisioned(spec.id, () => readPublicIpAddress(factory, subscription, spec.id, { abortSignal })),
  },
  createNetworkInterface: {
    send: (factory, subscription, spec, options) => createNetworkInterface(factory, subscription, spec, options),
    check: (factory, subscription, spec, abortSignal) => provisioned(spec.id, () => readNetworkInterface(factory, subscription, spec.id, { abortSignal })),
  },
  putVirtualMachine: {
    send: (factory, subscription, spec, options) => putVirtualMachine(factory, subscription, spec.vmId, spec.vm, options),
    async check(factory, subscription, spec) {
      let vm: VirtualMachine | undefined;
      const found = await provisioned(spec.vmId, async () => (vm = await readVirtualMachine(factory, subscription, spec.vmId)));
      if (found.state !== 'done' || spec.creates) return found;
      // An update has taken effect once the VM has every disk it names.
      const attached = new Set([vm?.storageProfile?.osDisk?.managedDisk?.id, ...(vm?.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.id)].map((id) => idKey(id ?? '')));
      return { state: spec.attaches.every((id) => attached.has(idKey(id))) ? 'done' : 'absent' };
    },
  },
  deallocateVirtualMachine: {
    send: (factory, subscription, spec, options) => deallocateVirtualMachine(factory, subscription, spec.vmId, options),
    check: (factory, subscription, spec, abortSignal) => powerCheck(factory, subscription, spec.vmId, 'deallocated', 'deallocating', abortSignal),
  },
  startVirtualMachine: {
    send: (factory, subscription, spec, options) => startVirtualMachine(factory, subscription, spec.vmId, options),
    check: (factory, subscription, spec, abortSignal) => powerCheck(factory, subscription, spec.vmId, 'running', 'starting', abortSignal),
  },
  tagDisk: {
    send: (factory, subscription, spec, options) => tagDisk(factory, subscription, spec.diskId, spec.tags, options),
    async check(factory, subscription, spec, abortSignal) {
      const disk = await readDisk(factory, subscription, spec.diskId, { abortSignal });
      // A PATCH of tags replaces them all: done when the disk carries exactly these.
      const tags = disk.tags ?? {};
      const same = Object.keys(tags).length === Object.keys(spec.tags).length && Object.entries(spec.tags).every(([k, v]) => tags[k] === v);
      return { state: same ? 'done' : 'absent' };
    },
  },
} satisfies StepActions;

/** Sends a step's request and waits for its operation to end. */
export function sendStep(factory: ClientFactory, subscription: SubscriptionRef, spec: StepSpec, options: LongRunningOptions): Promise<unknown> {
  return (STEP_ACTIONS[spec.kind] as StepAction<StepSpec>).send(factory, subscription, spec, options);
}

export function checkStep(factory: ClientFactory, subscription: SubscriptionRef, spec: StepSpec, abortSignal?: AbortSignal): Promise<StepCheck> {
  return (STEP_ACTIONS[spec.kind] as StepAction<StepSpec>).check(factory, subscription, spec, abortSignal);
}

/** How each kind of created resource is deleted again; a group only when nothing is left in it. */
export const DELETE_CREATED: Partial<Record<StepSpec['kind'], (factory: ClientFactory, subscription: SubscriptionRef, id: string, options: LongRunningOptions) => Promise<void>>> = {
  createResourceGroup: (factory, subscription, id, options) => deleteResourceGroupIfEmpty(factory, subscription, lastSegment(id), options),
  putVirtualMachine: deleteVirtualMachine,
  createNetworkInterface: deleteNetworkInterface,
  createPublicIpAddress: deletePublicIpAddress,
  createVirtualNetwork: deleteVirtualNetwork,
  restoreDisk: deleteDisk,
};
