import * as vscode from 'vscode';

/** A node of the Restore Points tree: each kind is a small class of its own. */
export interface TreeNode {
  getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;
  getChildren?(): vscode.ProviderResult<TreeNode[]>;
}

/** Thin provider: forwards to the nodes and tells VS Code when something changed. */
export class RestorePointsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly roots: () => vscode.ProviderResult<TreeNode[]> = () => []) {}

  getTreeItem(node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): vscode.ProviderResult<TreeNode[]> {
    return node ? node.getChildren?.() ?? [] : this.roots();
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }
}
