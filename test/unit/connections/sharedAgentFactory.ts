import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ClientSecretCredential } from '@azure/identity';
import { ClientFactory } from '../../../src/azure/clients';
import type { CloudConfig } from '../../../src/azure/cloud';
import { credentialTransport } from '../../../src/azure/auth/identityCredentials';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANTS } from '../../../src/emulator/demoIdentity';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';

/** A VM of the demo data, read in bursts. */
export const DEMO_SUBSCRIPTION = { tenantId: DEMO_TENANTS.contoso.tenantId, subscriptionId: demoCatalog.devTest.subscriptionId };
const { resourceGroup, vm } = demoCatalog.devTest.web01;
export const DEMO_VM_ID = `/subscriptions/${DEMO_SUBSCRIPTION.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm}`;

/**
 * The extension's client factory for a cloud at `endpoint`, signed in as the extension's
 * `environment` credential does (the same `credentialTransport`), with the SDK imported directly.
 * Without `extraCertificates` the cloud is trusted as public Azure is: through Node's roots (the
 * emulator's CA reaches them by NODE_EXTRA_CA_CERTS).
 * The SDK's proxy policy reads HTTPS_PROXY when a client is made: set it before the first request.
 */
export function sharedAgentFactory(endpoint: string, extraCertificates: readonly string[] | undefined): ClientFactory {
  const cloud: CloudConfig = {
    name: 'emulator',
    resourceManagerEndpoint: `${endpoint}/`,
    authorityHost: `${endpoint}/`,
    audience: endpoint,
    portalUrl: endpoint,
    isCustomCloud: true,
    ...(extraCertificates ? { extraCertificates: [...extraCertificates] } : {}),
  };
  const credential = new ClientSecretCredential(DEMO_SUBSCRIPTION.tenantId, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, {
    authorityHost: endpoint,
    disableInstanceDiscovery: true,
    // How the extension's credentials send their token requests (auth/identityCredentials.ts).
    ...credentialTransport(cloud),
  });
  return new ClientFactory(cloud, { credentialFor: () => credential }, () => ({ ComputeManagementClient, NetworkManagementClient, ResourceManagementClient, SubscriptionClient, ResourceGraphClient }));
}

/** Idle connections the agent keeps open for the next requests. */
export function idleSockets(agent: { freeSockets: NodeJS.ReadOnlyDict<unknown[]> }): number {
  return Object.values(agent.freeSockets).reduce((count, sockets) => count + (sockets?.length ?? 0), 0);
}

/**
 * Waits until none of the agent's connections is still busy with a request: an answered request's
 * socket goes back to the pool (or is closed, beyond what the pool keeps) just after the answer.
 */
export async function settle(agent: { sockets: NodeJS.ReadOnlyDict<unknown[]> }): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Object.values(agent.sockets).some((sockets) => sockets?.length)) {
    if (Date.now() > deadline) throw new Error('connections still busy 10 s after every answer');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
