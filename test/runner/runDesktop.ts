import * as path from 'node:path';
import { loopbackDirect } from './loopbackDirect';
import { integrationEntry, repoRoot } from './paths';

/**
 * `npm run test:desktop`: the same test entry in a downloaded desktop VS Code, the usual route for
 * contributors with internet. Machines without internet use `npm test` (VS Code server + Chromium).
 */
async function main(): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationEntry,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', path.join(repoRoot, 'test')],
    // The extension host reaches the emulator on loopback, whatever proxy the environment names.
    extensionTestsEnv: loopbackDirect(process.env),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
