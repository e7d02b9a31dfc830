import * as vscode from 'vscode';
import { idKey } from '../azure/ids';
import type { ItemActivity, OperationKind } from './format/activity';
import type { TreeNode } from './RestorePointsTreeProvider';

/** Where the tree learns what is going on: the operation journal and the replication watches. Both fire with a resource id. */
export interface ActivitySources {
  readonly operations: { kindOf(resourceId: string): OperationKind | undefined; expiryOf?(resourceId: string): number | undefined; readonly onDidChange: vscode.Event<string> };
  readonly replication: { get(restorePointId: string): ItemActivity['replication']; readonly onDidChange: vscode.Event<string> };
}

/**
 * Tells nodes what is going on on their resource, and redraws just the one item whose activity
 * changed (a percentage, an operation starting or ending), never the whole tree: nodes say when
 * VS Code draws them, so the item to redraw is the one on screen.
 */
export class TreeActivity implements vscode.Disposable {
  private readonly drawn = new Map<string, TreeNode>();
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly sources: ActivitySources | undefined,
    private readonly redraw: (node: TreeNode) => void,
  ) {
    this.listeners = sources ? [sources.operations.onDidChange((id) => this.changed(id)), sources.replication.onDidChange((id) => this.changed(id))] : [];
  }

  of(resourceId: string): ItemActivity {
    const operation = this.sources?.operations.kindOf(resourceId);
    const accessUntil = operation === 'accessGranted' ? this.sources?.operations.expiryOf?.(resourceId) : undefined;
    return { operation, replication: this.sources?.replication.get(resourceId), ...(accessUntil !== undefined && accessUntil > Date.now() ? { accessUntil } : {}) };
  }

  /** Called from getTreeItem: this node is the one VS Code shows for the resource. A node that keeps its id key gives it, so the key is not held twice. */
  drawnAs(resourceId: string, node: TreeNode, key = idKey(resourceId)): void {
    this.drawn.set(key, node);
  }

  /**
   * Nodes their parent no longer shows (a new load replaced them, or they were dropped), and every
   * node drawn below them: a change to their resource must not act on them any more.
   */
  forget(removed: Iterable<TreeNode>): void {
    const gone = new Set(removed);
    if (!gone.size) return;
    for (const [key, node] of this.drawn) {
      for (let n: TreeNode | undefined = node; n; n = n.parent) {
        if (gone.has(n)) {
          this.drawn.delete(key);
          break;
        }
      }
    }
  }

  /** The whole tree is made anew. */
  forgetAll(): void {
    this.drawn.clear();
  }

  nodeOf(resourceId: string): TreeNode | undefined {
    return this.drawn.get(idKey(resourceId));
  }

  private changed(resourceId: string): void {
    const node = this.nodeOf(resourceId);
    if (node) this.redraw(node);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
