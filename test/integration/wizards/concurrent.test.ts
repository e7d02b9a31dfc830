import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CopyResult } from '../../../src/commands/copyRestorePoint/copyRestorePoint';
import { demoCatalog } from '../../../src/emulator';
import { writes } from '../../support/commandDriver';
import { answer, ScriptedPrompter, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, emulatorAddress, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const lab = demoCatalog.sandbox;
const DEV_TEST = 'Contoso Dev/Test';
const SANDBOX = 'Fabrikam Sandbox';

describe('actions: several operations at once, each with its own progress, the tree never blocked', function () {
  this.timeout(60_000);
  const suite = useActionSuite({ readBackIntervalMs: 300 });

  after(() => suite.api.setPrompterForTests(undefined));

  async function path(...labels: string[]): Promise<Shown> {
    let node: Shown | undefined;
    for (const label of labels) node = byLabel(await children(suite.api, node?.node), label);
    return node!;
  }

  /**
   * Starts a command and returns once its wizard has had every answer: from there on it runs on its
   * own (the command's promise is wrapped, or awaiting this would wait for the command to end).
   */
  async function start<T>(command: string, script: ScriptedAnswer[], node: Shown): Promise<{ running: Promise<T | undefined> }> {
    const prompter = new ScriptedPrompter(script);
    suite.api.setPrompterForTests(prompter);
    const running = Promise.resolve(vscode.commands.executeCommand<T | undefined>(command, node.node));
    await eventually(async () => (prompter.unused.length === 0 ? true : undefined), `${command} to take its answers`);
    return { running };
  }

  it('creates restore points of two VMs and copies a third while the tree is browsed', async () => {
    const webCollection = await path(DEV_TEST, dev.web02.vm, dev.web02.collection);
    const labCollection = await path(SANDBOX, lab.lab01.vm, lab.lab01.collection);
    const source = byLabel(await children(suite.api, webCollection.node), dev.web02.restorePoints[0]);

    const web = await start<string>('restorePoints.createRestorePoint', [answer.input('rp-it-many-web'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], webCollection);
    const labRp = await start<string>('restorePoints.createRestorePoint', [answer.input('rp-it-many-lab'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], labCollection);
    const copy = await start<CopyResult>('restorePoints.copyRestorePoint', [answer.pick('West US'), answer.pick(dev.copies.collection), answer.input('rp-it-many-copy'), answer.confirm()], source);
    suite.api.setPrompterForTests(undefined);

    // The clock stands still: all three are in progress. The tree still answers, and marks each.
    await eventually(async () => ((await writes()).filter((r) => r.method === 'PUT').length === 3 ? true : undefined), 'ARM to accept all three');
    const webRows = await eventually(async () => {
      const rows = await children(suite.api, (await path(DEV_TEST, dev.web02.vm, dev.web02.collection)).node);
      return rows.some((r) => r.label === 'rp-it-many-web') ? rows : undefined;
    }, 'the new restore point of web-02 in the tree');
    assert.match(byLabel(webRows, 'rp-it-many-web').description, /Creating/);
    const copyRows = await eventually(async () => {
      const rows = await children(suite.api, (await path(DEV_TEST, dev.web02.vm, dev.copies.collection)).node);
      return rows.some((r) => r.label === 'rp-it-many-copy') ? rows : undefined;
    }, 'the copy in the tree');
    assert.match(byLabel(copyRows, 'rp-it-many-copy').description, /Copying…|Replicating \d+%/);
    // Another level, never opened before, opens while the three go on.
    const disks = await children(suite.api, byLabel(await children(suite.api, (await path(DEV_TEST, dev.web01.vm, dev.web01.collection)).node), dev.web01.restorePoints.succeeded[0]).node);
    assert.ok(disks.length >= 1 + dev.web01.dataDisks, 'a restore point of another VM expands meanwhile');

    const [webId, labId, copied] = await whileClockMoves(Promise.all([web.running, labRp.running, copy.running]));
    assert.match(webId ?? '', /web-02-rpc\/restorePoints\/rp-it-many-web$/);
    assert.match(labId ?? '', /lab-01-rpc\/restorePoints\/rp-it-many-lab$/);
    assert.strictEqual(copied?.state, 'Succeeded');
    assert.strictEqual(copied.reported.at(-1), 100);
    const devClient = computeClient(emulatorAddress(), dev.subscriptionId);
    assert.strictEqual((await devClient.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-many-web')).provisioningState, 'Succeeded');
    assert.deepStrictEqual(suite.api.operations.list(), [], 'nothing is left in progress');
    const puts = (await writes()).filter((r) => r.method === 'PUT').map((r) => r.path.split('/').pop());
    assert.deepStrictEqual(puts.sort(), ['rp-it-many-copy', 'rp-it-many-lab', 'rp-it-many-web'], 'each sent once');
  });
});
