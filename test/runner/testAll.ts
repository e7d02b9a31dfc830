import * as path from 'node:path';
import { cacheDir, repoRoot } from './paths';
import { packageVsix } from './packageVsix';
import { loopbackDirect } from './loopbackDirect';
import { runMocha } from './runMocha';
import { runTestsInVSCode, type RunEnding } from './runInVSCode';

/**
 * `npm test` after type-check and lint: unit and emulator tests in plain Node, the integration tests
 * inside a real VS Code, the UI tests in its workbench, the installed .vsix, then the runner's
 * self-test. Prints one closing line with the totals.
 */
async function main(): Promise<number> {
  const stages: { name: string; passed: number; failed: number }[] = [];
  const out = path.join(repoRoot, 'out', 'test');
  // The plain-Node tests run in this process and reach the emulator on loopback.
  Object.assign(process.env, loopbackDirect(process.env));

  // Packaged once: the unit tests check what it holds (test/unit/packaging.test.ts), and the vsix
  // stage below installs the same file.
  const vsix = path.join(cacheDir, 'vsix', 'restore-points.vsix');
  packageVsix(vsix);
  process.env.RESTORE_POINTS_TEST_VSIX = vsix;

  const unit = await runMocha([path.join(out, 'unit'), path.join(out, 'emulator')]);
  stages.push({ name: 'unit', ...unit });
  console.log(`unit: ${unit.passed} passed, ${unit.failed} failed`);

  const integration = await runTestsInVSCode();
  stages.push({ name: 'integration', passed: integration.passed, failed: integration.failed });
  console.log(`integration (VS Code ${integration.vscodeVersion}): ${integration.passed} passed, ${integration.failed} failed`);

  // The real workbench in headless Chromium, as a person sees it (screenshots in test-results/ui/).
  const ui = await runMocha([path.join(out, 'ui')], { timeout: 180_000 });
  stages.push({ name: 'ui', ...ui });
  console.log(`ui: ${ui.passed} passed, ${ui.failed} failed`);

  console.log('Installing the packaged .vsix into VS Code (--install-extension) and activating it ...');
  const installed = await runTestsInVSCode({
    installExtensions: [vsix],
    // VS Code's web client runs a test entry only alongside an extension under development: an
    // empty one, so that what activates is the installed .vsix.
    extensionDevelopmentPath: path.join(repoRoot, 'test', 'vsix', 'harness'),
    testsEntry: path.join(out, 'vsix', 'index.js'),
    timeoutMs: 3 * 60_000,
  });
  stages.push({ name: 'vsix', passed: installed.passed, failed: installed.failed });
  console.log(`vsix: ${installed.passed} passed, ${installed.failed} failed`);

  // The runner's self-test: a failing test and a crashed extension host must each fail the run, for
  // that reason and not because the run timed out (each runs its one test file alone).
  const selfTests: { mode: string; what: string; endings: readonly RunEnding[] }[] = [
    // mocha finishes and reports the one failure.
    { mode: 'fail', what: 'a deliberately failing test inside VS Code', endings: ['finished'] },
    // The page gets the dead host's exit code without results, or the server log reports the death.
    { mode: 'crash', what: 'an extension host killed mid-run', endings: ['no-results', 'host-died'] },
  ];
  for (const { mode, what, endings } of selfTests) {
    console.log(`Runner self-test: ${what} must fail the run ...`);
    const selfTest = await runTestsInVSCode({ env: { RESTORE_POINTS_RUNNER_SELFTEST: mode }, print: () => undefined, timeoutMs: 3 * 60_000 });
    const ok = selfTest.exitCode !== 0 && endings.includes(selfTest.ending) && (mode !== 'fail' || selfTest.failed === 1);
    stages.push({ name: `runner self-test (${mode})`, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
    console.log(ok
      ? `runner self-test (${mode}): the run exited ${selfTest.exitCode} (${selfTest.ending}) as it must (1 passed, 0 failed)`
      : `runner self-test (${mode}): ${what} did NOT fail the run as it must: exit code ${selfTest.exitCode}, ${selfTest.ending}, ${selfTest.failed} failed (0 passed, 1 failed)`);
  }

  const passed = stages.reduce((n, s) => n + s.passed, 0);
  const failed = stages.reduce((n, s) => n + s.failed, 0);
  console.log(`\nTotal: ${passed} passed, ${failed} failed`);
  return failed > 0 || integration.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
