import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { untilDone, type LongRunningOptions, type SdkPoller } from './actions/longRunning';
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

export const networkClientOf = (factory: ClientFactory, subscription: SubscriptionRef): Promise<NetworkManagementClient> =>
  factory.networkClient(subscription.tenantId, subscription.subscriptionId);

/** One network read, within the subscription's read budget (ARM counts reads per subscription, whatever the provider). */
export async function networkRead<T>(factory: ClientFactory, subscription: SubscriptionRef, send: (client: NetworkManagementClient) => Promise<T>): Promise<T> {
  const client = await networkClientOf(factory, subscription);
  return factory.read(subscription.subscriptionId, () => send(client));
}

/** A long-running compute operation, started through the shared limiter and polled to its end. */
export async function computeOperation<T>(factory: ClientFactory, subscription: SubscriptionRef, start: (client: ComputeManagementClient) => SdkPoller<T>, options: LongRunningOptions = {}): Promise<T> {
  const client = await computeClientOf(factory, subscription);
  return untilDone(() => start(client), { ...options, limit: factory.limit });
}

/** A long-running network operation, started through the shared limiter and polled to its end. */
export async function networkOperation<T>(factory: ClientFactory, subscription: SubscriptionRef, start: (client: NetworkManagementClient) => SdkPoller<T>, options: LongRunningOptions = {}): Promise<T> {
  const client = await networkClientOf(factory, subscription);
  return untilDone(() => start(client), { ...options, limit: factory.limit });
}

/**
 * A long-running operation of the resources client, started through the shared limiter and polled
 * to its end. That client is of the SDK's older generation: its begin* call sends the request and
 * resolves with the poller once ARM has accepted it, so the resolved call is what "submitted" means.
 */
export async function resourcesOperation<T>(factory: ClientFactory, subscription: SubscriptionRef, begin: (client: ResourceManagementClient) => Promise<{ pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T> }>, options: LongRunningOptions = {}): Promise<T> {
  const client = await factory.resourceClient(subscription.tenantId, subscription.subscriptionId);
  return untilDone((): SdkPoller<T> => {
    const started = begin(client);
    return {
      submitted: async () => void (await started),
      pollUntilDone: async (pollOptions) => (await started).pollUntilDone(pollOptions),
    };
  }, { ...options, limit: factory.limit });
}

/** The parts of an id an SDK call takes; a malformed id fails here rather than as an odd ARM error. */
export function idParts(id: string): ParsedResourceId {
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`Not an ARM resource id: ${id}`);
  return parsed;
}
