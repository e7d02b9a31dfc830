import * as assert from 'node:assert';

// Loaded only by the runner's self-test (RESTORE_POINTS_RUNNER_SELFTEST=fail): proves that a test
// failing inside the extension host makes the whole run fail. Not named *.test.ts on purpose.
describe('runner self-test', () => {
  it('fails on purpose', () => {
    assert.strictEqual(1 + 1, 3, 'this failure is expected in the runner self-test');
  });
});
