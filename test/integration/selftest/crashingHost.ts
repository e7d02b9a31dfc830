// Loaded only by the runner's self-test (RESTORE_POINTS_RUNNER_SELFTEST=crash): the extension host
// dies in the middle of the run, which must fail the run within a bounded time, not hang it.
describe('runner self-test', () => {
  it('kills its own extension host', () => {
    process.kill(process.pid, 'SIGKILL');
  });
});
