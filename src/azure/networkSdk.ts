/**
 * The network client, for restoring a VM (its network interface, virtual network and public IP),
 * in a file of its own (dist/network.js, loaded by `networkSdk()` in lazySdk.ts): @azure/arm-network
 * was 1.1 MB of the SDK's 3.2 MB, and loading it with the rest held about 3.5 MB of the extension
 * host's heap (its code, its source and its models) for a command most people rarely run.
 */
export { NetworkManagementClient } from '@azure/arm-network';
