import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryRequest, QueryResponse } from '@azure/arm-resourcegraph';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { useEmulator, type RawResponse } from './harness';
import { demoCredential, resourceGraphClient } from './sdkClients';
import { SPEC_ROOT, SpecContract } from './specContract';

const PATH = '/providers/Microsoft.ResourceGraph/resources';
const COLLECTIONS = "resources | where type =~ 'microsoft.compute/restorepointcollections' | project id, name, subscriptionId, location, properties";
const dev = demoCatalog.devTest;
const contosoSubscriptions = demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.contoso.tenantId).map((s) => s.subscriptionId);
/** The catalog's Contoso collections: one per large-subscription VM, and the four named in Dev/Test. */
const contosoCollections = demoCatalog.large.restorePointCollections + [dev.web01.collection, dev.web02.collection, dev.sql01.collection, dev.copies.collection].length;

type Row = Record<string, unknown>;

describe('emulator: Azure Resource Graph (POST /providers/Microsoft.ResourceGraph/resources)', function () {
  const h = useEmulator();
  let contract: SpecContract;
  before(() => {
    contract = new SpecContract();
  });

  const post = (body: unknown, version = '2024-04-01', token?: string): Promise<RawResponse> => h.arm('POST', `${PATH}?api-version=${version}`, { body, token });

  function expectValid(res: RawResponse, status: number): void {
    assert.equal(res.status, status, res.text.slice(0, 400));
    assert.deepEqual(contract.check('Resources', res.status, res.json), []);
  }

  async function allPages(client: ReturnType<typeof resourceGraphClient>, request: QueryRequest): Promise<{ rows: Row[]; pages: QueryResponse[] }> {
    const pages: QueryResponse[] = [];
    let skipToken: string | undefined;
    do {
      const page = await client.resources({ ...request, options: { ...request.options, skipToken } });
      pages.push(page);
      skipToken = page.skipToken;
    } while (skipToken);
    return { rows: pages.flatMap((p) => p.data as Row[]), pages };
  }

  it('answers the SDK client a tenant query for collections, paged with $skipToken, with only that tenant\'s subscriptions', async () => {
    const client = resourceGraphClient(h.emulator);
    const { rows, pages } = await allPages(client, { query: `${COLLECTIONS} | order by id asc`, options: { top: 100 } });
    assert.equal(rows.length, contosoCollections);
    assert.equal(pages.length, Math.ceil(contosoCollections / 100));
    assert.ok(pages.every((p) => p.totalRecords === contosoCollections && p.resultTruncated === 'false'));
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no row twice across pages');
    assert.deepEqual([...new Set(rows.map((r) => r.subscriptionId))].sort(), [...contosoSubscriptions].sort());
    for (const name of [dev.web01.collection, dev.copies.collection]) assert.ok(rows.some((r) => r.name === name), name);
    const copy = rows.find((r) => r.name === dev.copies.collection)!;
    assert.match(String((copy.properties as { source: { id: string } }).source.id), new RegExp(`/restorePointCollections/${dev.copies.sourceCollection}$`, 'i'));
    const sorted = rows.map((r) => String(r.id));
    assert.deepEqual(sorted, [...sorted].sort(), 'order by id asc holds across pages');
    const posts = h.emulator.controls.requestLog.filter((e) => e.path === PATH);
    assert.equal(posts.length, pages.length, 'one POST per page');
    assert.ok(posts.every((e) => e.query['api-version'] === '2024-04-01'), 'the SDK sends 2024-04-01');
  });

  it('gives a Fabrikam token only Fabrikam resources, without rows from the subscription it may not read', async () => {
    const client = resourceGraphClient(h.emulator, demoCredential(h.emulator, DEMO_TENANTS.fabrikam.tenantId));
    const result = await client.resources({ query: "resources | where type in~ ('Microsoft.Compute/virtualMachines', 'Microsoft.Compute/restorePointCollections') | project id, name, type, subscriptionId" });
    const rows = result.data as Row[];
    assert.deepEqual(rows.map((r) => r.name).sort(), [demoCatalog.sandbox.lab01.collection, demoCatalog.sandbox.lab01.vm, demoCatalog.sandbox.lab02.vm].sort());
    assert.ok(rows.every((r) => r.subscriptionId === demoCatalog.sandbox.subscriptionId));
  });

  it('reads only the listed subscriptions, leaves out other tenants\' and refuses a list with none of its own', async () => {
    const mixed = await post({ query: COLLECTIONS, subscriptions: [dev.subscriptionId, demoCatalog.sandbox.subscriptionId] });
    expectValid(mixed, 200);
    assert.equal(mixed.json.totalRecords, 4);
    assert.ok(mixed.json.data.every((r: Row) => r.subscriptionId === dev.subscriptionId));
    const foreign = await post({ query: COLLECTIONS, subscriptions: [demoCatalog.sandbox.subscriptionId] });
    expectValid(foreign, 400);
    assert.equal(foreign.json.error.code, 'BadRequest');
    assert.equal(foreign.json.error.details[0].code, 'NoValidSubscriptionsInQueryRequest');
    const byColumn = await post({ query: `resources | where subscriptionId in ('${dev.subscriptionId}') and type =~ 'microsoft.compute/virtualmachines' | project id, name` });
    assert.deepEqual(byColumn.json.data.map((r: Row) => r.name).sort(), [dev.cache01.vm, dev.sql01.vm, dev.web01.vm, dev.web02.vm].sort());
  });

  it('indexes VMs with their power state and collections, but not restore points', async () => {
    const vms = await post({ query: `resources | where type == 'microsoft.compute/virtualmachines' and name == '${demoCatalog.sandbox.lab02.vm}'` }, '2024-04-01', h.fabrikamToken);
    expectValid(vms, 200);
    assert.equal(vms.json.count, 1);
    const vm = vms.json.data[0];
    assert.deepEqual(Object.keys(vm), ['id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy', 'sku', 'plan', 'properties', 'tags', 'identity', 'zones', 'extendedLocation']);
    assert.equal(vm.properties.extended.instanceView.powerState.code, 'PowerState/deallocated');
    assert.equal(vm.resourceGroup, demoCatalog.sandbox.lab02.resourceGroup.toLowerCase());
    const restorePoints = await post({ query: "resources | where type =~ 'microsoft.compute/restorepointcollections/restorepoints' | project id" });
    expectValid(restorePoints, 200);
    assert.equal(restorePoints.json.totalRecords, 0);
  });

  it('answers from the store as it is now: a collection created or deleted shows in the next query', async () => {
    const query = { query: COLLECTIONS, subscriptions: [dev.subscriptionId] };
    assert.equal((await post(query)).json.totalRecords, 4);
    const rg = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}`;
    const created = await h.arm('PUT', `${rg}/providers/Microsoft.Compute/restorePointCollections/graph-new?api-version=2026-04-01`, {
      body: { location: dev.web02.location, properties: { source: { id: `${rg}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}` } } },
    });
    assert.equal(created.status, 201);
    const after = await post(query);
    assert.equal(after.json.totalRecords, 5);
    assert.ok(after.json.data.some((r: Row) => r.name === 'graph-new'));
  });

  it('answers again once a change finishes on the clock: a deallocation and a deletion show in the next page asked for', async () => {
    const vmQuery = { query: `resources | where type =~ 'microsoft.compute/virtualmachines' and name == '${dev.web02.vm}' | project id, properties` };
    const powerOf = async (): Promise<unknown> => ((await post(vmQuery)).json.data[0] as { properties: { extended: { instanceView: { powerState: { code: string } } } } }).properties.extended.instanceView.powerState.code;
    assert.equal(await powerOf(), 'PowerState/running');
    const vm = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}`;
    assert.equal((await h.arm('POST', `${vm}/deallocate?api-version=2024-07-01`)).status, 202);
    // A query while the operation runs is answered and kept (queries change nothing); the clock finishing the operation is a change.
    await powerOf();
    h.emulator.controls.clock.advance(10_000);
    assert.equal(await powerOf(), 'PowerState/deallocated');

    const query = { query: COLLECTIONS, subscriptions: [dev.subscriptionId], options: { $top: 2 } };
    const first = await post(query);
    assert.equal(first.json.totalRecords, 4);
    const gone = (first.json.data as Row[])[0].id as string;
    assert.equal((await h.arm('DELETE', `${gone}?api-version=2026-04-01`)).status, 202);
    // While ARM deletes it the collection is still listed, as Deleting; this answer is kept, so only
    // the clock finishing the deletion can make the next page leave it out.
    const deleting = await post(query);
    assert.equal(deleting.json.totalRecords, 4);
    assert.equal(((deleting.json.data as Row[]).find((r) => r.id === gone)?.properties as { provisioningState?: string })?.provisioningState, 'Deleting');
    h.emulator.controls.clock.advance(60_000);
    const next = await post({ ...query, options: { $top: 2, $skipToken: deleting.json.$skipToken } });
    assert.equal(next.json.totalRecords, 3);
    assert.ok((await post({ query: COLLECTIONS, subscriptions: [dev.subscriptionId] })).json.data.every((r: Row) => r.id !== gone));
  });

  it('answers in the table format with columns and rows, and in objectArray by default', async () => {
    const query = `resources | where type =~ 'microsoft.compute/restorepointcollections' | project id, name, source = properties.source.id | order by name asc`;
    const table = await post({ query, subscriptions: [dev.subscriptionId], options: { resultFormat: 'table' } });
    expectValid(table, 200);
    assert.deepEqual(table.json.data.columns, [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }, { name: 'source', type: 'object' }]);
    assert.deepEqual(table.json.data.rows.map((r: unknown[]) => r[1]), [dev.copies.collection, dev.web01.collection, dev.web02.collection, dev.sql01.collection].sort());
    const objects = await post({ query, subscriptions: [dev.subscriptionId] });
    assert.deepEqual(objects.json.data.map((r: Row) => r.name), table.json.data.rows.map((r: unknown[]) => r[1]));
    assert.deepEqual(Object.keys(objects.json.data[0]), ['id', 'name', 'source']);
  });

  it('sorts descending when order by names no direction, as KQL does', async () => {
    const res = await post({ query: `resources | where type =~ 'microsoft.compute/virtualmachines' | project id, name | order by name`, subscriptions: [dev.subscriptionId] });
    assert.deepEqual(res.json.data.map((r: Row) => r.name), [dev.web02.vm, dev.web01.vm, dev.sql01.vm, dev.cache01.vm]);
  });

  it('does not page after limit or without an id column: it says the result is truncated', async () => {
    const limited = await post({ query: `${COLLECTIONS} | limit 250`, options: { $top: 100, $skip: 5 } });
    expectValid(limited, 200);
    assert.deepEqual([limited.json.count, limited.json.totalRecords, limited.json.resultTruncated, limited.json.$skipToken], [100, 250, 'true', undefined]);
    const noId = await post({ query: "resources | where type =~ 'microsoft.compute/restorepointcollections' | project name", options: { $top: 10 } });
    assert.deepEqual([noId.json.count, noId.json.totalRecords, noId.json.resultTruncated, noId.json.$skipToken], [10, contosoCollections, 'true', undefined]);
    const skipped = await post({ query: `${COLLECTIONS} | order by id asc`, options: { $top: 3, $skip: 2 } });
    const first = await post({ query: `${COLLECTIONS} | order by id asc`, options: { $top: 5 } });
    assert.deepEqual(skipped.json.data.map((r: Row) => r.id), first.json.data.slice(2).map((r: Row) => r.id));
  });

  it('runs the spec\'s "Filter resources" example request and answers in the example\'s shape', async () => {
    const example = JSON.parse(readFileSync(join(SPEC_ROOT, 'resourcegraph/resource-manager/Microsoft.ResourceGraph/ResourceGraph/stable/2024-04-01/examples/ResourcesFilterQuery.json'), 'utf8'));
    const expected = example.responses['200'].body;
    const res = await post({ ...example.parameters.query, subscriptions: [dev.subscriptionId] }, example.parameters['api-version']);
    expectValid(res, 200);
    assert.deepEqual(Object.keys(res.json).sort(), Object.keys(expected).sort());
    assert.equal(res.json.count, expected.count);
    assert.equal(res.json.totalRecords, expected.totalRecords, 'four VMs, limit 3: the limited result is the whole result');
    assert.equal(res.json.resultTruncated, expected.resultTruncated);
    assert.deepEqual(res.json.data.map((r: Row) => Object.keys(r).sort()), expected.data.map((r: Row) => Object.keys(r).sort()));
    assert.ok(res.json.data.every((r: Row) => r.type === expected.data[0].type));
  });

  it('continues with a $skipToken as the "Next page query" example does, and refuses a token from another query', async () => {
    const example = JSON.parse(readFileSync(join(SPEC_ROOT, 'resourcegraph/resource-manager/Microsoft.ResourceGraph/ResourceGraph/stable/2024-04-01/examples/ResourcesNextPageQuery.json'), 'utf8'));
    const foreignToken = await post({ ...example.parameters.query, query: COLLECTIONS, subscriptions: [dev.subscriptionId] });
    expectValid(foreignToken, 400);
    assert.equal(foreignToken.json.error.details[0].code, 'InvalidQueryOptions');
    const first = await post({ query: COLLECTIONS, options: { $top: 2 } });
    const second = await post({ query: COLLECTIONS, options: { $top: 2, $skipToken: first.json.$skipToken } });
    expectValid(second, 200);
    assert.notDeepEqual(second.json.data, first.json.data);
    const otherQuery = await post({ query: `${COLLECTIONS} | order by id asc`, options: { $skipToken: first.json.$skipToken } });
    assert.equal(otherQuery.status, 400);
  });

  it('refuses with 400 and an error code what it does not run, and changes nothing', async () => {
    const refusals: Array<[unknown, string]> = [
      [{ query: 'resources | summarize count() by type' }, 'UnsupportedQueryByEmulator'],
      [{ query: "resources | extend x = 'y'" }, 'UnsupportedQueryByEmulator'],
      [{ query: "resources | where name contains 'web'" }, 'UnsupportedQueryByEmulator'],
      [{ query: 'resourcecontainers | project id' }, 'UnknownTable'],
      [{ query: "resources | where subscriptionid == 'x'" }, 'UnknownColumn'],
      [{ query: 'resources | project id, nosuch' }, 'UnknownColumn'],
      [{ query: "resources | where type =~ 'unterminated" }, 'ParserFailure'],
      [{ query: 'resources | order id' }, 'ParserFailure'],
      [{ query: 'resources', managementGroups: ['mg1'] }, 'UnsupportedQueryByEmulator'],
      [{ query: 'resources', facets: [{ expression: 'type' }] }, 'UnsupportedQueryByEmulator'],
      [{ query: 'resources', options: { $top: 0 } }, 'InvalidQueryOptions'],
      [{ query: 'resources', options: { $top: 1001 } }, 'InvalidQueryOptions'],
      [{ query: 'resources', options: { resultFormat: 'csv' } }, 'InvalidQueryOptions'],
      [{ query: 'resources', options: { $skipToken: 'bm90IGEgdG9rZW4=' } }, 'InvalidQueryOptions'],
      [{ query: '' }, 'InvalidQuery'],
    ];
    const before = h.emulator.controls.counts();
    for (const [body, detail] of refusals) {
      const res = await post(body);
      expectValid(res, 400);
      assert.equal(res.json.error.code, 'BadRequest', JSON.stringify(body));
      assert.ok(res.json.error.details.some((d: { code: string }) => d.code === detail), `${JSON.stringify(body)}: ${res.text}`);
    }
    assert.deepEqual(h.emulator.controls.counts(), before);
  });

  it('accepts the stable api-versions from 2021-03-01 and refuses others the way ARM does', async () => {
    for (const version of ['2021-03-01', '2022-10-01', '2024-04-01']) assert.equal((await post({ query: COLLECTIONS }, version)).status, 200, version);
    const old = await post({ query: COLLECTIONS }, '2019-04-01');
    assert.equal(old.status, 400);
    assert.equal(old.json.error.code, 'NoRegisteredProviderFound');
    const missing = await h.arm('POST', PATH, { body: { query: COLLECTIONS } });
    assert.equal(missing.json.error.code, 'MissingApiVersionParameter');
    assert.equal((await post({ query: COLLECTIONS }, '2024-04-01', null as unknown as string)).status, 401);
  });
});
