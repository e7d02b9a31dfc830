import * as tls from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { armScope, withTrailingSlash, type CloudConfig } from './cloud';
import { createLimiter, type Limiter } from './limiter';

/** Gives a credential per tenant: ARM only accepts a token from the tenant that owns a subscription. */
export interface TenantCredentials {
  /** `undefined` asks for the home tenant (used to list tenants). */
  credentialFor(tenantId: string | undefined): TokenCredential;
}

/**
 * A tree of a few hundred nodes would otherwise fire hundreds of requests at once; ARM throttles
 * per principal, so a handful in flight keeps the UI responsive without tripping 429s.
 */
const MAX_CONCURRENT_REQUESTS = 6;

// Under Node16 resolution a dynamic import() is typed as the ESM build; esbuild bundles the CommonJS one.
const loadComputeSdk = (): Promise<typeof import('@azure/arm-compute')> => import('@azure/arm-compute') as unknown as Promise<typeof import('@azure/arm-compute')>;
const loadSubscriptionsSdk = (): Promise<typeof import('@azure/arm-resources-subscriptions')> =>
  import('@azure/arm-resources-subscriptions') as unknown as Promise<typeof import('@azure/arm-resources-subscriptions')>;

/**
 * Creates the SDK clients for one cloud and one set of credentials, once per tenant/subscription.
 * The SDK packages are imported on first use so that activation does not pay for them.
 */
export class ClientFactory {
  readonly limit: Limiter = createLimiter(MAX_CONCURRENT_REQUESTS);
  private readonly compute = new Map<string, Promise<ComputeManagementClient>>();
  private readonly subscriptions = new Map<string, Promise<SubscriptionClient>>();

  constructor(
    readonly cloud: CloudConfig,
    readonly credentials: TenantCredentials,
  ) {}

  /** Options every client shares: endpoint, TLS trust for custom clouds, and short retries for an interactive UI. */
  private commonOptions(): { endpoint: string; tlsOptions?: { ca: string[] }; retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number } } {
    const extra = this.cloud.extraCertificates ?? [];
    return {
      endpoint: withTrailingSlash(this.cloud.resourceManagerEndpoint).replace(/\/$/, ''),
      // Passing `ca` replaces Node's roots for the client, so the built-in ones go along.
      ...(extra.length ? { tlsOptions: { ca: [...tls.rootCertificates, ...extra] } } : {}),
      // A person is waiting on the tree: fail within seconds and offer Retry rather than back off for a minute.
      retryOptions: { maxRetries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 2_000 },
    };
  }

  subscriptionClient(tenantId: string | undefined): Promise<SubscriptionClient> {
    const key = tenantId ?? '';
    let client = this.subscriptions.get(key);
    if (!client) {
      client = loadSubscriptionsSdk().then(
        ({ SubscriptionClient }) => new SubscriptionClient(this.credentials.credentialFor(tenantId), { ...this.commonOptions(), credentialScopes: [armScope(this.cloud)] }),
      );
      this.subscriptions.set(key, client);
    }
    return client;
  }

  computeClient(tenantId: string, subscriptionId: string): Promise<ComputeManagementClient> {
    const key = `${tenantId}/${subscriptionId}`;
    let client = this.compute.get(key);
    if (!client) {
      client = loadComputeSdk().then(
        ({ ComputeManagementClient }) =>
          new ComputeManagementClient(this.credentials.credentialFor(tenantId), subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } }),
      );
      this.compute.set(key, client);
    }
    return client;
  }
}
