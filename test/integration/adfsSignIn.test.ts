import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { DEMO_TENANTS, demoCatalog } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import { clearRequestLog, requestLog } from '../support/commandDriver';
import { captureErrorNotifications } from '../support/notifications';
import { activateExtension, byLabel, children, control, CUSTOM_ENVIRONMENT, emulatorAddress, eventually, runnerCustomCloud, setSetting } from './helpers';

const contosoSubscriptions = demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.contoso.tenantId).map((s) => s.displayName).sort();
const allSubscriptions = demoCatalog.subscriptions.map((s) => s.displayName).sort();

interface IssuedToken {
  token: string;
  issuer: 'entra' | 'adfs';
}
const issuedTokens = async (): Promise<IssuedToken[]> => (await control<{ value: IssuedToken[] }>('GET', '/tokens')).value;

describe('signing in to a custom cloud through AD FS (Azure Stack Hub disconnected)', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  /** The runner's custom cloud, restored afterwards; undefined when `before` failed before reading it (then nothing is written back). */
  let entraEnvironment: Record<string, string> | undefined;
  const { endpoint } = emulatorAddress();

  const rootLabels = async (): Promise<string[]> => (await children(api)).map((s) => s.label).sort();

  before(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    const runnerEnvironment = runnerCustomCloud();
    assert.ok(runnerEnvironment, 'the runner configured the emulator as a custom cloud');
    entraEnvironment = runnerEnvironment;
  });

  after(async () => {
    await control('POST', '/identity', { mode: 'entra' });
    if (!entraEnvironment) return;
    await setSetting(CUSTOM_ENVIRONMENT, entraEnvironment);
    await eventually(async () => ((await rootLabels()).join() === allSubscriptions.join() ? true : undefined), 'the tree signed in through Microsoft Entra again');
  });

  it('signs in with the environment service principal at the AD FS authority and shows the tree', async () => {
    await control('POST', '/identity', { mode: 'adfs' });
    const tokensBefore = (await issuedTokens()).length;
    await clearRequestLog();

    // The cloud as Azure Stack Hub's metadata names it: the authority host ends in /adfs.
    await setSetting(CUSTOM_ENVIRONMENT, { ...entraEnvironment!, activeDirectoryEndpointUrl: `${endpoint}/adfs` });

    // AD FS has one directory (Contoso), so only its subscriptions are listed.
    await eventually(async () => ((await rootLabels()).join() === contosoSubscriptions.join() ? true : undefined), 'the tree listing the AD FS directory\'s subscriptions');
    const dev = byLabel(await children(api), 'Contoso Dev/Test');
    const vms = await children(api, dev.node);
    assert.deepStrictEqual(vms.map((v) => v.label), [demoCatalog.devTest.web01.vm, demoCatalog.devTest.web02.vm, demoCatalog.devTest.sql01.vm, demoCatalog.devTest.cache01.vm]);

    const newTokens = (await issuedTokens()).slice(tokensBefore);
    assert.ok(newTokens.length >= 1, 'a token was issued');
    assert.deepStrictEqual([...new Set(newTokens.map((t) => t.issuer))], ['adfs'], 'every new token came from AD FS');

    const log = await requestLog();
    const identityRequests = log.filter((r) => r.path.startsWith('/adfs/')).map((r) => `${r.method} ${r.path.replace(/\/$/, '')} ${r.status}`);
    assert.ok(identityRequests.includes('GET /adfs/.well-known/openid-configuration 200'), JSON.stringify(identityRequests));
    assert.ok(identityRequests.includes('POST /adfs/oauth2/token 200'), JSON.stringify(identityRequests));
    assert.ok(!log.some((r) => /\/oauth2\/v2\.0\/token/.test(r.path)), 'nothing asked the Microsoft Entra token endpoint');
    const arm = log.filter((r) => r.path.startsWith('/subscriptions'));
    assert.ok(arm.length > 0 && arm.every((r) => r.status === 200), JSON.stringify(arm.map((r) => `${r.path} ${r.status}`)));
  });

  it('with VS Code\'s Microsoft account, Sign In says to use a service principal (azureIdentity) and asks no account', async () => {
    const authentication = vscode.workspace.getConfiguration('restorePoints').inspect('authentication')?.globalValue;
    const notifications = captureErrorNotifications();
    try {
      await setSetting(CUSTOM_ENVIRONMENT, { ...entraEnvironment!, activeDirectoryEndpointUrl: `${endpoint}/adfs` });
      await setSetting('restorePoints.authentication', 'vscode');
      await eventually(async () => ((await children(api)).length === 0 ? true : undefined), 'the tree signed out: VS Code\'s account cannot sign in through AD FS');
      await vscode.commands.executeCommand('restorePoints.signIn');
      const messages = await eventually(async () => (notifications.shown.length ? notifications.shown.map((n) => n.message) : undefined), 'the error notification');
      assert.strictEqual(messages.length, 1, JSON.stringify(messages));
      assert.match(messages[0], new RegExp(`^VS Code's Microsoft account sign-in does not support AD FS \\(${endpoint.replace(/[.]/g, '\\.')}/adfs/?\\)\\. Set \`restorePoints\\.authentication\` to \`azureIdentity\` to sign in with a service principal\\.$`));
      assert.deepStrictEqual(await children(api), [], 'still signed out');
    } finally {
      notifications.restore();
      await setSetting('restorePoints.authentication', authentication);
    }
  });
});
