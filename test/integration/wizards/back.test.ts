import * as assert from 'node:assert';
import type { CopyResult } from '../../../src/commands/copyRestorePoint/copyRestorePoint';
import { demoCatalog } from '../../../src/emulator';
import { computeClient } from '../../emulator/sdkClients';
import { drive, requestLog, sentProperties, writes, type LoggedRequest } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { emulatorAddress } from '../helpers';
import { useActionSuite } from './actionSuite';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const SANDBOX = 'Fabrikam Sandbox';
const sandbox = demoCatalog.sandbox;

/** `METHOD …/last/segments` of every write ARM received, in order. */
const sent = (requests: LoggedRequest[], segments = 3): string[] => requests.map((r) => `${r.method} ${r.path.split('/').slice(-segments).join('/')}`);
const defaults = (asked: { items?: { label: string; isDefault?: boolean }[] }): string[] => asked.items?.filter((i) => i.isDefault).map((i) => i.label) ?? [];

/** The default each prompt offered, by its 0-based place among the prompts asked. */
const defaultsAt = (asked: { items?: { label: string; isDefault?: boolean }[] }[], places: number[]): Record<number, string[]> => Object.fromEntries(places.map((n) => [n, defaults(asked[n])]));

/*
 * Every wizard, from the palette, goes Back from each of its steps and answers differently the
 * second time; ARM must receive the last answers only. The first case is the one that once sent a
 * restore point to the collection picked before going Back.
 */
describe('wizards: Back from every step, then other answers: ARM gets the last ones', function () {
  this.timeout(60_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  it('Create Restore Point: an existing collection, Back, "Create a collection…": the restore point goes to the new collection', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [
      answer.pick(DEV_TEST),
      answer.pick(dev.web02.vm),
      answer.pick(dev.web02.collection),
      answer.back(),
      answer.pick(`$(add) Create a collection in ${dev.web02.location}…`),
      answer.input('web-02-rpc-back'),
      answer.input('rp-it-back-new'),
      answer.acceptDefault(),
      answer.acceptDefault(),
      answer.confirm(),
    ]);
    assert.deepStrictEqual(defaults(prompter.asked[4]), [dev.web02.collection], 'the collection picked before is offered as the default');
    const puts = await writes();
    assert.deepStrictEqual(sent(puts), ['PUT Microsoft.Compute/restorePointCollections/web-02-rpc-back', 'PUT web-02-rpc-back/restorePoints/rp-it-back-new']);
    assert.match(result ?? '', /\/restorePointCollections\/web-02-rpc-back\/restorePoints\/rp-it-back-new$/i);
    const old = await client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection, { expand: 'restorePoints' });
    assert.ok(!old.restorePoints?.some((rp) => rp.name === 'rp-it-back-new'), 'nothing went to the collection picked first');
  });

  it('Create Restore Point: Back from every step, each answered again differently', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [
      answer.pick(SANDBOX),
      answer.pick(sandbox.lab01.vm),
      answer.back(), // collection → VM
      answer.back(), // VM → subscription
      answer.pick(DEV_TEST),
      answer.pick(dev.sql01.vm),
      answer.pick(`$(add) Create a collection in ${dev.sql01.location}…`),
      answer.input('sql-01-rpc-unused'),
      answer.back(), // name → new collection's name
      answer.back(), // new collection's name → collection
      answer.pick(dev.sql01.collection),
      answer.input('rp-it-first'),
      answer.pick('Crash consistent'),
      answer.back(), // disks → mode
      answer.back(), // mode → name
      answer.input('rp-it-zigzag'),
      answer.pick('Application consistent'),
      answer.input('90'),
      answer.back(), // disks → instant access
      answer.back(), // instant access → mode
      answer.acceptDefault(),
      answer.input('120'),
      answer.pickMany('sql-01-data-1'),
      answer.back(), // summary → disks
      answer.pickMany(),
      answer.confirm(),
    ]);
    const asked = (n: number) => prompter.asked[n - 1];
    assert.deepStrictEqual(defaultsAt(prompter.asked, [0, 3, 4]), { 0: [], 3: [sandbox.lab01.vm], 4: [SANDBOX] }, 'the VM and the subscription chosen before are the defaults after Back, and only then');
    assert.strictEqual(asked(10).value, 'sql-01-rpc-unused', 'the new collection\'s name box reopens with the name typed');
    assert.deepStrictEqual(defaults(asked(15)), ['Crash consistent'], 'the mode chosen before is the default');
    assert.strictEqual(asked(16).value, 'rp-it-first', 'the name box reopens with the name typed');
    assert.strictEqual(asked(20).value, '90', 'the duration box reopens with the duration typed');
    assert.deepStrictEqual(defaults(asked(21)), ['Application consistent']);
    assert.strictEqual(asked(22).value, undefined, 'a step asked again going forward starts afresh');
    assert.deepStrictEqual(asked(25).items?.filter((i) => i.picked && !i.disabledReason).map((i) => i.label), ['sql-01-data-1'], 'the disks reopen with the earlier choice');
    const puts = await writes();
    assert.deepStrictEqual(sent(puts), ['PUT sql-01-rpc/restorePoints/rp-it-zigzag'], 'no collection was created');
    assert.deepStrictEqual(sentProperties(puts[0]), { instantAccessDurationMinutes: 120 }, 'OS default, no disk excluded, the last duration');
    assert.match(result ?? '', /rp-it-zigzag$/);
  });

  it('Create Restore Point Collection: Back from every step, each answered again differently', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePointCollection', [
      answer.pick(SANDBOX),
      answer.pick(sandbox.lab02.vm),
      answer.back(), // name → VM
      answer.back(), // VM → subscription
      answer.pick(DEV_TEST),
      answer.pick(dev.web01.vm),
      answer.back(), // name → VM
      answer.pick(dev.cache01.vm),
      answer.input('cache-01-rpc-back'),
    ]);
    assert.deepStrictEqual(defaultsAt(prompter.asked, [3, 4, 7]), { 3: [sandbox.lab02.vm], 4: [SANDBOX], 7: [dev.web01.vm] }, 'the VM or subscription chosen before is the default after Back');
    const puts = await writes();
    assert.deepStrictEqual(sent(puts, 5), [`PUT ${dev.cache01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/cache-01-rpc-back`]);
    assert.match((sentProperties(puts[0]).source as { id: string }).id, /\/virtualMachines\/cache-01$/i);
    assert.strictEqual((puts[0].body as { location: string }).location, dev.cache01.location);
    assert.match(result ?? '', /cache-01-rpc-back$/);
  });

  it('Copy to Region: Back from every step, an existing target collection replaced by a new one; the collections are listed once', async () => {
    suite.api.setReplicationIntervalForTests(300);
    try {
      const { result, prompter } = await drive<CopyResult>(
        suite.api,
        'restorePoints.copyRestorePoint',
        [
          answer.pick(SANDBOX),
          answer.back(), // collection → subscription
          answer.pick(DEV_TEST),
          answer.pick(dev.web01.collection),
          answer.back(), // restore point → collection
          answer.pick(dev.web02.collection),
          answer.pick('rp-web-02-002'),
          answer.back(), // region → restore point
          answer.pick('rp-web-02-001'),
          answer.pick('West US'),
          answer.pick(dev.copies.collection),
          answer.back(), // copy name → target collection
          answer.back(), // target collection → region
          answer.pick('West Europe'),
          answer.pick('$(add) Create a collection in westeurope…'),
          answer.pick(dev.web02.resourceGroup),
          answer.back(), // new collection's name → its resource group
          answer.pick('rg-data-westeurope'),
          answer.input('web-02-rpc-back'),
          answer.input('rp-it-first-copy'),
          answer.back(), // summary → copy name
          answer.input('rp-it-back-copy'),
          answer.confirm(),
        ],
        [],
        { clockStepMs: 2_500, tickMs: 150 },
      );
      assert.deepStrictEqual(defaultsAt(prompter.asked, [2, 5, 8]), { 2: [SANDBOX], 5: [dev.web01.collection], 8: ['rp-web-02-002'] }, 'the subscription, collection and restore point chosen before are the defaults after Back');
      assert.deepStrictEqual(defaults(prompter.asked[13]), ['West US'], 'the region chosen before is the default');
      assert.deepStrictEqual(defaults(prompter.asked[17]), [dev.web02.resourceGroup], 'the resource group chosen before is the default');
      assert.strictEqual(prompter.asked[21].value, 'rp-it-first-copy');
      assert.strictEqual(result?.state, 'Succeeded');
      const log = await requestLog();
      const puts = await writes();
      assert.deepStrictEqual(sent(puts, 5), ['PUT rg-data-westeurope/providers/Microsoft.Compute/restorePointCollections/web-02-rpc-back', 'PUT Microsoft.Compute/restorePointCollections/web-02-rpc-back/restorePoints/rp-it-back-copy']);
      assert.strictEqual((puts[0].body as { location: string }).location, 'westeurope');
      assert.match((sentProperties(puts[0]).source as { id: string }).id, /restorePointCollections\/web-02-rpc$/i);
      assert.match((sentProperties(puts[1]).sourceRestorePoint as { id: string }).id, /restorePoints\/rp-web-02-001$/i);
      const beforeWriting = log.slice(0, log.findIndex((r) => r.method === 'PUT'));
      const listings = beforeWriting.filter((r) => r.method === 'GET' && /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/restorePointCollections$/i.test(r.path));
      assert.deepStrictEqual(listings.map((r) => r.path.split('/')[2]), [sandbox.subscriptionId, dev.subscriptionId], 'each subscription\'s collections are listed once in the whole wizard');
    } finally {
      suite.api.setReplicationIntervalForTests(undefined);
    }
  });

  it('Restore Disk: Back from every step, each answered again differently', async () => {
    const diskRestorePoints = async (rp: string): Promise<string[]> => {
      const names: string[] = [];
      for await (const d of client.diskRestorePoint.listByRestorePoint(dev.web02.resourceGroup, dev.web02.collection, rp)) names.push(d.name!);
      return names.sort();
    };
    const [first, second] = await diskRestorePoints('rp-web-02-001');
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreDisk', [
      answer.pick(SANDBOX),
      answer.back(), // collection → subscription
      answer.pick(DEV_TEST),
      answer.pick(dev.web01.collection),
      answer.back(), // restore point → collection
      answer.pick(dev.web02.collection),
      answer.pick('rp-web-02-002'),
      answer.back(), // disk restore point → restore point
      answer.pick('rp-web-02-001'),
      answer.pick(first),
      answer.back(), // resource group → disk restore point
      answer.pick(second),
      answer.pick(dev.copies.resourceGroup),
      answer.back(), // disk name → resource group
      answer.pick('rg-data-westeurope'),
      answer.input('disk-it-first'),
      answer.pick('Premium SSD (LRS)'),
      answer.back(), // summary → disk type
      answer.back(), // disk type → disk name
      answer.input('disk-it-back'),
      answer.pick('Standard HDD (LRS)'),
      answer.confirm(),
    ]);
    assert.deepStrictEqual(defaultsAt(prompter.asked, [2, 5, 8]), { 2: [SANDBOX], 5: [dev.web01.collection], 8: ['rp-web-02-002'] }, 'the subscription, collection and restore point chosen before are the defaults after Back');
    assert.deepStrictEqual(defaults(prompter.asked[11]), [first], 'the disk restore point chosen before is the default');
    assert.deepStrictEqual(defaults(prompter.asked[14]), [dev.copies.resourceGroup], 'the resource group chosen before is the default');
    assert.strictEqual(prompter.asked[19].value, 'disk-it-first');
    const puts = await writes();
    assert.deepStrictEqual(sent(puts, 5), ['PUT rg-data-westeurope/providers/Microsoft.Compute/disks/disk-it-back']);
    const body = puts[0].body as { location: string; sku?: { name: string }; properties: { creationData: { sourceResourceId: string } } };
    assert.match(body.properties.creationData.sourceResourceId, new RegExp(`/diskRestorePoints/${second}$`, 'i'));
    assert.strictEqual(body.sku?.name, 'Standard_LRS');
    assert.strictEqual(body.location, dev.web02.location);
    assert.match(result ?? '', /disk-it-back$/);
  });

  it('Delete Restore Point: Back from every step, each answered again differently', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.deleteRestorePoint', [
      answer.pick(SANDBOX),
      answer.back(), // collection → subscription
      answer.pick(DEV_TEST),
      answer.pick(dev.sql01.collection),
      answer.back(), // restore point → collection
      answer.pick(dev.web01.collection),
      answer.pick('rp-web-01-001'),
      answer.back(), // confirmation → restore point
      answer.pick('rp-web-01-002'),
      answer.confirm(),
    ]);
    assert.deepStrictEqual(defaultsAt(prompter.asked, [2, 5, 8]), { 2: [SANDBOX], 5: [dev.sql01.collection], 8: ['rp-web-01-001'] }, 'the subscription, collection and restore point chosen before are the defaults after Back');
    assert.match(prompter.asked[9].message ?? '', /Delete restore point 'rp-web-01-002' of collection 'web-01-rpc'\?/);
    assert.deepStrictEqual(sent(await writes()), ['DELETE web-01-rpc/restorePoints/rp-web-01-002']);
    assert.match(result ?? '', /rp-web-01-002$/);
  });

  it('Delete Restore Point Collection: Back from every step, each answered again differently', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.deleteRestorePointCollection', [
      answer.pick(SANDBOX),
      answer.pick(sandbox.lab01.collection),
      answer.back(), // confirmation → collection
      answer.back(), // collection → subscription
      answer.pick(DEV_TEST),
      answer.pick(dev.web01.collection),
      answer.back(), // confirmation → collection
      answer.pick(dev.sql01.collection),
      answer.input(dev.sql01.collection),
    ]);
    assert.deepStrictEqual(defaultsAt(prompter.asked, [3, 4, 7]), { 3: [sandbox.lab01.collection], 4: [SANDBOX], 7: [dev.web01.collection] }, 'the collection or subscription chosen before is the default after Back');
    assert.strictEqual(prompter.asked[8].typeToConfirm, dev.sql01.collection);
    assert.deepStrictEqual(sent(await writes()), ['DELETE Microsoft.Compute/restorePointCollections/sql-01-rpc']);
    assert.match(result ?? '', /sql-01-rpc$/);
  });
  it('Restore as New VM: Back from every step (and from one disk to the other), each answered again differently', async () => {
    const subnet = `${dev.web02.resourceGroup}${demoCatalog.network.vnetSuffix} / ${demoCatalog.network.subnet}`;
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', [
      answer.pick(DEV_TEST),
      answer.pick(dev.web01.vm),
      answer.back(), // restore point → VM
      answer.pick(dev.web02.vm),
      answer.pick(dev.web02.restorePoints[1]),
      answer.back(), // resource group → restore point
      answer.pick(dev.web02.restorePoints[0]),
      answer.pick('rg-data-westeurope'),
      answer.back(), // name → resource group
      answer.pick(dev.web02.resourceGroup),
      answer.input('web-02-first'),
      answer.back(), // network → name
      answer.input('web-02-again'),
      answer.acceptDefault(), // a new network
      answer.back(), // public IP → network
      answer.pick(subnet),
      answer.pick("A new public IP address 'web-02-again-ip'"),
      answer.back(), // size → public IP
      answer.pick('No public IP address'),
      answer.pick('Standard_B2s'),
      answer.back(), // OS disk type → size
      answer.pick('Standard_D2s_v5'),
      answer.pick('Premium SSD (LRS)'), // OS disk
      answer.back(), // data disk → OS disk
      answer.pick('Standard SSD (LRS)'),
      answer.acceptDefault(), // data disk: the source's
      answer.back(), // summary → disk types
      answer.acceptDefault(),
      answer.acceptDefault(),
      answer.confirm(),
    ]);
    assert.deepStrictEqual(defaults(prompter.asked[3]), [dev.web01.vm], 'the VM picked before is the default');
    assert.strictEqual(prompter.asked[12].value, 'web-02-first', 'the name typed before is offered again');
    assert.deepStrictEqual(defaults(prompter.asked[15]).length, 1);
    // The size step lists the region's sizes, the source's first and the default; after Back, the size picked before.
    assert.strictEqual(prompter.asked[17].items?.[0].label, 'Standard_D4s_v3');
    assert.deepStrictEqual(defaults(prompter.asked[17]), ['Standard_D4s_v3']);
    assert.deepStrictEqual(defaults(prompter.asked[21]), ['Standard_B2s']);
    const puts = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(puts.map((r) => r.path.split('/').slice(-2).join('/')).sort(), [
      'disks/web-02-again-datadisk-0',
      'disks/web-02-again-osdisk',
      'networkInterfaces/web-02-again-nic',
      'virtualMachines/web-02-again',
    ]);
    for (const put of puts) assert.match(put.path, new RegExp(`/resourceGroups/${dev.web02.resourceGroup}/`), 'in the group picked last');
    const os = puts.find((r) => r.path.endsWith('-osdisk'))!;
    assert.strictEqual((os.body as { sku?: { name: string } }).sku?.name, 'StandardSSD_LRS', 'the OS disk type answered last');
    assert.match((sentProperties(os).creationData as { sourceResourceId: string }).sourceResourceId, new RegExp(`/restorePoints/${dev.web02.restorePoints[0]}/`), 'from the restore point picked last');
    const vm = puts.find((r) => /virtualMachines/.test(r.path))!;
    assert.strictEqual((sentProperties(vm).hardwareProfile as { vmSize: string }).vmSize, 'Standard_D2s_v5', 'the size answered last');
    const nic = puts.find((r) => /networkInterfaces/.test(r.path))!;
    const ip = (sentProperties(nic).ipConfigurations as { properties: { subnet: { id: string }; publicIPAddress?: unknown } }[])[0].properties;
    assert.match(ip.subnet.id, /\/subnets\/default$/);
    assert.strictEqual(ip.publicIPAddress, undefined);
    assert.ok(result);
  });
});
