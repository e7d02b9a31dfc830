import * as assert from 'node:assert/strict';
import { attemptVerdict, fateUnknown, isDroppedConnection, isIdempotent, isReadByPost, isRetriedStatus, retryAfterMs, shouldReadBack } from '../../../src/azure/retryPolicy';

const CAP = 60_000;
const NOW = Date.parse('2026-01-10T12:00:00Z');
const headers = (h: Record<string, string>) => (name: string): string | undefined => h[name.toLowerCase()];

describe('retry policy decisions', () => {
  it('treats GET, PUT and DELETE as safe to repeat, POST and PATCH not', () => {
    assert.deepEqual(['GET', 'put', 'DELETE', 'HEAD', 'POST', 'PATCH'].map(isIdempotent), [true, true, true, true, false, false]);
  });

  it('names the statuses the SDK retries: 408, 429 and 5xx but 501 and 505', () => {
    assert.deepEqual([400, 404, 408, 409, 429, 500, 501, 502, 503, 504, 505].filter(isRetriedStatus), [408, 429, 500, 502, 503, 504]);
  });

  it('recognises a dropped connection by the SDK error code, not by the message', () => {
    assert.ok(isDroppedConnection({ name: 'RestError', code: 'ECONNRESET', message: 'socket hang up' }));
    assert.ok(isDroppedConnection({ name: 'RestError', code: 'ETIMEDOUT' }));
    assert.ok(!isDroppedConnection({ name: 'RestError', code: 'REQUEST_SEND_ERROR' }));
    assert.ok(!isDroppedConnection({ name: 'AbortError', code: 'ECONNRESET' }));
    assert.ok(!isDroppedConnection(undefined));
  });

  it('reads Retry-After in seconds, as an HTTP date, and the millisecond variants first', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': '7' }), NOW), 7_000);
    assert.equal(retryAfterMs(headers({ 'retry-after': '7', 'retry-after-ms': '250' }), NOW), 250);
    assert.equal(retryAfterMs(headers({ 'x-ms-retry-after-ms': '1500' }), NOW), 1_500);
    assert.equal(retryAfterMs(headers({ 'retry-after': new Date(NOW + 90_000).toUTCString() }), NOW), 90_000);
    assert.equal(retryAfterMs(headers({ 'retry-after': new Date(NOW - 5_000).toUTCString() }), NOW), 0, 'a date in the past means now');
    assert.equal(retryAfterMs(headers({}), NOW), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' }), NOW), undefined);
  });

  it('lets the SDK honour a Retry-After up to the cap, and fails at once beyond it', () => {
    assert.equal(attemptVerdict({ method: 'GET', status: 429, retryAfterMs: 1_000 }, CAP), 'pass');
    assert.equal(attemptVerdict({ method: 'GET', status: 429, retryAfterMs: CAP }, CAP), 'pass');
    assert.equal(attemptVerdict({ method: 'GET', status: 429, retryAfterMs: CAP + 1 }, CAP), 'waitTooLong');
    assert.equal(attemptVerdict({ method: 'PUT', status: 503, retryAfterMs: 300_000 }, CAP), 'waitTooLong');
    assert.equal(attemptVerdict({ method: 'GET', status: 429 }, CAP), 'pass', 'without Retry-After the SDK decides');
  });

  it('ignores the Retry-After of an accepted long-running operation (a polling interval, not a throttle)', () => {
    assert.equal(attemptVerdict({ method: 'PUT', status: 201, retryAfterMs: 600_000 }, CAP), 'pass');
    assert.equal(attemptVerdict({ method: 'DELETE', status: 202, retryAfterMs: 600_000 }, CAP), 'pass');
  });

  it('repeats a Resource Graph query like a GET: a POST that only reads', () => {
    const query = 'https://management.azure.com/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01';
    assert.ok(isReadByPost('POST', query));
    assert.ok(isReadByPost('post', query.replace('ResourceGraph/resources', 'resourcegraph/Resources')), 'paths are case-insensitive');
    assert.ok(!isReadByPost('PUT', query), 'only a POST is a read by POST');
    assert.ok(!isReadByPost('POST', 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/restart?api-version=2024-07-01'));
    assert.ok(!isReadByPost('POST', 'https://management.azure.com/subscriptions/s/providers/Microsoft.ResourceGraph/resources/x?api-version=2021-03-01'));
    assert.ok(
      !isReadByPost('POST', 'https://management.azure.com/subscriptions/s/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01'),
      'a subscription-scoped path that ends the same way is not the tenant query',
    );
    for (const status of [undefined, 500, 503]) assert.equal(attemptVerdict({ method: 'POST', readOnly: true, status }, CAP), 'pass', `dropped or ${status ?? 'dropped'}`);
  });

  it('never repeats a POST or PATCH that failed in a way the SDK would retry, and leaves its other outcomes alone', () => {
    for (const status of [undefined, 408, 429, 500, 503]) assert.equal(attemptVerdict({ method: 'POST', status }, CAP), 'doNotRepeat', `POST ${status ?? 'dropped'}`);
    assert.equal(attemptVerdict({ method: 'PATCH', status: 502 }, CAP), 'doNotRepeat');
    assert.equal(attemptVerdict({ method: 'POST', status: 200 }, CAP), 'pass');
    assert.equal(attemptVerdict({ method: 'POST', status: 400 }, CAP), 'pass');
    for (const method of ['GET', 'PUT', 'DELETE']) assert.equal(attemptVerdict({ method, status: 500 }, CAP), 'pass', `${method} 500 is retried`);
    assert.equal(attemptVerdict({ method: 'PUT' }, CAP), 'pass', 'a dropped PUT is retried');
  });

  it('reads a PUT back only when it is refused with 409 after an attempt whose effect is unknown', () => {
    assert.ok(fateUnknown(undefined) && fateUnknown(500) && fateUnknown(503));
    assert.ok(!fateUnknown(429) && !fateUnknown(409) && !fateUnknown(201), 'a throttled request never reached the resource provider');
    assert.ok(shouldReadBack('PUT', 409, true));
    assert.ok(!shouldReadBack('PUT', 409, false), 'a first-attempt conflict is a real conflict');
    assert.ok(!shouldReadBack('DELETE', 409, true));
    assert.ok(!shouldReadBack('PUT', 400, true));
  });
});
