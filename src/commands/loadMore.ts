import * as vscode from 'vscode';
import { LoadMoreItem } from '../tree/nodes/LoadMoreItem';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

export async function loadMore(_context: CommandContext, node?: TreeNode): Promise<void> {
  if (!(node instanceof LoadMoreItem)) return;
  await vscode.window.withProgress({ location: { viewId: 'restorePoints.tree' } }, () => node.loadMore());
}
