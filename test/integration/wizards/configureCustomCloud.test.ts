import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_TENANTS, demoCatalog } from '../../../src/emulator';
import type { DiscoveredCloud } from '../../../src/azure/cloudMetadata';
import { saveCloudSettings } from '../../../src/commands/configureCustomCloud/configureCustomCloud';
import type { RestorePointsApi } from '../../../src/extension';
import { clearRequestLog, drive, requestLog } from '../../support/commandDriver';
import { captureErrorNotifications } from '../../support/notifications';
import { answer } from '../../support/scriptedPrompter';
import { activateExtension, children, control, emulatorAddress, eventually, setSetting } from '../helpers';

const COMMAND = 'restorePoints.configureCustomCloud';
const CA_FILE = 'restorePoints.customCloud.certificateAuthorityFile';
const WRITTEN = ['microsoft-sovereign-cloud.environment', 'microsoft-sovereign-cloud.customEnvironment', 'restorePoints.customCloud.certificateAuthorityFile'];
const allSubscriptions = demoCatalog.subscriptions.map((s) => s.displayName).sort();
const contosoSubscriptions = demoCatalog.subscriptions.filter((s) => s.tenantId === DEMO_TENANTS.contoso.tenantId).map((s) => s.displayName).sort();

interface IssuedToken {
  issuer: 'entra' | 'adfs';
}
const issuedTokens = async (): Promise<IssuedToken[]> => (await control<{ value: IssuedToken[] }>('GET', '/tokens')).value;

/** The user-level values of the settings the wizard may write. */
function userValues(): Record<string, unknown> {
  return Object.fromEntries(WRITTEN.map((key) => {
    const section = key.startsWith('restorePoints.') ? 'restorePoints' : 'microsoft-sovereign-cloud';
    return [key, vscode.workspace.getConfiguration(section).inspect(key.slice(section.length + 1))?.globalValue];
  }));
}

describe('Configure Custom Cloud…: from an ARM endpoint to settings the extension signs in with', function () {
  this.timeout(90_000);
  let api: RestorePointsApi;
  /** The runner's settings, restored afterwards; undefined when `before` failed before reading them (then nothing is written back). */
  let original: Record<string, unknown> | undefined;
  const { endpoint, caCertificate } = emulatorAddress();

  const rootLabels = async (): Promise<string[]> => (await children(api)).map((s) => s.label).sort();
  const treeShows = (labels: string[], what: string): Promise<true> =>
    eventually(async () => ((await rootLabels()).join() === labels.join() ? true : undefined), what, 30_000);

  before(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    original = userValues();
  });

  afterEach(async () => {
    await control('POST', '/identity', { mode: 'entra' });
  });

  after(async () => {
    if (!original) return;
    for (const key of WRITTEN) await setSetting(key, original[key]);
    await treeShows(allSubscriptions, 'the tree signed in with the runner\'s settings again');
  });

  it('reads the metadata, shows what it found, and writes settings with which the extension signs in through AD FS', async () => {
    await control('POST', '/identity', { mode: 'adfs' });
    const tokensBefore = (await issuedTokens()).length;
    await clearRequestLog();

    const { result, prompter } = await drive(api, COMMAND, [answer.input(endpoint), answer.input(caCertificate), answer.confirm()]);
    assert.ok(result, 'the wizard finished');
    assert.deepStrictEqual(prompter.asked.map((p) => p.kind), ['input', 'input', 'confirm']);
    const shown = prompter.asked[2];
    assert.strictEqual(shown.message, `Use the cloud at ${endpoint}/?`);
    assert.match(shown.detail ?? '', new RegExp(`Sign-in: AD FS at ${endpoint.replace(/[.]/g, '\\.')}/adfs/`));
    assert.match(shown.detail ?? '', new RegExp(`Token audience: ${endpoint.replace(/[.]/g, '\\.')}/`));

    const metadataReads = (await requestLog()).filter((r) => r.path === '/metadata/endpoints');
    assert.deepStrictEqual(metadataReads.map((r) => `${r.method} ${r.query['api-version']} ${r.status}`), ['GET 2015-01-01 200']);

    const written = userValues();
    assert.strictEqual(written['microsoft-sovereign-cloud.environment'], 'custom');
    assert.deepStrictEqual(written['microsoft-sovereign-cloud.customEnvironment'], {
      name: '127.0.0.1',
      portalUrl: `${endpoint}/`,
      managementEndpointUrl: `${endpoint}/`,
      resourceManagerEndpointUrl: `${endpoint}/`,
      activeDirectoryEndpointUrl: `${endpoint}/adfs/`,
      activeDirectoryResourceId: `${endpoint}/`,
    });
    assert.strictEqual(written['restorePoints.customCloud.certificateAuthorityFile'], caCertificate);

    // AD FS has one directory: the tree lists Contoso's subscriptions, with tokens from AD FS.
    await treeShows(contosoSubscriptions, 'the tree signed in through AD FS with the written settings');
    const newTokens = (await issuedTokens()).slice(tokensBefore);
    assert.ok(newTokens.length > 0 && newTokens.every((t) => t.issuer === 'adfs'), JSON.stringify(newTokens.map((t) => t.issuer)));
    const subscriptionLists = (await requestLog()).filter((r) => r.path === '/subscriptions');
    assert.ok(subscriptionLists.some((r) => r.status === 200), 'the subscriptions were listed');
  });

  it('writes the Microsoft Entra form for a cloud that signs in through Microsoft Entra ID', async () => {
    const { result } = await drive(api, COMMAND, [answer.input(endpoint), answer.input(caCertificate), answer.confirm()]);
    assert.ok(result);
    const written = userValues()['microsoft-sovereign-cloud.customEnvironment'] as Record<string, string>;
    assert.strictEqual(written.activeDirectoryEndpointUrl, `${endpoint}/`);
    await treeShows(allSubscriptions, 'the tree listing both tenants\' subscriptions through Microsoft Entra ID');
  });

  it('removes the saved certificate authority file when the user clears it', async () => {
    await setSetting(CA_FILE, caCertificate);
    const cloud: DiscoveredCloud = { name: 'public-certificates', resourceManagerEndpoint: `${endpoint}/`, loginEndpoint: `${endpoint}/`, identityProvider: 'entra', audience: `${endpoint}/` };
    try {
      await saveCloudSettings(cloud, '');
      const written = userValues();
      assert.strictEqual(written[CA_FILE], undefined, 'the certificate authority file setting is gone');
      assert.strictEqual((written['microsoft-sovereign-cloud.customEnvironment'] as Record<string, string>).name, 'public-certificates');
    } finally {
      await setSetting('microsoft-sovereign-cloud.customEnvironment', original!['microsoft-sovereign-cloud.customEnvironment']);
      await setSetting(CA_FILE, caCertificate);
    }
  });

  describe('errors: each says what is wrong and writes nothing', () => {
    let notifications: ReturnType<typeof captureErrorNotifications>;
    let emptyDir: string;
    /** The settings before the error cases, with a marker no write by the wizard would produce. */
    let marked: Record<string, unknown>;
    beforeEach(() => {
      notifications = captureErrorNotifications();
    });
    afterEach(() => notifications.restore());
    before(async () => {
      emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-not-a-ca-'));
      fs.writeFileSync(path.join(emptyDir, 'notes.txt'), 'not a certificate');
      // Over 1 MB, though it starts like a certificate.
      fs.writeFileSync(path.join(emptyDir, 'huge.pem'), `-----BEGIN CERTIFICATE-----\n${'A'.repeat(1024 * 1024)}\n`);
      // The name does not change how the extension signs in; a write for any endpoint would replace it.
      await setSetting('microsoft-sovereign-cloud.customEnvironment', { ...(original!['microsoft-sovereign-cloud.customEnvironment'] as Record<string, string>), name: 'before-errors' });
      await setSetting(CA_FILE, caCertificate);
      marked = userValues();
      assert.strictEqual((marked['microsoft-sovereign-cloud.customEnvironment'] as Record<string, string>).name, 'before-errors');
    });
    after(() => fs.rmSync(emptyDir, { recursive: true, force: true }));

    async function refused(endpointTyped: string, caFile: string, expected: RegExp): Promise<void> {
      const { result, prompter } = await drive(api, COMMAND, [answer.input(endpointTyped), answer.input(caFile), answer.confirm()]);
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual(prompter.asked.map((p) => p.kind), ['input', 'input'], 'nothing to confirm');
      const messages = await eventually(async () => (notifications.shown.length ? notifications.shown.map((n) => n.message) : undefined), 'the error notification');
      assert.strictEqual(messages.length, 1, JSON.stringify(messages));
      assert.match(messages[0], expected);
      assert.deepStrictEqual(userValues(), marked, 'no setting changed');
    }

    it('an endpoint nothing answers at', async () => {
      await refused('https://127.0.0.1:9', '', /^Cannot reach https:\/\/127\.0\.0\.1:9\/ \(ECONNREFUSED\)\. Check the address, the network and any proxy\.$/);
    });

    it('an endpoint that accepts the connection but never answers', async () => {
      // Accepts TCP connections and never speaks: the TLS handshake waits until the read times out.
      const sockets = new Set<net.Socket>();
      const silent = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as net.AddressInfo;
      // The same timeout path as the 15 seconds an installed extension waits, without sitting them out.
      api.setCloudMetadataTimeoutForTests(1_000);
      try {
        await refused(`https://127.0.0.1:${port}`, '', new RegExp(`^https://127\\.0\\.0\\.1:${port}/ did not answer within 15 seconds\\. Check the address, the network and any proxy\\.$`));
      } finally {
        api.setCloudMetadataTimeoutForTests(undefined);
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('an endpoint whose certificate is not trusted (no certificate authority file given)', async () => {
      await refused(endpoint, '', /^The certificate of https:\/\/127\.0\.0\.1:\d+\/ is not trusted \([A-Z_]+\)\. If the cloud uses a private certificate authority/);
    });

    it('an HTTPS server that is not Azure Resource Manager', async () => {
      await refused(`${endpoint}/_emulator`, caCertificate, /is not an Azure Resource Manager endpoint: its cloud metadata \(\/metadata\/endpoints\) answered HTTP 404\.$/);
    });

    it('refuses a malformed endpoint and a file that is no certificate while typing; Escape at the summary writes nothing', async () => {
      const files = [path.join(emptyDir, 'notes.txt'), path.join(emptyDir, 'missing.pem'), 'ca.pem', emptyDir, path.join(emptyDir, 'huge.pem')];
      const { prompter } = await drive(api, COMMAND, [answer.input('management.local', 'http://x.example', endpoint), answer.input(...files, caCertificate), answer.escape()]);
      assert.deepStrictEqual(prompter.asked.map((p) => `${p.kind} ${p.answered}`), ['input input', 'input input', 'confirm escape']);
      assert.deepStrictEqual(notifications.shown, []);
      assert.deepStrictEqual(prompter.asked[0].validationMessages.length, 2);
      assert.match(prompter.asked[0].validationMessages[1], /must use https/);
      assert.match(prompter.asked[1].validationMessages[0], /holds no PEM certificate/);
      assert.match(prompter.asked[1].validationMessages[1], /^Cannot read /);
      assert.match(prompter.asked[1].validationMessages[2], /^Enter the full path of the file/);
      assert.match(prompter.asked[1].validationMessages[3], / is not a file\.$/);
      assert.match(prompter.asked[1].validationMessages[4], / is larger than 1 MB/);
      assert.strictEqual(prompter.asked[1].validationMessages.length, files.length);
      assert.deepStrictEqual(userValues(), marked);
    });
  });
});
