import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { listAllRestorePointCollections, listVirtualMachines, type SubscriptionInfo } from '../../azure/arm';
import { idKey } from '../../azure/ids';
import { indexCollections, orphanCollections, type CollectionIndex } from '../format/collections';
import { AZURE_RESOURCE, contextValue } from '../format/contextValue';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { LoadMoreItem, type Pageable } from './LoadMoreItem';
import { OrphanCollectionsItem } from './OrphanCollectionsItem';
import { VirtualMachineItem } from './VirtualMachineItem';

interface VmList {
  vms: VirtualMachine[];
  continuationToken?: string;
}

/**
 * A subscription. Expanding it starts two listings side by side: the first page of VMs (with
 * power state) and every page of the subscription's restore point collections, indexed by VM so
 * that no VM needs a request of its own. The VMs are shown as soon as their page arrives; a VM's
 * children wait for the collection index, which by then is usually there.
 */
export class SubscriptionItem implements TreeNode, Pageable {
  readonly resource: AzureResourceRef;
  private vmList?: Promise<VmList>;
  private collectionIndex?: Promise<CollectionIndex>;
  private readonly vmItems = new Map<string, VirtualMachineItem>();

  constructor(
    private readonly ctx: TreeContext,
    readonly subscription: SubscriptionInfo,
    /** The directory's name, shown when subscriptions of several tenants are listed. */
    private readonly tenantLabel?: string,
  ) {
    this.resource = { id: `/subscriptions/${subscription.subscriptionId}`, tenantId: subscription.tenantId, model: subscription };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    item.description = this.tenantLabel;
    item.tooltip = new vscode.MarkdownString().appendText(`${this.subscription.displayName}\n${this.subscription.subscriptionId}${this.tenantLabel ? `\n${this.tenantLabel}` : ''}`);
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = contextValue('subscription', AZURE_RESOURCE);
    return item;
  }

  reset(): void {
    this.vmList = undefined;
    this.collectionIndex = undefined;
    this.vmItems.clear();
  }

  /** A failed load is not kept: the error node's Retry (or the next expansion) tries again. */
  private keepUnlessFailed<T>(loading: Promise<T>, clear: (failed: Promise<T>) => void): Promise<T> {
    loading.catch(() => clear(loading));
    return loading;
  }

  private vms(): Promise<VmList> {
    this.vmList ??= this.keepUnlessFailed(
      listVirtualMachines(this.ctx.factory, this.subscription).then((page) => ({ vms: page.items, continuationToken: page.continuationToken })),
      (failed) => {
        if (this.vmList === failed) this.vmList = undefined;
      },
    );
    return this.vmList;
  }

  /** Every collection of the subscription, by VM; shared by all VMs, listed once. */
  private collections(): Promise<CollectionIndex> {
    this.collectionIndex ??= this.keepUnlessFailed(
      listAllRestorePointCollections(this.ctx.factory, this.subscription).then(indexCollections),
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
    const children: TreeNode[] = loaded.vms.map((vm) => this.vmItem(vm));
    if (loaded.continuationToken) {
      children.push(new LoadMoreItem(this, this.resource.id));
    } else {
      // Whether a collection's VM is gone can only be told once every VM is known, and the collections are.
      try {
        const orphans: RestorePointCollection[] = orphanCollections(await collections, loaded.vms.map((vm) => vm.id ?? ''));
        if (orphans.length) children.push(new OrphanCollectionsItem(this.ctx, this.resource.id, this.subscription, orphans));
      } catch {
        // Each VM shows the failure (with Retry) when expanded; the VM list itself is fine.
      }
    }
    if (!children.length) children.push(new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No virtual machines')));
    return children;
  }

  async loadMore(): Promise<void> {
    const loaded = await this.vms();
    if (!loaded.continuationToken) return;
    const next = await listVirtualMachines(this.ctx.factory, this.subscription, loaded.continuationToken);
    loaded.vms.push(...next.items);
    loaded.continuationToken = next.continuationToken;
    this.ctx.refresh(this);
  }

  /** A VM's collections, from the subscription-wide index. */
  private async collectionsOf(vmKey: string): Promise<RestorePointCollection[]> {
    return (await this.collections()).byVm.get(vmKey) ?? [];
  }

  /** The same item for the same VM, so that its loaded children survive this level being redrawn. */
  private vmItem(vm: VirtualMachine): VirtualMachineItem {
    const key = idKey(vm.id ?? '');
    let item = this.vmItems.get(key);
    if (!item) {
      item = new VirtualMachineItem(this.ctx, this.subscription, vm, () => this.collectionsOf(key));
      this.vmItems.set(key, item);
    }
    return item;
  }
}
