import type { VirtualMachine } from '@azure/arm-compute';
import { allPages, onePage, type Page } from './paging';
import type { ClientFactory } from './clients';
import { computeClientOf, computeRead, idParts, type SubscriptionRef } from './subscriptionScope';

/** One VM's model: its disks and OS, what a restore point of it depends on. */
export function readVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string): Promise<VirtualMachine> {
  const { resourceGroup, name } = idParts(vmId);
  return computeRead(factory, subscription, (client) => client.virtualMachines.get(resourceGroup, name));
}

/** Every VM of the subscription (every page), for a picker. */
export async function listAllVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef): Promise<VirtualMachine[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.virtualMachines.listAll(o));
}

/** One page of the subscription's VMs, with power state (statusOnly=true puts the instance view in the same call). */
export async function listVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef, continuationToken?: string): Promise<Page<VirtualMachine>> {
  const client = await computeClientOf(factory, subscription);
  return factory.read(subscription.subscriptionId, () => onePage((o) => client.virtualMachines.listAll({ ...o, statusOnly: 'true' }), continuationToken));
}
