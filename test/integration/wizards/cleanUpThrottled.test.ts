import * as assert from 'node:assert';
import type { CleanUpReport } from '../../../src/commands/cleanUp/cleanUpRun';
import type { ThrottleLimits } from '../../../src/emulator/controls/throttling';
import { demoCatalog } from '../../../src/emulator';
import { drive, requestLog, type LoggedRequest } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { replayBudgets } from '../../support/throttleBudget';
import { computeClient } from '../../emulator/sdkClients';
import { control, emulatorAddress } from '../helpers';
import { useActionSuite } from './actionSuite';
import { dryRun } from './dryRunDocument';

const prod = demoCatalog.large;
/** prod-db-004 of Contoso Production (src/emulator/data/demo.ts): ten restore points, -001 the oldest, all succeeded. */
const PROD_DB_004 = { resourceGroup: 'rg-prod-data-northeurope', collection: 'prod-db-004-rpc', rp: (n: number) => `rp-prod-db-004-${String(n).padStart(3, '0')}` };
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => PROD_DB_004.rp(from + i));

/**
 * Far below ARM's own buckets, so that a single clean-up meets them: two deletes at once against
 * four in flight, and reads (the collection, each delete's polls) at four a second.
 */
const TIGHT: Partial<ThrottleLimits> = { reads: { size: 4, refillPerSecond: 4 }, deletes: { size: 2, refillPerSecond: 2 } };
/** The shortest Retry-After the emulator gives: whole seconds, at least one. */
const SHORTEST_WAIT_MS = 1_000;

const attempt = (r: LoggedRequest): string => `${r.method} ${r.path} ${JSON.stringify(r.query)}`;

describe('Clean Up Restore Points… under ARM throttling', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  afterEach(() => control('POST', '/throttling', { enabled: false }));

  it('absorbs the 429s: each refused request is sent again after its Retry-After and served, no subscription goes over its budget, and exactly the planned deletes happen', async () => {
    const { limits } = await control<{ limits: ThrottleLimits }>('POST', '/throttling', { enabled: true, limits: TIGHT });
    const script = [answer.pick('Contoso Production'), answer.pick(PROD_DB_004.collection), answer.input('0'), answer.input('0'), answer.acceptDefault(), answer.input('9')];
    const { result } = await drive<CleanUpReport>(suite.api, 'restorePoints.cleanUpRestorePoints', script, [], { clockStepMs: 1_000 });
    const log = (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/'));
    await control('POST', '/throttling', { enabled: false });

    // Planned: K = 0, any age; -010 is the newest that succeeded.
    const planned = dryRun().rows.filter((r) => r[2] === 'delete').map((r) => r[0]);
    assert.deepStrictEqual(planned, range(1, 9).reverse());
    assert.deepStrictEqual([result!.deleted.map((d) => d.name).sort(), result!.failed, result!.skipped], [range(1, 9), [], []]);

    const refused = log.filter((r) => r.status === 429);
    assert.ok(refused.some((r) => r.method === 'DELETE'), `some deletes were refused with 429 (log: ${log.map((r) => `${r.method} ${r.status}`).join(', ')})`);
    for (const r of refused) {
      const served = log.find((later) => attempt(later) === attempt(r) && later.time > r.time && later.status !== 429);
      assert.ok(served && served.status < 400, `${attempt(r)}, refused at ${r.time}, is served later`);
      const next = log.find((later) => attempt(later) === attempt(r) && later.time > r.time)!;
      // Arrival to arrival: the 429 left after its request arrived and the client waited its Retry-After
      // from then, so this holds exactly, however late a busy emulator logged the answers themselves.
      assert.ok(next.receivedAt - r.receivedAt >= SHORTEST_WAIT_MS, `${attempt(r)} is sent again after Retry-After, not ${next.receivedAt - r.receivedAt} ms later`);
    }
    const buckets = replayBudgets(log, limits);
    console.log(`throttled clean-up: ${buckets.map((b) => `${b.key.split(' ').pop()} ${b.served} served, ${b.refused} refused, lowest ${b.lowestTokens.toFixed(2)} tokens`).join('; ')}`);
    for (const bucket of buckets) {
      // A tenth of a token: the log's time is when the answer left, a few milliseconds after the charge.
      assert.ok(bucket.lowestTokens >= -0.1, `${bucket.key}: served ${bucket.served}, over the budget by ${(-bucket.lowestTokens).toFixed(2)} requests`);
    }
    const deleted = log.filter((r) => r.method === 'DELETE' && r.status < 400).map((r) => r.path.split('/').pop()!).sort();
    assert.deepStrictEqual(deleted, range(1, 9), 'ARM served one delete per planned restore point, none twice');

    const client = computeClient(emulatorAddress(), prod.subscriptionId);
    const left = await client.restorePointCollections.get(PROD_DB_004.resourceGroup, PROD_DB_004.collection, { expand: 'restorePoints' });
    assert.deepStrictEqual((left.restorePoints ?? []).map((rp) => rp.name), [PROD_DB_004.rp(10)]);
  });
});
