import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { listCollections } from '../../azure/restorePointCollections';
import { listVirtualMachines } from '../../azure/virtualMachines';
import { idKey } from '../../azure/ids';
import { indexCollections, orphanCollections, type CollectionIndex } from '../format/collections';
import { AZURE_RESOURCE, contextValue } from '../format/contextValue';
import { trimCollection } from '../model/trimmed';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { LoadMoreItem, type Pageable } from './LoadMoreItem';
import { OrphanCollectionsItem } from './OrphanCollectionsItem';
import { VirtualMachineItem } from './VirtualMachineItem';

/** The VMs listed so far; "Load more…" adds the next page to this very object. */
interface VmList {
  vms: VirtualMachineItem[];
  continuationToken?: string;
  /** The page being fetched: a second click (or one during a refresh) waits for it instead of fetching it again. */
  loadingMore?: Promise<void>;
}

/**
 * A subscription. Expanding it starts two listings side by side: the first page of VMs (with
 * power state) and every page of the subscription's restore point collections, indexed by VM so
 * that no VM needs a request of its own. The VMs are shown as soon as their page arrives; a VM's
 * children wait for the collection index, which by then is usually there.
 */
export class SubscriptionItem implements TreeNode, Pageable {
  readonly resource: AzureResourceRef;
  readonly parent = undefined;
  private vmList?: Promise<VmList>;
  private collectionIndex?: Promise<CollectionIndex & { byId: Map<string, RestorePointCollection> }>;
  private orphans?: OrphanCollectionsItem;

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
    this.orphans = undefined;
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
        return { ...indexCollections(trimmed), byId: new Map(trimmed.filter((c) => c.id).map((c) => [idKey(c.id!), c])) };
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
      children.push(new LoadMoreItem(this, this.resource.id, loaded));
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
   * The next page, once: `list` is the listing the clicked "Load more…" belongs to. A click while
   * that page is coming waits for it; a click on a listing a refresh replaced, or after its page
   * arrived, fetches nothing. VS Code throws on two items with one id, so a VM is never added twice.
   */
  async loadMore(list: unknown): Promise<void> {
    const current = await this.vmList?.catch(() => undefined);
    if (!current || current !== list || !current.continuationToken) return;
    current.loadingMore ??= this.fetchNextPage(current).finally(() => (current.loadingMore = undefined));
    return current.loadingMore;
  }

  private async fetchNextPage(list: VmList): Promise<void> {
    const token = list.continuationToken;
    const next = await listVirtualMachines(this.ctx.factory, this.subscription, token);
    if (list.continuationToken !== token) return;
    list.vms.push(...this.vmItems(next.items, new Set(list.vms.map((vm) => idKey(vm.resource.id)))));
    list.continuationToken = next.continuationToken;
    if (this.vmList && (await this.vmList.catch(() => undefined)) === list) this.ctx.refresh(this);
  }

  /**
   * A collection deleted from under "Collections without a VM": it has no VM to re-read, and the
   * group is computed from the subscription's listing, so it leaves the listing (nothing is read).
   */
  async forgetCollection(collectionId: string): Promise<void> {
    const index = await this.collectionIndex?.catch(() => undefined);
    if (!index) return;
    const key = idKey(collectionId);
    const kept = (c: RestorePointCollection): boolean => idKey(c.id ?? '') !== key;
    index.unresolved = index.unresolved.filter(kept);
    for (const [vm, list] of index.byVm) index.byVm.set(vm, list.filter(kept));
    index.byId.delete(key);
    this.ctx.refresh(this);
  }

  private vmItems(vms: readonly VirtualMachine[], shown: Set<string>): VirtualMachineItem[] {
    const items: VirtualMachineItem[] = [];
    for (const vm of vms) {
      const key = idKey(vm.id ?? '');
      if (shown.has(key)) continue;
      shown.add(key);
      items.push(
        new VirtualMachineItem(this.ctx, this.subscription, this, vm, {
          indexed: async () => (await this.collections()).byVm.get(key) ?? [],
          byId: async () => (await this.collections()).byId,
        }),
      );
    }
    return items;
  }
}
