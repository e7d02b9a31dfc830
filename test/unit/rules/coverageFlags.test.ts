import * as assert from 'node:assert/strict';
import { coverageFlags, staleAfterDaysOf, type VmRestorePointFacts } from '../../../src/azure/rules/coverageFlags';

const now = Date.parse('2026-11-25T12:00:00Z');
const daysAgo = (days: number): number => now - days * 86_400_000;
const facts = (over: Partial<VmRestorePointFacts>): VmRestorePointFacts => ({ restorePoints: 3, unreadCollections: 0, ...over });

describe('rules: coverage flags', () => {
  it('flags a VM without restore points as none, and nothing else', () => {
    assert.deepEqual(coverageFlags(facts({ restorePoints: 0 }), 7, now), ['none']);
  });

  it('leaves a VM whose newest success is within the setting unflagged, and flags it stale a moment after', () => {
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(7), newestState: 'Succeeded', newestSucceededAt: daysAgo(7) }), 7, now), []);
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(7.001), newestState: 'Succeeded', newestSucceededAt: daysAgo(7.001) }), 7, now), ['stale']);
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(2), newestState: 'Succeeded', newestSucceededAt: daysAgo(2) }), 1, now), ['stale'], 'the setting decides');
  });

  it('counts only restore points that succeeded: a recent failure over an old success is stale and failed', () => {
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(1), newestState: 'Failed', newestSucceededAt: daysAgo(10) }), 7, now), ['stale', 'failed']);
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(1), newestState: 'Failed' }), 7, now), ['stale', 'failed'], 'none ever succeeded');
  });

  it('flags failed only when the newest one failed: one being created after a failure is not a failure yet', () => {
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(0), newestState: 'Creating', newestSucceededAt: daysAgo(1) }), 7, now), []);
    assert.deepEqual(coverageFlags(facts({ newestAt: daysAgo(0), newestState: 'failed', newestSucceededAt: daysAgo(1) }), 7, now), ['failed'], 'state compared without case');
  });

  it('flags 450 restore points and more as near the limit of 500 per VM, 449 not', () => {
    const fresh = { newestAt: daysAgo(0.5), newestState: 'Succeeded', newestSucceededAt: daysAgo(0.5) };
    assert.deepEqual(coverageFlags(facts({ ...fresh, restorePoints: 449 }), 7, now), []);
    assert.deepEqual(coverageFlags(facts({ ...fresh, restorePoints: 450 }), 7, now), ['nearLimit']);
    assert.deepEqual(coverageFlags(facts({ ...fresh, restorePoints: 500 }), 7, now), ['nearLimit']);
  });

  it('says when a collection could not be read, next to what was read', () => {
    assert.deepEqual(coverageFlags(facts({ restorePoints: 0, unreadCollections: 1 }), 7, now), ['none', 'unread']);
  });

  it('takes the setting when it is a positive number of days, the default of 7 otherwise', () => {
    assert.equal(staleAfterDaysOf(14), 14);
    assert.equal(staleAfterDaysOf(0.5), 0.5);
    for (const bad of [0, -3, Number.NaN, '7', undefined, null]) assert.equal(staleAfterDaysOf(bad), 7, String(bad));
  });
});
