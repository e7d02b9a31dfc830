import * as assert from 'node:assert/strict';
import { copiesToCheck, decideCleanUp, decisionReason, keepNewestProblem, namesText, olderThanDaysProblem, type CleanUpRules, type CopyFacts, type RestorePointFacts } from '../../../src/azure/rules/cleanUp';

const now = new Date('2026-11-25T12:00:00Z');
const collection = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/rpc';
const rp = (name: string, daysOld: number, provisioningState = 'Succeeded'): RestorePointFacts => ({
  id: `${collection}/restorePoints/${name}`,
  name,
  provisioningState,
  timeCreated: new Date(now.getTime() - daysOld * 86_400_000),
});
const rules = (over: Partial<CleanUpRules> = {}): CleanUpRules => ({ keepNewest: 2, olderThanDays: 7, deleteFailed: true, ...over });
/** name → verdict/reason, newest first. */
const verdicts = (list: RestorePointFacts[], r: CleanUpRules, copies: CopyFacts[] = []): string[][] => decideCleanUp(list, r, now, copies).map((d) => [d.restorePoint.name, d.verdict, d.reason]);

describe('rules: clean-up', () => {
  const daily = [rp('d1', 1), rp('d3', 3), rp('d9', 9), rp('d20', 20), rp('d30', 30)];

  it('keeps the newest K that succeeded and deletes the rest once older than N days, newest first whatever the order given', () => {
    assert.deepEqual(verdicts([...daily].reverse(), rules()), [
      ['d1', 'keep', 'newestSucceeded'],
      ['d3', 'keep', 'amongNewest'],
      ['d9', 'delete', 'olderThan'],
      ['d20', 'delete', 'olderThan'],
      ['d30', 'delete', 'olderThan'],
    ]);
  });

  it('keeps what is beyond the newest K but not older than N days', () => {
    assert.deepEqual(verdicts(daily, rules({ keepNewest: 1, olderThanDays: 10 })), [
      ['d1', 'keep', 'newestSucceeded'],
      ['d3', 'keep', 'tooRecent'],
      ['d9', 'keep', 'tooRecent'],
      ['d20', 'delete', 'olderThan'],
      ['d30', 'delete', 'olderThan'],
    ]);
  });

  it('always keeps the newest that succeeded, even with K = 0 and any age', () => {
    assert.deepEqual(verdicts(daily, rules({ keepNewest: 0, olderThanDays: 0 })), [
      ['d1', 'keep', 'newestSucceeded'],
      ['d3', 'delete', 'olderThan'],
      ['d9', 'delete', 'olderThan'],
      ['d20', 'delete', 'olderThan'],
      ['d30', 'delete', 'olderThan'],
    ]);
  });

  it('keeps the newest successful one behind newer failed ones; failed ones go whatever their age and do not count among the newest', () => {
    const list = [rp('f0', 0, 'Failed'), rp('s2', 2), rp('f4', 4, 'Failed'), rp('s10', 10), rp('s11', 11)];
    assert.deepEqual(verdicts(list, rules({ keepNewest: 2 })), [
      ['f0', 'delete', 'failed'],
      ['s2', 'keep', 'newestSucceeded'],
      ['f4', 'delete', 'failed'],
      ['s10', 'keep', 'amongNewest'],
      ['s11', 'delete', 'olderThan'],
    ]);
  });

  it('keeps failed ones when asked to', () => {
    const list = [rp('s1', 1), rp('f40', 40, 'Failed'), rp('s50', 50)];
    assert.deepEqual(verdicts(list, rules({ keepNewest: 0, deleteFailed: false })), [
      ['s1', 'keep', 'newestSucceeded'],
      ['f40', 'keep', 'failedKept'],
      ['s50', 'delete', 'olderThan'],
    ]);
  });

  it('leaves alone a restore point still being created or deleted, however old, and does not count it', () => {
    const list = [rp('c0', 0, 'Creating'), rp('s1', 1), rp('x30', 30, 'Deleting'), rp('s40', 40)];
    assert.deepEqual(verdicts(list, rules({ keepNewest: 0, olderThanDays: 0 })), [
      ['c0', 'keep', 'inProgress'],
      ['s1', 'keep', 'newestSucceeded'],
      ['x30', 'keep', 'inProgress'],
      ['s40', 'delete', 'olderThan'],
    ]);
  });

  it('never deletes the source of a copy still replicating, or of one whose replication could not be read; a finished or failed copy protects nothing', () => {
    const copy = (name: string, source: string, replication: CopyFacts['replication']): CopyFacts => ({ id: `/x/copies/${name}`, name, sourceId: `${collection.toUpperCase()}/restorePoints/${source}`, replication });
    const copies = [copy('c9', 'd9', 'Replicating'), copy('c20', 'd20', 'Unknown'), copy('c30', 'd30', 'Succeeded'), copy('c30b', 'd30', 'Failed')];
    const decisions = decideCleanUp(daily, rules({ keepNewest: 1, olderThanDays: 0 }), now, copies);
    assert.deepEqual(decisions.map((d) => [d.restorePoint.name, d.verdict, d.reason]), [
      ['d1', 'keep', 'newestSucceeded'],
      ['d3', 'delete', 'olderThan'],
      ['d9', 'keep', 'copySource'],
      ['d20', 'keep', 'copySource'],
      ['d30', 'delete', 'olderThan'],
    ]);
    assert.equal(decisionReason(decisions[2], rules()), "source of copy 'c9', still replicating");
    assert.equal(decisionReason(decisions[3], rules()), "source of copy 'c20', whose replication could not be read");
  });

  it('leaves alone a copy still replicating (or whose replication could not be read) and does not count it as the newest that succeeded', () => {
    const copy = (name: string, daysOld: number, replication: CopyFacts['replication']): RestorePointFacts => ({ ...rp(name, daysOld), replication });
    const list = [copy('r1', 1, 'Replicating'), copy('u2', 2, 'Unknown'), copy('s3', 3, 'Succeeded'), copy('s4', 4, 'Succeeded'), copy('f5', 5, 'Failed')];
    const decisions = decideCleanUp(list, rules({ keepNewest: 0, olderThanDays: 0 }), now);
    assert.deepEqual(decisions.map((d) => [d.restorePoint.name, d.verdict, d.reason]), [
      ['r1', 'keep', 'inProgress'],
      ['u2', 'keep', 'inProgress'],
      ['s3', 'keep', 'newestSucceeded'],
      ['s4', 'delete', 'olderThan'],
      ['f5', 'delete', 'failed'],
    ]);
    assert.deepEqual(decisions.slice(0, 2).map((d) => decisionReason(d, rules())), ['copy still replicating: left alone until it ends', 'copy whose replication could not be read: left alone']);
  });

  it('keeps one without a creation time, listed last and not ranked: it never takes the newest slot', () => {
    const undated: RestorePointFacts = { id: `${collection}/restorePoints/undated`, name: 'undated', provisioningState: 'Succeeded' };
    const failedUndated: RestorePointFacts = { id: `${collection}/restorePoints/failed-undated`, name: 'failed-undated', provisioningState: 'Failed' };
    assert.deepEqual(verdicts([undated, rp('s2', 2), failedUndated, rp('s10', 10)], rules({ keepNewest: 0, olderThanDays: 0 })), [
      ['s2', 'keep', 'newestSucceeded'],
      ['s10', 'delete', 'olderThan'],
      ['undated', 'keep', 'noCreationTime'],
      ['failed-undated', 'delete', 'failed'],
    ]);
  });

  it('asks about the copies of restore points it would delete, and only those', () => {
    const decisions = decideCleanUp(daily, rules({ keepNewest: 3 }), now);
    const copies = [{ sourceId: daily[0].id, name: 'of-d1' }, { sourceId: daily[3].id.toUpperCase(), name: 'of-d20' }, { sourceId: daily[2].id, name: 'of-d9' }];
    assert.deepEqual(copiesToCheck(decisions, copies).map((c) => c.name), ['of-d20']);
  });

  it('says why, with the numbers chosen', () => {
    const [newest, among, old] = decideCleanUp([rp('a', 1), rp('b', 2), rp('c', 30)], rules({ keepNewest: 2, olderThanDays: 7 }), now);
    assert.deepEqual([newest, among, old].map((d) => decisionReason(d, rules({ keepNewest: 2, olderThanDays: 7 }))), ['the newest that succeeded', 'among the newest 2 that succeeded', 'older than 7 days, beyond the newest 2']);
    assert.equal(decisionReason(old, rules({ keepNewest: 2, olderThanDays: 0 })), 'beyond the newest 2');
  });

  it('lists ten names at most in a prompt, then how many more', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `rp-${i + 1}`);
    assert.equal(namesText(twelve), 'rp-1, rp-2, rp-3, rp-4, rp-5, rp-6, rp-7, rp-8, rp-9, rp-10 and 2 more');
    assert.equal(namesText(twelve.slice(0, 10)), 'rp-1, rp-2, rp-3, rp-4, rp-5, rp-6, rp-7, rp-8, rp-9, rp-10');
  });

  it('accepts whole numbers in range for K and N and refuses anything else', () => {
    assert.deepEqual(['0', '10', '500', ' 7 '].map(keepNewestProblem), [undefined, undefined, undefined, undefined]);
    assert.ok(['', '-1', '501', '2.5', 'ten'].every((t) => keepNewestProblem(t)));
    assert.deepEqual(['0', '30', '3650'].map(olderThanDaysProblem), [undefined, undefined, undefined]);
    assert.ok(['', '-3', '3651', '1e3'].every((t) => olderThanDaysProblem(t)));
  });
});
