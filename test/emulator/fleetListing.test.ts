import * as assert from 'node:assert/strict';
import { listSubscriptions } from '../../src/azure/arm';
import { listFleet, type FleetListing } from '../../src/azure/fleet';
import { readCollection } from '../../src/azure/restorePointCollections';
import { fleetCatalog, fleetSubscriptionId } from '../../src/emulator/data/fleetCatalog';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { emulatorClientFactory } from './emulatorFactory';
import { useEmulator } from './harness';
import type { RequestLogEntry } from '../../src/emulator';

const GRAPH = '/providers/Microsoft.ResourceGraph/resources';
/** The request log also holds the sign-in's identity requests. */
const armRequests = (log: readonly RequestLogEntry[]): RequestLogEntry[] => log.filter((e) => /^\/(subscriptions|providers|tenants)\b/i.test(e.path));
const demoSubscriptions = demoCatalog.subscriptions.map((s) => ({ tenantId: s.tenantId, subscriptionId: s.subscriptionId }));
const ids = (listing: FleetListing): { vms: string[]; collections: string[] } => ({
  vms: listing.virtualMachines.map((v) => v.id.toLowerCase()).sort(),
  collections: listing.collections.map((c) => c.id.toLowerCase()).sort(),
});

describe('src/azure fleet listing against the emulator', function () {
  this.timeout(180_000);

  describe('the fleet data set', () => {
    const h = useEmulator({ data: 'fleet' });

    it('lists the VMs and collections of 200 subscriptions with one paged Resource Graph query per tenant', async () => {
      const subscriptions = Array.from({ length: fleetCatalog.totals.subscriptions }, (_, i) => ({
        tenantId: fleetCatalog.tenants[Math.floor(i / fleetCatalog.subscriptionsPerTenant)].tenantId,
        subscriptionId: fleetSubscriptionId(i),
      }));
      const listing = await listFleet(emulatorClientFactory(h.emulator), subscriptions);
      assert.equal(listing.virtualMachines.length, fleetCatalog.totals.virtualMachines);
      assert.equal(listing.collections.length, fleetCatalog.totals.restorePointCollections);
      assert.deepEqual(listing.readPerSubscription, []);
      const log = armRequests(h.emulator.controls.requestLog);
      const perTenantRows = (fleetCatalog.totals.virtualMachines + fleetCatalog.totals.restorePointCollections) / fleetCatalog.tenants.length;
      const posts = log.filter((e) => e.path === GRAPH);
      assert.equal(posts.length, fleetCatalog.tenants.length * Math.ceil(perTenantRows / 1000), 'pages of 1000 rows, one query per tenant');
      assert.deepEqual([...new Set(posts.map((e) => e.tenantId))].sort(), fleetCatalog.tenants.map((t) => t.tenantId).sort());
      for (const post of posts) {
        const body = post.body as { subscriptions: string[] };
        assert.equal(body.subscriptions.length, fleetCatalog.subscriptionsPerTenant, 'each query names its tenant\'s subscriptions');
      }
      assert.equal(log.filter((e) => e.path !== GRAPH).length, 0, 'no per-subscription list');
      const vm = listing.virtualMachines.find((v) => v.name === 'vm-000-001')!;
      assert.match(vm.powerState ?? '', /^PowerState\//);
      const rpc = listing.collections.find((c) => c.name === 'vm-000-001-rpc')!;
      assert.equal(rpc.sourceId?.toLowerCase(), vm.id.toLowerCase());
    });

    it('stops reading Resource Graph pages when cancelled: the listing fails with the cancel, the other tenants\' pages are not all read', async () => {
      const subscriptions = Array.from({ length: fleetCatalog.totals.subscriptions }, (_, i) => ({
        tenantId: fleetCatalog.tenants[Math.floor(i / fleetCatalog.subscriptionsPerTenant)].tenantId,
        subscriptionId: fleetSubscriptionId(i),
      }));
      const perTenantRows = (fleetCatalog.totals.virtualMachines + fleetCatalog.totals.restorePointCollections) / fleetCatalog.tenants.length;
      const allPosts = fleetCatalog.tenants.length * Math.ceil(perTenantRows / 1000);
      h.emulator.controls.clearRequestLog();
      const controller = new AbortController();
      // Progress comes once a tenant's pages are all in: cancel then.
      await assert.rejects(listFleet(emulatorClientFactory(h.emulator), subscriptions, { abortSignal: controller.signal, onProgress: () => controller.abort() }), (e: Error) => e.name === 'AbortError');
      const posts = armRequests(h.emulator.controls.requestLog).filter((e) => e.path === GRAPH).length;
      assert.ok(posts < allPosts, `${posts} of ${allPosts} pages read`);
    });

    it('lists every subscription of a tenant with more than one page of them (100 a page)', async () => {
      const factory = emulatorClientFactory(h.emulator);
      for (const [t, tenant] of fleetCatalog.tenants.entries()) {
        const names = (await listSubscriptions(factory, tenant.tenantId)).map((s) => s.displayName);
        const fleet = names.filter((n) => n.startsWith('Fleet '));
        assert.equal(fleet.length, fleetCatalog.subscriptionsPerTenant);
        assert.ok(fleet.includes(fleetCatalog.displayName(t, fleetCatalog.subscriptionsPerTenant)), 'the last one too');
        assert.equal(names.length, fleetCatalog.subscriptionsPerTenant + demoCatalog.subscriptions.filter((s) => s.tenantId === tenant.tenantId).length, 'and the demo subscriptions, listed empty');
      }
    });
  });

  describe('the demo data set', () => {
    const h = useEmulator();

    it('sends a Resource Graph query again when its connection drops: a query only reads, so repeating it is safe', async () => {
      h.emulator.controls.clearRequestLog();
      h.emulator.controls.injectFault({ method: 'POST', pathPattern: 'Microsoft\\.ResourceGraph/resources', drop: true, count: 1 });
      const listing = await listFleet(emulatorClientFactory(h.emulator), demoSubscriptions);
      assert.deepEqual(listing.readPerSubscription, [], 'answered by Resource Graph, not by the fallback');
      // One query per tenant, and the dropped one again.
      assert.deepEqual(h.emulator.controls.requestLog.filter((e) => e.path === GRAPH).map((e) => e.status).sort(), [0, 200, 200]);
    });

    for (const status of [403, 400]) {
      it(`reads each subscription instead when Resource Graph answers ${status}, with the same VMs and collections`, async () => {
        const fromGraph = await listFleet(emulatorClientFactory(h.emulator), demoSubscriptions);
        h.emulator.controls.clearRequestLog();
        h.emulator.controls.injectFault({ method: 'POST', pathPattern: 'Microsoft\\.ResourceGraph/resources', status });
        const fallback = await listFleet(emulatorClientFactory(h.emulator), demoSubscriptions);
        assert.deepEqual(ids(fallback), ids(fromGraph));
        assert.deepEqual(fallback.readPerSubscription.sort(), [DEMO_TENANTS.contoso.tenantId, DEMO_TENANTS.fabrikam.tenantId].sort());
        assert.deepEqual(fallback.unreadable.map((u) => u.subscriptionId), [demoCatalog.forbiddenSubscriptionId], 'the subscription it may not read is named, not skipped silently');
        const lists = h.emulator.controls.requestLog.filter((e) => e.method === 'GET' && /\/providers\/Microsoft\.Compute\/(virtualMachines|restorePointCollections)$/i.test(e.path));
        assert.ok(lists.some((e) => e.path.includes(demoCatalog.large.subscriptionId)) && lists.some((e) => e.path.includes(demoCatalog.sandbox.subscriptionId)));
      });
    }

    it('stops the per-subscription lists when cancelled: the listing fails with the cancel instead of naming subscriptions unreadable', async () => {
      h.emulator.controls.injectFault({ method: 'POST', pathPattern: 'Microsoft\\.ResourceGraph/resources', status: 403 });
      const controller = new AbortController();
      const listing = listFleet(emulatorClientFactory(h.emulator), demoSubscriptions, { abortSignal: controller.signal, onProgress: () => controller.abort() });
      await assert.rejects(listing, (e: Error) => e.name === 'AbortError');
    });

    it('reads 300 collections with ARM\'s throttling on without a single 429: the read budget keeps within the bucket', async () => {
      h.emulator.controls.setThrottling(true);
      const factory = emulatorClientFactory(h.emulator);
      const prod = { tenantId: DEMO_TENANTS.contoso.tenantId, subscriptionId: demoCatalog.large.subscriptionId };
      const listing = await listFleet(factory, [prod]);
      assert.equal(listing.collections.length, demoCatalog.large.restorePointCollections);
      // The tree's expansion of the large subscription, a few times over: more reads than ARM's burst of 250.
      const reads = [...listing.collections, ...listing.collections.slice(0, 60)];
      const read = await Promise.all(reads.map((c) => readCollection(factory, prod, c.id, { restorePoints: true })));
      assert.equal(read.length, reads.length);
      assert.equal(read.reduce((n, c) => n + (c.restorePoints?.length ?? 0), 0) >= demoCatalog.large.restorePoints, true);
      const log = armRequests(h.emulator.controls.requestLog);
      assert.equal(log.filter((e) => e.status === 429).length, 0);
      assert.ok(log.filter((e) => e.method === 'GET').length > 250);
    });

    it('absorbs 429s when the budget is smaller than ARM\'s, waiting as ARM asks', async () => {
      h.emulator.controls.setThrottling(true, { reads: { size: 10, refillPerSecond: 20 } });
      const factory = emulatorClientFactory(h.emulator);
      const prod = { tenantId: DEMO_TENANTS.contoso.tenantId, subscriptionId: demoCatalog.large.subscriptionId };
      const collections = h.emulator.controls.store.collections;
      const targets = [...collections.values()].filter((c) => c.subscriptionId === prod.subscriptionId).slice(0, 40);
      const read = await Promise.all(targets.map((c) => readCollection(factory, prod, c.id)));
      assert.equal(read.length, targets.length);
      const log = armRequests(h.emulator.controls.requestLog);
      assert.ok(log.some((e) => e.status === 429), 'the emulator did throttle');
      assert.equal(log.filter((e) => e.status === 200).length, targets.length);
    });
  });
});
