import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { DEMO_TENANTS, demoCatalog } from '../../../src/emulator';
import { drive, writes } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { byLabel, children, control, show, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';

describe('export: Copy Access URL, Revoke Access, and access left by a closed window', function () {
  this.timeout(60_000);
  const suite = useActionSuite();

  async function firstDisk(): Promise<Shown> {
    const sub = byLabel(await children(suite.api), DEV_TEST);
    const vm = byLabel(await children(suite.api, sub.node), dev.web02.vm);
    const c = byLabel(await children(suite.api, vm.node), dev.web02.collection);
    const rp = byLabel(await children(suite.api, c.node), dev.web02.restorePoints[0]);
    return (await children(suite.api, rp.node))[0];
  }
  const active = async (id: string): Promise<boolean> => (await control<{ active: boolean }>('GET', `/blobs?resourceId=${encodeURIComponent(id)}`)).active;
  const endGetAccess = async (id: string): Promise<number> => (await writes()).filter((r) => r.path.toLowerCase() === `${id.toLowerCase()}/endgetaccess`).length;

  it('a second Copy Access URL asked for a shorter time keeps the later end of the access', async () => {
    const disk = await firstDisk();
    const id = disk.item.id as string;
    const { result: first } = await drive<Date>(suite.api, 'restorePoints.copyAccessUrl', [answer.pick('4 hours')], [disk.node], { clockStepMs: 1_000 });
    const { result: second } = await drive<Date>(suite.api, 'restorePoints.copyAccessUrl', [answer.pick('1 hour')], [disk.node], { clockStepMs: 1_000 });
    assert.ok(first && second);
    assert.strictEqual(second.getTime(), first.getTime(), 'the URL still works until the first grant ends');
    assert.strictEqual(suite.api.operations.expiryOf(id), first.getTime());
    await drive(suite.api, 'restorePoints.revokeAccess', [], [disk.node], { clockStepMs: 1_000 });
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('copies a working URL, the tree shows the access (never the URL) and offers Revoke Access, which ends it', async () => {
    const disk = await firstDisk();
    const id = disk.item.id as string;
    await vscode.env.clipboard.writeText('');
    const { result, prompter } = await drive<Date>(suite.api, 'restorePoints.copyAccessUrl', [answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    assert.ok(result instanceof Date && result.getTime() > Date.now(), 'returns when the access ends');
    assert.strictEqual(prompter.asked[0].items?.find((i) => i.isDefault)?.label, '1 hour', 'a copied URL lasts an hour unless asked otherwise');
    const url = await vscode.env.clipboard.readText();
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/md-impexp-[0-9a-f]+\/[0-9a-f]+\/abcd\?.*sig=/);
    assert.ok(await active(id));
    const [{ body }] = (await writes()).filter((r) => r.path.toLowerCase().endsWith('/begingetaccess'));
    assert.deepStrictEqual(body, { access: 'Read', durationInSeconds: 3600, fileFormat: 'VHD' });

    const shown = await show(suite.api, disk.node);
    assert.match(shown.description, /access granted until/);
    assert.match(String(shown.item.contextValue), /\baccess:granted\b/);
    const sig = new URL(url).searchParams.get('sig')!;
    assert.ok(![shown.label, shown.description, String(shown.item.tooltip && (shown.item.tooltip as vscode.MarkdownString).value)].some((t) => t.includes(sig) || t.includes('md-impexp-')), 'no URL on the tree item');

    await drive(suite.api, 'restorePoints.revokeAccess', [], [disk.node], { clockStepMs: 1_000 });
    assert.strictEqual(await endGetAccess(id), 1);
    assert.strictEqual(await active(id), false, 'the URL no longer works');
    const after = await show(suite.api, disk.node);
    assert.doesNotMatch(after.description, /access granted/);
    assert.doesNotMatch(String(after.item.contextValue), /access:granted/);
  });

  it('at the next start, revokes the access of a download the window closed on, and keeps a copied URL', async () => {
    const disk = await firstDisk();
    const id = disk.item.id as string;
    await drive(suite.api, 'restorePoints.copyAccessUrl', [answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    const tenantId = DEMO_TENANTS.contoso.tenantId;
    const copied = suite.api.operations.list().find((r) => r.kind === 'accessGranted');
    assert.ok(copied, 'the copied URL is recorded');
    await suite.api.operations.record({ ...copied, kind: 'downloadDisk', tenantId });
    await control('DELETE', '/requests');
    await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.strictEqual(await endGetAccess(id), 1, 'the interrupted download\'s access is revoked');
    assert.strictEqual(await active(id), false);
    assert.deepStrictEqual(suite.api.operations.list(), []);

    await drive(suite.api, 'restorePoints.copyAccessUrl', [answer.acceptDefault()], [disk.node], { clockStepMs: 1_000 });
    await control('DELETE', '/requests');
    await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.strictEqual(await endGetAccess(id), 0, 'a copied URL is not revoked by a restart');
    assert.deepStrictEqual(suite.api.operations.list().map((r) => r.kind), ['accessGranted']);
    await drive(suite.api, 'restorePoints.revokeAccess', [], [disk.node], { clockStepMs: 1_000 });
  });
});
