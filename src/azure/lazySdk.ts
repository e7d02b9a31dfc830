import type * as NetworkSdk from './networkSdk';
import type * as Sdk from './sdk';
import type * as StorageSdk from './storageSdk';

let loaded: typeof Sdk | undefined;
let network: typeof NetworkSdk | undefined;
let storage: typeof StorageSdk | undefined;

/*
 * The Azure SDK, loaded the first time something needs it, in three parts (see esbuild.mjs). A
 * synchronous `require` (not `import()`) keeps the callers synchronous; esbuild turns each of these
 * requires into one of a file beside the bundle, and under tsc they are the plain modules.
 */

/** The ARM clients but the network one, the credentials and the pipeline: `require("./azure.js")`. */
export function azureSdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./sdk') as typeof Sdk);
}

/** The network client: `require("./network.js")`. */
export function networkSdk(): typeof NetworkSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (network ??= require('./networkSdk') as typeof NetworkSdk);
}

/** Storage's page blob client: `require("./storage.js")`. */
export function storageSdk(): typeof StorageSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (storage ??= require('./storageSdk') as typeof StorageSdk);
}
