import type { ComputeManagementClient } from '@azure/arm-compute';
import type { ClientFactory } from './clients';
import { parseResourceId, type ParsedResourceId } from './ids';

/** A subscription and the tenant that owns it: what every operation on its resources is scoped to. */
export interface SubscriptionRef {
  tenantId: string;
  subscriptionId: string;
}

/** The subscription's compute client; kept inside src/azure, which is the only place that holds one. */
export const computeClientOf = (factory: ClientFactory, subscription: SubscriptionRef): Promise<ComputeManagementClient> =>
  factory.computeClient(subscription.tenantId, subscription.subscriptionId);

/** One compute read, within the subscription's read budget. */
export async function computeRead<T>(factory: ClientFactory, subscription: SubscriptionRef, send: (client: ComputeManagementClient) => Promise<T>): Promise<T> {
  const client = await computeClientOf(factory, subscription);
  return factory.read(subscription.subscriptionId, () => send(client));
}

/** One compute write, waiting for a slot of the write limiter. */
export async function computeWrite<T>(factory: ClientFactory, subscription: SubscriptionRef, send: (client: ComputeManagementClient) => Promise<T>): Promise<T> {
  const client = await computeClientOf(factory, subscription);
  return factory.limit(() => send(client));
}

/** The parts of an id an SDK call takes; a malformed id fails here rather than as an odd ARM error. */
export function idParts(id: string): ParsedResourceId {
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`Not an ARM resource id: ${id}`);
  return parsed;
}
