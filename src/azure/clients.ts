import type { TokenCredential } from '@azure/core-auth';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ServiceClientOptions } from '@azure/core-client';
import type { LogPolicyOptions, Pipeline } from '@azure/core-rest-pipeline';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { armScope, withTrailingSlash, type CloudConfig } from './cloud';
import { sharedAgentEntry } from './httpsAgent';
import { azureSdk, networkSdk } from './lazySdk';
import type * as Sdk from './sdk';
import type * as NetworkSdk from './networkSdk';
import { createLimiter, type Limiter } from './limiter';
import { ReadBudget } from './readBudget';
import { readBudgetPolicy } from './readBudgetPolicy';
import { armPipelineOptions } from './pipelineOptions';
import { retryGuardPolicy } from './retryPolicy';

/*
 * Retry policy. Every ARM request of every client goes through the Azure SDK's own retry policy
 * (core-rest-pipeline's defaultRetryPolicy), configured here, plus one guard (retryPolicy.ts):
 *
 * - 429 and 503 with Retry-After: the SDK's throttling strategy waits what ARM asks, up to
 *   MAX_RETRY_AFTER_MS; a longer wait fails the request at once with the wait in the message,
 *   rather than freezing the tree for minutes.
 * - Other 5xx (but 501, 505), 408, and dropped connections (ECONNRESET, ETIMEDOUT, …): the SDK's
 *   exponential strategy, RETRY_DELAY_MS doubled per attempt, capped at MAX_RETRY_DELAY_MS, each
 *   delay drawn between half and all of that (jitter, so throttled clients do not return together).
 * - At most MAX_RETRIES retries, whatever the reason: a request is sent at most 4 times.
 * - GET is retried; so are PUT and DELETE, which ARM defines as idempotent. A PUT retried after an
 *   attempt whose fate is unknown (no answer, 5xx) and answered 409 because the first attempt did
 *   create the resource is answered by reading the resource back: one restore point, never two.
 * - POST and PATCH are never repeated after a failure, but for Resource Graph's query, which only
 *   reads (retryPolicy.ts).
 * - 4xx other than 408 and 429 are final: ARM has refused the request itself.
 * Long-running operations are polled by the SDK's poller at ARM's Retry-After; each poll is a GET
 * under the same policy, so a failed poll is retried rather than ending the operation.
 */
const MAX_RETRIES = 3;
const RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 4_000;
export const MAX_RETRY_AFTER_MS = 60_000;

/** The retry part of every client's options (exported for the tests that hold it to the policy above). */
export function retryClientOptions(): Pick<ServiceClientOptions, 'retryOptions' | 'additionalPolicies'> {
  return {
    retryOptions: { maxRetries: MAX_RETRIES, retryDelayInMs: RETRY_DELAY_MS, maxRetryDelayInMs: MAX_RETRY_DELAY_MS },
    // perRetry: inside the SDK's retry loop, so the guard sees every attempt's answer.
    additionalPolicies: [{ policy: retryGuardPolicy(MAX_RETRY_AFTER_MS), position: 'perRetry' }],
  };
}

/**
 * The name of the SDK's tracing policy (core-rest-pipeline's `tracingPolicyName`, held to it by a
 * test): a string here so that the extension's own bundle does not load the pipeline package.
 */
export const SDK_TRACING_POLICY = 'tracingPolicy';

/**
 * Every ARM client goes without the SDK's tracing policy (removed where `cached` and `recentlyUsed`
 * make them). Spans reach OpenTelemetry only through an instrumenter registered with the SDK's
 * @azure/core-tracing, and the only copies of it the extension's requests go through are those
 * bundled with the SDK's files (dist/azure.js, dist/network.js), where nothing registers one.
 * Without it the policy still parsed and sanitized every request's URL and opened and ended a span
 * that recorded nothing: about a tenth of the SDK's own CPU time per collection read.
 */
function withoutTracing<T extends { pipeline: Pipeline }>(client: T): T {
  client.pipeline.removePolicy({ name: SDK_TRACING_POLICY });
  return client;
}

/** The SDK's ARM client classes. */
export type ArmSdk = Pick<typeof Sdk, 'ComputeManagementClient' | 'ResourceManagementClient' | 'SubscriptionClient' | 'ResourceGraphClient'> & Pick<typeof NetworkSdk, 'NetworkManagementClient'>;

/** The ARM client classes as the extension loads them: the network client's file only when a network client is made. */
const lazyArmSdk: ArmSdk = {
  get ComputeManagementClient() {
    return azureSdk().ComputeManagementClient;
  },
  get ResourceManagementClient() {
    return azureSdk().ResourceManagementClient;
  },
  get SubscriptionClient() {
    return azureSdk().SubscriptionClient;
  },
  get ResourceGraphClient() {
    return azureSdk().ResourceGraphClient;
  },
  get NetworkManagementClient() {
    return networkSdk().NetworkManagementClient;
  },
};

/** Gives a credential per tenant: ARM only accepts a token from the tenant that owns a subscription. */
export interface TenantCredentials {
  /** `undefined` asks for the home tenant (used to list tenants). */
  credentialFor(tenantId: string | undefined): TokenCredential;
}

/**
 * Writes (PUT, DELETE and the first request of every long-running operation) stay few at a time:
 * each starts work in Azure that costs money or time, and ARM's write budget (200, refilled at 10 a
 * second) is not what limits a person's actions.
 */
const MAX_WRITES_IN_FLIGHT = 6;

/**
 * Reads go as fast as each subscription's read budget allows (readBudget.ts); this ceiling only
 * spares the extension host hundreds of connections at once when many subscriptions are read
 * together. A collection read with its restore points takes ARM 100–300 ms, so 128 at once allow
 * about 400–1,300 reads a second: a fleet's 15,000 collections in well under a minute, where 32
 * at once needed up to eight, while 200 subscriptions' budgets would allow 5,000 a second.
 */
const MAX_READS_IN_FLIGHT = 128;

/**
 * Per-subscription clients kept at once. A compute client holds a closure for every operation of
 * the API (about 900) and its own pipeline: about 57 KB of heap each, so one kept for each of 200
 * subscriptions held 11 MB for nothing once their lists were read. Making one again costs about a
 * millisecond and no request: the credentials are asked for a token on every request anyway.
 */
const SUBSCRIPTION_CLIENTS_KEPT = 16;

/**
 * Creates the SDK clients for one cloud and one set of credentials, once per tenant, and per
 * subscription while it is in use.
 * The SDK is loaded on first use (lazySdk.ts) so that activation does not pay for it.
 */
export class ClientFactory {
  /** Writes: at most MAX_WRITES_IN_FLIGHT at once. */
  readonly limit: Limiter = createLimiter(MAX_WRITES_IN_FLIGHT);
  readonly readBudget = new ReadBudget();
  private readonly readsInFlight: Limiter = createLimiter(MAX_READS_IN_FLIGHT);
  /** Tenant-level clients: a few, kept for the factory's life. */
  private readonly clients = new Map<string, Promise<unknown>>();
  /** Per-subscription clients, the most recently used last (see SUBSCRIPTION_CLIENTS_KEPT). */
  private readonly subscriptionClients = new Map<string, Promise<unknown>>();

  /**
   * One read: within the ceiling, then within its subscription's budget (none for tenant-level
   * reads such as listing subscriptions, and Resource Graph, which ARM counts apart).
   */
  read<T>(subscriptionId: string | undefined, task: () => Promise<T>): Promise<T> {
    // The token is taken when the request can leave at once: taken earlier, the wait for a slot
    // would let the bucket refill on paper while the requests reach ARM together.
    return this.readsInFlight(async () => {
      if (subscriptionId) await this.readBudget.take(subscriptionId);
      return task();
    });
  }

  /** `sdk` is the ARM clients' constructors, loaded on first use unless given (plain-Node tests give them). */
  constructor(
    readonly cloud: CloudConfig,
    readonly credentials: TenantCredentials,
    private readonly sdk: () => ArmSdk = () => lazyArmSdk,
  ) {}

  /**
   * Options every client shares: endpoint, the shared HTTPS agent (with the TLS trust of a custom
   * cloud) where no proxy applies, the retry policy above, request logging and sign-in checks.
   */
  private commonOptions(): Pick<ServiceClientOptions, 'endpoint' | 'retryOptions' | 'additionalPolicies'> & { loggingOptions: LogPolicyOptions } {
    const retry = retryClientOptions();
    const pipeline = armPipelineOptions();
    return {
      endpoint: withTrailingSlash(this.cloud.resourceManagerEndpoint).replace(/\/$/, ''),
      retryOptions: retry.retryOptions,
      loggingOptions: pipeline.loggingOptions,
      additionalPolicies: [
        sharedAgentEntry(this.cloud.extraCertificates),
        // The retry guard first: the request log, nearer the wire, then sees every attempt, read-backs included.
        ...(retry.additionalPolicies ?? []),
        { policy: readBudgetPolicy(this.readBudget, MAX_RETRY_AFTER_MS), position: 'perRetry' },
        ...pipeline.additionalPolicies,
      ],
    };
  }

  subscriptionClient(tenantId: string | undefined): Promise<SubscriptionClient> {
    return this.cached(`subscriptions/${tenantId ?? ''}`, () => {
      const { SubscriptionClient } = this.sdk();
      return new SubscriptionClient(this.credentials.credentialFor(tenantId), { ...this.commonOptions(), credentialScopes: [armScope(this.cloud)] });
    });
  }

  computeClient(tenantId: string, subscriptionId: string): Promise<ComputeManagementClient> {
    return this.recentlyUsed(`compute/${tenantId}/${subscriptionId}`, () => {
      const { ComputeManagementClient } = this.sdk();
      return new ComputeManagementClient(this.credentials.credentialFor(tenantId), subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
    });
  }

  /** Virtual networks, subnets, network interfaces and public IPs, for a VM restored from a restore point. */
  networkClient(tenantId: string, subscriptionId: string): Promise<NetworkManagementClient> {
    return this.recentlyUsed(`network/${tenantId}/${subscriptionId}`, () => {
      const { NetworkManagementClient } = this.sdk();
      return new NetworkManagementClient(this.credentials.credentialFor(tenantId), subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
    });
  }

  /** Resource groups, for the pickers of where a new collection or disk goes. */
  resourceClient(tenantId: string, subscriptionId: string): Promise<ResourceManagementClient> {
    return this.recentlyUsed(`resources/${tenantId}/${subscriptionId}`, () => {
      const { ResourceManagementClient } = this.sdk();
      return new ResourceManagementClient(this.credentials.credentialFor(tenantId), subscriptionId, { ...this.commonOptions(), credentialScopes: [armScope(this.cloud)] });
    });
  }

  /** Azure Resource Graph, queried per tenant (its answers cover every listed subscription of that tenant). */
  resourceGraphClient(tenantId: string): Promise<ResourceGraphClient> {
    return this.cached(`resourceGraph/${tenantId}`, () => {
      const { ResourceGraphClient } = this.sdk();
      return new ResourceGraphClient(this.credentials.credentialFor(tenantId), { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
    });
  }

  /**
   * A subscription's client, made again once it has fallen out of the SUBSCRIPTION_CLIENTS_KEPT
   * most recently used; a call that holds one keeps it until it is done.
   */
  private recentlyUsed<T extends { pipeline: Pipeline }>(key: string, create: () => T): Promise<T> {
    let client = this.subscriptionClients.get(key) as Promise<T> | undefined;
    this.subscriptionClients.delete(key);
    client ??= Promise.resolve().then(() => withoutTracing(create()));
    this.subscriptionClients.set(key, client);
    for (const oldest of this.subscriptionClients.keys()) {
      if (this.subscriptionClients.size <= SUBSCRIPTION_CLIENTS_KEPT) break;
      this.subscriptionClients.delete(oldest);
    }
    return client;
  }

  /** One client per kind and tenant, created when first asked for (after the SDK has loaded). */
  private cached<T extends { pipeline: Pipeline }>(key: string, create: () => T): Promise<T> {
    let client = this.clients.get(key) as Promise<T> | undefined;
    if (!client) {
      client = Promise.resolve().then(() => withoutTracing(create()));
      this.clients.set(key, client);
    }
    return client;
  }
}
