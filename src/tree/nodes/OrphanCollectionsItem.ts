import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { idKey } from '../../azure/ids';
import { contextValue } from '../format/contextValue';
import type { TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { RestorePointCollectionItem } from './RestorePointCollectionItem';

/** Collections whose VM was deleted: their restore points remain (and are billed), so they are shown, apart. */
export class OrphanCollectionsItem implements TreeNode {
  private children: RestorePointCollectionItem[] = [];

  constructor(
    private readonly ctx: TreeContext,
    readonly parent: TreeNode & { readonly resource: { readonly id: string } },
    private readonly subscription: SubscriptionInfo,
  ) {}

  /** The collections to show; one shown already keeps its item, so its loaded restore points are not read again. */
  show(collections: readonly RestorePointCollection[]): this {
    const shown = new Map(this.children.map((item) => [idKey(item.resource.id), item]));
    const children = collections.map((c) => shown.get(idKey(c.id ?? '')) ?? new RestorePointCollectionItem(this.ctx, this.subscription, this, c, true));
    const kept = new Set(children);
    this.ctx.activity.forget(this.children.filter((item) => !kept.has(item)));
    this.children = children;
    return this;
  }

  shows(key: string): boolean {
    return this.children.some((item) => idKey(item.resource.id) === key);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Collections without a VM'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.parent.resource.id}/orphanCollections`;
    item.description = String(this.children.length);
    item.tooltip = vscode.l10n.t('Restore point collections whose virtual machine no longer exists.');
    item.iconPath = new vscode.ThemeIcon('warning');
    item.contextValue = contextValue('orphanCollections');
    return item;
  }

  getChildren(): TreeNode[] {
    return this.children;
  }
}
