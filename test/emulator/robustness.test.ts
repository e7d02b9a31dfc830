import * as assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { connect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { demoToken, send } from './harness';
import { computeClient } from './sdkClients';

describe('emulator robustness and logging', () => {
  let emulator: RunningEmulator;
  let token: string;
  const lines: string[] = [];

  before(async () => {
    emulator = await startEmulator({ manualClock: true, log: (line) => lines.push(line) });
    token = await demoToken(emulator);
  });
  after(() => emulator.stop());

  it('survives garbage: bad encoding, oversized bodies, raw bytes on the socket', async () => {
    const bad = await send(emulator, 'GET', '/subscriptions/%E0%A4%A/resourceGroups?api-version=2025-04-01', { token });
    assert.equal(bad.status, 400);
    const big = await send(emulator, 'PUT', `/subscriptions/${demoCatalog.devTest.subscriptionId}/resourceGroups/x/providers/Microsoft.Compute/restorePointCollections/y?api-version=2026-04-01`, { token, rawBody: `{"a":"${'x'.repeat(5 * 1024 * 1024)}"}` });
    assert.equal(big.status, 413);
    await new Promise<void>((resolve) => {
      const url = new URL(emulator.endpoint);
      const socket = connect({ host: url.hostname, port: Number(url.port), ca: readFileSync(emulator.caCertificate) }, () => {
        socket.write('THIS IS NOT HTTP\r\n\r\n');
      });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    const plain = await new Promise<string>((resolve) => {
      const url = new URL(emulator.endpoint);
      // A plain-TCP client speaking HTTP to the TLS port.
      const s = netConnect(Number(url.port), url.hostname, () => s.write('GET / HTTP/1.1\r\n\r\n'));
      s.on('error', () => resolve('error'));
      s.on('close', () => resolve('closed'));
    });
    assert.ok(plain === 'closed' || plain === 'error');
    const ok = await send(emulator, 'GET', '/subscriptions?api-version=2022-12-01', { token });
    assert.equal(ok.status, 200, 'still serving');
  });

  it('never writes the bearer token or client secret to its log', async () => {
    const client = computeClient(emulator, demoCatalog.devTest.subscriptionId);
    for await (const vm of client.virtualMachines.listAll()) void vm;
    await send(emulator, 'GET', '/subscriptions?api-version=2022-12-01', { token: 'not-a-real-token-value' });
    assert.ok(lines.length > 3, 'requests were logged');
    for (const line of lines) {
      assert.ok(!line.includes(token), `token leaked: ${line}`);
      assert.ok(!line.includes('not-a-real-token-value'));
      assert.ok(!line.includes(demoCatalog.clientSecret));
    }
  });
});
