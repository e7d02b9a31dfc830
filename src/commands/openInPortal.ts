import * as vscode from 'vscode';
import { portalUrl } from '../azure/cloud';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

/** Opens the resource in the portal of the cloud the extension is signed in to, in the resource's tenant. */
export async function openInPortal(context: CommandContext, node?: TreeNode): Promise<string | undefined> {
  if (!node?.resource) return undefined;
  const url = portalUrl(context.tree.factory.cloud, node.resource.tenantId, node.resource.id);
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}
