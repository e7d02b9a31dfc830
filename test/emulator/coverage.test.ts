import * as assert from 'node:assert/strict';
import { readCoverage, type CoverageReport, type CoverageRow } from '../../src/azure/coverage';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { emulatorClientFactory } from './emulatorFactory';
import { useEmulator } from './harness';

const demoSubscriptions = demoCatalog.subscriptions.map((s) => ({ tenantId: s.tenantId, subscriptionId: s.subscriptionId }));
const HOUR = 3_600_000;

/**
 * The large subscription's generator (demo.ts) marks restore point k (0-9) of VM i failed when
 * (10i + k) mod 23 = 5, and leaves the newest (k = 9, a day old) of every VM with i mod 50 = 7
 * creating. The newest fails where 10i + 9 ≡ 5 (mod 23), i.e. i ≡ 18 (mod 23); VM i is named
 * prod-<app|api|worker|db|cache by i mod 5>-<i + 1>. Worked out by hand:
 */
const LARGE_NEWEST_FAILED = [
  'prod-db-019', 'prod-api-042', 'prod-cache-065', 'prod-worker-088', 'prod-app-111', 'prod-db-134', 'prod-api-157',
  'prod-cache-180', 'prod-worker-203', 'prod-app-226', 'prod-db-249', 'prod-api-272', 'prod-cache-295',
];
/** i = 7, 57, 107, 157, 207, 257 (i mod 5 = 2: worker); the one before the newest, two days old, succeeded. */
const LARGE_NEWEST_CREATING = ['prod-worker-008', 'prod-worker-058', 'prod-worker-108', 'prod-worker-158', 'prod-worker-208', 'prod-worker-258'];

const byName = (report: CoverageReport): Map<string, CoverageRow> => new Map(report.rows.map((r) => [r.name, r]));
const flagged = (report: CoverageReport): Record<string, string[]> => Object.fromEntries(report.rows.filter((r) => r.flags.length).map((r) => [r.name, r.flags]).sort(([a], [b]) => String(a).localeCompare(String(b))));

describe('src/azure coverage against the emulator\'s demo data', function () {
  this.timeout(120_000);
  const h = useEmulator();
  const read = (staleAfterDays: number): Promise<CoverageReport> => readCoverage(emulatorClientFactory(h.emulator), demoSubscriptions, { staleAfterDays, now: () => h.emulator.controls.clock.now() });

  it('has a row for every VM the sign-in may read, with the flags the catalog implies', async () => {
    const report = await read(7);
    const d = demoCatalog.devTest;
    const s = demoCatalog.sandbox;
    assert.equal(report.rows.length, demoCatalog.large.virtualMachines + 4 + 2, 'Finance (no access) is left out by Resource Graph');
    const expected: Record<string, string[]> = { [d.cache01.vm]: ['none'], [s.lab02.vm]: ['none'] };
    for (const name of LARGE_NEWEST_FAILED) expected[name] = ['failed'];
    assert.deepEqual(flagged(report), Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))));

    const rows = byName(report);
    const now = h.emulator.controls.clock.now();
    const web01 = rows.get(d.web01.vm)!;
    assert.equal(web01.restorePoints, 5, 'three succeeded, one failed, one creating');
    assert.equal(web01.newestState, 'Creating');
    assert.equal(web01.newestSucceededAt, now - 24 * HOUR, 'rp-web-01-003, a day old');
    assert.equal(web01.copy, undefined);
    const web02 = rows.get(d.web02.vm)!;
    assert.equal(web02.restorePoints, 2, 'its copies are not its own');
    assert.equal(web02.newestAt, now - 24 * HOUR);
    assert.equal(web02.newestState, 'Succeeded');
    assert.equal(web02.copy?.location, d.copies.location);
    assert.ok(web02.copy.at! > now - HOUR && web02.copy.at! < now, 'the copies were made in the last hour');
    assert.equal(web02.collectionIds.length, 2, 'its collection and the copy collection');
    assert.equal(rows.get(d.sql01.vm)!.newestAt, now - 12 * HOUR);
    assert.equal(rows.get(s.lab01.vm)!.newestAt, now - 30 * HOUR);
    assert.equal(rows.get(d.cache01.vm)!.restorePoints, 0);
    for (const name of LARGE_NEWEST_CREATING) assert.equal(rows.get(name)!.newestState, 'Creating', name);
    assert.equal(rows.get('prod-app-001')!.restorePoints, 10);
    assert.deepEqual(report.unreadableSubscriptions, []);
    assert.deepEqual(report.unreadCollections, []);
  });

  it('flags as stale the VMs whose newest success is older than the setting: two days old where the newest failed or is still creating', async () => {
    const report = await read(1.5);
    const expected: Record<string, string[]> = { [demoCatalog.devTest.cache01.vm]: ['none'], [demoCatalog.sandbox.lab02.vm]: ['none'] };
    for (const name of LARGE_NEWEST_FAILED) expected[name] = ['stale', 'failed'];
    for (const name of LARGE_NEWEST_CREATING) expected[name] = ['stale'];
    assert.deepEqual(flagged(report), Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))));
  });

  it('reads each collection of a VM, and each copy, once with $expand=restorePoints, and nothing else per collection', async () => {
    h.emulator.controls.clearRequestLog();
    const report = await read(7);
    const gets = h.emulator.controls.requestLog.filter((e) => e.method === 'GET' && /\/restorePointCollections\/[^/]+$/i.test(e.path));
    // 300 in the large subscription; web-01, web-02, sql-01 and the copy in Dev/Test; lab-01 in the sandbox.
    assert.equal(gets.length, demoCatalog.large.restorePointCollections + 4 + 1);
    assert.equal(new Set(gets.map((e) => e.path.toLowerCase())).size, gets.length, 'each once');
    assert.ok(gets.every((e) => e.query.$expand === 'restorePoints'));
    assert.equal(report.collectionsRead, gets.length);
    assert.equal(h.emulator.controls.requestLog.filter((e) => /\/restorePoints\//i.test(e.path)).length, 0, 'no restore point read by itself');
  });

  it('sends a Resource Graph query again when its connection drops: the query only reads', async () => {
    h.emulator.controls.injectFault({ method: 'POST', pathPattern: 'Microsoft\\.ResourceGraph/resources$', drop: true, count: 1 });
    const report = await read(7);
    assert.equal(report.rows.length, demoCatalog.large.virtualMachines + 4 + 2);
    assert.equal(h.emulator.controls.faultReport().pending.length, 0, 'the dropped attempt happened');
    const graph = h.emulator.controls.requestLog.filter((e) => e.path === '/providers/Microsoft.ResourceGraph/resources');
    assert.equal(graph.filter((e) => e.status === 200).length, 2, 'one answered query per tenant');
  });

  it('marks a VM whose collection could not be read, and stops at once when cancelled', async () => {
    h.emulator.controls.injectFault({ method: 'GET', pathPattern: `restorePointCollections/${demoCatalog.devTest.sql01.collection}$`, status: 403 });
    const report = await read(7);
    assert.deepEqual(byName(report).get(demoCatalog.devTest.sql01.vm)!.flags, ['none', 'unread']);
    assert.deepEqual(report.unreadCollections.map((u) => u.collectionId.split('/').at(-1)), [demoCatalog.devTest.sql01.collection], 'the collection is named with its reason');
    assert.ok(report.unreadCollections[0].message.length > 0, 'ARM\'s reason is kept');
    const controller = new AbortController();
    const reading = readCoverage(emulatorClientFactory(h.emulator), demoSubscriptions, {
      staleAfterDays: 7, now: () => h.emulator.controls.clock.now(), abortSignal: controller.signal,
      onProgress: (p) => p.done >= 10 && controller.abort(),
    });
    await assert.rejects(reading, (e: Error) => e.name === 'AbortError');
  });
});
