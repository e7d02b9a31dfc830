import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ClientFactory } from '../../../src/azure/clients';
import { retryClientOptions } from '../../../src/azure/clients';
import { createLimiter } from '../../../src/azure/limiter';
import type { RunningEmulator } from '../../../src/emulator';
import { armScope, demoCredential, sdkOptions } from '../../emulator/sdkClients';

/**
 * What src/azure's functions use of the client factory (the shared limiter, a compute and a network
 * client per subscription), with the real SDK clients and the extension's retry options pointed at
 * the emulator. The factory itself creates its clients through the bundle's SDK module, which loads
 * VS Code's auth package and so cannot load in plain Node.
 */
export function emulatorFactory(emulator: RunningEmulator): ClientFactory {
  const credential = demoCredential(emulator);
  const options = { ...sdkOptions(emulator), ...retryClientOptions(), credentials: { scopes: [armScope(emulator)] } };
  const compute = new Map<string, ComputeManagementClient>();
  const network = new Map<string, NetworkManagementClient>();
  const factory: Pick<ClientFactory, 'limit' | 'computeClient' | 'networkClient'> = {
    limit: createLimiter(6),
    computeClient: async (_tenant, subscriptionId) => compute.get(subscriptionId) ?? compute.set(subscriptionId, new ComputeManagementClient(credential, subscriptionId, options)).get(subscriptionId)!,
    networkClient: async (_tenant, subscriptionId) => network.get(subscriptionId) ?? network.set(subscriptionId, new NetworkManagementClient(credential, subscriptionId, options)).get(subscriptionId)!,
  };
  return factory as ClientFactory;
}
