import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { demoCatalog } from '../../src/emulator';
import type { Answer, ConfirmPrompt } from '../../src/commands/wizard/prompter';
import type { RestorePointsApi } from '../../src/extension';
import { computeClient } from '../emulator/sdkClients';
import { clearRequestLog, type LoggedRequest } from '../support/commandDriver';
import { extensionLogFile } from '../support/logSecrets';
import { captureErrorNotifications, type ShownNotification } from '../support/notifications';
import { answer, ScriptedPrompter } from '../support/scriptedPrompter';
import { activateExtension, byLabel, children, control, emulatorAddress, eventually, EXTENSION_ID, type Shown } from './helpers';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const SIGN_IN_AGAIN = /^Azure no longer accepts your sign-in \(.+\)\. Sign in again to continue\.$/;

/** What the emulator answered, with the x-ms-request-id of each answer. */
async function requestLog(): Promise<(LoggedRequest & { requestId?: string })[]> {
  return (await control<{ value: (LoggedRequest & { requestId?: string })[] }>('GET', '/requests')).value;
}
const writes = async (): Promise<(LoggedRequest & { requestId?: string })[]> => (await requestLog()).filter((r) => r.method !== 'GET' && r.path.startsWith('/subscriptions/'));

/** The same line may be read before VS Code has written it: the log is read until it holds what is expected. */
async function logEntry(pattern: RegExp): Promise<string> {
  return eventually(async () => {
    const file = extensionLogFile(EXTENSION_ID);
    return file ? pattern.exec(fs.readFileSync(file, 'utf8'))?.[0] : undefined;
  }, `a log entry matching ${pattern}`);
}

describe('a token ARM no longer accepts, and the request ids of errors', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  let notifications: ReturnType<typeof captureErrorNotifications>;
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  before(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
  });
  beforeEach(async () => {
    notifications = captureErrorNotifications();
    await clearRequestLog();
  });
  afterEach(async () => {
    notifications.restore();
    api.setPrompterForTests(undefined);
    // Whatever a test left behind, the next suite starts signed in with a token ARM accepts.
    await vscode.commands.executeCommand('restorePoints.signIn');
    await control('DELETE', '/faults');
  });
  after(() => control('POST', '/reset', { data: 'demo' }));

  async function vmNode(vm: string): Promise<Shown> {
    const sub = byLabel(await children(api), DEV_TEST);
    return byLabel(await children(api, sub.node), vm);
  }

  const signInPrompts = (): ShownNotification[] => notifications.shown.filter((n) => SIGN_IN_AGAIN.test(n.message));

  it('shows an expired token in the tree as an error row and asks once to sign in again; Sign In brings the tree back', async () => {
    const sub = byLabel(await children(api), DEV_TEST);
    await control('POST', '/tokens/expire');
    await vscode.commands.executeCommand('restorePoints.refresh', sub.node);
    const shown = await children(api, sub.node);
    assert.deepStrictEqual(shown.map((s) => s.label), ['Error: The access token has expired. Acquire a new access token and try again. Sign in again to continue.']);
    assert.match(String(shown[0].item.tooltip), /^ExpiredAuthenticationToken: /);

    const [prompt] = await eventually(async () => (signInPrompts().length ? signInPrompts() : undefined), 'the sign-in prompt');
    assert.match(prompt.message, /\(The access token has expired\. Acquire a new access token and try again\)/);
    assert.deepStrictEqual(prompt.buttons, ['Sign In']);
    assert.deepStrictEqual(notifications.shown.map((n) => n.message), [prompt.message], 'one notification, no stack trace, no second error');

    prompt.answer('Sign In');
    const vms = await eventually(async () => {
      const list = await children(api, sub.node);
      return list.some((s) => s.label.startsWith('Error:')) ? undefined : list;
    }, 'the VMs after signing in again');
    assert.deepStrictEqual(vms.map((s) => s.label), [dev.web01.vm, dev.web02.vm, dev.sql01.vm, dev.cache01.vm]);
    const tokenRequests = (await requestLog()).filter((r) => r.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(r.path));
    assert.ok(tokenRequests.length >= 1, 'signing in again asked the identity endpoint for a new token');
  });

  it('asks to sign in again when ARM refuses the token of a wizard\'s create, and nothing is created', async () => {
    const vm = await vmNode(dev.web02.vm);
    // The token is revoked while the summary is on screen: every read before it succeeded.
    const prompter = new (class extends ScriptedPrompter {
      override async confirm(p: ConfirmPrompt): Promise<Answer<true>> {
        await control('POST', '/tokens/revoke');
        return super.confirm(p);
      }
    })([answer.pick(dev.web02.collection), answer.input('rp-it-revoked'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()]);
    api.setPrompterForTests(prompter);
    const result = await vscode.commands.executeCommand('restorePoints.createRestorePoint', vm.node);

    assert.strictEqual(result, undefined);
    assert.strictEqual(prompter.unused.length, 0, 'the wizard reached its summary');
    const put = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(put.map((r) => [r.path.split('/').pop(), r.status]), [['rp-it-revoked', 401]], 'ARM refused the one create');
    await assert.rejects(client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-revoked'), /ResourceNotFound|could not be found|404/);

    const prompts = await eventually(async () => (signInPrompts().length ? signInPrompts() : undefined), 'the sign-in prompt');
    assert.strictEqual(prompts.length, 1);
    assert.match(prompts[0].message, /\(The access token is invalid\)/);
    assert.deepStrictEqual(prompts[0].buttons, ['Sign In']);
    assert.deepStrictEqual(notifications.shown.length, 1, 'no other error notification');
    // The log entry for the failure names the refused request as ARM numbered it.
    const entry = await logEntry(/\[error\] restorePoints\.createRestorePoint: InvalidAuthenticationToken: .*\(HTTP 401\)\n\s+x-ms-request-id: \S+, x-ms-correlation-request-id: \S+/);
    assert.ok(put[0].requestId && entry.includes(`x-ms-request-id: ${put[0].requestId}`), `${entry} names ${put[0].requestId}`);

    prompts[0].answer('Sign In');
    const collection = byLabel(await children(api, (await vmNode(dev.web02.vm)).node), dev.web02.collection);
    assert.ok(!(await children(api, collection.node)).some((s) => s.label === 'rp-it-revoked'), 'the tree shows no restore point that was not created');
  });

  it('puts ARM\'s request and correlation ids of a failure in the log that "Show details" opens', async () => {
    const vm = await vmNode(dev.web01.vm);
    // More failures than any retry policy tries: the create fails whatever the retry settings.
    await control('POST', '/faults', { pathPattern: '/restorePointCollections/rpc-it-fails$', method: 'PUT', status: 500, count: 20 });
    api.setPrompterForTests(new ScriptedPrompter([answer.input('rpc-it-fails')]));
    await vscode.commands.executeCommand('restorePoints.createRestorePointCollection', vm.node);

    const failed = (await writes()).filter((r) => r.method === 'PUT');
    assert.ok(failed.length >= 1 && failed.every((r) => r.status === 500 && r.requestId));
    const shown = await eventually(async () => notifications.shown[0], 'the error notification');
    assert.match(shown.message, /^InternalServerError: Injected fault: HTTP 500/);
    assert.deepStrictEqual(shown.buttons, ['Show details']);
    const last = failed[failed.length - 1];
    const entry = await logEntry(/\[error\] restorePoints\.createRestorePointCollection: InternalServerError: .*\(HTTP 500\)\n\s+x-ms-request-id: \S+, x-ms-correlation-request-id: \S+/);
    assert.ok(entry.includes(`x-ms-request-id: ${last.requestId}`), `${entry} names the last attempt ${last.requestId}`);
    assert.strictEqual(signInPrompts().length, 0, 'a server error is not a sign-in problem');
    shown.answer('Show details');
  });
});
