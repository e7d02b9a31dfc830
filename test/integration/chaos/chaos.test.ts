import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { countSecretsInLogs, extensionLogFile } from '../../support/logSecrets';
import { control, EXTENSION_ID } from '../helpers';
import { useActionSuite } from '../wizards/actionSuite';
import { actionsUnderFaults } from './actionsUnderFaults';
import { ChaosLedger } from './chaosLedger';
import { treeUnderFaults } from './treeUnderFaults';
import { vmActionsUnderFaults } from './vmActionsUnderFaults';

/**
 * The tree and every action against ARM faults: 429 with Retry-After (within and beyond the cap),
 * 500, 503, dropped connections, answers lost after the work was done, slow answers and "fail
 * next N". Ends with one summary line in the test output (and so in `npm test`'s log).
 */
describe('chaos: the tree and every action under ARM faults', function () {
  this.timeout(60_000);
  const suite = useActionSuite();
  const ledger = new ChaosLedger();
  before(() => ledger.start());
  // A case that failed early leaves its faults behind; the next case starts without them.
  afterEach(() => control('DELETE', '/faults'));

  treeUnderFaults(suite, ledger);
  actionsUnderFaults(suite, ledger);
  vmActionsUnderFaults(suite, ledger);

  it('summary: nothing duplicated or lost, and no token or client secret in anything VS Code logged', async () => {
    const tokens = await countSecretsInLogs();
    const faults = await ledger.faultsInjected();
    console.log(`chaos: faults injected ${faults}, operations completed ${ledger.operationsCompleted}, duplicates found ${ledger.duplicatesFound}, tokens found in logs ${tokens}`);
    assert.ok(faults > 0, 'faults were injected');
    assert.strictEqual(ledger.duplicatesFound, 0);
    assert.strictEqual(ledger.lostFound, 0);
    assert.strictEqual(tokens, 0);
    const extensionLog = extensionLogFile(EXTENSION_ID);
    assert.ok(extensionLog, 'the extension wrote its log where the scan looks');
    assert.match(fs.readFileSync(extensionLog, 'utf8'), /rp-chaos-refused/, 'the scan read the log the failures of this suite went to');
  });
});
