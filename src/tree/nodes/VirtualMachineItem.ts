import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { listRestorePointCollectionsIn } from '../../azure/restorePointCollections';
import { idKey, parseResourceId } from '../../azure/ids';
import { compareCollections, owningVmKey } from '../format/collections';
import { powerState, vmContextValue, vmDescription, vmIcon } from '../format/virtualMachine';
import { shared, vmModel, type VmSummary } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointCollectionItem } from './RestorePointCollectionItem';

/**
 * Where a VM's collections come from: its subscription's index at first, shared by every VM, listed
 * once. The VM's item asks with its id key (methods, not closures per VM: 20,000 VMs are shown at once).
 */
export interface CollectionSource extends TreeNode {
  /** The collections the subscription-wide listing found for this VM. */
  indexedCollections(vmKey: string): Promise<readonly RestorePointCollection[]>;
  /** Every collection known by id, to follow a copy's source to its VM. */
  collectionsById(): Promise<ReadonlyMap<string, RestorePointCollection>>;
  /** Collections made for this VM since its collections were read, read now (one GET each); undefined when there are none. */
  collectionsMadeFor(vmKey: string): Promise<CollectionChanges> | undefined;
}

/** What reading the collections made for a VM found: the collections, and the ids (keys) ARM no longer has. */
export interface CollectionChanges {
  found: RestorePointCollection[];
  gone: string[];
}

const groupOf = (id: string | undefined): string | undefined => parseResourceId(id ?? '')?.resourceGroup;

/**
 * A VM. Its collections come from the subscription's listing, so expanding it costs no request of
 * its own. A collection an action made for it is read by itself (one GET), one it deleted is
 * dropped without a read. A Refresh lists the resource groups its collections are in, its own
 * group first: every page of each, where the subscription-wide list is every page of the whole
 * subscription.
 */
export class VirtualMachineItem implements TreeNode {
  private children?: Promise<RestorePointCollectionItem[]>;
  /** Counts loads: a load that a reset replaced while it ran leaves the items alone. */
  private generation = 0;
  /** The VM's own read, once it was refreshed; before that, the subscription's index. */
  private reread = false;
  /** The collections' items once it was expanded, by id key. */
  private items?: Map<string, RestorePointCollectionItem>;

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly parent: CollectionSource,
    /** The VM as listed (summarizeVm), its id the string its subscription shares with the collections that name it. */
    private summary: VmSummary,
    /** The id key, the same string the subscription's map of VM items is keyed by. */
    readonly key: string,
  ) {}

  get resource(): AzureResourceRef {
    return { id: this.summary.id, tenantId: this.subscription.tenantId };
  }

  /** The VM in the SDK's shape, as listed. */
  get vm(): VirtualMachine {
    return vmModel(this.summary);
  }

  getTreeItem(): vscode.TreeItem {
    const vm = this.vm;
    const item = new vscode.TreeItem(vm.name ?? vm.id!, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = vm.id;
    this.ctx.activity.drawnAs(vm.id!, this, this.key);
    item.iconPath = themeIcon(vmIcon(vm));
    item.description = shared(vmDescription(vm));
    item.contextValue = shared(vmContextValue(vm));
    return item;
  }

  /** The hover, made when it is shown rather than kept with every item. */
  async resolveTreeItem(item: vscode.TreeItem): Promise<vscode.TreeItem> {
    const vm = this.vm;
    item.tooltip = new vscode.MarkdownString().appendText(`${vm.name}\n${vmDescription(vm)}\n${vscode.l10n.t('Power state: {0}', powerState(vm))}`);
    return item;
  }

  /** A newer model from the subscription's VM list. */
  update(summary: VmSummary): void {
    this.summary = summary;
  }

  /** Refresh: the next expansion lists this VM's collections again (not their restore points: each collection re-reads its own). */
  reset(): void {
    this.reread = true;
    this.forgetLoad();
  }

  /** The subscription listed its collections again: the next expansion takes this VM's from there. */
  reindex(): void {
    this.reread = false;
    this.forgetLoad();
  }

  private forgetLoad(): void {
    this.generation++;
    this.children = undefined;
  }

  /** A collection of this VM is gone: it leaves the loaded list, nothing is read. False when it was not shown. */
  dropCollection(key: string): boolean {
    const dropped = this.items?.get(key);
    if (!dropped || !this.children) return false;
    this.items?.delete(key);
    this.ctx.activity.forget([dropped]);
    this.children = this.children.then((items) => items.filter((item) => idKey(item.resource.id) !== key));
    return true;
  }

  private async readCollections(): Promise<RestorePointCollection[]> {
    const known = [...(this.items?.values() ?? [])].map((item) => item.collection);
    const groups = new Map<string, string>();
    for (const group of [groupOf(this.resource.id), ...known.map((c) => groupOf(c.id))]) if (group) groups.set(group.toLowerCase(), group);
    const listed = (await Promise.all([...groups.values()].map((group) => listRestorePointCollectionsIn(this.ctx.factory, this.subscription, group)))).flat();
    // A copy's source may be in a group not listed here: the subscription's index and the VM's known collections tell where it leads.
    const byId = new Map(await this.parent.collectionsById().catch(() => new Map<string, RestorePointCollection>()));
    for (const c of [...known, ...listed]) if (c.id) byId.set(idKey(c.id), c);
    return listed.filter((c) => owningVmKey(c, byId) === this.key);
  }

  /** The items for these collections: one already shown keeps its item (and its loaded restore points). */
  private itemsFor(collections: readonly RestorePointCollection[], generation: number): RestorePointCollectionItem[] {
    const items = [...collections].sort(compareCollections).map((c) => {
      const existing = this.items?.get(idKey(c.id ?? ''));
      existing?.update(c);
      return existing ?? new RestorePointCollectionItem(this.ctx, this.subscription, this, c);
    });
    // A load a reset replaced meanwhile is someone else's past: the newer load's items stay.
    if (generation === this.generation) {
      const kept = new Set(items);
      this.ctx.activity.forget([...(this.items?.values() ?? [])].filter((item) => !kept.has(item)));
      this.items = new Map(items.map((item) => [idKey(item.resource.id), item]));
    }
    return items;
  }

  private async load(generation: number): Promise<RestorePointCollectionItem[]> {
    const made = this.parent.collectionsMadeFor(this.key);
    const [listed, changes] = await Promise.all([this.reread ? this.readCollections() : this.parent.indexedCollections(this.key), made]);
    return this.itemsFor(merge(listed, changes), generation);
  }

  /** Collections made since the list was loaded: read now, added to it (or dropped when ARM has them no more). */
  private addMade(loaded: Promise<RestorePointCollectionItem[]>, made: Promise<CollectionChanges>, generation: number): Promise<RestorePointCollectionItem[]> {
    return Promise.all([loaded, made]).then(([items, changes]) => this.itemsFor(merge(items.map((item) => item.collection), changes), generation));
  }

  async getChildren(): Promise<TreeNode[]> {
    if (!this.children) this.children = this.load(this.generation);
    else {
      const made = this.parent.collectionsMadeFor(this.key);
      if (made) this.children = this.addMade(this.children, made, this.generation);
    }
    const loading = this.children;
    try {
      const children = await loading;
      return children.length ? children : [new InfoItem(this, `${this.resource.id}/empty`, vscode.l10n.t('No restore point collections'))];
    } catch (error) {
      if (this.children === loading) this.children = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}

/** A list with what was read since: read collections replace or join it, gone ones leave it. */
function merge(collections: readonly RestorePointCollection[], changes: CollectionChanges | undefined): RestorePointCollection[] {
  if (!changes) return [...collections];
  const replaced = new Set([...changes.gone, ...changes.found.map((c) => idKey(c.id ?? ''))]);
  return [...collections.filter((c) => !replaced.has(idKey(c.id ?? ''))), ...changes.found];
}
