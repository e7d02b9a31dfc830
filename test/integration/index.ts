import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The test entry VS Code's extension host loads (extensionTestsPath). It runs every
 * *.test.js next to it; the runner's self-test adds a deliberately failing one.
 */
export async function run(): Promise<void> {
  // RESTORE_POINTS_TEST_GREP runs only the matching tests (`npm run test:integration` while working on one).
  const grep = process.env.RESTORE_POINTS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  const selfTest = { fail: 'deliberatelyFailing.js', crash: 'crashingHost.js' }[process.env.RESTORE_POINTS_RUNNER_SELFTEST ?? ''];
  if (selfTest) {
    // The runner's self-test runs its one file alone: what it proves is how the run ends, and the
    // whole suite before it would only make the run outlast the self-test's time limit.
    mocha.addFile(path.join(__dirname, 'selftest', selfTest));
  } else {
    for (const file of findTests(__dirname)) {
      mocha.addFile(file);
    }
    // Added last, so it runs after every other file (mocha keeps the order files are added in): it
    // searches everything the run logged for secrets. Not a *.test.js, so findTests leaves it alone.
    mocha.addFile(path.join(__dirname, 'last', 'logSecrets.js'));
  }
  const { passes, failures } = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  const resultsFile = process.env.RESTORE_POINTS_TEST_RESULTS;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({ passes, failures }));
  }
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed.`);
  }
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}
