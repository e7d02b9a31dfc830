/**
 * What the extension takes from the Azure SDK packages at run time for the tree, sign-in and most
 * commands, in one module. The build bundles it as a file of its own (dist/azure.js) that
 * `lazySdk.ts` loads on first use, so that activating the extension does not load or parse 1.5 MB of
 * SDK code. The network client and Storage, which only restoring a VM and downloading a disk need,
 * have files of their own (networkSdk.ts, storageSdk.ts).
 * Import from here only through `azureSdk()`; type-only imports of the packages are free.
 */
export { ComputeManagementClient } from '@azure/arm-compute';
export { ResourceManagementClient } from '@azure/arm-resources';
export { ResourceGraphClient } from '@azure/arm-resourcegraph';
export { SubscriptionClient } from '@azure/arm-resources-subscriptions';
export { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, EnvironmentCredential, ManagedIdentityCredential } from '@azure/identity';
export { createDefaultHttpClient, createEmptyPipeline, createPipelineRequest, proxyPolicy, proxyPolicyName } from '@azure/core-rest-pipeline';
export { getConfiguredAzureEnv } from '@microsoft/vscode-azext-azureauth';
