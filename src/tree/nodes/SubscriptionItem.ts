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

interface Loaded {
  vms: VirtualMachine[];
  continuationToken?: string;
  collections: CollectionIndex;
}

/**
 * A subscription. Expanding it makes two requests side by side: the first page of VMs (with
 * power state) and every page of the subscription's restore point collections, indexed by VM so
 * that no VM needs a request of its own.
 */
export class SubscriptionItem implements TreeNode, Pageable {
  readonly resource: AzureResourceRef;
  private loaded?: Promise<Loaded>;
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
    this.loaded = undefined;
    this.vmItems.clear();
  }

  private load(): Promise<Loaded> {
    if (this.loaded) return this.loaded;
    const loading = (async () => {
      const [page, collections] = await Promise.all([
        listVirtualMachines(this.ctx.factory, this.subscription),
        listAllRestorePointCollections(this.ctx.factory, this.subscription),
      ]);
      return { vms: page.items, continuationToken: page.continuationToken, collections: indexCollections(collections) };
    })();
    this.loaded = loading;
    // A failed load is not kept: the error node's Retry (or the next expansion) tries again.
    loading.catch(() => {
      if (this.loaded === loading) this.loaded = undefined;
    });
    return loading;
  }

  async getChildren(): Promise<TreeNode[]> {
    let loaded: Loaded;
    try {
      loaded = await this.load();
    } catch (error) {
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
    const children: TreeNode[] = loaded.vms.map((vm) => this.vmItem(vm, loaded.collections.byVm.get(idKey(vm.id ?? '')) ?? []));
    if (loaded.continuationToken) {
      children.push(new LoadMoreItem(this, this.resource.id));
    } else {
      // Whether a collection's VM is gone can only be told once every VM is known.
      const orphans: RestorePointCollection[] = orphanCollections(loaded.collections, loaded.vms.map((vm) => vm.id ?? ''));
      if (orphans.length) children.push(new OrphanCollectionsItem(this.ctx, this.resource.id, this.subscription, orphans));
    }
    if (!children.length) children.push(new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No virtual machines')));
    return children;
  }

  async loadMore(): Promise<void> {
    const loaded = await this.load();
    if (!loaded.continuationToken) return;
    const next = await listVirtualMachines(this.ctx.factory, this.subscription, loaded.continuationToken);
    loaded.vms.push(...next.items);
    loaded.continuationToken = next.continuationToken;
    this.ctx.refresh(this);
  }

  /** The same item for the same VM, so that its loaded children survive this level being redrawn. */
  private vmItem(vm: VirtualMachine, collections: RestorePointCollection[]): VirtualMachineItem {
    const key = idKey(vm.id ?? '');
    let item = this.vmItems.get(key);
    if (!item) {
      item = new VirtualMachineItem(this.ctx, this.subscription, vm, collections);
      this.vmItems.set(key, item);
    }
    return item;
  }
}
