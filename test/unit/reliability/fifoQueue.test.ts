import * as assert from 'node:assert/strict';
import { FifoQueue } from '../../../src/azure/fifoQueue';
import { createLimiter } from '../../../src/azure/limiter';

describe('the queues of reads and writes waiting their turn', () => {
  it('hands entries out in the order they came, through every compaction of its storage', () => {
    const queue = new FifoQueue<number>();
    const out: number[] = [];
    let next = 0;
    // Three in, two out, past several compactions, then drained; once empty it answers undefined.
    while (next < 30_000) {
      for (let i = 0; i < 3; i++) queue.push(next++);
      for (let i = 0; i < 2; i++) out.push(queue.shift()!);
      assert.equal(queue.length, next - out.length);
    }
    while (queue.length > 0) out.push(queue.shift()!);
    assert.deepEqual(out, Array.from({ length: 30_000 }, (_, i) => i));
    assert.equal(queue.shift(), undefined);
    queue.push(7);
    assert.equal(queue.shift(), 7);
  });

  it('starts 25,000 queued tasks in the order they were given, never more at once than allowed', async () => {
    const limit = createLimiter(128);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 25_000 }, (_, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
        }),
      ),
    );
    assert.equal(peak, 128);
    assert.deepEqual(started, Array.from({ length: 25_000 }, (_, i) => i));
  });
});
