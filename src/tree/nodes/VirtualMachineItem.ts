import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { listRestorePointCollectionsIn } from '../../azure/restorePointCollections';
import { idKey, parseResourceId } from '../../azure/ids';
import { compareCollections, owningVmKey } from '../format/collections';
import { powerState, vmContextValue, vmDescription, vmIcon } from '../format/virtualMachine';
import { trimVm } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointCollectionItem } from './RestorePointCollectionItem';

/** Where a VM's collections come from: the subscription's index at first, shared by every VM, listed once. */
export interface CollectionSource {
  /** The collections the subscription-wide listing found for this VM. */
  indexed(): Promise<readonly RestorePointCollection[]>;
  /** Every collection known by id, to follow a copy's source to its VM. */
  byId(): Promise<ReadonlyMap<string, RestorePointCollection>>;
  /** Collections made for this VM since its collections were read, read now (one GET each); undefined when there are none. */
  made(): Promise<CollectionChanges> | undefined;
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
  readonly resource: AzureResourceRef;
  vm: VirtualMachine;
  private children?: Promise<RestorePointCollectionItem[]>;
  /** Counts loads: a load that a reset replaced while it ran leaves the items alone. */
  private generation = 0;
  /** The VM's own read, once it was refreshed; before that, the subscription's index. */
  private reread = false;
  private items = new Map<string, RestorePointCollectionItem>();

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly parent: TreeNode,
    vm: VirtualMachine,
    private readonly source: CollectionSource,
  ) {
    this.vm = trimVm(vm);
    this.resource = { id: vm.id ?? '', tenantId: subscription.tenantId };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.vm.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    this.ctx.activity.drawnAs(this.resource.id, this);
    item.description = vmDescription(this.vm);
    item.tooltip = new vscode.MarkdownString().appendText(`${this.vm.name}\n${vmDescription(this.vm)}\n${vscode.l10n.t('Power state: {0}', powerState(this.vm))}`);
    item.iconPath = themeIcon(vmIcon(this.vm));
    item.contextValue = vmContextValue(this.vm);
    return item;
  }

  /** A newer model from the subscription's VM list. */
  update(vm: VirtualMachine): void {
    this.vm = trimVm(vm);
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
    const dropped = this.items.get(key);
    if (!dropped || !this.children) return false;
    this.items.delete(key);
    this.ctx.activity.forget([dropped]);
    this.children = this.children.then((items) => items.filter((item) => idKey(item.resource.id) !== key));
    return true;
  }

  private async readCollections(): Promise<RestorePointCollection[]> {
    const known = [...this.items.values()].map((item) => item.collection);
    const groups = new Map<string, string>();
    for (const group of [groupOf(this.resource.id), ...known.map((c) => groupOf(c.id))]) if (group) groups.set(group.toLowerCase(), group);
    const listed = (await Promise.all([...groups.values()].map((group) => listRestorePointCollectionsIn(this.ctx.factory, this.subscription, group)))).flat();
    // A copy's source may be in a group not listed here: the subscription's index and the VM's known collections tell where it leads.
    const byId = new Map(await this.source.byId().catch(() => new Map<string, RestorePointCollection>()));
    for (const c of [...known, ...listed]) if (c.id) byId.set(idKey(c.id), c);
    const vm = idKey(this.resource.id);
    return listed.filter((c) => owningVmKey(c, byId) === vm);
  }

  /** The items for these collections: one already shown keeps its item (and its loaded restore points). */
  private itemsFor(collections: readonly RestorePointCollection[], generation: number): RestorePointCollectionItem[] {
    const items = [...collections].sort(compareCollections).map((c) => {
      const existing = this.items.get(idKey(c.id ?? ''));
      existing?.update(c);
      return existing ?? new RestorePointCollectionItem(this.ctx, this.subscription, this, c);
    });
    // A load a reset replaced meanwhile is someone else's past: the newer load's items stay.
    if (generation === this.generation) {
      const kept = new Set(items);
      this.ctx.activity.forget([...this.items.values()].filter((item) => !kept.has(item)));
      this.items = new Map(items.map((item) => [idKey(item.resource.id), item]));
    }
    return items;
  }

  private async load(generation: number): Promise<RestorePointCollectionItem[]> {
    const made = this.source.made();
    const [listed, changes] = await Promise.all([this.reread ? this.readCollections() : this.source.indexed(), made]);
    return this.itemsFor(merge(listed, changes), generation);
  }

  /** Collections made since the list was loaded: read now, added to it (or dropped when ARM has them no more). */
  private addMade(loaded: Promise<RestorePointCollectionItem[]>, made: Promise<CollectionChanges>, generation: number): Promise<RestorePointCollectionItem[]> {
    return Promise.all([loaded, made]).then(([items, changes]) => this.itemsFor(merge(items.map((item) => item.collection), changes), generation));
  }

  async getChildren(): Promise<TreeNode[]> {
    if (!this.children) this.children = this.load(this.generation);
    else {
      const made = this.source.made();
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
