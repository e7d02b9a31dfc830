import * as vscode from 'vscode';

/** The ARM resource behind a node, for the commands every Azure node has. */
export interface AzureResourceRef {
  readonly id: string;
  readonly tenantId: string;
}

/** A node of the Restore Points tree: each kind is a small class of its own. */
export interface TreeNode {
  /** The node this one is shown under; undefined for the roots. */
  readonly parent?: TreeNode;
  getTreeItem(): vscode.TreeItem | Promise<vscode.TreeItem>;
  getChildren?(): vscode.ProviderResult<TreeNode[]>;
  /** Fills in what is costly to know (a tooltip that needs a request) when VS Code asks, on hover. */
  resolveTreeItem?(item: vscode.TreeItem): Promise<vscode.TreeItem>;
  readonly resource?: AzureResourceRef;
  /** Forgets loaded children so that the next getChildren asks ARM again. */
  reset?(): void;
  /** Refresh: reads the item itself again (a restore point's state, a collection with its restore points), before it is redrawn. */
  reload?(): Promise<void>;
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

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.ProviderResult<vscode.TreeItem> {
    return node.resolveTreeItem ? node.resolveTreeItem(item) : item;
  }

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }
}
