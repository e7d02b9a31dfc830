import * as assert from 'node:assert';
import { DEFAULT_REPLICATION_POLL_MS } from '../../src/azure/actions/replicationProgress';
import { measureReplicationPolling } from '../bench/replicationPolling';

// The benchmark's poller figure, guarded by count (never by time): a change that reads a copy more
// often than ARM's Retry-After (or the default interval) implies fails here.
describe('replication poller (the benchmark figure)', function () {
  this.timeout(60_000);

  it('reads a five-minute copy once per interval until it succeeds, and reports its rise', async () => {
    const figure = await measureReplicationPolling();
    assert.strictEqual(figure.emulatedSeconds, 300);
    // ARM sends no Retry-After on a restore point read, so the interval is the poller's default.
    assert.strictEqual(figure.retryAfterSeconds, undefined);
    assert.strictEqual(figure.intervalSeconds * 1000, DEFAULT_REPLICATION_POLL_MS);
    assert.strictEqual(figure.reads, 1 + 300 / (DEFAULT_REPLICATION_POLL_MS / 1000), JSON.stringify(figure));
    assert.strictEqual(figure.reads, figure.impliedReads);
    assert.ok(figure.reports >= 10 && figure.reports <= figure.reads, `one report per change of percentage: ${JSON.stringify(figure)}`);
  });
});
