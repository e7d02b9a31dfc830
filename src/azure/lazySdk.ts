import type * as Sdk from './sdk';

let loaded: typeof Sdk | undefined;

/**
 * The Azure SDK, loaded the first time something needs it. A synchronous `require` (not `import()`)
 * keeps the callers synchronous; esbuild turns this one require into `require("./azure.js")`, the
 * separately bundled SDK (see esbuild.mjs), and under tsc it is plain `./sdk`.
 */
export function azureSdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./sdk') as typeof Sdk);
}
