// Bundles the extension into dist/extension.js and the Azure SDK into dist/azure.js, and extracts the
// runtime strings into dist/l10n/bundle.l10n.json. Only these ship: the emulator, the tests and
// tsc's out/ folder never reach the .vsix (see .vscodeignore).
//
// Two files because activation must not load the SDK: esbuild inlines a dynamic import() into a
// CommonJS bundle, so a single file would still be read and compiled at activation. The entry's one
// `require('./sdk')` (src/azure/lazySdk.ts) becomes `require('./azure.js')`, run on first use.
import * as esbuild from 'esbuild';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { promisify } from 'node:util';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const lazySdk = path.resolve('src/azure/lazySdk.ts');

/** @type {esbuild.Plugin} */
const sdkAsSeparateFile = {
  name: 'sdk-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) => (path.resolve(args.importer) === lazySdk ? { path: './azure.js', external: true } : undefined));
  },
};

/**
 * One `require('vscode')` for the whole bundle. esbuild gives every module that imports an external
 * CommonJS module its own `require()` and namespace copy, and VS Code's API object has hundreds of
 * properties: 68 copies of it, and 68 lookups of the extension by file path in VS Code's require
 * hook, took 10–25 ms of activation. Every import of `vscode` now resolves to one module that
 * re-exports it, so the API is required and copied once.
 */
/** @type {esbuild.Plugin} */
const vscodeRequiredOnce = {
  name: 'vscode-required-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** Packages that must never end up in dist/extension.js (checked after the build). */
const SDK_PACKAGES = ['@azure/arm-compute', '@azure/arm-network', '@azure/arm-resources', '@azure/identity', '@azure/msal-node', '@microsoft/vscode-azext-azureauth', '@azure/core-rest-pipeline'];

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const entry = { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [sdkAsSeparateFile, vscodeRequiredOnce], metafile: true };
const sdk = { ...common, entryPoints: ['src/azure/sdk.ts'], outfile: 'dist/azure.js', plugins: [vscodeRequiredOnce] };

/**
 * The strings of every `vscode.l10n.t` call and of `@vscode/l10n`'s `t` (src/azure, which does not
 * import vscode) in one bundle, where package.json's `l10n` points: translators start from it, and
 * VS Code loads its translations (bundle.l10n.<locale>.json beside it) for the display language.
 */
async function exportL10nBundle() {
  const cli = createRequire(import.meta.url).resolve('@vscode/l10n-dev/dist/cli.js');
  await promisify(execFile)(process.execPath, [cli, 'export', '--outDir', 'dist/l10n', './src']);
}

/**
 * A value import of the SDK anywhere in the extension's code would silently undo the split, and a
 * plugin left out would bring back a require of `vscode` per module (vscodeRequiredOnce).
 */
function checkEntry(result) {
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const leaked = inputs.filter((file) => SDK_PACKAGES.some((p) => file.includes(`node_modules/${p}/`)));
  if (leaked.length) throw new Error(`dist/extension.js must not contain the Azure SDK (import it through src/azure/lazySdk.ts); found ${leaked.slice(0, 5).join(', ')}`);
  const vscodeRequires = readFileSync(entry.outfile, 'utf8').match(/\brequire\(["']vscode["']\)/g)?.length ?? 0;
  if (vscodeRequires !== 1) throw new Error(`dist/extension.js must require vscode once (see vscodeRequiredOnce); it does ${vscodeRequires} times`);
}

if (watch) {
  const contexts = [await esbuild.context(entry), await esbuild.context(sdk)];
  await Promise.all([...contexts.map((c) => c.watch()), exportL10nBundle()]);
} else {
  const [result] = await Promise.all([esbuild.build(entry), esbuild.build(sdk), exportL10nBundle()]);
  checkEntry(result);
}
