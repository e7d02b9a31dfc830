import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { powerState, vmContextValue, vmDescription, vmIcon } from '../format/virtualMachine';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { InfoItem } from './ErrorItem';
import { themeIcon } from './icons';
import { RestorePointCollectionItem } from './RestorePointCollectionItem';

/** A VM; its collections come from the subscription's listing, so expanding it costs no request. */
export class VirtualMachineItem implements TreeNode {
  readonly resource: AzureResourceRef;
  private readonly children: RestorePointCollectionItem[];

  constructor(
    ctx: TreeContext,
    subscription: SubscriptionInfo,
    readonly vm: VirtualMachine,
    collections: readonly RestorePointCollection[],
  ) {
    this.resource = { id: vm.id ?? '', tenantId: subscription.tenantId, model: vm };
    this.children = collections.map((c) => new RestorePointCollectionItem(ctx, subscription, c));
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
    for (const child of this.children) child.reset();
  }

  getChildren(): TreeNode[] {
    return this.children.length ? this.children : [new InfoItem(`${this.resource.id}/empty`, vscode.l10n.t('No restore point collections'))];
  }
}
