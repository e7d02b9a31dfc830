import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { powerState, vmContextValue, vmDescription, vmIcon } from '../format/virtualMachine';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { failureNode, InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointCollectionItem } from './RestorePointCollectionItem';

/** A VM; its collections come from the subscription's listing, so expanding it costs no request of its own. */
export class VirtualMachineItem implements TreeNode {
  readonly resource: AzureResourceRef;
  private children?: Promise<RestorePointCollectionItem[]>;

  constructor(
    private readonly ctx: TreeContext,
    private readonly subscription: SubscriptionInfo,
    readonly vm: VirtualMachine,
    /** The subscription's collection index, shared by every VM (listed once, retried after a failure). */
    private readonly collections: () => Promise<readonly RestorePointCollection[]>,
  ) {
    this.resource = { id: vm.id ?? '', tenantId: subscription.tenantId, model: vm };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.vm.name ?? this.resource.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.resource.id;
    item.description = vmDescription(this.vm);
    item.tooltip = new vscode.MarkdownString().appendText(`${this.vm.name}\n${vmDescription(this.vm)}\n${vscode.l10n.t('Power state: {0}', powerState(this.vm))}`);
    item.iconPath = themeIcon(vmIcon(this.vm));
    item.contextValue = vmContextValue(this.vm);
    return item;
  }

  /** The collections themselves come with the subscription's listing; their contents are reloaded. */
  reset(): void {
    void this.children?.then((children) => children.forEach((child) => child.reset())).catch(() => undefined);
  }

  async getChildren(): Promise<TreeNode[]> {
    const loading = (this.children ??= this.collections().then((list) => list.map((c) => new RestorePointCollectionItem(this.ctx, this.subscription, c))));
    try {
      const children = await loading;
      return children.length ? children : [new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No restore point collections'))];
    } catch (error) {
      if (this.children === loading) this.children = undefined;
      return [failureNode(this.ctx, this, this.resource.id, error)];
    }
  }
}
