import * as vscode from 'vscode';
import type { RestorePointsApi } from '../../../src/extension';
import { clearRequestLog } from '../../support/commandDriver';
import { activateExtension, control } from '../helpers';

/**
 * Every action suite starts and ends on the demo data set and an empty request log before each
 * test, so no suite depends on another's leftovers; the tree is read again at the start, so it
 * shows no leftover either. The API is filled in before the first test. `readBackIntervalMs`: a
 * copy's replication, and a step a previous window sent, are read back at this interval for the
 * suite rather than every 5–10 s (ARM's Retry-After is for the operation, not the resource).
 */
export function useActionSuite(options: { readBackIntervalMs?: number } = {}): { api: RestorePointsApi } {
  const suite = {} as { api: RestorePointsApi };
  before(async () => {
    suite.api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
    if (options.readBackIntervalMs !== undefined) suite.api.setReplicationIntervalForTests(options.readBackIntervalMs);
  });
  beforeEach(() => clearRequestLog());
  after(async () => {
    if (options.readBackIntervalMs !== undefined) suite.api.setReplicationIntervalForTests(undefined);
    await control('POST', '/reset', { data: 'demo' });
  });
  return suite;
}
