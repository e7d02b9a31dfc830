import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { statusCode } from '../../azure/errors';
import { listCollections, readCollection } from '../../azure/restorePointCollections';
import { listVirtualMachines } from '../../azure/virtualMachines';
import { idKey } from '../../azure/ids';
import { addToIndex, indexCollections, isVmId, orphanCollections, owningVmKey, removeFromIndex, type CollectionIndex } from '../format/collections';
import { AZURE_RESOURCE, contextValue } from '../format/contextValue';
import { StringPool } from '../../azure/stringPool';
import { summarizeVm, trimCollection } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { LoadMoreItem, type Pageable } from './LoadMoreItem';
import { OrphanCollectionsItem } from './OrphanCollectionsItem';
import { VirtualMachineItem, type CollectionChanges, type CollectionSource } from './VirtualMachineItem';

/** The VMs listed so far; "Load more…" adds the next page to this very object. */
interface VmList {
  vms: VirtualMachineItem[];
  continuationToken?: string;
  /** The page being fetched and the token it was asked with: a second click on the same "Load more…" waits for it. */
  loadingMore?: { token: string; done: Promise<void> };
}

/**
 * A subscription. Expanding it starts two listings side by side: the first page of VMs (with
 * power state) and every page of the subscription's restore point collections, indexed by VM so
 * that no VM needs a request of its own. The VMs are shown as soon as their page arrives; a VM's
 * children wait for the collection index, which by then is usually there.
 */
export class SubscriptionItem implements TreeNode, Pageable, CollectionSource {
  readonly resource: AzureResourceRef;
  readonly parent = undefined;
  private vmList?: Promise<VmList>;
  private collectionIndex?: Promise<CollectionIndex>;
  private orphans?: OrphanCollectionsItem;
  /** Collections made for a VM (by its id key) and not read yet: read when that VM's collections are drawn. */
  private readonly made = new Map<string, Set<string>>();
  /**
   * The VM items by id key, kept across a Refresh of the subscription as the lower levels keep
   * theirs: a VM listed again keeps its loaded collections, so a redraw reads nothing below it.
   */
  private readonly vmItemsByKey = new Map<string, VirtualMachineItem>();
  /**
   * One copy of each VM's id and id key, shared by its item and by the collections that name it
   * (a collection's source, the index's key): parsed apart, 15,000 collections held a second and a
   * third copy of their VM's (about 5 MB). Cleared with the listings it serves.
   */
  private readonly vmIds = new StringPool();

  constructor(
    private readonly ctx: TreeContext,
    readonly subscription: SubscriptionInfo,
    /** The directory's name, shown when subscriptions of several tenants are listed. */
    private readonly tenantLabel?: string,
  ) {
    this.resource = { id: `/subscriptions/${subscription.subscriptionId}`, tenantId: subscription.tenantId };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    this.ctx.activity.drawnAs(this.resource.id, this);
    item.description = this.tenantLabel;
    item.tooltip = new vscode.MarkdownString().appendText(`${this.subscription.displayName}\n${this.subscription.subscriptionId}${this.tenantLabel ? `\n${this.tenantLabel}` : ''}`);
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = contextValue('subscription', AZURE_RESOURCE);
    return item;
  }

  /** Refresh on a subscription: its VM list and its collections, read again. */
  reset(): void {
    this.vmList = undefined;
    this.collectionIndex = undefined;
    if (this.orphans) this.ctx.activity.forget([this.orphans]);
    this.orphans = undefined;
    // The new listing has every collection: the VMs take theirs from it.
    this.made.clear();
    this.vmIds.clear();
    for (const vm of this.vmItemsByKey.values()) vm.reindex();
  }

  /** A failed load is not kept: the error node's Retry (or the next expansion) tries again. */
  private keepUnlessFailed<T>(loading: Promise<T>, clear: (failed: Promise<T>) => void): Promise<T> {
    loading.catch(() => clear(loading));
    return loading;
  }

  private vms(): Promise<VmList> {
    this.vmList ??= this.keepUnlessFailed(
      listVirtualMachines(this.ctx.factory, this.subscription).then((page) => ({ vms: this.vmItems(page.items, new Set()), continuationToken: page.continuationToken })),
      (failed) => {
        if (this.vmList === failed) this.vmList = undefined;
      },
    );
    return this.vmList;
  }

  /** Every collection of the subscription, by VM; shared by all VMs, listed once. */
  private collections(): NonNullable<typeof this.collectionIndex> {
    this.collectionIndex ??= this.keepUnlessFailed(
      listCollections(this.ctx.factory, this.subscription).then((all) => {
        const trimmed = all.map(trimCollection);
        for (const c of trimmed) if (c.source?.id && isVmId(c.source.id)) c.source.id = this.sharedId(c.source.id);
        return indexCollections(trimmed, (vmKey) => this.sharedId(vmKey));
      }),
      (failed) => {
        if (this.collectionIndex === failed) this.collectionIndex = undefined;
      },
    );
    return this.collectionIndex;
  }

  async getChildren(): Promise<TreeNode[]> {
    // Started before the VM page is awaited, so both travel at once.
    const collections = this.collections();
    let loaded: VmList;
    try {
      loaded = await this.vms();
    } catch (error) {
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
    const children: TreeNode[] = [...loaded.vms];
    if (loaded.continuationToken) {
      children.push(new LoadMoreItem(this, this.resource.id, loaded.continuationToken));
    } else {
      // Whether a collection's VM is gone can only be told once every VM is known, and the collections are.
      try {
        const orphans: RestorePointCollection[] = orphanCollections(await collections, loaded.vms.map((vm) => vm.resource.id));
        this.orphans ??= new OrphanCollectionsItem(this.ctx, this, this.subscription);
        if (orphans.length) children.push(this.orphans.show(orphans));
      } catch {
        // Each VM shows the failure (with Retry) when expanded; the VM list itself is fine.
      }
    }
    if (!children.length) children.push(new InfoItem(this, `${this.resource.id}/empty`, vscode.l10n.t('No virtual machines')));
    return children;
  }

  /**
   * The next page, once: `token` is the continuation token the clicked "Load more…" ends. A click
   * while that page is coming waits for it; a click on an item whose page already arrived (VS Code
   * has not redrawn it yet) or whose listing a refresh replaced fetches nothing, since the listing
   * has moved on to another token. VS Code throws on two items with one id.
   */
  async loadMore(token: string): Promise<void> {
    const current = await this.vmList?.catch(() => undefined);
    if (!current) return;
    if (current.loadingMore?.token === token) return current.loadingMore.done;
    if (current.continuationToken !== token) return;
    const done = this.fetchNextPage(current, token).finally(() => {
      if (current.loadingMore?.done === done) current.loadingMore = undefined;
    });
    current.loadingMore = { token, done };
    return done;
  }

  private async fetchNextPage(list: VmList, token: string): Promise<void> {
    const next = await listVirtualMachines(this.ctx.factory, this.subscription, token);
    if (list.continuationToken !== token) return;
    list.vms.push(...this.vmItems(next.items, new Set(list.vms.map((vm) => vm.key))));
    list.continuationToken = next.continuationToken;
    if (this.vmList && (await this.vmList.catch(() => undefined)) === list) this.ctx.refresh(this);
  }

  /**
   * A collection was made (or changed) for `vmKey`'s VM: it is read (one GET) when that VM's
   * collections are next drawn, not now, and placed in the index; nothing else is listed again.
   */
  collectionMade(collectionId: string, vmKey: string): void {
    this.toRead(collectionId, vmKey);
    const vm = this.vmItemsByKey.get(vmKey);
    if (vm) this.ctx.refresh(vm);
  }

  private toRead(collectionId: string, vmKey: string): void {
    const ids = this.made.get(vmKey) ?? new Set<string>();
    ids.add(collectionId);
    this.made.set(vmKey, ids);
  }

  /** The VM a collection of the index belongs to, when the index is loaded and knows it. */
  async ownerOf(collectionId: string): Promise<string | undefined> {
    const index = await this.collectionIndex?.catch(() => undefined);
    const known = index?.byId.get(idKey(collectionId));
    return known && index ? owningVmKey(known, index.byId) : undefined;
  }

  /**
   * A collection is gone (deleted by an action, or a read found it no more): it leaves the index,
   * the VM showing it and "Collections without a VM", and nothing is read.
   */
  async collectionGone(collectionId: string): Promise<void> {
    const key = idKey(collectionId);
    for (const ids of this.made.values()) for (const id of ids) if (idKey(id) === key) ids.delete(id);
    const index = await this.collectionIndex?.catch(() => undefined);
    if (index) removeFromIndex(index, key);
    for (const vm of this.vmItemsByKey.values()) if (vm.dropCollection(key)) this.ctx.refresh(vm);
    if (this.orphans?.shows(key)) this.ctx.refresh(this);
  }

  private sharedId(id: string): string {
    return this.vmIds.share(id);
  }

  async indexedCollections(vmKey: string): Promise<readonly RestorePointCollection[]> {
    return (await this.collections()).byVm.get(vmKey) ?? [];
  }

  async collectionsById(): Promise<ReadonlyMap<string, RestorePointCollection>> {
    return (await this.collections()).byId;
  }

  collectionsMadeFor(vmKey: string): Promise<CollectionChanges> | undefined {
    return this.made.get(vmKey)?.size ? this.readMade(vmKey) : undefined;
  }

  /** Reads the collections made for a VM since it was drawn; those ARM no longer has are dropped. */
  private async readMade(vmKey: string): Promise<CollectionChanges> {
    const ids = [...(this.made.get(vmKey) ?? [])];
    this.made.delete(vmKey);
    const changes: CollectionChanges = { found: [], gone: [] };
    try {
      for (const read of await Promise.all(ids.map((id) => readCollection(this.ctx.factory, this.subscription, id).then(trimCollection, (error: unknown) => (statusCode(error) === 404 ? id : Promise.reject(error)))))) {
        if (typeof read === 'string') changes.gone.push(idKey(read));
        else changes.found.push(read);
      }
    } catch (error) {
      // Read again at the next draw: the VM shows the failure with Retry meanwhile.
      for (const id of ids) this.toRead(id, vmKey);
      throw error;
    }
    const index = await this.collectionIndex?.catch(() => undefined);
    if (index) {
      for (const key of changes.gone) removeFromIndex(index, key);
      for (const c of changes.found) addToIndex(index, c, vmKey);
    }
    return changes;
  }

  private vmItems(vms: readonly VirtualMachine[], shown: Set<string>): VirtualMachineItem[] {
    const items: VirtualMachineItem[] = [];
    for (const vm of vms) {
      const summary = { ...summarizeVm(vm), id: this.sharedId(vm.id ?? '') };
      const key = this.sharedId(idKey(summary.id));
      if (shown.has(key)) continue;
      shown.add(key);
      let item = this.vmItemsByKey.get(key);
      if (item) item.update(summary);
      else {
        item = new VirtualMachineItem(this.ctx, this.subscription, this, summary, key);
        this.vmItemsByKey.set(key, item);
      }
      items.push(item);
    }
    return items;
  }
}

