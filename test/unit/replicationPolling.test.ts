import * as assert from 'node:assert';
import { measureReplicationPolling } from '../bench/replicationPolling';

// The benchmark's poller figure, guarded by count (never by time): a change that reads a copy more
// often than ARM's Retry-After (or the default interval) implies fails here.
describe('replication poller (the benchmark figure)', function () {
  this.timeout(60_000);

  it('reads a five-minute copy once per interval until it succeeds, and reports its rise', async () => {
    const figure = await measureReplicationPolling();
    assert.strictEqual(figure.emulatedSeconds, 300);
    assert.strictEqual(figure.reads, figure.impliedReads, JSON.stringify(figure));
    assert.ok(figure.reports >= 10 && figure.reports <= figure.reads, `one report per change of percentage: ${JSON.stringify(figure)}`);
  });
});
