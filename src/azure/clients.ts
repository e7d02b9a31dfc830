import * as https from 'node:https';
import * as tls from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { armScope, withTrailingSlash, type CloudConfig } from './cloud';
import { azureSdk } from './lazySdk';
import { createLimiter, type Limiter } from './limiter';
import { armPipelineOptions } from './pipelineOptions';

/** Gives a credential per tenant: ARM only accepts a token from the tenant that owns a subscription. */
export interface TenantCredentials {
  /** `undefined` asks for the home tenant (used to list tenants). */
  credentialFor(tenantId: string | undefined): TokenCredential;
}

/**
 * A tree of a few hundred nodes would otherwise fire hundreds of requests at once. The cap does not
 * change how many reads a view costs (ARM's per-subscription budget, 12,000 reads an hour, counts
 * requests, and fully expanding a 300-VM subscription is about 312 of them), only how fast they
 * arrive, which is what ARM's token-bucket throttling (a burst of about 250, then about 25 reads a
 * second) answers with 429s. Measured against 50 ms per request, expanding that subscription fully
 * took 6.7 s with 6 in flight and 5.1 s with 12: the extension host is busy with a new TLS connection
 * per request by then, so doubling the burst buys a quarter. 6 keeps the burst well inside the bucket.
 */
const MAX_CONCURRENT_REQUESTS = 6;

/**
 * Creates the SDK clients for one cloud and one set of credentials, once per tenant/subscription.
 * The SDK is loaded on first use (lazySdk.ts) so that activation does not pay for it.
 */
export class ClientFactory {
  readonly limit: Limiter = createLimiter(MAX_CONCURRENT_REQUESTS);
  private readonly compute = new Map<string, Promise<ComputeManagementClient>>();
  private readonly subscriptions = new Map<string, Promise<SubscriptionClient>>();

  constructor(
    readonly cloud: CloudConfig,
    readonly credentials: TenantCredentials,
  ) {}

  private agent?: https.Agent;

  /**
   * For a cloud behind a private CA, one HTTPS agent shared by every client, with one TLS secure
   * context built once. Passing `ca` alone makes Node build a secure context, parsing every root
   * certificate, for each new connection; inside VS Code's extension host every request is a new
   * connection (its proxy support sends `Connection: close`), and that parsing cost about 35 ms of
   * CPU and a megabyte of native memory per request. The agent's `ca` is only the extra certificates:
   * Node ignores it when a secure context is given, but VS Code's proxy patch needs one to leave the
   * request's trust alone, and the agent serializes it into its socket pool key on every request.
   */
  private httpsAgent(): https.Agent | undefined {
    const extra = this.cloud.extraCertificates ?? [];
    if (!extra.length) return undefined;
    if (!this.agent) {
      // A `ca` replaces Node's roots, so the built-in ones go along.
      const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
      this.agent = new https.Agent({ keepAlive: true, ca: [...extra], secureContext });
    }
    return this.agent;
  }

  /** Options every client shares: endpoint, TLS trust for custom clouds, and short retries for an interactive UI. */
  private commonOptions(): { endpoint: string; agent?: https.Agent; retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number } } {
    const agent = this.httpsAgent();
    return {
      endpoint: withTrailingSlash(this.cloud.resourceManagerEndpoint).replace(/\/$/, ''),
      ...(agent ? { agent } : {}),
      // A person is waiting on the tree: fail within seconds and offer Retry rather than back off for a minute.
      retryOptions: { maxRetries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 2_000 },
      ...armPipelineOptions(),
    };
  }

  subscriptionClient(tenantId: string | undefined): Promise<SubscriptionClient> {
    const key = tenantId ?? '';
    let client = this.subscriptions.get(key);
    if (!client) {
      client = Promise.resolve().then(() => {
        const { SubscriptionClient } = azureSdk();
        return new SubscriptionClient(this.credentials.credentialFor(tenantId), { ...this.commonOptions(), credentialScopes: [armScope(this.cloud)] });
      });
      this.subscriptions.set(key, client);
    }
    return client;
  }

  computeClient(tenantId: string, subscriptionId: string): Promise<ComputeManagementClient> {
    const key = `${tenantId}/${subscriptionId}`;
    let client = this.compute.get(key);
    if (!client) {
      client = Promise.resolve().then(() => {
        const { ComputeManagementClient } = azureSdk();
        return new ComputeManagementClient(this.credentials.credentialFor(tenantId), subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
      });
      this.compute.set(key, client);
    }
    return client;
  }
}
