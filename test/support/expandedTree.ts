import * as vscode from 'vscode';
import type { RestorePointsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/RestorePointsTreeProvider';

const LOAD_MORE = 'Load more…';

/**
 * Plays VS Code's part for a tree expanded from the test: it remembers which items are expanded,
 * collects the items the extension asks to redraw (onDidChangeTreeData), and redraws them the way
 * VS Code does: the item, and if it is expanded its children, and so on for each child that was expanded. What that reads
 * from ARM is what a user with this tree open would cost.
 */
export class ExpandedTree implements vscode.Disposable {
  private readonly expanded = new Set<string>();
  private readonly asked: (TreeNode | undefined)[] = [];
  private readonly listener: vscode.Disposable;

  constructor(private readonly api: RestorePointsApi) {
    this.listener = api.treeProvider.onDidChangeTreeData((node) => this.asked.push(node ?? undefined));
  }

  private async idOf(node: TreeNode): Promise<string | undefined> {
    return (await this.api.treeProvider.getTreeItem(node)).id;
  }

  /** Expands `node` and everything under it, clicking "Load more…" until each list is complete. */
  async expandAll(node: TreeNode): Promise<void> {
    const id = await this.idOf(node);
    if (id) this.expanded.add(id);
    let shown = (await this.api.treeProvider.getChildren(node)) ?? [];
    for (;;) {
      const last = shown.length ? await this.api.treeProvider.getTreeItem(shown[shown.length - 1]) : undefined;
      if (last?.label !== LOAD_MORE || !last.command) break;
      await vscode.commands.executeCommand(last.command.command, ...(last.command.arguments ?? []));
      shown = (await this.api.treeProvider.getChildren(node)) ?? [];
    }
    await Promise.all(
      shown.map(async (child) => {
        const item = await this.api.treeProvider.getTreeItem(child);
        if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await this.expandAll(child);
      }),
    );
  }

  /** Forgets what was asked so far. */
  clear(): void {
    this.asked.length = 0;
  }

  /**
   * Redraws what the extension asked for since the last call, each time it was asked, as VS Code
   * may; returns the items asked for (undefined: the whole tree), repeats included.
   */
  async redraw(): Promise<(TreeNode | undefined)[]> {
    const asked = [...this.asked];
    this.clear();
    for (const node of asked) await this.redrawExpanded(node);
    return asked;
  }

  /** A collapsed item is drawn again, its children are not asked for: VS Code asks only when it is expanded. */
  private async redrawExpanded(node: TreeNode | undefined): Promise<void> {
    if (node) {
      const id = await this.idOf(node);
      if (!id || !this.expanded.has(id)) return;
    }
    const shown = (await this.api.treeProvider.getChildren(node)) ?? [];
    await Promise.all(
      shown.map((child) => this.redrawExpanded(child)),
    );
  }

  dispose(): void {
    this.listener.dispose();
  }
}
