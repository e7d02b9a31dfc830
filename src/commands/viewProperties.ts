import * as vscode from 'vscode';
import { getResourceProperties } from '../azure/arm';
import type { TreeNode } from '../tree/RestorePointsTreeProvider';
import type { CommandContext } from './commandContext';

export async function viewProperties(context: CommandContext, node?: TreeNode): Promise<vscode.Uri | undefined> {
  if (!node?.resource) return undefined;
  const { id, tenantId } = node.resource;
  const model = await vscode.window.withProgress({ location: { viewId: 'restorePoints.tree' } }, () => getResourceProperties(context.tree.factory, tenantId, id));
  const uri = context.properties.show(id, model);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: true });
  return uri;
}
