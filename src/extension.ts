import * as vscode from 'vscode';
import type { CommandContext } from './commands/commandContext';
import { registerCommands } from './commands/registerCommands';
import { PROPERTIES_SCHEME, PropertiesDocuments } from './commands/viewProperties';
import { AzureTree } from './tree/AzureTree';
import type { RestorePointsTreeProvider } from './tree/RestorePointsTreeProvider';

/** What activate() returns; the integration tests read the tree through it, as VS Code does. */
export interface RestorePointsApi {
  readonly treeProvider: RestorePointsTreeProvider;
}

export function activate(context: vscode.ExtensionContext): RestorePointsApi {
  const log = vscode.window.createOutputChannel('Restore Points', { log: true });
  const tree = new AzureTree(context);
  const properties = new PropertiesDocuments();
  const commandContext: CommandContext = { tree, properties, log };
  context.subscriptions.push(
    log,
    tree,
    vscode.window.registerTreeDataProvider('restorePoints.tree', tree.provider),
    vscode.workspace.registerTextDocumentContentProvider(PROPERTIES_SCHEME, properties),
    ...registerCommands(commandContext),
  );
  return { treeProvider: tree.provider };
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
