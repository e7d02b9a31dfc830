import { readFileSync } from 'node:fs';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ClientSecretCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../src/emulator/demoIdentity';

export interface EmulatorAddress {
  endpoint: string;
  caCertificate: string;
}

/**
 * Clients of the real Azure SDK pointed at a running emulator. TLS trust is per client:
 * `tlsOptions.ca` (core-rest-pipeline's PipelineOptions) adds the emulator's PEM to that
 * client's HTTPS agent, for the credential as well as the ARM clients, so nothing in the
 * process stops verifying certificates. Child processes can use NODE_EXTRA_CA_CERTS instead.
 */
export function sdkOptions(emulator: EmulatorAddress): { endpoint: string; tlsOptions: { ca: string }; retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number } } {
  return {
    endpoint: emulator.endpoint,
    tlsOptions: { ca: readFileSync(emulator.caCertificate, 'utf8') },
    // Fault tests count requests; keep the SDK's own retries short and few.
    retryOptions: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
}

/**
 * Options for a long-running call a test waits for. ARM's operation status answers carry no
 * Retry-After, so the SDK would read one every 2 s; the tests end operations by moving the
 * emulator's clock (or run it at a fast pace), and a poll every 50 ms sees the end at once.
 */
export const pollOften = { updateIntervalInMs: 50 } as const;

export function demoCredential(emulator: EmulatorAddress, tenantId: string = DEMO_TENANTS.contoso.tenantId): ClientSecretCredential {
  return new ClientSecretCredential(tenantId, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, {
    authorityHost: emulator.endpoint,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: readFileSync(emulator.caCertificate, 'utf8') },
  });
}

/** The ARM clients' token scope must be the emulator, not https://management.azure.com. */
export const armScope = (emulator: EmulatorAddress): string => `${emulator.endpoint}/.default`;

export function computeClient(emulator: EmulatorAddress, subscriptionId: string, credential: TokenCredential = demoCredential(emulator)): ComputeManagementClient {
  return new ComputeManagementClient(credential, subscriptionId, { ...sdkOptions(emulator), credentials: { scopes: [armScope(emulator)] } });
}

export function subscriptionClient(emulator: EmulatorAddress, credential: TokenCredential = demoCredential(emulator)): SubscriptionClient {
  return new SubscriptionClient(credential, { ...sdkOptions(emulator), credentialScopes: [armScope(emulator)] });
}

export function resourceClient(emulator: EmulatorAddress, subscriptionId: string, credential: TokenCredential = demoCredential(emulator)): ResourceManagementClient {
  return new ResourceManagementClient(credential, subscriptionId, { ...sdkOptions(emulator), credentialScopes: [armScope(emulator)] });
}

export function networkClient(emulator: EmulatorAddress, subscriptionId: string, credential: TokenCredential = demoCredential(emulator)): NetworkManagementClient {
  return new NetworkManagementClient(credential, subscriptionId, { ...sdkOptions(emulator), credentials: { scopes: [armScope(emulator)] } });
}

export function resourceGraphClient(emulator: EmulatorAddress, credential: TokenCredential = demoCredential(emulator)): ResourceGraphClient {
  return new ResourceGraphClient(credential, { ...sdkOptions(emulator), credentials: { scopes: [armScope(emulator)] } });
}
