import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { demoToken, send, useEmulator } from './harness';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const dev = demoCatalog.devTest;
const VM_LIST = `/subscriptions/${dev.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=2025-04-01`;

describe('emulator: request ids and token revocation', () => {
  const h = useEmulator();
  const control = (method: string, path: string) => send(h.emulator, method, `/_emulator${path}`);

  it('answers every ARM request, failures and injected faults included, with a request id and a correlation id', async () => {
    const ok = await h.arm('GET', VM_LIST);
    const missing = await h.arm('GET', `/subscriptions/${dev.subscriptionId}/resourceGroups/no-such-group/providers/Microsoft.Compute/restorePointCollections/x?api-version=2025-04-01`);
    h.emulator.controls.injectFault({ pathPattern: 'virtualMachines', status: 503, count: 1 });
    const fault = await h.arm('GET', VM_LIST);
    assert.deepEqual([ok.status, missing.status, fault.status], [200, 404, 503]);
    for (const res of [ok, missing, fault]) {
      assert.match(String(res.headers['x-ms-request-id']), GUID);
      assert.match(String(res.headers['x-ms-correlation-request-id']), GUID);
    }
    assert.notEqual(ok.headers['x-ms-request-id'], fault.headers['x-ms-request-id'], 'each answer has its own request id');
    const logged = (await control('GET', '/requests')).json.value.map((r: { requestId?: string }) => r.requestId);
    assert.deepEqual(logged, [ok, missing, fault].map((r) => r.headers['x-ms-request-id']), 'the request log names the same ids');
  });

  it('echoes the correlation id a client sends', async () => {
    const correlation = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const res = await h.arm('GET', VM_LIST, { headers: { 'x-ms-correlation-request-id': correlation } });
    assert.equal(res.headers['x-ms-correlation-request-id'], correlation);
  });

  it('expires every issued token on request: ARM answers 401 ExpiredAuthenticationToken with a bearer challenge', async () => {
    const token = await demoToken(h.emulator);
    assert.equal((await h.arm('GET', VM_LIST, { token })).status, 200);
    assert.ok((await control('POST', '/tokens/expire')).json.expired >= 1);
    const res = await h.arm('GET', VM_LIST, { token });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'ExpiredAuthenticationToken');
    assert.match(String(res.headers['www-authenticate']), /^Bearer .*error="invalid_token"/);
    const listed = (await control('GET', '/tokens')).json.value as { token: string; state: string }[];
    assert.equal(listed.find((t) => t.token === token)?.state, 'expired');
  });

  it('revokes every issued token on request; a new sign-in gets a token ARM accepts, and the list keeps the revoked ones', async () => {
    const token = await demoToken(h.emulator);
    assert.equal((await h.arm('GET', VM_LIST, { token })).status, 200);
    assert.ok((await control('POST', '/tokens/revoke')).json.revoked >= 1);
    const res = await h.arm('GET', VM_LIST, { token });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'InvalidAuthenticationToken');
    assert.match(String(res.headers['www-authenticate']), /error="invalid_token"/);
    const fresh = await demoToken(h.emulator);
    assert.equal((await h.arm('GET', VM_LIST, { token: fresh })).status, 200);
    const listed = (await control('GET', '/tokens')).json.value as { token: string; state: string }[];
    assert.equal(listed.find((t) => t.token === token)?.state, 'revoked');
    assert.equal(listed.find((t) => t.token === fresh)?.state, 'valid');
  });
});
