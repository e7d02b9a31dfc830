import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';

const dev = demoCatalog.devTest;
const C = '2026-04-01';
const rpcBase = (rg: string, name: string): string => `/subscriptions/${dev.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/restorePointCollections/${name}`;

describe('emulator on the real clock (no manual clock), with --pace', () => {
  // Pace 30: creation takes ~100 ms and cross-region replication ~2 s.
  const h = useEmulator({ manualClock: false, pace: 30 });

  it('finishes creation and replicates a copy by itself, with rising completionPercent', async () => {
    const target = rpcBase(dev.copies.resourceGroup, dev.copies.collection);
    const source = `${rpcBase(dev.web02.resourceGroup, dev.web02.collection)}/restorePoints/${dev.web02.restorePoints[1]}`;
    const put = await h.arm('PUT', `${target}/restorePoints/live-copy?api-version=${C}`, { body: { properties: { sourceRestorePoint: { id: source } } } });
    assert.equal(put.status, 201, put.text);
    assert.ok(Number(put.headers['retry-after']) >= 1);

    const seen: number[] = [];
    let state = '';
    for (let i = 0; i < 400 && !(seen.at(-1) === 100 && state === 'Succeeded'); i++) {
      const rp = await h.arm('GET', `${target}/restorePoints/live-copy?api-version=${C}&$expand=instanceView`);
      state = rp.json.properties.provisioningState;
      const views = rp.json.properties.instanceView.diskRestorePoints as Array<{ replicationStatus?: { completionPercent: number } }>;
      seen.push(Math.min(...views.map((v) => v.replicationStatus?.completionPercent ?? 0)));
      await sleep(25);
    }
    assert.equal(seen.at(-1), 100, `progress: ${seen.join(',')}`);
    assert.equal(state, 'Succeeded');
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `never goes back: ${seen.join(',')}`);
    assert.ok(new Set(seen).size >= 3, `intermediate percentages were reported: ${[...new Set(seen)].join(',')}`);
  });
});
