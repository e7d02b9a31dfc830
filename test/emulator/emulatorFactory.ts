import { readFileSync } from 'node:fs';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ClientFactory } from '../../src/azure/clients';
import type { CloudConfig } from '../../src/azure/cloud';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { demoCredential, type EmulatorAddress } from './sdkClients';

/**
 * The extension's own client factory (retry policy, read budget, write limiter) pointed at an
 * emulator, with the SDK's clients imported directly: the lazily loaded SDK bundle also carries
 * the VS Code sign-in library, which needs VS Code.
 */
export function emulatorClientFactory(emulator: EmulatorAddress): ClientFactory {
  const cloud: CloudConfig = {
    name: 'emulator',
    resourceManagerEndpoint: `${emulator.endpoint}/`,
    authorityHost: `${emulator.endpoint}/`,
    audience: emulator.endpoint,
    portalUrl: emulator.endpoint,
    isCustomCloud: true,
    extraCertificates: [readFileSync(emulator.caCertificate, 'utf8')],
  };
  const credentials = new Map<string, ReturnType<typeof demoCredential>>();
  const credentialFor = (tenantId: string | undefined): ReturnType<typeof demoCredential> => {
    const tenant = tenantId ?? DEMO_TENANTS.contoso.tenantId;
    let credential = credentials.get(tenant);
    if (!credential) credentials.set(tenant, (credential = demoCredential(emulator, tenant)));
    return credential;
  };
  return new ClientFactory(cloud, { credentialFor }, () => ({ ComputeManagementClient, NetworkManagementClient, ResourceManagementClient, SubscriptionClient, ResourceGraphClient }));
}
