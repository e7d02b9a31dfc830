import { ErrorItem } from '../tree/nodes/ErrorItem';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

export function retry(context: CommandContext, node?: TreeNode): void {
  if (node instanceof ErrorItem) node.retry();
  else context.tree.refresh();
}
