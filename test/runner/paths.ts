import * as path from 'node:path';

/** The repository root: this file compiles to out/test/runner/paths.js. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Everything the tests install or create outside git: the VS Code build, Chromium, temp files. */
export const cacheDir = path.join(repoRoot, '.vscode-test');

/** Screenshots and logs a person may want to look at after a run. */
export const resultsDir = path.join(repoRoot, 'test-results');

/** The compiled integration test entry that VS Code's extension host loads. */
export const integrationEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
