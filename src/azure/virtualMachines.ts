import type { VirtualMachine, VirtualMachineSize } from '@azure/arm-compute';
import { sdkOptions, type LongRunningOptions } from './actions/longRunning';
import { allPages, onePage, type Page } from './paging';
import type { ClientFactory } from './clients';
import { computeClientOf, computeOperation, computeRead, idParts, type SubscriptionRef } from './subscriptionScope';

/** One VM's model: its disks and OS, what a restore point of it depends on. */
export function readVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, options: { abortSignal?: AbortSignal } = {}): Promise<VirtualMachine> {
  const { resourceGroup, name } = idParts(vmId);
  return computeRead(factory, subscription, (client) => client.virtualMachines.get(resourceGroup, name, { abortSignal: options.abortSignal }));
}

/** Every VM of the subscription (every page), for a picker. */
export async function listAllVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef): Promise<VirtualMachine[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.virtualMachines.listAll(o));
}

/** The VM sizes a region offers (VirtualMachineSizes_List: one list, no paging in practice). */
export async function listVmSizes(factory: ClientFactory, subscription: SubscriptionRef, location: string): Promise<VirtualMachineSize[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.virtualMachineSizes.list(location, o));
}

/** One page of the subscription's VMs, with power state (statusOnly=true puts the instance view in the same call). */
export async function listVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef, continuationToken?: string, options: { abortSignal?: AbortSignal } = {}): Promise<Page<VirtualMachine>> {
  const client = await computeClientOf(factory, subscription);
  return factory.read(subscription.subscriptionId, () => onePage((o) => client.virtualMachines.listAll({ ...o, statusOnly: 'true', abortSignal: options.abortSignal }), continuationToken));
}

/** A VM's power state as its instance view says it: `running`, `deallocated`, `stopped`, `deallocating`… (`PowerState/<state>`). */
export type PowerState = string;

/** The power state from the VM's instance view; undefined when the instance view carries none (a VM being created). */
export async function readPowerState(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, options: { abortSignal?: AbortSignal } = {}): Promise<PowerState | undefined> {
  const { resourceGroup, name } = idParts(vmId);
  const view = await computeRead(factory, subscription, (client) => client.virtualMachines.instanceView(resourceGroup, name, { abortSignal: options.abortSignal }));
  const code = view.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;
  return code?.slice('PowerState/'.length);
}

/** Starts a VM (long-running POST). */
export function startVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(vmId);
  return computeOperation(factory, subscription, (client) => client.virtualMachines.start(resourceGroup, name, sdkOptions(options)), options);
}

/** Stops a VM and releases its compute (long-running POST): the OS disk can only be swapped after this. */
export function deallocateVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(vmId);
  return computeOperation(factory, subscription, (client) => client.virtualMachines.deallocate(resourceGroup, name, sdkOptions(options)), options);
}

/** Creates a VM, or replaces the model of an existing one (PUT, long-running); returns ARM's model of it. */
export function putVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, vm: VirtualMachine, options: LongRunningOptions = {}): Promise<VirtualMachine> {
  const { resourceGroup, name } = idParts(vmId);
  return computeOperation(factory, subscription, (client) => client.virtualMachines.createOrUpdate(resourceGroup, name, vm, sdkOptions(options)), options);
}

/** Deletes a VM (long-running); its disks and NICs stay, as ARM leaves them unless told otherwise. */
export function deleteVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(vmId);
  return computeOperation(factory, subscription, (client) => client.virtualMachines.delete(resourceGroup, name, sdkOptions(options)), options);
}
