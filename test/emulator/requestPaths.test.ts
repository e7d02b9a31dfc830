import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { requestUrl } from '../../src/emulator/app';
import { useEmulator } from './harness';

const dev = demoCatalog.devTest;

describe('emulator: request paths', () => {
  const h = useEmulator();

  it('reads a path that begins with // as a path, not as a host', async () => {
    const list = await h.arm('GET', '//subscriptions?api-version=2022-12-01');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.value.some((s: { subscriptionId: string }) => s.subscriptionId === dev.subscriptionId));

    const groups = await h.arm('GET', `//subscriptions/${dev.subscriptionId}//resourceGroups?api-version=2025-04-01`);
    assert.equal(groups.status, 200, groups.text);
    assert.ok(groups.json.value.some((g: { name: string }) => g.name === dev.web02.resourceGroup));

    const logged = h.emulator.controls.requestLog.map((r) => r.path);
    assert.deepEqual(logged, ['/subscriptions', `/subscriptions/${dev.subscriptionId}/resourceGroups`]);
  });

  it('keeps the query and the endpoint whatever the target looks like', () => {
    const endpoint = 'https://127.0.0.1:4443';
    const host = (target: string): string | undefined => requestUrl(target, endpoint)?.host;
    assert.equal(host('//evil.example/subscriptions'), '127.0.0.1:4443');
    assert.equal(requestUrl('//evil.example/x', endpoint)?.pathname, '/evil.example/x');
    assert.equal(requestUrl('/a//b?next=//c', endpoint)?.href, `${endpoint}/a/b?next=//c`);
    assert.equal(requestUrl('https://other.example//subscriptions?api-version=1', endpoint)?.href, `${endpoint}/subscriptions?api-version=1`);
    assert.equal(requestUrl('*', endpoint), undefined);
  });
});
