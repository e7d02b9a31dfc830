import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

/** From the view's title: everything; from a node: that node's children, loaded again. */
export function refresh(context: CommandContext, node?: TreeNode): void {
  node?.reset?.();
  context.tree.refresh(node);
}
