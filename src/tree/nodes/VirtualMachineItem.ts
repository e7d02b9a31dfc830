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
}

const groupOf = (id: string | undefined): string | undefined => parseResourceId(id ?? '')?.resourceGroup;

/**
 * A VM. Its collections come from the subscription's listing, so expanding it costs no request of
 * its own. A Refresh (or an action that made or removed one of its collections) lists the resource
 * groups its collections are in, its own group first: one page each, where the subscription-wide
 * list is one page per 50 collections of the whole subscription.
 */
export class VirtualMachineItem implements TreeNode {
  readonly resource: AzureResourceRef;
  readonly vm: VirtualMachine;
  private children?: Promise<RestorePointCollectionItem[]>;
  /** The VM's own read, once it was refreshed; before that, the subscription's index. */
  private reread = false;
  /** Groups to list at the next re-read beyond the VM's own and its known collections' (a collection just created elsewhere). */
  private readonly extraGroups = new Set<string>();
  private readonly items = new Map<string, RestorePointCollectionItem>();

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

  /** The next expansion reads this VM's collections again (not their restore points: each collection re-reads its own). */
  reset(): void {
    this.reread = true;
    this.children = undefined;
  }

  /** A collection was created or deleted for this VM: its group is listed at the re-read even if it is not the VM's. */
  collectionChanged(collectionId: string): void {
    const group = groupOf(collectionId);
    if (group) this.extraGroups.add(group.toLowerCase());
    this.reset();
  }

  private async readCollections(): Promise<RestorePointCollection[]> {
    const known = [...this.items.values()].map((item) => item.collection);
    const groups = new Map<string, string>();
    for (const group of [groupOf(this.resource.id), ...known.map((c) => groupOf(c.id)), ...this.extraGroups]) if (group) groups.set(group.toLowerCase(), group);
    const listed = (await Promise.all([...groups.values()].map((group) => listRestorePointCollectionsIn(this.ctx.factory, this.subscription, group)))).flat();
    this.extraGroups.clear();
    // A copy's source may be in a group not listed here: the subscription's index and the VM's known collections tell where it leads.
    const byId = new Map(await this.source.byId().catch(() => new Map<string, RestorePointCollection>()));
    for (const c of [...known, ...listed]) if (c.id) byId.set(idKey(c.id), c);
    const vm = idKey(this.resource.id);
    return listed.filter((c) => owningVmKey(c, byId) === vm).sort(compareCollections);
  }

  private async load(): Promise<RestorePointCollectionItem[]> {
    const collections = this.reread ? await this.readCollections() : await this.source.indexed();
    const items = collections.map((c) => {
      const existing = this.items.get(idKey(c.id ?? ''));
      existing?.update(c);
      return existing ?? new RestorePointCollectionItem(this.ctx, this.subscription, this, c);
    });
    this.items.clear();
    for (const item of items) this.items.set(idKey(item.resource.id), item);
    return items;
  }

  async getChildren(): Promise<TreeNode[]> {
    const loading = (this.children ??= this.load());
    try {
      const children = await loading;
      return children.length ? children : [new InfoItem(this, `${this.resource.id}/empty`, vscode.l10n.t('No restore point collections'))];
    } catch (error) {
      if (this.children === loading) this.children = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
