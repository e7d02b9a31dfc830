import * as vscode from 'vscode';
import type { RestorePointsApi } from '../../../src/extension';
import { clearRequestLog } from '../../support/commandDriver';
import { activateExtension, control } from '../helpers';

/**
 * Every action suite starts and ends on the demo data set and an empty request log before each
 * test, so no suite depends on another's leftovers; the tree is read again at the start, so it
 * shows no leftover either. The API is filled in before the first test.
 */
export function useActionSuite(): { api: RestorePointsApi } {
  const suite = {} as { api: RestorePointsApi };
  before(async () => {
    suite.api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
  });
  beforeEach(() => clearRequestLog());
  after(() => control('POST', '/reset', { data: 'demo' }));
  return suite;
}
