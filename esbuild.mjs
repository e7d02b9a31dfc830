// Bundles the extension into dist/extension.js and the Azure SDK into dist/azure.js, dist/network.js
// and dist/storage.js, and extracts the runtime strings into dist/l10n/bundle.l10n.json. Only these
// ship: the emulator, the tests and tsc's out/ folder never reach the .vsix (see .vscodeignore).
//
// Files apart because activation must not load the SDK: esbuild inlines a dynamic import() into a
// CommonJS bundle, so a single file would still be read and compiled at activation. The entry's
// `require('./sdk')` (src/azure/lazySdk.ts) becomes `require('./azure.js')`, run on first use, and
// the network client and Storage, which only restoring a VM and downloading a disk need, are loaded
// the same way from files of their own, so that browsing does not hold them in memory. Each of
// those two files has its own copy of the SDK's core (about 0.1 MB), paid only when used.
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { promisify } from 'node:util';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const lazySdk = path.resolve('src/azure/lazySdk.ts');
/** What each of lazySdk.ts's requires loads, beside dist/extension.js. */
const LAZY_FILES = { './sdk': './azure.js', './networkSdk': './network.js', './storageSdk': './storage.js' };

/** @type {esbuild.Plugin} */
const sdkAsSeparateFile = {
  name: 'sdk-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sdk|networkSdk|storageSdk)$/ }, (args) => (path.resolve(args.importer) === lazySdk ? { path: LAZY_FILES[args.path], external: true } : undefined));
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

/**
 * Bundles written in ASCII only. V8 keeps a script's source as a string for as long as its
 * functions live, one byte a character while every character fits in one, two bytes otherwise:
 * four curly quotes in one regular expression of @azure/identity's dependencies made the 3.2 MB SDK
 * file take 6.2 MB of the extension host's heap. esbuild's default ASCII output escapes strings and
 * identifiers but leaves regular expressions, comments and raw template text as they are. Those
 * in regular expressions and comments are written as \u escapes here, which mean the same; any
 * other (a raw template's text would change meaning) fails the build, to be handled when it comes.
 */
/** @type {esbuild.Plugin} */
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const file = build.initialOptions.outfile;
      const code = readFileSync(file, 'utf8');
      if (!/[^\0-\x7f]/.test(code)) return;
      writeFileSync(file, escapedOutsideStrings(code, file));
    });
  },
};

/** `code` with each non-ASCII character of its regular expressions and comments as a \u escape. */
function escapedOutsideStrings(code, file) {
  const escapable = [];
  // A full parse, not the tokenizer alone, which guesses whether a slash starts a regular expression.
  acorn.parse(code, {
    ecmaVersion: 'latest',
    allowHashBang: true,
    onComment: (_block, _text, start, end) => escapable.push([start, end]),
    onToken: (token) => token.type === acorn.tokTypes.regexp && escapable.push([token.start, token.end]),
  });
  return code.replace(/\\?[^\0-\x7f]/g, (match, offset) => {
    const at = offset + match.length - 1;
    if (!escapable.some(([start, end]) => at >= start && at < end)) {
      throw new Error(`${file}: a non-ASCII character outside a regular expression or comment, at offset ${at}: teach esbuild.mjs (asciiOnly) to write it in ASCII`);
    }
    // An identity escape (a backslash before the character) becomes the \u escape itself.
    const char = match.slice(-1);
    const escaped = `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return match.length === 2 && !isEscapedBackslash(code, offset) ? escaped : match.slice(0, -1) + escaped;
  });
}

/** Whether the backslash at `offset` is itself escaped (preceded by an odd number of backslashes). */
function isEscapedBackslash(code, offset) {
  let count = 0;
  while (offset - count - 1 >= 0 && code[offset - count - 1] === '\\') count++;
  return count % 2 === 1;
}

/** Packages that must never end up in dist/extension.js (checked after the build). */
const SDK_PACKAGES = ['@azure/arm-compute', '@azure/arm-network', '@azure/storage-blob', '@azure/arm-resources', '@azure/identity', '@azure/msal-node', '@microsoft/vscode-azext-azureauth', '@azure/core-rest-pipeline'];

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

const entry = { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [sdkAsSeparateFile, vscodeRequiredOnce, asciiOnly], metafile: true };
const sdk = { ...common, entryPoints: ['src/azure/sdk.ts'], outfile: 'dist/azure.js', plugins: [vscodeRequiredOnce, asciiOnly], metafile: true };
const network = { ...common, entryPoints: ['src/azure/networkSdk.ts'], outfile: 'dist/network.js', plugins: [asciiOnly] };
const storage = { ...common, entryPoints: ['src/azure/storageSdk.ts'], outfile: 'dist/storage.js', plugins: [asciiOnly] };

/** Packages that only their own file may hold (checked after the build): dist/azure.js is loaded for every view. */
const APART_PACKAGES = ['@azure/arm-network', '@azure/storage-blob'];

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
  refuseBundled(result, SDK_PACKAGES, 'dist/extension.js must not contain the Azure SDK (import it through src/azure/lazySdk.ts)');
  const vscodeRequires = readFileSync(entry.outfile, 'utf8').match(/\brequire\(["']vscode["']\)/g)?.length ?? 0;
  if (vscodeRequires !== 1) throw new Error(`dist/extension.js must require vscode once (see vscodeRequiredOnce); it does ${vscodeRequires} times`);
}

/** A value import of the network client or Storage from sdk.ts would load them for every view again. */
function checkSdk(result) {
  refuseBundled(result, APART_PACKAGES, `dist/azure.js must not contain ${APART_PACKAGES.join(' or ')} (they load apart: networkSdk.ts, storageSdk.ts)`);
}

/** Fails the build when `result` bundled any file of `packages`. */
function refuseBundled(result, packages, rule) {
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  const found = inputs.filter((file) => packages.some((p) => file.includes(`node_modules/${p}/`)));
  if (found.length) throw new Error(`${rule}; found ${found.slice(0, 5).join(', ')}`);
}

const builds = [entry, sdk, network, storage];
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all([...contexts.map((c) => c.watch()), exportL10nBundle()]);
} else {
  const [entryResult, sdkResult] = await Promise.all([...builds.map((options) => esbuild.build(options)), exportL10nBundle()]);
  checkEntry(entryResult);
  checkSdk(sdkResult);
}
