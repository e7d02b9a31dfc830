import * as vscode from 'vscode';
import { contextValue } from '../format/contextValue';
import type { TreeNode } from '../RestorePointsTreeProvider';
import { errorCode, errorMessage, statusCode } from '../../azure/errors';
import type { TreeContext } from './context';

/** A level that failed to load: ARM's message, and Retry reloads the level. */
export class ErrorItem implements TreeNode {
  constructor(
    private readonly ctx: TreeContext,
    /** The node whose children failed; undefined for the root. */
    readonly parent: TreeNode | undefined,
    readonly parentId: string,
    readonly error: unknown,
  ) {}

  retry(): void {
    this.parent?.reset?.();
    this.ctx.refresh(this.parent);
  }

  getTreeItem(): vscode.TreeItem {
    const message = errorMessage(this.error);
    const item = new vscode.TreeItem(vscode.l10n.t('Error: {0}', message), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parentId}/error`;
    item.description = vscode.l10n.t('Retry');
    const code = errorCode(this.error);
    item.tooltip = code ? `${code}: ${message}` : message;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = contextValue('error', 'retry');
    item.command = { command: 'restorePoints.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}

/** A 403: the signed-in identity may not read this; retrying will not help until access is granted. */
export class NoAccessItem implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly parentId: string,
    readonly error: unknown,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const reason = errorMessage(this.error);
    const item = new vscode.TreeItem(vscode.l10n.t('No access'), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parentId}/noAccess`;
    item.description = reason;
    item.tooltip = new vscode.MarkdownString().appendText(reason);
    item.iconPath = new vscode.ThemeIcon('lock');
    item.contextValue = contextValue('noAccess');
    return item;
  }
}

/** A level that loaded fine and is empty, said in words rather than as a blank. */
export class InfoItem implements TreeNode {
  constructor(
    readonly parent: TreeNode,
    readonly id: string,
    private readonly label: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = contextValue('info');
    return item;
  }
}

/** Turns a failed load into the node that explains it. */
export function failureNode(ctx: TreeContext, parent: TreeNode | undefined, parentId: string, error: unknown): TreeNode {
  return statusCode(error) === 403 ? new NoAccessItem(parent, parentId, error) : new ErrorItem(ctx, parent, parentId, error);
}
