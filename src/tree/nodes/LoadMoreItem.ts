import * as vscode from 'vscode';
import { contextValue } from '../format/contextValue';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** Something whose list came in pages and can fetch the next one. */
export interface Pageable {
  loadMore(): Promise<void>;
}

export class LoadMoreItem implements TreeNode {
  constructor(
    readonly owner: Pageable,
    private readonly ownerId: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.ownerId}/loadMore`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = contextValue('loadMore');
    item.command = { command: 'restorePoints.loadMore', title: vscode.l10n.t('Load more…'), arguments: [this] };
    return item;
  }
}
