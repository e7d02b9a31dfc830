import * as vscode from 'vscode';
import { contextValue } from '../format/contextValue';
import type { TreeNode } from '../RestorePointsTreeProvider';

/** Something whose list came in pages and can fetch the next one. */
export interface Pageable extends TreeNode {
  /** `list` is the listing the clicked item ended: a listing that was replaced meanwhile gets nothing. */
  loadMore(list: unknown): Promise<void>;
}

export class LoadMoreItem implements TreeNode {
  constructor(
    readonly parent: Pageable,
    private readonly ownerId: string,
    /** The listing this item ends. */
    private readonly list: unknown,
  ) {}

  loadMore(): Promise<void> {
    return this.parent.loadMore(this.list);
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
