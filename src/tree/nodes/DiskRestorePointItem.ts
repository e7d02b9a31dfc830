import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../azure/arm';
import { diskContextValue, diskDescription, diskIcon, type DiskRow } from '../format/restorePoint';
import type { AzureResourceRef, TreeNode } from '../RestorePointsTreeProvider';
import type { TreeContext } from './context';
import { themeIcon } from './icons';

/** What a disk row reads of its restore point's node (a RestorePointItem, which builds the rows). */
export interface DiskRestorePointParent extends TreeNode {
  readonly busy: boolean;
  readonly copyIncomplete: boolean;
}

/** A disk restore point row: built from its restore point, so it has nothing of its own to re-read. */
export class DiskRestorePointItem implements TreeNode {
  readonly resource: AzureResourceRef;

  constructor(
    subscription: SubscriptionInfo,
    readonly parent: DiskRestorePointParent,
    readonly row: DiskRow,
    private readonly ctx?: TreeContext,
  ) {
    this.resource = { id: row.id, tenantId: subscription.tenantId };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.row.id;
    this.ctx?.activity.drawnAs(this.resource.id, this);
    const activity = this.ctx?.activity.of(this.resource.id) ?? {};
    item.description = diskDescription(this.row, vscode.l10n.t, activity);
    item.tooltip = new vscode.MarkdownString().appendText(`${this.row.name}\n${item.description}`);
    item.iconPath = themeIcon(diskIcon(this.row));
    item.contextValue = diskContextValue(this.row, this.parent.busy || activity.operation === 'downloadDisk', this.parent.copyIncomplete, activity.accessUntil !== undefined);
    return item;
  }
}
