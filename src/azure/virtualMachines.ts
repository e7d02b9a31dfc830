import type { VirtualMachine } from '@azure/arm-compute';
import { allPages } from './arm';
import type { ClientFactory } from './clients';
import { computeClientOf, computeRequest, idParts, type SubscriptionRef } from './subscriptionScope';

/** One VM's model: its disks and OS, what a restore point of it depends on. */
export function readVirtualMachine(factory: ClientFactory, subscription: SubscriptionRef, vmId: string): Promise<VirtualMachine> {
  const { resourceGroup, name } = idParts(vmId);
  return computeRequest(factory, subscription, (client) => client.virtualMachines.get(resourceGroup, name));
}

/** Every VM of the subscription (every page), for a picker. */
export async function listAllVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef): Promise<VirtualMachine[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, (o) => client.virtualMachines.listAll(o));
}
