import * as assert from 'node:assert/strict';
import { WizardReads } from '../../../src/commands/steps/wizardReads';

const devTest = { tenantId: 'contoso', subscriptionId: 'dev-test' };
const sandbox = { tenantId: 'fabrikam', subscriptionId: 'sandbox' };

describe('WizardReads: what a wizard run has read from ARM', () => {
  it('reads once, whichever step asks and however often', async () => {
    const reads = new WizardReads();
    let sent = 0;
    const list = async (): Promise<string[]> => (sent++, ['web-01-rpc']);
    const [a, b] = await Promise.all([reads.once(devTest, 'restorePointCollections', list), reads.once(devTest, 'restorePointCollections', list)]);
    assert.deepEqual(await reads.once(devTest, 'restorePointCollections', list), ['web-01-rpc']);
    assert.equal(a, b);
    assert.equal(sent, 1);
  });

  it('reads again for another subscription, which going Back may choose', async () => {
    const reads = new WizardReads();
    const seen: string[] = [];
    await reads.once(devTest, 'virtualMachines', async () => seen.push('dev-test'));
    await reads.once(sandbox, 'virtualMachines', async () => seen.push('sandbox'));
    assert.deepEqual(seen, ['dev-test', 'sandbox']);
  });

  it('does not keep a failed read, so going Back and on again tries once more', async () => {
    const reads = new WizardReads();
    let attempt = 0;
    const flaky = async (): Promise<string> => {
      attempt++;
      if (attempt === 1) throw new Error('ServerBusy');
      return 'read';
    };
    await assert.rejects(reads.once(devTest, 'resourceGroups', flaky), /ServerBusy/);
    assert.equal(await reads.once(devTest, 'resourceGroups', flaky), 'read');
    assert.equal(await reads.once(devTest, 'resourceGroups', flaky), 'read');
    assert.equal(attempt, 2);
  });
});
