import * as vscode from 'vscode';
import { contextValue } from '../format/contextValue';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** Something whose list came in pages and can fetch the next one. */
export interface Pageable extends TreeNode {
  /** `token` is the continuation token the clicked item ended: once the list moved past it, a click fetches nothing. */
  loadMore(token: string): Promise<void>;
}

export class LoadMoreItem implements TreeNode {
  constructor(
    readonly parent: Pageable,
    private readonly ownerId: string,
    /** The continuation token of the page this item ends: the next page is asked with it, once. */
    private readonly token: string,
  ) {}

  loadMore(): Promise<void> {
    return this.parent.loadMore(this.token);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.ownerId}/loadMore`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = contextValue('loadMore');
    item.command = { command: 'restorePoints.loadMore', title: vscode.l10n.t('Load more…'), arguments: [this] };
    return item;
  }
}
