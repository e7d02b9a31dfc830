import * as assert from 'node:assert';
import { ClientSecretCredential } from '@azure/identity';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import { demoCatalog } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import { clearRequestLog, requestLog } from '../support/commandDriver';
import { ExpandedTree } from '../support/expandedTree';
import { activateExtension, children, control, emulatorAddress, eventually, EXTENSION_ID, setSetting } from './helpers';

/** VS Code's Microsoft provider id for sovereign and custom clouds; the test VS Code has no session for it. */
const PROVIDER_ID = 'microsoft-sovereign-cloud';

/**
 * Stands in for VS Code's built-in Microsoft Sovereign Cloud provider: one account, and a token per
 * tenant (the `VSCODE_TENANT:` scope) minted by the emulator's identity endpoint for the demo
 * application, the way the real provider silently gets a token for any tenant of a signed-in account.
 */
class EmulatorAccountProvider implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private signedIn = false;
  readonly account = { id: 'demo-account', label: 'demo@contoso.onmicrosoft.com' };
  /** Counts sign-ins of the account: each gives new session ids. */
  private generation = 0;
  readonly requestedScopes: string[][] = [];

  private async session(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const { endpoint, caCertificate } = emulatorAddress();
    const tenant = scopes.find((s) => s.startsWith('VSCODE_TENANT:'))?.slice('VSCODE_TENANT:'.length) ?? demoCatalog.tenants[0].tenantId;
    const resource = scopes.filter((s) => !s.startsWith('VSCODE_'));
    const credential = new ClientSecretCredential(tenant, demoCatalog.clientId, demoCatalog.clientSecret, {
      authorityHost: endpoint,
      disableInstanceDiscovery: true,
      // VS Code's proxy support replaces Node's CA list, so the emulator's certificate is passed per client.
      tlsOptions: { ca: [...tls.rootCertificates, fs.readFileSync(caCertificate, 'utf8')] },
    });
    const token = await credential.getToken(resource);
    return { id: `${tenant}/${resource.join(' ')}/${this.generation}`, accessToken: token.token, account: this.account, scopes };
  }

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    if (!this.signedIn) return [];
    this.requestedScopes.push([...(scopes ?? [])]);
    return [await this.session(scopes ?? [])];
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.signedIn = true;
    const session = await this.session(scopes);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(): Promise<void> {
    this.signedIn = false;
    this.changed.fire({ added: [], removed: [], changed: [] });
  }

  /** What a provider does as it refreshes tokens: one event per session, several in a row. */
  refreshTokens(count: number): void {
    const session = { id: 'refreshed', accessToken: 'not-used', account: this.account, scopes: [] };
    for (let i = 0; i < count; i++) this.changed.fire({ added: [], removed: [], changed: [session] });
  }

  /** The account signed out of VS Code and in again: new sessions replace the old ones. */
  renewSessions(): void {
    this.generation++;
    this.changed.fire({ added: [], removed: [], changed: [] });
  }
}

/**
 * Resolves once VS Code has delivered `count` session changes of a provider to this extension host:
 * every extension's listener has been called with them by then, the Restore Points extension's too.
 */
function sessionChangesDelivered(providerId: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id !== providerId || ++seen < count) return;
      listener.dispose();
      resolve();
    });
  });
}

describe('sign-in with the VS Code account provider', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  let provider: EmulatorAccountProvider;
  let registration: vscode.Disposable;
  let previous: unknown;

  before(async () => {
    previous = vscode.workspace.getConfiguration('restorePoints').inspect('authentication')?.globalValue;
    api = await activateExtension();
    provider = new EmulatorAccountProvider();
    registration = vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, 'Emulator account', provider);
    await setSetting('restorePoints.authentication', 'vscode');
  });

  after(async () => {
    // Back to the runner's sign-in (the service principal) for whatever runs next.
    await setSetting('restorePoints.authentication', previous);
    registration.dispose();
  });

  it('starts signed out, and is signed in from the Accounts menu entry VS Code adds for it', async () => {
    assert.deepStrictEqual(await children(api), [], 'no session yet: the tree is empty and shows the sign-in welcome');
    // The extension asked for a session without prompting; VS Code answered with an Accounts menu entry.
    const command = await eventually(async () => (await vscode.commands.getCommands()).find((c) => c.startsWith(`${PROVIDER_ID}:${EXTENSION_ID}:signIn`)), 'the Accounts menu sign-in request');
    await vscode.commands.executeCommand(command);
    const roots = await eventually(async () => {
      const shown = await children(api);
      return shown.length ? shown : undefined;
    }, 'the tree to show subscriptions after sign-in');
    const expected = [...demoCatalog.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
    assert.deepStrictEqual(roots.map((r) => r.label), expected.map((s) => s.displayName));
    // Every tenant's subscriptions were listed with a token of that tenant.
    for (const tenant of demoCatalog.tenants) {
      assert.ok(provider.requestedScopes.some((s) => s.includes(`VSCODE_TENANT:${tenant.tenantId}`)), `a session was asked for tenant ${tenant.displayName}`);
    }
    const { endpoint } = emulatorAddress();
    assert.ok(provider.requestedScopes.every((s) => s.includes(`${endpoint}/.default`)), 'tokens are for the custom cloud\'s ARM audience');
  });

  it('walks down to restore points with the account\'s tokens', async () => {
    const dev = demoCatalog.devTest;
    const sub = (await children(api)).find((r) => r.label === demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName)!;
    const vm = (await children(api, sub.node)).find((v) => v.label === dev.sql01.vm)!;
    const [collection] = await children(api, vm.node);
    assert.strictEqual(collection.label, dev.sql01.collection);
    assert.deepStrictEqual((await children(api, collection.node)).map((p) => p.label), [...dev.sql01.restorePoints]);
  });

  it('redraws nothing for a burst of token refreshes, once for new sessions, and reads nothing below the subscriptions again', async () => {
    const dev = demoCatalog.devTest;
    const sub = (await children(api)).find((r) => r.label === demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName)!;
    const tree = new ExpandedTree(api);
    const other = new EmulatorAccountProvider();
    const otherRegistration = vscode.authentication.registerAuthenticationProvider('another-provider', 'Another account', other);
    const redraws: unknown[] = [];
    const listener = api.treeProvider.onDidChangeTreeData((node) => redraws.push(node));
    /** Reads below a subscription (the subscription and tenant listings are `/subscriptions` and `/tenants`). */
    const readsBelowSubscriptions = async (): Promise<string[]> => (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/')).map((r) => `${r.method} ${r.path}`);
    try {
      await tree.expandAll(sub.node);
      tree.clear();
      await clearRequestLog();
      // Each wait is for the events to reach the extension and then for the tree to have handled them.
      const otherDelivered = sessionChangesDelivered('another-provider', 5);
      other.refreshTokens(5);
      await otherDelivered;
      await api.sessionChangesHandledForTests();
      assert.deepStrictEqual(redraws, [], 'another provider\'s sessions are not ours');
      const refreshed = sessionChangesDelivered(PROVIDER_ID, 10);
      provider.refreshTokens(10);
      await refreshed;
      await api.sessionChangesHandledForTests();
      assert.deepStrictEqual(redraws, [], 'a token refresh changes nothing the tree shows');
      assert.deepStrictEqual(await readsBelowSubscriptions(), []);

      const renewed = sessionChangesDelivered(PROVIDER_ID, 4);
      provider.renewSessions();
      provider.refreshTokens(3);
      await renewed;
      await api.sessionChangesHandledForTests();
      assert.deepStrictEqual(redraws, [undefined], 'one redraw of the whole tree for the burst');
      await tree.redraw();
      assert.strictEqual((await children(api)).length, demoCatalog.subscriptions.length, 'still signed in, every subscription listed');
      assert.ok((await requestLog()).some((r) => r.path === '/subscriptions'), 'the subscriptions were listed again');
      assert.deepStrictEqual(await readsBelowSubscriptions(), [], 'what is expanded below them is kept');
    } finally {
      listener.dispose();
      otherRegistration.dispose();
      tree.dispose();
    }
  });

  it('reads the coverage report again once the account is signed in anew, and not before', async () => {
    /** What the report sends ARM: its Resource Graph queries and collection reads. */
    const coverageReads = async (): Promise<string[]> =>
      (await requestLog()).filter((r) => r.path === '/providers/Microsoft.ResourceGraph/resources' || /\/restorePointCollections\/[^/]+$/i.test(r.path)).map((r) => `${r.method} ${r.path}`);
    await vscode.commands.executeCommand('restorePoints.showCoverage');
    await clearRequestLog();
    const delivered = sessionChangesDelivered(PROVIDER_ID, 3);
    provider.refreshTokens(3);
    // The extension was given the same events; Show handles them before it looks for a kept report.
    await delivered;
    await vscode.commands.executeCommand('restorePoints.showCoverage');
    assert.deepStrictEqual(await coverageReads(), [], 'a token refresh keeps the report');

    provider.renewSessions();
    await vscode.commands.executeCommand('restorePoints.showCoverage');
    const sent = await coverageReads();
    assert.strictEqual(sent.filter((r) => r.startsWith('POST ')).length, demoCatalog.tenants.length, 'one Resource Graph query per tenant again');
    assert.ok(sent.filter((r) => r.startsWith('GET ')).length > 0, 'the collections read again');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows no report read while the account signed in anew, and reads it again on the next Show', async () => {
    const coverageTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('restorePoints.coverage'));
    const graphQueries = async (): Promise<number> => (await requestLog()).filter((r) => r.path === '/providers/Microsoft.ResourceGraph/resources').length;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // New sessions first, so Show reads rather than showing the report the test before kept.
    const renewed = sessionChangesDelivered(PROVIDER_ID, 1);
    provider.renewSessions();
    await renewed;
    await clearRequestLog();
    // Every request a visible round trip, so the sessions change while the report is read.
    await control('POST', '/latency', { ms: 300 });
    try {
      const shown = vscode.commands.executeCommand('restorePoints.showCoverage');
      await eventually(async () => ((await graphQueries()) > 0 ? true : undefined), 'the report started reading');
      provider.renewSessions();
      await shown;
      // A page opened by Show would reach the tabs before an editor opened after it does.
      await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
      await eventually(async () => (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'untitled')) ? true : undefined), 'the untitled editor to open');
      assert.deepStrictEqual(coverageTabs(), [], 'what was read for the sessions before is not shown');
    } finally {
      await control('POST', '/latency', { ms: 0 });
    }
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.showCoverage');
    assert.ok((await graphQueries()) > 0, 'nothing was kept: the next Show reads again');
    await eventually(async () => (coverageTabs().length === 1 ? true : undefined), 'the report page to open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('signs out and back in with its commands', async () => {
    await vscode.commands.executeCommand('restorePoints.signOut');
    assert.deepStrictEqual(await children(api), []);
    await vscode.commands.executeCommand('restorePoints.signIn');
    assert.strictEqual((await children(api)).length, demoCatalog.subscriptions.length);
  });
});
