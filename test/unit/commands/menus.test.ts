import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLocalizedManifest } from '../../support/manifest';

interface Contribution {
  command: string;
  title?: string;
  category?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const root = path.join(__dirname, '..', '..', '..', '..');
const manifest = readLocalizedManifest<{ contributes: { commands: Contribution[]; menus: Record<string, MenuItem[]> } }>(root);
const { commands, menus } = manifest.contributes;
const registered = fs.readFileSync(path.join(root, 'src', 'commands', 'registerCommands.ts'), 'utf8');

/** Every context value the tree's nodes produce (src/tree/format), one of each shape. */
const CONTEXT_VALUES = {
  subscription: 'subscription;azureResource',
  vm: 'virtualMachine;azureResource;os:linux;power:running',
  collection: 'restorePointCollection;azureResource',
  copyCollection: 'restorePointCollection;azureResource;copy',
  orphanCollection: 'restorePointCollection;azureResource;orphan',
  restorePoint: 'restorePoint;azureResource;state:succeeded',
  copy: 'restorePoint;azureResource;state:succeeded;copy',
  completedCopy: 'restorePoint;azureResource;state:succeeded;copy;replication:succeeded',
  disk: 'diskRestorePoint;azureResource;disk:os',
  replicatingDisk: 'diskRestorePoint;azureResource;disk:data;replication:replicating',
  creatingRestorePoint: 'restorePoint;azureResource;state:creating',
  busyRestorePoint: 'restorePoint;azureResource;state:succeeded;busy',
  replicatingCopy: 'restorePoint;azureResource;state:succeeded;copy;replicating',
  failedCopy: 'restorePoint;azureResource;state:succeeded;copy;replication:failed',
  unknownCopy: 'restorePoint;azureResource;state:succeeded;copy;replication:unknown',
  busyCollection: 'restorePointCollection;azureResource;busy',
  diskOfBusyRestorePoint: 'diskRestorePoint;azureResource;disk:os;busy',
  diskOfIncompleteCopy: 'diskRestorePoint;azureResource;disk:os;replication:succeeded;copyIncomplete',
  diskWithAccess: 'diskRestorePoint;azureResource;disk:data;access:granted',
  info: 'info',
  loadMore: 'loadMore',
  orphanGroup: 'orphanCollections',
} as const;
type Kind = keyof typeof CONTEXT_VALUES;

/** Evaluates the `viewItem =~ /re/` terms of a when clause (the only kind the tree's menus use) against a context value. */
function matches(when: string, contextValue: string): boolean {
  const terms = [...when.matchAll(/(!?)viewItem =~ \/((?:[^/\\]|\\.)*)\/([a-z]*)/g)];
  return terms.every(([, not, source, flags]) => new RegExp(source, flags).test(contextValue) !== (not === '!'));
}

const shownOn = (command: string): Kind[] => {
  const items = (menus['view/item/context'] ?? []).filter((m) => m.command === command);
  return (Object.keys(CONTEXT_VALUES) as Kind[]).filter((kind) => items.some((m) => matches(m.when ?? '', CONTEXT_VALUES[kind])));
};

/** Where each action belongs in the tree's context menu. */
const ACTIONS: Record<string, Kind[]> = {
  'restorePoints.createRestorePoint': ['vm', 'collection'],
  'restorePoints.createRestorePointCollection': ['vm'],
  // A copy still replicating may be deleted; one being created or worked on by this extension may not.
  'restorePoints.deleteRestorePoint': ['restorePoint', 'copy', 'completedCopy', 'replicatingCopy', 'failedCopy', 'unknownCopy'],
  'restorePoints.deleteRestorePointCollection': ['collection', 'copyCollection', 'orphanCollection'],
  'restorePoints.copyRestorePoint': ['restorePoint'],
  'restorePoints.restoreDisk': ['disk', 'diskWithAccess'],
  // Every level that holds collections; not a collection being deleted.
  'restorePoints.cleanUpRestorePoints': ['subscription', 'vm', 'collection', 'copyCollection', 'orphanCollection'],
  // Export needs a complete disk restore point, as ARM refuses access to one still replicating.
  'restorePoints.downloadVhd': ['disk', 'diskWithAccess'],
  'restorePoints.copyAccessUrl': ['disk', 'diskWithAccess'],
  // Every disk of a complete restore point, a copy whose replication finished included.
  'restorePoints.downloadDisks': ['restorePoint', 'copy', 'completedCopy'],
  // Only while access this window granted is active.
  'restorePoints.revokeAccess': ['diskWithAccess'],
  // A complete copy restores as a new VM in its region; only a restore point in the VM's own region reverts it.
  'restorePoints.restoreAsNewVm': ['restorePoint', 'copy'],
  'restorePoints.revertVm': ['restorePoint'],
  'restorePoints.undoRevert': ['vm'],
};

describe('package.json menus and commands', () => {
  it('gives every command a title and the Restore Points category, and registers each one', () => {
    for (const c of commands) {
      assert.ok(c.title, `${c.command} has a title`);
      assert.equal(c.category, 'Restore Points', `${c.command} has the category`);
      assert.ok(registered.includes(`'${c.command}'`), `${c.command} is registered`);
    }
  });

  it('gives an icon to every command shown inline or in the view title bar', () => {
    const inline = [...(menus['view/item/context'] ?? []).filter((m) => m.group === 'inline'), ...(menus['view/title'] ?? []).filter((m) => m.group?.startsWith('navigation'))];
    for (const m of inline) assert.ok(commands.find((c) => c.command === m.command)?.icon, `${m.command} has an icon`);
  });

  it('scopes every tree menu item to the view and to context values the tree produces', () => {
    for (const m of menus['view/item/context'] ?? []) {
      assert.match(m.when ?? '', /view == restorePoints\.tree/);
      if (/viewItem =~ \/\^(error|info)/.test(m.when ?? '')) continue;
      assert.ok(shownOn(m.command).length > 0, `${m.command}: '${m.when}' matches a context value of the tree`);
    }
  });

  for (const [command, kinds] of Object.entries(ACTIONS)) {
    const registeredYet = commands.some((c) => c.command === command);
    (registeredYet ? it : it.skip)(`shows ${command} on ${kinds.join(', ')} and keeps it in the palette, where it asks for its target`, () => {
      assert.deepEqual(shownOn(command), kinds);
      assert.ok(!(menus.commandPalette ?? []).some((m) => m.command === command && m.when === 'false'));
    });
  }

  it('offers Refresh only where there is something to read again: not on disk rows, info rows, "Load more…" or groups', () => {
    assert.deepEqual(shownOn('restorePoints.refresh'), ['subscription', 'vm', 'collection', 'copyCollection', 'orphanCollection', 'restorePoint', 'copy', 'completedCopy', 'creatingRestorePoint', 'busyRestorePoint', 'replicatingCopy', 'failedCopy', 'unknownCopy', 'busyCollection']);
  });

  it('hides Delete, Copy and Restore on items being created or busy with an operation of ours', () => {
    for (const command of ['restorePoints.deleteRestorePoint', 'restorePoints.deleteRestorePointCollection', 'restorePoints.copyRestorePoint', 'restorePoints.restoreDisk']) {
      const shown = shownOn(command);
      for (const kind of ['creatingRestorePoint', 'busyRestorePoint', 'busyCollection', 'diskOfBusyRestorePoint'] as const) assert.ok(!shown.includes(kind), `${command} is hidden on ${kind}`);
    }
    // A copy needs a complete source: not offered on a copy still replicating, nor restored from its disks.
    assert.ok(!shownOn('restorePoints.copyRestorePoint').includes('replicatingCopy'));
    assert.ok(!shownOn('restorePoints.restoreDisk').includes('replicatingDisk'));
    // Nor from a copy whose replication failed or could not be read, whatever its disk rows say.
    for (const kind of ['failedCopy', 'unknownCopy'] as const) assert.ok(!shownOn('restorePoints.copyRestorePoint').includes(kind));
    assert.ok(!shownOn('restorePoints.restoreDisk').includes('diskOfIncompleteCopy'));
  });

  it('offers the coverage report of one subscription on subscriptions, and of every subscription shown in the view title', () => {
    assert.deepEqual(shownOn('restorePoints.showSubscriptionCoverage'), ['subscription']);
    assert.ok((menus['view/title'] ?? []).some((m) => m.command === 'restorePoints.showCoverage'));
  });

  it('hides from the palette only commands that cannot ask for a target', () => {
    const hidden = (menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command).sort();
    // Show Restore Point Coverage… of one subscription is the palette's Show Restore Point Coverage… of every subscription shown.
    assert.deepEqual(hidden, ['restorePoints.copyResourceId', 'restorePoints.loadMore', 'restorePoints.openInPortal', 'restorePoints.retry', 'restorePoints.showSubscriptionCoverage', 'restorePoints.viewProperties']);
  });
});
