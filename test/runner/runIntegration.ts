import { runTestsInVSCode } from './runInVSCode';

// `npm run test:integration`: only the tests inside VS Code.
runTestsInVSCode().then(
  (result) => {
    console.log(`integration (VS Code ${result.vscodeVersion}): ${result.passed} passed, ${result.failed} failed`);
    process.exit(result.exitCode);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
