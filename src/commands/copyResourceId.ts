import * as vscode from 'vscode';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

export async function copyResourceId(_context: CommandContext, node?: TreeNode): Promise<string | undefined> {
  if (!node?.resource) return undefined;
  await vscode.env.clipboard.writeText(node.resource.id);
  return node.resource.id;
}
