import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LogLevel } from '../../../src/azure/logging';
import { clearRequestLog, type LoggedRequest } from '../../support/commandDriver';
import { extensionLogFile, logsRoot, scanLogsForSecrets } from '../../support/logSecrets';
import { activateExtension, children, control, eventually, EXTENSION_ID } from '../helpers';

/**
 * Added after every other test file by index.ts, whatever the file names: it searches what the
 * whole run logged. The runner sets the extension's log level to trace, the most it can log.
 */
describe('the logs of the whole run, at trace level', function () {
  this.timeout(60_000);

  it('log every ARM request with its request id and redacted headers, and hold no token, client secret or Authorization header', async () => {
    assert.strictEqual(vscode.LogLevel.Trace, LogLevel.Trace, 'src/azure/logging.ts mirrors vscode.LogLevel');
    // A few requests of this test's own, so the check below holds even when a grep ran only this test.
    const api = await activateExtension();
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.refresh');
    assert.ok((await children(api)).length > 0);
    const answered = (await control<{ value: (LoggedRequest & { requestId?: string })[] }>('GET', '/requests')).value.filter((r) => r.requestId && /^\/(subscriptions|tenants)\b/i.test(r.path));
    assert.ok(answered.length > 0, 'the tree asked ARM');

    const file = extensionLogFile(EXTENSION_ID);
    assert.ok(file, `the extension's log file is among ${JSON.stringify((await scanLogsForSecrets()).files.map((f) => f.file))} in ${logsRoot()}`);
    // Every ARM request the emulator answered (token requests go through @azure/identity's own pipeline) is in the log (VS Code writes the file asynchronously).
    const text = await eventually(async () => {
      const content = fs.readFileSync(file, 'utf8');
      return answered.every((r) => content.includes(`x-ms-request-id: ${r.requestId}`)) ? content : undefined;
    }, 'a log line for each ARM request');
    assert.match(text, /\[debug\] GET https:\/\/\S+\/subscriptions\?api-version=\S+ → 200 in \d+ ms \(x-ms-request-id: [0-9a-f-]{36}, x-ms-correlation-request-id: [0-9a-f-]{36}\)/);
    // The SDK's own trace lines show the headers it sent, the bearer token among them, redacted.
    assert.match(text, /\[trace\] Request: \{"method":"GET","url":"https:\/\/[^"]+","headers":\{[^}]*"authorization":"REDACTED"/);

    const scan = await scanLogsForSecrets();
    assert.ok(scan.files.some((f) => f.bytes > 0 && file.endsWith(f.file)), 'the extension\'s log is among the files searched');
    assert.ok(scan.secretsSearched >= 3, 'at least one issued token, the client secret and the header were searched for');
    assert.deepStrictEqual(scan.findings, [], `no secret in ${scan.files.length} log files`);
  });
});
