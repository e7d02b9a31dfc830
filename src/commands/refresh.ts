import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

/** From the view's title: everything; from a node: that node, read again from ARM. */
export async function refresh(context: CommandContext, node?: TreeNode): Promise<void> {
  if (node) await context.tree.reread(node);
  else context.tree.refresh();
}
